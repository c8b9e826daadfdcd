"""The KCN/CCN register (industrial parks and clusters): its fields, and loading it validated whole.

The register is ``data/monitoring/kcn_ccn.csv`` (made by ``scripts/make_kcn_ccn.py`` from the cited facts in
``data/monitoring/kcn_ccn_facts.csv``); the department can point the app at its own copy with ``BGGM_KCN_CCN``
(CSV or XLSX, same columns). Every value that no public source gives is illustrative: the row says so in
``illustrative`` and lists those fields in ``illustrative_fields`` (``;``-separated).

Loading checks, and reports all at once with file, row (header = row 1), field, expectation and fix: missing
columns, unknown values (status, plant, monitoring…), duplicate ids, cells that are not numbers, out-of-range
numbers, sites outside the province (2019 outline of Bắc Giang), unknown district/commune codes, and illustrative
flags that disagree with their field list. Nothing is returned unless the whole register is valid.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import Problem, SchemaError, Text
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings
from geo.wastewater import rules as ww

SOURCE = "data/monitoring/kcn_ccn.csv"
SEPARATOR = ";"
FIRST_ROW = 2
_TRUE, _FALSE = ("true", "1", "yes", "có", "x"), ("false", "0", "no", "không", "")


@dataclass(frozen=True)
class Field:
    """One column of the register."""

    name: str
    dtype: Literal["str", "int", "float", "bool"]
    title: Text
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    unique: bool = False


FIELDS: tuple[Field, ...] = (
    Field("id", "str", Text("Mã", "Id"), unique=True),
    Field("name", "str", Text("Tên", "Name")),
    Field("kind", "str", Text("Loại", "Kind"), allowed=tuple(ww.KINDS)),
    Field("district_2019", "str", Text("Huyện/TP (2019)", "District (2019)")),
    Field("commune_2025", "str", Text("Xã/phường (2025)", "Commune (2025)")),
    Field("status", "str", Text("Tình trạng", "Status"), allowed=tuple(ww.SITE_STATUS)),
    Field("year_established", "int", Text("Năm thành lập", "Year established"), True, min=1990, max=2035),
    Field("area_ha", "float", Text("Diện tích (ha)", "Area (ha)"), True, min=0.1, max=5000),
    Field("occupancy_pct", "float", Text("Tỷ lệ lấp đầy (%)", "Occupancy (%)"), True, min=0, max=100),
    Field("wwtp_status", "str", Text("Trạm XLNT tập trung", "Centralised plant"), True, tuple(ww.WWTP_STATUS)),
    Field("design_capacity_m3d", "float", Text("Công suất thiết kế (m³/ngày)", "Design capacity (m³/day)"), True,
          min=0, max=500_000),
    Field("actual_flow_m3d", "float", Text("Lưu lượng thực tế (m³/ngày)", "Actual flow (m³/day)"), True,
          min=0, max=500_000),
    Field("connected_pct", "float", Text("Doanh nghiệp đã đấu nối (%)", "Tenants connected (%)"), True,
          min=0, max=100),
    Field("monitoring", "str", Text("Quan trắc tự động", "Automatic monitoring"), True, tuple(ww.MONITORING)),
    Field("discharge_standard", "str", Text("Quy chuẩn xả thải", "Discharge standard"), True, ww.STANDARDS),
    Field("lon", "float", Text("Kinh độ", "Longitude"), min=-180, max=180),
    Field("lat", "float", Text("Vĩ độ", "Latitude"), min=-90, max=90),
    Field("location_precision", "str", Text("Độ chính xác vị trí", "Location precision"),
          allowed=tuple(ww.PRECISION)),
    Field("source", "str", Text("Nguồn", "Source")),
    Field("illustrative", "bool", Text("Có số liệu minh họa", "Has illustrative values")),
    Field("illustrative_fields", "str", Text("Trường minh họa", "Illustrative fields"), True),
)  # fmt: skip
FIELD_BY_NAME = {f.name: f for f in FIELDS}
_EXPECT = {
    "str": Text("văn bản", "text"),
    "int": Text("số nguyên", "a whole number"),
    "float": Text("một số (dấu chấm thập phân)", "a number (decimal point)"),
    "bool": Text("true hoặc false", "true or false"),
}


def register_path() -> Path:
    """The register the app and the CLI use: ``BGGM_KCN_CCN`` if set, else the shipped one (read at call time)."""
    value = os.environ.get("BGGM_KCN_CCN", "").strip()
    return Path(value).expanduser() if value else REPO_ROOT / SOURCE


def illustrative_fields(value: object) -> tuple[str, ...]:
    """The generated fields of one row, from its ``illustrative_fields`` cell."""
    if not isinstance(value, str):
        return ()
    return tuple(f.strip() for f in value.split(SEPARATOR) if f.strip())


def _problem(file: str, i: int | None, field: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, row=None if i is None else i + FIRST_ROW, field=field, expected=expected, found=found,
                   fix=fix)  # fmt: skip


def _fix(f: Field) -> Text:
    return Text(f"sửa ô {f.title.vi} ở dòng này", f"correct the {f.title.en} cell in this row")


def _column(raw: pd.Series, f: Field, file: str, problems: list[Problem]) -> pd.Series:
    """``raw`` typed as ``f`` says, appending a problem for every cell that is not what it must be."""
    text = raw.astype("string").str.strip()
    empty = text.isna() | (text == "")
    if not f.nullable:
        for i in empty.to_numpy().nonzero()[0]:
            problems.append(_problem(file, int(i), f.name, Text("không để trống", "a value (not empty)"),
                                     Text("ô trống", "an empty cell"), _fix(f)))  # fmt: skip
    if f.dtype == "bool":
        lowered = text.str.lower().fillna("")
        bad = ~lowered.isin(_TRUE + _FALSE)
        for i in bad.to_numpy().nonzero()[0]:
            problems.append(_problem(file, int(i), f.name, _EXPECT["bool"], raw.iloc[i], _fix(f)))
        return lowered.isin(_TRUE).astype(bool)
    if f.dtype == "str":
        values = text.where(~empty).astype(object)
        if f.allowed is not None:
            listed = ", ".join(f.allowed)
            for i in (~empty & ~text.isin(f.allowed)).to_numpy().nonzero()[0]:
                problems.append(_problem(file, int(i), f.name, Text(f"một trong: {listed}", f"one of: {listed}"),
                                         raw.iloc[i], _fix(f)))  # fmt: skip
        if f.unique:
            for i in (~empty & text.duplicated(keep="first")).to_numpy().nonzero()[0]:
                problems.append(_problem(file, int(i), f.name,
                                         Text("giá trị không trùng với dòng khác", "a value no other row has"),
                                         raw.iloc[i], Text("mỗi mã chỉ xuất hiện một lần: sửa hoặc xóa dòng trùng",
                                                           "make each id unique")))  # fmt: skip
        return values
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    for i in (~empty & numbers.isna()).to_numpy().nonzero()[0]:
        problems.append(_problem(file, int(i), f.name, _EXPECT[f.dtype], raw.iloc[i], _fix(f)))
    lo, hi = f.min if f.min is not None else -float("inf"), f.max if f.max is not None else float("inf")
    out_of_range = numbers.notna() & ((numbers < lo) | (numbers > hi))
    if f.dtype == "int":
        out_of_range |= numbers.notna() & (numbers != numbers.round())
    for i in out_of_range.to_numpy().nonzero()[0]:
        span = f"[{lo:g}; {hi:g}]"
        expected = Text(f"{_EXPECT[f.dtype].vi} trong khoảng {span}", f"{_EXPECT[f.dtype].en} in {span}")
        problems.append(_problem(file, int(i), f.name, expected, raw.iloc[i], _fix(f)))
    return numbers.astype("Int64") if f.dtype == "int" and not out_of_range.any() else numbers.astype(float)


def validate_register(
    table: pd.DataFrame, *, file: str, province: shapely.Geometry, districts: set[str], communes: set[str]
) -> gpd.GeoDataFrame:
    """The register typed and as points (EPSG:4326), or one :class:`SchemaError` listing every problem."""
    table = table.reset_index(drop=True)
    problems: list[Problem] = []
    typed: dict[str, pd.Series] = {}
    missing = [f.name for f in FIELDS if f.name not in table.columns]
    if missing:
        problems.append(
            Problem(
                file=file,
                field=", ".join(missing),
                expected=Text("có các cột này", "these columns"),
                found=Text("thiếu cột", "missing columns"),
                fix=Text(
                    "thêm các cột còn thiếu (xem tệp data/monitoring/kcn_ccn.csv làm mẫu)",
                    "add the missing columns (data/monitoring/kcn_ccn.csv is a template)",
                ),
            )
        )
    for f in FIELDS:
        if f.name in table.columns:
            typed[f.name] = _column(table[f.name], f, file, problems)
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
            found = f"{table['lon'].iloc[i]}, {table['lat'].iloc[i]}"
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
    frame = pd.DataFrame(typed)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def _flag_problems(flags: pd.Series, fields: pd.Series, table: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for i, (flag, value) in enumerate(zip(flags, fields, strict=True)):
        listed = illustrative_fields(value)
        unknown = [f for f in listed if f not in FIELD_BY_NAME]
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
    table = io.read_table(path, dtype={f.name: "str" for f in FIELDS})
    province = io.read_vector(_built("province_2019"))
    return validate_register(
        table,
        file=path.name,
        province=shapely.union_all(province.geometry.to_numpy()),
        districts=set(unit_names("districts_2019")),
        communes=set(unit_names("communes_2025")),
    )
