"""Validating a table against its dataset declaration, every problem reported at once.

Headers are matched to the declared columns (names, titles and aliases, with or without diacritics); numbers,
yes/no and dates are read by :mod:`geo.text.parse` (Vietnamese and English number conventions, ambiguity reported);
pandera (lazy mode) then checks allowed values, ranges, empty cells and uniqueness. Each failure becomes a
:class:`~geo.errors.Problem` naming the file, the row as a person sees it, the column, what was expected (from the
declaration), what was found and the fix. :func:`check` returns the typed table with its problems, for loaders that
add checks of their own; :func:`validate` raises when there is any.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from geo.datasets.spec import Column, Dataset
from geo.errors import Problem, SchemaError, Text
from geo.text import parse
from geo.text.format import short
from geo.text.parse import Convention

if TYPE_CHECKING:  # pandera is imported when a table is checked, not with this module (issue 13: start-up time)
    import pandera.pandas as pa


def _year(value: float) -> str:
    return str(int(value)) if math.isfinite(value) else short(value, "en")


def _expected(col: Column, check: str) -> Text:
    if check.startswith("isin"):
        values = ", ".join(str(v) for v in col.allowed or ())
        return Text(f"một trong: {values}", f"one of: {values}")
    if check.startswith(("greater_than_or_equal_to", "less_than_or_equal_to")):
        lo, hi = -math.inf if col.min is None else col.min, math.inf if col.max is None else col.max
        if "year" in col.name.split("_"):  # a year reads 2020, never "2.020" / "2,020"
            return Text(f"năm trong khoảng [{_year(lo)}; {_year(hi)}]", f"a year in [{_year(lo)}; {_year(hi)}]")
        return Text(f"giá trị trong khoảng [{short(lo, 'vi')}; {short(hi, 'vi')}]",
                    f"a value in [{short(lo, 'en')}; {short(hi, 'en')}]")  # fmt: skip
    if check == "field_uniqueness":
        return Text("giá trị không trùng với dòng khác", "a value no other row has")
    return Text("không để trống", "a value (not empty)")


def fix(col: Column, check: str = "") -> Text:
    """How to put right a cell (or the header) of ``col``."""
    if check == "column_in_dataframe":
        return Text(f"thêm cột '{col.name}' ({col.title.vi})", f"add the column '{col.name}' ({col.title.en})")
    if check == "field_uniqueness":
        return Text("mỗi mã chỉ xuất hiện một lần: sửa hoặc xóa dòng trùng", "make each id unique")
    return Text(f"sửa giá trị ô {col.title.vi} ở dòng này", f"correct the {col.title.en} cell in this row")


def rename_headers(frame: pd.DataFrame, dataset: Dataset, *, file: str | None) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` with the headers people wrote ("Mã", "Kinh độ", "Dien tich (ha)") renamed to the declared column
    names; two headers naming one column is a problem (the exact name wins)."""
    renames: dict[str, str] = {}
    claimed: dict[str, list[str]] = {}
    for header in frame.columns:
        name = str(header) if str(header) in dataset.names else dataset.header_column(header)
        if name is not None:
            claimed.setdefault(name, []).append(str(header))
    problems = []
    for name, headers in claimed.items():
        keep = name if name in headers else headers[0]
        renames[keep] = name
        if len(headers) > 1:
            col = dataset.column(name)
            problems.append(
                Problem(
                    file=file,
                    row=1,
                    field=name,
                    expected=Text(f"một cột cho {col.title.vi}", f"one column for {col.title.en}"),
                    found=", ".join(headers),
                    fix=Text(
                        f"giữ một trong các cột {', '.join(headers)}", f"keep one of the columns {', '.join(headers)}"
                    ),
                )
            )
    return frame.rename(columns={k: v for k, v in renames.items() if k != v}), problems  # fmt: skip


def _text(column: pd.Series) -> pd.Series:
    """Text cells stripped (a whole number from an Excel cell written without ".0"); empty cells missing."""

    def one(value: object) -> object:
        if parse.is_empty(value):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return pd.Series([one(v) for v in column.to_numpy(dtype=object)], index=column.index, dtype=object)


def _typed(
    frame: pd.DataFrame, dataset: Dataset, file: str | None, first_row: int, convention: Convention | None
) -> tuple[pd.DataFrame, list[Problem]]:
    out = frame.copy()
    problems: list[Problem] = []
    for col in dataset.columns:
        if col.name not in out.columns:
            continue
        raw, name = out[col.name], col.name
        if col.dtype == "str":
            out[name] = _text(raw)
            continue
        if col.dtype in ("int", "float"):
            integer = col.dtype == "int"
            values, found = parse.parse_numbers(raw, file=file, field=name, first_row=first_row, integer=integer,
                                                low=col.min, high=col.max, convention=convention)  # fmt: skip
        elif col.dtype == "bool":
            values, found = parse.parse_booleans(raw, file=file, field=name, first_row=first_row)
        else:
            times = col.dtype == "datetime"
            values, found = parse.parse_dates(raw, file=file, field=name, first_row=first_row, times=times)
        out[col.name] = values
        problems += found
    return out, problems


def check(
    frame: pd.DataFrame, dataset: Dataset, *, file: str | None, first_row: int = 2, convention: Convention | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` renamed to the declared columns and typed as declared, with every problem found (sorted by row
    then column). Unreadable cells are missing in the typed frame. Row numbers start at ``first_row`` (2 for a
    spreadsheet, whose header is row 1; 1 for the features of a vector file). ``convention``: the number
    convention of a file whose writer is known (see :func:`geo.text.parse.parse_numbers`)."""
    import pandera.pandas as pa

    frame, problems = rename_headers(frame.reset_index(drop=True), dataset, file=file)
    header_row = 1 if first_row > 1 else None
    for col in dataset.columns:
        if col.required and col.name not in frame.columns:
            expected, missing = Text("có cột này", "this column"), Text("thiếu cột", "missing column")
            problems.append(Problem(file, header_row, col.name, expected, missing, fix(col, "column_in_dataframe")))
    typed, unreadable = _typed(frame, dataset, file, first_row, convention)
    problems += unreadable
    seen = {(p.row, p.field) for p in problems}
    present = [c for c in dataset.columns if c.name in typed.columns]
    schema = pa.DataFrameSchema({c.name: _column_schema(c) for c in present}, strict=False)
    try:
        typed = schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        for case in exc.failure_cases.itertuples(index=False):
            index = None if pd.isna(case.index) else int(case.index)
            row = None if index is None else index + first_row
            column = str(case.column)
            if (row, column) in seen or column not in dataset.names:
                continue
            seen.add((row, column))
            col = dataset.column(column)
            name = str(case.check).split("(")[0]
            empty = pd.isna(case.failure_case)
            name = "not_nullable" if empty else name
            found: object = Text("ô trống", "an empty cell") if empty else case.failure_case
            if name == "field_uniqueness" and index is not None:
                first = int(typed.index[typed[column] == case.failure_case][0]) + first_row
                found = Text(f"'{case.failure_case}', trùng dòng {first}", f"'{case.failure_case}', as row {first}")
            problems.append(Problem(file=file, row=row, field=column, expected=_expected(col, name), found=found,
                                    fix=fix(col, name)))  # fmt: skip
    problems += _repeated_keys(typed, dataset, file, first_row)
    for col in present:
        if col.dtype == "bool" and not col.nullable and not typed[col.name].isna().any():
            typed[col.name] = typed[col.name].astype(bool)
    problems.sort(key=lambda p: (p.row or 0, p.field or ""))
    return typed, problems


_REPEATED_FIX = Text("xóa dòng trùng hoặc sửa cho đúng", "delete the repeated row or correct it")


def _repeated_keys(typed: pd.DataFrame, dataset: Dataset, file: str | None, first_row: int) -> list[Problem]:
    """Rows whose key (the columns that identify a row) repeats an earlier row's; a one-column key declared unique
    is already checked by its column."""
    key = list(dataset.key)
    if not set(key) <= set(typed.columns) or (len(key) == 1 and dataset.column(key[0]).unique):
        return []
    rows = typed[key].dropna()
    first = pd.Series(rows.index, index=rows.index).groupby([rows[k] for k in key]).transform("min")
    label = ", ".join(key)
    problems = []
    for i in rows.index[(first != rows.index).to_numpy()]:
        values = " / ".join(str(v) for v in rows.loc[i, key])
        earlier = int(first[i]) + first_row
        expected = Text(f"mỗi ({label}) chỉ một dòng", f"one row per ({label})")
        found = Text(f"{values}, trùng dòng {earlier}", f"{values}, as row {earlier}")
        problems.append(Problem(file, int(i) + first_row, label, expected, found, _REPEATED_FIX))
    return problems


def _column_schema(col: Column) -> pa.Column:
    import pandera.pandas as pa

    dtypes = {"str": pa.String, "int": "Int64", "float": pa.Float64, "bool": "boolean", "date": pa.DateTime,
              "datetime": pa.DateTime}  # fmt: skip
    checks = []
    if col.allowed is not None:
        checks.append(pa.Check.isin(list(col.allowed)))
    if col.min is not None:
        checks.append(pa.Check.ge(col.min))
    if col.max is not None:
        checks.append(pa.Check.le(col.max))
    return pa.Column(dtypes[col.dtype], checks=checks, nullable=col.nullable, unique=col.unique, coerce=True,
                     report_duplicates="exclude_first")  # fmt: skip


def validate(frame: pd.DataFrame, dataset: Dataset, *, file: str | None, first_row: int = 2) -> pd.DataFrame:
    """``frame`` with its declared columns and dtypes, or one :class:`SchemaError` listing every problem."""
    typed, problems = check(frame, dataset, file=file, first_row=first_row)
    if problems:
        raise SchemaError(problems)
    return typed
