"""The forest cover page as department staff use it (AppTest)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

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


def _unit_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Che phủ ước tính từ ảnh (%)" in d.value.columns)


def test_page_warns_that_the_raster_is_illustrative_and_shows_official_and_raster_figures_apart(app):
    assert not app.exception
    assert "**MINH HỌA**" in app.warning[0].value
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Thống kê chính thức 2020 (toàn tỉnh)"] == "38.0 %"
    assert metrics["Ước tính từ ảnh 2020 (minh họa)"] == "38.0 %"
    assert metrics["Mục tiêu 2030"] == "37 %"


def test_district_table_has_the_raster_and_official_cover_and_the_gap_to_37_percent(app):
    table = _unit_table(app).set_index("Mã")
    assert len(table) == 10
    son_dong = table.loc["220"]
    assert son_dong["Đơn vị"] == "Sơn Động" and son_dong["Che phủ chính thức (%)"] == 71.8
    assert son_dong["Che phủ ước tính từ ảnh (%)"] == pytest.approx(71.8, abs=0.5)
    assert son_dong["Chênh lệch với mục tiêu 37 % (điểm %)"] == pytest.approx(34.8, abs=0.5)
    assert pd.isna(table.loc["213", "Che phủ chính thức (%)"])  # Bắc Giang city: none published


def test_switching_to_2025_communes_shows_58_rows_and_their_nodata_share(app):
    app.radio(key="forest_unit_set").set_value("communes_2025").run()
    assert not app.exception
    table = _unit_table(app)
    assert len(table) == 58 and table["Che phủ chính thức (%)"].isna().all()
    assert (table["Không có dữ liệu (%)"] > 0).any()
    assert any("chưa có số liệu che phủ chính thức" in c.value for c in app.caption)


def test_table_downloads_as_csv_and_excel_with_vietnamese_headers(app):
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["Tải bảng CSV", "Tải bảng Excel"]
    shown = _unit_table(app)
    csv = forest_data.csv_bytes(shown)
    assert csv.startswith("\ufeffMã,Đơn vị,Diện tích (ha)".encode())
    back = pd.read_excel(io.BytesIO(forest_data.xlsx_bytes(shown, "Độ che phủ rừng")), header=1, dtype={"Mã": str})
    assert back["Mã"].tolist()[:2] == ["213", "215"] and len(back) == 10


def test_overlay_can_be_hidden_and_the_certified_forest_has_no_invented_figure(app):
    app.toggle(key="forest_overlay").set_value(False).run()
    assert not app.exception
    assert app.slider(key="forest_opacity").disabled
    certified = next(i.value for i in app.info if "Mục tiêu 5b" in i.value)
    assert "Chưa tìm thấy số liệu công bố" in certified and "12.500 ha" in certified


def test_page_in_english(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Forest cover" and "**ILLUSTRATIVE**" in app.warning[0].value
