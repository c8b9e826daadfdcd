"""A national-size unit set in a real headless Chromium with no internet: drawn from the app's own vector tiles
(layers/tiles.py), every request answered by localhost, a tooltip on hover and a click that selects the unit."""

import re
import shutil

import geopandas as gpd
import pytest
from playwright.sync_api import expect

from bench.bench_scale import UNIT_SET, scaled_build_dir
from layers import tiles
from tests.browser import ARTIFACTS, map_frame, offline_page

pytestmark = pytest.mark.browser
UNITS = 1_200  # above tiles.TILED_MIN_FEATURES; the bench runs 3,300 (its tiles take ~3× longer to build)
TILE_PATH = ".leaflet-tile-container path.leaflet-interactive"


@pytest.fixture(scope="module")
def large_page(build_dir, tmp_path_factory):
    build = scaled_build_dir(UNITS, tmp_path_factory.mktemp("scaled") / "build", build_dir)
    display = gpd.read_parquet(build / f"{UNIT_SET}_display.parquet")
    digest = tiles.content_hash(display)  # the app's first view builds these tiles: none there before
    shutil.rmtree(tiles.TILE_ROOT / digest, ignore_errors=True)
    env = {"BGGM_BUILD_DIR": str(build), "BGGM_TILES": "none"}
    with offline_page(env, path=f"/ban-do?units={UNIT_SET}") as (page, blocked):
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        yield page, blocked, requests, digest


def test_a_large_set_draws_from_local_tiles_with_no_request_leaving_the_machine(large_page):
    page, blocked, requests, digest = large_page
    expect(page.get_by_text("Đang dựng ô bản đồ cho bộ đơn vị lớn")).to_be_visible(timeout=60_000)  # first build
    frame = map_frame(page)
    expect(frame.locator(TILE_PATH).first).to_be_attached(timeout=120_000)
    assert (tiles.TILE_ROOT / digest / "metadata.json").is_file()  # built by the app, kept for the next views
    page.wait_for_timeout(2000)
    assert frame.locator(TILE_PATH).count() > 100  # many units drawn, from tiles
    assert frame.locator(".leaflet-overlay-pane > svg path").count() == 0  # no embedded GeoJSON layer
    tile_urls = [u for u in requests if "/app/static/tiles/" in u]
    assert tile_urls and all(f"/app/static/tiles/{digest}/" in u for u in tile_urls)
    assert all(re.match(r"^(http://localhost|ws://localhost|data:|blob:|about:)", u) for u in requests), requests[:5]
    assert blocked == []
    page.screenshot(path=str(ARTIFACTS / "home_3300_tiles_offline.png"), full_page=True)


def test_hover_shows_the_unit_name_as_text_and_a_click_selects_the_unit(large_page):
    page, _, _, _ = large_page
    frame = map_frame(page)
    expect(frame.locator(TILE_PATH).first).to_be_attached(timeout=90_000)
    target = frame.locator(TILE_PATH).nth(frame.locator(TILE_PATH).count() // 2)
    target.hover(force=True)
    tip = frame.locator(".leaflet-tooltip")
    expect(tip).to_be_visible(timeout=10_000)
    assert re.search(r"(Xã|Phường) ", tip.inner_text()), tip.inner_text()
    target.click(force=True)
    expect(page).to_have_url(re.compile(r"unit=[0-9]+-[0-9]+"), timeout=30_000)
    expect(frame.locator("path[stroke='#d62728']")).to_have_count(1, timeout=30_000)  # the selected unit outlined
    code = re.search(r"unit=([0-9]+-[0-9]+)", page.url).group(1)  # type: ignore[union-attr]
    expect(page.get_by_text(code, exact=False).first).to_be_visible(timeout=30_000)
    expect(frame.locator(TILE_PATH).first).to_be_attached(timeout=30_000)  # the units around it, from tiles
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "home_3300_clicked.png"), full_page=True)


def test_past_the_deepest_tiles_units_are_cut_from_their_ancestor_at_full_size(large_page):
    page, _, requests, _ = large_page
    frame = map_frame(page)
    expect(frame.locator("path[stroke='#d62728']")).to_have_count(1, timeout=30_000)  # zoomed to the chosen unit
    for _ in range(3):
        frame.locator("a.leaflet-control-zoom-in").click()
        page.wait_for_timeout(800)
    expect(frame.locator(TILE_PATH).first).to_be_attached(timeout=30_000)
    zooms = {int(m.group(1)) for u in requests if (m := re.search(r"/app/static/tiles/[0-9a-f]+/([0-9]+)/", u))}
    assert max(zooms) == tiles.MAX_ZOOM  # nothing asked beyond the tiles that exist
    page.wait_for_timeout(1500)
    # the level on top (Leaflet's current zoom) is drawn at full size, not an enlarged zoom-12 level
    top = frame.locator(".leaflet-tile-container").evaluate_all(
        "els => els.filter(e => e.children.length).sort((a, b) => b.style.zIndex - a.style.zIndex)[0].style.transform"
    )
    assert top.endswith("scale(1)"), top
