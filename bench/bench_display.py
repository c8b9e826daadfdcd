"""The display copy of a large imported unit set: simplified on the first load, read back from disk afterwards.

    .venv/bin/python bench/bench_display.py               # 3,300 units
    .venv/bin/python bench/bench_display.py --units 990   # another size

The unit set: the 99 communes of the new Bắc Ninh at full precision (data/boundaries/build/communes_2025_all.parquet)
copied on a grid until there are N units (:func:`bench_scale.tiled`), given to
:func:`geo.boundaries.sets.load_unit_set` as the store's ``units`` rows of an imported set. Reported: wall and CPU
seconds of the first ``display=True`` load (coverage simplification + writing the copy to an empty
``BGGM_DISPLAY_CACHE_DIR``, a temporary folder) and of the second (the copy read back, as every later process does),
best of ``--repeat`` for the second.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_scale import UNIT_SET, tiled  # noqa: E402
from geo.boundaries import sets  # noqa: E402
from geo.settings import get_settings  # noqa: E402


def timed(stored: gpd.GeoDataFrame) -> tuple[float, float, gpd.GeoDataFrame]:
    wall, cpu = time.perf_counter(), time.process_time()
    frame = sets.load_unit_set("vung_bench", stored, display=True)
    return time.perf_counter() - wall, time.process_time() - cpu, frame


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=3300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    full = gpd.read_parquet(get_settings().build_dir / f"{UNIT_SET}.parquet")
    stored = tiled(full, args.units).assign(unit_set="vung_bench")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BGGM_DISPLAY_CACHE_DIR"] = folder
        first = timed(stored)
        second = min((timed(stored) for _ in range(args.repeat)), key=lambda t: t[0])
        [kept] = Path(folder).iterdir()
        assert second[2].geometry.geom_equals_exact(first[2].geometry, 0).all()
        print(f"{len(stored):,} units: first load (simplify + keep) {first[0]:.2f} s wall, {first[1]:.2f} CPU-s; "
              f"second load (read back) {second[0]:.2f} s wall, {second[1]:.2f} CPU-s; "
              f"copy on disk {kept.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
