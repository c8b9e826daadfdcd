"""Command-line entry point: ``python -m geo <command> ...``.

Each command lives in its own module of this package and exposes ``add_parser(subparsers)`` (which registers the
sub-parser and sets ``func`` to a callable taking the parsed namespace and returning an exit code). Add a module's
name to ``COMMANDS`` to register it; only the module of the command asked for is imported (``--help`` imports all).
Domain errors are printed in Vietnamese (``--lang en`` for English) and the process exits with status 2; nothing
else is caught.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from geo.errors import GeoDataError

COMMANDS: tuple[str, ...] = (
    "data",
    "aqi",
    "zonal",
    "wastewater",
    "db",
    "users",
    "importer",
    "check_file",
    "history",
    "restore",
    "freeze",
    "export",
    "tiles",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with command ``only`` alone (its module is the only one imported)."""
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Bắc Giang green-growth map: batch jobs (dữ liệu, AQI, thống kê vùng, nước thải).",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages (default: vi)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in (only,) if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f"geo.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"geo.cli.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    # Importing every command's module (pandera, geopandas, rasterio…) cost more than a no-op `data build` itself.
    parser = build_parser(only=next((a for a in given if a in COMMANDS), None))
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GeoDataError as exc:
        print(exc.render(args.lang), file=sys.stderr)
        return 2
