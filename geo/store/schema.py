"""The store's view of a column (name, type, whether a cell may be empty), and typing the one table the store declares
itself — the ``forest_raster`` catalogue — with every problem listed at once. Every other dataset's columns come from
its declaration in :mod:`geo.datasets` and are typed by :mod:`geo.datasets.validate`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from geo.errors import Problem, SchemaError, Text

DType = Literal["str", "int", "float", "bool", "datetime", "date"]
YES = ("true", "1", "yes", "có", "x")
NO = ("false", "0", "no", "không")
_EXPECT = {
    "str": Text("văn bản", "text"),
    "int": Text("số nguyên", "a whole number"),
    "float": Text("một số (dấu chấm thập phân)", "a number (decimal point)"),
    "bool": Text("true hoặc false", "true or false"),
    "datetime": Text("thời gian dạng YYYY-MM-DD HH:MM", "a time as YYYY-MM-DD HH:MM"),
    "date": Text("ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
}


@dataclass(frozen=True)
class Col:
    """One column of a dataset: its name, type, and whether a cell may be empty."""

    name: str
    dtype: DType
    nullable: bool = False


def _fix(col: Col) -> Text:
    return Text(f"sửa ô cột {col.name} ở dòng này", f"correct the {col.name} cell in this row")


def _blank(text: pd.Series) -> pd.Series:
    return text.isna() | (text == "")


def _column(raw: pd.Series, col: Col, file: str, first_row: int, problems: list[Problem]) -> pd.Series:
    """``raw`` as ``col.dtype`` (missing values as NA), appending one problem per cell that is not."""
    text = raw.astype("string").str.strip()
    empty = _blank(text)
    parsed: pd.Series
    if col.dtype == "str":
        return text.where(~empty).astype(object).where(~empty, None)
    if col.dtype == "bool":
        lowered = text.str.lower()
        bad = ~empty & ~lowered.isin(YES + NO)
        parsed = pd.Series(lowered.isin(YES), index=raw.index, dtype="boolean").where(~empty)
    elif col.dtype in ("int", "float"):
        parsed = pd.to_numeric(text.where(~empty), errors="coerce")
        bad = ~empty & parsed.isna()
        if col.dtype == "int":
            bad |= parsed.notna() & (parsed != parsed.round())
    else:
        times = pd.to_datetime(text.where(~empty), format="ISO8601", errors="coerce")
        bad = ~empty & times.isna()
        if col.dtype == "date":
            bad |= times.notna() & (times != times.dt.normalize())
        parsed = times
    for i in bad.to_numpy(dtype=bool).nonzero()[0]:
        problems.append(Problem(file, int(i) + first_row, col.name, _EXPECT[col.dtype], raw.iloc[i], _fix(col)))
    return parsed.where(~bad)


def typed(
    table: pd.DataFrame, columns: tuple[Col, ...], keys: tuple[str, ...], *, file: str, first_row: int = 2
) -> pd.DataFrame:
    """The declared columns of ``table`` typed, or one :class:`SchemaError` listing every problem.

    Checks: every column present; each cell of its type; no empty cell where none is allowed (key columns never);
    no two rows with the same key. Columns not declared are dropped.
    """
    table = table.reset_index(drop=True)
    problems: list[Problem] = []
    missing = [c.name for c in columns if c.name not in table.columns]
    if missing:
        problems.append(
            Problem(
                file,
                1,
                ", ".join(missing),
                Text("có các cột này", "these columns"),
                Text("thiếu cột", "missing"),
                Text(
                    "thêm các cột còn thiếu (xuất tập dữ liệu ra CSV để có mẫu)",
                    "add the missing columns (export the dataset to CSV for a template)",
                ),
            )
        )
    out = pd.DataFrame(index=table.index)
    for col in columns:
        if col.name not in table.columns:
            continue
        values = _column(table[col.name], col, file, first_row, problems)
        if not (col.nullable and col.name not in keys):
            empty = _blank(table[col.name].astype("string").str.strip())
            for i in empty.to_numpy(dtype=bool).nonzero()[0]:
                problems.append(
                    Problem(
                        file,
                        int(i) + first_row,
                        col.name,
                        Text("không để trống", "a value"),
                        Text("ô trống", "an empty cell"),
                        _fix(col),
                    )
                )
        out[col.name] = values
    if keys and not missing and len(out):
        repeated = out.duplicated(subset=list(keys), keep="first").to_numpy(dtype=bool)
        for i in repeated.nonzero()[0]:
            found = ", ".join(str(out[k].iloc[i]) for k in keys)
            problems.append(
                Problem(
                    file,
                    int(i) + first_row,
                    ", ".join(keys),
                    Text("mỗi khóa một dòng", "one row per key"),
                    found,
                    Text("xóa dòng trùng hoặc sửa khóa", "delete the repeated row or correct its key"),
                )
            )
    if problems:
        raise SchemaError(sorted(problems, key=lambda p: (p.row or 0, p.field or "")))
    return out
