"""Wastewater of industrial parks (KCN) and clusters (CCN): compliance per site, summaries per unit, the worst list.

Plan target 7 (Decision 1026/QĐ-UBND): 100 % of *operating* KCN and CCN have a centralised wastewater treatment
system. The Law on Environmental Protection 2020 (Art. 51–52) also requires automatic continuous monitoring on the
plant, and Decree 08/2022 (amended by Decree 05/2025) makes it mandatory from a design flow of 200 m³/day.

Compliance of one site (:func:`assess_site`), in this order:

1. status unknown → ``no_data``;
2. not operating (``building``/``planned``) → ``pending``: target 7 counts operating sites only;
3. operating, plant status unknown → ``no_data``;
4. operating, no plant → ``not_compliant``;
5. operating, plant under construction → ``pending`` (the plan's roadmap, task 8.2);
6. operating plant, design capacity ≥ 200 m³/day: monitoring ``transmitting`` → ``compliant``; ``installed`` (not
   transmitting) or ``none`` → ``not_compliant``; unknown → ``no_data``;
7. operating plant, design capacity < 200 m³/day → ``compliant`` (monitoring not required);
8. operating plant, design capacity unknown → ``compliant`` if monitoring is transmitting anyway, else ``no_data``.

"Lacking treatment" (:func:`lacking`) is every site that is not compliant, worst first: by severity (no plant while
operating; then monitoring missing; then no data while operating; then plant under construction while operating; then
building; then planned; then status unknown), then larger actual flow first (more untreated water), then larger
area, then id. The capacity gap of an operating site is its actual flow minus the design capacity of its operating
plant (0 when it has none), counted when positive.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

from geo.errors import Text

FrameT = TypeVar("FrameT", bound=pd.DataFrame)  # a GeoDataFrame register stays one
MONITORING_THRESHOLD_M3D = 200.0  # Decree 08/2022 (05/2025): automatic monitoring from this design flow
TARGET_SHARE_PCT = 100.0

KINDS: dict[str, Text] = {
    "KCN": Text("Khu công nghiệp", "Industrial park"),
    "CCN": Text("Cụm công nghiệp", "Industrial cluster"),
}
SITE_STATUS: dict[str, Text] = {
    "operating": Text("Đang hoạt động", "Operating"),
    "building": Text("Đang xây dựng hạ tầng", "Building infrastructure"),
    "planned": Text("Quy hoạch", "Planned"),
}
WWTP_STATUS: dict[str, Text] = {
    "operating": Text("Đang vận hành", "Operating"),
    "under_construction": Text("Đang xây dựng", "Under construction"),
    "none": Text("Chưa có", "None"),
}
MONITORING: dict[str, Text] = {
    "none": Text("Chưa có", "None"),
    "installed": Text("Đã lắp, chưa truyền dữ liệu", "Installed, not transmitting"),
    "transmitting": Text("Đang truyền dữ liệu", "Transmitting"),
}
STANDARDS: tuple[str, ...] = ("QCVN 40:2011/BTNMT", "QCVN 40:2025/BTNMT")
PRECISION: dict[str, Text] = {
    "surveyed": Text("Đo đạc", "Surveyed"),
    "commune_centroid": Text("Tâm xã/phường", "Commune centroid"),
    "approximate": Text("Gần đúng (gần tâm xã/phường)", "Approximate (near the commune centroid)"),
}
COMPLIANCE: dict[str, Text] = {
    "compliant": Text("Đạt", "Compliant"),
    "not_compliant": Text("Không đạt", "Not compliant"),
    "pending": Text("Chờ thời hạn", "Pending"),
    "no_data": Text("Chưa có dữ liệu", "No data"),
}
# Units a site is counted in: unit set → register column.
UNIT_COLUMNS: dict[str, str] = {"districts_2019": "district_2019", "communes_2025": "commune_2025"}

R_NO_STATUS = Text("chưa rõ tình trạng hoạt động", "operating status unknown")
R_NOT_OPERATING = Text(
    "chưa hoạt động ({status}): chỉ tiêu 7 chỉ tính KCN/CCN đang hoạt động",
    "not operating yet ({status}): target 7 counts operating sites only",
)
R_NO_PLANT_DATA = Text("chưa rõ tình trạng trạm xử lý nước thải tập trung", "centralised plant status unknown")
R_NO_PLANT = Text(
    "đang hoạt động nhưng chưa có trạm xử lý nước thải tập trung",
    "operating without a centralised wastewater treatment plant",
)
R_BUILDING_PLANT = Text("trạm xử lý nước thải tập trung đang xây dựng", "centralised plant under construction")
R_PLANT_OK = Text("trạm xử lý nước thải tập trung đang vận hành", "centralised plant operating")
R_MON_OK = Text("quan trắc tự động đang truyền dữ liệu", "automatic monitoring transmitting")
R_MON_INSTALLED = Text(
    "quan trắc tự động đã lắp nhưng chưa truyền dữ liệu (bắt buộc vì công suất ≥ 200 m³/ngày)",
    "automatic monitoring installed but not transmitting (required: capacity ≥ 200 m³/day)",
)
R_MON_NONE = Text(
    "chưa có quan trắc tự động (bắt buộc vì công suất ≥ 200 m³/ngày)",
    "no automatic monitoring (required: capacity ≥ 200 m³/day)",
)
R_MON_UNKNOWN = Text(
    "chưa rõ quan trắc tự động (bắt buộc vì công suất ≥ 200 m³/ngày)",
    "automatic monitoring status unknown (required: capacity ≥ 200 m³/day)",
)
R_MON_NOT_REQUIRED = Text(
    "công suất < 200 m³/ngày: không bắt buộc quan trắc tự động",
    "capacity < 200 m³/day: automatic monitoring not required",
)
R_NO_CAPACITY = Text(
    "chưa rõ công suất thiết kế: không xác định được có phải quan trắc tự động không",
    "design capacity unknown: cannot tell whether automatic monitoring is required",
)
R_OVERLOAD = Text(
    "lưu lượng thực tế {flow} vượt công suất thiết kế {cap} m³/ngày",
    "actual flow {flow} exceeds the design capacity {cap} m³/day",
)


@dataclass(frozen=True)
class Assessment:
    """The compliance status of one site, why, and how bad it is (lower severity = worse; compliant = 9)."""

    status: str
    reasons: tuple[Text, ...]
    severity: int


def _known(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def _number(value: object) -> float | None:
    if not _known(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _thousands(value: float, sep: str) -> str:
    """1234.4 → "1.234" (Vietnamese) or "1,234" (English)."""
    return f"{value:,.0f}".replace(",", sep)


def assess_site(
    status: object, wwtp_status: object, design_capacity_m3d: object, monitoring: object, actual_flow_m3d: object = None
) -> Assessment:
    """Compliance of one site with target 7 and the monitoring duty (rules in the module docstring)."""
    if not _known(status):
        return Assessment("no_data", (R_NO_STATUS,), 6)
    if status != "operating":
        label = SITE_STATUS.get(str(status), Text(str(status), str(status)))
        reason = Text(R_NOT_OPERATING.vi.format(status=label.vi.lower()), R_NOT_OPERATING.en.format(status=label.en))
        return Assessment("pending", (reason,), 4 if status == "building" else 5)
    if not _known(wwtp_status):
        return Assessment("no_data", (R_NO_PLANT_DATA,), 2)
    if wwtp_status == "none":
        return Assessment("not_compliant", (R_NO_PLANT,), 0)
    if wwtp_status == "under_construction":
        return Assessment("pending", (R_BUILDING_PLANT,), 3)
    capacity, flow = _number(design_capacity_m3d), _number(actual_flow_m3d)
    notes: tuple[Text, ...] = ()
    if capacity is not None and flow is not None and flow > capacity:
        vi = R_OVERLOAD.vi.format(flow=_thousands(flow, "."), cap=_thousands(capacity, "."))
        notes = (Text(vi, R_OVERLOAD.en.format(flow=_thousands(flow, ","), cap=_thousands(capacity, ","))),)
    if capacity is None:
        if monitoring == "transmitting":
            return Assessment("compliant", (R_PLANT_OK, R_MON_OK, *notes), 9)
        return Assessment("no_data", (R_PLANT_OK, R_NO_CAPACITY, *notes), 2)
    if capacity < MONITORING_THRESHOLD_M3D:
        return Assessment("compliant", (R_PLANT_OK, R_MON_NOT_REQUIRED, *notes), 9)
    if monitoring == "transmitting":
        return Assessment("compliant", (R_PLANT_OK, R_MON_OK, *notes), 9)
    if not _known(monitoring):
        return Assessment("no_data", (R_PLANT_OK, R_MON_UNKNOWN, *notes), 2)
    reason = R_MON_INSTALLED if monitoring == "installed" else R_MON_NONE
    return Assessment("not_compliant", (R_PLANT_OK, reason, *notes), 1)


def assess(sites: FrameT) -> FrameT:
    """``sites`` with the columns compliance, severity, reasons_vi, reasons_en, has_plant (an operating plant),
    monitoring_missing (required but not transmitting) and gap_m3d (operating sites' flow above their capacity)."""
    out = sites.copy()
    results = [
        assess_site(r.status, r.wwtp_status, r.design_capacity_m3d, r.monitoring, r.actual_flow_m3d)
        for r in sites[["status", "wwtp_status", "design_capacity_m3d", "monitoring", "actual_flow_m3d"]].itertuples()
    ]
    out["compliance"] = [a.status for a in results]
    out["severity"] = [a.severity for a in results]
    out["reasons_vi"] = ["; ".join(t.vi for t in a.reasons) for a in results]
    out["reasons_en"] = ["; ".join(t.en for t in a.reasons) for a in results]
    operating = out["status"].eq("operating").fillna(False).to_numpy(dtype=bool)
    has_plant = out["wwtp_status"].eq("operating").fillna(False).to_numpy(dtype=bool)
    capacity = pd.to_numeric(out["design_capacity_m3d"], errors="coerce").to_numpy(dtype=float)
    flow = pd.to_numeric(out["actual_flow_m3d"], errors="coerce").to_numpy(dtype=float)
    required = has_plant & (capacity >= MONITORING_THRESHOLD_M3D)
    out["has_plant"] = operating & has_plant
    out["monitoring_missing"] = operating & required & ~out["monitoring"].eq("transmitting").fillna(False).to_numpy()
    treated = np.where(has_plant, np.nan_to_num(capacity, nan=0.0), 0.0)
    out["gap_m3d"] = np.where(operating & ~np.isnan(flow), np.clip(flow - treated, 0.0, None), 0.0)
    return out


def lacking(assessed: pd.DataFrame) -> pd.DataFrame:
    """Every site that is not compliant, worst first (see the module docstring for the order)."""
    rows = assessed[assessed["compliance"] != "compliant"]
    keys = pd.DataFrame(
        {
            "severity": rows["severity"],
            "flow": -pd.to_numeric(rows["actual_flow_m3d"], errors="coerce").fillna(-1.0),
            "area": -pd.to_numeric(rows["area_ha"], errors="coerce").fillna(-1.0),
            "id": rows["id"].astype(str),
        }
    )
    order = keys.sort_values(["severity", "flow", "area", "id"], kind="stable").index
    return rows.loc[order].reset_index(drop=True)


@dataclass(frozen=True)
class Totals:
    """Target-7 figures over a set of sites."""

    operating: int
    with_plant: int
    compliant: int
    not_compliant: int
    pending: int
    no_data: int
    monitoring_missing: int
    design_capacity_m3d: float
    actual_flow_m3d: float
    gap_m3d: float

    @property
    def share_pct(self) -> float | None:
        """Target 7: operating sites with an operating centralised plant, % (None when none operate)."""
        return None if self.operating == 0 else 100.0 * self.with_plant / self.operating

    @property
    def compliant_pct(self) -> float | None:
        """Operating sites that are compliant, % (compliant sites are operating by rule)."""
        return None if self.operating == 0 else 100.0 * self.compliant / self.operating


def totals(assessed: pd.DataFrame) -> Totals:
    operating = assessed["status"].eq("operating").fillna(False)
    plant = operating & assessed["wwtp_status"].eq("operating").fillna(False)
    counts = assessed["compliance"].value_counts()
    return Totals(
        operating=int(operating.sum()),
        with_plant=int(plant.sum()),
        compliant=int(counts.get("compliant", 0)),
        not_compliant=int(counts.get("not_compliant", 0)),
        pending=int(counts.get("pending", 0)),
        no_data=int(counts.get("no_data", 0)),
        monitoring_missing=int(assessed["monitoring_missing"].sum()),
        design_capacity_m3d=float(pd.to_numeric(assessed.loc[plant, "design_capacity_m3d"]).sum()),
        actual_flow_m3d=float(pd.to_numeric(assessed.loc[operating, "actual_flow_m3d"]).sum()),
        gap_m3d=float(assessed["gap_m3d"].sum()),
    )


def unit_summary(
    assessed: pd.DataFrame, units: Mapping[str, str], unit_set: str, column: str | None = None
) -> pd.DataFrame:
    """One row per unit of ``units`` ({code: name}, every unit even with no site) for ``unit_set``, whose codes are
    in the register's column for it (:data:`UNIT_COLUMNS`) or in ``column`` (e.g. one filled by point in polygon
    for an imported set: :func:`geo.boundaries.sets.unit_of_points`).

    Columns: code, name, sites, operating, operating_kcn, operating_ccn, with_plant, share_pct (target 7; empty
    where nothing operates), compliant, compliant_pct, not_compliant, pending, no_data, monitoring_missing,
    design_capacity_m3d (of operating plants), actual_flow_m3d (of operating sites), gap_m3d, illustrative (a site
    of the unit carries an illustrative value, so the unit's figures are illustrative too).
    """
    column = column or UNIT_COLUMNS[unit_set]
    rows = []
    for code, name in units.items():
        here = assessed[assessed[column].astype(str) == str(code)]
        tot = totals(here)
        operating = here["status"].eq("operating").fillna(False)
        rows.append(
            {
                "code": str(code),
                "name": name,
                "sites": len(here),
                "operating": tot.operating,
                "operating_kcn": int((operating & here["kind"].eq("KCN")).sum()),
                "operating_ccn": int((operating & here["kind"].eq("CCN")).sum()),
                "with_plant": tot.with_plant,
                "share_pct": tot.share_pct,
                "compliant": tot.compliant,
                "compliant_pct": tot.compliant_pct,
                "not_compliant": tot.not_compliant,
                "pending": tot.pending,
                "no_data": tot.no_data,
                "monitoring_missing": tot.monitoring_missing,
                "design_capacity_m3d": tot.design_capacity_m3d,
                "actual_flow_m3d": tot.actual_flow_m3d,
                "gap_m3d": tot.gap_m3d,
                "illustrative": bool(here["illustrative"].fillna(False).astype(bool).any())
                if "illustrative" in here
                else False,
            }
        )
    out = pd.DataFrame(rows)
    for col in ("share_pct", "compliant_pct"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out
