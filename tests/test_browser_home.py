"""The home map in a real headless Chromium, with no internet: Leaflet comes from the app, the polygons draw."""

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(build_dir):
    with offline_page({"BGGM_TILES": "osm"}) as (page, blocked):
        yield page, blocked


def _map(page):
    return map_frame(page)


def test_district_map_draws_10_polygons_with_no_internet(browser_page):
    page, blocked = browser_page
    expect(page.get_by_text("Bản đồ tăng trưởng xanh Bắc Giang")).to_be_visible(timeout=30_000)
    page.get_by_text("Xã/phường 2025 – Bắc Giang cũ (58)").click()
    expect(_map(page).locator("path.leaflet-interactive")).to_have_count(58, timeout=30_000)
    page.get_by_text("Huyện/thành phố 2019 (10 đơn vị)").click()
    paths = _map(page).locator("path.leaflet-interactive")
    expect(paths).to_have_count(10, timeout=30_000)
    expect(_map(page).get_by_text("Lục Ngạn", exact=True)).to_be_visible()
    expect(_map(page).locator(".unit-label")).to_have_count(10)  # one label per unit, drawn by one layer
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "home_districts_offline.png"), full_page=True)
    # the only requests that tried to leave the machine were base-map tiles, which may fail offline
    assert all("tile.openstreetmap.org" in u for u in blocked), blocked[:5]


def test_search_without_diacritics_zooms_to_and_highlights_the_unit(browser_page):
    page, _ = browser_page
    box = page.get_by_role("textbox", name="Tìm đơn vị (gõ không dấu cũng được)")
    box.fill("luc ngan")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Huyện Lục Ngạn")).to_be_visible(timeout=30_000)
    highlight = _map(page).locator("path[stroke='#d62728']")
    expect(highlight).to_have_count(1, timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "home_luc_ngan.png"), full_page=True)


def test_the_map_keeps_its_view_when_the_page_reruns(browser_page):
    page, _ = browser_page
    frame = _map(page)
    scale = frame.locator(".leaflet-control-scale-line").first
    before = scale.inner_text()
    frame.locator("a.leaflet-control-zoom-in").click()
    expect(scale).not_to_have_text(before, timeout=10_000)
    zoomed = scale.inner_text()
    page.wait_for_timeout(3000)  # st_folium reports the new view back to the app (debounced)
    page.get_by_text("English", exact=True).click()  # a rerun of the whole page
    expect(page.get_by_text("Bắc Giang green-growth map")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    assert _map(page).locator(".leaflet-control-scale-line").first.inner_text() == zoomed
