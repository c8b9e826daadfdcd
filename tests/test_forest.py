"""Forest cover (target 5a): the generated raster's calibration, the class mapping for a real raster in degrees,
the official table, and the rows fed to the progress page."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import rasterio
import shapely
from affine import Affine
from shapely.geometry import box

from geo.datasets.forest import FOREST_OFFICIAL
from geo.errors import SchemaError
from geo.forest import cover as forest
from geo.progress.feeds import apply_feeds
from geo.zonal.entry import zonal_stats
from layers import loader
from scripts import make_forest_raster
from tests.forest_support import forest_raster  # noqa: F401 - fixture

PUBLISHED_2020 = {"220": 71.8, "215": 44.9, "219": 43.3, "223": 0.8}  # Sơn Động, Yên Thế, Lục Ngạn, Hiệp Hòa
SRC_2020 = "kinhtenongthon.vn/do-che-phu-rung-tinh-bac-giang-dat-38-post40840.html (hiện trạng rừng 2020)"


@pytest.fixture(scope="module")
def district_table(forest_raster: Path) -> pd.DataFrame:  # noqa: F811 - the fixture
    districts = loader.load("districts_2019")
    return zonal_stats(forest_raster, districts, "code", [1, 2]).set_index("code")


def test_generated_raster_matches_the_published_2020_cover_of_each_district_within_half_a_point(district_table):
    for code, published in PUBLISHED_2020.items():
        assert district_table.loc[code, "forest_pct"] == pytest.approx(published, abs=0.5), code
    for code, (target, _) in make_forest_raster.COVER.items():  # the illustrative ones too
        assert district_table.loc[code, "forest_pct"] == pytest.approx(target, abs=0.5), code
    province = district_table["forest_ha"].sum() / district_table["valid_ha"].sum() * 100
    assert province == pytest.approx(38.0, abs=0.5)
    assert (district_table["nodata_pct"] < 0.01).all()  # every pixel touching the province has data


def test_generated_raster_splits_forest_as_the_2020_statistic_does(district_table):
    # 55,744 ha natural, 92,171 ha planted, 12,781 ha young plantation: within 1 %
    assert district_table["ha_class_1"].sum() == pytest.approx(55_744, rel=0.01)
    assert district_table["ha_class_2"].sum() == pytest.approx(92_171, rel=0.01)
    assert district_table["ha_class_3"].sum() == pytest.approx(12_781, rel=0.01)
    assert district_table.loc["220", "ha_class_1"] > district_table.loc["223", "ha_class_1"] * 100


def test_generated_raster_is_a_tiled_deflated_10m_vn2000_geotiff_marked_illustrative(forest_raster):  # noqa: F811
    with rasterio.open(forest_raster) as src:
        tags = src.tags()
        assert src.crs.to_epsg() == 9214 and src.res == (10.0, 10.0)
        assert src.block_shapes[0] == (512, 512) and src.compression.value == "DEFLATE"
        assert src.nodata == 255 and src.overviews(1)[:3] == [2, 4, 8]
    assert tags["ILLUSTRATIVE"] == "true" and tags["SEED"] == "2020" and tags["YEAR"] == "2020"
    assert tags["GENERATOR"] == "scripts/make_forest_raster.py" and "young plantation" in tags["CLASSES"]
    assert "not a forest map" in tags["DESCRIPTION"]
    assert forest_raster.stat().st_size < 8_000_000


def test_generation_is_seeded_the_same_seed_gives_the_same_classes(build_dir, tmp_path):
    paths = [tmp_path / f"{name}.tif" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (7, 7, 8), strict=True):
        make_forest_raster.generate(path, resolution=250, seed=seed)
    a, b, c = (rasterio.open(p).read(1) for p in paths)
    assert np.array_equal(a, b) and not np.array_equal(a, c)


# --- class mapping configuration: a WorldCover-like raster in degrees over units in VN-2000 metres -------------

TREE, CROP, NODATA = 10, 40, 0
WC_TRANSFORM = Affine(0.001, 0, 106.0, 0, -0.001, 21.30)  # 100 × 100 pixels of 0.001°: lon 106.0–106.1


def _worldcover(tmp_path: Path) -> Path:
    """Tree cover west of 106.05° E, cropland east of it, nodata north of 21.29° N."""
    values = np.where(np.arange(100) < 50, TREE, CROP).astype(np.uint8)[None, :].repeat(100, axis=0)
    values[:10] = NODATA
    path = tmp_path / "worldcover.tif"
    profile = {"driver": "GTiff", "width": 100, "height": 100, "count": 1, "dtype": "uint8", "nodata": NODATA}
    with rasterio.open(path, "w", **profile, crs="EPSG:4326", transform=WC_TRANSFORM) as dst:
        dst.write(values, 1)
    config = tmp_path / "forest_classes.toml"
    config.write_text(
        'active = "wc"\n[rasters.wc]\n'
        f'path = "{path}"\nyear = 2021\nillustrative = false\nsource = "ESA WorldCover (thử)"\n'
        "cover = [10]\narea_only = []\nnodata = 0\n"
        'classes = [{ value = 10, vi = "Cây gỗ", en = "Tree cover", colour = "#006400" }]\n',
        encoding="utf-8",
    )
    return config


def _units_9214() -> gpd.GeoDataFrame:
    """Two 4 km squares in EPSG:9214: one inside the raster, one reaching past its nodata rows and its top edge."""
    to_grid = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:9214", always_xy=True)
    (x1, y1), (x2, y2) = (to_grid.transform(106.05, 21.25), to_grid.transform(106.03, 21.29))
    squares = [box(x1 - 2000, y1 - 2000, x1 + 2000, y1 + 2000), box(x2 - 2000, y2 - 2000, x2 + 2000, y2 + 2000)]
    return gpd.GeoDataFrame({"code": ["A", "B"]}, geometry=[shapely.segmentize(s, 50) for s in squares], crs=9214)


def _geodesic(geom: shapely.Geometry) -> float:
    """Area on the ellipsoid of a polygon in degrees whose edges follow parallels and meridians (densified: a
    geodesic between two points of a parallel bulges poleward, 0.12 m over 4 km here)."""
    return abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(shapely.segmentize(geom, 0.0002))[0])


def test_class_mapping_counts_a_worldcover_raster_in_degrees_over_vn2000_units_exactly(tmp_path):
    raster = forest.load_config(_worldcover(tmp_path))
    assert (raster.cover, raster.area_only, raster.illustrative) == ((10,), (), False)
    units = _units_9214()
    table = forest.forest_table(raster, units, "code").set_index("code")
    zones = units.to_crs(4326).set_index("code").geometry
    tree = box(106.0, 21.20, 106.05, 21.29)
    valid = box(106.0, 21.20, 106.1, 21.29)
    for code in ("A", "B"):
        zone = zones[code]
        assert table.loc[code, "area_ha"] * 1e4 == pytest.approx(_geodesic(zone), rel=1e-6)
        assert table.loc[code, "valid_ha"] * 1e4 == pytest.approx(_geodesic(zone & valid), rel=1e-5)
        assert table.loc[code, "forest_ha"] * 1e4 == pytest.approx(_geodesic(zone & tree), rel=1e-5)
    assert table.loc["A", "area_ha"] == pytest.approx(1600, rel=0.002)  # 4 km × 4 km, within TM-3 scale error
    assert table.loc["A", "forest_pct"] == pytest.approx(50.0, abs=1.0) and table.loc["A", "nodata_pct"] < 1e-6
    assert 40 < table.loc["B", "nodata_pct"] < 60  # its northern half has no data or is off the raster
    assert table.loc["B", "forest_pct"] > 95  # what has data lies west of 106.05°: tree cover


def test_a_raster_in_degrees_refuses_a_continuous_float_band(tmp_path):
    config = _worldcover(tmp_path)
    path = tmp_path / "worldcover.tif"
    with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32", crs="EPSG:4326",
                       transform=WC_TRANSFORM) as dst:  # fmt: skip
        dst.write(np.zeros((4, 4), np.float32), 1)
    with pytest.raises(SchemaError, match="số nguyên"):
        forest.forest_table(forest.load_config(config), _units_9214(), "code")


def test_cover_codes_may_be_ranges_for_a_tree_cover_percentage_map(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('active = "h"\n[rasters.h]\npath = "x.tif"\nyear = 2000\nsource = "Hansen"\ncover = [[30, 100]]\n')
    raster = forest.load_config(path)
    assert raster.cover[0] == 30 and raster.cover[-1] == 100 and len(raster.cover) == 71


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('active = "x"\n[rasters.y]\npath="a.tif"\nyear=2020\nsource="s"\ncover=[1]\n', "active"),
        ('active = "y"\n[rasters.y]\npath="a.tif"\nyear=2020\nsource="s"\ncover=[1,3]\narea_only=[3]\n',
         "rasters.y.cover"),
        ('active = "y"\n[rasters.y]\npath="a.tif"\nyear=2020\nsource="s"\ncover=["rừng"]\n', "rasters.y.cover"),
        ('active = "y"\n[rasters.y]\npath="a.tif"\nsource="s"\ncover=[1]\n', "rasters.y.year"),
    ],
)  # fmt: skip
def test_a_wrong_class_mapping_names_the_key_to_fix(tmp_path, body, field):
    path = tmp_path / "forest_classes.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        forest.load_config(path)
    assert err.value.problems[0].field == field and "forest_classes.toml" in err.value.render("vi")


def test_a_missing_raster_says_how_to_make_it(tmp_path):
    raster = forest.load_config()
    missing = forest.ForestRaster(**{**raster.__dict__, "path": tmp_path / "none.tif"})
    with pytest.raises(SchemaError, match=r"make_forest_raster\.py"):
        forest.forest_table(missing, _units_9214(), "code")


def test_shipped_config_uses_the_illustrative_raster_with_young_plantations_outside_the_rate():
    raster = forest.load_config()
    assert raster.name == "illustrative" and raster.illustrative and raster.year == 2020
    assert (raster.cover, raster.area_only, raster.nodata) == ((1, 2), (3,), 255)
    assert forest.load_config(name="worldcover").cover == (10,)


@pytest.mark.parametrize(("pct", "cls"), [(0.8, 0), (10.0, 1), (36.99, 2), (37.0, 3), (49.9, 3), (71.8, 4),
                                          (math.nan, -1)])  # fmt: skip
def test_cover_classes_break_at_10_20_37_and_50_percent(pct, cls):
    assert forest.cover_class(pct) == cls


# --- official statistics, comparison and the target-5a feed ------------------------------------------------


def test_official_table_validates_and_holds_exactly_the_published_figures():
    table = loader.load(FOREST_OFFICIAL)
    got = {(r.unit_code, int(r.year), r.indicator, r.kind): float(r.value) for r in table.itertuples()}
    assert got == {
        ("24", 2019, "forest_ha", "status"): 160_508, ("24", 2019, "special_use_ha", "status"): 12_926,
        ("24", 2019, "protection_ha", "status"): 19_861, ("24", 2019, "production_ha", "status"): 127_721,
        ("24", 2019, "outside_planning_ha", "status"): 13_821,
        ("24", 2020, "forest_ha", "status"): 160_696, ("24", 2020, "natural_ha", "status"): 55_744,
        ("24", 2020, "planted_ha", "status"): 92_171, ("24", 2020, "young_ha", "status"): 12_781,
        ("24", 2020, "cover_pct", "status"): 38.0, ("220", 2020, "cover_pct", "status"): 71.8,
        ("215", 2020, "cover_pct", "status"): 44.9, ("219", 2020, "cover_pct", "status"): 43.3,
        ("223", 2020, "cover_pct", "status"): 0.8,
        ("24", 2025, "cover_pct", "plan"): 37.5, ("24", 2025, "certified_ha", "plan"): 12_500,
    }  # fmt: skip
    assert table["source"].notna().all() and (table["source"].str.len() > 10).all()
    assert 55_744 + 92_171 + 12_781 == 160_696  # the 2020 parts add up to the total
    assert not ((table["indicator"] == "certified_ha") & (table["kind"] == "status")).any()  # none published


def _table() -> pd.DataFrame:
    return pd.DataFrame({"code": ["220", "213"], "area_ha": [100.0, 300.0], "valid_ha": [100.0, 300.0],
                         "forest_ha": [71.79, 30.0], "area_only_ha": [1.0, 0.0], "forest_pct": [71.79, 10.0],
                         "nodata_pct": [0.0, 0.0]})  # fmt: skip


def test_compare_official_puts_the_published_cover_and_both_gaps_to_37_percent_beside_the_raster():
    out = forest.compare_official(_table(), pd.DataFrame(loader.load(FOREST_OFFICIAL)), "districts_2019", 2020)
    son_dong, city = out.iloc[0], out.iloc[1]
    assert son_dong["official_pct"] == 71.8 and son_dong["official_gap_pp"] == pytest.approx(34.8)
    assert son_dong["gap_pp"] == pytest.approx(34.79) and city["gap_pp"] == pytest.approx(-27.0)
    assert math.isnan(city["official_pct"])  # Bắc Giang city: no published figure


def test_feed_rows_skip_units_with_an_official_figure_and_add_the_area_weighted_province():
    official = pd.DataFrame(loader.load(FOREST_OFFICIAL))
    rows = forest.indicator_rows(_table(), "districts_2019", 2021, "ảnh minh họa", illustrative=True,
                                 official=official, province_code="24")  # fmt: skip
    assert rows[["unit_set", "unit_code", "value"]].values.tolist() == [
        ["province", "24", pytest.approx(25.4475)],  # (71.79 + 30) / 400 ha, unrounded
        ["districts_2019", "220", 71.79],
        ["districts_2019", "213", 10.0],
    ]
    assert (rows["target_id"] == "5a").all() and rows["illustrative"].all() and (rows["year"] == 2021).all()
    in_2020 = forest.indicator_rows(_table(), "districts_2019", 2020, "ảnh", illustrative=False, official=official,
                                    province_code="24")  # fmt: skip
    assert in_2020["unit_code"].tolist() == ["213"]  # the official 2020 figures stand, even against a real raster


def test_feed_over_the_shipped_values_replaces_illustrative_rows_and_keeps_the_real_ones():
    shipped = pd.DataFrame(loader.load("indicator_values"))
    rows = forest.indicator_rows(_table(), "districts_2019", 2020, "ảnh minh họa", illustrative=True)
    values = apply_feeds(shipped, [rows]).set_index(["target_id", "unit_code", "year"])
    assert values.loc[("5a", "220", 2020), "value"] == 71.8  # the published figure stays
    assert values.loc[("5a", "220", 2020), "source"] == SRC_2020
    assert values.loc[("5a", "213", 2020), "value"] == 10.0  # the invented 39.1 gives way to the raster
    assert bool(values.loc[("5a", "213", 2020), "illustrative"])
    assert len(values) == len(shipped)


def test_target_feed_gives_the_six_districts_without_a_published_2020_figure(forest_raster):  # noqa: F811
    official = pd.DataFrame(loader.load(FOREST_OFFICIAL))
    rows = forest.target_feed(forest.load_config(), loader.load("districts_2019"), official)
    assert sorted(rows["unit_code"]) == ["213", "216", "217", "218", "221", "222"]
    assert rows.set_index("unit_code").loc["218", "value"] == pytest.approx(36.0, abs=0.5)  # Lục Nam
    assert rows["illustrative"].all() and "minh họa" in rows["source"].iloc[0]
