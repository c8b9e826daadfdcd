import geopandas as gpd
import pytest
from pyproj import CRS, Transformer
from shapely.geometry import Point, box

from geo.errors import CRSError
from geo.io.crs import area_km2, check_crs, to_storage


def test_wgs84_to_vn2000_tm3_matches_the_domain_check_point():
    # DOMAIN.md §3: lon 106.19, lat 21.27 → E 415 747.64, N 2 353 061.67 (datum shift of Decision 05/2007 applied)
    e, n = Transformer.from_crs("EPSG:4326", "EPSG:9214", always_xy=True).transform(106.19, 21.27)
    assert (round(e, 2), round(n, 2)) == (415747.64, 2353061.67)


def test_area_km2_of_a_1km_square_in_the_local_grid_is_1(squares_9214):
    assert area_km2(squares_9214.geometry) == pytest.approx([1.0, 1.0], rel=1e-9)
    assert area_km2(squares_9214.to_crs("EPSG:4326").geometry) == pytest.approx([1.0, 1.0], rel=1e-6)


def test_lonlat_without_crs_is_taken_as_epsg4326():
    frame = gpd.GeoDataFrame(geometry=[Point(106.19, 21.27)])
    assert check_crs(frame, file="a.csv").crs == CRS("EPSG:4326")


def test_grid_coordinates_without_crs_are_recognised_and_refused_with_the_fix():
    frame = gpd.GeoDataFrame(geometry=[box(415_000, 2_353_000, 416_000, 2_354_000)])
    with pytest.raises(CRSError) as err:
        check_crs(frame, file="ranh_gioi.shp")
    text = err.value.render("vi")
    assert "ranh_gioi.shp" in text and "VN-2000" in text and "EPSG:9214" in text


def test_swapped_surveyor_xy_is_named():
    frame = gpd.GeoDataFrame(geometry=[Point(2_353_000, 415_000)])
    with pytest.raises(CRSError, match="bị đảo"):
        check_crs(frame, file="diem.csv")


def test_grid_coordinates_labelled_wgs84_geographic_are_refused():
    frame = gpd.GeoDataFrame(geometry=[Point(415_000, 2_353_000)], crs="EPSG:4326")
    with pytest.raises(CRSError, match="lưới mét"):
        check_crs(frame, file="sai.geojson")


def test_tm3_grid_with_unknown_datum_is_refused_because_it_would_be_224m_off():
    unknown = CRS.from_proj4("+proj=tmerc +lat_0=0 +lon_0=107 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m")
    frame = gpd.GeoDataFrame(geometry=[Point(415_000, 2_353_000)], crs=unknown)
    with pytest.raises(CRSError, match="224 m"):
        check_crs(frame, file="khong_datum.shp")
    # what accepting it would have cost: the two readings of the same numbers lie about 224 m apart
    wrong = frame.to_crs("EPSG:4326").to_crs("EPSG:9214").geometry[0]
    right = frame.set_crs("EPSG:9214", allow_override=True).geometry[0]
    assert 200 < wrong.distance(right) < 250


def test_declared_crs_fills_a_missing_one():
    frame = gpd.GeoDataFrame(geometry=[Point(415_747.64, 2_353_061.67)])
    out = to_storage(check_crs(frame, file="x.csv", declared="EPSG:9214"))
    assert (round(out.geometry.x[0], 5), round(out.geometry.y[0], 5)) == (106.19, 21.27)
