"""``python -m geo users|import|history|restore|freeze|export|db``: the store from the command line (SQLite)."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from argon2 import PasswordHasher
from openpyxl import load_workbook

from geo.cli import main
from geo.store import engine, users, versions
from geo.store.errors import LoginError
from tests.store_support import BASE_ROWS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli_store(tmp_path, monkeypatch) -> str:
    """An empty store at BGGM_DATABASE_URL with admin ``an`` and editor ``binh`` (indicator_values) from the CLI."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("BGGM_DATABASE_URL", url)
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    assert main(["db", "init", "--no-seed"]) == 0
    for args in (["an", "--role", "admin"], ["binh", "--role", "editor", "--grant", "indicator_values"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO("mật khẩu đủ dài\n"))
        assert main(["users", "add", *args]) == 0
    yield url
    engine.dispose(url)


def _csv(tmp_path: Path, frame: pd.DataFrame, name: str = "so_lieu.csv") -> str:
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return str(path)


def test_users_add_reads_the_password_from_standard_input_and_lists_users(cli_store, capsys):
    assert users.authenticate("binh", "mật khẩu đủ dài", url=cli_store, sleep=lambda s: None).role == "editor"
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "binh" in out and "indicator_values" in out and "system" in out


def test_import_writes_one_change_set_and_history_lists_it(cli_store, tmp_path, capsys):
    file = _csv(tmp_path, BASE_ROWS)
    assert main(["import", "indicator_values", file, "--user", "binh", "--reason", "số liệu 2020"]) == 0
    assert "Đã ghi indicator_values phiên bản 1: +3 ~0 -0" in capsys.readouterr().out
    assert main(["history", "indicator_values", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert (entry["version"], entry["user_name"], entry["reason"], entry["source_name"], entry["added"]) == (
        1,
        "binh",
        "số liệu 2020",
        "so_lieu.csv",
        3,
    )
    assert len(entry["source_sha256"]) == 64


def test_import_dry_run_validates_and_counts_without_writing(cli_store, tmp_path, capsys):
    file = _csv(tmp_path, BASE_ROWS)
    assert main(["import", "indicator_values", file, "--user", "binh", "--reason", "thử", "--dry-run"]) == 0
    assert "sẽ ghi +3 ~0 -0" in capsys.readouterr().out
    assert versions.head_version("indicator_values", cli_store) == 0


def test_import_of_a_bad_file_exits_2_listing_every_problem_and_writes_nothing(cli_store, tmp_path, capsys):
    bad = BASE_ROWS.astype(object).copy()
    bad.loc[0, "year"] = "hai nghìn"
    bad.loc[2, "illustrative"] = "có lẽ"
    bad.loc[1, "unit_code"] = None
    file = _csv(tmp_path, bad, "loi.csv")
    assert main(["--lang", "en", "import", "indicator_values", file, "--user", "binh", "--reason", "thử"]) == 2
    err = capsys.readouterr().err
    assert "File loi.csv, row 2, field year" in err and "'hai nghìn'" in err
    assert "row 3, field unit_code" in err and "row 4, field illustrative" in err
    assert versions.head_version("indicator_values", cli_store) == 0


def test_import_by_a_user_without_the_grant_exits_2(cli_store, tmp_path, capsys):
    monkey_stdin = io.StringIO("mật khẩu đủ dài\n")
    sys_stdin, sys.stdin = sys.stdin, monkey_stdin
    try:
        assert main(["users", "add", "chi", "--role", "editor"]) == 0
    finally:
        sys.stdin = sys_stdin
    file = _csv(tmp_path, BASE_ROWS)
    assert main(["--lang", "en", "import", "indicator_values", file, "--user", "chi", "--reason", "thử"]) == 2
    assert "Not allowed" in capsys.readouterr().err
    assert main(["import", "kcn_ccn", file, "--user", "binh", "--reason", "thử"]) == 2


def test_restore_freeze_and_export_from_the_command_line(cli_store, tmp_path, capsys):
    main(["import", "indicator_values", _csv(tmp_path, BASE_ROWS), "--user", "binh", "--reason", "đầu"])
    main(
        [
            "import",
            "indicator_values",
            _csv(tmp_path, BASE_ROWS.assign(value=0.0), "sai.csv"),
            "--user",
            "binh",
            "--reason",
            "nhầm",
        ]
    )
    assert main(["restore", "indicator_values", "1", "--user", "binh", "--reason", "x"]) == 2  # editors cannot
    assert main(["restore", "indicator_values", "1", "--user", "an", "--reason", "tải nhầm tệp"]) == 0
    assert "phiên bản mới 3 (+0 ~3 -0)" in capsys.readouterr().out
    assert main(["freeze", "indicator_values", "3", "--label", "giữa kỳ 2025", "--user", "an"]) == 0
    for suffix in ("csv", "xlsx", "gpkg"):
        out = tmp_path / f"xuat.{suffix}"
        assert main(["export", "indicator_values", str(out)]) == 0
        assert "indicator_values phiên bản 3 (đóng băng: giữa kỳ 2025)" in capsys.readouterr().out
    csv = pd.read_csv(tmp_path / "xuat.csv", dtype={"unit_code": str})
    assert csv["value"].tolist() == [50.5, 38.0, 61.8] and csv["illustrative"].tolist() == [False, False, True]
    sheets = load_workbook(tmp_path / "xuat.xlsx").sheetnames
    assert sheets == ["indicator_values", "phiên bản"]
    info = pyogrio.read_dataframe(tmp_path / "xuat.gpkg", layer="version_info", read_geometry=False)
    assert (info.loc[0, "version"], info.loc[0, "freezes"]) == (3, "giữa kỳ 2025")
    assert main(["export", "indicator_values", str(tmp_path / "cu.csv"), "--version", "2"]) == 0
    assert pd.read_csv(tmp_path / "cu.csv")["value"].tolist() == [0.0, 0.0, 0.0]


def test_db_backup_and_restore_from_the_command_line(cli_store, tmp_path, monkeypatch, capsys):
    main(["import", "indicator_values", _csv(tmp_path, BASE_ROWS), "--user", "binh", "--reason", "đầu"])
    file = tmp_path / "sao_luu.gpkg"
    assert main(["db", "backup", str(file)]) == 0
    assert "store_change_sets" in {name for name, _ in pyogrio.list_layers(file)}
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    monkeypatch.setenv("BGGM_DATABASE_URL", other)
    assert main(["db", "restore", str(file)]) == 0
    assert "indicator_values v1" in capsys.readouterr().out
    assert versions.current("indicator_values", other)["value"].tolist() == [50.5, 38.0, 61.8]
    assert main(["db", "restore", str(file)]) == 2  # not empty any more
    assert main(["db", "restore", str(file), "--replace"]) == 0
    engine.dispose(other)


def test_the_commands_run_as_a_module(tmp_path):
    env = {"BGGM_DATABASE_URL": f"sqlite:///{tmp_path / 'm.sqlite'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "geo", "db", "init", "--no-seed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "geo", "history", "kcn_ccn"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (listed.returncode, listed.stdout.strip()) == (0, "Chưa có phiên bản nào.")


def test_import_reads_the_register_with_its_own_loader_and_a_second_import_changes_nothing(
    cli_store, build_dir, capsys
):
    register = str(ROOT / "data" / "monitoring" / "kcn_ccn.csv")
    assert main(["import", "kcn_ccn", register, "--user", "an", "--reason", "sổ KCN/CCN"]) == 0
    assert "phiên bản 1: +52 ~0 -0" in capsys.readouterr().out
    assert main(["import", "kcn_ccn", register, "--user", "an", "--reason", "lần nữa"]) == 0
    assert "Không có gì thay đổi; kcn_ccn vẫn ở phiên bản 1." in capsys.readouterr().out
    stored = versions.current("kcn_ccn", cli_store)
    assert stored["illustrative"].sum() == pd.read_csv(register)["illustrative"].sum()


def test_import_of_a_unit_layer_from_a_geopackage_keeps_its_polygons(cli_store, tmp_path):
    square = shapely.box(106.0, 21.0, 106.1, 21.1)
    layer = gpd.GeoDataFrame(
        {
            "unit_set": ["xa_cua_so"],
            "code": ["X1"],
            "name": ["Xã Một"],
            "name_full": ["Xã Một"],
            "unit_type": ["Xã"],
            "name_key": ["xa mot"],
            "area_km2": [113.5],
        },
        geometry=[square],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(layer, tmp_path / "don_vi.gpkg", driver="GPKG")
    assert main(["import", "units", str(tmp_path / "don_vi.gpkg"), "--user", "an", "--reason", "lớp của sở"]) == 0
    stored = versions.current("units", cli_store)
    assert stored["code"].tolist() == ["X1"] and stored.geometry.iloc[0].equals(square)
    assert stored["merged_from"].isna().all()  # a column only commune layers have is stored empty


def test_the_audit_log_lists_writes_and_logins_and_downloads_as_csv(cli_store, tmp_path, capsys):
    main(["import", "indicator_values", _csv(tmp_path, BASE_ROWS), "--user", "binh", "--reason", "đầu"])
    with pytest.raises(LoginError):
        users.authenticate("binh", "sai mật khẩu", url=cli_store, sleep=lambda s: None)
    out = tmp_path / "nhat_ky.csv"
    assert main(["users", "audit", "--out", str(out)]) == 0
    log = pd.read_csv(out)
    assert log["action"].tolist() == ["login_failed", "import", "user_add", "user_add"]
    assert log["user_name"].tolist()[:2] == ["binh", "binh"] and log["dataset"].tolist()[1] == "indicator_values"


def test_import_reads_numbers_and_headers_the_way_department_files_write_them(cli_store, tmp_path):
    file = tmp_path / "so_lieu_vn.csv"
    file.write_text(
        'Mã chỉ tiêu,Bộ đơn vị,Mã đơn vị,Năm,Giá trị,Nguồn,Minh họa\n5a,province,24,2020,"38,5",Sở,không\n',
        encoding="utf-8",
    )
    assert main(["import", "indicator_values", str(file), "--user", "binh", "--reason", "thử"]) == 0
    stored = versions.current("indicator_values", cli_store)
    assert stored[["target_id", "value", "illustrative"]].values.tolist() == [["5a", 38.5, False]]


def test_a_forest_raster_is_registered_by_its_sha256_and_a_wrong_hash_is_refused(cli_store, tmp_path, capsys):
    raster = tmp_path / "rung_2024.tif"
    raster.write_bytes(b"not really a GeoTIFF, but bytes to hash")
    row = {
        "name": "rung_2024",
        "path": str(raster),
        "sha256": "0" * 64,
        "size_bytes": "",
        "year": 2024,
        "illustrative": "không",
        "title_vi": "Ảnh rừng 2024",
        "title_en": "Forest 2024",
        "source": "Sở",
    }
    wrong = _csv(tmp_path, pd.DataFrame([row]), "anh_sai.csv")
    assert main(["--lang", "en", "import", "forest_raster", wrong, "--user", "an", "--reason", "ảnh mới"]) == 2
    assert "field sha256" in capsys.readouterr().err
    right = _csv(tmp_path, pd.DataFrame([row | {"sha256": ""}]), "anh.csv")
    assert main(["import", "forest_raster", right, "--user", "an", "--reason", "ảnh mới"]) == 0
    stored = versions.current("forest_raster", cli_store).iloc[0]
    assert stored["sha256"] == hashlib.sha256(raster.read_bytes()).hexdigest()
    assert stored["size_bytes"] == 39 and not stored["illustrative"]
