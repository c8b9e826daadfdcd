"""Matching the units an imported row names to the province's units: by GSO code first, then by normalised name
(:func:`geo.boundaries.names.name_key`: "Huyện Hiệp Hoà" = "hiep hoa").

A name that matches no unit is listed (``unit_unmatched``), a name matching several (``unit_ambiguous``); a row whose
code is a known unit but whose name is another unit's is flagged (``unit_code_name_mismatch``): one of the two is
wrong and the import cannot tell which. A cell holding a name where a code belongs is replaced by the code (a note).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.boundaries.names import name_key
from geo.errors import Problem, Text
from geo.io import files as io
from geo.settings import get_settings
from geo.text.parse import is_empty

UNIT_LAYERS = {"province": "province_2019", "districts_2019": "districts_2019", "communes_2025": "communes_2025_all"}
# The place columns of the point datasets and the unit set they hold codes of.
PLACE_COLUMNS = {"district_2019": "districts_2019", "commune_2025": "communes_2025"}


@lru_cache(maxsize=8)
def _known(unit_set: str, build_dir: str) -> dict[str, str]:
    path = Path(build_dir) / f"{UNIT_LAYERS.get(unit_set, unit_set)}.parquet"
    if not path.exists():
        return {}
    table = io.read_parquet(path)
    return {str(c): str(n) for c, n in zip(table["code"], table["name"], strict=True)}


def known_units(unit_set: str) -> dict[str, str]:
    """{code: name} of a unit set from the built boundary layers (empty when they are not built)."""
    return _known(unit_set, str(get_settings().build_dir))


def _p(file: str, row: int, field: str, code: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, row=row, field=field, expected=expected, found=found, fix=fix, code=code)


def match(
    frame: pd.DataFrame,
    *,
    code_col: str,
    name_col: str | None,
    units_of: Mapping[int, Mapping[str, str]],
    file: str,
    first_row: int,
) -> tuple[pd.DataFrame, list[Problem], list[Problem]]:
    """Check and complete ``code_col`` (and ``name_col``) against ``units_of[row index]`` = {code: name}.
    Rows with no known units (an unknown unit set) are left to the declaration's checks."""
    out = frame.copy()
    problems: list[Problem] = []
    notes: list[Problem] = []
    keys: dict[int, dict[str, list[str]]] = {}
    for position, index in enumerate(out.index):
        units = units_of.get(position) or {}
        if not units:
            continue
        by_name = keys.setdefault(id(units), {})
        if not by_name:
            for c, n in units.items():
                by_name.setdefault(name_key(n), []).append(c)
        row = position + first_row
        code = out.at[index, code_col] if code_col in out.columns else None
        name = out.at[index, name_col] if name_col and name_col in out.columns else None
        code = None if is_empty(code) else str(code).strip()
        name = None if is_empty(name) else str(name).strip()
        sample = ", ".join(list(units.values())[:8])
        if code is not None and code not in units:
            hits = by_name.get(name_key(code), [])
            if len(hits) == 1:  # a name written in the code column
                notes.append(
                    _p(
                        file,
                        row,
                        code_col,
                        "unit_name_as_code",
                        Text("mã đơn vị", "a unit code"),
                        code,
                        Text(f"đã thay bằng mã {hits[0]}", f"replaced by the code {hits[0]}"),
                    )
                )
                out.at[index, code_col] = code = hits[0]
            else:
                problems.append(
                    _p(
                        file,
                        row,
                        code_col,
                        "unit_unmatched",
                        Text(f"mã hoặc tên một đơn vị đã biết (ví dụ: {sample})", f"a known unit (e.g. {sample})"),
                        code,
                        Text("sửa mã (mã GSO) hoặc tên đơn vị", "correct the GSO code or the name"),
                    )
                )
                continue
        if name is None:
            if code is not None and name_col and name_col in out.columns:
                out.at[index, name_col] = units[code]
            continue
        hits = by_name.get(name_key(name), [])
        if code is None:
            if len(hits) == 1:
                out.at[index, code_col] = hits[0]
            else:
                kind = "unit_ambiguous" if hits else "unit_unmatched"
                expected = Text(
                    f"tên một đơn vị đã biết (ví dụ: {sample})", f"the name of a known unit (e.g. {sample})"
                )
                problems.append(
                    _p(
                        file,
                        row,
                        name_col or code_col,
                        kind,
                        expected,
                        name if not hits else f"{name} → {', '.join(hits)}",
                        Text(
                            "sửa chính tả tên, hoặc ghi mã đơn vị (mã GSO)",
                            "correct the spelling, or give the GSO code",
                        ),
                    )
                )
        elif name_key(name) != name_key(units[code]):
            other = f" ({', '.join(hits)})" if hits else ""
            kind = "unit_code_name_mismatch" if hits else "unit_unmatched"
            problems.append(
                _p(
                    file,
                    row,
                    name_col or code_col,
                    kind,
                    Text(f"tên của mã {code}: {units[code]}", f"the name of code {code}: {units[code]}"),
                    f"{name}{other}",
                    Text(
                        "mã và tên chỉ hai đơn vị khác nhau: sửa mã hoặc sửa tên",
                        "the code and the name are two different units: correct one of them",
                    ),
                )
            )
    return out, problems, notes
