"""Logging in and out, and the "Dữ liệu" page, as a viewer, an editor and an admin (AppTest on a seeded store)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import audit, history, sessions, users, versions
from geo.store.errors import PermissionDeniedError
from tests.store_support import PASSWORD

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


def _page(name: str, token: str | None = None) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=90)
    at.session_state["_page"] = name
    if token is not None:
        at.session_state["auth_token"] = token
    return at.run()


def _login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def _sidebar_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


def test_logging_in_in_the_sidebar_shows_the_user_and_logging_out_ends_the_session_on_the_server():
    at = _login(_page("data_page"), "binh", PASSWORD)
    assert not at.exception
    assert "Đang đăng nhập: **binh** (biên tập)" in _sidebar_text(at)
    token = at.session_state["auth_token"]
    assert sessions.verify_session(token).name == "binh"
    at.button(key="logout").click().run()
    assert "binh" not in _sidebar_text(at)
    assert sessions.verify_session(token) is None  # revoked: the cookie's token is worthless after logout
    assert [b.label for b in at.button if b.label == "Đăng nhập"]


def test_a_wrong_password_is_refused_logged_and_leaves_the_visitor_anonymous():
    at = _login(_page("data_page"), "binh", "sai mật khẩu")
    assert "Đăng nhập không thành công" in at.error[0].value
    assert at.session_state["auth_token"] is None
    assert audit.audit_log(user="binh", limit=1)["action"].iloc[0] == "login_failed"


def test_with_require_login_an_anonymous_visitor_sees_only_the_login(monkeypatch):
    monkeypatch.setenv("BGGM_REQUIRE_LOGIN", "1")
    at = _page("data_page")
    assert "Cần đăng nhập" in at.info[0].value
    assert not at.title and not at.dataframe
    at = _login(at, "dung", PASSWORD)
    assert at.title[0].value == "Dữ liệu"


def test_every_user_can_change_their_own_password_which_ends_their_sessions():
    token = sessions.create_session("dung")
    at = _page("data_page", token)
    at.text_input(key="pw_old").input(PASSWORD)
    at.text_input(key="pw_new").input("một mật khẩu mới dài")
    at.text_input(key="pw_again").input("một mật khẩu mới dài")
    next(b for b in at.button if b.label == "Đổi mật khẩu").click()
    at.run()
    assert "Đã đổi mật khẩu" in at.success[0].value
    assert sessions.verify_session(token) is None
    assert _login(_page("data_page"), "dung", "một mật khẩu mới dài").session_state["auth_token"]


def test_the_data_page_lists_every_dataset_seeded_by_system_with_its_illustrative_share_for_a_viewer():
    at = _page("data_page")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 8
    values = table[table["Bộ dữ liệu"].str.contains("chỉ tiêu", case=False)].iloc[0]
    assert values["Phiên bản"] == 1 and values["Người thay đổi"] == "system" and values["Số dòng"] == "688"
    assert not [e for e in at.expander if "quản trị" in e.label]  # no restore or freeze for a viewer


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_an_editor_sees_no_restore_or_freeze_and_the_store_refuses_them_if_forged():
    at = _page("data_page", sessions.create_session("binh"))
    assert not [e for e in at.expander if "quản trị" in e.label]
    with pytest.raises(PermissionDeniedError):
        history.freeze("indicator_values", 1, "giữa kỳ 2025", user="binh")
    with pytest.raises(PermissionDeniedError):
        history.restore("indicator_values", 1, user="binh", reason="thử")


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_an_admin_freezes_a_version_with_a_label_and_the_export_says_which_freeze_it_holds():
    at = _page("data_page", sessions.create_session("an"))
    at.selectbox(key="store_dataset").set_value("indicator_values").run()
    at.text_input(key="freeze_label_indicator_values").input("giữa kỳ 2025")
    at.checkbox(key="freeze_ok_indicator_values").check()
    next(b for b in at.button if b.label == "Đóng băng").click()
    at.run()
    assert "Đã đóng băng phiên bản 1: “giữa kỳ 2025”." in [s.value for s in at.success]
    assert history.freezes("indicator_values")["label"].tolist() == ["giữa kỳ 2025"]
    assert "indicator_values phiên bản 1 (đóng băng: giữa kỳ 2025)" in " ".join(c.value for c in at.caption)


def test_a_freeze_without_confirmation_is_not_made():
    at = _page("data_page", sessions.create_session("an"))
    at.selectbox(key="store_dataset").set_value("indicator_values").run()
    at.text_input(key="freeze_label_indicator_values").input("giữa kỳ 2025")
    next(b for b in at.button if b.label == "Đóng băng").click()
    at.run()
    assert history.freezes("indicator_values").empty


@pytest.mark.usefixtures("pages_store")  # SQLite and PostgreSQL
def test_an_admin_restores_an_earlier_version_as_a_new_change_set():
    versions.write("aq_stations", versions.current("aq_stations").iloc[:3], user="an", reason="bớt trạm",
                   base_version=1, mode="replace")  # fmt: skip
    at = _page("data_page", sessions.create_session("an"))
    at.selectbox(key="store_dataset").set_value("aq_stations").run()
    at.selectbox(key="restore_v_aq_stations").set_value(1)
    at.text_input(key="restore_reason_aq_stations").input("trả lại các trạm")
    at.checkbox(key="restore_ok_aq_stations").check()
    next(b for b in at.button if b.label == "Khôi phục").click()
    at.run()
    assert not at.exception
    assert "Đã khôi phục về phiên bản 1: phiên bản mới 3 (thêm 5, sửa 0, xóa 0)." in [s.value for s in at.success]
    assert len(versions.current("aq_stations")) == 8
    assert history.history("aq_stations")["reason"].iloc[0] == "trả lại các trạm"


def test_the_users_page_is_for_admins_only():
    at = _page("users_page", sessions.create_session("binh"))
    assert "dành cho quản trị viên" in at.warning[0].value and not at.dataframe


def test_an_admin_adds_an_editor_with_a_grant_and_deactivates_a_user_and_both_are_in_the_audit_log():
    at = _page("users_page", sessions.create_session("an"))
    at.text_input(key="ua_name").input("giang")
    at.selectbox(key="ua_role").set_value("editor")
    at.multiselect(key="ua_grants").set_value(["forest_official"])
    at.text_input(key="ua_password").input("mật khẩu của giang")
    next(b for b in at.button if b.label == "Thêm người dùng").click()
    at.run()
    assert "Đã thêm giang." in [s.value for s in at.success]
    at.selectbox(key="ue_name").set_value("dung").run()
    at.checkbox(key="ue_active_dung").uncheck()
    next(b for b in at.button if b.label == "Lưu").click()
    at.run()
    table = users.list_users().set_index("name")
    assert table.loc["giang", "role"] == "editor" and table.loc["giang", "grants"] == "forest_official"
    assert not table.loc["dung", "active"]
    actions = audit.audit_log(user="an")["action"].tolist()
    assert "user_add" in actions and "user_update" in actions
    assert "Tải nhật ký (CSV)" in [b.label for b in at.get("download_button")]


def test_the_wastewater_page_shows_a_register_change_written_to_the_store(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    first = str(_page("wastewater").dataframe[0].value["Tên"].iloc[0])
    register = versions.current("kcn_ccn")
    renamed = register[register["name"] == first].assign(name="KCN Thử Nghiệm Kho")
    versions.write("kcn_ccn", renamed, user="an", reason="đổi tên", base_version=1)
    names = _page("wastewater").dataframe[0].value["Tên"].tolist()
    assert "KCN Thử Nghiệm Kho" in names and first not in names
