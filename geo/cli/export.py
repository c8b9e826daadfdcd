"""``python -m geo export DATASET FILE [--version N]``: a dataset's rows as .csv, .xlsx or .gpkg (by extension)."""

from __future__ import annotations

import argparse
from typing import Any

from geo.store.catalog import CATALOG
from geo.store.exports import export_file
from geo.store.history import version_note


def run(args: argparse.Namespace) -> int:
    version = export_file(args.dataset, args.file, args.version)
    note = version_note(args.dataset, version)
    print(f"Đã xuất {note} vào {args.file}" if args.lang == "vi" else f"Exported {note} to {args.file}")
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("export", help="xuất một tập dữ liệu ra .csv, .xlsx hoặc .gpkg")
    parser.add_argument("dataset", choices=tuple(CATALOG), metavar="DATASET")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--version", type=int, default=None, help="một phiên bản trước (mặc định: hiện tại)")
    parser.set_defaults(func=run)
