"""One base exception for every data problem the platform reports.

Every message says where (file, row, field), what was expected, what was found and how to fix it, in Vietnamese
first and English second. Errors are built from structured :class:`Problem` records kept as attributes, so the UI
and the CLI can render them in either language and tests can assert on fields rather than on prose.

Row numbers are the ones a person sees when opening the file: in a CSV or Excel sheet the header is row 1 and the
first data row is row 2; in a GeoJSON file the first feature is row 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Lang = Literal["vi", "en"]


@dataclass(frozen=True)
class Text:
    """A phrase in Vietnamese and English."""

    vi: str
    en: str

    def __call__(self, lang: Lang = "vi") -> str:
        return self.vi if lang == "vi" else self.en


# What was found, when what was found is nothing: said in both languages (a ``found`` value that is prose is a Text).
NO_SUCH_FILE = Text("không tìm thấy tệp", "no such file")
NO_FILE_YET = Text("chưa có tệp", "no file yet")


def _text(value: Text | str | None) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    return Text(value, value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one input."""

    file: str | None = None
    row: int | None = None
    field: str | None = None
    expected: Text | str | None = None
    found: object = None
    fix: Text | str | None = None
    code: str | None = None  # a stable machine name of the kind of problem ("crs_needed", "zip_unsafe_path"…)

    def render(self, lang: Lang = "vi") -> str:
        vi = lang == "vi"
        where = []
        if self.file:
            where.append(("Tệp " if vi else "File ") + str(self.file))
        if self.row is not None:
            where.append(("dòng " if vi else "row ") + str(self.row))
        if self.field:
            where.append(("cột " if vi else "field ") + str(self.field))
        details = []
        expected = _text(self.expected)
        if expected is not None:
            details.append(("cần " if vi else "expected ") + expected(lang))
        if self.found is not None:
            found = self.found(lang) if isinstance(self.found, Text) else repr(self.found)
            details.append(("nhận được " if vi else "found ") + found)
        text = ", ".join(where)
        if details:
            text = (text + ": " if text else "") + "; ".join(details)
        fix = _text(self.fix)
        if fix is not None:
            text += (". Cách sửa: " if vi else ". Fix: ") + fix(lang)
        return text


class GeoDataError(Exception):
    """Base of every domain error. Holds one or more :class:`Problem` records."""

    title = Text("Dữ liệu không hợp lệ", "Invalid data")

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not self.problems:
            raise ValueError("GeoDataError needs at least one problem")
        super().__init__(self.render("vi"))

    def __reduce__(self) -> tuple[type[GeoDataError], tuple[tuple[Problem, ...]]]:
        """Pickle from the problems, not from the rendered message: st.cache_data pickles returned errors, and
        ``Exception``'s default would call ``cls(message)``, which is not a problem record."""
        return (type(self), (self.problems,))

    def render(self, lang: Lang = "vi", limit: int | None = None) -> str:
        shown: Sequence[Problem] = self.problems if limit is None else self.problems[:limit]
        lines = [p.render(lang) for p in shown]
        if limit is not None and len(self.problems) > limit:
            more = len(self.problems) - limit
            lines.append(f"… và {more} lỗi khác" if lang == "vi" else f"… and {more} more problems")
        head = f"{self.title(lang)} ({len(self.problems)})"
        return head + "\n- " + "\n- ".join(lines)


class SchemaError(GeoDataError):
    title = Text("Tệp không đúng cấu trúc", "File does not match its schema")


class CRSError(GeoDataError):
    title = Text("Hệ tọa độ không đúng hoặc thiếu", "Coordinate reference system wrong or missing")


class FetchError(GeoDataError):
    title = Text("Không tải được dữ liệu nguồn", "Could not fetch source data")


class NameMatchError(GeoDataError):
    title = Text("Tên đơn vị không khớp", "Unit names did not match")


class UnknownIdError(GeoDataError):
    title = Text("Mã không tồn tại", "Unknown identifier")


class BuildCheckError(GeoDataError):
    title = Text("Kiểm tra dữ liệu đã dựng không đạt", "Built data failed its checks")
