"""Cached data of the forest page: the class mapping, the official table, the per-unit zonal table, the overlay.

Zonal results are cached twice: here (st.cache_data, keyed by the raster's stamp, the unit set and the boundaries'
stamp) and on disk by the engine (``geo.forest.cover.ZONAL_CACHE``), so a restarted app does not recompute them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.datasets.forest import FOREST_COVER
from geo.errors import Lang, Text
from geo.forest import cover as forest
from geo.settings import get_settings
from geo.text import sheets
from geo.text.format import QUANTITY_OF_UNIT
from layers.forest_display import DisplayImage, display_classes
from ui import data


def _stamp(path: Path) -> str:
    if not path.exists():
        return f"{path}:missing"
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


@st.cache_data(show_spinner=False, max_entries=4)
def _config(stamp: str) -> forest.ForestRaster:
    return forest.load_config()


def config() -> forest.ForestRaster:
    """The active raster of data/monitoring/forest_classes.toml (re-read when the file changes)."""
    return _config(_stamp(forest.CONFIG_PATH))


def raster_stamp(raster: forest.ForestRaster) -> str:
    return f"{raster.name}|{_stamp(raster.path)}|{_stamp(forest.CONFIG_PATH)}"


def official() -> pd.DataFrame:
    """The official forest statistics: the store's current rows (cached by version in :func:`ui.data.store_rows`)."""
    return data.store_rows("forest_official")


def official_year(table: pd.DataFrame) -> int:
    """The latest year with a published cover rate (2020)."""
    rows = table[(table["indicator"] == "cover_pct") & (table["kind"] == "status")]
    return int(rows["year"].max())


@st.cache_data(show_spinner=False, max_entries=8)
def _table(unit_set: str, stamp: str, boundaries: str, official_stamp: str) -> pd.DataFrame:
    raster = config()
    units = data.units(unit_set, display=False)
    table = forest.forest_table(raster, units, "code", cache_dir=forest.ZONAL_CACHE, zones_name=unit_set)
    table.insert(1, "name", table["code"].map(units.set_index("code")["name"]))
    published = official()
    return forest.compare_official(table, published, unit_set, official_year(published))


def table(unit_set: str) -> pd.DataFrame:
    """Per unit: areas, forest, cover %, nodata %, official % where published, gaps to the target."""
    raster = config()
    return _table(
        unit_set,
        raster_stamp(raster),
        f"{data.data_stamp()}|units:{data.store_version('units')}",
        f"{get_settings().database_url}:forest_official:{data.store_version('forest_official')}",  # store and version
    )


@st.cache_data(show_spinner=False, max_entries=2)
def _display(stamp: str) -> DisplayImage:
    raster = config()
    return display_classes(raster.path, nodata=raster.nodata)


def display_image() -> DisplayImage:
    return _display(raster_stamp(config()))


ILLUSTRATIVE_COLUMN = Text("Minh họa", "Illustrative")
YES_NO = (Text("Có", "Yes"), Text("Không", "No"))


def people_table(table: pd.DataFrame, raster: forest.ForestRaster, language: Lang) -> pd.DataFrame:
    """The per-unit table as people read it: headers in ``language``, unrounded numbers, and a flag per row that
    says whether its raster figures are illustrative."""
    columns = [c.name for c in FOREST_COVER.columns]
    out = table[columns].rename(columns={c.name: c.title(language) for c in FOREST_COVER.columns})
    out[ILLUSTRATIVE_COLUMN(language)] = YES_NO[0 if raster.illustrative else 1](language)
    return out


def number_formats(language: Lang) -> dict[str, str]:
    """Header of :func:`people_table` → quantity kind."""
    return {c.title(language): QUANTITY_OF_UNIT[c.unit] for c in FOREST_COVER.columns if c.unit in QUANTITY_OF_UNIT}


def export_note(raster: forest.ForestRaster, language: Lang) -> str | None:
    return sheets.illustrative_note(language, ILLUSTRATIVE_COLUMN(language)) if raster.illustrative else None


def csv_bytes(frame: pd.DataFrame, language: Lang, note: str | None) -> bytes:
    """CSV in the language's convention (geo.text.sheets), the illustrative note first."""
    return sheets.csv_bytes(frame, language, note=note, formats=number_formats(language))


def xlsx_bytes(frame: pd.DataFrame, title: str, language: Lang, note: str | None) -> bytes:
    """Numbers stay numeric with their number format; the note on top and on its own sheet."""
    return sheets.xlsx_bytes(frame, sheet="Che phu rung" if language == "vi" else "Forest cover", title=title,
                             note=note, lang=language, formats=number_formats(language))  # fmt: skip
