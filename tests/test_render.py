import json
import re

import pytest

from layers import loader, render
from layers.registry import REGISTRY

CDN = re.compile(r"(cdn\.jsdelivr|cdnjs\.cloudflare|code\.jquery|netdna\.bootstrapcdn|unpkg\.com|d3js\.org)")


def _html(m) -> str:
    return m.get_root().render()


def test_map_html_loads_leaflet_from_the_app_not_a_cdn(build_dir):
    frame = loader.load("districts_2019", display=True)
    m = render.base_map("none")
    render.units_layer(frame, REGISTRY["districts_2019"]).add_to(m)
    render.labels_layer(frame, REGISTRY["districts_2019"]).add_to(m)
    render.Legend("Chú giải", [("Đạt", "#2ca02c")]).add_to(m)
    page = _html(m)
    assert not CDN.search(page), CDN.search(page)
    assert "/app/static/vendor/leaflet/leaflet.js" in page
    assert "tile.openstreetmap.org" not in page  # tiles "none": a plain background
    assert page.count("unit-label") >= 1


def test_labels_are_one_layer_carrying_every_text_once(build_dir):
    frame = loader.load("districts_2019", display=True)
    m = render.base_map("none")
    render.labels_layer(frame, REGISTRY["districts_2019"]).add_to(m)
    page = _html(m)
    start = page.index(".forEach(") - 1
    rows = json.loads(page[page.rindex("[[", 0, start) : start + 1])
    assert sorted(r[2] for r in rows) == sorted(frame["name"])  # the label column of districts_2019
    assert page.count("L.marker(") == 1  # one loop, not one marker (and one template) per label
    assert page.count("L.divIcon(") == 1


def test_label_text_is_never_parsed_as_html():
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame({"t": ["<b>A</b> & B\nC"]}, geometry=[shapely.box(106, 21, 106.1, 21.1)], crs=4326)
    m = render.base_map("none")
    render.text_labels(frame, "t").add_to(m)
    page = _html(m)
    assert "<b>A" not in page
    assert "\\u003cb\\u003eA\\u003c/b\\u003e \\u0026 B\\nC" in page
    assert "createTextNode(line)" in page


def test_osm_tiles_when_configured():
    assert "tile.openstreetmap.org" in _html(render.base_map("osm"))
    assert "example.org/{z}" in _html(render.base_map("https://example.org/{z}/{x}/{y}.png"))


def test_legend_is_a_leaflet_control_with_its_items():
    m = render.base_map("none")
    render.Legend("Trạng thái", [("Đạt", "#2ca02c"), ("Không đạt", "#d62728")]).add_to(m)
    page = _html(m)
    assert "L.control" in page
    assert json.dumps("Không đạt")[1:-1] in page


@pytest.mark.parametrize(
    ("bounds", "zoom"),
    [((105.88, 21.12, 107.03, 21.63), 9), ((106.14, 21.22, 106.26, 21.32), 12), ((106.2, 21.3, 106.2, 21.3), 15)],
)
def test_view_for_bounds_fits_the_box(bounds, zoom):
    center, z = render.view_for_bounds(bounds, width_px=800, height_px=560)
    assert z == zoom
    assert center == pytest.approx(((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2))
