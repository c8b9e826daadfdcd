"""A dataset's rows (current, or as of a version) as CSV, Excel or GeoPackage, saying which version and freeze.

Excel files get a second sheet and GeoPackages a table ``version_info`` with the dataset, version, freeze labels and
export time; a CSV holds the rows only (the command line prints the version it wrote). Illustrative flags are columns
like any other and are always kept. Polygon datasets carry their geometry as WKT in CSV and Excel.
"""

from __future__ import annotations

import io as _io
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from geo.errors import Problem, SchemaError, Text
from geo.io import archive
from geo.io import files as io
from geo.io.cells import safe_table
from geo.store.audit import utcnow
from geo.store.catalog import dataset
from geo.store.history import freezes
from geo.store.versions import as_of, current, head_version

Format = Literal["csv", "xlsx", "gpkg"]


def rows_for_export(name: str, version: int | None = None, url: str | None = None) -> tuple[pd.DataFrame, int]:
    """The rows to export and the version they are (the current one when ``version`` is None)."""
    if version is None:
        head = head_version(name, url)
        return current(name, url), head
    return as_of(name, version, url), version


def version_info(name: str, version: int, url: str | None = None) -> pd.DataFrame:
    frozen = freezes(name, url)
    labels = "; ".join(frozen.loc[frozen["version"] == version, "label"].astype(str))
    return pd.DataFrame(
        {
            "dataset": [name],
            "version": [version],
            "freezes": [labels],
            "exported_at_utc": [utcnow().isoformat(timespec="seconds")],
        }
    )


def _flat(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Without the geometry column: points keep lon/lat, polygons get a ``wkt`` column."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return frame
    flat = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    if dataset(name).geometry == "polygon":
        flat["wkt"] = frame.geometry.to_wkt().to_numpy()
    return flat


def export_bytes(name: str, fmt: Literal["csv", "xlsx"], version: int | None = None, url: str | None = None) -> bytes:
    """A download for the pages: CSV (UTF-8 with BOM) or Excel with a version sheet; no text cell runs as a formula
    (:func:`geo.io.cells.safe_table`)."""
    frame, number = rows_for_export(name, version, url)
    flat = safe_table(_flat(name, frame))
    if fmt == "csv":
        return flat.to_csv(index=False).encode("utf-8-sig")
    buffer = _io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        flat.to_excel(writer, sheet_name=name[:31], index=False)
        safe_table(version_info(name, number, url)).to_excel(writer, sheet_name="phiên bản", index=False)
    return buffer.getvalue()


def export_file(name: str, path: str | Path, version: int | None = None, url: str | None = None) -> int:
    """Write the dataset to ``path`` (.csv, .xlsx or .gpkg by its extension); returns the version written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".gpkg"):
        raise SchemaError(
            Problem(
                file=path.name,
                expected=Text("đuôi .csv, .xlsx hoặc .gpkg", "a .csv, .xlsx or .gpkg suffix"),
                found=suffix or path.name,
                fix=Text("đổi tên tệp kết quả", "rename the output file"),
            )
        )
    frame, number = rows_for_export(name, version, url)
    if suffix == ".gpkg":
        archive.write_geopackage({name: frame, "version_info": version_info(name, number, url)}, path)
    elif suffix == ".xlsx":
        io.write_bytes(export_bytes(name, "xlsx", number, url), path)
    else:
        io.write_table(safe_table(_flat(name, frame)), path)
    return number
