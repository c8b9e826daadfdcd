"""What the PNG export of each map page shows, as :class:`layers.export.MapSheet` (drawn by layers/export.py).

The progress page builds its sheets in layers/targets_view.py; here are the province map, the wastewater map, the
forest-cover map and the air-quality map, each with the same colours and classes as its screen map, so that a PNG
for a meeting matches what was shown. Pure: frames in, sheet out.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from geo.air.aqi import AQI_CLASSES
from geo.errors import Lang, Text
from geo.forest.cover import TARGET_PCT
from geo.wastewater import rules as ww
from layers import forest_map, kcn_ccn_map
from layers.air_quality_map import STALE
from layers.export import MapSheet

UNIT_FILL, SELECTED_FILL = "#e8efe4", "#f4a259"
MAX_NAMED_UNITS = 60  # more names than this do not fit on one sheet: the units are drawn unlabelled
_DATE = Text("Số liệu: {date}", "Data: {date}")
_SOURCE = Text("Nguồn: {source}", "Source: {source}")


def _sheet(frame: gpd.GeoDataFrame, lang: Lang, *, title: str, subtitle: str, legend_title: str,
           legend: Sequence[tuple[str, str]], date: str, source: str, points: gpd.GeoDataFrame | None = None,
           point_legend: Sequence[tuple[str, str]] = ()) -> MapSheet:  # fmt: skip
    return MapSheet(
        frame=frame,
        title=title,
        subtitle=subtitle,
        legend_title=legend_title,
        legend=list(legend),
        data_date=_DATE(lang).format(date=date),
        source=_SOURCE(lang).format(source=source),
        north="B" if lang == "vi" else "N",
        points=points,
        point_legend=list(point_legend),
    )


def _names(frame: gpd.GeoDataFrame, column: str = "name") -> list[str]:
    return [str(n) for n in frame[column]] if len(frame) <= MAX_NAMED_UNITS else [""] * len(frame)


def units_sheet(units: gpd.GeoDataFrame, selected: str, lang: Lang, *, title: str, set_title: str,
                date: str, source: str) -> MapSheet:  # fmt: skip
    """The province map: every unit of the set, named, the selected one (code ``selected``) highlighted."""
    colours = [SELECTED_FILL if str(c) == selected else UNIT_FILL for c in units["code"]]
    legend = [(set_title, UNIT_FILL)]
    chosen = units[units["code"].astype(str) == selected]
    if len(chosen):
        legend.append((str(chosen["name_full"].iloc[0]), SELECTED_FILL))
    frame = units[["code", "geometry"]].assign(colour=colours, label=_names(units))
    return _sheet(frame, lang, title=title, subtitle=set_title, legend_title=Text("Chú giải", "Legend")(lang),
                  legend=legend, date=date, source=source)  # fmt: skip


def wastewater_sheet(units: gpd.GeoDataFrame, summary: pd.DataFrame, sites: gpd.GeoDataFrame, measure: str,
                     lang: Lang, *, title: str, subtitle: str, date: str, source: str) -> MapSheet:  # fmt: skip
    """Units filled by the share (as the screen's choropleth), the sites shown coloured by compliance."""
    joined = units[["code", "name", "geometry"]].merge(summary[["code", measure]], on="code", how="left")
    value = pd.to_numeric(joined[measure], errors="coerce")
    frame = joined.assign(colour=[kcn_ccn_map.share_colour(v) for v in value], label=_names(joined))
    legend = [(label, colour) for _, colour, label in kcn_ccn_map.SHARE_CLASSES]
    legend.append((kcn_ccn_map.T_NO_OPERATING(lang), kcn_ccn_map.NO_SITES_COLOUR))
    points = sites[["geometry"]].assign(colour=[kcn_ccn_map.COMPLIANCE_COLOURS[str(c)] for c in sites["compliance"]])
    present = set(sites["compliance"].astype(str))
    point_legend = [(ww.COMPLIANCE[k](lang), c) for k, c in kcn_ccn_map.COMPLIANCE_COLOURS.items() if k in present]
    return _sheet(frame, lang, title=title, subtitle=subtitle, legend_title=kcn_ccn_map.MEASURES[measure](lang),
                  legend=legend, date=date, source=source, points=points, point_legend=point_legend)  # fmt: skip


def forest_sheet(frame: gpd.GeoDataFrame, lang: Lang, *, title: str, subtitle: str, legend_title: str,
                 date: str, source: str) -> MapSheet:  # fmt: skip
    """Units filled by their cover class (``forest_pct``), labelled with the page's ``label`` column."""
    labels = forest_map.cover_labels()
    legend = [(labels[i], c) for i, c in reversed(list(enumerate(forest_map.COVER_COLOURS)))]
    target = Text("mục tiêu {t:g} %", "target {t:g} %")(lang).format(t=TARGET_PCT)
    shown = frame[["geometry"]].assign(
        colour=[forest_map.cover_colour(v) if pd.notna(v) else forest_map.NO_VALUE for v in frame["forest_pct"]],
        label=[str(v) for v in frame["label"]] if len(frame) <= MAX_NAMED_UNITS else [""] * len(frame),
    )
    return _sheet(shown, lang, title=title, subtitle=subtitle, legend_title=f"{legend_title} ({target})",
                  legend=legend, date=date, source=source)  # fmt: skip


def air_sheet(districts: gpd.GeoDataFrame, stations: pd.DataFrame, snapshot: pd.DataFrame, lang: Lang, *,
              title: str, subtitle: str, date: str, source: str) -> MapSheet:  # fmt: skip
    """District outlines and the stations coloured by their VN_AQI class at the chosen time (grey when stale)."""
    frame = districts[["geometry"]].assign(colour="#f7f7f7", label=_names(districts))
    table = stations[["id", "lon", "lat"]].merge(snapshot[["station_id", "colour"]], left_on="id",
                                                 right_on="station_id", how="left")  # fmt: skip
    colours = [str(c) if isinstance(c, str) and c else STALE["fill"] for c in table["colour"]]
    points = gpd.GeoDataFrame(
        {"colour": colours, "size": 90.0},
        geometry=gpd.points_from_xy(table["lon"], table["lat"]),
        crs="EPSG:4326",
    )
    legend = [(f"{c.low}–{c.high} {c.vi if lang == 'vi' else c.en}", c.colour) for c in AQI_CLASSES]
    stale = Text("không có AQI hiện tại", "no current AQI")(lang)
    return _sheet(frame, lang, title=title, subtitle=subtitle, legend_title="VN_AQI", legend=[],
                  date=date, source=source, points=points, point_legend=[*legend, (stale, STALE["fill"])])  # fmt: skip
