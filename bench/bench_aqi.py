"""Benchmark of geo.air.aqi: one year of hourly data for 100 stations (876,000 rows).

Run: ``.venv/bin/python bench/bench_aqi.py``. Times ``hourly_aqi`` and ``daily_aqi`` (best of 3) and, as a named
baseline in the same run, a naive per-row Python loop (sub-index + NowCast, the way it is often written) on 2
stations, extrapolated to 100. Prints a table, the speed-up and the peak memory (``resource.getrusage``).
"""

from __future__ import annotations

import math
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.air.aqi import BREAKPOINTS, INDEX_LEVELS, daily_aqi, hourly_aqi, validate_hourly

STATIONS = 100
HOURS = 365 * 24
MISSING = 0.03
BASELINE_STATIONS = 2


def make_data(stations: int = STATIONS, hours: int = HOURS, seed: int = 20241125) -> pd.DataFrame:
    """Seeded, realistic ranges: log-normal PM with a daily cycle, O3 peaking in the afternoon, ~3 % missing."""
    rng = np.random.default_rng(seed)
    n = stations * hours
    hour_of_day = np.tile(np.arange(hours) % 24, stations)
    cycle = 1.0 + 0.3 * np.cos((hour_of_day - 20) / 24 * 2 * np.pi)
    station_level = np.repeat(rng.uniform(0.6, 1.6, stations), hours)
    pm25 = rng.lognormal(math.log(35), 0.6, n) * cycle * station_level
    frame = pd.DataFrame(
        {
            "station_id": np.repeat([f"BG{i:03d}" for i in range(stations)], hours),
            "time": np.tile(pd.date_range("2024-01-01", periods=hours, freq="h").to_numpy(), stations),
            "pm25": pm25,
            "pm10": pm25 * rng.uniform(1.3, 2.0, n),
            "o3": rng.gamma(4.0, 15.0, n) * (1.6 - 0.6 * cycle),
            "no2": rng.gamma(3.0, 12.0, n) * cycle,
            "so2": rng.gamma(2.0, 10.0, n),
            "co": rng.gamma(5.0, 250.0, n) * cycle,
        }
    )
    for name in ("pm25", "pm10", "o3", "no2", "so2", "co"):
        frame.loc[rng.random(n) < MISSING, name] = np.nan
    return frame


def naive_sub_index(c: float, table: tuple[float, ...]) -> float:
    if c != c:  # NaN
        return math.nan
    if c >= table[-1]:
        return 500.0
    for i in range(len(table) - 1):
        lo, hi = table[i], table[i + 1]
        if lo <= c <= hi:
            return (INDEX_LEVELS[i + 1] - INDEX_LEVELS[i]) / (hi - lo) * (c - lo) + INDEX_LEVELS[i]
    return math.nan


def naive_nowcast(history: list[float]) -> float:
    """``history``: the last 12 hourly values, current hour first."""
    present = [c for c in history if c == c]
    if sum(1 for c in history[:3] if c == c) < 2:
        return math.nan
    high, low = max(present), min(present)
    w = 1.0 if high == 0 else low / high
    w = 0.5 if w <= 0.5 else w
    num = den = 0.0
    for i, c in enumerate(history):
        if c == c:
            num += w**i * c
            den += w**i
    return num / den


def naive_hourly(frame: pd.DataFrame) -> list[float]:
    """Per-row loop: rows assumed complete and sorted per station (as a naive implementation would)."""
    out: list[float] = []
    for _, rows in frame.groupby("station_id"):
        records = rows.to_dict("records")
        for i, row in enumerate(records):
            subs = []
            for pm in ("pm25", "pm10"):
                history = [records[j][pm] if j >= 0 else math.nan for j in range(i, i - 12, -1)]
                subs.append(naive_sub_index(naive_nowcast(history), BREAKPOINTS[pm]))
            subs.append(naive_sub_index(row["o3"], BREAKPOINTS["o3_1h"]))
            for gas in ("no2", "so2", "co"):
                subs.append(naive_sub_index(row[gas], BREAKPOINTS[gas]))
            known = [s for s in subs if s == s]
            out.append(math.floor(round(max(known), 6) + 0.5) if subs[0] == subs[0] or subs[1] == subs[1] else -1)
    return out


def best_of(runs: int, job: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    start = time.perf_counter()
    data = make_data()
    print(f"Dữ liệu: {len(data):,} dòng, {STATIONS} trạm × {HOURS} giờ ({time.perf_counter() - start:.1f} s để tạo)")
    t_valid = best_of(3, lambda: validate_hourly(data, file="bench"))
    t_hourly = best_of(3, lambda: hourly_aqi(data))
    t_daily = best_of(3, lambda: daily_aqi(data))
    subset = data[data["station_id"].isin([f"BG{i:03d}" for i in range(BASELINE_STATIONS)])]
    t_naive_subset = best_of(1, lambda: naive_hourly(subset))
    t_naive = t_naive_subset * STATIONS / BASELINE_STATIONS

    fast = hourly_aqi(subset)["vn_aqi"].fillna(-1).to_numpy()
    agree = np.array_equal(fast, np.asarray(naive_hourly(subset)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("validate_hourly (typed columns)", f"{len(data):,}", t_valid),
        ("hourly_aqi (vectorised)", f"{len(data):,}", t_hourly),
        ("daily_aqi (vectorised)", f"{len(data):,}", t_daily),
        (f"baseline: naive loop, {BASELINE_STATIONS} trạm", f"{len(subset):,}", t_naive_subset),
        ("baseline: naive loop, extrapolated", f"{len(data):,}", t_naive),
    ]
    print(f"{'step':<42}{'rows':>10}{'seconds':>10}")
    for name, n, seconds in rows:
        print(f"{name:<42}{n:>10}{seconds:>10.2f}")
    print(f"speed-up of hourly_aqi over the naive loop: {t_naive / t_hourly:,.0f}×")
    print(f"naive and vectorised hourly AQI agree on the subset: {agree}")
    print(f"peak memory (ru_maxrss): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
