"""State that must survive what people do in a real browser: language round trips, reloads, shared links, and
scrolling the page past a map (headless Chromium, no internet)."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser

ZOOM = "() => { const m = Object.values(window).find(v => v instanceof L.Map); return m ? m.getZoom() : null; }"


def _no_exception(page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def _leaflet_frame(page):
    """The st_folium iframe as a Playwright Frame (to run script in it), once its map is drawn."""
    expect(map_frame(page).locator("path.leaflet-interactive").first).to_be_visible(timeout=60_000)
    return next(f for f in page.frames if f.evaluate("() => typeof L !== 'undefined' && !!document.querySelector("
                                                     "'.leaflet-container')"))  # fmt: skip


def _part(page, name: str):
    """One of the progress page's parts (Overview, Map, Meetings, Data entry), shown as a row of tab-like buttons."""
    return page.get_by_role("radiogroup", name=("Phần", "Part")[name.isascii()]).get_by_role("radio", name=name)


def _settled(page) -> None:
    """Wait until the page's run has finished (no element is left over from the run before)."""
    page.wait_for_timeout(500)
    expect(page.locator("[data-stale=true]")).to_have_count(0, timeout=90_000)


def _switch(page, language: str) -> None:
    page.locator("[data-testid=stSidebar]").get_by_text(language, exact=True).click()


def test_progress_page_survives_a_language_round_trip_on_every_tab(build_dir, tmp_path):
    env = {"BGGM_TILES": "none", "BGGM_USER_DATA_DIR": str(tmp_path)}
    with offline_page(env, path="/tien-do", viewport=(1600, 1000)) as (page, blocked):
        expect(page.get_by_text("5a · Tỷ lệ độ che phủ rừng").first).to_be_visible(timeout=60_000)
        _part(page, "Bản đồ").click()
        page.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name="7 · Tỷ lệ KCN, CCN", exact=False).click()
        page.wait_for_url("**indicator=7**", timeout=20_000)
        parts = [("cards", "Tổng quan", "Overview"), ("map", "Bản đồ", "Map"),
                 ("meet", "Họp & báo cáo", "Meetings & briefs"), ("entry", "Nhập số liệu", "Data entry")]  # fmt: skip
        for _id, vi, en in parts:
            _part(page, vi).click()
            _settled(page)
            expect(_part(page, vi)).to_be_checked()
            _switch(page, "English")
            expect(_part(page, en)).to_be_checked(timeout=60_000)  # the same part stays open
            _no_exception(page)
            _settled(page)
            _switch(page, "Tiếng Việt")
            expect(_part(page, vi)).to_be_checked(timeout=60_000)
            _settled(page)
            _no_exception(page)
            if vi == "Họp & báo cáo":
                expect(page.get_by_text("— 7, 2025")).to_be_visible(timeout=30_000)  # the chosen indicator
                expect(page.get_by_text("Tải PNG máy chiếu (1920×1080)")).to_be_visible()
            if vi == "Nhập số liệu":
                expect(page.get_by_text("Tải mẫu Excel năm 2025")).to_be_visible(timeout=30_000)
            if vi == "Bản đồ":
                expect(page.get_by_role("combobox", name="Chỉ tiêu")).to_have_value(re.compile(r"^7 · Tỷ lệ KCN, CCN"))
        page.screenshot(path=str(ARTIFACTS / "state_progress_round_trip.png"), full_page=True)
    assert blocked == []


def _choose_option(page, name: re.Pattern[str], tries: int = 3) -> None:
    """Open the first select box and choose ``name``; a rerun that redraws the box while its list is open closes the
    list, so open it again (bounded) rather than wait on an option that is gone."""
    for attempt in range(tries):
        page.get_by_test_id("stSelectbox").first.click()
        option = page.get_by_role("option", name=name)
        try:
            option.click(timeout=10_000)
            return
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def test_a_link_with_state_opens_the_same_view_and_a_reload_keeps_it(build_dir):
    with offline_page({"BGGM_TILES": "none"}, path="/ban-do?lang=en&units=communes_2025&unit=07525") as (page, _):
        expect(page.get_by_role("heading", name=re.compile("Chũ"))).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name="Bắc Giang green-growth map")).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        page.get_by_text("2019 districts (10 units)", exact=True).click()
        page.wait_for_url(lambda u: "units=" not in u and "lang=en" in u, timeout=20_000)
        _choose_option(page, re.compile("Lục Ngạn"))
        page.wait_for_url("**unit=219**", timeout=20_000)
        page.reload()
        expect(page.get_by_role("heading", name=re.compile("Lục Ngạn"))).to_be_visible(timeout=60_000)
        expect(page.get_by_role("heading", name="Bắc Giang green-growth map")).to_be_visible()
        assert "unit=219" in page.url and "lang=en" in page.url


def test_the_bare_address_opens_the_home_page_at_its_declared_address(build_dir):
    with offline_page({"BGGM_TILES": "none"}, path="/?unit=219") as (page, _):
        expect(page.get_by_role("heading", name="Huyện Lục Ngạn")).to_be_visible(timeout=60_000)
        assert "/ban-do" in page.url and "unit=219" in page.url


def test_the_wheel_over_a_map_scrolls_the_page_and_zooms_only_after_a_click(build_dir):
    with offline_page({"BGGM_TILES": "none"}, path="/ban-do", viewport=(1400, 800)) as (page, _):
        frame = _leaflet_frame(page)
        page.wait_for_timeout(1500)
        zoom = frame.evaluate(ZOOM)
        iframe = page.locator("iframe[title*='streamlit_folium']").first
        box = iframe.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 150)
        for _ in range(3):
            page.mouse.wheel(0, 300)
            page.wait_for_timeout(300)
        page.wait_for_timeout(800)
        assert frame.evaluate(ZOOM) == zoom  # the map did not zoom
        assert iframe.bounding_box()["y"] < box["y"] - 100  # the page scrolled
        inside = iframe.bounding_box()
        page.mouse.click(inside["x"] + 40, inside["y"] + inside["height"] - 40)  # a click on the map: wheel zooms
        page.wait_for_timeout(1500)
        clicked = frame.evaluate(ZOOM)
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(1200)
        assert frame.evaluate(ZOOM) > clicked


PAGES = [("ban-do", "Bản đồ tăng trưởng xanh Bắc Giang", "Bắc Giang green-growth map"),
         ("nuoc-thai", "Nước thải KCN/CCN", "KCN/CCN wastewater"), ("rung", "Độ che phủ rừng", "Forest cover"),
         ("khong-khi", "Không khí & nguồn thải", "Air & emission sources"),
         ("tien-do", "Tiến độ mục tiêu", "Progress toward targets")]  # fmt: skip


@pytest.mark.parametrize(("path", "title_vi", "title_en"), PAGES)
def test_every_page_opens_in_both_languages_with_its_map_and_no_exception(build_dir, tmp_path, path, title_vi,
                                                                          title_en):  # fmt: skip
    env = {"BGGM_TILES": "none", "BGGM_USER_DATA_DIR": str(tmp_path)}
    query = "?tab=map" if path == "tien-do" else ""
    with offline_page(env, path=f"/{path}{query}", viewport=(1500, 2400)) as (page, blocked):
        for language, title in (("vi", title_vi), ("en", title_en)):
            if language == "en":
                _switch(page, "English")
            expect(page.get_by_role("heading", name=title).first).to_be_visible(timeout=90_000)
            expect(map_frame(page).locator("path.leaflet-interactive").first).to_be_visible(timeout=90_000)
            expect(page.locator("[data-stale=true]")).to_have_count(0, timeout=90_000)  # the run has finished
            page.wait_for_timeout(2500)
            _no_exception(page)
            page.screenshot(path=str(ARTIFACTS / f"state_{path}_{language}.png"), full_page=True)
    assert blocked == []


def test_clicking_a_unit_on_the_home_map_selects_it(build_dir):
    from layers import loader

    inside = loader.load("districts_2019", display=True).set_index("code").geometry["219"].representative_point()
    with offline_page({"BGGM_TILES": "none"}, path="/ban-do") as (page, _):
        frame = _leaflet_frame(page)
        page.wait_for_timeout(1500)
        x, y = frame.evaluate(
            "([lat, lng]) => { const m = Object.values(window).find(v => v instanceof L.Map);"
            " const r = m.getContainer().getBoundingClientRect(); const p = m.latLngToContainerPoint([lat, lng]);"
            " return [r.left + p.x, r.top + p.y]; }",
            [inside.y, inside.x],
        )
        box = page.locator("iframe[title*='streamlit_folium']").first.bounding_box()
        page.mouse.click(box["x"] + x, box["y"] + y)
        expect(page.get_by_role("heading", name="Huyện Lục Ngạn")).to_be_visible(timeout=60_000)
        page.wait_for_url("**unit=219**", timeout=30_000)
