"""What the page "Không khí & nguồn thải" costs on the shipped year of data (8 stations, 60,995 station-hours).

Run: ``.venv/bin/python bench/bench_air_quality_page.py``. Times (best of 3) each step the page caches once per
version of the data files (read + validate, hourly and daily VN_AQI, QCVN 05 exceedances, completeness), the steps
it repeats on every rerun (a station snapshot, the folium map), and a whole page run through Streamlit's AppTest,
cold (empty cache) and warm.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.air.aqi import daily_aqi, hourly_aqi  # noqa: E402
from geo.air.load import load_hourly, load_sources, load_stations  # noqa: E402
from geo.air.qcvn05 import completeness, exceedances  # noqa: E402
from geo.air.stations import day_snapshot  # noqa: E402
from layers import air_quality_map as aqmap  # noqa: E402
from layers import render  # noqa: E402


def best(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    stations, sources = load_stations(), load_sources()
    ids = tuple(stations["id"])
    hourly = load_hourly(stations=ids)
    daily = daily_aqi(hourly)
    day = dt.date(2026, 10, 31)
    snapshot = day_snapshot(daily, hourly, ids, day)

    def map_html() -> str:
        m = render.base_map("none")
        aqmap.sources_layer(sources, "dust", lang="vi").add_to(m)
        aqmap.stations_layer(stations, snapshot, lang="vi", period="ngày 31/10/2026").add_to(m)
        aqmap.aqi_legend("vi").add_to(m)
        return str(m.get_root().render())

    rows = [
        ("read + validate the hourly CSV", best(lambda: load_hourly(stations=ids))),
        ("hourly VN_AQI (NowCast)", best(lambda: hourly_aqi(hourly))),
        ("daily VN_AQI", best(lambda: daily_aqi(hourly))),
        ("QCVN 05:2023 exceedances", best(lambda: exceedances(hourly))),
        ("completeness per station-day", best(lambda: completeness(hourly, "D"))),
        ("per rerun: day snapshot of 8 stations", best(lambda: day_snapshot(daily, hourly, ids, day))),
        ("per rerun: folium map (stations, sources, legend)", best(map_html)),
    ]
    from streamlit.testing.v1 import AppTest

    os.environ["BGGM_TILES"] = "none"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at._page_hash = next(h for h, p in at._registered_pages.items() if p["url_pathname"] == "khong-khi")
    start = time.perf_counter()
    at.run()
    rows.append(("whole page, cold cache (AppTest)", time.perf_counter() - start))
    rows.append(("whole page, warm cache (AppTest)", best(at.run)))
    print(f"{len(hourly):,} station-hours, {len(ids)} stations, {len(sources)} sources")
    for name, seconds in rows:
        print(f"{name:<52} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
