"""Coordinate reference systems: store and display in EPSG:4326, measure in VN-2000 / TM-3 107-00 (EPSG:9214).

Also the checks that keep VN-2000 survey data from landing 224 m off without anyone noticing (DOMAIN.md §3):
grid coordinates in a file with no CRS are recognised and named, and a CRS that cannot be right for them (WGS84
geographic, or a VN-2000 grid whose datum was lost, "D_unknown") is refused with a message that says how to fix it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from pyproj import CRS

from geo.errors import CRSError, Problem, Text

STORAGE_CRS = "EPSG:4326"
AREA_CRS = "EPSG:9214"  # VN-2000 / TM-3 107-00, Bắc Giang's local grid
UTM_CRS = "EPSG:3405"  # VN-2000 / UTM zone 48N, national maps

# Bounding boxes used to recognise coordinates. Bắc Giang lies around lon 105.9–107.1, lat 21.1–21.7.
PROVINCE_LONLAT_BOUNDS = (105.7, 20.8, 107.3, 21.9)
# TM-3 grid (any Vietnamese central meridian): easting 300–700 km, northing (X) 950–2 650 km.
GRID_E_RANGE = (300_000.0, 700_000.0)
GRID_N_RANGE = (950_000.0, 2_650_000.0)

FIX_PRJ = Text(
    "gán đúng hệ tọa độ cho tệp: với lưới VN-2000 TM-3 kinh tuyến trục 107°00′ của Bắc Giang dùng EPSG:9214 "
    "(105°30′ của Bắc Ninh cũ: EPSG:9209; UTM 48N: EPSG:3405); trong QGIS: Layer → Set CRS, hoặc thay tệp .prj",
    "assign the right CRS to the file: for Bắc Giang's VN-2000 TM-3 107°00′ grid use EPSG:9214 (old Bắc Ninh "
    "105°30′: EPSG:9209; UTM 48N: EPSG:3405); in QGIS: Layer → Set CRS, or replace the .prj file",
)


def looks_like_lonlat(bounds: tuple[float, float, float, float]) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def looks_like_vn2000_grid(bounds: tuple[float, float, float, float]) -> bool:
    """Easting/northing of a VN-2000 TM-3 or UTM grid (x = easting, y = northing)."""
    minx, miny, maxx, maxy = bounds
    return GRID_E_RANGE[0] <= minx <= maxx <= GRID_E_RANGE[1] and GRID_N_RANGE[0] <= miny <= maxy <= GRID_N_RANGE[1]


def looks_like_swapped_grid(bounds: tuple[float, float, float, float]) -> bool:
    """Northing in x and easting in y: what a surveyor's X/Y columns give when read as x/y."""
    minx, miny, maxx, maxy = bounds
    return looks_like_vn2000_grid((miny, minx, maxy, maxx))


def _datum_lost(crs: CRS) -> bool:
    """A projected CRS whose datum is unknown/WGS84 but whose projection is a Vietnamese TM-3/UTM grid."""
    if not crs.is_projected:
        return False
    datum = (crs.datum.name if crs.datum else "").lower()
    if "vn-2000" in datum or "vietnam" in datum or "vn_2000" in datum:
        return False
    return "unknown" in datum or "not specified" in datum or datum in ("", "world geodetic system 1984")


def _refuse(file: str, expected: Text, found: Text) -> CRSError:
    return CRSError(Problem(file=file, field="geometry", expected=expected, found=found, fix=FIX_PRJ))


def check_crs(frame: gpd.GeoDataFrame, *, file: str, declared: str | CRS | None = None) -> gpd.GeoDataFrame:
    """Return ``frame`` with a CRS that is known to be right, or raise :class:`CRSError` saying how to fix the file.

    ``declared`` is what the user says the file's CRS is (e.g. from configuration); it overrides a missing CRS but
    not a contradicting one.
    """
    if frame.empty:
        return frame.set_crs(declared or STORAGE_CRS, allow_override=True) if frame.crs is None else frame
    minx, miny, maxx, maxy = (float(b) for b in frame.total_bounds)
    b4 = (minx, miny, maxx, maxy)
    if frame.crs is None and declared is not None:
        return frame.set_crs(declared)
    if frame.crs is None:
        if looks_like_lonlat(b4):  # GeoJSON and KML are EPSG:4326 by definition; a lon/lat CSV is too
            return frame.set_crs(STORAGE_CRS)
        if looks_like_vn2000_grid(b4) or looks_like_swapped_grid(b4):
            swapped = looks_like_swapped_grid(b4)
            east, north = (miny, minx) if swapped else (minx, miny)
            vi = f"lưới mét VN-2000 (X≈{north:.0f}, Y≈{east:.0f}) không kèm hệ tọa độ"
            en = f"VN-2000 metre grid coordinates (X≈{north:.0f}, Y≈{east:.0f}) with no CRS"
            if swapped:
                vi += "; X (hướng bắc) và Y (hướng đông) đang bị đảo"
                en += "; X (northing) and Y (easting) are swapped"
            expected = Text("tệp có thông tin hệ tọa độ (.prj hoặc CRS)", "a file with a CRS (.prj or CRS)")
            raise _refuse(file, expected, Text(vi, en))
        found = Text(f"không có CRS, phạm vi {b4}", f"no CRS, extent {b4}")
        raise _refuse(file, Text("tệp có hệ tọa độ", "a file with a CRS"), found)
    crs = CRS.from_user_input(frame.crs)
    if crs.is_geographic and looks_like_vn2000_grid(b4):
        expected = Text("kinh độ/vĩ độ đúng với hệ tọa độ địa lý đã khai báo", "lon/lat matching its CRS")
        grid = f"(E≈{minx:.0f}, N≈{miny:.0f})"
        found = Text(f"{crs.name} nhưng tọa độ là lưới mét {grid}", f"{crs.name} but metre grid coordinates {grid}")
        raise _refuse(file, expected, found)
    if _datum_lost(crs) and looks_like_vn2000_grid(b4):
        datum = crs.datum.name if crs.datum else "?"
        expected = Text("hệ tọa độ có datum VN-2000", "a CRS with the VN-2000 datum")
        found = Text(
            f"{crs.name} (datum: {datum}) — sẽ lệch khoảng 224 m", f"{crs.name} (datum: {datum}) — about 224 m off"
        )
        raise _refuse(file, expected, found)
    return frame


def to_storage(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326 (the datum shift of Decision 05/2007 is applied by pyproj for EPSG codes)."""
    return (
        frame
        if frame.crs is not None and CRS.from_user_input(frame.crs) == CRS(STORAGE_CRS)
        else frame.to_crs(STORAGE_CRS)
    )


def area_km2(geoms: gpd.GeoSeries) -> np.ndarray:
    """Areas in km² measured in EPSG:9214."""
    return np.asarray(geoms.to_crs(AREA_CRS).area, dtype=float) / 1e6
