"""``python -m geo restore DATASET VERSION --user NAME --reason TEXT``: make an earlier version current again.

The restore is itself a new change set (nothing is deleted; the restored-over version stays in the history).
Admins only.
"""

from __future__ import annotations

import argparse
from typing import Any

from geo.store import history
from geo.store.catalog import CATALOG


def run(args: argparse.Namespace) -> int:
    result = history.restore(args.dataset, args.version, user=args.user, reason=args.reason)
    counts = f"+{result.added} ~{result.changed} -{result.removed}"
    if not result.written:
        print(
            "Không có gì thay đổi: dữ liệu hiện tại đã giống phiên bản đó."
            if args.lang == "vi"
            else "Nothing changed: the current data already equals that version."
        )
    else:
        print(
            f"Đã khôi phục {args.dataset} về phiên bản {args.version}: phiên bản mới {result.version} ({counts})"
            if args.lang == "vi"
            else f"Restored {args.dataset} to version {args.version}: new version {result.version} ({counts})"
        )
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("restore", help="khôi phục một tập dữ liệu về một phiên bản trước (quản trị viên)")
    parser.add_argument("dataset", choices=tuple(CATALOG), metavar="DATASET")
    parser.add_argument("version", type=int)
    parser.add_argument("--user", required=True)
    parser.add_argument("--reason", required=True)
    parser.set_defaults(func=run)
