"""Vector tiles of large unit sets (layers/tiles.py): what the tiles hold, built once per content, written atomically,
and how layers/render switches to them by size."""

import json
import re
import subprocess
from pathlib import Path

import folium
import geopandas as gpd
import pyogrio
import pytest
import shapely

from geo.io import tiles as tile_files
from layers import render, tiles
from layers.registry import REGISTRY

CDN = re.compile(r"(cdn\.jsdelivr|cdnjs\.cloudflare|unpkg\.com|code\.jquery|d3js\.org)")


def _squares(n: int = 40, *, name: str = "Xã {i}") -> gpd.GeoDataFrame:
    """``n`` squares of 0.02° near Bắc Giang (all inside one zoom-4 tile), codes "U000"…"""
    boxes = [shapely.box(106.0 + 0.03 * (i % 8), 21.0 + 0.03 * (i // 8), 106.02 + 0.03 * (i % 8),
                         21.02 + 0.03 * (i // 8)) for i in range(n)]  # fmt: skip
    return gpd.GeoDataFrame(
        {"code": [f"U{i:03d}" for i in range(n)], "name": [name.format(i=i) for i in range(n)]},
        geometry=boxes,
        crs=4326,
    )


def _features(built: tiles.TileSet, zoom: int) -> gpd.GeoDataFrame:
    frames = [pyogrio.read_dataframe(p, layer=tiles.LAYER) for p in sorted(built.path.glob(f"{zoom}/*/*.pbf"))]
    return gpd.GeoDataFrame(gpd.pd.concat(frames, ignore_index=True))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[gpd.GeoDataFrame, tiles.TileSet]:
    frame = _squares()
    return frame, tiles.build_tiles(frame, root=tmp_path_factory.mktemp("tiles"))


def test_tiles_hold_every_unit_with_its_code_only(built):
    frame, tile_set = built
    assert tile_set.path == tile_set.path.parent / tile_set.digest
    assert tile_set.url == f"/app/static/tiles/{tile_set.digest}/{{z}}/{{x}}/{{y}}.pbf"
    assert tile_set.features == 40
    assert tile_set.bounds == pytest.approx((106.0, 21.0, 106.23, 21.14))
    lowest = _features(tile_set, tiles.MIN_ZOOM)  # one tile holds the whole set
    assert len(list(tile_set.path.glob(f"{tiles.MIN_ZOOM}/*/*.pbf"))) == 1
    assert sorted(lowest["code"]) == sorted(frame["code"])
    assert set(lowest.columns) == {"mvt_id", "code", "geometry"}  # geometry and the join key, nothing else
    deepest = _features(tile_set, tiles.MAX_ZOOM)  # spread over several tiles, every unit in one at least
    assert len(list(tile_set.path.glob(f"{tiles.MAX_ZOOM}/*/*.pbf"))) > 1
    assert set(deepest["code"]) == set(frame["code"])
    metadata = json.loads((tile_set.path / "metadata.json").read_text())
    assert (int(metadata["minzoom"]), int(metadata["maxzoom"])) == (tiles.MIN_ZOOM, tiles.MAX_ZOOM)
    # uncompressed, so a plain static server can send them: a protobuf, not a gzip stream
    assert not next(tile_set.path.glob("*/*/*.pbf")).read_bytes().startswith(b"\x1f\x8b")


def test_tiles_are_built_once_per_content_and_reused(built, monkeypatch):
    frame, tile_set = built
    tiles._built.clear()  # as after a restart: found on disk, not rebuilt

    def no_build(*_a, **_k):
        raise AssertionError("tippecanoe ran again for the same content")

    monkeypatch.setattr(subprocess, "run", no_build)
    again = tiles.build_tiles(frame.copy(), root=tile_set.path.parent)
    assert again.digest == tile_set.digest and again.path == tile_set.path
    renamed = frame.assign(name="another name")  # attributes other than the key are not in the tiles
    assert tiles.content_hash(renamed) == tile_set.digest
    moved = frame.assign(geometry=frame.geometry.translate(0.001, 0))
    recoded = frame.assign(code=[*frame["code"][:-1], "X999"])
    assert len({tile_set.digest, tiles.content_hash(moved), tiles.content_hash(recoded)}) == 3
    assert re.fullmatch(r"[0-9a-f]{24}", tile_set.digest)


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    def fail(cmd, **_k):
        return subprocess.CompletedProcess(cmd, 1, "", "Unknown option --bad")

    monkeypatch.setattr(subprocess, "run", fail)
    with pytest.raises(tiles.TileBuildError, match=r"exit 1.*40 units.*Unknown option --bad"):
        tiles.build_tiles(_squares(), root=tmp_path)
    assert list(tmp_path.iterdir()) == []  # no half-written tiles, no temporary folder


def test_the_tiles_appear_whole_by_one_rename(tmp_path, monkeypatch):
    renames: list[tuple[Path, Path]] = []
    real_rename = tile_files.os.rename

    def watch(src, dst):
        assert not Path(dst).exists()  # nothing at the target before the rename
        assert (Path(src) / "metadata.json").is_file() and any(Path(src).glob("*/*/*.pbf"))  # complete first
        renames.append((Path(src), Path(dst)))
        real_rename(src, dst)

    monkeypatch.setattr(tile_files.os, "rename", watch)
    built = tiles.build_tiles(_squares(12), root=tmp_path)
    assert [d for _s, d in renames] == [built.path]
    assert renames[0][0].parent.parent == tmp_path  # built beside the target, on the same file system
    assert [p.name for p in tmp_path.iterdir()] == [built.digest]  # the temporary folder is gone


def test_when_another_process_wins_the_rename_its_tiles_are_kept(tmp_path, monkeypatch):
    frame = _squares(12)
    digest = tiles.content_hash(frame)

    def lose(src, dst):
        Path(dst).mkdir()
        (Path(dst) / "metadata.json").write_text("{}")  # the other process's complete set
        raise OSError(39, "Directory not empty")

    monkeypatch.setattr(tile_files.os, "rename", lose)
    built = tiles.build_tiles(frame, root=tmp_path)
    assert built.path == tmp_path / digest
    assert [p.name for p in tmp_path.iterdir()] == [digest]


def test_size_decides_how_a_unit_set_is_drawn(monkeypatch):
    small, large = _squares(10), _squares(40)
    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    assert not tiles.is_large(small) and tiles.is_large(large)
    monkeypatch.setattr(tiles, "TILED_MIN_COORDS", 40)  # 10 squares × 5 vertices
    assert tiles.is_large(small)


def test_a_large_set_is_drawn_from_tiles_with_values_sent_as_escaped_json(tmp_path, monkeypatch):
    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    monkeypatch.setattr(tiles, "TILE_ROOT", tmp_path)
    frame = _squares(40, name="<img src=x onerror=alert(1)> {i}").assign(
        name_full=lambda f: f["name"], unit_type="xa", area_km2=4.9, colour="#2ca02c"
    )
    spec = REGISTRY["communes_2025"]
    m = render.base_map("none")
    layer = render.units_layer(frame, spec, lang="en", fields=["name_full", "area_km2"])
    assert isinstance(layer, tiles.TiledUnits)
    layer.add_to(m)
    render.text_labels(frame, "name").add_to(m)  # 40 labels, under the threshold: one layer of every label
    page = m.get_root().render()
    assert "/app/static/vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js" in page
    assert f"/app/static/tiles/{layer.tile_set.digest}/{{z}}/{{x}}/{{y}}.pbf" in page
    assert not CDN.search(page)
    assert "<img" not in page and "\\u003cimg src=x onerror=alert(1)\\u003e 7" in page  # JSON, set as textContent
    assert "createTextNode" in page and "innerHTML" not in page.split("L.VectorGrid.Protobuf")[1].split("addTo(map)")[0]
    assert '"U007", null, "\\u003cimg src=x onerror=alert(1)\\u003e 7", "4.9 km\\u00b2"' in page  # English number
    assert "path.leaflet" not in page and '"type": "Feature"' not in page  # no geometry embedded
    coloured = render.coloured_units(frame, colour="colour", fields=["name"], aliases=["Unit"])
    assert isinstance(coloured, tiles.TiledUnits) and coloured.rows[3][:2] == ["U003", "#2ca02c"]
    assert coloured.tile_set.digest == layer.tile_set.digest  # one tile set serves every page and value


def test_rows_are_formatted_once_per_content_and_language(tmp_path, monkeypatch):
    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    monkeypatch.setattr(tiles, "TILE_ROOT", tmp_path)
    calls: list[str] = []
    real = render.people_text

    def counted(data, spec, frame, lang):
        calls.append(lang)
        return real(data, spec, frame, lang)

    monkeypatch.setattr(render, "people_text", counted)
    frame = _squares(40).assign(name_full=lambda f: f["name"], unit_type="xa", area_km2=4.9)
    spec = REGISTRY["communes_2025"]
    fields = ["name_full", "area_km2"]
    vi = render.units_layer(frame, spec, lang="vi", fields=fields)
    render.units_layer(frame.copy(), spec, lang="vi", fields=fields)
    en = render.units_layer(frame, spec, lang="en", fields=fields)
    changed = render.units_layer(frame.assign(area_km2=5.34), spec, lang="vi", fields=fields)
    assert calls == ["vi", "en", "vi"]
    assert [r.rows[0][3] for r in (vi, en, changed)] == ["4,9 km²", "4.9 km²", "5,3 km²"]


def test_a_small_set_stays_embedded_geojson(build_dir):
    from layers import loader

    frame = loader.load("communes_2025_all", display=True)
    assert not tiles.is_large(frame)  # the 99 real communes
    assert isinstance(render.units_layer(frame, REGISTRY["communes_2025_all"]), folium.GeoJson)


def test_labels_of_a_large_set_are_drawn_in_view_only(monkeypatch):
    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    frame = _squares(40)
    labels = render.text_labels(frame, "name")
    assert isinstance(labels, tiles.ViewLabels)
    assert labels.min_zoom == render.DENSE_LABELS_MIN_ZOOM and len(labels.rows) == 40
    m = render.base_map("none")
    labels.add_to(m)
    page = m.get_root().render()
    assert "map.getBounds()" in page and "createTextNode(line)" in page


def test_the_forest_and_wastewater_choropleths_of_a_large_set_come_from_tiles(tmp_path, monkeypatch):
    from layers import forest_map
    from layers import kcn_ccn_map as sitemap

    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    monkeypatch.setattr(tiles, "TILE_ROOT", tmp_path)
    frame = _squares(40).assign(forest_pct=[10.0 * (i % 6) for i in range(40)], pct_text="x")
    forest = forest_map.choropleth(frame, fields=["name", "pct_text"], aliases=["Đơn vị", "Che phủ"])
    assert isinstance(forest, tiles.TiledUnits)
    assert forest.rows[5] == ["U005", forest_map.cover_colour(50.0), "Xã 5", "x"]
    summary = gpd.pd.DataFrame({"code": frame["code"], "name": frame["name"], "with_plant": 1, "operating": 2,
                                "share_pct": 50.0})  # fmt: skip
    share = sitemap.share_layer(frame, summary, measure="share_pct", lang="en")
    assert isinstance(share, tiles.TiledUnits)
    assert share.rows[0] == ["U000", sitemap.share_colour(50.0), "Xã 0", "50.0 %", "1/2"]
    assert forest.tile_set.digest == share.tile_set.digest


def test_sets_unused_for_a_month_and_killed_builds_are_pruned(tmp_path):
    import os
    import time

    old_set, used_set, fresh_set = (tmp_path / f"{c * 24}" for c in "abc")
    killed, recent_tmp = tmp_path / f".{'d' * 24}-x1", tmp_path / f".{'e' * 24}-x2"
    for path in (old_set, used_set, fresh_set, killed, recent_tmp):
        path.mkdir()
    month = time.time() - 31 * 86400
    for path in (old_set, used_set, killed):
        os.utime(path, (month, month))
    tiles._touched.pop(used_set, None)
    (tmp_path / "notes.txt").write_text("kept")
    frame = _squares(12)
    tiles._built[(str(tmp_path), used_set.name)] = tiles.TileSet(used_set.name, used_set, "", (0, 0, 0, 0), 12)
    tiles._tile_set(frame, used_set.name, tmp_path)  # a map uses it: marked as used
    assert sorted(p.name for p in tiles.prune(tmp_path)) == sorted([old_set.name, killed.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([used_set.name, fresh_set.name, recent_tmp.name,
                                                                 "notes.txt"])  # fmt: skip


def test_an_imported_unit_set_is_drawn_by_size_too(tmp_path, monkeypatch):
    from layers.registry import imported_layer

    monkeypatch.setattr(tiles, "TILED_MIN_FEATURES", 20)
    monkeypatch.setattr(tiles, "TILE_ROOT", tmp_path)
    spec = imported_layer("Xã toàn quốc")
    frame = _squares(40).assign(name_full=lambda f: "Xã " + f["code"], area_km2=4.9)
    layer = render.units_layer(frame, spec, lang="vi")
    assert isinstance(layer, tiles.TiledUnits)
    assert layer.rows[2] == ["U002", None, "Xã U002", "U002", "4,9 km²"]
    assert layer.style["color"] == spec.style.color
    assert isinstance(render.units_layer(frame.head(19), spec, lang="vi"), folium.GeoJson)


def test_a_missing_geometry_does_not_break_the_hash():
    frame = _squares(3)
    frame.loc[1, "geometry"] = None
    assert tiles.content_hash(frame) != tiles.content_hash(_squares(3))
