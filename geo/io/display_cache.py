"""The simplified display copies of imported unit sets, kept on disk once per content (issue 13).

Simplifying 3,300 imported polygons as a coverage takes ~25 CPU-seconds; a built set's display copy is made by the
data build, an imported set's is made once and kept here: one GeoParquet per content under the
``BGGM_DISPLAY_CACHE_DIR`` folder (:func:`geo.settings.get_settings`), named by :func:`content_key` (sha256 of
:data:`VERSION`, the tolerance, the CRS, the codes and the geometry WKB of the full polygons). A file holds the codes
and the simplified geometry only: the other columns are taken from the store each time, so a renamed unit never shows
its old name. Files are written to a temporary name and renamed into place; a file that cannot be read, or whose
codes differ, counts as missing (it is rebuilt and replaced). A copy nobody read for :data:`UNUSED_DAYS` days is
removed after the next write (:func:`prune`), like the tile sets of :mod:`geo.io.tiles`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from geopandas.array import GeometryArray

from geo.io.files import atomic_path

VERSION = "1"  # bump when the way a display copy is made changes: every key changes with it
KEY = "code"
UNUSED_DAYS = 30
TOUCH_EVERY_S = 86400
_ENTRY = re.compile(r"[0-9a-f]{24}\.parquet")
_TEMP = re.compile(r"\.[0-9a-f]{24}\.parquet\..+\.parquet")


def content_key(frame: gpd.GeoDataFrame, tolerance_m: float) -> str:
    """sha256 (first 24 hex digits) of :data:`VERSION`, ``tolerance_m``, the CRS, the codes and the geometry WKB."""
    h = hashlib.sha256(f"{VERSION}\x1f{tolerance_m!r}\x1f".encode())
    h.update(str(frame.crs.to_epsg() if frame.crs is not None else "").encode())
    h.update("\x1f".join(frame[KEY].astype(str)).encode())
    for wkb in shapely.to_wkb(np.asarray(frame.geometry.array), output_dimension=2):
        h.update(wkb if wkb is not None else b"\x00")
    return h.hexdigest()[:24]


def path_of(root: Path, key: str) -> Path:
    return root / f"{key}.parquet"


def read(root: Path, key: str, codes: pd.Series) -> GeometryArray | None:
    """The cached display geometry of content ``key``, in the order of ``codes``; None when there is no readable
    copy holding exactly those codes (missing, partial, corrupt, or another content's)."""
    path = path_of(root, key)
    try:
        cached = gpd.read_parquet(path)
    except (OSError, ValueError, TypeError, KeyError, NotImplementedError):  # missing, truncated, not GeoParquet
        return None
    if KEY not in cached.columns or cached[KEY].astype(str).tolist() != codes.astype(str).tolist():
        return None
    with contextlib.suppress(OSError):  # in use: :func:`prune` keeps it
        if time.time() - path.stat().st_mtime > TOUCH_EVERY_S:
            os.utime(path)
    geometry: GeometryArray = cached.geometry.values
    return geometry


def write(root: Path, key: str, shown: gpd.GeoDataFrame) -> Path | None:
    """Keep the display copy ``shown`` (its codes and geometry) as content ``key``, atomically, then prune old
    copies; returns the file, or None when the folder cannot be written (the copy is then made again next time)."""
    kept = gpd.GeoDataFrame({KEY: shown[KEY].astype(str).to_numpy()}, geometry=shown.geometry.array, crs=shown.crs)
    try:
        with atomic_path(path_of(root, key)) as tmp:
            kept.to_parquet(tmp, index=False)
    except OSError:
        return None
    prune(root)
    return path_of(root, key)


def prune(root: Path, *, unused_days: float = UNUSED_DAYS) -> list[Path]:
    """Remove the copies of ``root`` nobody read for ``unused_days`` (a copy in use is marked daily) and temporary
    files left by a write that was killed; returns what was removed."""
    now, removed = time.time(), []
    for path in root.iterdir() if root.is_dir() else ():
        with contextlib.suppress(OSError):  # removed meanwhile by another process
            age = now - path.stat().st_mtime
            if (_ENTRY.fullmatch(path.name) and age > unused_days * 86400) or (
                _TEMP.fullmatch(path.name) and age > 3600
            ):
                path.unlink()
                removed.append(path)
    return removed
