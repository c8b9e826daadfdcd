"""Reading numbers, yes/no and dates from the department's files, the one way the platform does it.

Numbers: Vietnamese write ``1.234,5`` (dot groups thousands, comma marks decimals), English ``1,234.5``. Each cell is
read both ways with Babel (``parse_decimal(strict=True)``); a cell only one convention can read ("1,5", "1.234,5",
"12.34") is unambiguous, and the unambiguous cells of a column decide the column's convention. A cell both can read
to different numbers ("2,000": 2000 or 2; "1.500") takes the column's convention when its other cells decided one,
and is otherwise reported as ambiguous with its row: never guessed. Whole-number columns drop readings that are not
whole ("2.020" in a year column is 2020). Cells that are already numbers (Excel numeric cells) are taken as they are.

Yes/no: one list of words (có/không, c/k, x, true/false, yes/no, y/n, 1/0, đúng/sai…), case- and
diacritic-insensitive. Dates: ``YYYY-MM-DD`` and ``DD/MM/YYYY`` (day first, as Vietnamese write it; ``-`` and ``.``
also separate), optionally followed by ``HH:MM[:SS]``; ISO 8601 with an offset is converted to local time; Excel date
cells and Excel serial day numbers are accepted.

Every column function returns the typed values (missing where empty or unreadable) and the problems found, each a
:class:`~geo.errors.Problem` with the file, the row as a person sees it, the field, what was expected, what was found
and the fix. Empty cells are missing values, never problems here (whether a value is required is the dataset's rule).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from babel.numbers import NumberFormatError, parse_decimal

from geo.boundaries.names import strip_diacritics
from geo.errors import Problem, Text

Convention = Literal["vi", "en"]
LOCAL_TZ: Final = "Asia/Ho_Chi_Minh"
_LOCALES: Final = {"vi": "vi_VN", "en": "en_US"}

YES_WORDS: Final = frozenset({"co", "c", "x", "true", "t", "yes", "y", "1", "dung", "d", "roi", "da co"})
NO_WORDS: Final = frozenset({"khong", "k", "ko", "false", "f", "no", "n", "0", "sai", "s", "chua", "chua co"})

NUMBER_EXPECTED: Final = Text(
    "một số, viết kiểu Việt (1.234,5) hoặc kiểu Anh (1,234.5)", "a number, written 1.234,5 (Vietnamese) or 1,234.5"
)
BOOLEAN_EXPECTED: Final = Text("có hoặc không (có/không, x, true/false, 1/0)", "yes or no (yes/no, x, true/false, 1/0)")
DATE_EXPECTED: Final = Text("ngày dạng DD/MM/YYYY hoặc YYYY-MM-DD", "a date written DD/MM/YYYY or YYYY-MM-DD")
TIME_EXPECTED: Final = Text(
    "thời gian dạng 'DD/MM/YYYY HH:MM' hoặc 'YYYY-MM-DD HH:MM' (ISO 8601)",
    "a time written 'DD/MM/YYYY HH:MM' or 'YYYY-MM-DD HH:MM' (ISO 8601)",
)
_NUMBER_FIX: Final = Text(
    "ghi một số, bỏ chữ, ký hiệu như '<' và đơn vị; để trống nếu không có số liệu",
    "write a number without words, signs like '<' or units; leave the cell empty when there is no value",
)
_BOOLEAN_FIX: Final = Text("ghi 'có' hoặc 'không'", "write 'yes' or 'no'")
_DATE_FIX: Final = Text(
    "ghi ngày theo mẫu 25/03/2024 (ngày/tháng/năm) hoặc 2024-03-25", "write the date like 25/03/2024 or 2024-03-25"
)
_TIME_FIX: Final = Text(
    "ghi theo mẫu 01/03/2024 13:00 hoặc 2024-03-01 13:00 (giờ địa phương)",
    "write it like 01/03/2024 13:00 or 2024-03-01 13:00 (local time)",
)

_SPACES: Final = re.compile(r"[ \u00a0\u202f]")
_SPACE_GROUPED: Final = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
# One decimal mark after no digit, a lone 0 or four digits or more, or followed by other than three digits:
# only one convention reads it (fast path; everything else goes through Babel).
_EN_ONLY: Final = re.compile(r"[+-]?(?:0?|\d{4,})\.\d+|[+-]?\d+\.(?:\d{1,2}|\d{4,})")
_VI_ONLY: Final = re.compile(r"[+-]?(?:0?|\d{4,}),\d+|[+-]?\d+,(?:\d{1,2}|\d{4,})")
_PLAIN: Final = re.compile(r"[+-]?\d+")
_DAY_FIRST: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_ISO: Final = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_OFFSET: Final = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_EXCEL_EPOCH: Final = dt.datetime(1899, 12, 30)


class AmbiguousNumberError(ValueError):
    """A number both conventions read, to different values ("2,000")."""


def _number_text(text: str) -> str:
    text = text.strip().replace("\u2212", "-")
    return _SPACES.sub("", text) if _SPACE_GROUPED.fullmatch(text) else text


def readings(text: str) -> tuple[Decimal | None, Decimal | None]:
    """The value of ``text`` read the Vietnamese way and the English way (None where that way cannot read it)."""
    text = _number_text(text)
    if _PLAIN.fullmatch(text):
        value = Decimal(text)
        return value, value
    if _EN_ONLY.fullmatch(text):
        return None, Decimal(text)
    if _VI_ONLY.fullmatch(text):
        return Decimal(text.replace(",", ".")), None
    out: list[Decimal | None] = []
    for convention in ("vi", "en"):
        try:
            out.append(parse_decimal(text, locale=_LOCALES[convention], strict=True))
        except (NumberFormatError, ValueError):
            out.append(None)
    vi, en = out
    if vi is not None and not vi.is_finite():
        vi = None
    if en is not None and not en.is_finite():
        en = None
    return vi, en


def parse_number(text: str, convention: Convention | None = None) -> float:
    """One number; ``convention`` settles a value both conventions read. Raises :class:`AmbiguousNumberError` when
    the two readings differ and no convention is given, ``ValueError`` when ``text`` is not a number."""
    vi, en = readings(text)
    if vi is None and en is None:
        raise ValueError(f"not a number: {text!r}")
    if vi is not None and en is not None and vi != en:
        if convention is None:
            raise AmbiguousNumberError(f"{text!r} reads {vi} (Vietnamese) or {en} (English)")
        return float(vi if convention == "vi" else en)
    return float(vi if vi is not None else en)  # type: ignore[arg-type]


def number_convention(cells: Iterable[object]) -> Convention | None:
    """The convention the unambiguous cells share, or None when none decides or they disagree."""
    seen: set[Convention] = set()
    for cell in cells:
        if isinstance(cell, str) and cell.strip():
            vi, en = readings(cell)
            if (vi is None) != (en is None):
                seen.add("vi" if vi is not None else "en")
    return seen.pop() if len(seen) == 1 else None


def is_empty(value: object) -> bool:
    """An empty cell: None, NaN, NA, NaT or blank text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)


def _problem(file: str | None, row: int, field: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, row=row, field=field, expected=expected, found=found, fix=fix)


def _ambiguous_fix(text: str, vi: Decimal, en: Decimal) -> Text:
    """Both readings, and how to write each so that it reads one way only (the whole number without separators,
    the smaller with its decimal mark)."""
    vi, en = vi.normalize(), en.normalize()
    big, small = f"{max(vi, en):f}", f"{min(vi, en):f}"

    def comma(d: Decimal | str) -> str:
        return f"{d:f}".replace(".", ",") if isinstance(d, Decimal) else d.replace(".", ",")

    return Text(
        f"'{text}' đọc được là {comma(en)} (kiểu Anh) hoặc {comma(vi)} (kiểu Việt): ghi {big} hoặc {comma(small)} "
        "cho rõ, hoặc viết cả cột theo một kiểu (ví dụ 1.234,5)",
        f"'{text}' reads {en:f} (English) or {vi:f} (Vietnamese): write {big} or {small} so it reads one way, or "
        "write the whole column one way (e.g. 1,234.5)",
    )


def _possible(
    vi: Decimal | None, en: Decimal | None, low: float | None, high: float | None, integer: bool
) -> tuple[Decimal | None, Decimal | None]:
    """Of two different readings, drop one the column cannot hold (not whole, or outside its range) if the other
    can: "2.020" in a year column is 2020, "21.276" in a latitude column within [20.8; 22] is 21.276."""
    if vi is None or en is None or vi == en:
        return vi, en

    def fits(d: Decimal) -> bool:
        whole = not integer or d == d.to_integral_value()
        return whole and (low is None or d >= Decimal(str(low))) and (high is None or d <= Decimal(str(high)))

    if fits(vi) != fits(en):
        return (vi, None) if fits(vi) else (None, en)
    return vi, en


def _cells(column: pd.Series) -> tuple[npt.NDArray[np.intp], list[object]]:
    """Each row's index into the column's distinct values (-1 for a missing cell), and those values: every cell
    is read once per distinct value, which keeps a 60,000-row table fast."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.intp), list(uniques)


def blank_cells(column: pd.Series) -> npt.NDArray[np.bool_]:
    """A mask of the empty cells of ``column``."""
    codes, uniques = _cells(column)
    blank = np.array([is_empty(u) for u in uniques] + [True], dtype=bool)
    return blank[codes]


def _spread(
    codes: npt.NDArray[np.intp], faults: dict[int, tuple[Text, object, Text]], file: str | None, field: str, first: int
) -> list[Problem]:
    """One problem per row whose distinct value is faulty (expected, found, fix), in row order."""
    problems = []
    for k, (expected, found, fix) in faults.items():
        problems += [_problem(file, int(i) + first, field, expected, found, fix) for i in np.flatnonzero(codes == k)]
    return sorted(problems, key=lambda p: p.row or 0)


def parse_numbers(
    column: pd.Series,
    *,
    file: str | None,
    field: str,
    first_row: int = 2,
    integer: bool = False,
    low: float | None = None,
    high: float | None = None,
    convention: Convention | None = None,
) -> tuple[pd.Series, list[Problem]]:
    """A column of numbers as float64 (NaN where empty or unreadable) and the problems of its unreadable and
    ambiguous cells. When a cell reads two ways and only one fits the column (``integer``: whole; ``low``/``high``:
    its declared range), that one is taken; a value outside the range is left for the range check to report.
    ``convention`` is given only for a file whose writer is known (a file the app wrote itself is ``"en"``): it
    settles the cells both conventions read; otherwise the column's unambiguous cells decide."""
    codes, uniques = _cells(column)
    read: dict[int, tuple[Decimal | None, Decimal | None]] = {
        k: _possible(*readings(str(u)), low, high, integer)
        for k, u in enumerate(uniques)
        if not is_empty(u) and not _is_number(u)
    }
    if convention is None:
        decided: set[Convention] = {
            "vi" if vi is not None else "en" for vi, en in read.values() if (vi is None) != (en is None)
        }
        convention = decided.pop() if len(decided) == 1 else None
    values = np.full(len(uniques) + 1, np.nan)
    faults: dict[int, tuple[Text, object, Text]] = {}
    for k, u in enumerate(uniques):
        if is_empty(u):
            continue
        if _is_number(u):
            number = float(u)  # type: ignore[arg-type]
            if integer and not number.is_integer():
                faults[k] = (Text("một số nguyên", "a whole number"), u, _NUMBER_FIX)
            else:
                values[k] = number
            continue
        text, (vi, en) = str(u).strip(), read[k]
        if vi is not None and en is not None and vi != en and convention is None:
            expected = Text("một số đọc được theo một cách duy nhất", "a number that reads only one way")
            faults[k] = (expected, text, _ambiguous_fix(text, vi, en))
        elif vi is None and en is None:
            faults[k] = (NUMBER_EXPECTED, text, _NUMBER_FIX)
        else:
            both = vi is not None and en is not None
            chosen = (vi if convention == "vi" else en) if both else (vi if vi is not None else en)
            values[k] = float(chosen)  # type: ignore[arg-type]
    out = pd.Series(values[codes], index=column.index, name=column.name)
    return out, _spread(codes, faults, file, field, first_row)


def boolean_word(value: object) -> bool | None:
    """True/False for a yes/no word or number, None for an empty cell; ``ValueError`` for anything else."""
    if is_empty(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if _is_number(value) and float(value) in (0.0, 1.0):  # type: ignore[arg-type]
        return float(value) == 1.0  # type: ignore[arg-type]
    key = " ".join(strip_diacritics(str(value)).lower().replace(".", " ").split())
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    raise ValueError(f"not a yes/no word: {value!r}")


def parse_booleans(
    column: pd.Series, *, file: str | None, field: str, first_row: int = 2
) -> tuple[pd.Series, list[Problem]]:
    """A yes/no column as pandas' nullable boolean (NA where empty or unreadable) and the unreadable cells."""
    codes, uniques = _cells(column)
    values: list[bool | None] = []
    faults: dict[int, tuple[Text, object, Text]] = {}
    for k, u in enumerate(uniques):
        try:
            values.append(boolean_word(u))
        except ValueError:
            values.append(None)
            faults[k] = (BOOLEAN_EXPECTED, str(u).strip(), _BOOLEAN_FIX)
    table = pd.array([*values, None], dtype="boolean")
    out = pd.Series(table[codes], index=column.index, name=column.name, dtype="boolean")
    return out, _spread(codes, faults, file, field, first_row)


def _local(stamp: pd.Timestamp, tz: str) -> pd.Timestamp:
    return stamp.tz_convert(tz).tz_localize(None) if stamp.tzinfo is not None else stamp


def parse_date(value: object, *, tz: str = LOCAL_TZ) -> pd.Timestamp | None:
    """A date (with its time, if written) as a tz-naive local Timestamp; None for an empty cell; ``ValueError`` for
    anything else. Day first: 03/04/2024 is the 3rd of April."""
    if is_empty(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date | np.datetime64):
        return _local(pd.Timestamp(value), tz)
    if _is_number(value) and 1 <= float(value) < 2_958_466:  # type: ignore[arg-type]
        return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=float(value)))  # type: ignore[arg-type]
    text = str(value).strip()
    day_first = _DAY_FIRST.fullmatch(text)
    try:
        if day_first:
            d, m, y, hh, mm, ss = (int(g) if g else 0 for g in day_first.groups())
            return pd.Timestamp(dt.datetime(y, m, d, hh, mm, ss))
        if _ISO.fullmatch(text):
            stamp = pd.Timestamp(text)
            return _local(stamp, tz) if _OFFSET.search(text) else stamp
    except ValueError as exc:
        raise ValueError(f"not a date: {text!r}") from exc
    raise ValueError(f"not a date: {text!r}")


def parse_dates(
    column: pd.Series, *, file: str | None, field: str, first_row: int = 2, times: bool = False, tz: str = LOCAL_TZ
) -> tuple[pd.Series, list[Problem]]:
    """A date (``times=True``: date and time) column as tz-naive local datetime64 (NaT where empty or unreadable)
    and the unreadable cells."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype) or isinstance(column.dtype, pd.DatetimeTZDtype):
        series = pd.Series(pd.to_datetime(column), index=column.index, name=column.name)
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_convert(tz).dt.tz_localize(None)
        return series.astype("datetime64[ns]"), []
    expected, fix = (TIME_EXPECTED, _TIME_FIX) if times else (DATE_EXPECTED, _DATE_FIX)
    codes, uniques = _cells(column)
    values: list[pd.Timestamp | None] = []
    faults: dict[int, tuple[Text, object, Text]] = {}
    for k, u in enumerate(uniques):
        try:
            values.append(parse_date(u, tz=tz))
        except (ValueError, OverflowError):
            values.append(None)
            faults[k] = (expected, str(u).strip(), fix)
    table = pd.to_datetime(pd.Series([*values, None], dtype=object)).astype("datetime64[ns]").to_numpy()
    out = pd.Series(table[codes], index=column.index, name=column.name)
    return out, _spread(codes, faults, file, field, first_row)
