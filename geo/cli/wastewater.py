"""``python -m geo wastewater``: plan target 7 (wastewater treatment of operating KCN/CCN) from the register.

    python -m geo wastewater --units districts_2019 --out target7_huyen.csv     # one row per unit
    python -m geo wastewater --units communes_2025 --out target7_xa.xlsx
    python -m geo wastewater --lacking --out thieu_xu_ly.csv                    # every site lacking treatment

The register is the store's current ``kcn_ccn`` rows (the store ``BGGM_DATABASE_URL`` names; ``python -m geo db
init`` seeds it from ``data/monitoring/kcn_ccn.csv``). A file to try out before importing it — ``--register FILE``,
or ``BGGM_KCN_CCN`` — is read instead, validated whole first. Columns keep stable machine names (see
:func:`geo.wastewater.rules.unit_summary` and :data:`geo.wastewater.report.LACKING_FIELDS`); the rules are in
:mod:`geo.wastewater.rules`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.io.cells import safe_table
from geo.io.files import write_table
from geo.store import versions
from geo.text.format import percent
from geo.wastewater import rules as ww
from geo.wastewater.register import load_register, tried_path, unit_names
from geo.wastewater.report import lacking_records

DECIMALS = {"share_pct": 1, "compliant_pct": 1, "design_capacity_m3d": 0, "actual_flow_m3d": 0, "gap_m3d": 0}


def _share(tot: ww.Totals, lang: str) -> str:
    share = percent(tot.share_pct, "en" if lang == "en" else "vi")
    if lang == "vi":
        return f"chỉ tiêu 7 toàn tỉnh: {tot.with_plant}/{tot.operating} KCN/CCN đang hoạt động có trạm XLNT ({share})"
    return f"province target 7: {tot.with_plant}/{tot.operating} operating sites have a plant ({share})"


def _register(path: str | None) -> tuple[gpd.GeoDataFrame, str]:
    """The register and where it came from: the file given (or ``BGGM_KCN_CCN``), else the store."""
    tried = Path(path) if path else tried_path()
    if tried:
        return load_register(tried), tried.name
    rows, version = versions.current_version("kcn_ccn")
    return gpd.GeoDataFrame(rows), f"kcn_ccn v{version}"


def run(args: argparse.Namespace) -> int:
    register, source = _register(args.register)
    assessed = ww.assess(register)
    lang = getattr(args, "lang", "vi")
    if args.lacking:
        table = lacking_records(assessed, districts=unit_names("districts_2019"), communes=unit_names("communes_2025"))
        what = "KCN/CCN chưa đạt" if lang == "vi" else "sites lacking treatment"
    else:
        table = ww.unit_summary(assessed, unit_names(args.units), args.units).round(DECIMALS)
        what = ("đơn vị " if lang == "vi" else "units of ") + args.units
    path = write_table(safe_table(table), args.out)
    rows = f"{len(table)} dòng" if lang == "vi" else f"{len(table)} rows"
    into = "Đã ghi {rows} ({what}) vào {path}" if lang == "vi" else "Wrote {rows} ({what}) to {path}"
    source = ("từ " if lang == "vi" else "from ") + source
    print(into.format(rows=rows, what=what, path=path) + f" {source}; " + _share(ww.totals(assessed), lang))
    return 0


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "wastewater",
        help="chỉ tiêu 7: xử lý nước thải tập trung của KCN/CCN đang hoạt động",
        description="Bảng theo đơn vị (--units) hoặc danh sách KCN/CCN chưa đạt, xấu nhất trước (--lacking).",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--units", choices=tuple(ww.UNIT_COLUMNS), help="bộ đơn vị: huyện 2019 hoặc xã/phường 2025")
    what.add_argument("--lacking", action="store_true", help="mọi KCN/CCN chưa đạt, kèm lý do")
    parser.add_argument("--out", required=True, metavar="FILE.csv", help="tệp kết quả (.csv hoặc .xlsx)")
    parser.add_argument(
        "--register",
        metavar="FILE",
        default=None,
        help="tệp sổ KCN/CCN muốn thử (.csv hoặc .xlsx; mặc định: kcn_ccn trong kho dữ liệu)",
    )
    parser.set_defaults(func=run)
