"""Logging in survives a page reload (the session cookie) and logging out ends it, in a real headless Chromium."""

import pytest
from playwright.sync_api import expect

from geo.store import sessions
from tests.browser import ARTIFACTS, offline_page
from tests.store_support import PASSWORD

pytestmark = pytest.mark.browser


def _session_cookie(page) -> dict:
    """The session cookie, once the component has written it."""
    for _ in range(30):
        if found := [c for c in page.context.cookies() if c["name"] == "bggm_session" and c["value"]]:
            return dict(found[0])
        page.wait_for_timeout(500)
    raise AssertionError("no session cookie was written")


def _session_cookie_cleared(page) -> bool:
    """Whether the browser drops the session cookie (written by the component once its run reaches the browser)."""
    for _ in range(30):
        if not [c for c in page.context.cookies() if c["name"] == "bggm_session" and c["value"]]:
            return True
        page.wait_for_timeout(500)
    return False


def test_a_login_survives_a_reload_and_a_logout_survives_one_too(build_dir):
    with offline_page({"BGGM_TILES": "none"}, path="/du-lieu") as (page, blocked):
        sidebar = page.get_by_test_id("stSidebar")
        expect(page.get_by_role("heading", name="Dữ liệu", exact=True)).to_be_visible(timeout=30_000)
        sidebar.get_by_label("Tên đăng nhập").fill("binh")
        sidebar.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name="Đăng nhập").click()
        expect(sidebar.get_by_text("Đang đăng nhập: binh")).to_be_visible(timeout=30_000)
        cookie = _session_cookie(page)
        assert cookie["sameSite"] == "Strict" and cookie["expires"] > 0
        assert sessions.verify_session(cookie["value"]).name == "binh"
        page.reload()
        expect(page.get_by_test_id("stSidebar").get_by_text("Đang đăng nhập: binh")).to_be_visible(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "login_after_reload.png"), full_page=True)
        page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất").click()
        expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=30_000)
        assert sessions.verify_session(cookie["value"]) is None  # ended on the server
        assert _session_cookie_cleared(page)  # and the browser forgets it
        page.reload()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("button", name="Đăng nhập")).to_be_visible(timeout=30_000)
        expect(sidebar.get_by_text("Đang đăng nhập")).to_have_count(0)
        assert _session_cookie_cleared(page)
    assert blocked == []
