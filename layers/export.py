"""Static maps and briefs for meetings: PNG maps (title, legend, scale bar, north arrow, data date, source) and a PDF.

Drawn with matplotlib's object API (no pyplot: safe in a server) in VN-2000 / TM-3 107°00′ (EPSG:9214), so the scale
bar is true and grid north is within half a degree of true north across the province. DejaVu Sans, shipped with
matplotlib, has every Vietnamese letter. Names and sources are drawn as plain text: matplotlib's ``$…$`` maths is off
(rcParams ``text.parse_math``), so a name with a dollar sign neither changes the picture nor breaks the export.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.io.crs import AREA_CRS

if TYPE_CHECKING:  # matplotlib is imported when a map is drawn: the pages import MapSheet (issue 13: start-up time)
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

FONT = "DejaVu Sans"
A4_LANDSCAPE = (11.69, 8.27)
SIZES = {"projector": ((16, 9), 120), "print": (A4_LANDSCAPE, 300)}  # 1920×1080 px; A4 landscape at 300 dpi


@dataclass(frozen=True)
class MapSheet:
    """What one exported map shows. ``frame`` has a geometry, a ``label`` and a ``colour`` per unit.

    ``points`` (optional) are sites drawn over the units: a point geometry, a ``colour`` and optionally a ``size``
    (marker area in points²) and an ``edge`` colour each; ``point_legend`` lists their classes (label, colour).
    """

    frame: gpd.GeoDataFrame
    title: str
    subtitle: str
    legend_title: str
    legend: Sequence[tuple[str, str]]
    data_date: str
    source: str
    north: str = "B"  # "Bắc"; "N" in English
    note: str = ""  # e.g. that the figures are illustrative: drawn in red under the title
    points: gpd.GeoDataFrame | None = None
    point_legend: Sequence[tuple[str, str]] = ()


def _nice_length(span_m: float) -> float:
    target = span_m / 5
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if step * 1000 >= target:
            return step * 1000.0
    return 100_000.0


def draw_map(ax: Axes, sheet: MapSheet, *, label_size: float = 9) -> None:
    """Draw ``sheet`` on a matplotlib axes: units, labels, legend, scale bar, north arrow."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrow, Patch, Rectangle

    frame = sheet.frame.to_crs(AREA_CRS)
    frame.plot(ax=ax, color=frame["colour"], edgecolor="#333333", linewidth=0.6)
    points = frame.geometry.representative_point()
    for label, x, y in zip(frame["label"], points.x, points.y, strict=True):
        ax.annotate(str(label), (x, y), ha="center", va="center", fontsize=label_size, family=FONT,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})  # fmt: skip
    if sheet.points is not None and len(sheet.points):
        sites = sheet.points.to_crs(AREA_CRS)
        sizes = [float(v) for v in sites["size"]] if "size" in sites.columns else 40.0
        edges = [str(v) for v in sites["edge"]] if "edge" in sites.columns else "#222222"
        ax.scatter(sites.geometry.x, sites.geometry.y, s=sizes, c=[str(c) for c in sites["colour"]],
                   edgecolors=edges, linewidths=0.8, zorder=3)  # fmt: skip
    minx, miny, maxx, maxy = frame.total_bounds
    ax.set_aspect("equal")
    ax.set_axis_off()
    length = _nice_length(maxx - minx)
    x0, y0 = minx + 0.02 * (maxx - minx), miny - 0.04 * (maxy - miny)
    for i in range(2):
        ax.add_patch(Rectangle((x0 + i * length / 2, y0), length / 2, (maxy - miny) * 0.012,
                               facecolor="black" if i == 0 else "white", edgecolor="black", linewidth=0.8))  # fmt: skip
    ax.text(x0, y0 - (maxy - miny) * 0.03, "0", fontsize=8, family=FONT, ha="center")
    ax.text(x0 + length, y0 - (maxy - miny) * 0.03, f"{length / 1000:g} km", fontsize=8, family=FONT, ha="center")
    nx, ny = maxx - 0.02 * (maxx - minx), maxy - 0.2 * (maxy - miny)
    arrow = FancyArrow(nx, ny, 0, (maxy - miny) * 0.09, width=(maxx - minx) * 0.006,
                       head_width=(maxx - minx) * 0.025, head_length=(maxy - miny) * 0.04, color="black")  # fmt: skip
    ax.add_patch(arrow)
    ax.text(nx, ny + (maxy - miny) * 0.145, sheet.north, ha="center", fontsize=12, weight="bold", family=FONT)
    ax.set_ylim(miny - 0.1 * (maxy - miny), maxy + 0.06 * (maxy - miny))
    handles: list[Patch | Line2D] = [Patch(facecolor=c, edgecolor="#333333", label=lab) for lab, c in sheet.legend]
    handles += [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=c, markeredgecolor="#222222",
                       label=lab) for lab, c in sheet.point_legend]  # fmt: skip
    # beside the map, never over it: anchored just right of the axes, which leave that margin free
    ax.legend(handles=handles, title=_wrap(sheet.legend_title, 34), loc="lower left", bbox_to_anchor=(1.01, 0.0),
              fontsize=9, title_fontsize=10, prop={"family": FONT}, frameon=True, borderaxespad=0)  # fmt: skip


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _chars(fig_width_in: float, font_pt: float, share: float = 0.96) -> int:
    """How many characters of DejaVu Sans at ``font_pt`` fit in ``share`` of a figure's width (~0.6 em each)."""
    return max(20, int(fig_width_in * share * 72 / (font_pt * 0.6)))


def _heading(fig: Figure, title: str, subtitle: str, *, title_pt: float = 20, sub_pt: float = 12) -> float:
    """Title and subtitle wrapped to the page's width (never cut at its edge); returns where the content may start."""
    width, height_in = (float(v) for v in fig.get_size_inches())
    lines = _wrap(title, _chars(width, title_pt))
    fig.text(0.02, 0.97, lines, fontsize=title_pt, weight="bold", family=FONT, va="top", linespacing=1.15)
    y = 0.97 - (lines.count("\n") + 1) * title_pt * 1.3 / 72 / height_in - 0.01
    if subtitle:
        sub = _wrap(subtitle, _chars(width, sub_pt))
        fig.text(0.02, y, sub, fontsize=sub_pt, family=FONT, va="top", color="#444444", linespacing=1.15)
        y -= (sub.count("\n") + 1) * sub_pt * 1.35 / 72 / height_in
    return float(y) - 0.01


def map_figure(sheet: MapSheet, size: str = "projector") -> Figure:
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False}):  # every Text made here shows its string as it is
        return _map_figure(sheet, size)


def _map_figure(sheet: MapSheet, size: str) -> Figure:
    from matplotlib.figure import Figure

    (w, h), dpi = SIZES[size]
    fig = Figure(figsize=(w, h), dpi=dpi)
    top = _heading(fig, sheet.title, sheet.subtitle)
    if sheet.note:  # under the heading, never over a long title
        fig.text(0.02, top, sheet.note, fontsize=13, weight="bold", family=FONT, va="top", color="#b00020",
                 bbox={"boxstyle": "round,pad=0.3", "fc": "#fff3cd", "ec": "#b00020"})  # fmt: skip
        top -= 0.06
    ax = fig.add_axes((0.02, 0.08, 0.72, top - 0.08))
    draw_map(ax, sheet, label_size=9 if size == "projector" else 7)
    foot = _wrap(f"{sheet.data_date} — {sheet.source}", _chars(w, 9))
    fig.text(0.02, 0.015, foot, fontsize=9, family=FONT, color="#444444", va="bottom")
    return fig


def map_png(sheet: MapSheet, size: str = "projector") -> bytes:
    """The map as PNG bytes: 1920×1080 for a projector, A4 landscape at 300 dpi for print."""
    buffer = io.BytesIO()
    map_figure(sheet, size).savefig(buffer, format="png", dpi=SIZES[size][1], facecolor="white")
    return buffer.getvalue()


def _table_page(pdf: PdfPages, title: str, table: pd.DataFrame, rows_per_page: int = 28) -> None:
    from matplotlib.figure import Figure

    for start in range(0, max(len(table), 1), rows_per_page):
        chunk = table.iloc[start : start + rows_per_page]
        fig = Figure(figsize=A4_LANDSCAPE)
        top = _heading(fig, title, "", title_pt=15)
        ax = fig.add_axes((0.04, 0.05, 0.92, top - 0.05))
        ax.set_axis_off()
        if len(chunk):
            cells = [[str(v) for v in row] for row in chunk.itertuples(index=False)]
            tab = ax.table(cellText=cells, colLabels=list(chunk.columns), loc="upper left", cellLoc="left")
            tab.auto_set_font_size(False)
            tab.set_fontsize(8)
            tab.scale(1, 1.25)
            for (r, _c), cell in tab.get_celld().items():
                cell.get_text().set_fontfamily(FONT)
                if r == 0:
                    cell.set_facecolor("#2c7a3f")
                    cell.get_text().set_color("white")
        pdf.savefig(fig)  # type: ignore[no-untyped-call]


def brief_pdf(title: str, subtitle: str, cards: pd.DataFrame, sheets: Sequence[MapSheet],
              tables: Sequence[tuple[str, pd.DataFrame]], note: str) -> bytes:  # fmt: skip
    """A brief: a cover with the target cards, one page per map, then the tables behind them."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    buffer = io.BytesIO()
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "text.parse_math": False}),
        PdfPages(buffer, metadata={"Title": title, "Creator": "Bản đồ tăng trưởng xanh Bắc Giang"}) as pdf,
    ):
        cover = Figure(figsize=A4_LANDSCAPE)
        top = min(0.84, _heading(cover, title, subtitle, sub_pt=11))
        cols, card_w, card_h, gap = 4, 0.225, 0.118, 0.01
        for i, card in enumerate(cards.to_dict("records")):
            x = 0.04 + (i % cols) * (card_w + gap)
            y = top - card_h - (i // cols) * (card_h + gap)
            cover.patches.append(Rectangle((x, y), card_w, card_h, transform=cover.transFigure, facecolor="white",
                                           edgecolor=str(card["colour"]), linewidth=2.5))  # fmt: skip
            heading = "\n".join(textwrap.wrap(str(card["heading"]), 46)[:3])
            cover.text(x + 0.006, y + card_h - 0.008, heading, fontsize=6.8, weight="bold", family=FONT, va="top")
            cover.text(x + 0.006, y + 0.03, f"{card['value']} {card.get('trend', '')}", fontsize=11, family=FONT,
                       va="bottom")  # fmt: skip
            cover.text(x + 0.006, y + 0.008, str(card["status"]), fontsize=7, family=FONT, va="bottom",
                       color=str(card["colour"]), weight="bold")  # fmt: skip
        cover.text(0.04, 0.02, note, fontsize=8, family=FONT, color="#7a4b00")
        pdf.savefig(cover)  # type: ignore[no-untyped-call]
        for sheet in sheets:  # every page of the brief is A4 landscape, the maps too
            pdf.savefig(map_figure(sheet, "print"))  # type: ignore[no-untyped-call]
        for table_title, table in tables:
            _table_page(pdf, table_title, table)
    return buffer.getvalue()
