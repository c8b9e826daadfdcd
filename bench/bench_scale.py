"""A home-map rerun at national scale: 3,300 units made from the 99 real communes (issue 13).

    .venv/bin/python bench/bench_scale.py               # 99 and 3,300 units
    .venv/bin/python bench/bench_scale.py --units 990   # other sizes, comma-separated

The unit set: the 99 communes of the new Bắc Ninh (data/boundaries/build/communes_2025_all*.parquet) copied on a
grid of translated tiles (each copy shifted by the province's extent, codes made unique) until there are N units:
real shapes and vertex counts at a national count. For each N, one home-map rerun as the app does it today
(layers.render: base map, unit polygons with tooltips, one label per unit, from the display copy simplified at
build) and, as the baseline, a naive folium map of the same polygons at full precision (one folium.GeoJson, no
labels). Reported: server CPU-seconds (time.process_time, best of ``--repeat``) to build the map and render its HTML,
and the bytes of that HTML, which is what st_folium sends to the browser on a rerun that rebuilds the map.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.settings import get_settings  # noqa: E402
from layers import render  # noqa: E402
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


def naive(full: gpd.GeoDataFrame) -> str:
    m = folium.Map(location=render.PROVINCE_CENTER, zoom_start=9, tiles=None)
    folium.GeoJson(full[["code", "name", "geometry"]], tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
    return str(m.get_root().render())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", default="99,3300", help="unit counts, comma-separated (default 99,3300)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is kept (default 2)")
    args = parser.parse_args()
    build = get_settings().build_dir
    full = gpd.read_parquet(build / f"{UNIT_SET}.parquet")
    display = gpd.read_parquet(build / f"{UNIT_SET}_display.parquet")
    print("\n| units | map | rerun CPU s | ÷ naive | bytes to browser | ÷ naive |")
    print("|---:|---|---:|---:|---:|---:|")
    for count in [int(c) for c in args.units.split(",")]:
        big_full, big_display = tiled(full, count), tiled(display, count)
        base_cpu, base_bytes = cpu(lambda f=big_full: naive(f), args.repeat)
        our_cpu, our_bytes = cpu(lambda d=big_display: ours(d), args.repeat)
        print(f"| {count:,} | naive folium, full precision | {base_cpu:.2f} | 1.00 | {base_bytes:,} | 1.00 |")
        print(
            f"| {count:,} | home map (layers.render) | {our_cpu:.2f} | {our_cpu / base_cpu:.2f} | {our_bytes:,} "
            f"| {our_bytes / base_bytes:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
