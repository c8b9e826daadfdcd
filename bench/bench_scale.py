"""A home-map rerun at national scale: 3,300 units made from the 99 real communes (issue 13).

    .venv/bin/python bench/bench_scale.py               # 99 and 3,300 units
    .venv/bin/python bench/bench_scale.py --units 990   # other sizes, comma-separated
    .venv/bin/python bench/bench_scale.py --browser     # also the app in headless Chromium at 3,300 units

The unit set: the 99 communes of the new Bắc Ninh (data/boundaries/build/communes_2025_all*.parquet) copied on a
grid of translated tiles (each copy shifted by the province's extent, codes made unique) until there are N units:
real shapes and vertex counts at a national count. For each N, one home-map rerun as the app does it today
(layers.render: base map, unit polygons with tooltips, one label per unit, from the display copy simplified at
build) and, as the baseline, a naive folium map of the same polygons at full precision (one folium.GeoJson, no
labels). Reported: server CPU-seconds (time.process_time, best of ``--repeat``) to build the map and render its HTML,
and the bytes of that HTML, which is what st_folium sends to the browser on a rerun that rebuilds the map.

From :data:`layers.tiles.TILED_MIN_FEATURES` units on, the home map draws the units from vector tiles the app serves
(layers/tiles.py): besides the map as it is drawn now (tiled), the table shows the embedded GeoJSON map it replaced
(layers.render's GeoJSON path, forced), and for the tiled map the bytes of the tiles the default view fetches
(``+ tiles``), the one-off tile build (seconds, tiles, MB on disk) and the first (cold) rerun after a restart.

``--browser``: the app itself (``streamlit run``, production flags) on a copy of the build folder whose
``communes_2025_all`` layers hold 3,300 units (:func:`scaled_build_dir`), opened at ``/ban-do?units=communes_2025_all``
in headless Chromium with no internet: seconds from navigation to the first unit drawn from a tile, bytes received
(websocket + tiles), requests that tried to leave the machine, the page's JS heap (CDP ``Performance.getMetrics``)
and the browser's memory (RSS of all Chromium processes, psutil).
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.settings import get_settings  # noqa: E402
from layers import render, tiles  # noqa: E402
from layers.registry import unit_set_layer  # noqa: E402

UNIT_SET = "communes_2025_all"


def tiled(frame: gpd.GeoDataFrame, count: int) -> gpd.GeoDataFrame:
    """``count`` units: copies of ``frame`` translated on a grid by its own extent (codes and names made unique)."""
    x0, y0, x1, y1 = frame.total_bounds
    n_copies = -(-count // len(frame))
    side = math.ceil(math.sqrt(n_copies))
    copies = []
    for i in range(n_copies):
        dx, dy = (i % side) * (x1 - x0), -(i // side) * (y1 - y0)
        copy = frame.copy()
        shift = np.array((dx, dy))
        copy["geometry"] = shapely.transform(frame.geometry.array, lambda xy, d=shift: xy + d)
        copy["code"] = copy["code"].astype(str) + f"-{i}"
        copy["name"] = copy["name"].astype(str) + ("" if i == 0 else f" {i}")
        copies.append(copy)
    return gpd.GeoDataFrame(pd.concat(copies, ignore_index=True).head(count), crs=frame.crs)


def scaled_build_dir(count: int, dest: Path, source: Path | None = None) -> Path:
    """A copy of the build folder ``source`` in ``dest`` whose ``communes_2025_all`` layers (full and display) hold
    ``count`` units made by :func:`tiled`: the app run on it shows a national-size unit set."""
    source = source or get_settings().build_dir
    dest.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, dest / path.name)
    for suffix in ("", "_display"):
        frame = gpd.read_parquet(source / f"{UNIT_SET}{suffix}.parquet")
        tiled(frame, count).to_parquet(dest / f"{UNIT_SET}{suffix}.parquet")
    return dest


def cpu(fn: Callable[[], str], repeat: int) -> tuple[float, int]:
    """Best process CPU-seconds of ``fn`` over ``repeat`` runs, and the length of what it returned (bytes)."""
    best, size = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
        size = len(out.encode())
    return best, size


def ours(display: gpd.GeoDataFrame) -> str:
    spec = unit_set_layer(UNIT_SET)
    m = render.base_map("none", location=render.PROVINCE_CENTER, zoom=9)
    render.units_layer(display, spec, lang="vi").add_to(m)
    render.labels_layer(display, spec).add_to(m)
    return str(m.get_root().render())


def embedded(display: gpd.GeoDataFrame) -> str:
    """The home map with the units embedded as GeoJSON whatever their number (the path before tiles)."""
    with mock.patch.object(tiles, "is_large", lambda _f: False), mock.patch.object(tiles, "TILED_MIN_FEATURES", 10**9):
        return ours(display)


def tile_build(display: gpd.GeoDataFrame) -> tuple[float, int, int]:
    """Wall seconds to tile ``display`` from nothing (in a temporary folder), its tiles and bytes on disk."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-tiles-") as tmp:
        start = time.perf_counter()
        built = tiles.build_tiles(display, root=Path(tmp))
        seconds = time.perf_counter() - start
        files = [p for p in built.path.rglob("*.pbf")]
        return seconds, len(files), sum(p.stat().st_size for p in files)


def naive(full: gpd.GeoDataFrame) -> str:
    m = folium.Map(location=render.PROVINCE_CENTER, zoom_start=9, tiles=None)
    folium.GeoJson(full[["code", "name", "geometry"]], tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
    return str(m.get_root().render())


def _open_home(context: object, url: str) -> tuple[object, dict[str, float]]:
    """Open the home page at the large set in a new page of ``context``; the page, and seconds to each stage and
    bytes received so far."""
    page = context.new_page()  # type: ignore[attr-defined]
    got = {"ws": 0.0, "tiles": 0.0, "n_tiles": 0.0}

    def on_ws(ws: object) -> None:
        def add(payload: object) -> None:
            got["ws"] += len(payload)  # type: ignore[arg-type]

        ws.on("framereceived", add)  # type: ignore[attr-defined]

    def on_tile(request: object) -> None:
        if "/app/static/tiles/" in request.url:  # type: ignore[attr-defined]
            got["tiles"] += request.sizes()["responseBodySize"]  # type: ignore[attr-defined]
            got["n_tiles"] += 1

    page.on("websocket", on_ws)
    page.on("requestfinished", on_tile)
    start = time.perf_counter()
    page.goto(f"{url}/ban-do?units={UNIT_SET}")
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first
    frame.locator(".leaflet-container").first.wait_for(state="attached", timeout=300_000)
    got["map"] = time.perf_counter() - start
    frame.locator(".leaflet-tile-container path.leaflet-interactive").first.wait_for(state="attached", timeout=300_000)
    got["tile"] = time.perf_counter() - start
    page.wait_for_timeout(3000)  # the rest of the view's tiles
    got["paths"] = frame.locator("path.leaflet-interactive").count()
    cdp = context.new_cdp_session(page)  # type: ignore[attr-defined]
    cdp.send("Performance.enable")
    got["heap"] = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["JSHeapUsedSize"]
    return page, got


def _rerun(page: object, got: dict[str, float], server: object) -> tuple[float, float]:
    """Server CPU-seconds and websocket bytes of one rerun of ``page`` (Streamlit's "r" key, nothing changed);
    ``got`` is the page's running count of bytes from :func:`_open_home`."""
    before, ws = server.settle(), got["ws"]  # type: ignore[attr-defined]
    page.evaluate("document.activeElement && document.activeElement.blur()")  # type: ignore[attr-defined]
    page.keyboard.press("r")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    return server.settle() - before, got["ws"] - ws  # type: ignore[attr-defined]


def browser_check(count: int) -> None:
    """The home page at ``count`` units in headless Chromium with no internet (see the module's docstring): a first
    view (the server's first run), a second view in a new session, and reruns of that page."""
    import tempfile

    import psutil
    from playwright.sync_api import sync_playwright

    from bench.bench_pages import Server
    from tests.browser import CHROMIUM_ARGS, chromium_path, offline, running_app

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        build = scaled_build_dir(count, Path(tmp) / "build")
        display = gpd.read_parquet(build / f"{UNIT_SET}_display.parquet")
        tiles.build_tiles(display)  # built once per content, as the app's first view would
        env = {"BGGM_BUILD_DIR": str(build), "BGGM_TILES": "none"}
        with running_app(env) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            blocked: list[str] = []
            views = []
            for _ in range(2):
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
                offline(context, blocked)
                views.append(_open_home(context, url))
            streamlit = next(q for q in psutil.Process().children(recursive=True)
                             if "streamlit" in " ".join(q.cmdline()))  # fmt: skip
            reruns = [_rerun(*views[-1], Server(url, streamlit, 0.0)) for _ in range(3)]
            # this bench's own Chromium (children of its Playwright driver), proportional set size: shared pages
            # counted once across processes
            procs = [q for q in psutil.Process().children(recursive=True) if "chrom" in q.name().lower()]
            pss = sum(q.memory_full_info().pss for q in procs if q.is_running())
            browser.close()
    print(
        f"\n**Browser, {count:,} units** (`/ban-do?units={UNIT_SET}`, headless Chromium, no internet; Chromium "
        f"memory after both views: {pss / 1e6:.0f} MB PSS over {len(procs)} processes; requests that tried to "
        f"leave the machine: {len(blocked)})\n"
    )
    print(
        "| view | map shown s | first unit from a tile s | unit paths drawn | bytes: websocket | tiles fetched "
        "| bytes: tiles | JS heap MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (_page, v) in zip(("first (server's first run)", "second (new session)"), views, strict=True):
        print(
            f"| {name} | {v['map']:.1f} | {v['tile']:.1f} | {v['paths']:,.0f} | {v['ws']:,.0f} | {v['n_tiles']:.0f} "
            f"| {v['tiles']:,.0f} | {v['heap'] / 1e6:.0f} |"
        )
    cpu_s, sent = min(reruns)
    print(
        f'\nA rerun of the whole home page (the "r" key, nothing changed; best of 3): {cpu_s:.2f} server '
        f"CPU-seconds (psutil), {sent:,.0f} bytes on the websocket."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", default="99,3300", help="unit counts, comma-separated (default 99,3300)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is kept (default 2)")
    parser.add_argument("--browser", action="store_true", help="also open the app at 3,300 units in Chromium")
    args = parser.parse_args()
    build = get_settings().build_dir
    full = gpd.read_parquet(build / f"{UNIT_SET}.parquet")
    display = gpd.read_parquet(build / f"{UNIT_SET}_display.parquet")
    print("\n| units | map | rerun CPU s | ÷ naive | bytes to browser | ÷ naive |")
    print("|---:|---|---:|---:|---:|---:|")
    notes = []
    for count in [int(c) for c in args.units.split(",")]:
        big_full, big_display = tiled(full, count), tiled(display, count)
        base_cpu, base_bytes = cpu(lambda f=big_full: naive(f), args.repeat)
        print(f"| {count:,} | naive folium, full precision | {base_cpu:.2f} | 1.00 | {base_bytes:,} | 1.00 |")
        if tiles.is_large(big_display):
            built = tile_build(big_display)
            old_cpu, old_bytes = cpu(lambda d=big_display: embedded(d), 1)
            print(f"| {count:,} | home map, GeoJSON embedded (before) | {old_cpu:.2f} | {old_cpu / base_cpu:.2f} "
                  f"| {old_bytes:,} | {old_bytes / base_bytes:.2f} |")  # fmt: skip
            tiles._rows_memo.clear()
            cold_cpu, _ = cpu(lambda d=big_display: ours(d), 1)
            our_cpu, our_bytes = cpu(lambda d=big_display: ours(d), args.repeat)
            tile_set = tiles.build_tiles(big_display)
            zoom = render.view_for_bounds(big_display.total_bounds, width_px=720, height_px=600)[1]
            n_tiles, tile_bytes = tiles.view_bytes(tile_set, big_display.total_bounds, zoom)
            total = our_bytes + tile_bytes
            print(f"| {count:,} | home map, vector tiles (now) | {our_cpu:.2f} | {our_cpu / base_cpu:.3f} "
                  f"| {our_bytes:,} + tiles {tile_bytes:,} = {total:,} | {total / base_bytes:.3f} |")  # fmt: skip
            notes.append(
                f"{count:,} units: first rerun after a restart {cold_cpu:.2f} s CPU (formats every tooltip "
                f"once); default view zoom {zoom}: {n_tiles} tiles; one-off tile build {built[0]:.1f} s wall, "
                f"{built[1]:,} tiles, {built[2] / 1e6:.1f} MB (zooms {tiles.MIN_ZOOM}–{tiles.MAX_ZOOM})"
            )
        else:
            our_cpu, our_bytes = cpu(lambda d=big_display: ours(d), args.repeat)
            print(f"| {count:,} | home map (layers.render) | {our_cpu:.2f} | {our_cpu / base_cpu:.2f} | {our_bytes:,} "
                  f"| {our_bytes / base_bytes:.2f} |")  # fmt: skip
    for note in notes:
        print(f"\n- {note}")
    if args.browser:
        browser_check(max(int(c) for c in args.units.split(",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
