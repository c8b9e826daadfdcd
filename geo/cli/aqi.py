"""``python -m geo aqi HOURLY.csv --out OUT.csv [--daily]``: VN_AQI from an hourly monitoring table.

Reads the table with :func:`geo.io.files.read_table` (CSV, XLSX), validates it (every problem listed at once), computes
the hourly AQI (or the daily AQI with ``--daily``) and writes it with :func:`geo.io.files.write_table`: times as
``YYYY-MM-DD HH:MM`` (dates as ``YYYY-MM-DD``), empty cells where a value is missing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo.air.aqi import daily_aqi, hourly_aqi, validate_hourly
from geo.io.cells import safe_table
from geo.io.files import read_table, write_table


def run(args: argparse.Namespace) -> int:
    source = Path(args.hourly)
    table = read_table(source, raw=True)
    hourly = validate_hourly(table, file=source.name)
    if args.daily:
        result = daily_aqi(hourly)
        result["date"] = result["date"].astype(str)
    else:
        result = hourly_aqi(hourly)
        result["time"] = result["time"].dt.strftime("%Y-%m-%d %H:%M")
    path = write_table(safe_table(result), args.out)
    kind = "ngày" if args.daily else "giờ"
    print(f"Đã ghi {len(result)} dòng AQI theo {kind} vào {path}")
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "aqi",
        help="tính VN_AQI (QĐ 1459/QĐ-TCMT) từ bảng quan trắc theo giờ",
        description="Tính VN_AQI giờ (hoặc ngày với --daily) từ bảng station_id, time, pm25, pm10, o3, no2, so2, co.",
    )
    parser.add_argument("hourly", metavar="HOURLY.csv", help="bảng quan trắc theo giờ (.csv hoặc .xlsx)")
    parser.add_argument("--out", required=True, metavar="OUT.csv", help="tệp kết quả (.csv hoặc .xlsx)")
    parser.add_argument("--daily", action="store_true", help="tính AQI ngày thay vì AQI giờ")
    parser.set_defaults(func=run)
