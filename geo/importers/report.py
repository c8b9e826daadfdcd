"""The import report: what was read and every problem found, as JSON (the CLI's ``--report``) and as an XLSX the
user downloads, in Vietnamese or English.

Each problem is ``{row, field, code, expected, found, fix}``: ``code`` a stable machine name (the problem's own
``code``, or the kind the shared validators' texts name: ``not_a_number``, ``ambiguous_number``, ``missing_column``…),
``expected``/``found``/``fix`` rendered in the chosen language. ``notes`` are facts the user should see that do not
block the import (the encoding converted, a repair applied, the sheet chosen).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from geo.datasets.excel import HEADER_FILL, HEADER_FONT
from geo.errors import Lang, Problem, Text
from geo.io.cells import safe_cell
from geo.text.parse import BOOLEAN_EXPECTED, DATE_EXPECTED, NUMBER_EXPECTED, TIME_EXPECTED

_BY_EXPECTED: dict[str, str] = {
    NUMBER_EXPECTED.en: "not_a_number",
    BOOLEAN_EXPECTED.en: "not_yes_no",
    DATE_EXPECTED.en: "not_a_date",
    TIME_EXPECTED.en: "not_a_date",
    "a number that reads only one way": "ambiguous_number",
    "this column": "missing_column",
    "a value (not empty)": "empty",
    "a value no other row has": "duplicate",
    "a whole number": "not_a_whole_number",
}
_BY_PREFIX = (
    ("one of:", "not_allowed"),
    ("a value in [", "out_of_range"),
    ("one row per", "duplicate"),
    ("one column for", "duplicate_column"),
)


def code_of(problem: Problem) -> str:
    """The problem's stable code: its own, or the kind its expected text names."""
    if problem.code:
        return problem.code
    expected = problem.expected.en if isinstance(problem.expected, Text) else str(problem.expected or "")
    if expected in _BY_EXPECTED:
        return _BY_EXPECTED[expected]
    return next((code for prefix, code in _BY_PREFIX if expected.startswith(prefix)), "invalid")


def _say(value: object, lang: Lang) -> Any:
    if value is None:
        return None
    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def problem_dict(problem: Problem, lang: Lang = "vi") -> dict[str, Any]:
    return {
        "row": problem.row,
        "field": problem.field,
        "code": code_of(problem),
        "expected": _say(problem.expected, lang),
        "found": _say(problem.found, lang),
        "fix": _say(problem.fix, lang),
    }


@dataclass
class Report:
    """What an import found. ``ok`` when nothing blocks it; ``bounds`` (west, south, east, north) in degrees."""

    dataset: str
    file: str
    rows: int = 0
    encoding: str | None = None
    crs: str | None = None
    bounds: tuple[float, float, float, float] | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def codes(self) -> list[str]:
        return [code_of(p) for p in self.problems]

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dataset": self.dataset,
            "file": self.file,
            "rows": self.rows,
            "encoding": self.encoding,
            "crs": self.crs,
            "bounds": list(self.bounds) if self.bounds else None,
            "problems": [problem_dict(p, lang) for p in self.problems],
            "notes": [problem_dict(p, lang) for p in self.notes],
            "details": self.details,
        }

    def to_json(self, lang: Lang = "vi") -> str:
        return json.dumps(self.as_dict(lang), ensure_ascii=False, indent=2, default=str)

    def to_xlsx(self, lang: Lang = "vi") -> bytes:
        """A workbook: a summary sheet, then one row per problem (and per note) with row, field, code, expected,
        found and fix; text from the file that a spreadsheet would run as a formula is shown as text."""
        vi = lang == "vi"
        wb = Workbook()
        summary = wb.active
        assert summary is not None
        summary.title = "Tóm tắt" if vi else "Summary"
        data = self.as_dict(lang)
        labels = {
            "ok": ("Hợp lệ", "Valid"),
            "dataset": ("Bộ dữ liệu", "Dataset"),
            "file": ("Tệp", "File"),
            "rows": ("Số dòng", "Rows"),
            "encoding": ("Bảng mã", "Encoding"),
            "crs": ("Hệ tọa độ", "CRS"),
            "bounds": ("Phạm vi (độ)", "Bounds (degrees)"),
        }
        for key, (label_vi, label_en) in labels.items():
            value = data[key]
            shown = ("có" if value else "không") if vi and isinstance(value, bool) else value
            shown = json.dumps(shown, ensure_ascii=False) if isinstance(shown, list) else shown
            summary.append([label_vi if vi else label_en, safe_cell(shown)])
        summary.append(["Số lỗi" if vi else "Problems", len(self.problems)])
        header = (
            ["Dòng", "Cột", "Mã lỗi", "Cần", "Nhận được", "Cách sửa"]
            if vi
            else ["Row", "Field", "Code", "Expected", "Found", "Fix"]
        )
        for title, items in ((("Lỗi", "Problems"), data["problems"]), (("Ghi chú", "Notes"), data["notes"])):
            ws = wb.create_sheet(title[0] if vi else title[1])
            ws.append(header)
            for cell in ws[1]:
                cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            for item in items:
                ws.append([safe_cell(item[k]) for k in ("row", "field", "code", "expected", "found", "fix")])
            for letter, width in zip("ABCDEF", (8, 18, 22, 40, 30, 60), strict=True):
                ws.column_dimensions[letter].width = width
            ws.freeze_panes = "A2"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
