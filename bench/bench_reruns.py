"""Server CPU of reruns and of new sessions' first views, per page and unit set (issue 13, rerun part).

    .venv/bin/python bench/bench_reruns.py                  # the five pages at 10, 58 and 99 units, and the baseline
    .venv/bin/python bench/bench_reruns.py --repeats 5      # median of 5 (default 3)

Each page runs in Streamlit's AppTest (the page's script as the server runs it, without a browser), in this one
process, so the caches shared by sessions (st.cache_data, st.cache_resource) are warm as on a running server. CPU is
the process's (user + system, ``time.process_time``) while the run lasts. Per page and unit set:
- **cold**: the first view of this page and unit set since the process started (what the first person pays);
- **new session**: another session's first view of the same page, server warm (every other person in a meeting);
- **unchanged**: a rerun of that session with nothing changed;
- **change, new**: one control changed to a value nobody chose before (the map's content may be new: built once);
- **change**: the same control switched back and forth between values seen before (the usual rerun; goal ≤ 0.3 s).

A row "AppTest alone" is the cost of AppTest itself (a one-line script): it is inside every figure, so a page's
own work is its figure minus that row. The baseline is bench/baseline_app.py (st_folium of the 99 communes, nothing
else), measured the same way in the same run: its first view, a new session's first view and its rerun. Every figure
is printed with its ratio to the baseline's figure of the same column (for the change columns: to its rerun). The
first "cold" figure also pays for importing the page's modules.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BGGM_TILES", "none")

from streamlit.testing.v1 import AppTest  # noqa: E402

HARNESS = ROOT / "tests" / "page_harness.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
SETS = {"districts_2019": 10, "communes_2025": 58, "communes_2025_all": 99}


@dataclass(frozen=True)
class Page:
    module: str  # ui.<module>.page()
    path: str  # the page's URL path in the app
    control: str  # what is changed: "<widget kind>:<key>"
    values: tuple[Any, Any]  # the two values switched between (the first is new at the first change)
    params: tuple[tuple[str, str], ...] = ()  # more query parameters (the progress page's map tab)
    sets: tuple[str, ...] = tuple(SETS)


PAGES = {
    "home": Page("home", "ban-do", "selectbox:unit_code", ("first", "")),
    "wastewater": Page("wastewater", "nuoc-thai", "radio:ww_measure", ("compliant_pct", "share_pct")),
    "forest": Page("forest", "rung", "select_slider:forest_opacity", (50, 70)),
    "air": Page("air_quality", "khong-khi", "selectbox:aq_pollutant", ("so2", "dust"), sets=("districts_2019",)),
    "progress": Page("targets", "tien-do", "select_slider:tgt_year", ("previous", "last"), params=(("tab", "map"),)),
}


def cpu_of(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def session(page: Page, unit_set: str) -> AppTest:
    at = AppTest.from_file(str(HARNESS), default_timeout=300)
    at.session_state["_page"] = page.module
    at.query_params["units"] = unit_set
    for name, value in page.params:
        at.query_params[name] = value
    return at


def checked(at: AppTest) -> AppTest:
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return at


def widget(at: AppTest, control: str) -> Any:
    kind, key = control.split(":")
    return getattr(at, kind)(key=key)


def resolve(at: AppTest, page: Page, unit_set: str) -> tuple[Any, Any]:
    """The two values to switch between, for a page whose options depend on the data."""
    if page.values == ("first", ""):  # a unit of the set, then the whole province
        from layers import loader
        from layers.registry import unit_set_layer

        return str(loader.load(unit_set_layer(unit_set))["code"].sort_values().iloc[0]), ""
    if page.values == ("previous", "last"):
        years = [int(o) for o in widget(at, page.control).options]
        return years[-2], years[-1]
    return page.values


def measure(page: Page, unit_set: str, repeats: int) -> dict[str, float] | None:
    first = session(page, unit_set)
    cold = cpu_of(lambda: checked(first.run()))
    shown = [r for r in first.radio if r.key in {"unit_set", "ww_unit_set", "forest_unit_set", "tgt_set"}]
    if shown and shown[0].value != unit_set:
        return None  # the page does not offer this unit set
    news, unchanged, changes = [], [], []
    a, b = resolve(first, page, unit_set)
    at = session(page, unit_set)
    news.append(cpu_of(lambda: checked(at.run())))
    new_change = cpu_of(lambda: checked(widget(at, page.control).set_value(a).run()))
    for _ in range(repeats):
        unchanged.append(cpu_of(lambda: checked(at.run())))
        changes.append(cpu_of(lambda: checked(widget(at, page.control).set_value(b).run())))
        changes.append(cpu_of(lambda: checked(widget(at, page.control).set_value(a).run())))
    for _ in range(repeats - 1):
        other = session(page, unit_set)
        news.append(cpu_of(lambda other=other: checked(other.run())))  # type: ignore[misc]
    return {
        "cold": cold,
        "new session": statistics.median(news),
        "unchanged": statistics.median(unchanged),
        "change, new": new_change,
        "change": statistics.median(changes),
    }


def measure_baseline(repeats: int) -> dict[str, float]:
    first = AppTest.from_file(str(BASELINE), default_timeout=300)
    cold = cpu_of(lambda: checked(first.run()))
    news = [
        cpu_of(lambda: checked(AppTest.from_file(str(BASELINE), default_timeout=300).run())) for _ in range(repeats)
    ]
    reruns = [cpu_of(lambda: checked(first.run())) for _ in range(repeats)]
    rerun = statistics.median(reruns)
    return {"cold": cold, "new session": statistics.median(news), "unchanged": rerun, "change, new": rerun,
            "change": rerun}  # fmt: skip


def measure_floor(repeats: int) -> dict[str, float]:
    """AppTest's own cost (a script writing one line): part of every figure, not of the server's work."""
    script = "import streamlit as st\nst.write('x')\n"
    first = AppTest.from_string(script, default_timeout=60)
    cold = cpu_of(lambda: checked(first.run()))
    news = [cpu_of(lambda: checked(AppTest.from_string(script, default_timeout=60).run())) for _ in range(repeats)]
    rerun = statistics.median(cpu_of(lambda: checked(first.run())) for _ in range(repeats))
    return {"cold": cold, "new session": statistics.median(news), "unchanged": rerun, "change, new": rerun,
            "change": rerun}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    base = measure_baseline(args.repeats)
    columns = list(base)
    header = "| page | units | " + " | ".join(f"{c} CPU s | ÷ base" for c in columns) + " |"
    print(header)
    print("|---|---:|" + "---:|---:|" * len(columns))
    print("| baseline (folium, 99 communes) | 99 | " + " | ".join(f"{base[c]:.2f} | 1.00" for c in columns) + " |")
    floor = measure_floor(args.repeats)
    print("| AppTest alone (one line) | — | " + " | ".join(f"{floor[c]:.2f} | {floor[c] / base[c]:.2f}"
                                                       for c in columns) + " |")  # fmt: skip
    for name in args.pages:
        page = PAGES[name]
        for unit_set in page.sets:
            row = measure(page, unit_set, args.repeats)
            if row is None:
                print(f"| {name} | {SETS[unit_set]} | " + " | ".join("— | —" for _ in columns) + " |")
                continue
            cells = " | ".join(f"{row[c]:.2f} | {row[c] / base[c]:.2f}" for c in columns)
            print(f"| {name} | {SETS[unit_set]} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
