"""What the import part of the "Dữ liệu" page shows, without Streamlit: the validation report as a table in the
user's language, the summary line (rows, encoding, CRS), the grid choices of a file without a CRS, the mapping
choices of headers the reader did not recognise, the differences table and the preview map (problem rows marked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import folium
import geopandas as gpd
import pandas as pd

from geo.datasets.spec import Dataset
from geo.errors import Lang, Text
from geo.importers import Report
from geo.text.format import number
from layers import safe_text
from layers.render import base_map, view_for_bounds
from layers.store_view import diff_lines

PROBLEM_COLUMNS = {
    "row": Text("Dòng", "Row"),
    "field": Text("Cột", "Field"),
    "expected": Text("Cần", "Expected"),
    "found": Text("Nhận được", "Found"),
    "fix": Text("Cách sửa", "Fix"),
    "code": Text("Mã lỗi", "Code"),
}
DIFF_TITLES = {
    "key": Text("Dòng (khóa)", "Row (key)"),
    "change": Text("Thay đổi", "Change"),
    "field": Text("Cột", "Field"),
    "old": Text("Cũ", "Old"),
    "new": Text("Mới", "New"),
}
SUMMARY = Text(
    "Tệp {file}: {rows} dòng; bảng mã {encoding}; hệ tọa độ {crs}.",
    "File {file}: {rows} rows; encoding {encoding}; CRS {crs}.",
)
OK_COLOR, PROBLEM_COLOR = "#2c7a3f", "#d7301f"


def problem_table(report: Report, lang: Lang, *, notes: bool = False) -> pd.DataFrame:
    """Every problem (or note) of ``report``: row, field, expected, found, fix and its code, titled in ``lang``; row
    numbers as the file counts them (empty for a problem of the whole file)."""
    items = report.as_dict(lang)["notes" if notes else "problems"]
    frame = pd.DataFrame(items, columns=list(PROBLEM_COLUMNS))
    frame["row"] = ["" if r is None else number(r, lang, 0, grouping=False) for r in frame["row"]]
    for column in ("field", "expected", "found", "fix"):
        frame[column] = ["" if v is None else str(v) for v in frame[column]]
    return frame.rename(columns={c: t(lang) for c, t in PROBLEM_COLUMNS.items()})


def summary(report: Report, lang: Lang) -> str:
    """ "Tệp a.csv: 1.234 dòng; bảng mã TCVN3; hệ tọa độ EPSG:9214." (text from the file, to be shown as text)."""
    return SUMMARY(lang).format(
        file=report.file, rows=number(report.rows, lang, 0), encoding=report.encoding or "—", crs=report.crs or "—"
    )


def crs_options(report: Report) -> list[str]:
    """The grids the report asks the user to choose from (``crs_choices``), in its order."""
    return [str(c["crs"]) for c in report.details.get("crs_choices", [])]


def crs_label(report: Report, crs: str, lang: Lang) -> str:
    """ "EPSG:9214 — VN-2000 Bắc Giang cũ → 106,19, 21,27 (trong tỉnh)" for one of the report's choices."""
    for c in report.details.get("crs_choices", []):
        if c["crs"] == crs:
            where = f"{number(c['lon'], lang, 4, grouping=False)}, {number(c['lat'], lang, 4, grouping=False)}"
            inside = (
                Text("trong tỉnh", "inside the province") if c["inside_province"] else Text("ngoài tỉnh", "outside")
            )
            return f"{crs} — {c['label_' + lang]} → {where} ({inside(lang)})"
    return crs


def unknown_headers(report: Report, ds: Dataset, mapping: dict[str, str]) -> list[str]:
    """The file's headers that name no column of ``ds`` (and are not mapped yet), in the file's order."""
    headers: Iterable[str] = report.details.get("headers", [])
    return [h for h in headers if h not in mapping and h not in ds.names and ds.header_column(h) is None]


def missing_columns(report: Report) -> list[str]:
    """The columns the report says the file lacks (what a mapping could supply)."""
    return [str(p.field) for p, code in zip(report.problems, report.codes(), strict=True)
            if code == "missing_column" and p.field]  # fmt: skip


def change_counts(counts: dict[str, int], lang: Lang) -> str:
    """ "thêm 3, sửa 1, xóa 0" / "3 added, 1 changed, 0 removed"."""
    a, c, r = (number(counts[k], lang, 0) for k in ("added", "changed", "removed"))
    return f"thêm {a}, sửa {c}, xóa {r}" if lang == "vi" else f"{a} added, {c} changed, {r} removed"


def diff_table(changes: pd.DataFrame, lang: Lang, limit: int = 2000) -> pd.DataFrame:
    """The differences as :func:`layers.store_view.diff_lines` writes them (one line per changed field, old → new),
    at most ``limit`` lines, titled in ``lang``."""
    lines = diff_lines(changes.head(limit), lang)
    return lines.rename(columns={c: t(lang) for c, t in DIFF_TITLES.items()})


def problem_rows(report: Report) -> set[int]:
    return {int(p.row) for p in report.problems if p.row is not None}


def preview_map(preview: gpd.GeoDataFrame, bad_rows: set[int], lang: Lang, *, tiles: str = "osm") -> folium.Map:
    """The file's features on a map: rows the report names in red, the others in green; tooltips give the row and
    the label (name or id) as text."""
    m = base_map(tiles)
    data = preview.assign(
        problem=[int(r) in bad_rows for r in preview["row"]],
        row_text=[number(r, lang, 0, grouping=False) for r in preview["row"]],
    )
    data = drawable(data)
    if data.empty:
        return m
    state = Text("có lỗi", "has problems")(lang), Text("hợp lệ", "valid")(lang)
    data = data.assign(state=[state[0] if p else state[1] for p in data["problem"]])
    fields = ["row_text", "label", "state"]
    aliases = [Text("Dòng", "Row")(lang), Text("Tên", "Name")(lang), Text("Trạng thái", "State")(lang)]
    shown = safe_text.escaped(data[[*fields, "problem", "geometry"]], fields)

    def style(feature: dict[str, dict[str, object]]) -> dict[str, object]:
        color = PROBLEM_COLOR if feature["properties"]["problem"] else OK_COLOR
        return {"color": color, "fillColor": color, "weight": 3 if color == PROBLEM_COLOR else 2, "fillOpacity": 0.3}

    folium.GeoJson(
        shown,
        name=Text("Xem trước", "Preview")(lang),
        style_function=style,
        marker=folium.CircleMarker(radius=6),
        tooltip=safe_text.geojson_tooltip(fields, aliases, sticky=False),
    ).add_to(m)
    west, south, east, north = (float(v) for v in data.total_bounds)
    m.fit_bounds([[south, west], [north, east]])
    return m


def drawable(preview: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features that have a geometry to draw."""
    return preview[~(preview.geometry.isna() | preview.geometry.is_empty)]


def preview_view(preview: gpd.GeoDataFrame) -> tuple[tuple[float, float], int]:
    """The map's centre and zoom showing every drawable feature."""
    return view_for_bounds(drawable(preview).total_bounds, max_zoom=14)


def legend_lines(lang: Lang) -> Sequence[str]:
    return (Text("xanh: hợp lệ", "green: valid")(lang), Text("đỏ: dòng có lỗi", "red: rows with problems")(lang))
