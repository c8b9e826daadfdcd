"""Progress toward the plan's targets: status per target and unit, judged against a straight path to 2030.

Rules (also in the README):

- **achieved** — the value meets the 2030 target already (for a range such as 2.5–3 %, its near end: 2.5 %).
- **on track** — the value has made at least the progress that a straight line from the baseline (year, value) to
  the 2030 target asks for by the value's year.
- **at risk** — it has made at least ``AT_RISK_SHARE`` (80 %) of that progress, but not all of it.
- **off track** — less than 80 % of the required progress, or moving away from the target.
- **no data** — no value, or no baseline to draw the path from.
- **not yet due** — a milestone (yes/no target, e.g. target 12 or 14) not done yet, before its 2030 deadline; a
  milestone done is *achieved*, one not done by 2030 is *off track*.

"Progress" is measured in the target's direction: for a "higher is better" target, value − baseline; for "lower is
better", baseline − value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from geo.errors import Text

PLAN_START = 2020  # baseline year of the plan period 2021–2030
PLAN_END = 2030
AT_RISK_SHARE = 0.8

Status = Literal["achieved", "on_track", "at_risk", "off_track", "no_data", "not_yet_due"]
STATUSES: dict[str, tuple[Text, str]] = {
    "achieved": (Text("Đã đạt", "Achieved"), "#1a9850"),
    "on_track": (Text("Đúng tiến độ", "On track"), "#91cf60"),
    "at_risk": (Text("Có nguy cơ chậm", "At risk"), "#fdae61"),
    "off_track": (Text("Chậm tiến độ", "Off track"), "#d73027"),
    "no_data": (Text("Chưa có số liệu", "No data"), "#bdbdbd"),
    "not_yet_due": (Text("Chưa đến hạn", "Not yet due"), "#74add1"),
}


@dataclass(frozen=True)
class Target:
    """What the status rules need of one row of the targets register."""

    id: str
    direction: Literal["higher", "lower", "milestone"]
    target_low: float
    target_high: float | None = None

    @property
    def threshold(self) -> float:
        """The value that counts as reaching the target (the near end of a range)."""
        if self.direction == "lower" and self.target_high is not None:
            return self.target_high
        return self.target_low

    @property
    def sign(self) -> int:
        return -1 if self.direction == "lower" else 1


def expected_on_path(target: Target, year: float, baseline_year: float, baseline_value: float) -> float:
    """The value a straight line from the baseline to the 2030 target gives for ``year``."""
    if year >= PLAN_END or baseline_year >= PLAN_END:
        return target.threshold
    share = max(0.0, (year - baseline_year) / (PLAN_END - baseline_year))
    return baseline_value + (target.threshold - baseline_value) * share


def judge(
    target: Target, year: float, value: float | None, baseline_year: float | None, baseline_value: float | None
) -> Status:
    """Status of one value (reported for ``year``) of one target in one unit."""
    if target.direction == "milestone":
        if value is not None and not math.isnan(value) and value >= target.threshold:
            return "achieved"
        if value is None or math.isnan(value):
            return "no_data" if year >= PLAN_END else "not_yet_due"
        return "off_track" if year >= PLAN_END else "not_yet_due"
    if value is None or math.isnan(value):
        return "no_data"
    if target.sign * (value - target.threshold) >= 0:
        return "achieved"
    if baseline_year is None or baseline_value is None or math.isnan(baseline_value) or math.isnan(baseline_year):
        return "no_data"
    expected = expected_on_path(target, year, baseline_year, baseline_value)
    required = target.sign * (expected - baseline_value)
    made = target.sign * (value - baseline_value)
    if required <= 0:  # at the baseline year nothing is asked yet: not going backwards is on track
        return "on_track" if made >= 0 else "off_track"
    ratio = round(made / required, 9)  # 3.2 / 4 must be 0.8, not 0.7999999999999998
    if ratio >= 1:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK_SHARE else "off_track"


def targets_from_register(register: pd.DataFrame) -> dict[str, Target]:
    out = {}
    for row in register.to_dict("records"):
        high = row.get("target_high")
        out[str(row["id"])] = Target(
            id=str(row["id"]),
            direction=row["direction"],
            target_low=float(row["target_low"]),
            target_high=None if high is None or pd.isna(high) else float(high),
        )
    return out


def baselines(values: pd.DataFrame) -> pd.DataFrame:
    """Baseline (year, value) per target and unit: the unit's earliest value.

    Columns: target_id, unit_set, unit_code, baseline_year, baseline_value.
    """
    data = values.dropna(subset=["value"]).sort_values("year")
    first = data.groupby(["target_id", "unit_set", "unit_code"], as_index=False).first()
    first = first.rename(columns={"year": "baseline_year", "value": "baseline_value"})
    return first[["target_id", "unit_set", "unit_code", "baseline_year", "baseline_value"]]


def status_table(register: pd.DataFrame, values: pd.DataFrame, *, year: int | None = None) -> pd.DataFrame:
    """Latest value (up to ``year``) per target and unit, with its status, the path value and the trend.

    ``values`` is the long indicator table (target_id, unit_set, unit_code, year, value, source, illustrative).
    Columns out: target_id, unit_set, unit_code, year, value, previous, trend (up/down/flat/None), expected,
    baseline_year, baseline_value, status, illustrative, source.
    """
    targets = targets_from_register(register)
    data = values.dropna(subset=["value"])
    if year is not None:
        data = data[data["year"] <= year]
    data = data.sort_values("year")
    keys = ["target_id", "unit_set", "unit_code"]
    latest = data.groupby(keys, as_index=False).tail(1).set_index(keys)
    previous = data.groupby(keys).nth(-2).set_index(keys)["value"] if len(data) else pd.Series(dtype=float)
    out = latest.join(previous.rename("previous"), how="left").reset_index()
    out = out.merge(baselines(values), on=keys, how="left")
    out["expected"] = [
        expected_on_path(targets[t], y, by, bv) if pd.notna(bv) and targets[t].direction != "milestone" else np.nan
        for t, y, by, bv in zip(out["target_id"], out["year"], out["baseline_year"], out["baseline_value"], strict=True)
    ]
    out["status"] = [
        judge(targets[t], y, v, None if pd.isna(by) else by, None if pd.isna(bv) else bv)
        for t, y, v, by, bv in zip(
            out["target_id"], out["year"], out["value"], out["baseline_year"], out["baseline_value"], strict=True
        )
    ]
    delta = out["value"] - out["previous"]
    out["trend"] = [None if pd.isna(d) else "up" if d > 0 else "down" if d < 0 else "flat" for d in delta]
    columns = [*keys, "year", "value", "previous", "trend", "expected", "baseline_year", "baseline_value", "status",
               "illustrative", "source"]  # fmt: skip
    return out[columns]


def missing_units(register: pd.DataFrame, status: pd.DataFrame, units: dict[str, list[str]]) -> pd.DataFrame:
    """Rows with status no_data for every (target, unit) of a target's reporting level that has no value at all."""
    rows = []
    have = set(zip(status["target_id"], status["unit_set"], status["unit_code"], strict=True))
    for row in register.itertuples(index=False):
        level = str(row.level)
        for code in units.get(level, []):
            if (str(row.id), level, code) not in have:
                rows.append({"target_id": str(row.id), "unit_set": level, "unit_code": code, "status": "no_data"})
    return pd.DataFrame(rows, columns=["target_id", "unit_set", "unit_code", "status"])
