"""Header mappings remembered in the store (migration 0002) per user and dataset, on SQLite and PostgreSQL: kept,
replaced by header as the reader compares headers, carried by a whole-store backup, made by `geo import --map --user`
and applied to the next file; a store made at revision 0001 with data in it is migrated by `geo db init`."""

from __future__ import annotations

import pyogrio
from alembic import command
from sqlalchemy import inspect

from geo.cli import main
from geo.importers import mappings as offer
from geo.importers.shapes import declaration
from geo.io import archive
from geo.store import backup, engine, history, mappings, versions
from geo.store.users import add_user, list_users
from tests.store_support import BASE_ROWS, PASSWORD
from tests.test_cli_store import cli_store  # noqa: F401  (the fixture)


def test_a_mapping_is_remembered_per_user_and_dataset_and_a_new_choice_replaces_the_same_header(store_url):
    mappings.remember("binh", "kcn_ccn", {"Tên gọi khác": "name"}, store_url)
    assert mappings.remember("binh", "kcn_ccn", {"Loại hình": "kind"}, store_url) == {
        "Tên gọi khác": "name",
        "Loại hình": "kind",
    }
    mappings.remember("chi", "kcn_ccn", {"Tên gọi khác": "id"}, store_url)
    assert mappings.remembered("binh", "aq_stations", store_url) == {}
    assert mappings.remembered("chi", "kcn_ccn", store_url) == {"Tên gọi khác": "id"}
    # the same header written another way (case, diacritics) replaces the earlier choice instead of adding one
    mappings.remember("binh", "kcn_ccn", {"TEN GOI KHAC": "status"}, store_url)
    assert mappings.remembered("binh", "kcn_ccn", store_url) == {"Loại hình": "kind", "TEN GOI KHAC": "status"}
    assert mappings.remember("binh", "kcn_ccn", {"Cột trống": ""}, store_url) == {
        "Loại hình": "kind",
        "TEN GOI KHAC": "status",
    }
    remembered = mappings.remembered("binh", "kcn_ccn", store_url)
    ds = declaration("kcn_ccn")
    assert offer.offered(remembered, ["Tên gọi khác", "Loai", "Mã"], ds) == {"Tên gọi khác": "status"}


def test_a_store_made_at_revision_0001_with_data_is_migrated_by_db_init_and_keeps_its_data(
    store_url, monkeypatch, capsys
):
    with engine.writing(store_url) as conn:
        command.downgrade(engine._config(conn), "0001")
    assert engine.current_revision(store_url) == "0001"
    with engine.reading(store_url) as conn:
        assert "import_mappings" not in inspect(conn).get_table_names()
    versions.write("indicator_values", BASE_ROWS, user="system", reason="trước 0002", base_version=0, url=store_url)
    add_user("binh", "editor", PASSWORD, grants=["indicator_values"], url=store_url)
    engine.dispose(store_url)
    monkeypatch.setenv("BGGM_DATABASE_URL", store_url)
    assert main(["--lang", "en", "db", "init", "--no-seed"]) == 0
    assert "Created/migrated the store" in capsys.readouterr().out
    assert engine.current_revision(store_url) == engine.head_revision() == "0002"
    assert versions.head_version("indicator_values", store_url) == 1
    assert sorted(versions.current("indicator_values", store_url)["value"]) == [38.0, 50.5, 61.8]
    assert history.history("indicator_values", store_url)["reason"].tolist() == ["trước 0002"]
    assert sorted(list_users(store_url)["name"]) == ["binh", "system"]
    assert mappings.remember("binh", "indicator_values", {"Cơ quan": "source"}, store_url) == {"Cơ quan": "source"}
    assert main(["db", "init", "--no-seed"]) == 0  # a second run: up to date
    assert engine.migrate(store_url) is False


def test_a_backup_carries_the_remembered_mappings_and_an_older_backup_restores_with_none(store_url, tmp_path):
    versions.write("indicator_values", BASE_ROWS, user="system", reason="đầu", base_version=0, url=store_url)
    mappings.remember("system", "kcn_ccn", {"Tên gọi khác": "name", "Loại hình": "kind"}, store_url)
    path = backup.backup(tmp_path / "sao_luu.gpkg", url=store_url)
    saved = pyogrio.read_dataframe(path, layer="store_import_mappings", read_geometry=False)
    assert sorted(saved["header"]) == ["Loại hình", "Tên gọi khác"]
    copy = f"sqlite:///{tmp_path / 'copy.sqlite'}"
    backup.restore_backup(path, url=copy)
    assert mappings.remembered("system", "kcn_ccn", copy) == {"Loại hình": "kind", "Tên gọi khác": "name"}
    engine.dispose(copy)

    older = tmp_path / "cu.gpkg"  # a backup made at schema 0001: no store_import_mappings table
    layers = {n: f for n, f in archive.read_geopackage(path).items() if n != "store_import_mappings"}
    archive.write_geopackage(layers, older)
    backup.restore_backup(older, replace=True, url=store_url)
    assert mappings.remembered("system", "kcn_ccn", store_url) == {}
    assert sorted(versions.current("indicator_values", store_url)["value"]) == [38.0, 50.5, 61.8]


KCN = "Mã,Tên gọi khác,Loại,Kinh độ,Vĩ độ\nK1,KCN Thử,KCN,106.19,21.27\n"


def test_geo_import_remembers_the_map_choices_of_user_and_applies_them_to_the_next_file(
    cli_store,  # noqa: F811
    tmp_path,
    capsys,
):
    first = tmp_path / "kcn.csv"
    first.write_text(KCN, encoding="utf-8")
    args = ["import", "kcn_ccn", str(first), "--user", "an", "--reason", "sổ mới", "--map", "Tên gọi khác=name"]
    assert main([*args, "--dry-run"]) == 0
    assert mappings.remembered("an", "kcn_ccn", cli_store) == {}  # a dry run remembers nothing
    assert main(args) == 0
    assert mappings.remembered("an", "kcn_ccn", cli_store) == {"Tên gọi khác": "name"}
    assert mappings.remembered("binh", "kcn_ccn", cli_store) == {}
    second = tmp_path / "kcn2.csv"
    second.write_text(KCN.replace("K1,KCN Thử", "K2,KCN Mới"), encoding="utf-8")
    report = tmp_path / "r.json"
    assert main(["import", "kcn_ccn", str(second), "--user", "an", "--reason", "thêm", "--report", str(report)]) == 0
    stored = versions.current("kcn_ccn", cli_store).set_index("id")["name"].to_dict()
    assert stored == {"K1": "KCN Thử", "K2": "KCN Mới"}
    capsys.readouterr()
    assert main(["check-file", "kcn_ccn", str(second)]) == 2  # check-file has no user: nothing remembered applies
