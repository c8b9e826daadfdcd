"""``python -m geo import`` reads files with the importer (geo.importers) and writes them through the store: a
VN-2000 Shapefile with TCVN3 names and no .prj is refused with crs_needed, then stored with --crs; append mode
refuses a stored row with other values."""

from __future__ import annotations

import json

import pytest
from pyproj import Geod

from geo.cli import main
from geo.store import versions
from tests.test_cli_store import cli_store  # noqa: F401  (the fixture)
from tests.test_importers import CHECK_E, CHECK_LAT, CHECK_LON, CHECK_N, _shapefile_zip, _square, _units_frame, tcvn3


def test_a_vn2000_shapefile_without_prj_is_refused_then_stored_with_its_grid(cli_store, tmp_path, capsys):  # noqa: F811
    names = [tcvn3("Vùng Bắc").decode("latin-1")]
    path = tmp_path / "vung.zip"
    path.write_bytes(_shapefile_zip(tmp_path, _units_frame(names, "EPSG:9214", [_square(CHECK_E, CHECK_N)]), prj=False))
    report = tmp_path / "bao_cao.json"
    args = ["import", "units", str(path), "--map", "ma=code", "--map", "ten=name", "--unit-set", "vung_quy_hoach",
            "--user", "an", "--reason", "lớp của sở", "--report", str(report)]  # fmt: skip
    assert main(["--lang", "en", *args]) == 2
    assert [p["code"] for p in json.loads(report.read_text(encoding="utf-8"))["problems"]] == ["crs_needed"]
    assert versions.head_version("units", cli_store) == 0
    assert main([*args, "--crs", "EPSG:9214"]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["ok"], data["encoding"], data["crs"], data["rows"]) == (True, "TCVN3", "EPSG:9214", 1)
    stored = versions.current("units", cli_store)
    assert stored[["unit_set", "code", "name"]].values.tolist() == [["vung_quy_hoach", "Z0", "Vùng Bắc"]]
    corners = stored.geometry.iloc[0].exterior.coords  # the square's south-west corner is DOMAIN.md's check point
    assert min(Geod(ellps="WGS84").inv(x, y, CHECK_LON, CHECK_LAT)[2] for x, y in corners) < 1.0


def test_append_mode_adds_new_rows_and_refuses_a_stored_row_with_other_values(cli_store, tmp_path, capsys):  # noqa: F811
    header = "Ma chi tieu,Bo don vi,Ma don vi,Nam,Gia tri,Nguon,Minh hoa\n"
    first = tmp_path / "a.csv"
    first.write_text(header + "1,province,24,2021,1.5,Sở,không\n", encoding="utf-8")
    base = ["import", "indicator_values", "--user", "binh", "--reason", "số liệu", "--mode", "append"]
    assert main([*base[:2], str(first), *base[2:]]) == 0
    second = tmp_path / "b.csv"
    second.write_text(header + "1,province,24,2021,1.5,Sở,không\n1,province,24,2022,2.5,Sở,không\n", encoding="utf-8")
    assert main([*base[:2], str(second), *base[2:]]) == 0
    assert "+1 ~0 -0" in capsys.readouterr().out
    changed = tmp_path / "c.csv"
    changed.write_text(header + "1,province,24,2022,9.5,Sở,không\n", encoding="utf-8")
    assert main(["--lang", "en", *base[:2], str(changed), *base[2:]]) == 2
    assert "append mode" in capsys.readouterr().err
    assert versions.current("indicator_values", cli_store)["value"].tolist() == [1.5, 2.5]


@pytest.mark.parametrize("mode", ["update", "replace"])
def test_update_and_replace_modes_write_changes(cli_store, tmp_path, capsys, mode):  # noqa: F811
    header = "Ma chi tieu,Bo don vi,Ma don vi,Nam,Gia tri,Nguon,Minh hoa\n"
    first = tmp_path / "a.csv"
    first.write_text(header + "1,province,24,2021,1.5,Sở,không\n1,province,24,2022,2,Sở,không\n", encoding="utf-8")
    args = ["--user", "binh", "--reason", "số liệu", "--mode", mode]
    assert main(["import", "indicator_values", str(first), *args]) == 0
    first.write_text(header + "1,province,24,2022,3,Sở,không\n", encoding="utf-8")
    assert main(["import", "indicator_values", str(first), *args]) == 0
    expected = [1.5, 3.0] if mode == "update" else [3.0]
    assert versions.current("indicator_values", cli_store)["value"].tolist() == expected
