"""``python -m geo users add|list|passwd|audit``: the store's users (a command-line user is trusted by OS access).

    echo 'mật khẩu dài' | python -m geo users add lan --role editor --grant indicator_values --grant kcn_ccn
    python -m geo users list
    echo 'mật khẩu mới' | python -m geo users passwd lan
    python -m geo users audit [--user lan] [--action login_failed] [--out nhat_ky.csv]

The password comes from standard input (asked twice, hidden, when it is a terminal). The first admin is made here.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from geo.errors import Problem, Text
from geo.io.files import write_table
from geo.store import users
from geo.store.audit import audit_log
from geo.store.catalog import CATALOG
from geo.store.errors import PermissionDeniedError


def read_password() -> str:
    if sys.stdin.isatty():
        first, second = getpass.getpass("Mật khẩu / password: "), getpass.getpass("Nhập lại / again: ")
        if first != second:
            raise PermissionDeniedError(
                Problem(
                    field="password",
                    expected=Text("hai lần nhập giống nhau", "the same password twice"),
                    fix=Text("nhập lại", "try again"),
                )
            )
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_add(args: argparse.Namespace) -> int:
    info = users.add_user(args.name, args.role, read_password(), grants=args.grant or ())
    grants = ", ".join(info.grants) or "—"
    print(
        f"Đã tạo người dùng {info.name} ({info.role}; quyền ghi: {grants})"
        if args.lang == "vi"
        else f"Added user {info.name} ({info.role}; may write: {grants})"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    table = users.list_users()
    print(table.to_string(index=False))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    users.set_password(args.name, read_password(), by=users.SYSTEM)
    print(
        "Đã đổi mật khẩu; mọi phiên đăng nhập cũ đã kết thúc."
        if args.lang == "vi"
        else "Password changed; every earlier session has ended."
    )
    return 0


def run_audit(args: argparse.Namespace) -> int:
    table = audit_log(user=args.user, action=args.action, limit=args.limit)
    if args.out:
        write_table(table, args.out)
        print(
            f"Đã ghi {len(table)} dòng nhật ký vào {args.out}"
            if args.lang == "vi"
            else f"Wrote {len(table)} audit entries to {args.out}"
        )
    else:
        print(table.to_string(index=False))
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("users", help="người dùng của kho dữ liệu: thêm, liệt kê, đổi mật khẩu")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="thêm người dùng (mật khẩu đọc từ đầu vào chuẩn)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=users.ROLES)
    add.add_argument(
        "--grant",
        action="append",
        metavar="DATASET",
        choices=tuple(CATALOG),
        help="tập dữ liệu biên tập viên được ghi (lặp lại được)",
    )
    add.set_defaults(func=run_add)
    actions.add_parser("list", help="liệt kê người dùng").set_defaults(func=run_list)
    passwd = actions.add_parser("passwd", help="đặt mật khẩu mới (đọc từ đầu vào chuẩn)")
    passwd.add_argument("name")
    passwd.set_defaults(func=run_passwd)
    audit = actions.add_parser("audit", help="nhật ký ghi và đăng nhập (mới nhất trước)")
    audit.add_argument("--user", default=None, help="chỉ của người dùng này")
    audit.add_argument("--action", default=None, help="chỉ loại này (login, login_failed, import, restore, …)")
    audit.add_argument("--limit", type=int, default=None)
    audit.add_argument("--out", metavar="FILE.csv", default=None, help="ghi ra .csv hoặc .xlsx")
    audit.set_defaults(func=run_audit)
