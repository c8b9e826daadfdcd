"""``python -m geo aqi [HOURLY.csv] --out OUT.csv [--daily]``: VN_AQI from hourly monitoring data.

By default the measurements are the store's current ``aq_hourly`` rows (the store ``BGGM_DATABASE_URL`` names, seeded
by ``python -m geo db init``), their station ids checked against its ``aq_stations``; the output then carries an
``illustrative`` column (the station's flag, as the page's downloads do). A file to try out (``HOURLY.csv``, CSV or
XLSX) is read with :func:`geo.io.files.read_table` and validated instead (every problem listed at once). The hourly
AQI (or the daily AQI with ``--daily``) is written with :func:`geo.io.files.write_table`: times as
``YYYY-MM-DD HH:MM`` (dates as ``YYYY-MM-DD``), empty cells where a value is missing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

from geo.air.aqi import daily_aqi, hourly_aqi, validate_hourly
from geo.air.load import stored_hourly
from geo.io.cells import safe_table
from geo.io.files import read_table, write_table
from geo.store import versions


def _measurements(path: str | None) -> tuple[pd.DataFrame, dict[str, bool] | None, str]:
    """The hourly table, the stations' illustrative flags (store only), and where the table came from."""
    if path:
        source = Path(path)
        return validate_hourly(read_table(source, raw=True), file=source.name), None, source.name
    stations, _ = versions.current_version("aq_stations")
    rows, version = versions.current_version("aq_hourly")
    flags = dict(zip(stations["id"], stations["illustrative"].astype(bool), strict=True))
    return stored_hourly(rows, tuple(flags)), flags, f"aq_hourly v{version}"


def run(args: argparse.Namespace) -> int:
    hourly, flags, source = _measurements(args.hourly)
    if args.daily:
        result = daily_aqi(hourly)
        result["date"] = result["date"].astype(str)
    else:
        result = hourly_aqi(hourly)
        result["time"] = result["time"].dt.strftime("%Y-%m-%d %H:%M")
    if flags is not None:
        result["illustrative"] = result["station_id"].map(flags).fillna(False).astype(bool)
    path = write_table(safe_table(result), args.out)
    kind = "ngày" if args.daily else "giờ"
    note = ""
    if flags is not None and result["illustrative"].any():
        note = f"; {int(result['illustrative'].sum())} dòng là số liệu MINH HỌA (cột illustrative)"
    print(f"Đã ghi {len(result)} dòng AQI theo {kind} vào {path} từ {source}{note}")
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "aqi",
        help="tính VN_AQI (QĐ 1459/QĐ-TCMT) từ số liệu quan trắc theo giờ trong kho dữ liệu (hoặc một tệp)",
        description="Tính VN_AQI giờ (hoặc ngày với --daily) từ số liệu quan trắc theo giờ: mặc định aq_hourly trong "
        "kho dữ liệu; hoặc một tệp station_id, time, pm25, pm10, o3, no2, so2, co muốn thử.",
    )
    parser.add_argument(
        "hourly", metavar="HOURLY.csv", nargs="?", default=None,
        help="tệp quan trắc theo giờ muốn thử (.csv hoặc .xlsx); mặc định: aq_hourly trong kho dữ liệu",
    )  # fmt: skip
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="tệp kết quả (.csv hoặc .xlsx)")
    parser.add_argument("--daily", action="store_true", help="tính AQI ngày thay vì AQI giờ")
    parser.set_defaults(func=run)
