"""Expected counts derived from the shipped data files by plain reading (the csv module and the rules as the module
docstrings state them), never from the code under test: tests compare the app's figures with these instead of
pinning numbers that the seeded scripts happened to generate.
"""

from __future__ import annotations

import csv
import gzip
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MONITORING = Path(__file__).resolve().parent.parent / "data" / "monitoring"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped CSV (gzip or not) as dictionaries of text."""
    path = MONITORING / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def compliance(site: dict[str, str]) -> str:
    """Target-7 compliance of one register row, by the rules listed in geo/wastewater/rules.py's docstring."""
    status, plant, monitoring = site["status"], site["wwtp_status"], site["monitoring"]
    capacity = _number(site["design_capacity_m3d"])
    if not status:
        return "no_data"
    if status != "operating":
        return "pending"
    if not plant:
        return "no_data"
    if plant == "none":
        return "not_compliant"
    if plant == "under_construction":
        return "pending"
    if capacity is None:
        return "compliant" if monitoring == "transmitting" else "no_data"
    if capacity < 200 or monitoring == "transmitting":
        return "compliant"
    return "no_data" if not monitoring else "not_compliant"


@dataclass(frozen=True)
class Register:
    sites: int
    kinds: dict[str, int]
    operating: int
    with_plant: int  # operating sites whose centralised plant operates
    illustrative: int  # rows with at least one illustrative value
    made_up: int  # rows whose very name is illustrative
    compliance: dict[str, int]
    districts_with_operating: frozenset[str] = field(default_factory=frozenset)

    @property
    def lacking(self) -> int:
        return self.sites - self.compliance.get("compliant", 0)

    @property
    def share_pct(self) -> float:
        return 100 * self.with_plant / self.operating


@cache
def register() -> Register:
    sites = rows("kcn_ccn.csv")
    operating = [s for s in sites if s["status"] == "operating"]
    return Register(
        sites=len(sites),
        kinds=dict(Counter(s["kind"] for s in sites)),
        operating=len(operating),
        with_plant=sum(s["wwtp_status"] == "operating" for s in operating),
        illustrative=sum(s["illustrative"] == "True" for s in sites),
        made_up=sum("name" in s["illustrative_fields"].split(";") for s in sites),
        compliance=dict(Counter(compliance(s) for s in sites)),
        districts_with_operating=frozenset(s["district_2019"] for s in operating),
    )


@cache
def indicator_values_on_the_progress_page() -> tuple[int, int]:
    """(values, illustrative values) the progress page holds: the shipped rows, plus the target-7 rows fed from the
    register (province and every 2019 district with an operating site, year 2025, illustrative when one of the
    unit's operating sites is) and the target-5a rows fed from the forest raster (per district and province, the
    raster's year, illustrative) wherever a key is new; a feed replaces an illustrative value, never a real one."""
    shipped = rows("indicator_values.csv")
    values = {(r["target_id"], r["unit_set"], r["unit_code"], r["year"]): r["illustrative"] == "True" for r in shipped}
    sites = [s for s in rows("kcn_ccn.csv") if s["status"] == "operating"]
    reg = register()
    fed = {("7", "province", "24", "2025"): any(s["illustrative"] == "True" for s in sites)}
    for code in reg.districts_with_operating:
        fed[("7", "districts_2019", code, "2025")] = any(
            s["illustrative"] == "True" for s in sites if s["district_2019"] == code
        )
    with (MONITORING / "forest_classes.toml").open("rb") as fh:
        config = tomllib.load(fh)
    raster = config["rasters"][config["active"]]
    districts = {r["unit_code"] for r in shipped if r["unit_set"] == "districts_2019"}
    for unit_set, code in [("province", "24"), *(("districts_2019", c) for c in sorted(districts))]:
        fed[("5a", unit_set, code, str(raster["year"]))] = bool(raster["illustrative"])
    for key, illustrative in fed.items():
        if values.get(key, True):  # new, or an illustrative value: the feed's row takes its place
            values[key] = illustrative
    return len(values), sum(values.values())


def stations() -> int:
    return len(rows("aq_stations.csv"))


def emission_sources() -> list[dict[str, str]]:
    return rows("emission_sources.csv")
