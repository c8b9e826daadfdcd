"""The air-quality page in a real headless Chromium with no internet: stations, sources and legends draw, a click on
a station opens its charts."""

import pytest
from playwright.sync_api import expect

from tests import data_facts
from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(build_dir):
    with offline_page({"BGGM_TILES": "osm"}, path="/khong-khi", viewport=(1500, 1100)) as (page, blocked):
        yield page, blocked


def _map(page):
    return map_frame(page)


def test_map_draws_every_station_and_source_and_the_aqi_legend_with_no_internet(browser_page):
    page, blocked = browser_page
    expect(page.get_by_role("heading", name="Không khí & nguồn thải")).to_be_visible(timeout=60_000)
    # the banner comes with the page's data, after the heading: on a loaded machine later than expect's 5 s
    expect(page.get_by_text("Số liệu minh họa.", exact=False).first).to_be_visible(timeout=60_000)
    frame = _map(page)
    expect(frame.locator("path.aq-station")).to_have_count(data_facts.stations(), timeout=60_000)
    expect(frame.locator("path.aq-source")).to_have_count(len(data_facts.emission_sources()), timeout=30_000)
    # on the last day BG05 (stopped 15 h before the end) and BG06 (periodic, last campaign 26–28/10) are stale
    expect(frame.locator("path.aq-stale")).to_have_count(2)
    expect(frame.locator("path.aq-stale").first).to_have_attribute("stroke-dasharray", "4 3")
    expect(frame.locator("path.aq-current")).to_have_count(6)
    legend = frame.locator(".map-legend").filter(has_text="VN_AQI")
    for label in ("0–50 Tốt", "51–100 Trung bình", "101–150 Kém", "151–200 Xấu", "201–300 Rất xấu", "301–500 Nguy hại"):
        expect(legend).to_contain_text(label)
    expect(frame.locator(".map-legend").filter(has_text="Nguồn thải lớn")).to_contain_text(
        "Tự động, đang truyền số liệu"
    )
    expect(frame.locator(".aq-label", has_text="không có số liệu > 6 giờ")).to_have_count(2)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "air_quality_map.png"), full_page=True)
    assert all("tile.openstreetmap.org" in u for u in blocked), blocked[:5]


def test_clicking_a_station_shows_its_charts_and_keeps_the_map_where_the_user_put_it(browser_page):
    page, _ = browser_page
    frame = _map(page)
    expect(frame.locator("path.aq-station")).to_have_count(8, timeout=60_000)
    scale = frame.locator(".leaflet-control-scale-line").first
    before = scale.inner_text()
    frame.locator("a.leaflet-control-zoom-in").click()
    expect(scale).not_to_have_text(before, timeout=10_000)
    zoomed = scale.inner_text()
    page.wait_for_timeout(3000)  # st_folium reports the new view back to the app (debounced)
    frame.locator("path.aq-station").nth(3).click()  # BG04, in KCN Song Khê – Nội Hoàng
    expect(page.get_by_role("heading", name="BG04 – KCN Song Khê – Nội Hoàng")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    assert _map(page).locator(".leaflet-control-scale-line").first.inner_text() == zoomed
    page.mouse.move(5, 5)  # away from the map, so no tooltip stays open
    page.get_by_role("heading", name="BG04 – KCN Song Khê – Nội Hoàng").scroll_into_view_if_needed()
    page.wait_for_timeout(2000)
    page.screenshot(path=str(ARTIFACTS / "air_quality_station.png"))
