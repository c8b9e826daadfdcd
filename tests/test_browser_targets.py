"""The progress map in a real headless Chromium with no internet, as shown at a meeting."""

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path, offline, running_app

pytestmark = pytest.mark.browser


def test_progress_map_and_presentation_mode(build_dir, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    env = {"BGGM_TILES": "none", "BGGM_USER_DATA_DIR": str(tmp_path)}
    with running_app(env) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        offline(context, blocked)
        page = context.new_page()
        page.goto(f"{url}/tien-do")
        expect(page.get_by_text("5a · Tỷ lệ độ che phủ rừng")).to_be_visible(timeout=30_000)
        page.get_by_role("tab", name="Bản đồ").click()
        frame = page.frame_locator("iframe[title*='streamlit_folium']").first
        expect(frame.locator("path.leaflet-interactive")).to_have_count(10, timeout=30_000)
        expect(frame.get_by_text("Chậm tiến độ")).to_be_visible()  # the legend
        page.screenshot(path=str(ARTIFACTS / "targets_map.png"), full_page=True)
        page.get_by_text("Chế độ trình chiếu").click()
        frame = page.frame_locator("iframe[title*='streamlit_folium']").first
        expect(frame.locator(".map-title")).to_contain_text("4a · Tỷ lệ giá trị sản xuất", timeout=30_000)
        expect(frame.locator(".map-title")).to_contain_text("minh họa")
        expect(page.get_by_role("tab", name="Tổng quan")).to_have_count(0)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "targets_presentation.png"), full_page=True)
        browser.close()
    assert blocked == []
