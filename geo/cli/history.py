"""``python -m geo history DATASET [--json]``: a dataset's change sets, newest first."""

from __future__ import annotations

import argparse
from typing import Any

from geo.store import history
from geo.store.catalog import CATALOG


def run(args: argparse.Namespace) -> int:
    table = history.history(args.dataset)
    if args.json:
        print(table.to_json(orient="records", date_format="iso", force_ascii=False, indent=1))
        return 0
    if table.empty:
        print("Chưa có phiên bản nào." if args.lang == "vi" else "No version yet.")
        return 0
    shown = table.assign(
        rows=table["added"].map("+{}".format)
        + " ~"
        + table["changed"].astype(str)
        + " -"
        + table["removed"].astype(str),
        created_at=table["created_at"].map(lambda t: f"{t:%Y-%m-%d %H:%M}"),
    )[["version", "created_at", "user_name", "kind", "rows", "base_version", "reason", "source_name", "freezes"]]
    print(shown.to_string(index=False))
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("history", help="lịch sử thay đổi của một tập dữ liệu")
    parser.add_argument("dataset", choices=tuple(CATALOG), metavar="DATASET")
    parser.add_argument("--json", action="store_true", help="in ra JSON")
    parser.set_defaults(func=run)
