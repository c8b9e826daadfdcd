"""The page "Nước thải KCN/CCN" in a real headless Chromium with no internet: a marker per site, the legends, a click
on a site chooses it, a chosen row rings its site, and filters do not move the map."""

import pytest
from playwright.sync_api import expect

from tests import data_facts
from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(build_dir):
    with offline_page({"BGGM_TILES": "osm"}, path="/nuoc-thai", viewport=(1400, 2000)) as (page, blocked):
        yield page, blocked


def _map(page):
    return map_frame(page)


def test_map_draws_every_site_over_10_districts_with_both_legends_offline(browser_page):
    page, blocked = browser_page
    reg = data_facts.register()  # counted from the CSV
    failing = reg.compliance["not_compliant"]
    expect(page.get_by_role("heading", name="Nước thải KCN/CCN")).to_be_visible(timeout=30_000)
    frame = _map(page)
    expect(frame.locator("path.site-marker")).to_have_count(reg.sites, timeout=30_000)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(reg.sites + 10)  # sites + district choropleth
    expect(frame.locator("path.site-not_compliant")).to_have_count(failing)
    legend = frame.locator(".map-legend")
    expect(legend.filter(has_text="Đánh giá nước thải")).to_contain_text(f"Không đạt ({failing})")
    expect(legend.filter(has_text="Tỷ lệ có trạm XLNT (chỉ tiêu 7)")).to_contain_text("Không có KCN/CCN đang hoạt động")
    expect(page.get_by_text("Số liệu minh họa không phải số liệu chính thức", exact=False)).to_be_visible()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "wastewater_map.png"), full_page=True)
    assert all("tile.openstreetmap.org" in u for u in blocked), blocked[:5]


def test_clicking_a_site_chooses_it_and_rings_it_on_the_map(browser_page):
    page, _ = browser_page
    frame = _map(page)
    frame.locator("path.site-CCN-MH09").click()
    expect(page.get_by_text("Đang chọn: [CCN-MH09] CCN minh họa 09 (Xã Kép)")).to_be_visible(timeout=30_000)
    expect(frame.locator("path.site-selected")).to_have_count(1, timeout=30_000)
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("KCN/CCN minh họa – không có thật")


def test_choosing_a_row_of_the_list_rings_its_site(browser_page):
    page, _ = browser_page
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 2 * 35 + 17)  # selection box of the third row: CCN-MH14
    expect(page.get_by_text("Đang chọn: [CCN-MH14]", exact=False)).to_be_visible(timeout=30_000)
    expect(_map(page).locator("path.site-selected")).to_have_count(1, timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "wastewater_row_chosen.png"), full_page=True)


def test_filters_do_not_move_the_map(browser_page):
    page, _ = browser_page
    frame = _map(page)
    scale = frame.locator(".leaflet-control-scale-line").first
    before = scale.inner_text()
    frame.locator("a.leaflet-control-zoom-out").click()
    expect(scale).not_to_have_text(before, timeout=10_000)
    zoomed = scale.inner_text()
    page.wait_for_timeout(3000)  # st_folium reports the new view back (debounced)
    page.get_by_label("Tô màu đơn vị theo").get_by_text("Tỷ lệ đạt (trạm + quan trắc)").click()
    expect(_map(page).locator(".map-legend").filter(has_text="Tỷ lệ đạt")).to_have_count(1, timeout=30_000)
    expect(_map(page).locator("path.site-marker")).to_have_count(data_facts.register().sites, timeout=30_000)
    page.wait_for_timeout(1500)
    assert _map(page).locator(".leaflet-control-scale-line").first.inner_text() == zoomed
