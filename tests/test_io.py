import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo.errors import CRSError, GeoDataError, SchemaError
from geo.io import files as io
from geo.io.crs import area_km2


def _zip_shapefile(frame, tmp_path, *, with_prj=True):
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    pyogrio.write_dataframe(frame, shp_dir / "units.shp")
    archive = tmp_path / "units.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in shp_dir.iterdir():
            if with_prj or part.suffix != ".prj":
                zf.write(part, part.name)
    return archive


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".kml", ".zip"])
def test_every_vector_format_reads_back_as_epsg4326_with_its_areas(squares_9214, tmp_path, suffix):
    frame = squares_9214.to_crs("EPSG:4326") if suffix == ".kml" else squares_9214
    if suffix == ".zip":
        path = _zip_shapefile(frame, tmp_path)
    elif suffix == ".parquet":
        path = tmp_path / "units.parquet"
        frame.to_parquet(path)
    else:
        path = tmp_path / f"units{suffix}"
        pyogrio.write_dataframe(frame, path, driver={".geojson": "GeoJSON", ".gpkg": "GPKG", ".kml": "KML"}[suffix])
    out = io.read_vector(path)
    assert out.crs == "EPSG:4326"
    assert len(out) == 2
    assert area_km2(out.geometry) == pytest.approx([1.0, 1.0], rel=1e-5)


def test_zipped_shapefile_without_prj_in_vn2000_grid_is_refused(squares_9214, tmp_path):
    path = _zip_shapefile(squares_9214, tmp_path, with_prj=False)
    with pytest.raises(CRSError) as err:
        io.read_vector(path)
    assert "units.zip" in err.value.render("vi")
    # the user can declare the CRS instead of editing the file
    out = io.read_vector(path, declared_crs="EPSG:9214")
    assert area_km2(out.geometry) == pytest.approx([1.0, 1.0], rel=1e-6)


def test_csv_with_lon_lat_columns_becomes_points(tmp_path):
    path = tmp_path / "tram.csv"
    path.write_text("id,ten,lon,lat\nS1,Trạm Bắc Giang,106.19,21.27\nS2,Trạm Lục Ngạn,106.55,21.38\n", encoding="utf-8")
    out = io.read_vector(path)
    assert list(out["ten"]) == ["Trạm Bắc Giang", "Trạm Lục Ngạn"]
    assert (out.geometry.x[0], out.geometry.y[0]) == (106.19, 21.27)


def test_csv_with_surveyor_xy_needs_a_declared_crs_and_then_lands_right(tmp_path):
    path = tmp_path / "diem.csv"
    path.write_text("id,X,Y\nP1,2353061.67,415747.64\n", encoding="utf-8")
    with pytest.raises(CRSError):
        io.read_vector(path)
    out = io.read_vector(path, declared_crs="EPSG:9214")
    assert (round(out.geometry.x[0], 5), round(out.geometry.y[0], 5)) == (106.19, 21.27)


def test_xlsx_with_lon_lat_reads_like_csv(tmp_path):
    path = tmp_path / "tram.xlsx"
    pd.DataFrame({"id": ["S1"], "Longitude": [106.19], "Latitude": [21.27]}).to_excel(path, index=False)
    assert io.read_vector(path).geometry.y[0] == 21.27


def test_bad_coordinates_are_all_listed_with_their_rows(tmp_path):
    path = tmp_path / "tram.csv"
    path.write_text("id,lon,lat\nS1,106.19,21.27\nS2,abc,21.3\nS3,106.2,\n", encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        io.read_vector(path)
    assert [(p.row, p.field) for p in err.value.problems] == [(3, "lon"), (4, "lat")]


def test_missing_file_and_unknown_format_say_what_to_do(tmp_path):
    with pytest.raises(GeoDataError, match="không tìm thấy"):
        io.read_vector(tmp_path / "khong_co.geojson")
    odd = tmp_path / "ban_do.dwg"
    odd.write_text("x")
    with pytest.raises(SchemaError, match="GeoPackage"):
        io.read_vector(odd)


def test_tcvn3_csv_is_detected_and_decoded(tmp_path):
    path = tmp_path / "tcvn3.csv"
    path.write_bytes(b"ten,dien_tich\nHuy\xd6n L\xf4c Ng\xb9n,1012.5\nB\xbec Giang,66.5\n")
    table = io.read_table(path)
    assert table["ten"].tolist() == ["Huyện Lục Ngạn", "Bắc Giang"]
    assert table.attrs["encoding"] == "TCVN3"


def test_undecodable_csv_gets_a_clear_message(tmp_path):
    path = tmp_path / "vni.csv"
    path.write_bytes(b"ten\nBa\xe9c Giang \x81\x8d\x8f\x90\n")
    with pytest.raises(SchemaError, match="UTF-8"):
        io.read_table(path)


def test_shapefile_attributes_in_tcvn3_are_repaired(squares_9214, tmp_path):
    frame = squares_9214.assign(name=["Hi\xd6p Ho\xb8", "L\xf4c Ng\xb9n"])  # TCVN3 bytes read as Latin-1
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    pyogrio.write_dataframe(frame, shp_dir / "dv.shp", encoding="latin1")
    out = io.read_vector(shp_dir / "dv.shp")
    assert out["name"].tolist() == ["Hiệp Hoá", "Lục Ngạn"]
    assert out.attrs["tcvn3_columns"] == ["name"]


def test_failed_write_leaves_the_previous_file_whole_and_no_temp_files(tmp_path, monkeypatch):
    target = tmp_path / "bang.xlsx"
    io.write_table(pd.DataFrame({"a": [1, 2]}), target)
    before = target.read_bytes()

    def half_write(self, path, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"PK half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_excel", half_write)
    with pytest.raises(OSError, match="disk full"):
        io.write_table(pd.DataFrame({"a": [3]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["bang.xlsx"]


def test_csv_is_written_with_a_bom_so_excel_shows_vietnamese(tmp_path):
    path = io.write_table(pd.DataFrame({"tên": ["Lục Ngạn"]}), tmp_path / "a.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert io.read_table(path)["tên"][0] == "Lục Ngạn"


def test_write_vector_roundtrip(squares_9214, tmp_path):
    out = io.write_vector(squares_9214.to_crs("EPSG:4326"), tmp_path / "u.gpkg")
    assert len(gpd.read_file(out)) == 2


def test_gzip_csv_round_trips_and_the_same_table_gives_the_same_bytes(tmp_path):
    table = pd.DataFrame({"station_id": ["BG01"], "pm25": [35.5]})
    first = io.write_table(table, tmp_path / "a.csv.gz").read_bytes()
    second = io.write_table(table, tmp_path / "b.csv.gz").read_bytes()
    assert first == second and first[:2] == b"\x1f\x8b"
    assert io.read_table(tmp_path / "a.csv.gz").to_dict("records") == [{"station_id": "BG01", "pm25": 35.5}]
