"""The importer reads the department's files as people keep them and reports every problem by row, field and code:
each class of bad input is a small file made here."""

import io
import json
import zipfile

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import Geod

from geo.importers import read_upload
from geo.io.legacy_text import TCVN3

# DOMAIN.md §3 check point: WGS84 lon 106.19, lat 21.27 → EPSG:9214 E 415 747.64 m, N 2 353 061.67 m.
CHECK_LON, CHECK_LAT, CHECK_E, CHECK_N = 106.19, 21.27, 415_747.64, 2_353_061.67
_TO_TCVN3 = {ch: bytes([b]) for b, ch in TCVN3.items()}


def tcvn3(text: str) -> bytes:
    return b"".join(_TO_TCVN3[ch] if ch in _TO_TCVN3 else ch.encode("ascii") for ch in text)


def codes(result):
    return [(p["row"], p["field"], p["code"]) for p in result.report.as_dict("en")["problems"]]


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, monkeypatch):
    area = tmp_path / "uploads"
    monkeypatch.setenv("BGGM_UPLOAD_DIR", str(area))
    return area


KCN_HEADER = "Ma,Ten,Loai,Kinh do,Vi do"


# --- text: encodings, separators, numbers ---------------------------------------------------------------------------


def test_a_utf16_csv_is_decoded_and_the_encoding_reported():
    text = KCN_HEADER + "\nK1,KCN Quang Châu,KCN,106.19,21.27\n"
    result = read_upload(text.encode("utf-16"), "kcn_ccn", name="kcn.csv")
    assert result.ok, codes(result)
    assert result.report.encoding == "UTF-16"
    assert result.frame["name"].tolist() == ["KCN Quang Châu"]


def test_a_tcvn3_csv_is_converted_and_the_choice_reported():
    raw = (KCN_HEADER + "\n").encode() + b"K1," + tcvn3("KCN Bắc Giang") + b",KCN,106.19,21.27\n"
    result = read_upload(raw, "kcn_ccn", name="kcn.csv")
    assert result.ok, codes(result)
    assert result.report.encoding == "TCVN3"
    assert result.frame["name"].tolist() == ["KCN Bắc Giang"]


def test_a_vni_csv_is_converted_and_the_choice_reported():
    raw = (KCN_HEADER + "\nK1,CCN Baéc Giang - Hieäp Hoøa,CCN,106.19,21.27\n").encode("latin-1")
    result = read_upload(raw, "kcn_ccn", name="kcn.csv")
    assert result.ok, codes(result)
    assert result.report.encoding == "VNI"
    assert result.frame["name"].tolist() == ["CCN Bắc Giang - Hiệp Hòa"]


def test_a_windows_1258_csv_is_converted_and_the_choice_reported():
    raw = (KCN_HEADER + "\nK1,KCN Bă\u0301c Giang,KCN,106.19,21.27\n").encode("cp1258")  # base letter + tone mark
    result = read_upload(raw, "kcn_ccn", name="kcn.csv")
    assert result.ok, codes(result)
    assert result.report.encoding == "Windows-1258"
    assert result.frame["name"].tolist() == ["KCN Bắc Giang"]


def test_semicolon_separator_and_vietnamese_numbers_are_read():
    text = "Mã;Tên;Loại;Kinh độ;Vĩ độ;Diện tích (ha)\nK1;KCN A;KCN;106,19;21,27;1.234,5\nK2;KCN B;KCN;106,2;21,3;12,5\n"
    result = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert result.ok, codes(result)
    assert result.report.details["separator"] == ";"
    assert result.frame["area_ha"].tolist() == [1234.5, 12.5]
    assert result.frame["lon"].tolist() == [106.19, 106.2]


def test_an_ambiguous_2000_column_is_reported_by_row():
    text = KCN_HEADER + ',Công suất thiết kế\nK1,A,KCN,106.19,21.27,"2,000"\nK2,B,KCN,106.2,21.3,"2,000"\n'
    result = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert codes(result) == [
        (2, "design_capacity_m3d", "ambiguous_number"),
        (3, "design_capacity_m3d", "ambiguous_number"),
    ]
    assert result.frame is None


def test_headers_without_diacritics_and_a_user_mapping_are_recognised():
    text = "MA,ten goi khac,LOAI,kinh do,vi do,Ghi chu rieng\nK1,KCN A,KCN,106.19,21.27,x\n"
    unmapped = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert (1, "name", "missing_column") in codes(unmapped)
    mapped = read_upload(text.encode(), "kcn_ccn", name="kcn.csv", mapping={"ten goi khac": "name"})
    assert mapped.ok, codes(mapped)
    assert mapped.frame["name"].tolist() == ["KCN A"]
    assert mapped.frame["status"].isna().all()  # a column the file lacks is "no data"


def test_a_mapping_to_a_column_the_dataset_lacks_is_reported():
    result = read_upload((KCN_HEADER + "\nK1,A,KCN,106.19,21.27\n").encode(), "kcn_ccn", name="k.csv",
                         mapping={"Ten": "ten_moi"})  # fmt: skip
    assert (None, "Ten", "mapping_unknown_column") in codes(result)


# --- coordinates ---------------------------------------------------------------------------------------------------


def test_a_swapped_latitude_is_refused_naming_the_row():
    text = KCN_HEADER + "\nK1,A,KCN,106.19,21.27\nK2,B,KCN,21.27,106.19\n"
    result = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert codes(result) == [(3, "lat", "lonlat_swapped")]


def test_a_point_outside_the_province_is_named_by_row():
    text = KCN_HEADER + "\nK1,A,KCN,106.19,21.27\nK2,B,KCN,105.85,21.03\n"  # Hà Nội is not in the province... nearly
    text = KCN_HEADER + "\nK1,A,KCN,106.19,21.27\nK2,B,KCN,108.2,16.05\n"  # Đà Nẵng
    result = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert codes(result) == [(3, "geometry", "outside_province")]


def test_vn2000_xy_without_crs_asks_then_places_within_a_metre_with_epsg_9214():
    text = f"Ma,Ten,Loai,X,Y\nK1,A,KCN,{CHECK_N},{CHECK_E}\n"
    asked = read_upload(text.encode(), "kcn_ccn", name="kcn.csv")
    assert codes(asked) == [(None, "geometry", "crs_needed")]
    choices = {c["crs"]: c for c in asked.report.details["crs_choices"]}
    assert set(choices) == {"EPSG:9214", "EPSG:9209", "EPSG:3405"}
    assert choices["EPSG:9214"]["inside_province"] and not choices["EPSG:3405"]["inside_province"]
    placed = read_upload(text.encode(), "kcn_ccn", name="kcn.csv", crs="EPSG:9214")
    assert placed.ok, codes(placed)
    lon, lat = placed.frame["lon"].iloc[0], placed.frame["lat"].iloc[0]
    assert Geod(ellps="WGS84").inv(lon, lat, CHECK_LON, CHECK_LAT)[2] < 1.0
    assert placed.report.crs == "EPSG:9214"


UNKNOWN_DATUM_PRJ = (
    'PROJCS["Transverse_Mercator",GEOGCS["GCS_unknown",DATUM["D_unknown",SPHEROID["WGS_1984",6378137.0,'
    '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",107.0],'
    'PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)


def _shapefile_zip(tmp_path, frame, *, prj=True, cpg=False, name="layer", prj_text=None):
    """A zipped Shapefile as departments send it: DBF text in the bytes given (no .cpg), .prj optional."""
    folder = tmp_path / name
    folder.mkdir()
    pyogrio.write_dataframe(frame, folder / f"{name}.shp", encoding="latin1")
    if prj_text is not None:
        (folder / f"{name}.prj").write_text(prj_text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in sorted(folder.iterdir()):
            if (part.suffix == ".prj" and not prj) or (part.suffix == ".cpg" and not cpg):
                continue
            archive.write(part, part.name)
    return buffer.getvalue()


def _units_frame(names, crs, polygons):
    return gpd.GeoDataFrame({"ma": [f"Z{i}" for i in range(len(names))], "ten": names}, geometry=polygons, crs=crs)


def _square(e, n, size=500.0):
    return shapely.box(e, n, e + size, n + size)


def test_a_zipped_vn2000_shapefile_with_tcvn3_names_and_no_prj_is_recognised_then_imported(tmp_path):
    latin = [tcvn3("Vùng Bắc").decode("latin-1"), tcvn3("Vùng Đồng").decode("latin-1")]
    frame = _units_frame(latin, "EPSG:9214", [_square(CHECK_E, CHECK_N), _square(CHECK_E + 1000, CHECK_N)])
    data = _shapefile_zip(tmp_path, frame, prj=False)
    mapping = {"ma": "code", "ten": "name"}
    asked = read_upload(data, "units", name="vung.zip", mapping=mapping)
    assert codes(asked) == [(None, "geometry", "crs_needed")]
    assert asked.report.encoding == "TCVN3"
    result = read_upload(data, "units", name="vung.zip", mapping=mapping, crs="EPSG:9214", unit_set="planning_zones")
    assert result.ok, codes(result)
    assert result.frame["name"].tolist() == ["Vùng Bắc", "Vùng Đồng"]
    assert result.frame["unit_set"].tolist() == ["planning_zones"] * 2
    assert result.frame["area_km2"].tolist() == [0.25, 0.25]
    corners = result.frame.geometry.iloc[0].exterior.coords  # the square's south-west corner is the check point
    assert min(Geod(ellps="WGS84").inv(x, y, CHECK_LON, CHECK_LAT)[2] for x, y in corners) < 1.0


def test_a_vni_dbf_without_cpg_is_detected(tmp_path):
    frame = _units_frame(["Vuøng Baéc"], "EPSG:9214", [_square(CHECK_E, CHECK_N)])
    result = read_upload(_shapefile_zip(tmp_path, frame), "units", name="v.zip", mapping={"ma": "code", "ten": "name"})
    assert result.ok, codes(result)
    assert result.report.encoding == "VNI"
    assert result.frame["name"].tolist() == ["Vùng Bắc"]


def test_a_prj_with_an_unknown_datum_is_refused_with_the_fix(tmp_path):
    frame = _units_frame(["A"], "EPSG:9214", [_square(CHECK_E, CHECK_N)])
    data = _shapefile_zip(tmp_path, frame, prj_text=UNKNOWN_DATUM_PRJ)
    result = read_upload(data, "units", name="v.zip", mapping={"ma": "code", "ten": "name"})
    assert codes(result) == [(None, "geometry", "crs_unknown_datum")]
    problem = result.report.as_dict("en")["problems"][0]
    assert "224 m" in problem["found"] and "EPSG:9214" in problem["fix"]


# --- geometry ------------------------------------------------------------------------------------------------------


def _geojson(features):
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _feature(code, name, geometry):
    return {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry}


BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[106.1, 21.2], [106.2, 21.3], [106.2, 21.2], [106.1, 21.3], [106.1, 21.2]]],
}
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[106.1, 21.2], [106.2, 21.2], [106.2, 21.3], [106.1, 21.3], [106.1, 21.2]]],
}


def test_a_bow_tie_polygon_is_listed_with_the_make_valid_repair_and_its_areas():
    data = _geojson([_feature("A", "Vùng A", SQUARE), _feature("B", "Vùng nơ", BOWTIE)])
    result = read_upload(data, "units", name="z.geojson")
    assert codes(result) == [(2, "geometry", "invalid_geometry")]
    problem = result.report.as_dict("en")["problems"][0]
    assert problem["found"].startswith("Self-intersection")
    assert "make_valid" in problem["fix"] and " ha → " in problem["fix"]
    repaired = read_upload(data, "units", name="z.geojson", repair=True)
    assert repaired.ok, codes(repaired)
    assert [n["code"] for n in repaired.report.as_dict("en")["notes"]] == ["geometry_repaired"]
    square, bowtie = repaired.frame["area_km2"]
    assert bowtie == pytest.approx(square / 2, rel=0.01)


def test_an_empty_geometry_is_listed_by_feature():
    result = read_upload(_geojson([_feature("A", "Vùng A", SQUARE), _feature("B", "Vùng B", None)]), "units",
                         name="z.geojson")  # fmt: skip
    assert codes(result) == [(2, "geometry", "empty_geometry")]


def test_a_feature_of_the_wrong_kind_is_listed_by_feature():
    point = {"type": "Point", "coordinates": [106.15, 21.25]}
    result = read_upload(_geojson([_feature("A", "Vùng A", SQUARE), _feature("B", "Điểm B", point)]), "units",
                         name="z.geojson")  # fmt: skip
    assert (2, "geometry", "wrong_geometry_type") in codes(result)
    problem = next(p for p in result.report.as_dict("en")["problems"] if p["code"] == "wrong_geometry_type")
    assert (problem["expected"], problem["found"]) == ("an area (Polygon/MultiPolygon)", "Point")


# --- safety --------------------------------------------------------------------------------------------------------


def test_a_zip_member_outside_the_archive_root_is_refused_and_nothing_is_written(tmp_path, upload_dir):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.csv", "x")
        archive.writestr("ok.csv", KCN_HEADER)
    result = read_upload(buffer.getvalue(), "kcn_ccn", name="evil.zip")
    assert codes(result) == [(None, None, "zip_unsafe_path")]
    assert not (tmp_path / "evil.csv").exists() and not (upload_dir.parent / "evil.csv").exists()
    assert list(upload_dir.iterdir()) == []  # the upload area is removed


def test_a_zip_bomb_over_the_limit_is_refused_before_extraction(monkeypatch, upload_dir):
    monkeypatch.setenv("BGGM_IMPORT_MAX_UNCOMPRESSED", "1000000")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.csv", b"0" * 5_000_000)
    assert len(buffer.getvalue()) < 20_000
    result = read_upload(buffer.getvalue(), "kcn_ccn", name="bomb.zip")
    assert codes(result) == [(None, None, "archive_too_large")]
    assert list(upload_dir.iterdir()) == []


def test_upload_size_and_row_limits_come_from_settings(monkeypatch):
    data = (KCN_HEADER + "\nK1,A,KCN,106.19,21.27\nK2,B,KCN,106.2,21.3\n").encode()
    monkeypatch.setenv("BGGM_IMPORT_MAX_ROWS", "1")
    assert codes(read_upload(data, "kcn_ccn", name="k.csv")) == [(None, None, "too_many_rows")]
    monkeypatch.setenv("BGGM_IMPORT_MAX_BYTES", "10")
    assert codes(read_upload(data, "kcn_ccn", name="k.csv")) == [(None, None, "file_too_large")]


def test_a_malformed_file_gives_a_report_not_a_traceback():
    result = read_upload(b"PK\x03\x04 not really a zip", "units", name="broken.gpkg")
    assert [c for _, _, c in codes(result)] == ["unreadable"]


# --- XLSX ----------------------------------------------------------------------------------------------------------


def _workbook(rows, sheet="Trạm", merge=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


STATION_HEADER = ["Mã trạm", "Tên trạm", "Loại trạm", "Đơn vị vận hành", "Thông số đo", "Bắt đầu hoạt động",
                  "Mã huyện", "Mã xã", "Minh họa", "Kinh độ", "Vĩ độ"]  # fmt: skip


def _station(i, start="2024-03-25"):
    return [f"S{i}", f"Trạm {i}", "automatic", "Sở NN&MT", "pm25", start, "215", "07210", "có", 106.19, 21.27]


def test_xlsx_formula_without_stored_result_merged_cells_and_date_as_text_are_reported_precisely():
    rows = [STATION_HEADER, _station(1), _station(2, "2024/03/25"), _station(3), _station(4)]
    rows[3][3] = '=CONCAT("Sở","NN")'
    result = read_upload(_workbook(rows, merge="D4:D5"), "aq_stations", name="tram.xlsx")
    assert codes(result) == [
        (3, "start_date", "date_as_text"),
        (4, "operator", "formula_no_value"),
        (4, "operator", "merged_cells"),
        (5, "operator", "empty"),
    ]


def test_xlsx_wrong_sheet_name_lists_the_sheets():
    data = _workbook([STATION_HEADER, _station(1)], sheet="Trạm")
    result = read_upload(data, "aq_stations", name="tram.xlsx", sheet="Data")
    assert codes(result) == [(None, None, "wrong_sheet")]
    assert result.report.as_dict("en")["problems"][0]["found"] == "Trạm"
    assert read_upload(data, "aq_stations", name="tram.xlsx").ok


# --- units ---------------------------------------------------------------------------------------------------------


def test_unit_names_matching_nothing_and_codes_naming_another_unit_are_flagged():
    header = "Ma chi tieu,Bo don vi,Ma don vi,Ten don vi,Nam,Gia tri,Nguon,Minh hoa"
    rows = ["1,districts_2019,215,Yên Thế,2024,1,Sở,không",
            "1,districts_2019,,Hiệp Hoà,2024,1,Sở,không",
            "1,districts_2019,,Hà Đông,2024,1,Sở,không",
            "1,districts_2019,215,Tân Yên,2023,1,Sở,không"]  # fmt: skip
    result = read_upload("\n".join([header, *rows]).encode(), "indicator_values", name="chi_tieu.csv")
    assert codes(result) == [(4, "unit_name", "unit_unmatched"), (5, "unit_name", "unit_code_name_mismatch")]


def test_names_alone_are_matched_to_their_codes():
    header = "Ma chi tieu,Bo don vi,Ma don vi,Ten don vi,Nam,Gia tri,Nguon,Minh hoa"
    result = read_upload(f"{header}\n1,districts_2019,,Huyện Hiệp Hoà,2024,1,Sở,không\n".encode(), "indicator_values",
                         name="c.csv")  # fmt: skip
    assert result.ok, codes(result)
    assert result.frame["unit_code"].tolist() == ["223"]


# --- hourly exports, report ----------------------------------------------------------------------------------------


def test_a_wide_station_export_becomes_one_row_per_station_and_hour():
    text = "Thời gian,BG01 PM2.5,BG01 PM10,BG02 PM2.5\n01/03/2024 13:00,20,40,25\n01/03/2024 14:00,22,41,\n"
    result = read_upload(text.encode(), "aq_hourly", name="gio.csv")
    assert result.ok, codes(result)
    frame = result.frame.sort_values(["station_id", "time"])
    assert frame["station_id"].tolist() == ["BG01", "BG01", "BG02"]  # BG02 measured nothing at 14:00: no row
    assert frame["pm25"].tolist() == [20.0, 22.0, 25.0]
    assert result.report.rows == 3


def test_progress_is_told_each_stage():
    seen = []
    read_upload((KCN_HEADER + "\nK1,A,KCN,106.19,21.27\n").encode(), "kcn_ccn", name="k.csv",
                progress=lambda stage, share: seen.append((stage, share)))  # fmt: skip
    assert seen == [("read", 0.0), ("place", 0.4), ("validate", 0.6), ("done", 1.0)]


def test_the_report_serialises_to_json_and_xlsx_in_both_languages():
    result = read_upload((KCN_HEADER + "\nK1,A,KCN,21.27,106.19\n").encode(), "kcn_ccn", name="k.csv")
    data = json.loads(result.report.to_json("vi"))
    assert set(data) >= {"ok", "dataset", "rows", "encoding", "crs", "bounds", "problems"}
    assert data["problems"][0] == {**data["problems"][0], "row": 2, "field": "lat", "code": "lonlat_swapped"}
    assert set(data["problems"][0]) == {"row", "field", "code", "expected", "found", "fix"}
    sheet = pd.read_excel(io.BytesIO(result.report.to_xlsx("en")), sheet_name="Problems")
    assert sheet[["Row", "Field", "Code"]].values.tolist() == [[2, "lat", "lonlat_swapped"]]
    assert "Lỗi" in openpyxl.load_workbook(io.BytesIO(result.report.to_xlsx("vi"))).sheetnames


# --- formats, rasters, zonal units ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "driver"), [(".gpkg", "GPKG"), (".kml", "KML"), (".parquet", None)])
def test_geopackage_kml_and_geoparquet_units_are_read(tmp_path, suffix, driver):
    frame = gpd.GeoDataFrame({"code": ["A"], "name": ["Vùng A"]}, geometry=[shapely.from_geojson(json.dumps(SQUARE))],
                             crs="EPSG:4326")  # fmt: skip
    path = tmp_path / f"vung{suffix}"
    if driver is None:
        frame.to_parquet(path)
    else:
        pyogrio.write_dataframe(frame, path, driver=driver)
    mapping = {"Name": "code", "Description": "name"} if driver == "KML" else {}
    if driver == "KML":  # KML keeps a feature's name and description
        pyogrio.write_dataframe(frame.rename(columns={"code": "Name", "name": "Description"}), path, driver="KML")
    result = read_upload(path, "units", mapping=mapping, unit_set="zones")
    assert result.ok, codes(result)
    assert result.frame["name"].tolist() == ["Vùng A"]
    assert result.report.bounds == (106.1, 21.2, 106.2, 21.3)


def test_a_forest_raster_in_any_crs_reports_its_crs_size_and_classes(tmp_path):
    import numpy as np
    import rasterio
    from rasterio.transform import Affine

    path = tmp_path / "rung.tif"
    data = np.array([[1, 2, 2], [3, 1, 0]], dtype="uint8")
    with rasterio.open(path, "w", driver="GTiff", width=3, height=2, count=1, dtype="uint8", crs="EPSG:32648",
                       transform=Affine(30, 0, 620_000, 0, -30, 2_355_000), nodata=0) as dst:  # fmt: skip
        dst.write(data, 1)
    result = read_upload(path, "forest_raster", classes={1: "rừng tự nhiên", 2: "rừng trồng"}, date="2024-12-31")
    assert codes(result) == [(None, "classes", "class_unmapped")]
    assert result.report.details["classes"] == [1, 2, 3]
    assert (result.report.details["width"], result.report.details["height"]) == (3, 2)
    assert result.report.crs == "EPSG:32648"
    ok = read_upload(path, "forest_raster", classes={1: "tự nhiên", 2: "trồng", 3: "chưa thành rừng"})
    assert ok.ok, codes(ok)


def test_zonal_units_files_go_through_the_same_reader(tmp_path):
    from geo.cli.zonal import load_units
    from geo.errors import SchemaError

    frame = _units_frame(["A"], "EPSG:9214", [_square(CHECK_E, CHECK_N)])
    path = tmp_path / "xa.zip"
    path.write_bytes(_shapefile_zip(tmp_path, frame, prj=False))
    with pytest.raises(SchemaError) as refused:
        load_units(str(path))
    assert [p.code for p in refused.value.problems] == ["crs_needed"]


def test_a_problem_with_a_code_survives_pickling():
    import pickle

    from geo.errors import GeoDataError, Problem

    error = GeoDataError(Problem(file="a.csv", row=2, field="lat", code="lonlat_swapped"))
    assert pickle.loads(pickle.dumps(error)).problems[0].code == "lonlat_swapped"


# --- command line --------------------------------------------------------------------------------------------------


def test_check_file_exits_2_with_the_report_then_0_with_the_grid_and_mapping(tmp_path):
    from geo.cli import main

    frame = _units_frame(["Vùng A"], "EPSG:9214", [_square(CHECK_E, CHECK_N)])
    path = tmp_path / "vung.zip"
    path.write_bytes(_shapefile_zip(tmp_path, frame, prj=False))
    report = tmp_path / "r.json"
    args = ["--lang", "en", "check-file", "units", str(path), "--map", "ma=code", "--map", "ten=name"]
    assert main([*args, "--report", str(report)]) == 2
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["ok"], data["rows"], [p["code"] for p in data["problems"]]) == (False, 1, ["crs_needed"])
    assert main([*args, "--crs", "EPSG:9214", "--report", str(report)]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] and data["crs"] == "EPSG:9214" and data["problems"] == []
    assert data["bounds"][0] == pytest.approx(CHECK_LON, abs=1e-4)  # the square is turned by grid convergence


def test_the_xlsx_report_shows_a_formula_found_in_the_file_as_text():
    result = read_upload(
        (KCN_HEADER + '\nK1,A,"=HYPERLINK(""http://x"")",106.19,21.27\n').encode(), "kcn_ccn", name="k.csv"
    )
    assert codes(result) == [(2, "kind", "not_allowed")]
    sheet = openpyxl.load_workbook(io.BytesIO(result.report.to_xlsx("en")))["Problems"]
    assert sheet["E2"].value == '\'=HYPERLINK("http://x")' and sheet["E2"].data_type == "s"


def test_a_feature_written_lat_lon_is_refused_as_swapped():
    swapped = {"type": "Point", "coordinates": [21.27, 106.19]}
    data = _geojson([_feature("A", "Trạm A", {"type": "Point", "coordinates": [106.19, 21.27]}),
                     _feature("B", "Trạm B", swapped)])  # fmt: skip
    result = read_upload(data, "kcn_ccn", name="kcn.geojson", mapping={"code": "id"})
    assert codes(result) == [(None, "kind", "missing_column"), (2, "geometry", "lonlat_swapped")]


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [("ÔÙ", "Ớ"), ("öï", "ự"), ("Î", "Ỵ"), ("yõ", "ỹ"), ("AÚ", "Ẳ"), ("aü", "ẵ"), ("EÄ", "Ệ"), ("oå", "ổ"),
     ("UÕ", "Ũ"), ("Ó", "Ĩ"), ("Æ", "Ỉ"), ("ò", "ị"), ("aê", "ă"), ("Ñ", "Đ"), ("ì", "ì"), ("aø", "à")],
)  # fmt: skip
def test_vni_letters_decode_as_the_published_vni_chart(vni, unicode):
    from geo.io.legacy_text import from_vni

    assert from_vni(vni) == unicode
