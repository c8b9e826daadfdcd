"""The progress page as a person uses it (AppTest)."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.progress.template import parse_template
from geo.store import versions
from geo.text.format import percent
from layers import loader
from tests import data_facts

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


@pytest.fixture
def app(build_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("BGGM_TILES", "none")
    monkeypatch.setenv("BGGM_USER_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(HARNESS, default_timeout=90)
    at.session_state["_page"] = "targets"
    return at.run()


def _open(at, tab: str):
    """Open a tab as a link does (?tab=…): only the open tab is drawn."""
    at.query_params["tab"] = tab
    return at.run()


def _cards(at) -> list[str]:
    return [m.value for m in at.markdown if 'data-testid="target-card"' in m.value]


def test_page_shows_a_card_for_each_of_the_23_indicators_and_the_illustrative_notice(app):
    assert not app.exception
    assert len(_cards(app)) == 23
    total, illustrative = data_facts.indicator_values_on_the_progress_page()  # shipped rows and feeds, by hand
    assert f"{illustrative} trong {total} số liệu là **minh họa**" in app.info[0].value
    forest = next(c for c in _cards(app) if "5a · Tỷ lệ độ che phủ rừng" in c)
    assert "38,0 % (2020)" in forest and "Đã đạt" in forest and "minh họa</span>" not in forest  # a real value


def test_target_7_card_comes_from_the_kcn_ccn_register_not_from_typed_values(app):
    card = next(c for c in _cards(app) if "7 · Tỷ lệ KCN, CCN" in c)
    assert f"{percent(data_facts.register().share_pct, 'vi')} (2025)" in card  # as the register's rows say


def test_choosing_an_earlier_year_shows_that_years_values(app):
    before = next(c for c in _cards(app) if c.count("4a · ") == 1)
    app.select_slider(key="tgt_year").set_value(2022).run()
    after = next(c for c in _cards(app) if c.count("4a · ") == 1)
    assert "(2025)" in before and "(2022)" in after


def test_presentation_mode_keeps_only_the_map_and_its_controls(app):
    app.toggle(key="tgt_present").set_value(True).run()
    assert not app.exception
    assert len(_cards(app)) == 0 and len(app.tabs) == 0
    assert app.selectbox(key="tgt_target").value == "4a"


def test_exports_and_template_download_are_offered(app):
    assert "Tải PNG máy chiếu (1920×1080)" in [b.label for b in _open(app, "meet").get("download_button")]
    assert "Tải mẫu Excel năm 2025" in [b.label for b in _open(app, "entry").get("download_button")]


def test_brief_button_makes_a_pdf_to_download(app):
    _open(app, "meet").button(key="brief_make").click().run()
    assert not app.exception
    assert "Tải bản tin PDF" in [b.label for b in app.get("download_button")]


def test_department_values_written_to_the_store_override_the_shipped_ones_on_the_page(app):
    register = loader.load("targets")
    units = {"districts_2019": loader.load("districts_2019")[["code", "name_full"]]}
    filled = pd.DataFrame({"Mã chỉ tiêu": ["3"], "Bộ đơn vị": ["province"], "Đơn vị": ["Tỉnh Bắc Giang"],
                           "Năm": [2025], "Giá trị": ["31,5"], "Nguồn": ["Báo cáo Sở KH&ĐT 2025"]})  # fmt: skip
    rows = parse_template(filled, register, units, file="mau.xlsx")
    versions.write("indicator_values", rows, user="binh", reason="báo cáo 2025", base_version=1)
    app.run()
    card = next(c for c in _cards(app) if "3 · Tỷ trọng kinh tế số" in c)
    assert "31,5 % (2025)" in card and "Đã đạt" in card and "minh họa</span>" not in card


def test_the_map_flags_invented_values_outside_presentation_mode_and_names_no_file(app):
    _open(app, "map")
    notes = [w.value for w in app.warning]
    assert "Có số liệu minh họa, không phải số liệu chính thức" in notes
    source = next(c.value for c in app.caption if c.value.startswith("Số liệu đến năm 2025. Nguồn:"))
    source = source.replace("\\", "")  # data text is escaped for markdown
    assert "số liệu minh họa, tạo bằng chương trình" in source and ".py" not in source and ".csv" not in source


def test_target_7_on_the_map_says_its_register_figures_are_illustrative(app):
    _open(app, "map").selectbox(key="tgt_target").set_value("7").run()
    source = next(c.value for c in app.caption if c.value.startswith("Số liệu đến năm 2025. Nguồn:"))
    source = source.replace("\\", "")  # data text is escaped for markdown
    assert "sổ KCN/CCN, tính theo quy tắc chỉ tiêu 7 (minh họa)" in source and "kcn_ccn.csv" not in source


def test_two_years_from_different_sources_are_called_out(app):
    _open(app, "map").selectbox(key="tgt_target").set_value("7").run()
    app.toggle(key="tgt_compare").set_value(True).run()
    app.selectbox(key="tgt_year2").set_value(2020).run()
    assert not app.exception
    mixed = next(w.value for w in app.warning if "nguồn khác nhau" in w.value).replace("\\", "")
    # Sơn Động: 2020 from the generated values, 2025 computed from the (invented) register rows
    assert "Sơn Động (2020: số liệu minh họa, tạo bằng chương trình; 2025: sổ KCN/CCN" in mixed
