"""``python -m geo tiles`` builds the vector tiles of every unit set the pages draw from tiles (or finds them built),
and ``python -m geo import units`` builds them for a large set it wrote: the tiles are the ones the pages use, so the
first visitor does not wait. The threshold is lowered to 100 units so that a set of 120 small squares counts as
large (the built sets of 10, 58 and 99 units stay small)."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
import shapely

from geo.boundaries import sets
from geo.boundaries.build import DISPLAY_TOLERANCE_M
from geo.cli import main
from geo.io import display_cache
from geo.io import tiles as tile_files
from geo.store import versions
from layers import tiles as layer_tiles
from tests.test_cli_store import cli_store  # noqa: F401  (the fixture)


def _squares_file(folder, n: int, name: str):
    """A GeoPackage of ``n`` squares of 0.015° inside the province, codes Q000…, names "Ô 0"…"""
    boxes = [shapely.box(106.0 + 0.02 * (i % 12), 21.2 + 0.02 * (i // 12), 106.015 + 0.02 * (i % 12),
                         21.215 + 0.02 * (i // 12)) for i in range(n)]  # fmt: skip
    frame = gpd.GeoDataFrame({"code": [f"Q{i:03d}" for i in range(n)], "name": [f"Ô {i}" for i in range(n)]},
                             geometry=boxes, crs="EPSG:4326")  # fmt: skip
    path = folder / name
    frame.to_file(path, driver="GPKG", engine="pyogrio")
    return path


@pytest.fixture
def tile_root(tmp_path, monkeypatch):
    monkeypatch.setenv("BGGM_DISPLAY_CACHE_DIR", str(tmp_path / "display"))
    root = tmp_path / "tiles"
    for module in (tile_files, layer_tiles):
        monkeypatch.setattr(module, "TILED_MIN_FEATURES", 100)
        monkeypatch.setattr(module, "TILE_ROOT", root)
    return root


def _import(path, unit_set: str) -> None:
    args = ["--lang", "en", "import", "units", str(path), "--unit-set", unit_set, "--user", "an", "--reason", "lớp"]
    assert main(args) == 0


def test_a_large_imported_set_gets_the_tiles_the_pages_use(cli_store, tmp_path, tile_root, capsys, monkeypatch):  # noqa: F811
    _import(_squares_file(tmp_path, 120, "lon.gpkg"), "vung_lon")
    out = capsys.readouterr().out
    assert "Unit set vung_lon is large: building its vector tiles" in out
    found = re.search(r"^vung_lon: 120 units, built, [\d.]+ s, (\d+) tiles, ([\d.]+) MB$", out, re.M)
    assert found, out
    frame = sets.load_unit_set("vung_lon", versions.current("units", cli_store), display=True)
    folder = tile_root / tile_files.content_hash(frame)
    pbf = list(folder.glob("*/*/*.pbf"))
    assert int(found[1]) == len(pbf) > 0
    assert float(found[2]) == round(sum(p.stat().st_size for p in pbf) / 1e6, 1)
    assert [p.name for p in tile_root.iterdir()] == [folder.name]

    def no_build(*_args, **_kwargs):
        raise AssertionError("tippecanoe ran: the tiles were not found")

    def no_simplify(*_args, **_kwargs):
        raise AssertionError("simplified again: the display copy kept by the import was not read")

    full = sets.load_unit_set("vung_lon", versions.current("units", cli_store))
    kept = display_cache.content_key(full, DISPLAY_TOLERANCE_M)
    assert [p.name for p in (tmp_path / "display").iterdir()] == [f"{kept}.parquet"]  # made by the import
    monkeypatch.setattr(sets, "display_version", no_simplify)
    monkeypatch.setattr(tile_files.subprocess, "run", no_build)
    tile_files._built.clear()  # as a new app process would: found on disk
    assert layer_tiles.is_large(frame) and layer_tiles.build_tiles(frame).path == folder  # the page's tiles

    assert main(["--lang", "en", "tiles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "districts_2019: 10 units, no tiles needed (small set, drawn in the page)",
        "communes_2025: 58 units, no tiles needed (small set, drawn in the page)",
        "communes_2025_all: 99 units, no tiles needed (small set, drawn in the page)",
    ]
    assert re.fullmatch(rf"vung_lon: 120 units, already there, [\d.]+ s, {len(pbf)} tiles, [\d.]+ MB", lines[3])
    assert len(lines) == 4
    assert main(["tiles", "--units", "vung_lon"]) == 0
    assert re.fullmatch(rf"vung_lon: 120 đơn vị, đã có sẵn, [\d,]+ s, {len(pbf)} ô, [\d,]+ MB\n",
                        capsys.readouterr().out)  # fmt: skip


def test_a_small_imported_set_gets_no_tiles_and_an_unknown_set_is_refused(cli_store, tmp_path, tile_root, capsys):  # noqa: F811
    _import(_squares_file(tmp_path, 3, "nho.gpkg"), "vung_nho")
    assert "tiles" not in capsys.readouterr().out
    assert not tile_root.exists()
    assert main(["--lang", "en", "tiles", "--units", "vung_nho"]) == 0
    assert capsys.readouterr().out == "vung_nho: 3 units, no tiles needed (small set, drawn in the page)\n"
    assert main(["--lang", "en", "tiles", "--units", "khong_co"]) == 2
    err = capsys.readouterr().err
    assert "khong_co" in err and "vung_nho" in err and "districts_2019" in err
