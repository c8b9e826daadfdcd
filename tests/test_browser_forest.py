"""The forest page in a real headless Chromium with no internet: choropleth, legend with the target, raster overlay."""

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, map_frame, offline_page
from tests.forest_support import forest_raster  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("forest_raster")]


def test_forest_map_draws_10_districts_the_37_percent_target_and_the_raster_overlay(build_dir):
    with offline_page({"BGGM_TILES": "none"}, path="/rung", viewport=(1500, 1700)) as (page, blocked):
        expect(page.get_by_text("MINH HỌA", exact=False).first).to_be_visible(timeout=60_000)
        frame = map_frame(page)
        expect(frame.locator("path.leaflet-interactive")).to_have_count(10, timeout=60_000)
        expect(frame.locator(".forest-target")).to_have_text("Mục tiêu 2030: 37 %")
        expect(frame.locator(".forest-legend")).to_contain_text("≥ 50 %")
        overlay = frame.locator("img.leaflet-image-layer")
        expect(overlay).to_have_count(1)
        assert overlay.get_attribute("src").startswith("data:image/png;base64,")
        frame.locator("path.leaflet-interactive").nth(6).hover()  # Sơn Động
        expect(frame.locator(".leaflet-tooltip")).to_contain_text("thống kê chính thức 2020")
        expect(frame.locator(".leaflet-tooltip")).to_contain_text("71,8 %")
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "forest_districts.png"), full_page=True)

        page.get_by_text("Xã/phường 2025 – Bắc Giang cũ (58)").click()
        frame = map_frame(page)
        expect(frame.locator("path.leaflet-interactive")).to_have_count(58, timeout=60_000)
        page.get_by_text("Hiện ảnh phân loại rừng").click()
        expect(frame.locator("img.leaflet-image-layer")).to_have_count(0, timeout=30_000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "forest_communes.png"), full_page=True)
    assert blocked == []
