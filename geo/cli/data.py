"""``python -m geo data fetch|build|check``: the boundary data pipeline."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.boundaries import build as boundaries
from geo.boundaries import sources
from geo.errors import Lang


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def run_fetch(args: argparse.Namespace) -> int:
    paths = sources.fetch_all(progress=lambda i, n, key: _say(f"[{i}/{n}] {key}") if args.verbose else None)
    print(f"Đã tải và kiểm tra sha256 {len(paths)} tệp nguồn.")
    return 0


def run_build(args: argparse.Namespace) -> int:
    changed = boundaries.build(force=args.force, progress=_say)
    print("Đã dựng lại các lớp ranh giới." if changed else "Không có gì thay đổi.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    lang: Lang = "en" if getattr(args, "lang", "vi") == "en" else "vi"
    for line in boundaries.check(lang=lang):
        print(line)
    print("Kiểm tra đạt." if lang == "vi" else "Check passed.")
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("data", help="tải, dựng và kiểm tra dữ liệu ranh giới (fetch, build, check)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", help="tải các tệp nguồn đã ghim và kiểm tra sha256")
    fetch.add_argument("-v", "--verbose", action="store_true")
    fetch.set_defaults(func=run_fetch)
    build = actions.add_parser("build", help="dựng các lớp ranh giới chuẩn hóa (chỉ khi nguồn thay đổi)")
    build.add_argument("--force", action="store_true", help="dựng lại kể cả khi nguồn không đổi")
    build.set_defaults(func=run_build)
    check = actions.add_parser("check", help="kiểm tra số đơn vị 1/10/58/99 và tổng diện tích (±0,1 %)")
    check.set_defaults(func=run_check)
