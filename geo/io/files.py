"""The only module that opens files: tables (CSV/XLSX) and vector layers, read with clear errors, written atomically.

Vector formats: GeoJSON, GeoPackage, zipped Shapefile, GeoParquet, KML, and CSV/XLSX with lon/lat or VN-2000 X/Y
columns. A written file appears whole or not at all: it is written next to its target and renamed into place, so a
failure never leaves a half-written file or destroys the previous one.
"""

from __future__ import annotations

import contextlib
import gzip
import io as _io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError

from geo.errors import NO_SUCH_FILE, GeoDataError, Problem, SchemaError, Text
from geo.io import crs as gcrs
from geo.io import legacy_text
from geo.text.parse import NUMBER_EXPECTED, blank_cells, parse_numbers

TABLE_SUFFIXES = (".csv", ".xlsx", ".csv.gz")


def table_suffix(path: Path) -> str:
    """ ".csv", ".xlsx" or ".csv.gz" (a gzip-compressed CSV, for larger shipped tables)."""
    name = path.name.lower()
    return ".csv.gz" if name.endswith(".csv.gz") else path.suffix.lower()


VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".shp", ".parquet", ".geoparquet", ".kml")

LON_NAMES = ("lon", "lng", "long", "longitude", "kinh_do", "kinhdo", "kinh độ")
LAT_NAMES = ("lat", "latitude", "vi_do", "vido", "vĩ độ")
# Vietnamese surveyors write X for northing and Y for easting.
NORTHING_NAMES = ("x", "x_vn2000", "northing", "toa_do_x", "tọa độ x")
EASTING_NAMES = ("y", "y_vn2000", "easting", "toa_do_y", "tọa độ y")


def _missing(path: Path) -> GeoDataError:
    return GeoDataError(
        Problem(
            file=str(path),
            expected=Text("một tệp có thật", "an existing file"),
            found=NO_SUCH_FILE,
            fix=Text("kiểm tra lại đường dẫn và tên tệp", "check the path and the file name"),
        )
    )


def read_table(
    path: str | Path, *, sheet: str | int = 0, dtype: dict[str, str] | None = None, raw: bool = False
) -> pd.DataFrame:
    """Read a CSV (UTF-8, with or without BOM) or the first sheet of an XLSX into a DataFrame of strings/numbers.

    ``raw=True`` guesses no types: every CSV cell stays text and every Excel cell keeps the value Excel stored, for
    :mod:`geo.text.parse` to read (pandas would read "1.500" as 1.5 without a word)."""
    path = Path(path)
    if not path.exists():
        raise _missing(path)
    suffix = table_suffix(path)
    if raw:
        dtype = str if suffix != ".xlsx" else object  # type: ignore[assignment]
    try:
        if suffix in (".csv", ".csv.gz"):
            return pd.read_csv(path, dtype=dtype, encoding="utf-8-sig", keep_default_na=True)
        if suffix == ".xlsx":
            return pd.read_excel(path, sheet_name=sheet, dtype=dtype, engine="openpyxl")
    except UnicodeDecodeError as exc:
        if suffix == ".csv":
            decoded = legacy_text.decode_bytes(path.read_bytes())
            if decoded is not None:  # TCVN3 or Windows-1258: detected, not asked of the user
                frame = pd.read_csv(_io.StringIO(decoded[0]), dtype=dtype, keep_default_na=True)
                frame.attrs["encoding"] = decoded[1]
                return frame
        raise SchemaError(
            Problem(
                file=path.name,
                row=None,
                expected=Text("văn bản mã hóa UTF-8", "UTF-8 encoded text"),
                found=f"byte {exc.object[exc.start : exc.start + 1]!r} at offset {exc.start}",
                fix=Text(
                    "mở tệp trong Excel và lưu lại dạng 'CSV UTF-8'; tệp mã VNI cần chuyển sang Unicode (Unikey)",
                    "open the file in Excel and save it as 'CSV UTF-8'; VNI files need converting to Unicode",
                ),
            )
        ) from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("bảng CSV/XLSX đọc được", "a readable CSV/XLSX table"),
                found=str(exc).splitlines()[0],
                fix=Text("kiểm tra dấu phân cách và số cột của từng dòng", "check the separator and column count"),
            )
        ) from exc
    raise SchemaError(
        Problem(
            file=path.name,
            expected=Text("tệp .csv hoặc .xlsx", "a .csv or .xlsx file"),
            found=suffix or path.name,
            fix=Text("lưu bảng dạng CSV UTF-8 hoặc Excel .xlsx", "save the table as UTF-8 CSV or Excel .xlsx"),
        )
    )


def read_table_bytes(data: bytes, name: str, *, sheet: str | int = 0) -> pd.DataFrame:
    """Read an uploaded CSV/XLSX (its bytes and file name) without touching the disk and without guessing types:
    CSV cells stay text, Excel cells keep the values Excel stored (see :func:`read_table`, ``raw=True``)."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".xlsx":
            return pd.read_excel(_io.BytesIO(data), sheet_name=sheet, engine="openpyxl", dtype=object)
        if suffix == ".csv":
            return pd.read_csv(_io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    except zipfile.BadZipFile as exc:  # not an Excel workbook at all (a renamed .xls, CSV or PDF)
        raise SchemaError(
            Problem(
                file=Path(name).name,
                expected=Text("một bảng Excel .xlsx", "an Excel .xlsx workbook"),
                found=Text("tệp không phải Excel .xlsx", "a file that is not an .xlsx workbook"),
                fix=Text(
                    "mở tệp trong Excel và lưu lại dạng 'Excel Workbook (.xlsx)', hoặc tải mẫu mới từ ứng dụng",
                    "open it in Excel and save it as 'Excel Workbook (.xlsx)', or download a fresh template",
                ),
            )
        ) from exc
    except (ValueError, KeyError, OSError) as exc:
        raise SchemaError(
            Problem(
                file=Path(name).name,
                expected=Text(f"bảng đọc được (trang '{sheet}')", f"a readable table (sheet '{sheet}')"),
                found=str(exc).splitlines()[0][:200],
                fix=Text("dùng mẫu tải từ ứng dụng, không đổi tên trang", "use the app's template; keep sheet names"),
            )
        ) from exc
    raise SchemaError(
        Problem(
            file=name,
            expected=Text("tệp .xlsx hoặc .csv", "an .xlsx or .csv file"),
            found=suffix or name,
            fix=Text("lưu bảng dạng Excel .xlsx", "save the table as Excel .xlsx"),
        )
    )


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_table(frame: pd.DataFrame, path: str | Path, *, sheet_name: str = "data") -> Path:
    """Write ``frame`` as CSV (UTF-8 with BOM, so Excel shows Vietnamese right) or XLSX, atomically."""
    path = Path(path)
    suffix = table_suffix(path)
    if suffix not in TABLE_SUFFIXES:
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("đuôi .csv hoặc .xlsx", "a .csv or .xlsx suffix"),
                found=suffix or path.name,
                fix=Text("đặt tên tệp kết quả kết thúc bằng .csv hoặc .xlsx", "name the output file *.csv or *.xlsx"),
            )
        )
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        elif suffix == ".csv.gz":  # no file name or time in the gzip header: the same table gives the same bytes
            tmp.write_bytes(gzip.compress(frame.to_csv(index=False).encode("utf-8-sig"), mtime=0))
        else:
            frame.to_excel(tmp, index=False, sheet_name=sheet_name, engine="openpyxl")
    return path


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def _find_column(columns: list[str], candidates: tuple[str, ...]) -> str | None:
    lookup = {str(c).strip().lower(): str(c) for c in columns}
    return next((lookup[c] for c in candidates if c in lookup), None)


def _points_from_table(table: pd.DataFrame, *, file: str, declared_crs: str | None) -> gpd.GeoDataFrame:
    cols = [str(c) for c in table.columns]
    lon, lat = _find_column(cols, LON_NAMES), _find_column(cols, LAT_NAMES)
    north, east = _find_column(cols, NORTHING_NAMES), _find_column(cols, EASTING_NAMES)
    crs: str | None
    if lon and lat:
        xcol, ycol, crs = lon, lat, declared_crs or gcrs.STORAGE_CRS
    elif north and east:
        xcol, ycol, crs = east, north, declared_crs
    else:
        raise SchemaError(
            Problem(
                file=file,
                field="lon/lat",
                expected=Text("cột lon và lat (độ) hoặc X và Y (mét, VN-2000)", "lon and lat columns, or X and Y"),
                found=", ".join(cols),
                fix=Text("đặt tên cột tọa độ là lon/lat hoặc X/Y", "name the coordinate columns lon/lat or X/Y"),
            )
        )
    problems: list[Problem] = []
    values = {}
    for col in (xcol, ycol):
        degrees = {"low": -180.0, "high": 180.0} if col in (lon, lat) else {}
        numbers, unreadable = parse_numbers(table[col], file=file, field=col, **degrees)  # type: ignore[arg-type]
        problems += unreadable
        for i in np.flatnonzero(blank_cells(table[col])):
            problems.append(
                Problem(
                    file=file,
                    row=int(i) + 2,
                    field=col,
                    expected=NUMBER_EXPECTED,
                    found=Text("ô trống", "an empty cell"),
                    fix=Text("nhập tọa độ dạng số, ví dụ 106,19", "enter the coordinate as a number, e.g. 106.19"),
                )
            )
        values[col] = numbers
    if problems:
        raise SchemaError(problems)
    geometry = gpd.points_from_xy(values[xcol], values[ycol])
    frame = gpd.GeoDataFrame(table.drop(columns=[xcol, ycol]), geometry=geometry, crs=None)
    return gcrs.check_crs(frame, file=file, declared=crs)


def read_vector(
    path: str | Path, *, layer: str | None = None, declared_crs: str | None = None, dtype: dict[str, str] | None = None
) -> gpd.GeoDataFrame:
    """Read a vector layer and return it in EPSG:4326, its CRS checked (see :func:`geo.io.crs.check_crs`).

    Formats: GeoJSON, GeoPackage, zipped Shapefile, Shapefile, GeoParquet, KML, and CSV/XLSX with lon/lat or
    VN-2000 X/Y columns (X = northing, Y = easting, as Vietnamese surveyors write them).
    """
    path = Path(path)
    if not path.exists():
        raise _missing(path)
    suffix = table_suffix(path)
    if suffix in TABLE_SUFFIXES:
        frame = _points_from_table(read_table(path, dtype=dtype), file=path.name, declared_crs=declared_crs)
        return gcrs.to_storage(frame)
    if suffix not in VECTOR_SUFFIXES:
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("GeoJSON, GeoPackage, Shapefile nén .zip, GeoParquet, KML, CSV/XLSX", "a vector format"),
                found=suffix or path.name,
                fix=Text("xuất lớp bản đồ ra GeoPackage (.gpkg) hoặc GeoJSON", "export the layer as GeoPackage"),
            )
        )
    try:
        if suffix in (".parquet", ".geoparquet"):
            frame = gpd.read_parquet(path)
        else:
            frame = pyogrio.read_dataframe(path, layer=layer)
            frame, repaired = legacy_text.fix_text_columns(frame)  # DBF attributes in TCVN3
            frame.attrs["tcvn3_columns"] = repaired
    except (DataSourceError, pyogrio.errors.DataLayerError, ValueError, OSError) as exc:
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("một lớp bản đồ đọc được", "a readable map layer"),
                found=str(exc).splitlines()[0][:200],
                fix=Text(
                    "mở thử tệp trong QGIS; với Shapefile hãy nén đủ .shp, .shx, .dbf, .prj vào một tệp .zip",
                    "open the file in QGIS; zip a Shapefile with its .shp, .shx, .dbf and .prj",
                ),
            )
        ) from exc
    frame = gcrs.check_crs(frame, file=path.name, declared=declared_crs)
    return gcrs.to_storage(frame)


def write_vector(frame: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write GeoParquet (.parquet) or GeoPackage (.gpkg) atomically."""
    path = Path(path)
    with atomic_path(path) as tmp:
        if path.suffix.lower() == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            tmp.unlink()
            pyogrio.write_dataframe(frame, tmp, driver="GPKG", layer=path.stem)
    return path


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a plain (non-spatial) table as Parquet, atomically."""
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False)
    return Path(path)


def read_parquet(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise _missing(path)
    return pd.read_parquet(path)


def read_json(path: str | Path) -> object:
    import json

    path = Path(path)
    if not path.exists():
        raise _missing(path)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)
