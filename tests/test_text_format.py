"""One number formatter for screens, tables, tooltips and files (geo.text.format, geo.text.sheets)."""

from __future__ import annotations

import math
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.text import sheets
from geo.text.format import QUANTITIES, excel_format, format_columns, number, percent, quantity, short


@pytest.mark.parametrize(
    ("value", "kind", "vi", "en"),
    [
        (3892.04, "area_km2", "3.892,0 km²", "3,892.0 km²"),
        (1029.6744, "area_km2", "1.029,7 km²", "1,029.7 km²"),
        (30451.4, "area_ha", "30.451,4 ha", "30,451.4 ha"),
        (61.849, "percent", "61,8 %", "61.8 %"),
        (34.75, "points", "+34,8 điểm %", "+34.8 pp"),
        (-36.25, "points", "-36,3 điểm %", "-36.3 pp"),
        (0.04, "points", "0,0 điểm %", "0.0 pp"),
        (12345.5, "flow_m3d", "12.346 m³/ngày", "12,346 m³/day"),
        (37.25, "concentration", "37,3 µg/m³", "37.3 µg/m³"),
        (1530.44, "load_tpy", "1.530,4 tấn/năm", "1,530.4 t/yr"),
        (151.5, "aqi", "152", "152"),
        (1200, "count", "1.200", "1,200"),
        (2025, "year", "2025", "2025"),
        (21.273512, "degrees", "21,2735°", "21.2735°"),
        (0.345, "seconds", "0,35 giây", "0.35 s"),
    ],
)
def test_every_quantity_reads_in_each_languages_convention(value, kind, vi, en):
    assert quantity(value, kind, "vi") == vi
    assert quantity(value, kind, "en") == en


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, math.nan])
@pytest.mark.parametrize("kind", sorted(QUANTITIES))
def test_a_missing_value_reads_as_a_dash_in_every_quantity(missing, kind):
    assert quantity(missing, kind, "vi") == "—" and quantity(missing, kind, "en") == "—"


def test_rounding_is_half_up_as_people_round_and_never_shows_minus_zero():
    assert number(2.25, "vi", 1) == "2,3" and number(0.5, "en", 0) == "1" and number(2.5, "en", 0) == "3"
    assert number(2.675, "en", 2) == "2.68"  # the float 2.67499… reads as 2.675 and rounds as such
    assert number(-0.04, "vi", 1) == "0,0"


def test_the_unit_can_be_left_to_the_header_and_percent_takes_per_cent_values():
    assert quantity(3892.04, "area_km2", "vi", unit=False) == "3.892,0"
    assert percent(61.8, "vi") == "61,8 %" and percent(37, "en", decimals=0) == "37 %"


def test_short_writes_bounds_as_briefly_as_they_read():
    assert [short(v, "vi") for v in (0.1, 5000, 2.5, -math.inf, math.inf)] == ["0,1", "5.000", "2,5", "-∞", "∞"]
    assert short(0.125, "en") == "0.125" and short(None, "en") == "—"


def test_format_columns_writes_only_the_named_columns():
    frame = pd.DataFrame({"name": ["Lục Ngạn"], "km²": [1029.6744], "share": [None]})
    out = format_columns(frame, {"km²": "area_km2", "share": "percent", "absent": "count"}, "vi")
    assert out.to_dict("records") == [{"name": "Lục Ngạn", "km²": "1.029,7", "share": "—"}]
    assert frame["km²"].iloc[0] == 1029.6744  # the input is left unrounded


def test_excel_formats_keep_the_precision_of_the_quantity():
    assert excel_format("area_km2") == "#,##0.0" and excel_format("flow_m3d") == "#,##0"
    assert excel_format("year") == "0" and excel_format("degrees") == "0.0000"


TABLE = pd.DataFrame({"Đơn vị": ["Sơn Động", "Yên Thế"], "Che phủ (%)": [36.96, 1234.5], "Minh họa": ["Có", "Có"]})


def test_csv_for_people_follows_the_language_and_reads_back_as_numbers():
    vi = sheets.csv_bytes(TABLE, "vi", note="Ghi chú")
    assert vi.decode("utf-8-sig").splitlines() == ["Ghi chú", "Đơn vị;Che phủ (%);Minh họa", "Sơn Động;36,96;Có",
                                                   "Yên Thế;1234,5;Có"]  # fmt: skip
    en = sheets.csv_bytes(TABLE, "en")
    assert en.decode("utf-8-sig").splitlines()[1] == "Sơn Động,36.96,Có"
    assert sheets.read_csv(vi, "vi", note=True)["Che phủ (%)"].tolist() == [36.96, 1234.5]
    assert sheets.read_csv(en, "en")["Che phủ (%)"].tolist() == [36.96, 1234.5]
    rounded = sheets.csv_bytes(TABLE, "vi", formats={"Che phủ (%)": "percent"})
    assert sheets.read_csv(rounded, "vi")["Che phủ (%)"].tolist() == [37.0, 1234.5]


def test_xlsx_for_people_keeps_numbers_numeric_with_the_quantitys_format_and_a_notes_sheet():
    data = sheets.xlsx_bytes(TABLE, sheet="Bảng", title="Tiêu đề", note="Có số liệu MINH HỌA", lang="vi",
                             formats={"Che phủ (%)": "percent"})  # fmt: skip
    book = load_workbook(BytesIO(data))
    sheet = book["Bảng"]
    assert (sheet["A1"].value, sheet["A2"].value) == ("Tiêu đề", "Có số liệu MINH HỌA")
    assert [c.value for c in sheet[4]] == ["Đơn vị", "Che phủ (%)", "Minh họa"]
    assert sheet["B5"].value == 36.96 and sheet["B5"].number_format == "#,##0.0"
    assert sheet["A5"].number_format == "General" and sheet.freeze_panes == "A5"
    assert book["Ghi chú"]["A1"].value == "Có số liệu MINH HỌA"


def test_the_illustrative_note_names_the_flag_column_in_the_language():
    assert "“Minh họa”" in sheets.illustrative_note("vi", "Minh họa")
    assert sheets.illustrative_note("en", "Illustrative").startswith("Includes ILLUSTRATIVE figures")
