"""``python -m geo freeze DATASET VERSION --label TEXT --user NAME``: keep a version as the figures reported for a
period (e.g. "giữa kỳ 2025"). A label names one version for ever. Admins only."""

from __future__ import annotations

import argparse
from typing import Any

from geo.store import history
from geo.store.catalog import CATALOG


def run(args: argparse.Namespace) -> int:
    history.freeze(args.dataset, args.version, args.label, user=args.user)
    print(
        f"Đã đóng băng {args.dataset} phiên bản {args.version}: «{args.label}»"
        if args.lang == "vi"
        else f"Froze {args.dataset} version {args.version}: «{args.label}»"
    )
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("freeze", help="đóng băng một phiên bản với một nhãn (quản trị viên)")
    parser.add_argument("dataset", choices=tuple(CATALOG), metavar="DATASET")
    parser.add_argument("version", type=int)
    parser.add_argument("--label", required=True)
    parser.add_argument("--user", required=True)
    parser.set_defaults(func=run)
