"""``python -m geo import DATASET FILE [--dry-run] [--crs EPSG:N] [--mode replace|update|append] [--map SOURCE=COLUMN …]
--user U --reason R [--report REPORT.json]``: one change set.

The file is read by :func:`geo.importers.read_upload`, the reader of the "Dữ liệu" page: CSV/XLSX in any encoding
and convention people use, zipped Shapefiles, GeoJSON, GeoPackage, KML, GeoParquet, VN-2000 coordinates (``--crs``
for a file without a CRS), headers mapped with ``--map``. A file with any problem stores nothing: every problem is
listed with its row, field and code (``--report``: JSON or XLSX with ``ok``, ``dataset``, ``rows``, ``encoding``,
``crs``, ``bounds``, ``problems``) and the command exits 2. Header mappings are remembered per user and dataset in
the store (:mod:`geo.store.mappings`, shared with the page): what ``--user`` chose before for the dataset is applied
to headers the reader does not recognise (the report's ``mapping_offered``), and the ``--map`` choices of a file that
is committed (not ``--dry-run``) are remembered for ``--user``. A valid file is written as one change set based on the
version its differences were computed against (refused, exit 2, if someone changed the same rows meanwhile).

Modes: ``update`` (default) adds and changes rows; ``replace`` also removes the rows the file lacks (``--replace``
is the same); ``append`` adds new rows only: a row whose key is stored with other values is refused as a change
(``append_changes_stored``), one stored identically is skipped. ``units`` replaces only within the unit sets the file
holds (:mod:`geo.store.proposal`, shared with the page). ``forest_raster`` takes a GeoTIFF (checked, then
registered by path and sha256; ``--classes CODE=LABEL``, ``--date YYYY-MM-DD`` and ``--illustrative`` as the page asks)
or the catalogue CSV. A large unit set written by ``import units`` gets its vector tiles at once
(:mod:`geo.cli.tiles`). The user must be an editor granted the dataset, or an admin.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geo.boundaries import sets
from geo.cli import tiles
from geo.cli.check_file import add_reader_arguments, mapping_arguments, read_from_args, write_report
from geo.errors import Lang, SchemaError
from geo.io import archive
from geo.io.tiles import is_large
from geo.store import mappings, rasters, versions
from geo.store.catalog import dataset
from geo.store.engine import reading
from geo.store.proposal import ImportMode, commit, propose
from geo.store.users import require_write


def _print(result: versions.WriteResult, rows: int, dry_run: bool, lang: Lang) -> None:
    counts = f"+{result.added} ~{result.changed} -{result.removed}"
    vi = lang == "vi"
    if dry_run:
        print(
            f"Tệp hợp lệ ({rows} dòng); sẽ ghi {counts} lên phiên bản {result.version} (chưa ghi: --dry-run)"
            if vi
            else f"The file is valid ({rows} rows); would write {counts} on version {result.version} "
            "(nothing written: --dry-run)"
        )
    elif not result.written:
        print(
            f"Không có gì thay đổi; {result.dataset} vẫn ở phiên bản {result.version}."
            if vi
            else f"Nothing changed; {result.dataset} stays at version {result.version}."
        )
    else:
        merged = (
            (" (gộp với thay đổi của người khác)" if vi else " (merged with someone else's)") if result.merged else ""
        )
        print(
            f"Đã ghi {result.dataset} phiên bản {result.version}: {counts}{merged}"
            if vi
            else f"Wrote {result.dataset} version {result.version}: {counts}{merged}"
        )


def run(args: argparse.Namespace) -> int:
    ds = dataset(args.dataset)
    with reading() as conn:
        require_write(conn, args.user, ds.name)
    path = Path(args.file)
    if ds.name == "forest_raster" and path.suffix.lower() not in (".tif", ".tiff"):
        frame = ds.read(path)  # the catalogue CSV/XLSX, by the store's own reader
    else:
        remembered = mappings.remembered(args.user, ds.name) if ds.name != "forest_raster" else {}
        result = read_from_args(args, remembered)
        write_report(result, args.report, args.lang)
        if result.frame is None:
            raise SchemaError(result.report.problems)
        frame = rasters.catalogue_row(path, result.frame, args.reason) if ds.name == "forest_raster" else result.frame
    mode: ImportMode = "replace" if args.replace else args.mode
    proposal = propose(ds.name, frame, mode, file=path.name)
    written = commit(
        proposal, user=args.user, reason=args.reason, source_name=path.name, source_sha256=archive.sha256(path),
        dry_run=args.dry_run,
    )  # fmt: skip
    if not args.dry_run and ds.name != "forest_raster" and args.map:
        mappings.remember(args.user, ds.name, mapping_arguments(args))
    _print(written, len(frame), args.dry_run, args.lang)
    if ds.name == "units" and written.written:
        _tile_large_sets(sorted({str(s) for s in frame["unit_set"].dropna()}), args.lang)
    return 0


def _tile_large_sets(names: list[str], lang: Lang) -> None:
    """Build the vector tiles of each written unit set the pages draw from tiles (large sets), so its first viewer
    does not wait; small sets need none (:mod:`geo.cli.tiles`)."""
    stored = sets.stored_units()
    for name in names:
        frame = tiles.drawn(name, stored)
        if not is_large(frame):
            continue
        print(
            f"Bộ đơn vị {name} lớn: đang dựng ô bản đồ vector (chỉ một lần; cũng có thể chạy python -m geo tiles "
            f"--units {name})…"
            if lang == "vi"
            else f"Unit set {name} is large: building its vector tiles (once; python -m geo tiles --units {name} "
            "does the same)…",
            flush=True,
        )
        print(tiles.tile_set(name, frame, lang), flush=True)


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "import",
        help="nhập một tệp vào một tập dữ liệu của kho (một lần thay đổi)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_reader_arguments(parser)
    parser.add_argument("--user", required=True, help="người ghi (biên tập viên được cấp quyền hoặc quản trị viên)")
    parser.add_argument("--reason", required=True, help="lý do thay đổi")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    parser.add_argument("--mode", choices=("update", "replace", "append"), default="update", help="cách ghi")
    parser.add_argument("--replace", action="store_true", help="= --mode replace")
    parser.set_defaults(func=run)
