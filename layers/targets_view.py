"""What the progress page and the exports show of the targets: cards and map sheets, in either language."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.boundaries.names import strip_diacritics
from geo.errors import Lang, Text
from geo.progress.status import STATUSES
from geo.text.format import number
from layers.export import MapSheet

TREND = {"up": "↑", "down": "↓", "flat": "→", None: ""}
ILLUSTRATIVE = Text("minh họa", "illustrative")
NO_VALUE_COLOUR = STATUSES["no_data"][1]
# The register's units (Vietnamese): how each reads in either language and its precision.
UNITS: dict[str, tuple[Text, int]] = {
    "%": (Text("%", "%"), 1),
    "%/năm": (Text("%/năm", "%/yr"), 1),
    "ha": (Text("ha", "ha"), 0),
    "chỉ số": (Text("", ""), 2),
}
YES_NO = (Text("có", "yes"), Text("chưa", "not yet"))
DONE = Text("hoàn thành", "done")
MIXED_SOURCES = Text(
    "Hai năm lấy số liệu từ nguồn khác nhau, không so sánh trực tiếp được: {lines}",
    "The two years come from different sources and do not compare directly: {lines}",
)
ILLUSTRATIVE_SOURCE = Text("số liệu minh họa, tạo bằng chương trình", "illustrative values, generated")
REGISTER_SOURCE = Text("sổ KCN/CCN, tính theo quy tắc chỉ tiêu 7", "KCN/CCN register, computed by the target-7 rules")
ILLUSTRATIVE_MARK = Text(
    "MINH HỌA — có số liệu do chương trình tạo ra, không phải số liệu chính thức",
    "ILLUSTRATIVE — includes generated values, not official figures",
)
IN_VIETNAMESE = Text("{text}", "{text} (Vietnamese original)")


def format_value(value: Any, unit: str, lang: Lang) -> str:
    """An indicator value with its unit, in ``lang``'s convention: "61,8 %" / "61.8 %", "có" / "yes"."""
    if value is None or bool(pd.isna(value)):
        return "—"
    if unit == "có/không":
        return YES_NO[0 if value >= 1 else 1](lang)
    label, decimals = UNITS.get(unit, (Text(unit, unit), 1))
    text = number(value, lang, decimals)
    return f"{text} {label(lang)}" if label(lang) else text


def unit_text(unit: str, lang: Lang) -> str:
    """The register's unit in ``lang`` ("%/năm" → "%/yr")."""
    return UNITS[unit][0](lang) if unit in UNITS else unit


def source_text(source: object, lang: Lang, *, illustrative: bool = False) -> str:
    """A value's source as a reader of ``lang`` should see it: no file paths, generated figures called so, the
    register's computed share flagged when its rows are invented, Vietnamese-only text labelled in English."""
    text = str(source)
    if text.startswith("minh họa"):
        return ILLUSTRATIVE_SOURCE(lang)
    if text.startswith("Sổ KCN/CCN"):
        return REGISTER_SOURCE(lang) + (f" ({ILLUSTRATIVE(lang)})" if illustrative else "")
    vietnamese = strip_diacritics(text) != text  # an address or an English title needs no label
    marked = IN_VIETNAMESE(lang).format(text=text) if vietnamese else text
    return marked + (f" ({ILLUSTRATIVE(lang)})" if illustrative else "")


def sources_text(rows: pd.DataFrame, lang: Lang) -> str:
    """The distinct sources of value rows (columns source, illustrative), "; "-joined, or "—"."""
    if rows.empty:
        return "—"
    flags = rows["illustrative"].astype("boolean").fillna(False).astype(bool)
    texts = {source_text(s, lang, illustrative=bool(i)) for s, i in zip(rows["source"], flags, strict=True)
             if not pd.isna(s)}  # fmt: skip
    return "; ".join(sorted(texts)) or "—"


def mixed_sources(first: pd.DataFrame, second: pd.DataFrame, names: Mapping[str, str], lang: Lang) -> str | None:
    """A warning when the same units take their values from different sources in two compared years (``first``
    and ``second``: status rows with unit_code, year, source, illustrative); ``None`` when every unit agrees."""
    a = first.dropna(subset=["source"]).set_index("unit_code")
    b = second.dropna(subset=["source"]).set_index("unit_code")
    codes = [c for c in a.index.intersection(b.index) if str(a.loc[c, "source"]) != str(b.loc[c, "source"])]
    if not codes:
        return None
    lines = []
    for code in codes:
        parts = [f"{int(r['year'])}: {source_text(r['source'], lang, illustrative=bool(r['illustrative']))}"
                 for r in (a.loc[code], b.loc[code])]  # fmt: skip
        lines.append(f"{names.get(str(code), str(code))} ({'; '.join(parts)})")
    return MIXED_SOURCES(lang).format(lines=" · ".join(lines))


def target_text(row: Mapping[Any, Any], lang: Lang) -> str:
    return str(row["text_vi"] if lang == "vi" else row["text_en"])


def goal_text(row: Mapping[Any, Any], lang: Lang) -> str:
    low, high, unit = row["target_low"], row.get("target_high"), str(row["unit"])
    if unit == "có/không":
        return DONE(lang)
    if high is not None and not pd.isna(high):
        decimals = UNITS[unit][1] if unit in UNITS else 1
        return f"{number(low, lang, decimals)}–{number(high, lang, decimals)} {unit_text(unit, lang)}".rstrip()
    return format_value(float(str(low)), unit, lang)


def cards(register: pd.DataFrame, status: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One card per indicator from its province-level status: heading, value, goal, status, colour, trend."""
    province = {str(r["target_id"]): r for r in status[status["unit_set"] == "province"].to_dict("records")}
    out = []
    for row in register.to_dict("records"):
        tid = str(row["id"])
        st = province.get(tid)
        code = str(st["status"]) if st is not None else "no_data"
        label, colour = STATUSES[code]
        value = None if st is None else float(st["value"])
        illustrative = bool(st["illustrative"]) if st is not None else False
        out.append(
            {
                "id": tid,
                "target_no": int(str(row["target_no"])),
                "group": row["group"],
                "heading": f"{tid} · {target_text(row, lang)}",
                "value": format_value(value, str(row["unit"]), lang) + ("" if st is None else f" ({int(st['year'])})"),
                "goal": goal_text(row, lang),
                "status_code": code,
                "status": label(lang) + (f" · {ILLUSTRATIVE(lang)}" if illustrative else ""),
                "colour": colour,
                "trend": TREND.get(None if st is None else st["trend"], ""),
                "illustrative": illustrative,
                "source": "" if st is None else source_text(st["source"], lang, illustrative=illustrative),
            }
        )
    return pd.DataFrame(out)


def unit_status(units: gpd.GeoDataFrame, status: pd.DataFrame, target_id: str, unit_set: str) -> gpd.GeoDataFrame:
    """Units of ``unit_set`` joined with the chosen target's status (no value → status no_data)."""
    rows = status[(status["target_id"] == target_id) & (status["unit_set"] == unit_set)]
    merged = units.merge(rows.drop(columns=["unit_set"]), left_on="code", right_on="unit_code", how="left")
    merged["status"] = merged["status"].fillna("no_data")
    merged["colour"] = merged["status"].map(lambda s: STATUSES[str(s)][1])
    return merged


def data_years(joined: gpd.GeoDataFrame, year: int) -> str:
    """The years the mapped values come from ("2023", or "2021–2025" when units report different latest years);
    the chosen ``year`` when no unit has a value."""
    years = sorted({int(y) for y in joined["year"].dropna()}) if "year" in joined else []
    if not years:
        return str(year)
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def map_sheet(joined: gpd.GeoDataFrame, row: Mapping[Hashable, Any], lang: Lang, year: int, source: str) -> MapSheet:
    """The PNG/PDF map of one indicator: its title says the years its values are from, not only the year asked for."""
    present = [s for s in STATUSES if s in set(joined["status"])]
    years = data_years(joined, year)
    labels = [
        f"{name}\n{format_value(v, str(row['unit']), lang)}"
        for name, v in zip(joined["name"], joined["value"], strict=True)
    ]
    goal = goal_text(row, lang)
    illustrative = bool(joined["illustrative"].astype("boolean").fillna(False).any())
    return MapSheet(
        frame=joined.assign(label=labels),
        title=f"{row['id']} · {target_text(row, lang)}",
        subtitle=(
            f"Số liệu năm {years} — mục tiêu 2030: {goal}" if lang == "vi" else f"Data of {years} — 2030 target: {goal}"
        ),
        legend_title="Tiến độ" if lang == "vi" else "Progress",
        legend=[(STATUSES[s][0](lang), STATUSES[s][1]) for s in present],
        data_date=(f"Số liệu năm {years} (đến năm {year})" if lang == "vi" else f"Data of {years} (up to {year})"),
        source=source,
        north="B" if lang == "vi" else "N",
        note=ILLUSTRATIVE_MARK(lang) if illustrative else "",
    )
