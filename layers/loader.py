"""Load a layer's data and validate it against its declaration, reporting every problem at once.

Validation uses pandera (lazy mode collects all failures); each failure becomes a :class:`geo.errors.Problem` naming
the file, the row as a person sees it, the column, what was expected (from the declaration) and what was found.
Nothing is returned half-loaded: a layer either validates whole or raises.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa

from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings
from layers.registry import REGISTRY
from layers.spec import Column, LayerSpec

_DTYPES = {"str": pa.String, "int": "Int64", "float": pa.Float64, "bool": "boolean", "date": pa.DateTime}
_EXPECT = {
    "str": Text("văn bản", "text"),
    "int": Text("số nguyên", "a whole number"),
    "float": Text("một số (dấu chấm thập phân)", "a number (decimal point)"),
    "bool": Text("có/không (true/false)", "yes/no (true/false)"),
    "date": Text("ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
}


def source_path(source: str, *, display: bool = False) -> Path:
    """Where a layer's data lives: ``build:<name>`` in the build directory, anything else relative to the repo."""
    if source.startswith("build:"):
        return get_settings().build_dir / f"{source.removeprefix('build:')}.parquet"
    return REPO_ROOT / source


def _column_schema(col: Column) -> pa.Column:
    checks = []
    if col.allowed is not None:
        checks.append(pa.Check.isin(list(col.allowed)))
    if col.min is not None:
        checks.append(pa.Check.ge(col.min))
    if col.max is not None:
        checks.append(pa.Check.le(col.max))
    return pa.Column(
        _DTYPES[col.dtype], checks=checks, nullable=col.nullable, unique=col.unique, required=col.required,
        coerce=True,
    )  # fmt: skip


def _expected(col: Column, check: str) -> Text:
    if check.startswith("isin"):
        values = ", ".join(str(v) for v in col.allowed or ())
        return Text(f"một trong: {values}", f"one of: {values}")
    if check.startswith(("greater_than_or_equal_to", "less_than_or_equal_to")):
        lo = "-∞" if col.min is None else f"{col.min:g}"
        hi = "∞" if col.max is None else f"{col.max:g}"
        return Text(f"giá trị trong khoảng [{lo}; {hi}]", f"a value in [{lo}; {hi}]")
    if check == "field_uniqueness":
        return Text("giá trị không trùng với dòng khác", "a value no other row has")
    if check == "not_nullable":
        return Text("không để trống", "a value (not empty)")
    return _EXPECT[col.dtype]


def _fix(col: Column, check: str) -> Text:
    if check == "column_in_dataframe":
        return Text(f"thêm cột '{col.name}' ({col.title.vi})", f"add the column '{col.name}' ({col.title.en})")
    if check == "field_uniqueness":
        return Text("mỗi mã chỉ xuất hiện một lần: sửa hoặc xóa dòng trùng", "make each id unique")
    return Text(f"sửa giá trị ô {col.title.vi} ở dòng này", f"correct the {col.title.en} cell in this row")


def _coerce_numbers(
    frame: pd.DataFrame, spec: LayerSpec, file: str, first_row: int
) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn numeric columns into numbers, reporting every cell that is not empty and not a number."""
    out = frame.copy()
    problems = []
    for col in spec.columns:
        if col.dtype not in ("int", "float") or col.name not in out.columns:
            continue
        raw = out[col.name]
        numeric = pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw)
        text = raw if numeric else raw.astype("string").str.strip().str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(text, errors="coerce")
        bad = numbers.isna() & raw.notna() & (raw.astype("string").str.strip() != "")
        for i in bad.to_numpy().nonzero()[0]:
            problems.append(
                Problem(
                    file=file,
                    row=int(i) + first_row,
                    field=col.name,
                    expected=_EXPECT[col.dtype],
                    found=raw.iloc[i],
                    fix=_fix(col, "dtype"),
                )
            )
        out[col.name] = numbers
    return out, problems


def validate(frame: pd.DataFrame, spec: LayerSpec, *, file: str, first_row: int = 2) -> pd.DataFrame:
    """Return ``frame`` with its declared dtypes, or raise one :class:`SchemaError` listing every problem."""
    schema = pa.DataFrameSchema({c.name: _column_schema(c) for c in spec.columns}, strict=False)
    frame, problems = _coerce_numbers(frame.reset_index(drop=True), spec, file, first_row)
    seen: set[tuple[object, object]] = {(None if p.row is None else p.row - first_row, p.field) for p in problems}
    validated = frame
    try:
        validated = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for case in cases.itertuples(index=False):
            column = str(case.column) if case.check != "column_in_dataframe" else str(case.failure_case)
            index = None if pd.isna(case.index) else int(case.index)
            if (index, column) in seen or column not in {c.name for c in spec.columns}:
                continue
            seen.add((index, column))
            col = spec.column(column)
            check = str(case.check).split("(")[0]
            if check.startswith(("coerce_dtype", "dtype")):
                check = "dtype"
            if check == "column_in_dataframe":
                problems.append(
                    Problem(
                        file=file,
                        field=column,
                        expected=Text("có cột này", "this column"),
                        found=Text("thiếu cột", "missing column"),
                        fix=_fix(col, check),
                    )
                )
                continue
            found = None if pd.isna(case.failure_case) else case.failure_case
            if found is None:
                check = "not_nullable"
            problems.append(
                Problem(
                    file=file,
                    row=None if index is None else index + first_row,
                    field=column,
                    expected=_expected(col, check),
                    found=found if found is not None else Text("ô trống", "an empty cell"),
                    fix=_fix(col, check),
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.field or ""))
        raise SchemaError(problems)
    return validated


def load(layer: str | LayerSpec, *, display: bool = False, path: Path | None = None) -> gpd.GeoDataFrame:
    """Read and validate a layer. ``display=True`` gives the simplified copy meant for drawing."""
    spec = layer if isinstance(layer, LayerSpec) else REGISTRY[layer]
    source = spec.display_source if display and spec.display_source else spec.source
    target = path or source_path(source)
    if source.startswith("build:") and path is None and not target.exists():
        raise SchemaError(
            Problem(
                file=str(target),
                expected=Text("lớp ranh giới đã được dựng", "a built boundary layer"),
                found=Text("chưa có tệp", "no file yet"),
                fix=Text("chạy: python -m geo data fetch && python -m geo data build", "run: python -m geo data build"),
            )
        )
    text = {c.name: "str" for c in spec.columns if c.dtype == "str"}  # codes like "07210" keep their zeros
    frame = io.read_vector(target, dtype=text) if spec.geometry != "table" else io.read_table(target, dtype=text)
    first_row = 2 if io.table_suffix(target) in io.TABLE_SUFFIXES else 1
    validated = validate(frame, spec, file=target.name, first_row=first_row)
    return validated if isinstance(validated, gpd.GeoDataFrame) else gpd.GeoDataFrame(validated)
