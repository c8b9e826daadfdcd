"""Exact zonal class areas: hand-checkable numbers on tiny rasters, exactextract agreement, files, cache, errors."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine
from exactextract import exact_extract
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rasterio.io import MemoryFile
from shapely.geometry import Polygon, box

import geo.zonal.stats
from geo.errors import CRSError, SchemaError
from geo.zonal.entry import zonal_stats
from geo.zonal.stats import class_areas, zonal_stats_projected

# A 4 × 4 raster of 10 m pixels covering x 0..40, y 0..40; pixel column c holds class c.
T4 = Affine(10, 0, 0, 0, -10, 40)
BY_COLUMN = np.tile(np.arange(4, dtype=np.uint8), (4, 1))
UTM = "EPSG:32648"
ORIGIN = (500_000.0, 2_400_000.0)


def areas(values: np.ndarray, *geoms: shapely.Geometry, nodata: int | None = None, **kw: int) -> pd.DataFrame:
    return class_areas(values, T4, gpd.GeoSeries(list(geoms)), nodata, **kw)


def write_raster(path: Path, values: np.ndarray, crs: str = UTM, nodata: int | None = 255, pixel: float = 10.0) -> Path:
    transform = Affine(pixel, 0, ORIGIN[0], 0, -pixel, ORIGIN[1])
    profile = {"driver": "GTiff", "width": values.shape[1], "height": values.shape[0], "count": 1}
    with rasterio.open(path, "w", **profile, dtype=values.dtype, crs=crs, transform=transform, nodata=nodata) as dst:
        dst.write(values, 1)
    return path


def utm_box(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    """A box in metres from the raster's top-left corner (x right, y down)."""
    return box(ORIGIN[0] + x0, ORIGIN[1] - y1, ORIGIN[0] + x1, ORIGIN[1] - y0)


def units(*geoms: shapely.Geometry, crs: str | None = UTM) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"ma": [f"U{i}" for i in range(len(geoms))]}, geometry=list(geoms), crs=crs)


def test_square_covering_half_of_the_edge_pixels_counts_them_by_half() -> None:
    frame = areas(BY_COLUMN, box(5, 0, 25, 40))
    row = frame.iloc[0]
    assert row["class_0"] == pytest.approx(4 * 0.5 * 100)
    assert row["class_1"] == pytest.approx(4 * 100)
    assert row["class_2"] == pytest.approx(4 * 0.5 * 100)
    assert "class_3" not in frame.columns
    assert row["zone_area"] == pytest.approx(800) and row["valid_area"] == pytest.approx(800)


def test_triangle_class_areas_match_the_integral_per_pixel_column() -> None:
    # Area of the triangle (0,0) (40,0) (0,40) within x in [10c, 10c + 10] is 10 * (35 - 10c).
    frame = areas(BY_COLUMN, Polygon([(0, 0), (40, 0), (0, 40)]))
    assert frame.iloc[0][["class_0", "class_1", "class_2", "class_3"]].tolist() == pytest.approx([350, 250, 150, 50])


def test_zone_partly_outside_the_raster_counts_only_the_inside_as_valid() -> None:
    row = areas(BY_COLUMN, box(-20, 5, 20, 60)).iloc[0]
    assert row["zone_area"] == pytest.approx(40 * 55)
    assert row["valid_area"] == pytest.approx(20 * 35)
    assert row["class_0"] == pytest.approx(350) and row["class_1"] == pytest.approx(350)


def test_nodata_pixels_are_excluded_from_the_valid_area() -> None:
    values = BY_COLUMN.copy()
    values[0, :2] = 255
    row = areas(values, box(0, 0, 40, 40), nodata=255).iloc[0]
    assert row["valid_area"] == pytest.approx(1400)
    assert row["nodata_area"] == pytest.approx(200)
    assert row["class_0"] == pytest.approx(300) and row["class_3"] == pytest.approx(400)
    assert "class_255" not in row.index


def test_polygon_with_a_hole_and_a_multipolygon() -> None:
    ring = box(0, 0, 40, 40).difference(box(15, 15, 25, 25))
    pair = shapely.MultiPolygon([box(0, 0, 5, 40), box(35, 0, 40, 40)])
    frame = areas(BY_COLUMN, ring, pair)
    assert frame.loc[0, ["class_0", "class_1", "class_2", "class_3"]].tolist() == pytest.approx([400, 350, 350, 400])
    assert frame.loc[1, ["class_0", "class_3"]].tolist() == pytest.approx([200, 200])
    assert frame.loc[1, "valid_area"] == pytest.approx(400)


def test_zone_smaller_than_one_pixel_gets_its_own_area() -> None:
    row = areas(BY_COLUMN, box(12, 21, 14, 24)).iloc[0]
    assert row["class_1"] == pytest.approx(6.0) and row["valid_area"] == pytest.approx(6.0)


def test_overlapping_zones_are_each_counted_in_full() -> None:
    frame = areas(BY_COLUMN, box(0, 0, 30, 40), box(10, 0, 40, 40))
    assert frame["valid_area"].tolist() == pytest.approx([1200, 1200])


def test_empty_and_missing_geometries_give_zero_rows() -> None:
    frame = class_areas(BY_COLUMN, T4, gpd.GeoSeries([box(0, 0, 10, 10), Polygon(), None]))
    assert frame["valid_area"].tolist() == pytest.approx([100, 0, 0])
    assert frame["zone_area"].tolist() == pytest.approx([100, 0, 0])


def random_case(seed: int, size: int = 200, count: int = 20) -> tuple[np.ndarray, Affine, gpd.GeoSeries]:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 4, (size, size)).astype(np.uint8)
    values[rng.random((size, size)) < 0.05] = 255
    transform = Affine(10, 0, ORIGIN[0], 0, -10, ORIGIN[1])
    geoms = []
    for _ in range(count):
        cx, cy = ORIGIN[0] + rng.uniform(-100, 2100), ORIGIN[1] - rng.uniform(-100, 2100)
        n = int(rng.integers(3, 14))
        angle = np.sort(rng.uniform(0, 2 * np.pi, n))
        radius = rng.uniform(3, 500, n)
        geoms.append(shapely.make_valid(Polygon(np.c_[cx + radius * np.cos(angle), cy + radius * np.sin(angle)])))
    geoms.append(
        box(ORIGIN[0] + 500, ORIGIN[1] - 900, ORIGIN[0] + 900, ORIGIN[1] - 500).difference(
            box(ORIGIN[0] + 603.3, ORIGIN[1] - 797.1, ORIGIN[0] + 788.8, ORIGIN[1] - 601.7)
        )
    )
    return values, transform, gpd.GeoSeries(geoms, crs=UTM)


def exactextract_areas(values: np.ndarray, transform: Affine, zones: gpd.GeoSeries, nodata: int) -> pd.DataFrame:
    profile = {"driver": "GTiff", "width": values.shape[1], "height": values.shape[0], "count": 1, "dtype": "uint8"}
    with MemoryFile() as mem:
        with mem.open(**profile, crs=zones.crs, transform=transform, nodata=nodata) as dst:
            dst.write(values, 1)
        with mem.open() as src:
            res = exact_extract(src, gpd.GeoDataFrame(geometry=zones), ["unique", "frac", "count"], output="pandas")
    pixel = abs(transform.a * transform.e)
    rows = [
        {f"class_{int(v)}": float(f) * c * pixel for v, f in zip(u, fr, strict=True)}
        for u, fr, c in zip(res["unique"], res["frac"], res["count"], strict=True)
    ]
    return pd.DataFrame(rows).fillna(0.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_class_areas_match_exactextract_on_a_random_raster(seed: int) -> None:
    values, transform, zones = random_case(seed)
    ours = class_areas(values, transform, zones, 255)
    theirs = exactextract_areas(values, transform, zones, 255)
    cols = sorted(set(theirs.columns) | {c for c in ours.columns if c.startswith("class_")})
    a = ours.reindex(columns=cols, fill_value=0.0).to_numpy()
    b = theirs.reindex(columns=cols, fill_value=0.0).to_numpy()
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours["valid_area"], b.sum(axis=1), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("strip_rows", [1, 3, 7, 64])
def test_strip_by_strip_equals_the_whole_array_at_once(strip_rows: int) -> None:
    values, transform, zones = random_case(5)
    whole = class_areas(values, transform, zones, 255, strip_rows=values.shape[0])
    strips = class_areas(values, transform, zones, 255, strip_rows=strip_rows)
    pd.testing.assert_frame_equal(strips, whole, rtol=1e-12, atol=1e-9)


def test_columns_between_distant_zones_are_not_read() -> None:
    values = np.ones((8, 20_000), dtype=np.uint8)
    transform = Affine(10, 0, 0, 0, -10, 80)
    zones = gpd.GeoSeries([box(5, 0, 100, 80), box(199_000, 5, 199_995, 75)])
    edges = geo.zonal.stats.polygon_edges(np.asarray(zones.array, dtype=object), transform)
    reads: list[tuple[int, int, int, int]] = []

    def read(r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        reads.append((r0, r1, c0, c1))
        return values[r0:r1, c0:c1]

    counter = geo.zonal.stats.count_classes(edges, 2, values.shape, 8, read, block_cols=512)
    assert [(c0, c1) for _, _, c0, c1 in reads] == [(0, 512), (19_456, 20_000)]
    assert counter.table()[1][:, 0] * 100 == pytest.approx([95 * 80, 995 * 70])


def test_a_class_first_met_in_a_later_strip_is_counted() -> None:
    values = np.zeros((4, 4), dtype=np.int16)
    values[3, 1:3] = -7
    frame = areas(values, box(0, 0, 40, 40), strip_rows=1)
    assert frame.loc[0, ["class_-7", "class_0"]].tolist() == pytest.approx([200, 1400])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 40), st.floats(0, 40)), min_size=3, max_size=12))
def test_class_areas_of_a_zone_inside_the_raster_add_up_to_its_area(points: list[tuple[float, float]]) -> None:
    hull = shapely.convex_hull(shapely.MultiPoint(points))
    assume(hull.geom_type == "Polygon")
    row = areas(BY_COLUMN, hull).iloc[0]
    assert row["valid_area"] == pytest.approx(hull.area, rel=1e-9, abs=1e-9)
    assert row.filter(like="class_").sum() == pytest.approx(hull.area, rel=1e-9, abs=1e-9)


# ---- files: zonal_stats -------------------------------------------------------------------------------------


def test_zonal_stats_table_columns_and_percentages(tmp_path: Path) -> None:
    values = BY_COLUMN.copy()
    values[3, 3] = 255
    raster = write_raster(tmp_path / "forest.tif", values)
    zones = units(utm_box(5, 0, 40, 40), utm_box(30, 30, 50, 40))
    table = zonal_stats(raster, zones, "ma", [1, 2])
    assert list(table.columns[:6]) == ["ma", "area_ha", "valid_ha", "forest_ha", "forest_pct", "nodata_pct"]
    assert list(table.columns[6:]) == ["ha_class_0", "ha_class_1", "ha_class_2", "ha_class_3"]
    first = table.iloc[0]
    assert first["area_ha"] == pytest.approx(0.14)
    assert first["valid_ha"] == pytest.approx(0.13)
    assert first["forest_ha"] == pytest.approx(0.08)
    assert first["forest_pct"] == pytest.approx(0.08 / 0.13 * 100)
    assert first["nodata_pct"] == pytest.approx(100 / 14)
    second = table.iloc[1]  # half outside the raster, and its one pixel inside is nodata
    assert second["valid_ha"] == pytest.approx(0.0) and np.isnan(second["forest_pct"])
    assert second["nodata_pct"] == pytest.approx(100.0)


def test_zonal_stats_reprojects_wgs84_zones_over_a_vn2000_raster(tmp_path: Path) -> None:
    values, _, _ = random_case(7, size=100)
    raster = write_raster(tmp_path / "vn2000.tif", values, crs="EPSG:9214", pixel=10.0)
    zones_vn = gpd.GeoSeries(
        [Polygon([(500_120.5, 2_399_050), (500_870, 2_399_310), (500_400, 2_399_880.25)]), utm_box(-50, 300, 250, 601)],
        crs="EPSG:9214",
    )
    zones = gpd.GeoDataFrame({"ma": ["a", "b"]}, geometry=zones_vn.to_crs("EPSG:4326"), crs="EPSG:4326")
    table = zonal_stats(raster, zones, "ma", [1, 2])
    back = zones.to_crs("EPSG:9214").geometry
    theirs = exactextract_areas(values, Affine(10, 0, ORIGIN[0], 0, -10, ORIGIN[1]), back, 255) / 10_000
    for c in ["ha_class_0", "ha_class_1", "ha_class_2", "ha_class_3"]:
        np.testing.assert_allclose(table[c], theirs[c.replace("ha_", "")], rtol=1e-6)
    np.testing.assert_allclose(table["area_ha"], back.area / 10_000, rtol=1e-12)


def test_zonal_stats_strips_and_progress(tmp_path: Path) -> None:
    values, _, zones = random_case(3)
    raster = write_raster(tmp_path / "r.tif", values)
    gdf = gpd.GeoDataFrame({"ma": range(len(zones))}, geometry=zones, crs=UTM)
    calls: list[tuple[int, int]] = []
    small = zonal_stats_projected(raster, gdf, "ma", [1], strip_rows=16, progress=lambda d, t: calls.append((d, t)))
    whole = zonal_stats_projected(raster, gdf, "ma", [1], strip_rows=200)
    pd.testing.assert_frame_equal(small, whole, rtol=1e-12, atol=1e-12)
    assert calls[-1][0] == calls[-1][1] > 1 and [d for d, _ in calls] == list(range(1, len(calls) + 1))


def test_self_intersecting_zone_is_repaired_before_counting(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "r.tif", np.ones((4, 4), dtype=np.uint8))
    x, y = ORIGIN
    bowtie = Polygon([(x, y), (x + 20, y - 20), (x + 20, y), (x, y - 20)])  # two triangles of 100 m² each
    table = zonal_stats(raster, units(bowtie), "ma", [1])
    assert table.loc[0, ["area_ha", "valid_ha", "forest_ha"]].tolist() == pytest.approx([0.02, 0.02, 0.02])


def test_cache_hit_returns_the_same_table_without_recomputing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    zones = units(utm_box(5, 0, 25, 40), utm_box(0, 0, 3, 3))
    zones["ma"] = ["001", "002"]  # ids that a CSV round trip would turn into numbers
    first = zonal_stats(raster, zones, "ma", [1, 2], cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").iterdir())) == 1

    def no_compute(*args: object, **kwargs: object) -> None:
        raise AssertionError("recomputed despite the cache")

    monkeypatch.setattr(geo.zonal.stats, "count_classes", no_compute)
    again = zonal_stats(raster, zones, "ma", [1, 2], cache_dir=tmp_path / "cache")
    pd.testing.assert_frame_equal(again, first, check_dtype=False)
    assert again["ma"].tolist() == ["001", "002"]
    with pytest.raises(AssertionError, match="recomputed"):
        zonal_stats(raster, zones, "ma", [1, 3], cache_dir=tmp_path / "cache")  # other parameters, other key


# ---- errors ---------------------------------------------------------------------------------------------------


def test_missing_raster_raises_schema_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as err:
        zonal_stats(tmp_path / "nothing.tif", units(utm_box(0, 0, 10, 10)), "ma", [1])
    assert "nothing.tif" in err.value.render("vi") and "Cách sửa" in err.value.render("vi")
    assert "Fix" in err.value.render("en")


def test_unreadable_raster_raises_schema_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.tif"
    bad.write_text("not a tiff")
    with pytest.raises(SchemaError, match=r"broken\.tif"):
        zonal_stats(bad, units(utm_box(0, 0, 10, 10)), "ma", [1])


def test_raster_damaged_after_its_header_raises_schema_error(tmp_path: Path) -> None:
    values = np.random.default_rng(0).integers(0, 4, (512, 512)).astype(np.uint8)
    raster = tmp_path / "cut.tif"
    profile = {"driver": "GTiff", "width": 512, "height": 512, "count": 1, "dtype": "uint8", "compress": "deflate"}
    with rasterio.open(
        raster, "w", **profile, tiled=True, crs=UTM, transform=Affine(10, 0, *ORIGIN[:1], 0, -10, ORIGIN[1])
    ) as dst:
        dst.write(values, 1)
    data = raster.read_bytes()
    raster.write_bytes(data[:4096] + bytes(len(data) - 4096))  # tiles zeroed: deflate cannot decode them
    with pytest.raises(SchemaError, match=r"cut\.tif") as err:
        zonal_stats(raster, units(utm_box(0, 0, 5000, 5000)), "ma", [1])
    assert "previous exception" not in str(err.value.problems[0].found)  # GDAL says what failed


def test_zones_without_crs_raise_crs_error(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    with pytest.raises(CRSError) as err:
        zonal_stats(raster, units(utm_box(0, 0, 10, 10), crs=None), "ma", [1], zones_name="xa.gpkg")
    assert "xa.gpkg" in err.value.render("vi") and "set_crs" in err.value.render("en")


def test_zones_that_miss_the_raster_raise_crs_error(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    far = units(box(106.0, 21.0, 106.1, 21.1), crs=UTM)  # degrees declared as metres
    with pytest.raises(CRSError, match=r"r\.tif"):
        zonal_stats(raster, far, "ma", [1])


def test_unknown_id_field_lists_the_columns(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    with pytest.raises(SchemaError) as err:
        zonal_stats(raster, units(utm_box(0, 0, 10, 10)), "ma_xa", [1])
    assert err.value.problems[0].field == "ma_xa" and err.value.problems[0].found == ["ma"]


def test_missing_and_duplicate_ids_and_points_are_reported_by_row(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    point = shapely.Point(ORIGIN[0] + 5, ORIGIN[1] - 5)
    zones = units(utm_box(0, 0, 10, 10), utm_box(0, 0, 20, 20), point, utm_box(0, 0, 5, 5), utm_box(0, 0, 6, 6))
    zones["ma"] = ["A", "A", "B", None, None]
    with pytest.raises(SchemaError) as err:
        zonal_stats(raster, zones, "ma", [1])
    assert [(p.row, p.found) for p in err.value.problems] == [(4, None), (5, None), (1, "A"), (2, "A"), (3, "Point")]


@pytest.mark.parametrize("classes", [[300], [255], [-1], []])
def test_forest_classes_outside_the_raster_range_or_nodata_raise(tmp_path: Path, classes: list[int]) -> None:
    raster = write_raster(tmp_path / "r.tif", BY_COLUMN)
    with pytest.raises(SchemaError) as err:
        zonal_stats(raster, units(utm_box(0, 0, 10, 10)), "ma", classes)
    assert err.value.problems[0].field == "classes" and "0–255" in err.value.render("en")


def test_continuous_raster_raises_schema_error(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "ndvi.tif", BY_COLUMN.astype(np.float32), nodata=None)
    with pytest.raises(SchemaError, match="float32"):
        zonal_stats(raster, units(utm_box(0, 0, 10, 10)), "ma", [1])


def test_raster_in_degrees_is_refused_by_the_projected_method_and_measured_by_the_entry(tmp_path: Path) -> None:
    raster = tmp_path / "deg.tif"
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "uint8"}
    with rasterio.open(raster, "w", **profile, crs="EPSG:4326", transform=Affine(0.001, 0, 106, 0, -0.001, 21)) as f:
        f.write(BY_COLUMN, 1)
    zones = units(box(106, 20.998, 106.002, 21), crs="EPSG:4326")  # columns 0 and 1 of the top two rows
    with pytest.raises(CRSError, match="EPSG:4326"):
        zonal_stats_projected(raster, zones, "ma", [1])
    table = zonal_stats(raster, zones, "ma", [1])
    assert table.loc[0, "forest_ha"] / table.loc[0, "area_ha"] == pytest.approx(0.5, rel=1e-5)


def test_projected_crs_in_feet_is_refused_naming_both_accepted_kinds(tmp_path: Path) -> None:
    raster = write_raster(tmp_path / "ft.tif", BY_COLUMN, crs="EPSG:2263")  # NAD83 / New York Long Island (ftUS)
    with pytest.raises(CRSError) as err:
        zonal_stats(raster, units(utm_box(0, 0, 10, 10), crs="EPSG:2263"), "ma", [1])
    assert "a projected CRS in metres (VN-2000, UTM) or a geographic CRS in degrees" in err.value.render("en")
