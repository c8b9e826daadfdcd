"""``python -m geo tiles [--units NAME]``: build (or find already built) the vector tiles of every unit set the pages
draw from tiles, so the first visitor of a large set does not wait for the build (~30 s at 3,300 units).

A set is drawn from tiles from :data:`geo.io.tiles.TILED_MIN_FEATURES` units or :data:`geo.io.tiles.TILED_MIN_COORDS`
vertices on; smaller sets are embedded in the page and need none. The sets are the built ones and every set imported
into the store, each as the pages draw it (its simplified display copy, :func:`geo.boundaries.sets.load_unit_set`; an
imported set's is made once per content and kept on disk, :mod:`geo.io.display_cache`), so the tiles made here are the
ones the pages look for (same content hash). One line per set: name, units, built / already there / not drawn from
tiles, seconds, tiles and size. ``python -m geo import units …`` runs it for the set it wrote when that set is large.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.boundaries import sets
from geo.errors import Lang, Text
from geo.io import tiles
from geo.text.format import number

_STATES = {
    "built": Text("đã dựng", "built"),
    "there": Text("đã có sẵn", "already there"),
    "small": Text("không cần ô (bộ nhỏ, vẽ thẳng trong trang)", "no tiles needed (small set, drawn in the page)"),
}


def _line(name: str, units: int, state: str, seconds: float, size: tuple[int, int] | None, lang: Lang) -> str:
    text = f"{name}: {number(units, lang, 0)} {'đơn vị' if lang == 'vi' else 'units'}, {_STATES[state](lang)}"
    if size is None:
        return text
    count, size_bytes = size
    return (f"{text}, {number(seconds, lang, 1)} s, {number(count, lang, 0)} {'ô' if lang == 'vi' else 'tiles'}, "
            f"{number(size_bytes / 1e6, lang, 1)} MB")  # fmt: skip


def drawn(name: str, stored: pd.DataFrame | None) -> gpd.GeoDataFrame:
    """Unit set ``name`` as the pages draw it (its display copy): what their tiles are made of."""
    return sets.load_unit_set(name, stored, display=True)


def tile_set(name: str, frame: gpd.GeoDataFrame, lang: Lang) -> str:
    """Build (or find) the tiles of unit set ``name`` drawn as ``frame``; the line that says what was done."""
    if not tiles.is_large(frame):
        return _line(name, len(frame), "small", 0.0, None, lang)
    start = time.perf_counter()
    found = tiles.existing(frame)
    built = found or tiles.build_tiles(frame)
    seconds = time.perf_counter() - start
    return _line(name, len(frame), "there" if found else "built", seconds, tiles.disk_size(built), lang)


def run(args: argparse.Namespace) -> int:
    stored = sets.stored_units()
    names = [args.units] if args.units else [s.id for s in sets.unit_sets(stored)]
    for name in names:
        print(tile_set(name, drawn(name, stored), args.lang), flush=True)
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "tiles",
        help="dựng ô bản đồ vector của các bộ đơn vị lớn (build the vector tiles of large unit sets)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--units", metavar="NAME", help="chỉ một bộ đơn vị / one unit set only")
    parser.set_defaults(func=run)
