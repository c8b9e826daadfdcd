"""Opening an uploaded file safely: the size limits, the temporary upload area, archives and the raw readers the
importer (:mod:`geo.importers`) builds on.

Every limit comes from :mod:`geo.settings` (``BGGM_IMPORT_MAX_BYTES``, ``BGGM_IMPORT_MAX_UNCOMPRESSED``,
``BGGM_IMPORT_MAX_ROWS``) and is checked before anything is decompressed or parsed: the upload's size from its bytes
or ``stat``; an archive's uncompressed size from its directory (and again while extracting, since a directory can
lie); the row count from the file's own count (GDAL's feature count, a worksheet's dimension, the lines of a text).
Archive members whose path leaves the archive's root (``../``, absolute, drive letters) refuse the whole archive.
Everything is written inside :func:`upload_area`, a temporary directory removed when the import ends.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import geopandas as gpd
import pyogrio
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from geo.errors import NO_SUCH_FILE, Problem, SchemaError, Text
from geo.settings import get_settings

_CHUNK = 1 << 16


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def refuse(file: str, code: str, expected: Text, found: object, fix: Text) -> SchemaError:
    return SchemaError(Problem(file=file, expected=expected, found=found, fix=fix, code=code))


def check_upload_size(size: int, name: str) -> None:
    """Refuse an upload larger than ``BGGM_IMPORT_MAX_BYTES``."""
    limit = get_settings().import_max_bytes
    if size > limit:
        raise refuse(
            name,
            "file_too_large",
            Text(f"tệp tối đa {_mb(limit)}", f"a file of at most {_mb(limit)}"),
            _mb(size),
            Text(
                "chia tệp thành nhiều phần, hoặc nén Shapefile/GeoPackage vào .zip",
                "split the file, or zip the Shapefile/GeoPackage",
            ),
        )


def check_rows(count: int, name: str) -> None:
    """Refuse a file holding more rows than ``BGGM_IMPORT_MAX_ROWS``."""
    limit = get_settings().import_max_rows
    if count > limit:
        raise refuse(
            name,
            "too_many_rows",
            Text(f"tối đa {limit} dòng", f"at most {limit} rows"),
            count,
            Text("chia tệp thành nhiều phần nhỏ hơn", "split the file into smaller parts"),
        )


@contextlib.contextmanager
def upload_area() -> Iterator[Path]:
    """A fresh temporary directory (under ``BGGM_UPLOAD_DIR`` if set), removed with all it holds afterwards."""
    parent = get_settings().upload_dir
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    area = Path(tempfile.mkdtemp(prefix="bggm-upload-", dir=parent))
    try:
        yield area
    finally:
        shutil.rmtree(area, ignore_errors=True)


def stage(source: bytes | str | Path, name: str | None, area: Path) -> Path:
    """The upload as a file inside ``area`` (bytes written there; a path copied), its size checked first."""
    if isinstance(source, bytes):
        file = Path(name or "upload").name
        check_upload_size(len(source), file)
        target = area / file
        target.write_bytes(source)
        return target
    path = Path(source)
    if not path.is_file():
        raise refuse(
            path.name,
            "no_such_file",
            Text("một tệp có thật", "an existing file"),
            NO_SUCH_FILE,
            Text("kiểm tra lại đường dẫn và tên tệp", "check the path and the file name"),
        )
    check_upload_size(path.stat().st_size, path.name)
    target = area / Path(name or path.name).name
    shutil.copyfile(path, target)
    return target


def read_bytes(path: Path) -> bytes:
    """A staged upload's bytes (already size-checked by :func:`stage`)."""
    return path.read_bytes()


def shapefile_encoding(path: Path) -> str | None:
    """The encoding a Shapefile's .cpg names, or None when it has none."""
    cpg = path.with_suffix(".cpg")
    return cpg.read_text(encoding="ascii", errors="replace").strip() if cpg.exists() else None


def _unsafe(member: str) -> bool:
    pure = PurePosixPath(member.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts or (bool(pure.parts) and ":" in pure.parts[0])


def check_archive(path: Path) -> list[zipfile.ZipInfo]:
    """The members of a zip (an .xlsx is one too), refused before any is decompressed when one leaves the archive's
    root or their total uncompressed size exceeds ``BGGM_IMPORT_MAX_UNCOMPRESSED``."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise refuse(
            path.name,
            "not_an_archive",
            Text("một tệp nén .zip/.xlsx hợp lệ", "a valid .zip/.xlsx archive"),
            str(exc),
            Text("nén lại tệp bằng công cụ chuẩn (zip)", "re-create the archive"),
        ) from exc
    bad = [m.filename for m in members if _unsafe(m.filename)]
    if bad:
        raise refuse(
            path.name,
            "zip_unsafe_path",
            Text("các tệp nằm trong thư mục của tệp nén", "members inside the archive"),
            ", ".join(bad),
            Text("nén lại, chỉ chứa các tệp của lớp bản đồ", "re-create the archive with the layer's files only"),
        )
    limit = get_settings().import_max_uncompressed
    total = sum(m.file_size for m in members)
    if total > limit:
        raise refuse(
            path.name,
            "archive_too_large",
            Text(f"giải nén tối đa {_mb(limit)}", f"at most {_mb(limit)} uncompressed"),
            _mb(total),
            Text("chia dữ liệu thành nhiều tệp nhỏ hơn", "split the data into smaller files"),
        )
    return members


def extract(path: Path, area: Path) -> Path:
    """Extract a checked zip into a new folder of ``area``, counting the bytes actually written against the limit."""
    members = check_archive(path)
    limit, written = get_settings().import_max_uncompressed, 0
    root = area / (path.stem + "_files")
    root.mkdir()
    with zipfile.ZipFile(path) as archive:
        for member in members:
            target = (root / member.filename).resolve()
            if not target.is_relative_to(root.resolve()):
                raise refuse(
                    path.name,
                    "zip_unsafe_path",
                    Text("các tệp nằm trong tệp nén", "members inside the archive"),
                    member.filename,
                    Text("nén lại tệp", "re-create the archive"),
                )
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as src, target.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    written += len(chunk)
                    if written > limit:
                        raise refuse(
                            path.name,
                            "archive_too_large",
                            Text(f"giải nén tối đa {_mb(limit)}", f"at most {_mb(limit)} uncompressed"),
                            f"> {_mb(limit)}",
                            Text("chia dữ liệu thành nhiều tệp", "split the data"),
                        )
                    dst.write(chunk)
    return root


def vector_layers(path: Path) -> list[str]:
    return [str(row[0]) for row in pyogrio.list_layers(path)]


def vector_info(path: Path, layer: str | None = None) -> dict[str, Any]:
    info: dict[str, Any] = pyogrio.read_info(path, layer=layer)
    return info


def read_vector_raw(path: Path, layer: str | None = None, encoding: str | None = None) -> gpd.GeoDataFrame:
    """A vector layer as stored (its CRS as declared, or none); DBF text as the driver decoded it, or in
    ``encoding`` ("latin1" gives one character per byte, for detecting a legacy encoding)."""
    if path.suffix.lower() in (".parquet", ".geoparquet"):
        return gpd.read_parquet(path)
    frame: gpd.GeoDataFrame = pyogrio.read_dataframe(path, layer=layer, encoding=encoding)
    return frame


def parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    return int(pq.ParquetFile(path).metadata.num_rows)


def workbooks(path: Path) -> tuple[Workbook, Workbook]:
    """The workbook twice: with formulas (to find them) and with the values Excel stored for them."""
    return load_workbook(path, data_only=False), load_workbook(path, data_only=True)


def raster_info(path: Path, max_pixels: int = 4_000_000) -> dict[str, Any]:
    """A GeoTIFF's CRS, size, bounds, nodata and class values (read decimated to at most ``max_pixels``)."""
    import numpy as np
    import rasterio
    from rasterio.errors import RasterioIOError

    try:
        with rasterio.open(path) as src:
            scale = max(1.0, (src.width * src.height / max_pixels) ** 0.5)
            shape = (max(1, int(src.height / scale)), max(1, int(src.width / scale)))
            data = src.read(1, out_shape=shape, masked=True)
            values = np.unique(data.compressed()) if data.count() else np.array([])
            return {
                "crs": src.crs.to_string() if src.crs else None,
                "width": src.width,
                "height": src.height,
                "bounds": tuple(src.bounds),
                "nodata": src.nodata,
                "dtype": src.dtypes[0],
                "classes": [v.item() for v in values[:256]],
            }
    except RasterioIOError as exc:
        raise refuse(
            path.name,
            "unreadable",
            Text("một ảnh GeoTIFF đọc được", "a readable GeoTIFF"),
            str(exc).splitlines()[0][:200],
            Text("xuất lại ảnh dạng GeoTIFF", "export it as GeoTIFF"),
        ) from exc
