"""``python -m geo zonal``: the table it writes, its cache, its progress and its bilingual errors."""

from __future__ import annotations

import io
import math
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


# ---- a raster in degrees (EPSG:4326): the same command, pixel areas by latitude --------------------------------
DEG = 0.001  # pixel size in degrees: about 104 m east-west × 111 m north-south at 21° N
LON0, LAT0 = 106.0, 21.004  # top-left corner


def cell_m2(lat: float) -> float:
    """Area of a DEG × DEG cell centred at ``lat`` on the WGS 84 ellipsoid, by hand: the meridian radius M times the
    parallel's radius N·cos(lat) times the two angles (exact to ~1e-10 for cells this small)."""
    a, f = 6_378_137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    s2 = math.sin(math.radians(lat)) ** 2
    m = a * (1 - e2) / (1 - e2 * s2) ** 1.5
    n = a / math.sqrt(1 - e2 * s2)
    return m * math.radians(DEG) * n * math.cos(math.radians(lat)) * math.radians(DEG)


def test_zonal_measures_a_raster_in_degrees_in_true_hectares(tmp_path: Path) -> None:
    values = np.tile(np.arange(4, dtype=np.uint8), (4, 1))  # column c holds class c
    values[3, 3] = 255  # bottom-right pixel: nodata
    raster = tmp_path / "worldcover.tif"
    profile = {"driver": "GTiff", "width": 4, "height": 4, "count": 1, "dtype": "uint8", "nodata": 255}
    with rasterio.open(raster, "w", **profile, crs="EPSG:4326", transform=Affine(DEG, 0, LON0, 0, -DEG, LAT0)) as f:
        f.write(values, 1)
    whole = box(LON0, LAT0 - 4 * DEG, LON0 + 4 * DEG, LAT0)
    half = box(LON0 + DEG, LAT0 - DEG, LON0 + 1.5 * DEG, LAT0)  # the west half of the top class-1 pixel
    zones = tmp_path / "xa_wgs84.gpkg"
    gpd.GeoDataFrame({"ma_xa": ["A", "B"]}, geometry=[whole, half], crs="EPSG:4326").to_file(zones, driver="GPKG")
    out = tmp_path / "rung.csv"
    assert main(args(raster, zones, out)) == 0
    table = pd.read_csv(out, encoding="utf-8-sig").set_index("ma_xa")

    rows = [cell_m2(LAT0 - (r + 0.5) * DEG) / 10_000 for r in range(4)]  # ha of one pixel in each row
    area = 4 * sum(rows)  # ≈ 18.4 ha
    valid = area - rows[3]
    forest = 2 * sum(rows)  # classes 1 and 2: two whole columns
    expected_a = [area, valid, forest, forest / valid * 100, rows[3] / area * 100]
    expected_b = [rows[0] / 2, rows[0] / 2, rows[0] / 2, 100.0, 0.0]
    assert area == pytest.approx(18.42, abs=0.01)
    for unit, expected in (("A", expected_a), ("B", expected_b)):
        for column, value in zip(cli_zonal.COLUMNS, expected, strict=True):  # to the last decimal written
            assert table.loc[unit, column] == pytest.approx(value, abs=10 ** -cli_zonal.DECIMALS[column]), column
