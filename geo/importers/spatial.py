"""Where an imported file's rows are: coordinates, the CRS, the province's extent and the geometry's validity.

Tables give points from lon/lat degrees (a latitude of 106 is refused naming the row: lon and lat are swapped) or
from VN-2000 X/Y metres (X northing, Y easting, as Vietnamese surveyors write them). A file with no CRS whose
coordinates look like a VN-2000 grid is never placed silently: the problem ``crs_needed`` lists the grids that could
be meant (EPSG:9214 former Bắc Giang, EPSG:9209 former Bắc Ninh, EPSG:3405 UTM 48N) with where each puts the data,
and the caller passes ``crs=``. A .prj whose datum was lost is refused (:func:`geo.io.crs.check_crs`: ~224 m off).
Rows outside the province, empty geometries and invalid polygons are named by row; invalid polygons carry the
make_valid repair with the area before and after, applied when the caller asks (``repair=True``).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from pyproj import CRS

from geo.datasets.spec import header_key
from geo.errors import CRSError, Problem, Text
from geo.io import crs as gcrs
from geo.io import files as io
from geo.text.parse import parse_numbers

CRS_CHOICES: dict[str, Text] = {
    "EPSG:9214": Text("VN-2000 TM-3 kinh tuyến trục 107°00′ (Bắc Giang cũ)", "VN-2000 TM-3 107°00′ (former Bắc Giang)"),
    "EPSG:9209": Text("VN-2000 TM-3 kinh tuyến trục 105°30′ (Bắc Ninh cũ)", "VN-2000 TM-3 105°30′ (former Bắc Ninh)"),
    "EPSG:3405": Text("VN-2000 UTM múi 48N", "VN-2000 UTM zone 48N"),
}
_SWAP_FIX = Text(
    "đổi chỗ hai cột: kinh độ (~106) và vĩ độ (~21)", "swap the columns: longitude (~106) and latitude (~21)"
)


def _p(file: str | None, row: int | None, field: str, code: str, expected: Text, found: object, fix: Text) -> Problem:
    return Problem(file=file, row=row, field=field, expected=expected, found=found, fix=fix, code=code)


def _column(frame: pd.DataFrame, names: tuple[str, ...], declared: str | None = None) -> str | None:
    keys = {header_key(n) for n in names}
    for col in frame.columns:
        if str(col) == declared or header_key(col) in keys:
            return str(col)
    return None


def coordinate_columns(frame: pd.DataFrame) -> tuple[str, str, bool] | None:
    """(x column, y column, is_grid): lon/lat degrees, or VN-2000 Y (easting) / X (northing) metres."""
    lon = _column(frame, (*io.LON_NAMES, "kinh do"), "lon")
    lat = _column(frame, (*io.LAT_NAMES, "vi do"), "lat")
    if lon and lat:
        return lon, lat, False
    north, east = _column(frame, io.NORTHING_NAMES), _column(frame, io.EASTING_NAMES)
    return (east, north, True) if north and east else None


def points(frame: pd.DataFrame, file: str, first_row: int) -> tuple[gpd.GeoDataFrame | None, list[Problem], bool]:
    """Point geometry from a table's coordinate columns (no CRS yet), the problems of its cells, and whether the
    coordinates are grid metres. Rows whose lat/lon are swapped or unreadable get no geometry."""
    found = coordinate_columns(frame)
    if found is None:
        return None, [], False
    xcol, ycol, grid = found
    problems: list[Problem] = []
    x, px = parse_numbers(frame[xcol], file=file, field=xcol, first_row=first_row)
    y, py = parse_numbers(frame[ycol], file=file, field=ycol, first_row=first_row)
    problems += px + py
    xs, ys = x.to_numpy(dtype=float), y.to_numpy(dtype=float)
    if not grid:
        swapped = (np.abs(ys) > 90) | ((ys >= 100) & (ys <= 110) & (xs >= 8) & (xs <= 24))
        for i in np.flatnonzero(swapped):
            problems.append(
                _p(
                    file,
                    int(i) + first_row,
                    ycol,
                    "lonlat_swapped",
                    Text("vĩ độ trong khoảng [-90; 90] (Bắc Giang ~21)", "a latitude in [-90; 90] (~21 here)"),
                    Text(f"vĩ độ {ys[i]:g}, kinh độ {xs[i]:g}", f"latitude {ys[i]:g}, longitude {xs[i]:g}"),
                    _SWAP_FIX,
                )
            )
        xs, ys = np.where(swapped, np.nan, xs), np.where(swapped, np.nan, ys)
    geometry = np.asarray(shapely.points(xs, ys), dtype=object)
    geometry[np.isnan(xs) | np.isnan(ys)] = None
    out = gpd.GeoDataFrame(frame.copy(), geometry=gpd.GeoSeries(geometry, index=frame.index), crs=None)
    return out, problems, grid


def _centre(bounds: tuple[float, float, float, float], crs: str) -> tuple[float, float]:
    centre = gpd.GeoSeries([shapely.box(*bounds).centroid], crs=crs).to_crs(gcrs.STORAGE_CRS).to_numpy()
    return float(shapely.get_x(centre)[0]), float(shapely.get_y(centre)[0])


def _inside(lon: float, lat: float) -> bool:
    w, s, e, n = gcrs.PROVINCE_LONLAT_BOUNDS
    return w <= lon <= e and s <= lat <= n


def crs_choices(bounds: tuple[float, float, float, float]) -> list[dict[str, object]]:
    """Each VN-2000 grid the coordinates could be in, with where it puts their centre and whether in the province."""
    out: list[dict[str, object]] = []
    for code, label in CRS_CHOICES.items():
        lon, lat = _centre(bounds, code)
        out.append(
            {
                "crs": code,
                "label_vi": label.vi,
                "label_en": label.en,
                "lon": round(lon, 5),
                "lat": round(lat, 5),
                "inside_province": _inside(lon, lat),
            }
        )
    return out


def place(
    frame: gpd.GeoDataFrame, file: str, crs: str | None, grid: bool | None = None
) -> tuple[gpd.GeoDataFrame | None, list[Problem], list[dict[str, object]]]:
    """``frame`` in EPSG:4326, or the problems that stop placing it (and the CRS choices offered)."""
    present = frame[~frame.geometry.isna() & ~frame.geometry.is_empty]
    if present.empty:
        return frame.set_crs(crs or gcrs.STORAGE_CRS, allow_override=True).to_crs(gcrs.STORAGE_CRS), [], []
    b4 = tuple(float(v) for v in present.total_bounds)
    bounds = (b4[0], b4[1], b4[2], b4[3])
    if crs is not None:
        return gcrs.to_storage(frame.set_crs(crs, allow_override=True)), [], []
    if frame.crs is None and (grid or gcrs.looks_like_vn2000_grid(bounds)) and not gcrs.looks_like_lonlat(bounds):
        if gcrs.looks_like_swapped_grid(bounds):
            swapped = shapely.transform(np.asarray(frame.geometry.to_numpy(), dtype=object), lambda xy: xy[:, ::-1])
            frame = frame.set_geometry(gpd.GeoSeries(swapped, index=frame.index))
            bounds = (bounds[1], bounds[0], bounds[3], bounds[2])
        choices = crs_choices(bounds)
        where = "; ".join(f"{c['crs']} → {c['lon']}, {c['lat']}" for c in choices)
        names = ", ".join(CRS_CHOICES)
        return (
            None,
            [
                _p(
                    file,
                    None,
                    "geometry",
                    "crs_needed",
                    Text(f"hệ tọa độ của tệp: chọn một trong {names}", f"the file's CRS: choose one of {names}"),
                    Text(
                        f"tọa độ mét VN-2000 không kèm hệ tọa độ (E≈{bounds[0]:.0f}, N≈{bounds[1]:.0f}); {where}",
                        f"VN-2000 metre coordinates with no CRS (E≈{bounds[0]:.0f}, N≈{bounds[1]:.0f}); {where}",
                    ),
                    Text(
                        "chọn lưới tọa độ (Bắc Giang cũ: EPSG:9214) trên trang, hoặc --crs EPSG:9214 khi dùng lệnh",
                        "choose the grid (former Bắc Giang: EPSG:9214) on the page, or pass --crs EPSG:9214",
                    ),
                )
            ],
            choices,
        )
    try:
        checked = gcrs.check_crs(frame, file=file)
    except CRSError as exc:
        geographic = frame.crs is not None and CRS.from_user_input(frame.crs).is_geographic
        code = "crs_mismatch" if geographic else "crs_unknown_datum"
        return None, [_with_code(p, code) for p in exc.problems], crs_choices(bounds)
    return gcrs.to_storage(checked), [], []


def _with_code(problem: Problem, code: str) -> Problem:
    return Problem(problem.file, problem.row, problem.field, problem.expected, problem.found, problem.fix, code)


def area_ha(geoms: gpd.GeoSeries) -> npt.NDArray[np.float64]:
    return np.asarray(gcrs.area_km2(geoms), dtype=float) * 100.0


_KINDS: dict[str, tuple[tuple[str, ...], Text]] = {
    "polygon": (("Polygon", "MultiPolygon"), Text("vùng (Polygon/MultiPolygon)", "an area (Polygon/MultiPolygon)")),
    "point": (("Point",), Text("điểm (Point)", "a point (Point)")),
}


def _wrong_kind(values: npt.NDArray[np.object_], kind: str, file: str | None, first_row: int) -> list[Problem]:
    """Rows whose geometry is not of the dataset's kind (a line or a point in a layer of units)."""
    allowed, expected = _KINDS[kind]
    present = ~(shapely.is_missing(values) | shapely.is_empty(values))
    names = np.array([g.geom_type if g is not None else "" for g in values], dtype=object)
    fix = Text(f"chỉ dùng đối tượng dạng {expected.vi} cho bộ dữ liệu này",
               f"use {expected.en} features only for this dataset")  # fmt: skip
    return [
        _p(file, int(i) + first_row, "geometry", "wrong_geometry_type", expected, str(names[i]), fix)
        for i in np.flatnonzero(present & ~np.isin(names, allowed))
    ]


def check_geometry(
    frame: gpd.GeoDataFrame,
    file: str | None,
    first_row: int,
    *,
    repair: bool,
    kind: str | None = None,
    placement: bool = True,
) -> tuple[gpd.GeoDataFrame, list[Problem], list[Problem]]:
    """Empty geometries, geometries not of the dataset's ``kind`` (``polygon``, ``point``), invalid polygons (with
    make_valid's repair and the area before/after) and, with ``placement``, rows outside the province or written
    (lat, lon), in a frame already in EPSG:4326. Returns the frame (repaired if asked), problems, notes. The store
    checks every write with it too (:mod:`geo.store.conform`, without placement: that is the reader's judgement)."""
    problems: list[Problem] = []
    notes: list[Problem] = []
    values = np.asarray(frame.geometry.to_numpy(), dtype=object)
    missing = shapely.is_missing(values) | shapely.is_empty(values)
    if kind in _KINDS:
        problems += _wrong_kind(values, kind, file, first_row)
    for i in np.flatnonzero(missing):
        problems.append(
            _p(
                file,
                int(i) + first_row,
                "geometry",
                "empty_geometry",
                Text("một hình có tọa độ", "a geometry with coordinates"),
                Text("hình rỗng", "an empty geometry"),
                Text("vẽ lại hình của đối tượng này hoặc xóa dòng", "redraw this feature or delete the row"),
            )
        )
    invalid = np.flatnonzero(~missing & ~shapely.is_valid(values))
    if invalid.size:
        fixed = shapely.make_valid(values[invalid])
        before = area_ha(gpd.GeoSeries(values[invalid], crs=frame.crs))
        after = area_ha(gpd.GeoSeries(fixed, crs=frame.crs))
        for i, geom, a, b in zip(invalid, values[invalid], before, after, strict=True):
            repaired = Text(
                f"make_valid: diện tích {a:.2f} ha → {b:.2f} ha", f"make_valid: area {a:.2f} ha → {b:.2f} ha"
            )
            item = _p(
                file,
                int(i) + first_row,
                "geometry",
                "invalid_geometry",
                Text("đa giác hợp lệ", "a valid polygon"),
                shapely.is_valid_reason(geom),
                Text(
                    f"sửa tự động bằng {repaired.vi} (chọn 'sửa hình'), hoặc sửa trong QGIS",
                    f"repair automatically with {repaired.en} (choose 'repair'), or fix it in QGIS",
                ),
            )
            (notes if repair else problems).append(_with_code(item, "geometry_repaired") if repair else item)
        if repair:
            values = values.copy()
            values[invalid] = fixed
            frame = frame.set_geometry(gpd.GeoSeries(values, index=frame.index, crs=frame.crs))
    if not placement:
        return frame, problems, notes
    present = np.flatnonzero(~missing)
    centres = shapely.point_on_surface(values[present])
    for i, x, y in zip(present, shapely.get_x(centres), shapely.get_y(centres), strict=True):
        if 100 <= y <= 110 and 8 <= x <= 24:  # a feature written (lat, lon)
            problems.append(
                _p(file, int(i) + first_row, "geometry", "lonlat_swapped", Text("(kinh độ, vĩ độ)", "(lon, lat)"),
                   f"{x:.5f}, {y:.5f}", _SWAP_FIX)
            )  # fmt: skip
        elif not _inside(float(x), float(y)):
            problems.append(
                _p(
                    file,
                    int(i) + first_row,
                    "geometry",
                    "outside_province",
                    Text("vị trí trong tỉnh (kinh độ 105,7–107,3; vĩ độ 20,8–21,9)", "a place in the province"),
                    f"{x:.5f}, {y:.5f}",
                    Text("kiểm tra tọa độ và hệ tọa độ của dòng này", "check this row's coordinates and CRS"),
                )
            )
    return frame, problems, notes


def lonlat_bounds(frame: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    geoms = frame.geometry[~(frame.geometry.isna() | frame.geometry.is_empty)]
    if geoms.empty:
        return None
    w, s, e, n = (round(float(v), 6) for v in np.asarray(geoms.total_bounds, dtype=float))
    return (w, s, e, n)
