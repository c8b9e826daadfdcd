"""Unit sets: the built ones and every set the department imported into the store, listed and loaded alike."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from pyproj import Geod

from geo.boundaries.sets import BUILT_TITLES, load_unit_set, unit_of_points, unit_sets
from geo.errors import UnknownIdError
from geo.store import versions
from tests.store_support import IMPORTED_AREAS, IMPORTED_SET, import_unit_set

CHECK_LON, CHECK_LAT = 106.19, 21.27  # DOMAIN.md's check point: the zones' south-west corner


def _stored(frame_sets: list[str]) -> gpd.GeoDataFrame:
    boxes = [shapely.box(106.0 + i / 10, 21.0, 106.05 + i / 10, 21.05) for i in range(len(frame_sets))]
    return gpd.GeoDataFrame({"unit_set": frame_sets, "code": [f"C{i}" for i in range(len(frame_sets))]},
                            geometry=boxes, crs="EPSG:4326")  # fmt: skip


def test_without_the_store_only_the_built_sets_are_listed():
    assert [s.id for s in unit_sets()] == list(BUILT_TITLES) and not any(s.imported for s in unit_sets())


def test_a_set_in_the_store_that_is_not_built_is_listed_after_the_built_ones_with_its_count():
    stored = _stored(["districts_2019", "province_2019", "zz_zones", "a_plan", "zz_zones"])
    listed = unit_sets(stored)
    assert [s.id for s in listed] == [*BUILT_TITLES, "a_plan", "zz_zones"]
    assert [(s.imported, s.units) for s in listed[-2:]] == [(True, 1), (True, 2)]
    assert listed[-1].title("vi") == "zz_zones (tự nhập, 2 đơn vị)"
    assert listed[-1].title("en") == "zz_zones (imported, 2 units)"


def test_an_unknown_set_is_refused_listing_the_built_and_the_imported_names():
    with pytest.raises(UnknownIdError) as err:
        load_unit_set("nowhere", _stored(["a_plan"]))
    message = str(err.value.problems[0].expected("en"))
    assert "districts_2019" in message and "province_2019" in message and "a_plan" in message


def test_a_built_set_loads_from_the_build_directory():
    frame = load_unit_set("districts_2019")
    assert len(frame) == 10 and frame.crs.to_epsg() == 4326
    assert frame["area_km2"].sum() == pytest.approx(3_892.0, abs=0.1)


def test_an_imported_set_loads_from_the_store_with_its_codes_geometry_and_areas(staff, tmp_path):
    import_unit_set(staff, tmp_path)
    stored = versions.current("units", staff)
    assert IMPORTED_SET in [s.id for s in unit_sets(stored) if s.imported]
    frame = load_unit_set(IMPORTED_SET, stored)
    built = load_unit_set("districts_2019")
    assert frame["code"].tolist() == ["Z0", "Z1"] and frame["name"].tolist() == ["Vùng Bắc", "Vùng Đông"]
    assert set(built.columns) <= set(frame.columns) and "unit_set" not in frame.columns
    assert frame.crs.to_epsg() == 4326
    assert frame["area_km2"].tolist() == pytest.approx(list(IMPORTED_AREAS.values()), rel=1e-6)
    corners = frame.geometry.iloc[0].exterior.coords  # placed where VN-2000 puts it: within a metre
    assert min(Geod(ellps="WGS84").inv(x, y, CHECK_LON, CHECK_LAT)[2] for x, y in corners) < 1.0
    shown = load_unit_set(IMPORTED_SET, stored, display=True)
    assert shown["code"].tolist() == ["Z0", "Z1"] and shown.geometry.is_valid.all()


def test_an_area_the_store_lacks_is_measured_in_vn2000():
    stored = _stored(["a_plan", "a_plan"]).assign(area_km2=[None, 5.0])
    frame = load_unit_set("a_plan", stored)
    box = gpd.GeoSeries([shapely.box(106.0, 21.0, 106.05, 21.05)], crs="EPSG:4326").to_crs("EPSG:9214")
    assert frame["area_km2"].tolist() == pytest.approx([box.area.iloc[0] / 1e6, 5.0])


def test_points_get_the_code_of_the_unit_they_lie_in_and_nothing_outside():
    units = _stored(["a", "a"])  # C0: 106.00–106.05, C1: 106.10–106.15
    where = [shapely.Point(106.01, 21.01), shapely.Point(106.12, 21.04), shapely.Point(106.07, 21.02), None]
    points = gpd.GeoDataFrame(geometry=where, crs="EPSG:4326", index=[5, 6, 7, 8])
    codes = unit_of_points(points, units.to_crs("EPSG:9214"))
    assert codes.index.tolist() == [5, 6, 7, 8]
    assert codes.tolist()[:2] == ["C0", "C1"] and codes.isna().tolist() == [False, False, True, True]
