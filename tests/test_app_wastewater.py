"""The page "Nước thải KCN/CCN" through Streamlit's AppTest (no browser): figures, filters, list, downloads, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import data_facts
from tests.hostile import shown_markdown

ROOT = Path(__file__).resolve().parent.parent


def _page() -> None:
    from ui import wastewater
    from ui.choice import language_switch

    language_switch()
    wastewater.page()


@pytest.fixture
def app(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    monkeypatch.delenv("BGGM_KCN_CCN", raising=False)
    return AppTest.from_function(_page, default_timeout=60).run()


def _list(at: AppTest):
    return at.dataframe[0].value


def test_page_opens_with_target_7_figures_notice_list_and_downloads(app):
    assert not app.exception
    assert app.title[0].value == "Nước thải KCN/CCN"
    reg = data_facts.register()  # counted from the CSV
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {
        "Chỉ tiêu 7 – toàn tỉnh": f"{reg.share_pct:.1f} %".replace(".", ","),
        "KCN/CCN không đạt": f"{reg.compliance['not_compliant']}/{reg.operating}",
        "Thiếu hụt công suất xử lý": "3.210 m³/ngày",
        "Chờ thời hạn / chưa có dữ liệu": f"{reg.compliance['pending']} / {reg.compliance['no_data']}",
    }
    assert f"{reg.with_plant}/{reg.operating} KCN/CCN đang hoạt động" in app.get("progress")[0].proto.text
    notice = f"Số liệu minh họa không phải số liệu chính thức. {reg.illustrative}/{reg.sites} dòng"
    assert app.warning[0].value.startswith(notice)
    table = _list(app)
    assert len(table) == reg.lacking and table.columns[0] == "Thứ tự"
    assert table["Mã"].iloc[0] == "CCN-MH09" and table["Đánh giá"].iloc[0] == "Không đạt"
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Tải bản đồ PNG — máy chiếu (1920×1080)", "Tải bản đồ PNG — in A4 (300 dpi)",
                      "Tải CSV", "Tải Excel (.xlsx)", "Tải CSV", "Tải Excel (.xlsx)"]  # fmt: skip


def test_filters_by_kind_status_and_unit_narrow_the_list(app):
    app.multiselect(key="ww_kinds").set_value(["KCN"]).run()
    assert len(_list(app)) == 13 and set(_list(app)["Đánh giá"]) == {"Chờ thời hạn"}  # no operating KCN fails
    app.multiselect(key="ww_kinds").set_value(["KCN", "CCN"]).run()
    app.multiselect(key="ww_statuses").set_value(["not_compliant"]).run()
    assert len(_list(app)) == 11
    app.multiselect(key="ww_statuses").set_value(["not_compliant", "no_data", "pending", "compliant"]).run()
    app.selectbox(key="ww_unit").set_value("213").run()  # Bắc Giang city
    assert _list(app)["Mã"].tolist() == ["CCN-04", "CCN-06", "CCN-07", "CCN-05", "KCN-18"]


def test_communes_unit_set_offers_the_58_communes(app):
    app.radio(key="ww_unit_set").set_value("communes_2025").run()
    assert not app.exception
    unit = app.selectbox(key="ww_unit")
    assert len(unit.options) == 59  # whole province + 58
    unit.set_value("07795").run()  # Phường Nếnh
    assert _list(app)["Mã"].tolist() == ["CCN-MH02"]


def test_a_click_on_a_site_lists_its_row_first_and_selected_and_a_row_selects_its_site(app):
    app.session_state["ww_map"] = {"last_object_clicked_tooltip": "[CCN-04] CCN Tân Mỹ — Không đạt",
                                   "last_object_clicked_count": 1}  # fmt: skip
    app.run()
    assert app.session_state["ww_table"]["selection"]["rows"] == [0]  # CCN-04, 6th worst, is brought to the top
    assert _list(app)["Mã"].tolist()[:2] == ["CCN-04", "CCN-MH09"] and _list(app)["Thứ tự"].iloc[0] == "6"
    assert shown_markdown(app.info[0].value).startswith("**Đang chọn: [CCN-04] CCN Tân Mỹ** — Không đạt")
    app.session_state["ww_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    app.run()
    assert app.session_state["ww_selected"] == "CCN-MH09"
    assert app.session_state["ww_view_site"] == "CCN-MH09"  # the map goes to the chosen row


def test_english_switch_translates_figures_and_list_and_keeps_the_filters(app):
    app.multiselect(key="ww_kinds").set_value(["CCN"]).run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "KCN/CCN wastewater"
    assert {m.label: m.value for m in app.metric}["Target 7 – filtered sites"] == "53.6 %"  # 15 of 28 CCN
    kinds = app.multiselect(key="ww_kinds")
    assert kinds.value == ["CCN"] and kinds.options == ["KCN – Industrial park", "CCN – Industrial cluster"]
    assert len(_list(app)) == 20 and _list(app)["Assessment"].iloc[0] == "Not compliant"


def test_a_bad_register_shows_every_problem_and_the_app_keeps_running(build_dir, tmp_path, monkeypatch):
    text = (ROOT / "data" / "monitoring" / "kcn_ccn.csv").read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1].replace(",operating,", ",dang hoat dong,", 1)
    text[3] = text[1].replace("KCN-01", "KCN-01", 1)  # row 4 repeats the id of row 2
    bad = tmp_path / "kcn_ccn.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    monkeypatch.setenv("BGGM_KCN_CCN", str(bad))
    monkeypatch.setenv("BGGM_TILES", "none")
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    message = shown_markdown(at.error[0].value)
    assert "Tệp kcn_ccn.csv, dòng 2, cột status: cần một trong: operating, building, planned" in message
    assert "dòng 4, cột id: cần giá trị không trùng với dòng khác" in message
    assert not at.dataframe  # nothing half-shown
