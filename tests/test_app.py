"""The app as a person uses it, through Streamlit's AppTest (no browser)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile import shown_markdown

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def app(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    at = AppTest.from_file(str(APP), default_timeout=60)
    return at.run()


def test_home_page_opens_in_vietnamese_on_the_district_map(app):
    assert not app.exception
    assert app.title[0].value == "Bản đồ tăng trưởng xanh Bắc Giang"
    assert app.radio(key="unit_set").value == "districts_2019"
    assert app.metric[0].label == "10 đơn vị"


def test_searching_without_diacritics_finds_and_describes_the_unit(app):
    app.text_input(key="unit_query").input("luc ngan").run()
    assert app.selectbox(key="unit_code").value == "219"
    assert app.subheader[0].value == "Huyện Lục Ngạn"
    overlaps = app.dataframe[0].value
    assert len(overlaps) >= 5  # Lục Ngạn became several 2025 communes
    shares = overlaps.iloc[:, 2].map(lambda v: float(v.replace(".", "").replace(",", ".")))  # "61,8" → 61.8
    assert shares.max() <= 100 and shares.sum() == pytest.approx(100, abs=1.5)


def test_switching_to_2025_communes_lists_58_units_with_their_origins(app):
    app.radio(key="unit_set").set_value("communes_2025").run()
    assert app.metric[0].label == "58 đơn vị"
    app.text_input(key="unit_query").input("chu").run()
    app.selectbox(key="unit_code").set_value("07525").run()
    assert app.subheader[0].value == "Phường Chũ"
    assert any("Hình thành từ" in m.value for m in app.markdown)


def test_a_query_that_matches_nothing_says_so(app):
    app.text_input(key="unit_query").input("khong co dau").run()
    assert "Không có đơn vị nào khớp" in app.warning[0].value


def test_english_switch_translates_the_page(app):
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Bắc Giang green-growth map"
    assert app.metric[0].label == "10 units"


def test_missing_data_shows_an_error_with_the_fix_and_the_app_keeps_running(tmp_path, monkeypatch, build_dir):
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "python -m geo data build" in shown_markdown(at.error[0].value)
