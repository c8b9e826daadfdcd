"""The progress page's template upload writes through the store: only for editors granted the indicator values and
admins, attributed to the logged-in user, checked against the version the page showed (AppTest on a seeded store,
SQLite and PostgreSQL)."""

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.store import history, sessions, versions
from geo.store.errors import PermissionDeniedError
from tests.hostile import shown_markdown

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


def _filled(value: str) -> bytes:
    table = pd.DataFrame({"Mã chỉ tiêu": ["3"], "Bộ đơn vị": ["province"], "Đơn vị": ["Tỉnh Bắc Giang"],
                          "Năm": [2025], "Giá trị": [value], "Nguồn": ["Báo cáo Sở KH&ĐT 2025"]})  # fmt: skip
    out = io.BytesIO()
    table.to_excel(out, sheet_name="Nhập liệu", index=False)
    return out.getvalue()


@pytest.fixture
def page(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")

    def open_as(user: str | None) -> AppTest:
        at = AppTest.from_file(HARNESS, default_timeout=120)
        at.session_state["_page"] = "targets"
        at.query_params["tab"] = "entry"  # the data-entry part of the page
        if user is not None:
            at.session_state["auth_token"] = sessions.create_session(user)
        return at.run()

    return open_as


def _upload(at: AppTest, value: str) -> AppTest:
    at.file_uploader(key="template_upload").upload("mau_2025.xlsx", _filled(value), "application/octet-stream")
    return at.run()


@pytest.mark.parametrize("user", [None, "dung", "chi"])
@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_anonymous_users_viewers_and_editors_without_the_grant_get_no_upload(page, user):
    at = page(user)
    assert not at.exception
    assert not at.get("file_uploader")
    assert "Chỉ biên tập viên được giao" in " ".join(i.value for i in at.info)


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_the_store_refuses_a_forged_write_by_a_viewer_whatever_the_page_shows():
    with pytest.raises(PermissionDeniedError):
        versions.write("indicator_values", versions.current("indicator_values").iloc[:1], user="dung",
                       reason="giả mạo", base_version=1)  # fmt: skip
    assert versions.head_version("indicator_values") == 1


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_an_editors_upload_is_one_change_set_attributed_to_them_and_shown_on_the_cards(page):
    at = _upload(page("binh"), "31,5")
    at.button(key="template_save").click().run()
    assert not at.exception
    assert "Đã lưu phiên bản 2 (binh): thêm 0, sửa 1 số liệu." in [s.value for s in at.success]
    last = history.history("indicator_values").iloc[0]
    assert (last["version"], last["user_name"], last["source_name"], last["changed"]) == (2, "binh", "mau_2025.xlsx", 1)
    assert last["source_sha256"] and last["reason"] == "Nhập mẫu Excel mau_2025.xlsx"
    at.query_params["tab"] = "cards"  # the overview shows the saved figure on its card
    at.run()
    card = next(m.value for m in at.markdown if "3 · Tỷ trọng kinh tế số" in m.value)
    assert "31,5 % (2025)" in card and "minh họa</span>" not in card


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_an_upload_based_on_a_version_someone_changed_since_is_refused_with_what_changed(page):
    at = _upload(page("binh"), "31,5")  # the page read version 1
    other = versions.current("indicator_values")
    other = other[(other["target_id"] == "3") & (other["unit_set"] == "province") & (other["year"] == 2025)]
    versions.write("indicator_values", other.assign(value=29.0, illustrative=False), user="an",
                   reason="số liệu của Sở KH&ĐT", base_version=1)  # fmt: skip
    at.button(key="template_save").click().run()
    assert any(
        "Không lưu: trong lúc bạn chuẩn bị, người khác đã sửa chính các số liệu này" in w.value for w in at.warning
    )
    refusal = next(e.value for e in at.error if "Dữ liệu đã bị người khác thay đổi" in e.value)
    shown = shown_markdown(refusal)
    assert "an ghi lúc" in shown and "số liệu của Sở KH&ĐT (+0 ~1 -0)" in shown  # who changed what, and when
    assert (
        versions.head_version("indicator_values") == 2 and history.history("indicator_values")["user_name"][0] == "an"
    )
