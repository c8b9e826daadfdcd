"""``python -m geo import forest_raster FILE.tif --date YYYY-MM-DD [--illustrative]``: the command line gives a forest
GeoTIFF's date and illustrative flag as the Dữ liệu page does, the date checked with the page's message
(``date_needed``: the page's catalogue row and the CLI share :func:`geo.store.rasters.checked_date`)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
import rasterio
from rasterio.transform import Affine

from geo.cli import main
from geo.store import versions
from tests.test_cli_store import cli_store  # noqa: F401  (the fixture)

CLASSES = ["--classes", "1=rừng tự nhiên", "--classes", "2=rừng trồng"]


def _geotiff(folder, name: str = "rung_2024.tif"):
    """A 3 × 2 class raster in UTM 48N (30 m pixels) inside the province: classes 1 and 2, nodata 0."""
    path = folder / name
    with rasterio.open(path, "w", driver="GTiff", width=3, height=2, count=1, dtype="uint8", crs="EPSG:32648",
                       transform=Affine(30, 0, 620_000, 0, -30, 2_355_000), nodata=0) as dst:  # fmt: skip
        dst.write(np.array([[1, 2, 2], [0, 1, 1]], dtype="uint8"), 1)
    return path


def _import(path, *options: str) -> int:
    return main(["--lang", "en", "import", "forest_raster", str(path), *CLASSES, "--user", "an", "--reason", "ảnh mới",
                 *options])  # fmt: skip


@pytest.mark.parametrize(
    ("options", "found"),
    [((), ""), (("--date", "31/12/2024"), "found '31/12/2024'"), (("--date", "2024-02-30"), "found '2024-02-30'")],
)
def test_a_raster_without_a_valid_date_is_refused_with_the_pages_message(cli_store, tmp_path, capsys, options, found):  # noqa: F811
    assert _import(_geotiff(tmp_path), *options) == 2
    err = capsys.readouterr().err
    assert "File rung_2024.tif, field date: expected the raster's date (YYYY-MM-DD)" in err
    assert found in err and "Fix: give the raster's date, e.g. 2024-12-31" in err
    assert versions.head_version("forest_raster", cli_store) == 0
    check = ["--lang", "en", "check-file", "forest_raster", str(tmp_path / "rung_2024.tif"), *CLASSES, *options]
    assert main(check) == 2
    assert "expected the raster's date (YYYY-MM-DD)" in capsys.readouterr().err


def test_the_date_and_the_illustrative_flag_reach_the_catalogue(cli_store, tmp_path, capsys):  # noqa: F811
    illustrative = _geotiff(tmp_path, "rung_minh_hoa.tif")
    assert _import(illustrative, "--date", "2024-12-31", "--illustrative") == 0
    assert "Wrote forest_raster version 1: +1 ~0 -0" in capsys.readouterr().out
    official = _geotiff(tmp_path, "rung_2023.tif")
    assert _import(official, "--date", "2023-06-30") == 0
    stored = versions.current("forest_raster", cli_store).set_index("name")
    assert stored.loc["rung_minh_hoa", ["year", "illustrative"]].tolist() == [2024, True]
    assert stored.loc["rung_2023", ["year", "illustrative"]].tolist() == [2023, False]
    assert stored.loc["rung_2023", "classes"] == "1=rừng tự nhiên;2=rừng trồng"
    assert stored.loc["rung_2023", "sha256"] == hashlib.sha256(official.read_bytes()).hexdigest()
