"""Generate the illustrative air-quality data in data/monitoring/ (seeded: the same seed gives the same bytes).

    .venv/bin/python scripts/make_air_quality.py [--out data/monitoring] [--seed 20251101]

No real station data is public for Bắc Giang, so this writes plausible, clearly flagged stand-ins:

- aq_stations.csv: 8 stations (scripts/air_quality_catalogue.py), their 2019 district and 2025 commune codes found
  by spatial join with the built boundaries (run ``python -m geo data build`` first);
- aq_hourly.csv.gz (gzip-compressed CSV): one year of hourly means (1 Nov 2025 – 31 Oct 2026, local time) in µg/m³
  with northern Vietnam's
  cycles: PM worst in the dry winter (Nov–Mar) and at night, O3 peaking in the afternoon, NO2/CO at rush hours,
  SO2 plumes near industry, straw burning after the harvests; plus outages (rows missing for hours to days),
  empty cells, outliers (spikes, a stuck analyser), a periodic station sampled 3 days at a time, and one station
  that stops reporting 15 hours before the end (stale);
- emission_sources.csv: 22 large facilities with invented loads (t/yr);
- aq_metadata.json: the file-level flag, the seed and a list of every injected gap and outlier.

Every row has ``illustrative = true``. The files are checked with the layers' own loaders before they are kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.air.load import load_hourly, load_sources, load_stations  # noqa: E402
from geo.io import files as io  # noqa: E402
from layers import loader  # noqa: E402
from layers.registry import REGISTRY  # noqa: E402
from scripts.air_quality_catalogue import (  # noqa: E402
    PERIODIC_CAMPAIGNS,
    SOURCES,
    STALE_STATION,
    STATIONS,
    Station,
)

SEED = 20251101
START, HOURS = pd.Timestamp("2025-11-01 00:00"), 365 * 24
STALE_HOURS = 15
FILES = ("aq_stations.csv", "aq_hourly.csv.gz", "emission_sources.csv", "aq_metadata.json")


def ar1(rng: np.random.Generator, n: int, rho: float, sigma: float) -> np.ndarray:
    """A stationary AR(1) series with standard deviation ``sigma`` (multi-hour/day persistence)."""
    shocks = rng.normal(0.0, sigma * np.sqrt(1 - rho**2), n)
    out = np.empty(n)
    out[0] = rng.normal(0.0, sigma)
    for i in range(1, n):
        out[i] = rho * out[i - 1] + shocks[i]
    return out


def lognormal(rng: np.random.Generator, n: int, rho: float, sigma: float) -> np.ndarray:
    return np.exp(ar1(rng, n, rho, sigma) - sigma**2 / 2)  # mean 1


def series(st: Station, times: pd.DatetimeIndex, regional: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """One station's hourly means before gaps and outliers."""
    n, h = len(times), times.hour.to_numpy()
    days = ((times - pd.Timestamp("2026-01-10")) / pd.Timedelta(days=1)).to_numpy()
    winter = np.cos(2 * np.pi * days / 365.25)  # +1 mid-January, -1 mid-July
    autumn = np.cos(2 * np.pi * (days - 258) / 365.25)  # +1 late September: sunny, dry, O3 high
    night = 1 + 0.25 * np.cos(2 * np.pi * (h - 22) / 24) + 0.12 * np.exp(-(((h - 7.5) / 1.5) ** 2))
    traffic = 0.6 + 0.5 * np.exp(-(((h - 8) / 1.8) ** 2)) + 0.6 * np.exp(-(((h - 19) / 2.2) ** 2))
    sun = np.clip(np.sin(np.pi * (h - 7) / 14), 0, None) ** 1.5  # peaks at 14:00
    burning = np.ones(n)
    if st.rural:
        harvest = ((times.month == 6) | (times.month == 10)) & (times.day <= 20)
        evenings = np.isin(h, range(17, 23))
        hot_days = rng.random(n // 24 + 1)[np.arange(n) // 24] < 0.35
        burning = np.where(harvest & evenings & hot_days, rng.uniform(1.4, 2.3, n), 1.0)
    pm25 = st.pm25 * (1 + 0.5 * winter) * night * regional * lognormal(rng, n, 0.9, 0.22) * burning
    frame = pd.DataFrame({"station_id": st.id, "time": times, "pm25": pm25})
    low_cost = st.type == "low_cost"
    frame["pm10"] = (
        pm25 * rng.uniform(1.2, 1.4) * lognormal(rng, n, 0.5, 0.12)
        if low_cost
        else (pm25 * 1.6 * lognormal(rng, n, 0.7, 0.15) + 8 * (h >= 7) * (h <= 18))
    )  # construction dust by day
    if low_cost:
        return frame.assign(o3=np.nan, no2=np.nan, so2=np.nan, co=np.nan)
    frame["o3"] = (12 + 10 * (1 - traffic / 1.2) + st.o3 * (1 + 0.3 * autumn) * sun) * lognormal(rng, n, 0.8, 0.25)
    frame["no2"] = st.no2 * (1 + 0.2 * winter) * traffic * lognormal(rng, n, 0.8, 0.3)
    frame["co"] = st.co * (1 + 0.25 * winter) * traffic**0.7 * lognormal(rng, n, 0.85, 0.25)
    so2 = st.so2 * (1 + 0.15 * winter) * lognormal(rng, n, 0.8, 0.4)
    if st.industrial:  # plumes of 1–3 hours from nearby stacks
        starts = np.flatnonzero(rng.random(n) < 0.004)
        for s in starts:
            so2[s : s + rng.integers(1, 4)] *= rng.uniform(5, 16)
    frame["so2"] = so2
    return frame


def _hour(frame: pd.DataFrame, i: int) -> str:
    return str(frame["time"].iloc[i].strftime("%Y-%m-%d %H:%M"))


def damage(frame: pd.DataFrame, st: Station, rng: np.random.Generator, log: dict[str, list]) -> pd.DataFrame:
    """Outages (rows dropped), empty cells, spikes and a stuck analyser; each one recorded in ``log``."""
    n = len(frame)
    keep = np.ones(n, dtype=bool)
    if st.type == "periodic":
        keep[:] = False
        for day in PERIODIC_CAMPAIGNS:
            first = int((pd.Timestamp(day) - START) / pd.Timedelta(hours=1))
            keep[first : first + 72] = True
    else:
        for length in rng.choice([2, 4, 7, 12, 30, 72], size=rng.integers(4, 8)):
            first = int(rng.integers(0, n - 96 - length))  # the last 4 days stay whole
            keep[first : first + length] = False
            log["outages"].append({"station_id": st.id, "first": _hour(frame, first), "hours": int(length)})
        if st.id == "BG04":  # a long breakdown in the rainy season
            first = int((pd.Timestamp("2026-08-03 10:00") - START) / pd.Timedelta(hours=1))
            keep[first : first + 9 * 24] = False
            log["outages"].append({"station_id": st.id, "first": _hour(frame, first), "hours": 9 * 24})
    if st.id == STALE_STATION:
        keep[n - STALE_HOURS :] = False
        log["stale"] = {"station_id": st.id, "last_row": _hour(frame, n - STALE_HOURS - 1)}
    pollutants = [p for p in ("pm25", "pm10", "o3", "no2", "so2", "co") if frame[p].notna().any()]
    for p in pollutants:
        frame.loc[rng.random(n) < 0.012, p] = np.nan
    if st.type != "periodic":
        for i in rng.choice(np.flatnonzero(keep), size=4, replace=False):  # one-hour spikes (dust, sensor faults)
            frame.loc[i, ["pm25", "pm10"]] *= rng.uniform(8, 14)
            log["outliers"].append({"station_id": st.id, "time": _hour(frame, i), "what": "pm25, pm10 × 8–14"})
    if st.id == "BG01":  # the NO2 analyser repeats one value for 18 hours
        i = int((pd.Timestamp("2026-02-17 03:00") - START) / pd.Timedelta(hours=1))
        frame.loc[i : i + 17, "no2"] = frame.loc[i, "no2"]
        log["outliers"].append({"station_id": st.id, "time": _hour(frame, i), "what": "no2 stuck for 18 h"})
    return frame[keep]


def hourly(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, list]]:
    times = pd.date_range(START, periods=HOURS, freq="h")
    regional = lognormal(rng, HOURS, 0.985, 0.35)  # weather shared by every station (multi-day episodes)
    log: dict[str, list] = {"outages": [], "outliers": []}
    parts = [damage(series(st, times, regional, rng), st, rng, log) for st in STATIONS]
    frame = pd.concat(parts, ignore_index=True)
    for p in ("pm25", "pm10", "o3", "no2", "so2"):
        frame[p] = frame[p].round(1)
    frame["co"] = frame["co"].round(0).astype("Int64")
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M")
    frame["illustrative"] = True
    return frame[["station_id", "time", "pm25", "pm10", "o3", "no2", "so2", "co", "illustrative"]], log


def with_units(table: pd.DataFrame) -> pd.DataFrame:
    """Add the 2019 district and 2025 commune codes of each point (spatial join with the built boundaries)."""
    points = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs="EPSG:4326")
    for column, layer in (("district_2019", "districts_2019"), ("commune_2025", "communes_2025")):
        units = loader.load(REGISTRY[layer])[["code", "geometry"]]
        joined = gpd.sjoin(points, units, how="left", predicate="within")
        if joined["code"].isna().any() or len(joined) != len(points):
            outside = joined.loc[joined["code"].isna(), "id"].tolist()
            raise SystemExit(f"{outside}: not inside exactly one {layer} unit; move the point")
        table[column] = joined["code"].to_numpy()
    return table


def stations_table() -> pd.DataFrame:
    table = pd.DataFrame([st._asdict() for st in STATIONS])
    table = with_units(table[["id", "name", "type", "operator", "lon", "lat", "pollutants", "start_date"]].copy())
    for st, code in zip(STATIONS, table["district_2019"], strict=True):
        if code not in st.districts:
            raise SystemExit(f"{st.id} falls in district {code}, not {st.districts}: move it")
    return table.assign(illustrative=True)


def sources_table() -> pd.DataFrame:
    table = pd.DataFrame([s._asdict() for s in SOURCES]).rename(
        columns={
            "dust": "dust_tpy",
            "so2": "so2_tpy",
            "nox": "nox_tpy",
            "co": "co_tpy",
            "ghg": "ghg_inventory_required",
        }
    )
    table["pollutants"] = "dust;so2;nox;co"
    table = with_units(table)
    columns = [
        "id",
        "name",
        "sector",
        "kcn_ccn",
        "lon",
        "lat",
        "district_2019",
        "commune_2025",
        "stack_monitoring",
        "pollutants",
        "dust_tpy",
        "so2_tpy",
        "nox_tpy",
        "co_tpy",
        "ghg_inventory_required",
    ]
    return table[columns].assign(illustrative=True)


def _json(metadata: dict[str, object]) -> str:
    """JSON with one line per list item (the gap and outlier lists stay readable in a diff)."""
    lines = []
    for key, value in metadata.items():
        if isinstance(value, list):
            items = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def generate(out: Path, seed: int = SEED) -> dict[str, object]:
    """Write the four files into ``out`` and check them with the layers' loaders; return the metadata."""
    rng = np.random.default_rng(seed)
    measurements, log = hourly(rng)
    out.mkdir(parents=True, exist_ok=True)
    io.write_table(stations_table(), out / FILES[0])
    io.write_table(measurements, out / FILES[1])
    io.write_table(sources_table(), out / FILES[2])
    metadata = {
        "illustrative": True,
        "note_vi": "Số liệu minh họa, sinh bởi scripts/make_air_quality.py: không phải số liệu quan trắc chính thức.",
        "note_en": "Illustrative data generated by scripts/make_air_quality.py: not official monitoring data.",
        "seed": seed,
        "timezone": "Asia/Ho_Chi_Minh",
        "units": "µg/m³ (hourly means; empty = no value)",
        "period": {
            "first": f"{START:%Y-%m-%d %H:%M}",
            "last": f"{START + pd.Timedelta(hours=HOURS - 1):%Y-%m-%d %H:%M}",
        },
        "rows": len(measurements),
        "stations": len(STATIONS),
        "sources": len(SOURCES),
        **log,
    }
    io.write_bytes(_json(metadata).encode("utf-8"), out / FILES[3])
    stations = load_stations(out / FILES[0])
    load_hourly(out / FILES[1], stations=tuple(stations["id"]))
    load_sources(out / FILES[2])
    return metadata


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "monitoring")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    meta = generate(args.out, args.seed)
    print(f"{meta['stations']} stations, {meta['rows']} hourly rows, {meta['sources']} sources → {args.out}")


if __name__ == "__main__":
    main()
