"""``python -m geo import DATASET FILE --user NAME --reason TEXT [--dry-run] [--replace]``: one change set.

The file (CSV or XLSX with the dataset's columns; ``python -m geo export DATASET mau.csv`` gives one) is validated
whole; every problem is listed with its row and the command exits 2, writing nothing. A valid file is written as one
change set based on the version current when the command started (refused, exit 2, if someone changed the same
rows meanwhile). Rows are added or changed; ``--replace`` also removes the rows the file lacks. ``--dry-run``
validates and counts without writing. The user must be an editor granted the dataset, or an admin.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo.io import archive
from geo.store import versions
from geo.store.catalog import CATALOG, dataset
from geo.store.engine import reading
from geo.store.users import require_write


def run(args: argparse.Namespace) -> int:
    ds = dataset(args.dataset)
    with reading() as conn:
        require_write(conn, args.user, ds.name)
    base = versions.head_version(ds.name)
    path = Path(args.file)
    frame = ds.read(path)
    result = versions.write(
        ds.name,
        frame,
        user=args.user,
        reason=args.reason,
        base_version=base,
        mode="replace" if args.replace else "upsert",
        source_name=path.name,
        source_sha256=archive.sha256(path),
        dry_run=args.dry_run,
    )
    counts = f"+{result.added} ~{result.changed} -{result.removed}"
    vi = args.lang == "vi"
    if args.dry_run:
        print(
            f"Tệp hợp lệ ({len(frame)} dòng); sẽ ghi {counts} lên phiên bản {result.version} (chưa ghi: --dry-run)"
            if vi
            else f"The file is valid ({len(frame)} rows); would write {counts} on version {result.version} "
            "(nothing written: --dry-run)"
        )
    elif not result.written:
        print(
            f"Không có gì thay đổi; {ds.name} vẫn ở phiên bản {result.version}."
            if vi
            else f"Nothing changed; {ds.name} stays at version {result.version}."
        )
    else:
        merged = (
            (" (gộp với thay đổi của người khác)" if vi else " (merged with someone else's)") if result.merged else ""
        )
        print(
            f"Đã ghi {ds.name} phiên bản {result.version}: {counts}{merged}"
            if vi
            else f"Wrote {ds.name} version {result.version}: {counts}{merged}"
        )
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("import", help="nhập một tệp vào một tập dữ liệu của kho (một lần thay đổi)")
    parser.add_argument("dataset", choices=tuple(CATALOG), metavar="DATASET")
    parser.add_argument("file", metavar="FILE", help="CSV hoặc XLSX với các cột của tập dữ liệu")
    parser.add_argument("--user", required=True, help="người ghi (biên tập viên được cấp quyền hoặc quản trị viên)")
    parser.add_argument("--reason", required=True, help="lý do thay đổi")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    parser.add_argument("--replace", action="store_true", help="xóa các dòng không có trong tệp (mặc định: giữ)")
    parser.set_defaults(func=run)
