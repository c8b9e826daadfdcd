"""``python -m geo db init|backup|restore``: create or migrate the data store, back it up, restore it.

python -m geo db init                      # create/migrate the store (BGGM_DATABASE_URL), seed it when empty
python -m geo db backup sao_luu.gpkg       # every dataset's current rows + the history tables, for QGIS too
python -m geo db restore sao_luu.gpkg [--replace]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.store import backup, seed
from geo.store.engine import database_url


def _where() -> str:
    url = database_url()
    return url.split("@")[-1] if "@" in url else url  # never print a password


def run_init(args: argparse.Namespace) -> int:
    report = seed.init_store(seed=not args.no_seed, progress=lambda line: print(line, file=sys.stderr))
    vi = args.lang == "vi"
    if report.migrated:
        done = "Đã tạo/cập nhật cấu trúc kho" if vi else "Created/migrated the store"
    else:
        done = "Kho đã ở phiên bản cấu trúc mới nhất" if vi else "The store's schema is up to date"
    seeded = ", ".join(f"{name} ({rows})" for name, rows in report.seeded.items())
    if seeded:
        done += ("; đã nạp phiên bản 1: " if vi else "; seeded version 1: ") + seeded
    print(done + f" [{_where()}]")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    path = backup.backup(args.file)
    print(("Đã sao lưu toàn bộ kho vào " if args.lang == "vi" else "Backed up the whole store to ") + str(path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    versions = backup.restore_backup(args.file, replace=args.replace)
    listed = ", ".join(f"{name} v{version}" for name, version in versions.items())
    print(("Đã khôi phục kho từ " if args.lang == "vi" else "Restored the store from ") + f"{args.file}: {listed}")
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("db", help="kho dữ liệu: tạo/cập nhật (init), sao lưu (backup), khôi phục (restore)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    init = actions.add_parser("init", help="tạo hoặc cập nhật kho; nạp dữ liệu kèm theo khi kho trống")
    init.add_argument("--no-seed", action="store_true", help="không nạp dữ liệu kèm theo")
    init.set_defaults(func=run_init)
    save = actions.add_parser("backup", help="sao lưu toàn bộ kho ra một GeoPackage (mở được bằng QGIS)")
    save.add_argument("file", metavar="FILE.gpkg")
    save.set_defaults(func=run_backup)
    load = actions.add_parser("restore", help="khôi phục kho từ một bản sao lưu GeoPackage")
    load.add_argument("file", metavar="FILE.gpkg")
    load.add_argument("--replace", action="store_true", help="thay toàn bộ kho đang có dữ liệu bằng bản sao lưu")
    load.set_defaults(func=run_restore)
