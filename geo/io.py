"""The only module that opens files: tables (CSV/XLSX) and vector layers, read with clear errors, written atomically.

Vector formats: GeoJSON, GeoPackage, zipped Shapefile, GeoParquet, KML, and CSV/XLSX with lon/lat or VN-2000 X/Y
columns. A written file appears whole or not at all: it is written next to its target and renamed into place, so a
failure never leaves a half-written file or destroys the previous one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from geo.errors import GeoDataError, Problem, SchemaError, Text

TABLE_SUFFIXES = (".csv", ".xlsx")
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
            found=Text("không tìm thấy tệp", "no such file").vi,
            fix=Text("kiểm tra lại đường dẫn và tên tệp", "check the path and the file name"),
        )
    )


def read_table(path: str | Path, *, sheet: str | int = 0, dtype: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a CSV (UTF-8, with or without BOM) or the first sheet of an XLSX into a DataFrame of strings/numbers."""
    path = Path(path)
    if not path.exists():
        raise _missing(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=dtype, encoding="utf-8-sig", keep_default_na=True)
        if suffix == ".xlsx":
            return pd.read_excel(path, sheet_name=sheet, dtype=dtype, engine="openpyxl")
    except UnicodeDecodeError as exc:
        raise SchemaError(
            Problem(
                file=path.name,
                row=None,
                expected=Text("văn bản mã hóa UTF-8", "UTF-8 encoded text"),
                found=f"byte {exc.object[exc.start:exc.start + 1]!r} at offset {exc.start}",
                fix=Text(
                    "mở tệp trong Excel và lưu lại dạng 'CSV UTF-8'; tệp TCVN3/VNI cần chuyển sang Unicode",
                    "open the file in Excel and save it as 'CSV UTF-8'; TCVN3/VNI files need converting to Unicode",
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


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
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
    suffix = path.suffix.lower()
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
        else:
            frame.to_excel(tmp, index=False, sheet_name=sheet_name, engine="openpyxl")
    return path


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
