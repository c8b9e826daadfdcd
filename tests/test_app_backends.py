"""The pages on both store back-ends: every page renders in Vietnamese and English, and reads the same rows from a
seeded SQLite file and from a seeded PostgreSQL database (``pages_store``; the writes through the pages — the
progress upload, the Dữ liệu page's restore, a non-editor's refusal — run on both in their own modules)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import sessions
from tests import data_facts

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")
TITLES = {
    "home": ("Bản đồ tăng trưởng xanh Bắc Giang", "Bắc Giang green-growth map"),
    "wastewater": ("Nước thải KCN/CCN", "KCN/CCN wastewater"),
    "forest": ("Độ che phủ rừng", "Forest cover"),
    "air_quality": ("Không khí & nguồn thải", "Air & emission sources"),
    "targets": ("Tiến độ mục tiêu", "Progress toward targets"),
    "data_page": ("Dữ liệu", "Data"),
    "users_page": ("Người dùng", "Users"),
}


def _open(page: str, user: str) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=120)
    at.session_state["_page"] = page
    at.session_state["auth_token"] = sessions.create_session(user)
    return at.run()


@pytest.mark.parametrize("page", TITLES)
def test_every_page_renders_in_vietnamese_and_english_on_each_back_end(pages_store, build_dir, monkeypatch, page):
    monkeypatch.setenv("BGGM_TILES", "none")
    at = _open(page, "an")  # an admin: the users page too
    assert not at.exception and not at.error
    assert at.title[0].value == TITLES[page][0]
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception and not at.error
    assert at.title[0].value == TITLES[page][1]


def test_the_pages_read_the_same_rows_from_either_back_end(pages_store, build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    table = _open("data_page", "dung").dataframe[0].value  # the datasets in the catalogue's order
    hourly = sum(1 for _ in data_facts.rows("aq_hourly.csv.gz"))
    rows = [int(text.replace(".", "")) for text in table["Số dòng"]]  # shown "60.995"
    assert rows[:3] == [data_facts.register().sites, data_facts.stations(), hourly]
    assert hourly == 60_995 and rows[4] == 688  # indicator values
    assert set(table["Phiên bản"]) == {1} and set(table["Người thay đổi"]) == {"system"}
    air = _open("air_quality", "dung")
    status = next(d.value for d in air.dataframe if "VN_AQI" in d.value.columns)
    assert status["VN_AQI"].tolist() == ["72", "55", "84", "109", "—", "—", "50", "48"]  # 31/10/2026
    assert pages_store.startswith(("sqlite:///", "postgresql+psycopg://"))
