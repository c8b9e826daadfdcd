"""``python -m geo zonal --units districts_2019|communes_2025|<imported>``: the built unit sets and the sets imported
into the store, by name, ids in ``code``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from tests.forest_support import forest_raster  # noqa: F401 - fixture
from tests.store_support import IMPORTED_AREAS, IMPORTED_SET, imported_units_file
from tests.test_cli_store import cli_store  # noqa: F401 - fixture

COLUMNS = ["code", "area_ha", "valid_ha", "forest_ha", "forest_pct", "nodata_pct"]


@pytest.mark.parametrize(("unit_set", "rows", "first"), [("districts_2019", 10, "213"), ("communes_2025", 58, "07210")])
def test_a_named_unit_set_gives_one_row_per_unit_with_the_code_and_five_columns(
    forest_raster: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    unit_set: str,
    rows: int,
    first: str,
) -> None:
    out = tmp_path / f"rung_{unit_set}.csv"
    argv = ["zonal", str(forest_raster), "--units", unit_set, "--classes", "1,2", "--out", str(out)]
    assert main(argv) == 0
    table = pd.read_csv(out, dtype={"code": str}, encoding="utf-8-sig")
    assert list(table.columns) == COLUMNS and len(table) == rows and table["code"].iloc[0] == first
    assert table["code"].is_unique and table["forest_pct"].between(0, 100).all()
    if unit_set == "districts_2019":
        son_dong = table.set_index("code").loc["220"]
        assert son_dong["forest_pct"] == pytest.approx(71.8, abs=0.5)
        assert son_dong["area_ha"] == pytest.approx(86_036.8, abs=1) and son_dong["nodata_pct"] == 0
    else:  # communes reaching outside former Bắc Giang have no raster data there
        assert (table["nodata_pct"] > 0).any() and table["valid_ha"].sum() < table["area_ha"].sum()


def test_a_named_unit_set_takes_another_id_field_when_given(forest_raster: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "rung.csv"
    argv = ["zonal", str(forest_raster), "--units", "districts_2019", "--id-field", "name_key", "--classes", "1,2",
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert "son dong" in pd.read_csv(out, encoding="utf-8-sig")["name_key"].tolist()


def test_a_file_of_units_still_needs_its_id_field(
    forest_raster: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    units = tmp_path / "xa.gpkg"
    units.write_bytes(b"")
    argv = ["zonal", str(forest_raster), "--units", str(units), "--classes", "1,2", "--out", str(tmp_path / "o.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "cột --id-field" in err and "thêm --id-field" in err


def test_a_named_unit_set_not_built_yet_says_how_to_build_it(
    forest_raster: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path / "empty"))
    argv = [
        "zonal",
        str(forest_raster),
        "--units",
        "communes_2025",
        "--classes",
        "1,2",
        "--out",
        str(tmp_path / "o.csv"),
    ]
    assert main(argv) == 2
    assert "python -m geo data build" in capsys.readouterr().err


def test_a_unit_set_imported_into_the_store_is_taken_by_name_with_its_true_areas(
    forest_raster: Path,  # noqa: F811 - the fixture
    cli_store: str,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    path = imported_units_file(tmp_path)
    assert main(["import", "units", str(path), "--map", "ma=code", "--map", "ten=name", "--unit-set", IMPORTED_SET,
                 "--user", "an", "--reason", "lớp của sở"]) == 0  # fmt: skip
    out = tmp_path / "rung_vung.csv"
    argv = ["zonal", str(forest_raster), "--units", IMPORTED_SET, "--classes", "1,2", "--out", str(out)]
    assert main(argv) == 0
    table = pd.read_csv(out, dtype={"code": str}, encoding="utf-8-sig").set_index("code")
    assert list(table.columns) == COLUMNS[1:] and table.index.tolist() == ["Z0", "Z1"]
    assert table["area_ha"].tolist() == pytest.approx([a * 100 for a in IMPORTED_AREAS.values()], rel=1e-4)
    assert (table["nodata_pct"] == 0).all() and table["forest_pct"].between(0, 100).all()
    assert (table["forest_ha"] <= table["valid_ha"]).all()


def test_an_unknown_unit_set_name_lists_the_built_and_imported_ones(
    forest_raster: Path,  # noqa: F811 - the fixture
    cli_store: str,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = imported_units_file(tmp_path)
    assert main(["import", "units", str(path), "--map", "ma=code", "--map", "ten=name", "--unit-set", IMPORTED_SET,
                 "--user", "an", "--reason", "lớp của sở"]) == 0  # fmt: skip
    capsys.readouterr()
    argv = ["--lang", "en", "zonal", str(forest_raster), "--units", "vung_khac", "--classes", "1,2",
            "--out", str(tmp_path / "o.csv")]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "'vung_khac'" in err and "districts_2019" in err and IMPORTED_SET in err
    assert not (tmp_path / "o.csv").exists()
