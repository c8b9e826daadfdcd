"""Generate data/monitoring/indicator_values.csv: the long table of indicator values by target, unit and year.

Real values are kept with their source (forest cover 2020: province 38.0 %, Sơn Động 71.8 %, Yên Thế 44.9 %,
Lục Ngạn 43.3 %, Hiệp Hòa 0.8 %). Everything else is ILLUSTRATIVE: a seeded random walk from an invented 2020
baseline toward the 2030 target, flagged `illustrative=true` in every row. Figures the app computes elsewhere
(target 7 from the KCN/CCN register, target 5a from the forest layer) are not typed here beyond their 2020 baseline:
they are fed into the table at run time.

    python scripts/make_indicator_values.py            # writes the file (seed 1026)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.io import files as io  # noqa: E402

SEED = 1026
YEARS = range(2020, 2026)
DISTRICTS = ["213", "215", "216", "217", "218", "219", "220", "221", "222", "223"]
FOREST_SRC = "kinhtenongthon.vn/do-che-phu-rung-tinh-bac-giang-dat-38-post40840.html (hiện trạng rừng 2020)"
REAL = {  # (target, unit_set, unit_code, year) -> value
    ("5a", "province", "24", 2020): 38.0,
    ("5a", "districts_2019", "220", 2020): 71.8,
    ("5a", "districts_2019", "215", 2020): 44.9,
    ("5a", "districts_2019", "219", 2020): 43.3,
    ("5a", "districts_2019", "223", 2020): 0.8,
}
# illustrative 2020 province baseline and 2025 level per target (None: fed by the app after 2020)
PATHS: dict[str, tuple[float, float | None]] = {
    "1": (1.2, 1.6), "2": (0.6, 1.8), "3": (12.0, 19.5), "4a": (25.0, 38.0), "4b": (30.0, 41.0), "4c": (10.0, 17.0),
    "4d": (40.0, 61.0), "4e": (45.0, 63.0), "5a": (38.0, None), "5b": (0.0, 4800.0), "6": (8.0, 15.5),
    "7": (55.0, None), "8": (70.0, 79.0), "9": (76.0, 88.0), "10a": (30.0, 46.0), "10b": (5.0, 14.0),
    "11": (5.0, 11.0), "12": (0.0, 0.0), "13": (0.700, 0.716), "14": (0.0, 0.0), "15a": (80.0, 88.5),
    "15b": (95.0, 98.0), "15c": (75.0, 85.5),
}  # fmt: skip
FED = {"5a", "7"}


def _walk(rng: np.random.Generator, start: float, end: float, lo: float, hi: float) -> list[float]:
    steps = np.linspace(start, end, len(YEARS)) + np.concatenate([[0], rng.normal(0, abs(end - start) * 0.08, 5)])
    return [float(np.clip(v, lo, hi)) for v in steps]


def generate(register: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for t in register.itertuples(index=False):
        tid = str(t.id)
        start, end = PATHS[tid]
        lo, hi = float(t.min_value), float(t.max_value)
        units = [("province", "24")] + (
            [("districts_2019", d) for d in DISTRICTS] if t.level == "districts_2019" else []
        )
        for unit_set, code in units:
            offset = 0.0 if unit_set == "province" else rng.normal(0, max(abs(start) * 0.15, 0.02 * (hi - lo)))
            if t.direction == "milestone":
                series = [end] * len(YEARS)
            elif end is None:
                series = [start + offset]
            else:
                series = _walk(rng, start + offset, end + offset, lo, hi)
            for year, value in zip(YEARS, series, strict=False):
                key = (tid, unit_set, code, year)
                real = key in REAL
                rows.append(
                    {
                        "target_id": tid,
                        "unit_set": unit_set,
                        "unit_code": code,
                        "year": year,
                        "value": REAL[key] if real else round(value, 3 if hi <= 1 else 1),
                        "source": FOREST_SRC if real else "minh họa (scripts/make_indicator_values.py, seed 1026)",
                        "illustrative": not real,
                    }
                )
    return pd.DataFrame(rows)


def main() -> None:
    register = io.read_table(ROOT / "data" / "monitoring" / "targets.csv", dtype={"id": "str"})
    table = generate(register)
    io.write_table(table, ROOT / "data" / "monitoring" / "indicator_values.csv")
    print(f"{len(table)} rows, {int((~table['illustrative']).sum())} real")


if __name__ == "__main__":
    main()
