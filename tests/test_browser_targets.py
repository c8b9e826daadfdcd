"""The progress map in a real headless Chromium with no internet, as shown at a meeting."""

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser


def test_progress_map_and_presentation_mode(build_dir, tmp_path):
    env = {"BGGM_TILES": "none", "BGGM_USER_DATA_DIR": str(tmp_path)}
    with offline_page(env, path="/tien-do", viewport=(1600, 1000)) as (page, blocked):
        expect(page.get_by_text("5a · Tỷ lệ độ che phủ rừng").first).to_be_visible(timeout=30_000)
        page.get_by_role("radiogroup", name="Phần").get_by_role("radio", name="Bản đồ").click()
        frame = map_frame(page)
        expect(frame.locator("path.leaflet-interactive")).to_have_count(10, timeout=30_000)
        expect(frame.get_by_text("Chậm tiến độ")).to_be_visible()  # the legend
        page.screenshot(path=str(ARTIFACTS / "targets_map.png"), full_page=True)
        page.get_by_text("Chế độ trình chiếu").click()
        frame = map_frame(page)
        expect(frame.locator(".map-title")).to_contain_text("4a · Tỷ lệ giá trị sản xuất", timeout=30_000)
        expect(frame.locator(".map-title")).to_contain_text("minh họa")
        expect(page.get_by_role("radiogroup", name="Phần")).to_have_count(0)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "targets_presentation.png"), full_page=True)
    assert blocked == []
