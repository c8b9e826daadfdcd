"""Exact pixel coverage of polygons and per-class pixel counting, one strip of raster rows at a time, in numpy.

Coverage (the same quantity exactextract computes): every polygon ring is cut at pixel rows and then at pixel
columns into pieces that each lie inside one pixel. Walking along a pixel row, the height of the row that lies
inside the polygon changes only where a piece is, so a piece adds ``dw`` (its signed height) to every pixel right of
it and ``dw * (1 - its mean offset in the pixel)`` to its own pixel. Summing these per pixel and accumulating them
along each row gives the exact covered fraction of every pixel a ring passes through, plus runs of pixels between
them that are covered by one constant fraction (1 inside a zone; between 0 and 1 beside a horizontal edge). Only
the cut pieces are stored, so the cost grows with the perimeters, not with the zones' areas; zones may overlap.

Counting: each class value of a strip becomes a bitmap (one bit per pixel, 64 per word) with a running popcount per
word, so the number of pixels of a class in any run of pixels costs two look-ups. No zone-id raster is built.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from affine import Affine

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Counts = npt.NDArray[np.signedinteger]
_POLYGON = 3
_COLLECTIONS = (4, 5, 6, 7)
_TINY = 1e-12  # in pixels
_CHUNK = 1 << 18  # pixels compared with the class values at a time, so that they stay in the CPU cache


@dataclass(frozen=True)
class Edges:
    """Non-horizontal ring edges in pixel coordinates (u: column, w: row), oriented, sorted by top row ``wlo``."""

    zone: I64
    ua: F64
    wa: F64
    ub: F64
    wb: F64
    wlo: F64
    whi: F64

    def pieces_per_row(self) -> float:
        """About how many pixel pieces the edges make per pixel row (rows and columns crossed, per row spanned)."""
        if len(self.zone) == 0:
            return 0.0
        crossed = float(np.sum(np.ceil(self.whi) - np.floor(self.wlo)) + np.sum(np.abs(self.ub - self.ua)))
        return crossed / max(1.0, float(np.ceil(self.whi.max()) - np.floor(self.wlo[0])))


@dataclass(frozen=True)
class StripCoverage:
    """Covered fraction of the pixels of rows [row0, row1): cells crossed by an edge, and runs between them."""

    cell_zone: I64
    cell_row: I64
    cell_col: I64
    cell_frac: F64
    run_zone: I64
    run_row: I64
    run_c0: I64  # first column of the run
    run_c1: I64  # one past the last column
    run_frac: F64


def polygon_edges(geoms: npt.NDArray[np.object_], transform: Affine) -> Edges:
    """Cut ``geoms`` (polygons, multipolygons; other parts ignored) into edges in the pixel grid of ``transform``."""
    parts, zone_of_part = shapely.get_parts(geoms, return_index=True)
    while np.isin(shapely.get_type_id(parts), _COLLECTIONS).any():  # e.g. from make_valid
        parts, part = shapely.get_parts(parts, return_index=True)
        zone_of_part = zone_of_part[part]
    polygons = shapely.get_type_id(parts) == _POLYGON
    parts, zone_of_part = parts[polygons], zone_of_part[polygons]
    rings, part_of_ring = shapely.get_rings(parts, return_index=True)
    exterior = np.ones(len(rings), dtype=bool)
    exterior[1:] = part_of_ring[1:] != part_of_ring[:-1]
    xy, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    inv = ~transform
    u = inv.a * xy[:, 0] + inv.b * xy[:, 1] + inv.c
    w = inv.d * xy[:, 0] + inv.e * xy[:, 1] + inv.f
    i = np.flatnonzero(ring_of_point[1:] == ring_of_point[:-1])
    ring = ring_of_point[i]
    ua, wa, ub, wb = u[i], w[i], u[i + 1], w[i + 1]
    # Twice the signed area of each ring (shoelace), about the ring's first point to keep precision.
    first = np.searchsorted(ring_of_point, ring)
    ou, ow = u[first], w[first]
    cross = (ua - ou) * (wb - ow) - (ub - ou) * (wa - ow)
    twice_area = np.bincount(ring, weights=cross, minlength=len(rings))
    # With columns to the right and rows downwards an exterior ring must run clockwise (negative shoelace) for its
    # pieces to add coverage; holes run the other way. Rings that do not are walked backwards.
    flip = np.where(exterior, twice_area > 0, twice_area < 0)[ring]
    ua, ub = np.where(flip, ub, ua), np.where(flip, ua, ub)
    wa, wb = np.where(flip, wb, wa), np.where(flip, wa, wb)
    keep = np.abs(wb - wa) > _TINY  # horizontal edges add no height; near-horizontal ones add < 1e-12 of a pixel
    zone = zone_of_part[part_of_ring[ring[keep]]].astype(np.int64)
    ua, wa, ub, wb = ua[keep], wa[keep], ub[keep], wb[keep]
    wlo, whi = np.minimum(wa, wb), np.maximum(wa, wb)
    order = np.argsort(wlo, kind="stable")
    return Edges(zone[order], ua[order], wa[order], ub[order], wb[order], wlo[order], whi[order])


def _spread(counts: I64) -> tuple[I64, I64]:
    """For items repeated ``counts`` times: the item of each repeat and the repeat's rank within its item."""
    item = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    rank = np.arange(len(item), dtype=np.int64)
    rank -= np.repeat(np.cumsum(counts) - counts, counts)
    return item, rank


def strip_coverage(edges: Edges, row0: int, row1: int) -> StripCoverage:
    """Exact covered fractions of the pixels of rows [row0, row1) by every zone whose edges reach them."""
    stop = int(np.searchsorted(edges.wlo, row1, side="left"))
    sel = np.flatnonzero(edges.whi[:stop] > row0)
    ua, wa, wlo, whi = edges.ua[sel], edges.wa[sel], edges.wlo[sel], edges.whi[sel]
    down = edges.wb[sel] > wa
    slope = (edges.ub[sel] - ua) / (edges.wb[sel] - wa)
    # Cut every edge at pixel rows.
    kmin = np.maximum(np.floor(wlo), row0).astype(np.int64)
    e, rank = _spread(np.minimum(np.ceil(whi), row1).astype(np.int64) - kmin)
    row = kmin[e] + rank
    w_top = np.maximum(wlo[e], row)
    w_bot = np.minimum(whi[e], row + 1)
    u_top = ua[e] + (w_top - wa[e]) * slope[e]
    u_bot = ua[e] + (w_bot - wa[e]) * slope[e]
    dw = np.where(down[e], w_bot - w_top, w_top - w_bot)
    zone = edges.zone[sel][e]
    # Cut every row piece at pixel columns: a piece's height is shared in proportion to the width in each column.
    lo, hi = np.minimum(u_top, u_bot), np.maximum(u_top, u_bot)
    clo = np.floor(lo)
    ncells = np.maximum(np.ceil(hi) - clo, 1).astype(np.int64)
    width = hi - lo
    flat = width <= _TINY  # (near-)vertical: all in one cell
    rate = np.divide(dw, width, out=np.zeros_like(dw), where=~flat)
    p, rank = _spread(ncells)
    col = clo[p] + rank
    left = np.maximum(lo[p], col)
    right = np.minimum(hi[p], col + 1)
    d = rate[p] * (right - left)
    vertical = np.flatnonzero(flat)  # vertical pieces fall in one cell each
    d[np.cumsum(ncells)[vertical] - 1] = dw[vertical]
    a = d * ((col + 1) - 0.5 * (left + right))
    return _accumulate(zone[p], row[p], col.astype(np.int64), a, d, row0, row1)


def _accumulate(zone: I64, row: I64, col: I64, a: F64, d: F64, row0: int, row1: int) -> StripCoverage:
    """Order pieces by (zone, row, column) and accumulate heights along each row into fractions and runs.

    A cell cut by several pieces appears once per piece; its fractions add up.
    """
    if len(zone) == 0:
        empty_i, empty_f = np.zeros(0, np.int64), np.zeros(0, np.float64)
        return StripCoverage(empty_i, empty_i, empty_i, empty_f, empty_i, empty_i, empty_i, empty_i, empty_f)
    cmin = int(col.min())
    col_bits = (int(col.max()) - cmin).bit_length()
    row_bits = (row1 - row0 - 1).bit_length()
    key = (zone << (row_bits + col_bits)) | ((row - row0) << col_bits) | (col - cmin)
    order = np.argsort(key)
    key, a, d = key[order], a[order], d[order]
    after = np.cumsum(d)  # covered height right of each piece; every (zone, row) sums to zero, so no reset
    first = np.empty(len(key), dtype=bool)
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    frac = after - d
    frac *= first
    frac += a
    group = key >> col_bits
    col = (key & ((1 << col_bits) - 1)) + cmin
    zone = group >> row_bits
    row = (group & ((1 << row_bits) - 1)) + row0
    # Runs: gaps between consecutive cells of one (zone, row), at the covered height left by the first cell.
    gap = np.flatnonzero((group[1:] == group[:-1]) & (col[1:] > col[:-1] + 1) & (np.abs(after[:-1]) > 1e-9))
    return StripCoverage(zone, row, col, frac, zone[gap], row[gap], col[gap] + 1, col[gap + 1], after[gap])


class ClassCounter:
    """Covered pixel count per zone and class value, summed over strips (fractions count as fractions)."""

    def __init__(self, n_zones: int) -> None:
        self.n_zones = n_zones
        self.values: list[int] = []
        self._table = np.zeros((n_zones, 0), dtype=np.float64)
        self._eq = np.zeros(_CHUNK, dtype=bool)

    def table(self) -> tuple[I64, F64]:
        """Class values (ascending) and the (zones × classes) covered pixel counts."""
        order = np.argsort(self.values).astype(np.int64)
        return np.asarray(self.values, dtype=np.int64)[order], self._table[:, order]

    def add(self, values: npt.NDArray[np.integer], row0: int, col0: int, cov: StripCoverage) -> None:
        """Count ``values`` (the raster rows from ``row0`` and columns from ``col0``) under ``cov``."""
        width = values.shape[1]
        flat = np.ascontiguousarray(values).reshape(-1)
        inside = np.flatnonzero((cov.cell_col >= col0) & (cov.cell_col < col0 + width))
        cell_pos = (cov.cell_row[inside] - row0) * width + (cov.cell_col[inside] - col0)
        c0 = np.clip(cov.run_c0, col0, col0 + width)
        c1 = np.clip(cov.run_c1, col0, col0 + width)
        run = np.flatnonzero(c1 > c0)
        run_start = (cov.run_row[run] - row0) * width + (c0[run] - col0)
        run_stop = run_start + (c1[run] - c0[run])
        bits, running = self._bitmaps(flat)
        classes = len(self.values)
        n = self.n_zones
        codes = self._codes(flat[cell_pos])
        cells = np.bincount(cov.cell_zone[inside] * classes + codes, cov.cell_frac[inside], n * classes)
        # Pixels of each class in each run: running counts at whole words, plus the bits of the partial words.
        start, stop = run_start >> 6, run_stop >> 6
        pixels = (running[stop] - running[start]).astype(np.float64)
        pixels += np.bitwise_count(bits[stop] & _below(run_stop)[:, None])
        pixels -= np.bitwise_count(bits[start] & _below(run_start)[:, None])
        pixels *= cov.run_frac[run][:, None]
        runs = np.bincount(
            (cov.run_zone[run][:, None] * classes + np.arange(classes)).reshape(-1), pixels.reshape(-1), n * classes
        )
        self._table += (cells + runs).reshape(n, classes)

    def _codes(self, found: npt.NDArray[np.integer]) -> I64:
        """Position in ``self.values`` of each value of ``found`` (all of which are known)."""
        known = np.asarray(self.values, dtype=np.int64)
        order = np.argsort(known)
        if found.dtype.itemsize <= 2:  # a look-up table over the whole value range
            info = np.iinfo(found.dtype)
            lut = np.zeros(int(info.max) - int(info.min) + 1, dtype=np.int64)
            lut[known - int(info.min)] = np.arange(len(known))
            return lut[found.astype(np.int64) - int(info.min)]
        return order[np.searchsorted(known[order], found)].astype(np.int64)

    def _bitmaps(self, flat: npt.NDArray[np.integer]) -> tuple[npt.NDArray[np.uint64], Counts]:
        """One bitmap column per known class value (learning new ones), and its running count of set bits.

        Bit i of ``bits[j, k]`` is set where ``flat[64 j + i]`` equals class k; ``running[j, k]`` counts the set bits
        of ``bits[:j, k]``.
        """
        if not self.values:
            self._learn(np.unique(flat[:: max(1, flat.size // 65536)]))
        bits, running = self._pack(flat, self.values)
        if int(running[-1].sum()) < flat.size:  # values not met in earlier strips
            known = np.bitwise_or.reduce(bits, axis=1)
            unknown = np.unpackbits((~known).view(np.uint8), bitorder="little")[: flat.size].view(bool)
            self._learn(np.unique(flat[unknown]))
            bits, running = self._pack(flat, self.values)
        return bits, running

    def _learn(self, new: npt.NDArray[np.integer]) -> None:
        self.values += [int(v) for v in new]
        grown = np.zeros((self.n_zones, len(self.values)), dtype=np.float64)
        grown[:, : self._table.shape[1]] = self._table
        self._table = grown

    def _pack(self, flat: npt.NDArray[np.integer], values: list[int]) -> tuple[npt.NDArray[np.uint64], Counts]:
        """Compare a cache-sized chunk of pixels with every value before moving on to the next chunk."""
        nwords = flat.size // 64 + 1
        bits = np.zeros((nwords, len(values)), dtype=np.uint64)
        eq = self._eq
        for start in range(0, flat.size, _CHUNK):
            part = flat[start : start + _CHUNK]
            used = -(-part.size // 64) * 64
            eq[part.size :] = False
            for code, value in enumerate(values):
                np.equal(part, value, out=eq[: part.size])
                bits[start // 64 : (start + used) // 64, code] = np.packbits(eq[:used], bitorder="little").view(
                    np.uint64
                )
        running = np.zeros((nwords + 1, len(values)), dtype=np.int32 if flat.size < 2**31 else np.int64)
        np.cumsum(np.bitwise_count(bits), axis=0, out=running[1:])
        return bits, running


def _below(pos: I64) -> npt.NDArray[np.uint64]:
    """Masks of the bits below ``pos`` within its 64-bit word."""
    return (np.uint64(1) << (pos & 63).astype(np.uint64)) - np.uint64(1)
