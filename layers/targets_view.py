"""What the progress page and the exports show of the targets: cards and map sheets, in either language."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import Lang, Text
from geo.progress.status import STATUSES
from layers.export import MapSheet

TREND = {"up": "↑", "down": "↓", "flat": "→", None: ""}
ILLUSTRATIVE = Text("minh họa", "illustrative")
NO_VALUE_COLOUR = STATUSES["no_data"][1]


def format_value(value: Any, unit: str) -> str:
    if value is None or bool(pd.isna(value)):
        return "—"
    if unit == "có/không":
        return "có" if value >= 1 else "chưa"
    text = f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.1f}".removesuffix(".0")
    return f"{text} {unit}" if unit not in ("chỉ số",) else text


def target_text(row: Mapping[Any, Any], lang: Lang) -> str:
    return str(row["text_vi"] if lang == "vi" else row["text_en"])


def goal_text(row: Mapping[Any, Any]) -> str:
    low, high, unit = row["target_low"], row.get("target_high"), str(row["unit"])
    if unit == "có/không":
        return "hoàn thành"
    if high is not None and not pd.isna(high):
        return f"{low:g}–{high:g} {unit}"
    return format_value(float(str(low)), unit)


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
                "value": format_value(value, str(row["unit"])) + ("" if st is None else f" ({int(st['year'])})"),
                "goal": goal_text(row),
                "status_code": code,
                "status": label(lang) + (f" · {ILLUSTRATIVE(lang)}" if illustrative else ""),
                "colour": colour,
                "trend": TREND.get(None if st is None else st["trend"], ""),
                "illustrative": illustrative,
                "source": "" if st is None else str(st["source"]),
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


def map_sheet(joined: gpd.GeoDataFrame, row: Mapping[Hashable, Any], lang: Lang, year: int, source: str) -> MapSheet:
    present = [s for s in STATUSES if s in set(joined["status"])]
    labels = [
        f"{name}\n{format_value(v, str(row['unit']))}" for name, v in zip(joined["name"], joined["value"], strict=True)
    ]
    goal = goal_text(row)
    return MapSheet(
        frame=joined.assign(label=labels),
        title=f"{row['id']} · {target_text(row, lang)}",
        subtitle=(f"Năm {year} — mục tiêu 2030: {goal}" if lang == "vi" else f"Year {year} — 2030 target: {goal}"),
        legend_title="Tiến độ" if lang == "vi" else "Progress",
        legend=[(STATUSES[s][0](lang), STATUSES[s][1]) for s in present],
        data_date=(f"Số liệu đến năm {year}" if lang == "vi" else f"Data up to {year}"),
        source=source,
        north="B" if lang == "vi" else "N",
    )
