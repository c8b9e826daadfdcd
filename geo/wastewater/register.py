"""The KCN/CCN register (industrial parks and clusters): loading it validated whole.

The shipped register is ``data/monitoring/kcn_ccn.csv`` (made by ``scripts/make_kcn_ccn.py`` from the cited facts in
``data/monitoring/kcn_ccn_facts.csv``); it seeds the store's ``kcn_ccn`` dataset, which the app and the CLI read. A
department can try out its own copy (CSV or XLSX, same columns) with ``BGGM_KCN_CCN`` before importing it. Every
value that no public source gives is illustrative: the row says so in ``illustrative`` and lists those fields in
``illustrative_fields`` (``;``-separated).

Its columns are declared in :mod:`geo.datasets.wastewater`. Loading checks, and reports all at once with file, row
(header = row 1), field, expectation and fix: missing columns, unknown values (status, plant, monitoring…), duplicate
ids, cells that are not numbers (or could be read two ways), out-of-range numbers, sites outside the province (2019
outline of Bắc Giang), unknown district/commune codes, and illustrative flags that disagree with their field list.
Nothing is returned unless the whole register is valid.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.datasets.load import with_points
from geo.datasets.validate import check
from geo.datasets.wastewater import KCN_CCN
from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings

SEPARATOR = ";"
FIRST_ROW = 2


def tried_path() -> Path | None:
    """The register file ``BGGM_KCN_CCN`` names, to try out before importing it (read at call time); None when the
    app and the CLI read the store's ``kcn_ccn`` rows."""
    value = os.environ.get("BGGM_KCN_CCN", "").strip()
    return Path(value).expanduser() if value else None


def register_path() -> Path:
    """The file :func:`load_register` reads by default: ``BGGM_KCN_CCN`` if set, else the shipped one (the store's
    seed)."""
    return tried_path() or REPO_ROOT / KCN_CCN.source


def illustrative_fields(value: object) -> tuple[str, ...]:
    """The generated fields of one row, from its ``illustrative_fields`` cell."""
    if not isinstance(value, str):
        return ()
    return tuple(f.strip() for f in value.split(SEPARATOR) if f.strip())


def _problem(file: str, i: int | None, field: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, row=None if i is None else i + FIRST_ROW, field=field, expected=expected, found=found,
                   fix=fix)  # fmt: skip


def validate_register(
    table: pd.DataFrame, *, file: str, province: shapely.Geometry, districts: set[str], communes: set[str]
) -> gpd.GeoDataFrame:
    """The register typed and as points (EPSG:4326), or one :class:`SchemaError` listing every problem."""
    frame, problems = check(table, KCN_CCN, file=file, first_row=FIRST_ROW)
    typed = {name: frame[name] for name in KCN_CCN.names if name in frame.columns}
    for name, known, what in (
        ("district_2019", districts, Text("mã một huyện/TP năm 2019 (213–223)", "a 2019 district code (213–223)")),
        ("commune_2025", communes, Text("mã một xã/phường 2025 của Bắc Giang cũ", "a former-Bắc Giang 2025 commune")),
    ):
        for i, value in enumerate(typed.get(name, pd.Series(dtype=object))):
            if isinstance(value, str) and value not in known:
                problems.append(_problem(file, i, name, what, value, Text("dùng mã GSO của đơn vị, giữ số 0 ở đầu",
                                                                          "use the unit's GSO code")))  # fmt: skip
    if "lon" in typed and "lat" in typed:
        points = gpd.points_from_xy(typed["lon"].fillna(0.0), typed["lat"].fillna(0.0))
        shapely.prepare(province)
        inside = shapely.covers(province, points)
        for i in (~inside & typed["lon"].notna().to_numpy() & typed["lat"].notna().to_numpy()).nonzero()[0].tolist():
            found = f"{frame['lon'].iloc[i]:g}, {frame['lat'].iloc[i]:g}"
            problems.append(_problem(file, int(i), "lon/lat", Text("một điểm trong tỉnh (Bắc Giang cũ, ranh giới 2019)",
                                     "a point inside the province (former Bắc Giang, 2019 outline)"), found,
                                     Text("kiểm tra kinh độ/vĩ độ (độ thập phân; kinh độ ≈ 105,9–107,1, vĩ độ ≈ "
                                          "21,1–21,7; không đảo hai cột)", "check lon/lat (decimal degrees; lon ≈ "
                                          "105.9–107.1, lat ≈ 21.1–21.7; columns not swapped)")))  # fmt: skip
    if "illustrative" in typed and "illustrative_fields" in typed:
        problems += _flag_problems(typed["illustrative"], typed["illustrative_fields"], table, file)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.field or ""))
        raise SchemaError(problems)
    return with_points(frame[list(KCN_CCN.names)])


def _flag_problems(flags: pd.Series, fields: pd.Series, table: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for i, (flag, value) in enumerate(zip(flags.fillna(False), fields, strict=True)):
        listed = illustrative_fields(value)
        unknown = [f for f in listed if f not in KCN_CCN.names]
        if unknown:
            problems.append(_problem(file, i, "illustrative_fields", Text("tên các cột, cách nhau bởi ';'",
                                     "column names separated by ';'"), ", ".join(unknown),
                                     Text("sửa tên cột cho đúng", "correct the column names")))  # fmt: skip
        if bool(flag) != bool(listed):
            problems.append(_problem(file, i, "illustrative", Text("true khi và chỉ khi có trường minh họa",
                                     "true exactly when illustrative fields are listed"), table["illustrative"].iloc[i],
                                     Text("đặt true và liệt kê các trường minh họa, hoặc false và để trống",
                                          "set true and list the fields, or false with none listed")))  # fmt: skip
    return problems


def _built(name: str) -> Path:
    path = get_settings().build_dir / f"{name}.parquet"
    if not path.exists():
        raise SchemaError(Problem(file=str(path), expected=Text("lớp ranh giới đã được dựng", "a built boundary layer"),
                                  found=Text("chưa có tệp", "no file yet"),
                                  fix=Text("chạy: python -m geo data fetch && python -m geo data build",
                                           "run: python -m geo data build")))  # fmt: skip
    return path


def unit_names(unit_set: str) -> dict[str, str]:
    """{code: name} of a built unit set (``districts_2019`` or ``communes_2025``)."""
    frame = io.read_parquet(_built(unit_set))
    return dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))


def load_register(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Read the register (CSV or XLSX) and validate it against the fields and the built boundary layers."""
    path = Path(path) if path is not None else register_path()
    table = io.read_table(path, raw=True)
    province = io.read_vector(_built("province_2019"))
    return validate_register(
        table,
        file=path.name,
        province=shapely.union_all(province.geometry.to_numpy()),
        districts=set(unit_names("districts_2019")),
        communes=set(unit_names("communes_2025")),
    )
