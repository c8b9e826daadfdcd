"""Make data/monitoring/kcn_ccn.csv, the KCN/CCN register, from the cited facts in data/monitoring/kcn_ccn_facts.csv.

    .venv/bin/python scripts/make_kcn_ccn.py            # needs the built boundary layers (python -m geo data build)

Real values come from the facts file, each row with its public source; ``sourced`` lists the fields its sources
state. Everything else is generated here with a fixed seed, and the row lists it in ``illustrative_fields``: values
the facts file gives but its sources do not state (``status`` of a cluster, a commune we assumed), values generated
from rules of thumb (capacities, flows, monitoring), and 20 clusters made up to give a register of realistic size
(Bắc Giang had 28 operating CCN in 2020 and planned 36). Locations: a site whose commune is named by its source (or
by its own name, e.g. "KCN Yên Lư" → former xã Yên Lư) is put at the representative point of the 2025 commune that
former commune became (``merged_from``); several sites in one commune are spread around that point ("approximate").
Generated values never make a real, named site look worse than its sources: its plant's flow stays below capacity
and its monitoring is what the law requires; breaches come only from the sources or from the made-up clusters. The
result is validated with the register's own loader before it is written.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.boundaries.names import name_key
from geo.datasets.wastewater import KCN_CCN
from geo.io import files as io
from geo.io.crs import AREA_CRS
from geo.settings import REPO_ROOT, get_settings
from geo.wastewater.register import load_register
from layers import loader

SEED = 1026  # the plan's decision number
FACTS = REPO_ROOT / "data" / "monitoring" / "kcn_ccn_facts.csv"
OUT = REPO_ROOT / "data" / "monitoring" / "kcn_ccn.csv"
ILLUSTRATIVE_SOURCE = (
    "Minh họa – không phải số liệu chính thức: sinh bởi scripts/make_kcn_ccn.py (seed 1026) | "
    "Illustrative, not an official figure"
)
# Made-up clusters per 2019 district (the real rows already cover Bắc Giang city).
MADE_UP_CCN = {"222": 3, "223": 3, "221": 2, "217": 3, "216": 3, "215": 2, "218": 1, "219": 2, "220": 1}
# (status, plant) of the made-up clusters, shuffled: 9 operating CCN without a plant in all (DOMAIN §6).
MADE_UP_STATES = (
    [("operating", "operating")] * 6 + [("operating", "none")] * 5 + [("operating", "under_construction")] * 3
    + [("operating", None)] + [("building", "under_construction")] + [("building", "none")] * 2
    + [("planned", "none")] * 2
)  # fmt: skip
GENERATED = ("status", "year_established", "area_ha", "occupancy_pct", "wwtp_status", "design_capacity_m3d",
             "actual_flow_m3d", "connected_pct", "monitoring", "discharge_standard")  # fmt: skip


def former_index(communes: gpd.GeoDataFrame) -> dict[str, set[str]]:
    """name key of every pre-reform commune (and of every 2025 commune) → codes of the 2025 communes it went into."""
    index: dict[str, set[str]] = {}
    for code, name, merged in zip(communes["code"], communes["name"], communes["merged_from"], strict=True):
        parts = [p for p in str(merged).split(", ") if p and p != "giữ nguyên"] + [str(name)]
        for part in parts:
            for key in {name_key(part), name_key(part.split(" (")[0])}:
                index.setdefault(key, set()).add(str(code))
    return index


def commune_of(name: str, index: dict[str, set[str]]) -> str:
    codes = index.get(name_key(name), set())
    if len(codes) != 1:
        raise SystemExit(f"commune {name!r}: expected one 2025 commune, found {sorted(codes) or 'none'}")
    return next(iter(codes))


def spread(polygon: shapely.Geometry, n: int) -> list[tuple[Point, str]]:
    """n points in ``polygon`` (metres): its representative point if alone, else spread around it."""
    centre = polygon.representative_point()
    if n == 1:
        return [(centre, "commune_centroid")]
    inner = polygon.buffer(-150) if not polygon.buffer(-150).is_empty else polygon
    radius = min(3000.0, 0.4 * math.sqrt(polygon.area))
    points = []
    for k in range(n):
        angle, r = math.pi / 4 + 2 * math.pi * k / n, radius
        point = Point(centre.x + r * math.cos(angle), centre.y + r * math.sin(angle))
        while not inner.contains(point) and r > 50:
            r *= 0.6
            point = Point(centre.x + r * math.cos(angle), centre.y + r * math.sin(angle))
        points.append((point if inner.contains(point) else centre, "approximate"))
    return points


def made_up_rows(communes: gpd.GeoDataFrame, crosswalk: pd.DataFrame, used: set[str], rng: np.random.Generator):
    home = crosswalk.sort_values("share_of_commune").groupby("commune_code")["district_code"].last()
    names = communes.set_index("code")["name_full"]
    states = [MADE_UP_STATES[i] for i in rng.permutation(len(MADE_UP_STATES))]
    rows, n = [], 0
    for district, count in MADE_UP_CCN.items():
        candidates = sorted(c for c in home.index[home == district] if c in names.index)
        fresh = [c for c in candidates if c not in used]
        taken = [c for c in candidates if c in used]
        order = [fresh[i] for i in rng.permutation(len(fresh))] + [taken[i] for i in rng.permutation(len(taken))]
        for code in order[:count]:
            n += 1
            status, plant = states[n - 1]
            rows.append({"id": f"CCN-MH{n:02d}", "name": f"CCN minh họa {n:02d} ({names[code]})", "kind": "CCN",
                         "status": status, "wwtp_status": plant, "commune_code": str(code), "district": "",
                         "commune_basis": "made_up", "sourced": "", "source": ILLUSTRATIVE_SOURCE})  # fmt: skip
            used.add(str(code))
    return rows


def generate(row: dict, rng: np.random.Generator) -> dict:
    """Fill the values the facts do not give (rules of thumb, seeded)."""
    kcn, status = row["kind"] == "KCN", row["status"]
    out = dict(row)
    if pd.isna(out.get("year_established")) and status != "planned":
        lo, hi = {"operating": (2004, 2017) if not kcn else (2005, 2016), "building": (2019, 2024)}[status]
        out["year_established"] = int(rng.integers(lo, hi + 1))
    if pd.isna(out.get("area_ha")):
        out["area_ha"] = round(float(rng.uniform(5, 50)), 1)
    area = float(out["area_ha"])
    if pd.isna(out.get("occupancy_pct")) and status != "planned":
        out["occupancy_pct"] = float(round(rng.uniform(45, 100) if status == "operating" else rng.uniform(0, 30)))
    if pd.isna(out.get("wwtp_status")) and row.get("commune_basis") != "made_up":
        out["wwtp_status"] = {"operating": "operating", "building": rng.choice(["under_construction", "none"]),
                              "planned": "none"}[status] if kcn else "none"  # fmt: skip
    plant = out.get("wwtp_status")
    if plant in ("operating", "under_construction"):
        per_ha = rng.uniform(18, 30) if kcn else rng.uniform(20, 35)
        step = 500 if kcn else 50
        out["design_capacity_m3d"] = max(step, int(round(area * per_ha / step) * step))
    occupancy = float(out.get("occupancy_pct") or 0) / 100
    made_up = row.get("commune_basis") == "made_up"
    if status == "operating":
        if plant == "operating":
            flow = out["design_capacity_m3d"] * rng.uniform(0.5, 1.1 if made_up else 0.95)
            out["connected_pct"] = float(round(rng.uniform(70, 100)))
        else:
            flow = area * max(occupancy, 0.3) * rng.uniform(10, 25)
        out["actual_flow_m3d"] = max(10, int(round(flow / 10) * 10))
    if plant == "operating":
        required = out["design_capacity_m3d"] >= 200
        weights = (0.75, 0.15, 0.10) if required else (0.2, 0.2, 0.6)
        if not made_up:  # never make up a breach for a real, named site
            weights = (1.0, 0.0, 0.0) if required else (0.3, 0.0, 0.7)
        out["monitoring"] = str(rng.choice(["transmitting", "installed", "none"], p=weights))
    elif pd.notna(plant):
        out["monitoring"] = "none"
    out["discharge_standard"] = "QCVN 40:2025/BTNMT" if status == "planned" else "QCVN 40:2011/BTNMT"
    return out


def main() -> int:
    rng = np.random.default_rng(SEED)
    build = get_settings().build_dir
    communes = loader.load("communes_2025")
    districts = loader.load("districts_2019")
    crosswalk = io.read_parquet(build / "crosswalk.parquet")
    index = former_index(communes)
    district_codes = {name_key(n): str(c) for c, n in zip(districts["code"], districts["name"], strict=True)}
    facts = io.read_table(FACTS, dtype=dict.fromkeys(["id", "sourced", "district", "source"], "str"))
    facts = facts.astype(object).where(facts.notna(), None)
    rows = []
    for fact in facts.to_dict("records"):
        fact["commune_code"] = commune_of(str(fact["commune_named"]), index)
        fact["sourced"] = fact["sourced"] or ""
        fact["district"] = fact["district"] or ""
        rows.append(fact)
    rows += made_up_rows(communes, crosswalk, {r["commune_code"] for r in rows}, rng)
    rows = [generate(r, rng) for r in rows]
    # the boundary case of the monitoring rule: one made-up operating plant of exactly 200 m³/day
    boundary = next(r for r in rows if r["id"].startswith("CCN-MH") and r.get("wwtp_status") == "operating")
    boundary.update(design_capacity_m3d=200, monitoring="transmitting", actual_flow_m3d=170)

    metric_communes = communes.to_crs(AREA_CRS).set_index("code")
    metric_districts = districts.to_crs(AREA_CRS).set_index("code")
    by_commune: dict[str, list[dict]] = {}
    for r in rows:
        by_commune.setdefault(r["commune_code"], []).append(r)
    for code, group in by_commune.items():
        for r, (point, precision) in zip(group, spread(metric_communes.geometry[code], len(group)), strict=True):
            stated = [district_codes[name_key(d)] for d in r["district"].split(";") if d]
            area = metric_communes.geometry[code]
            if stated:
                area = area.intersection(shapely.union_all(metric_districts.geometry[stated].to_numpy()))
                if not area.contains(point):
                    point = area.representative_point()
            r["point"], r["location_precision"] = point, precision
            r["district_2019"] = next((c for c, g in metric_districts.geometry.items() if g.contains(point)), None)
            if stated and r["district_2019"] not in stated:
                raise SystemExit(f"{r['id']}: placed in district {r['district_2019']}, the source says {stated}")
    points = gpd.GeoSeries([r["point"] for r in rows], crs=AREA_CRS).to_crs("EPSG:4326")

    records = []
    for r, point in zip(rows, points, strict=True):
        sourced = set(r["sourced"].split(";")) if r["sourced"] else set()
        if r["commune_basis"] == "made_up":
            flagged = [c for c in KCN_CCN.names if c not in ("id", "location_precision", "source", "illustrative",
                                                              "illustrative_fields")]  # fmt: skip
        else:
            flagged = [f for f in GENERATED if f not in sourced and pd.notna(r.get(f))]
            if r["commune_basis"] == "assumed":
                flagged += ["commune_2025", "lon", "lat"] + ([] if "district" in sourced else ["district_2019"])
        records.append({**{c.name: r.get(c.name) for c in KCN_CCN.columns}, "commune_2025": r["commune_code"],
                        "lon": round(point.x, 6), "lat": round(point.y, 6), "source": r["source"],
                        "illustrative": bool(flagged), "illustrative_fields": ";".join(flagged) or None})  # fmt: skip
    table = pd.DataFrame(records, columns=[c.name for c in KCN_CCN.columns])
    for col in ("year_established", "design_capacity_m3d", "actual_flow_m3d"):
        table[col] = pd.to_numeric(table[col]).round().astype("Int64")
    tmp = OUT.with_name(".kcn_ccn.check.csv")
    io.write_table(table, tmp)
    try:
        load_register(tmp)  # the register must pass its own validation before it replaces the old one
    finally:
        tmp.unlink()
    io.write_table(table, OUT)
    real = int((table["source"] != ILLUSTRATIVE_SOURCE).sum())
    made_up = len(table) - real
    print(f"wrote {OUT}: {len(table)} sites ({real} from public sources, "
          f"{made_up} made up); {int(table['illustrative'].sum())} rows with illustrative values")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
