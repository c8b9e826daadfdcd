"""Build the project's own boundary layers from the pinned upstream files, and check them.

Outputs (GeoParquet, EPSG:4326) in the build directory:

| file | features | columns |
|---|---|---|
| province_2019.parquet | 1 | code, name, name_full, unit_type, name_key, area_km2 |
| districts_2019.parquet | 10 | same |
| communes_2025_all.parquet | 99 | same + merged_from, in_old_bacgiang_share, area_km2_official |
| communes_2025.parquet | 58 | the communes/wards of former Bắc Giang (share ≥ 0.5; in practice ≥ 0.98) |
| crosswalk.parquet | | district_code, commune_code, overlap_km2, share_of_district, share_of_commune |
| *_display.parquet | | the same polygons simplified as a coverage (no gaps/overlaps) for drawing |

Areas are measured in EPSG:9214. The build records the sha256 of every input in manifest.json and does nothing
when they have not changed (``force=True`` rebuilds).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.boundaries.names import name_key, nfc, split_unit_type
from geo.boundaries.sources import Source, fetch, load_registry
from geo.errors import BuildCheckError, Lang, Problem, Text
from geo.io import crs as gcrs
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings
from geo.text.format import percent, quantity

BUILD_VERSION = "3"  # bump when the build's logic changes
MERGED_FROM_CSV = REPO_ROOT / "data" / "boundaries" / "communes_2025_merged_from.csv"
GIS_KEY = "dvhcvn/data_gis_24.json"
WARDS_PREFIX = "vietnamese-provinces-database/24_bac_ninh/wards/"
FORMER_BG_MIN_SHARE = 0.5
DISPLAY_TOLERANCE_M = 30.0
EXPECTED_COUNTS = {"province_2019": 1, "districts_2019": 10, "communes_2025": 58, "communes_2025_all": 99}
AREA_TOLERANCE = 0.001  # 0.1 %
LAYERS = ("province_2019", "districts_2019", "communes_2025", "communes_2025_all")

Progress = Callable[[str], None]


def _unit_frame(records: list[dict[str, object]], geoms: list[object]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(records, geometry=gpd.GeoSeries(np.asarray(geoms, dtype=object), crs=gcrs.STORAGE_CRS))
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    frame["area_km2"] = np.round(gcrs.area_km2(frame.geometry), 4)
    return frame


def _named(code: str, full: str) -> dict[str, object]:
    full = nfc(full)
    unit_type, bare = split_unit_type(full)
    return {"code": code, "name": bare, "name_full": full, "unit_type": unit_type or "", "name_key": name_key(bare)}


def read_dvhcvn_gis(path: Path) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Province and 2019 districts from dvhcvn's custom JSON layout (not GeoJSON)."""
    raw = io.read_json(path)
    assert isinstance(raw, dict)
    province = _unit_frame(
        [_named(str(raw["level1_id"]), str(raw["name"]))],
        [shape({"type": raw["type"], "coordinates": raw["coordinates"]})],
    )
    level2 = raw["level2s"]
    districts = _unit_frame(
        [_named(str(d["level2_id"]), str(d["name"])) for d in level2],
        [shape({"type": d["type"], "coordinates": d["coordinates"]}) for d in level2],
    )
    return province, districts.sort_values("code", ignore_index=True)


def read_wards(paths: list[Path], merged_from: pd.DataFrame) -> gpd.GeoDataFrame:
    parts = [io.read_vector(p) for p in paths]
    raw = pd.concat(parts, ignore_index=True)
    records = [_named(str(r["code"]), str(r["fullName"])) for _, r in raw.iterrows()]
    wards = _unit_frame(records, list(raw.geometry))
    wards["area_km2_official"] = pd.to_numeric(raw["areaKm2"], errors="coerce").to_numpy()
    lookup = dict(zip(merged_from["code"].astype(str).str.zfill(5), merged_from["merged_from"], strict=True))
    wards["merged_from"] = wards["code"].map(lookup).fillna("")
    return wards.sort_values("code", ignore_index=True)


def crosswalk(districts: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Area overlap of every (district, commune) pair that shares more than 0.01 km²."""
    d = districts[["code", "geometry"]].to_crs(gcrs.AREA_CRS).rename(columns={"code": "district_code"})
    c = communes[["code", "geometry"]].to_crs(gcrs.AREA_CRS).rename(columns={"code": "commune_code"})
    inter = gpd.overlay(d, c, how="intersection", keep_geom_type=True)
    inter["overlap_km2"] = inter.area / 1e6
    inter = inter[inter["overlap_km2"] > 0.01]
    d_area = dict(zip(d["district_code"], d.area / 1e6, strict=True))
    c_area = dict(zip(c["commune_code"], c.area / 1e6, strict=True))
    out = pd.DataFrame(
        {
            "district_code": inter["district_code"].to_numpy(),
            "commune_code": inter["commune_code"].to_numpy(),
            "overlap_km2": inter["overlap_km2"].round(4).to_numpy(),
        }
    )
    out["share_of_district"] = (out["overlap_km2"] / out["district_code"].map(d_area)).round(4)
    out["share_of_commune"] = (out["overlap_km2"] / out["commune_code"].map(c_area)).round(4)
    return out.sort_values(["district_code", "commune_code"], ignore_index=True)


def display_version(frame: gpd.GeoDataFrame, tolerance_m: float = DISPLAY_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify the polygons together (shapely.coverage_simplify keeps shared edges shared) and round to 1e-6°."""
    grid = frame.to_crs(gcrs.AREA_CRS)
    simplified = shapely.coverage_simplify(grid.geometry.values, tolerance_m)
    out = frame.copy()
    geoms = gpd.GeoSeries(simplified, crs=gcrs.AREA_CRS).to_crs(gcrs.STORAGE_CRS)
    out["geometry"] = shapely.set_precision(geoms.values, 1e-6)
    return out


def _inputs_digest(keys: list[str], registry: dict[str, Source]) -> dict[str, str]:
    """What the build depends on: the pinned sha256 of every input, the merged-from table and the build's version.

    Read from the registry alone, so an up-to-date build is known before any input is fetched or hashed.
    """
    digests = {key: registry[key].sha256 for key in keys}
    digests["communes_2025_merged_from.csv"] = hashlib.sha256(MERGED_FROM_CSV.read_bytes()).hexdigest()
    digests["build_version"] = BUILD_VERSION
    return digests


def build(*, force: bool = False, progress: Progress | None = None) -> bool:
    """Fetch and build every boundary layer; return False when nothing had changed (and nothing was written)."""
    say = progress or (lambda _msg: None)
    out_dir = get_settings().build_dir
    registry = load_registry()  # parsed once: parsing sources.toml per file was 65 % of a no-op build
    keys = [k for k in registry if k == GIS_KEY or k.startswith(WARDS_PREFIX)]
    digest = _inputs_digest(keys, registry)
    manifest_path = out_dir / "manifest.json"
    if not force and manifest_path.exists():
        old = io.read_json(manifest_path)
        if (
            isinstance(old, dict)
            and old.get("inputs") == digest
            and all((out_dir / f"{name}.parquet").exists() for name in (*LAYERS, "crosswalk"))
        ):
            say("Dữ liệu ranh giới đã mới nhất; không cần dựng lại.")
            return False
    paths = {k: fetch(k, registry=registry) for k in keys}
    say("Đọc ranh giới tỉnh và 10 huyện (2019)…")
    province, districts = read_dvhcvn_gis(paths[GIS_KEY])
    say("Đọc 99 xã/phường của tỉnh Bắc Ninh mới (2025)…")
    merged = io.read_table(MERGED_FROM_CSV, dtype={"code": "str"})
    wards = read_wards([paths[k] for k in keys if k.startswith(WARDS_PREFIX)], merged)
    prov_grid = province.to_crs(gcrs.AREA_CRS).geometry.iloc[0]
    wards_grid = wards.to_crs(gcrs.AREA_CRS).geometry
    wards["in_old_bacgiang_share"] = np.round(wards_grid.intersection(prov_grid).area / wards_grid.area, 4)
    communes = wards[wards["in_old_bacgiang_share"] >= FORMER_BG_MIN_SHARE].reset_index(drop=True)
    layers = {"province_2019": province, "districts_2019": districts, "communes_2025": communes,
              "communes_2025_all": wards}  # fmt: skip
    say("Tính giao cắt huyện 2019 × xã 2025…")
    xwalk = crosswalk(districts, communes)
    for name, frame in layers.items():
        io.write_vector(frame, out_dir / f"{name}.parquet")
        io.write_vector(display_version(frame), out_dir / f"{name}_display.parquet")
    io.write_table(xwalk, out_dir / "crosswalk.csv")
    io.write_parquet(xwalk, out_dir / "crosswalk.parquet")
    io.write_bytes(json.dumps({"inputs": digest}, indent=2).encode(), manifest_path)
    say(f"Đã dựng {len(layers)} lớp ranh giới vào {out_dir}")
    return True


CHECK_LINE = Text("{name}: {n} đơn vị, {area}", "{name}: {n} units, {area}")
CHECK_REFERENCE = Text("; tham chiếu {n} đơn vị, {area}, chênh {diff}", "; reference {n} units, {area}, {diff} apart")
CHECK_NO_REFERENCE = Text(
    "(không có thư mục tham chiếu: bỏ qua so sánh diện tích)", "(no reference folder: area comparison skipped)"
)


def check(out_dir: Path | None = None, reference_dir: Path | None = None, *, lang: Lang = "vi") -> list[str]:
    """Check the built layers: feature counts 1/10/58/99, validity, and total areas within 0.1 % of the reference.

    Returns lines of a report in ``lang`` (numbers in its convention); raises :class:`BuildCheckError` listing every
    failure.
    """
    settings = get_settings()
    out_dir = out_dir or settings.build_dir
    reference_dir = reference_dir or settings.reference_dir
    refs = {
        "province_2019": "bacgiang_province_2019.geojson",
        "districts_2019": "bacgiang_districts_2019.geojson",
        "communes_2025": "bacgiang_area_communes_2025.geojson",
        "communes_2025_all": "bacninh_communes_2025.geojson",
    }
    problems: list[Problem] = []
    report: list[str] = []
    for name, expected in EXPECTED_COUNTS.items():
        path = out_dir / f"{name}.parquet"
        frame = io.read_vector(path)
        area = float(gcrs.area_km2(frame.geometry).sum())
        line = CHECK_LINE(lang).format(name=name, n=len(frame), area=quantity(area, "area_km2", lang))
        if len(frame) != expected:
            problems.append(
                Problem(
                    file=path.name,
                    field="features",
                    expected=f"{expected}",
                    found=len(frame),
                    fix=Text("chạy lại: python -m geo data build --force", "rerun the build"),
                )
            )
        if not bool(frame.geometry.is_valid.all()):
            problems.append(
                Problem(
                    file=path.name,
                    field="geometry",
                    expected="valid polygons",
                    found=int((~frame.geometry.is_valid).sum()),
                    fix=Text("chạy lại bước dựng", "rerun the build"),
                )
            )
        if reference_dir is not None and (reference_dir / refs[name]).exists():
            ref = io.read_vector(reference_dir / refs[name])
            ref_area = float(gcrs.area_km2(ref.geometry).sum())
            diff = abs(area - ref_area) / ref_area
            line += CHECK_REFERENCE(lang).format(n=len(ref), area=quantity(ref_area, "area_km2", lang),
                                                 diff=percent(diff * 100, lang, decimals=2))  # fmt: skip
            if diff > AREA_TOLERANCE or len(ref) != len(frame):
                problems.append(
                    Problem(
                        file=path.name,
                        field="area_km2",
                        expected=Text(
                            f"{quantity(ref_area, 'area_km2', 'vi')} ± 0,1 %",
                            f"{quantity(ref_area, 'area_km2', 'en')} ± 0.1 %",
                        ),
                        found=quantity(area, "area_km2", lang),
                        fix=Text("kiểm tra nguồn dữ liệu", "check the sources"),
                    )
                )
        report.append(line)
    if reference_dir is None:
        report.append(CHECK_NO_REFERENCE(lang))
    if problems:
        raise BuildCheckError(problems)
    return report
