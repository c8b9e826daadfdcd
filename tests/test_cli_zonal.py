"""``python -m geo zonal``: the table it writes, its cache, its progress and its bilingual errors."""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
from affine import Affine
from shapely.geometry import box

import geo.cli.zonal as cli_zonal
from geo.cli import main

X0, Y0 = 500_000.0, 2_400_000.0


@pytest.fixture
def raster(tmp_path: Path) -> Path:
    """4 × 4 pixels of 10 m, column c holding class c, the bottom-right pixel nodata (255)."""
    values = np.tile(np.arange(4, dtype=np.uint8), (4, 1))
    values[3, 3] = 255
    path = tmp_path / "rung_2020.tif"
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "uint8", "nodata": 255}
    with rasterio.open(path, "w", **profile, crs="EPSG:32648", transform=Affine(10, 0, X0, 0, -10, Y0)) as dst:
        dst.write(values, 1)
    return path


def unit_frame() -> gpd.GeoDataFrame:
    geoms = [box(X0 + 5, Y0 - 40, X0 + 40, Y0), box(X0, Y0 - 10, X0 + 10 / 3, Y0)]
    return gpd.GeoDataFrame({"ma_xa": ["07210", "07213"]}, geometry=geoms, crs="EPSG:32648")


@pytest.fixture
def units(tmp_path: Path) -> Path:
    path = tmp_path / "xa.gpkg"
    unit_frame().to_file(path, driver="GPKG")
    return path


def args(raster: Path, units: Path | str, out: Path) -> list[str]:
    return ["zonal", str(raster), "--units", str(units), "--id-field", "ma_xa", "--classes", "1,2", "--out", str(out)]


def test_zonal_writes_the_id_and_five_rounded_columns(raster: Path, units: Path, tmp_path: Path) -> None:
    out = tmp_path / "rung.csv"
    assert main(args(raster, units, out)) == 0
    table = pd.read_csv(out, dtype={"ma_xa": str}, encoding="utf-8-sig")
    assert list(table.columns) == ["ma_xa", "area_ha", "valid_ha", "forest_ha", "forest_pct", "nodata_pct"]
    assert table["ma_xa"].tolist() == ["07210", "07213"]
    assert table.iloc[0].tolist()[1:] == pytest.approx([0.14, 0.13, 0.08, 61.538, 7.143])
    # A third of one class-0 pixel: area 0.00333… ha, no forest.
    assert table.iloc[1].tolist()[1:] == pytest.approx([0.0033, 0.0033, 0.0, 0.0, 0.0])


def test_zonal_cache_dir_is_filled_then_used(raster: Path, units: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main([*args(raster, units, first), "--cache-dir", str(cache)]) == 0
    assert len(list(cache.glob("*.csv"))) == 1
    assert main([*args(raster, units, second), "--cache-dir", str(cache)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_units_come_from_the_load_units_hook(raster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def resolve(value: str) -> gpd.GeoDataFrame:
        seen.append(value)
        return unit_frame()

    monkeypatch.setattr(cli_zonal, "load_units", resolve)
    assert main(args(raster, "communes_2025", tmp_path / "out.csv")) == 0
    assert seen == ["communes_2025"]


def test_unknown_id_field_exits_2_with_a_vietnamese_message(
    raster: Path, units: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = args(raster, units, tmp_path / "out.csv")
    argv[argv.index("ma_xa")] = "ma"
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "xa.gpkg" in err and "cột ma" in err and "Cách sửa" in err
    assert not (tmp_path / "out.csv").exists()


def test_english_messages_with_lang_en(raster: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", *args(raster, tmp_path / "missing.gpkg", tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "missing.gpkg" in err and "Fix: check the path" in err


@pytest.mark.parametrize("classes", ["rừng", "", "1,,x"])
def test_bad_classes_exit_2(
    raster: Path, units: Path, tmp_path: Path, classes: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = args(raster, units, tmp_path / "out.csv")
    argv[argv.index("1,2")] = classes
    assert main(argv) == 2
    assert "--classes" in capsys.readouterr().err


def test_class_outside_the_raster_range_exits_2(
    raster: Path, units: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = args(raster, units, tmp_path / "out.csv")
    argv[argv.index("1,2")] = "1,256"
    assert main(argv) == 2
    assert "256" in capsys.readouterr().err


def test_progress_printer_shows_strips_once_a_run_is_long() -> None:
    stream = io.StringIO()
    printer = cli_zonal.ProgressPrinter(stream, after=0.0)
    for done in range(1, 4):
        printer(done, 3)
    text = stream.getvalue()
    assert "1/3" in text and "3/3" in text and text.endswith("\n")
    quiet = io.StringIO()
    cli_zonal.ProgressPrinter(quiet, after=60.0)(3, 3)
    assert quiet.getvalue() == ""
