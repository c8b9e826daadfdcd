"""Target-7 rules on hand-built sites: every branch of the compliance rule, the 200 m³/day boundary, the worst-first
order, capacity gaps and per-unit summaries with numbers checkable by hand."""

from __future__ import annotations

import math
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.text import sheets
from geo.wastewater import report
from geo.wastewater import rules as ww
from layers import wastewater_table

NAN = float("nan")


@pytest.mark.parametrize(
    ("status", "plant", "capacity", "monitoring", "expected", "severity"),
    [
        (None, "operating", 500, "transmitting", "no_data", 6),
        ("building", None, None, None, "pending", 4),
        ("planned", "none", None, "none", "pending", 5),
        ("operating", None, None, None, "no_data", 2),
        ("operating", NAN, 500, "transmitting", "no_data", 2),
        ("operating", "none", None, "none", "not_compliant", 0),
        ("operating", "under_construction", 1500, "none", "pending", 3),
        ("operating", "operating", 200, "transmitting", "compliant", 9),
        ("operating", "operating", 200, "installed", "not_compliant", 1),
        ("operating", "operating", 200, "none", "not_compliant", 1),
        ("operating", "operating", 199.9, "none", "compliant", 9),
        ("operating", "operating", 150, None, "compliant", 9),
        ("operating", "operating", 5000, None, "no_data", 2),
        ("operating", "operating", None, "transmitting", "compliant", 9),
        ("operating", "operating", NAN, "installed", "no_data", 2),
    ],
)
def test_assess_site_follows_each_branch_of_the_rule(status, plant, capacity, monitoring, expected, severity):
    result = ww.assess_site(status, plant, capacity, monitoring)
    assert (result.status, result.severity) == (expected, severity)
    assert result.reasons and all(r.vi and r.en for r in result.reasons)


def test_monitoring_is_required_from_exactly_200_m3_per_day():
    at_200 = ww.assess_site("operating", "operating", 200.0, "none")
    below = ww.assess_site("operating", "operating", 199.0, "none")
    assert at_200.status == "not_compliant"
    assert at_200.reasons[1].vi == "chưa có quan trắc tự động (bắt buộc vì công suất ≥ 200 m³/ngày)"
    assert below.status == "compliant"
    assert below.reasons[1].en == "capacity < 200 m³/day: automatic monitoring not required"


def test_reasons_say_why_in_both_languages():
    no_plant = ww.assess_site("operating", "none", None, "none")
    assert no_plant.reasons[0].vi == "đang hoạt động nhưng chưa có trạm xử lý nước thải tập trung"
    assert no_plant.reasons[0].en == "operating without a centralised wastewater treatment plant"
    planned = ww.assess_site("planned", "none", None, "none")
    assert planned.reasons[0].vi.startswith("chưa hoạt động (quy hoạch)")
    assert planned.reasons[0].en.startswith("not operating yet (Planned)")


def test_an_overloaded_plant_is_noted_with_local_thousands_but_keeps_its_status():
    result = ww.assess_site("operating", "operating", 1000, "transmitting", 1250)
    assert result.status == "compliant"
    assert result.reasons[-1].vi == "lưu lượng thực tế 1.250 vượt công suất thiết kế 1.000 m³/ngày"
    assert result.reasons[-1].en == "actual flow 1,250 exceeds the design capacity 1,000 m³/day"


def sites(*rows: tuple) -> pd.DataFrame:
    """(id, kind, status, plant, capacity, flow, monitoring, area, district, commune)"""
    cols = ["id", "kind", "status", "wwtp_status", "design_capacity_m3d", "actual_flow_m3d", "monitoring", "area_ha",
            "district_2019", "commune_2025"]  # fmt: skip
    return pd.DataFrame(list(rows), columns=cols)


SITES = sites(
    ("A", "KCN", "operating", "operating", 1000.0, 1200.0, "transmitting", 100.0, "213", "07210"),  # gap 200
    ("B", "CCN", "operating", "none", NAN, 300.0, "none", 10.0, "213", "07228"),  # gap 300
    ("C", "CCN", "operating", "operating", 400.0, 250.0, "installed", 20.0, "222", "07795"),  # monitoring missing
    ("D", "CCN", "operating", "none", NAN, 80.0, "none", 30.0, "222", "07795"),  # gap 80
    ("E", "KCN", "planned", "none", NAN, NAN, "none", 300.0, "222", "07798"),
    ("F", "CCN", "building", "under_construction", 500.0, NAN, "none", 40.0, "213", "07210"),
    ("G", "CCN", "operating", "under_construction", 600.0, 450.0, "none", 25.0, "222", "07777"),  # gap 450
    ("H", "CCN", "operating", None, NAN, NAN, None, 12.0, "213", "07210"),
    ("I", "CCN", "planned", "none", NAN, NAN, "none", 500.0, "222", "07798"),
)


def test_assess_adds_plant_monitoring_and_gap_per_site():
    out = ww.assess(SITES).set_index("id")
    assert out["compliance"].to_dict() == {
        "A": "compliant", "B": "not_compliant", "C": "not_compliant", "D": "not_compliant", "E": "pending",
        "F": "pending", "G": "pending", "H": "no_data", "I": "pending",
    }  # fmt: skip
    assert out["gap_m3d"].to_dict() == {"A": 200, "B": 300, "C": 0, "D": 80, "E": 0, "F": 0, "G": 450, "H": 0, "I": 0}
    assert out.index[out["has_plant"]].tolist() == ["A", "C"]
    assert out.index[out["monitoring_missing"]].tolist() == ["C"]


def test_lacking_lists_non_compliant_sites_worst_first():
    order = ww.lacking(ww.assess(SITES))["id"].tolist()
    # no plant (larger flow first), monitoring missing, no data, plant under construction, building, planned
    # (larger area first)
    assert order == ["B", "D", "C", "H", "G", "F", "I", "E"]


def test_totals_give_the_province_target_7_share():
    tot = ww.totals(ww.assess(SITES))
    assert (tot.operating, tot.with_plant, tot.compliant, tot.not_compliant) == (6, 2, 1, 3)
    assert tot.share_pct == pytest.approx(100 * 2 / 6)
    assert tot.compliant_pct == pytest.approx(100 / 6)
    assert (tot.design_capacity_m3d, tot.actual_flow_m3d, tot.gap_m3d) == (1400, 2280, 1030)
    assert (tot.pending, tot.no_data, tot.monitoring_missing) == (4, 1, 1)


def test_totals_share_is_undefined_where_nothing_operates():
    tot = ww.totals(ww.assess(SITES[SITES["status"] != "operating"]))
    assert tot.operating == 0 and tot.share_pct is None and tot.compliant_pct is None


def test_unit_summary_counts_every_unit_of_the_district_set():
    units = {"213": "Bắc Giang", "222": "Việt Yên", "220": "Sơn Động"}
    table = ww.unit_summary(ww.assess(SITES), units, "districts_2019").set_index("code")
    assert table.loc["213", ["sites", "operating", "operating_kcn", "operating_ccn", "with_plant"]].tolist() == [
        4, 3, 1, 2, 1,
    ]  # fmt: skip
    assert table.loc["213", "share_pct"] == pytest.approx(100 / 3)
    assert table.loc["213", ["design_capacity_m3d", "actual_flow_m3d", "gap_m3d"]].tolist() == [1000, 1500, 500]
    assert table.loc["222", ["operating", "with_plant", "not_compliant", "monitoring_missing"]].tolist() == [3, 1, 2, 1]
    assert table.loc["222", "share_pct"] == pytest.approx(100 / 3)
    assert table.loc["220", "sites"] == 0 and math.isnan(table.loc["220", "share_pct"])
    assert table.loc["220", "name"] == "Sơn Động"


def test_unit_summary_on_2025_communes_uses_the_commune_column():
    units = {"07210": "Phường Bắc Giang", "07795": "Phường Nếnh"}
    table = ww.unit_summary(ww.assess(SITES), units, "communes_2025").set_index("code")
    assert table.loc["07210", ["sites", "operating", "with_plant"]].tolist() == [3, 2, 1]
    assert table.loc["07210", "share_pct"] == 50.0
    assert table.loc["07795", ["operating", "with_plant", "share_pct"]].tolist() == [2, 1, 50.0]


def test_lacking_records_name_units_and_present_them_in_vietnamese():
    records = report.lacking_records(
        ww.assess(SITES.assign(name=list("abcdefghi"), illustrative=False, illustrative_fields=None, source="s")),
        districts={"213": "Bắc Giang", "222": "Việt Yên"},
        communes={"07210": "Bắc Giang", "07228": "Đa Mai", "07795": "Nếnh", "07798": "Vân Hà", "07777": "Việt Yên"},
    )
    assert records["rank"].tolist() == list(range(1, 9))
    assert records.loc[0, ["id", "district_name", "commune_name"]].tolist() == ["B", "Bắc Giang", "Đa Mai"]
    shown = wastewater_table.present(records, "vi")
    assert shown.loc[0, "Đánh giá"] == "Không đạt" and shown.loc[0, "Trạm XLNT tập trung"] == "Chưa có"
    assert shown.loc[0, "Lý do"] == "đang hoạt động nhưng chưa có trạm xử lý nước thải tập trung"
    assert shown.loc[0, "Có số liệu minh họa"] == "Không"
    assert wastewater_table.present(records, "en").loc[0, "Assessment"] == "Not compliant"


def test_excel_export_has_a_title_vietnamese_headers_and_plain_numbers():
    records = report.lacking_records(
        ww.assess(SITES.assign(name=list("abcdefghi"), illustrative=True, illustrative_fields="name", source="s")),
        districts={"213": "Bắc Giang", "222": "Việt Yên"},
        communes={},
    )
    data = wastewater_table.xlsx_bytes(wastewater_table.present(records, "vi"), title="KCN/CCN chưa đạt")
    sheet = load_workbook(BytesIO(data)).active
    assert sheet.title == "Danh sách" and sheet["A1"].value == "KCN/CCN chưa đạt"
    assert [c.value for c in sheet[3]][:4] == ["Thứ tự", "Mã", "Tên", "Loại"]
    assert [c.value for c in sheet[4]][:3] == [1, "B", "b"] and sheet.max_row == 3 + 8
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:S11"  # 19 columns: one reasons column
    assert wastewater_table.csv_bytes(wastewater_table.present(records, "vi")).startswith(
        "\ufeffThứ tự;Mã;Tên".encode()
    )


def test_a_units_figures_are_illustrative_when_one_of_its_sites_is():
    flagged = SITES.assign(illustrative=SITES["id"].eq("C"))
    table = ww.unit_summary(ww.assess(flagged), {"213": "Bắc Giang", "222": "Việt Yên"}, "districts_2019")
    assert table.set_index("code")["illustrative"].to_dict() == {"213": False, "222": True}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_per_unit_exports_flag_each_row_carry_the_note_and_keep_numbers_numeric(lang):
    flagged = SITES.assign(illustrative=SITES["id"].eq("C"))
    summary = ww.unit_summary(ww.assess(flagged), {"213": "Bắc Giang", "222": "Việt Yên"}, "districts_2019")
    table = wastewater_table.present(summary, lang, units=True)
    note = wastewater_table.illustrative_note(table, lang)
    flag, share = wastewater_table.HEADERS["illustrative"](lang), wastewater_table.HEADERS["share_pct"](lang)
    assert note is not None and f"“{flag}”" in note
    back = sheets.read_csv(wastewater_table.csv_bytes(table, lang, note=note), lang, note=True)
    yes, no = wastewater_table.YES_NO[0](lang), wastewater_table.YES_NO[1](lang)
    assert back[flag].tolist() == [no, yes] and back[share].tolist() == [33.3, 33.3]  # 1 of 3 operating sites
    book = load_workbook(BytesIO(wastewater_table.xlsx_bytes(table, sheet="Units", title="T", lang=lang, note=note)))
    sheet = book["Units"]
    assert sheet["A2"].value == note and book[sheets.NOTES_SHEET(lang)]["A1"].value == note
    headers = [c.value for c in sheet[4]]
    cell = sheet.cell(5, headers.index(share) + 1)
    assert cell.value == pytest.approx(100 / 3) and cell.number_format == "#,##0.0"  # unrounded in Excel
    assert [sheet.cell(r, headers.index(flag) + 1).value for r in (5, 6)] == [no, yes]


def test_a_table_with_no_illustrative_row_has_no_note():
    table = wastewater_table.present(
        ww.unit_summary(ww.assess(SITES), {"213": "Bắc Giang"}, "districts_2019"), "vi", units=True
    )
    assert wastewater_table.illustrative_note(table, "vi") is None
