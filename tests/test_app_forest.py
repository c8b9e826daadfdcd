"""The forest cover page as department staff use it (AppTest)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from geo.text import sheets
from tests.forest_support import forest_raster  # noqa: F401 - fixture
from ui import forest_data

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")
pytestmark = pytest.mark.usefixtures("forest_raster")


@pytest.fixture
def app(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    at = AppTest.from_file(HARNESS, default_timeout=120)
    at.session_state["_page"] = "forest"
    return at.run()


def _number(text: str) -> float:
    """A Vietnamese-written number back as a float ("1.234,5" → 1234.5)."""
    return float(text.replace(".", "").replace(",", "."))


def _unit_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Che phủ ước tính từ ảnh (%)" in d.value.columns)


def test_page_warns_that_the_raster_is_illustrative_and_shows_official_and_raster_figures_apart(app):
    assert not app.exception
    assert "**MINH HỌA**" in app.warning[0].value
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Thống kê chính thức 2020 (toàn tỉnh)"] == "38,0 %"
    assert metrics["Ước tính từ ảnh 2020 (minh họa)"] == "38,0 %"
    assert metrics["Mục tiêu 2030"] == "37 %"


def test_district_table_has_the_raster_and_official_cover_and_the_gap_to_37_percent(app):
    table = _unit_table(app).set_index("Mã")
    assert len(table) == 10
    son_dong = table.loc["220"]
    assert son_dong["Đơn vị"] == "Sơn Động" and son_dong["Che phủ chính thức (%)"] == "71,8"
    assert _number(son_dong["Che phủ ước tính từ ảnh (%)"]) == pytest.approx(71.8, abs=0.5)
    assert _number(son_dong["Chênh lệch với mục tiêu 37 % (điểm %)"]) == pytest.approx(34.8, abs=0.5)
    assert son_dong["Chênh lệch với mục tiêu 37 % (điểm %)"].startswith("+")
    assert table.loc["213", "Che phủ chính thức (%)"] == "—"  # Bắc Giang city: none published
    assert table.loc["220", "Minh họa"] == "Có"


def test_switching_to_2025_communes_shows_58_rows_and_their_nodata_share(app):
    app.radio(key="forest_unit_set").set_value("communes_2025").run()
    assert not app.exception
    table = _unit_table(app)
    assert len(table) == 58 and (table["Che phủ chính thức (%)"] == "—").all()
    assert (table["Không có dữ liệu (%)"].map(_number) > 0).any()
    assert any("chưa có số liệu che phủ chính thức" in c.value for c in app.caption)


def test_table_downloads_as_csv_and_excel_with_vietnamese_headers(app):
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Tải bản đồ PNG — máy chiếu (1920×1080)", "Tải bản đồ PNG — in A4 (300 dpi)", "Tải bảng CSV",
                      "Tải bảng Excel"]  # fmt: skip


TINY = pd.DataFrame({"code": ["220", "213"], "name": ["Sơn Động", "Bắc Giang"], "area_ha": [84_473.25, 6_655.3],
                     "valid_ha": [84_473.25, 6_655.3], "forest_ha": [31_221.5, 61.0], "area_only_ha": [0.0, 0.0],
                     "forest_pct": [36.96, 0.9166], "nodata_pct": [0.0, 0.0], "official_pct": [71.8, None],
                     "gap_pp": [-0.04, -36.0834]})  # fmt: skip


@pytest.mark.parametrize("illustrative", [True, False])
def test_forest_exports_flag_every_row_and_carry_a_note_when_the_raster_is_illustrative(illustrative):
    from types import SimpleNamespace

    raster = SimpleNamespace(illustrative=illustrative)
    people = forest_data.people_table(TINY, raster, "vi")  # type: ignore[arg-type]
    note = forest_data.export_note(raster, "vi")  # type: ignore[arg-type]
    assert (note is not None) == illustrative
    csv = forest_data.csv_bytes(people, "vi", note)
    if illustrative:
        assert csv.decode("utf-8-sig").splitlines()[0].startswith("Có số liệu MINH HỌA")
    back = sheets.read_csv(csv, "vi", note=illustrative)
    assert back["Minh họa"].tolist() == (["Có", "Có"] if illustrative else ["Không", "Không"])
    assert back["Che phủ ước tính từ ảnh (%)"].tolist() == [37.0, 0.9]  # numeric, decimal comma, as people read it
    book = load_workbook(io.BytesIO(forest_data.xlsx_bytes(people, "Độ che phủ rừng", "vi", note)))
    sheet = book["Che phu rung"]
    header = 4 if illustrative else 3  # title, note, a blank row, then the headers
    titles = [c.value for c in sheet[header]]
    assert titles[-1] == "Minh họa" and [sheet.cell(header + 1 + i, len(titles)).value for i in range(2)] == (
        ["Có", "Có"] if illustrative else ["Không", "Không"]
    )
    pct = sheet.cell(header + 1, titles.index("Che phủ ước tính từ ảnh (%)") + 1)
    assert pct.value == 36.96 and pct.number_format == "#,##0.0"
    assert (sheet["A2"].value == note) if illustrative else ("Ghi chú" not in book.sheetnames)
    if illustrative:
        assert book["Ghi chú"]["A1"].value == note


def test_overlay_can_be_hidden_and_the_certified_forest_has_no_invented_figure(app):
    app.toggle(key="forest_overlay").set_value(False).run()
    assert not app.exception
    assert app.select_slider(key="forest_opacity").disabled
    certified = next(i.value for i in app.info if "Mục tiêu 5b" in i.value)
    assert "Chưa tìm thấy số liệu công bố" in certified and "12.500 ha" in certified


def test_page_in_english(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Forest cover" and "**ILLUSTRATIVE**" in app.warning[0].value


def test_the_raster_opacity_reads_as_a_percent_and_keeps_its_value_in_english(app):
    opacity = app.select_slider(key="forest_opacity")
    assert opacity.value == 70 and opacity.proto.options[6] == "70 %" and opacity.proto.options[0] == "10 %"
    opacity.set_value(40).run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception and app.select_slider(key="forest_opacity").value == 40
    assert '\\"opacity\\": 0.4,' in app.get("component_instance")[0].proto.json_args  # the image overlay
