"""Files of the data store: a file's sha256, and GeoPackages of many layers and tables (backups, exports).

A GeoPackage written here appears whole or not at all (written beside its target, then renamed). Layers with a
geometry become spatial layers QGIS draws; plain tables become GeoPackage attribute tables QGIS lists beside them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from geo.errors import GeoDataError, Problem, SchemaError, Text
from geo.io.files import atomic_path

CHUNK = 1 << 20


def sha256(path: str | Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_geopackage(layers: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write every frame of ``layers`` as a layer (GeoDataFrame) or attribute table (DataFrame) of one GeoPackage."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.unlink()
        for name, frame in layers.items():
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=tmp.exists(), use_arrow=True)
    return path


def read_geopackage(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every layer and table of a GeoPackage, by name (spatial layers as GeoDataFrames in their own CRS)."""
    path = Path(path)
    if not path.is_file():
        raise GeoDataError(
            Problem(
                file=str(path),
                expected=Text("một tệp có thật", "an existing file"),
                found=Text("không tìm thấy tệp", "no such file"),
                fix=Text("kiểm tra lại đường dẫn", "check the path"),
            )
        )
    try:
        out: dict[str, pd.DataFrame] = {}
        for name, geometry_type in pyogrio.list_layers(path):
            frame = pyogrio.read_dataframe(path, layer=name, read_geometry=geometry_type is not None, use_arrow=True)
            out[str(name)] = frame
        return out
    except (DataSourceError, DataLayerError) as exc:
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("một GeoPackage đọc được", "a readable GeoPackage"),
                found=str(exc).splitlines()[0][:200],
                fix=Text("dùng tệp do lệnh db backup tạo ra", "use a file made by db backup"),
            )
        ) from exc
