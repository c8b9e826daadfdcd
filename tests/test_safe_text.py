"""Data text is shown as text on every map and in every Markdown message: hostile names and sources make no element,
no event handler, no JavaScript and no request, and still read exactly as they were written."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from geo.wastewater import rules as ww
from geo.wastewater.register import load_register, unit_names
from layers import air_quality_map as aqmap
from layers import forest_map, loader, render, safe_text
from layers import kcn_ccn_map as sitemap
from layers.registry import unit_set_layer
from tests.hostile import (
    FORMULA,
    HOSTILE_NAMES,
    HOSTILE_SOURCE,
    IMG,
    MD_IMAGE,
    SCRIPT,
    TEMPLATE,
    Shown,
    assert_shown_as_text,
    bound_tooltips,
    hostile_register,
)

COMMONMARK = MarkdownIt("commonmark")


def _page(*children: object) -> str:
    m = render.base_map("none")
    for child in children:
        child.add_to(m)  # type: ignore[attr-defined]
    return m.get_root().render()


def _assert_no_raw_markup(page: str) -> None:
    """Data text reaches the page only JSON-encoded or HTML-escaped: never as markup the parser would act on."""
    for raw in ("<img", "<script>window", "</script><script>"):
        assert raw not in page, raw


def _popups(page: str) -> list[str]:
    decoder = json.JSONDecoder()
    return [decoder.raw_decode(page, m.end())[0] for m in re.finditer(r"\.bindPopup\(\s*", page)]


def _properties(layer: object, field: str) -> list[object]:
    return [f["properties"][field] for f in layer.data["features"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_html_text_escapes_markup_and_keeps_the_text(name):
    assert Shown(str(safe_text.html_text(name))).text == name
    assert Shown(str(safe_text.html_text(name))).tags == []
    assert safe_text.html_text(IMG) == "&lt;img src=x onerror=&#34;window.top.__xss=1&#34;&gt;"


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, HOSTILE_SOURCE, "**bold** _it_ $x$ :red[red] <b>b</b> [a](b)"])
def test_markdown_text_renders_as_exactly_its_text(name):
    html = COMMONMARK.render(safe_text.markdown_text(name))
    shown = Shown(html)
    assert shown.tags == ["p"]  # no image, link, emphasis, code or HTML
    assert shown.text.strip() == name


def test_markdown_text_keeps_a_data_string_on_one_line():
    assert safe_text.markdown_text("Sơn Động\n# Tiêu đề") == "Sơn Động \\# Tiêu đề"


def test_tooltip_is_bound_as_a_json_string_never_a_template_literal():
    page = _page(folium_point(safe_text.Tooltip(f"{TEMPLATE} {IMG} {SCRIPT}")))
    _assert_no_raw_markup(page)
    assert "bindTooltip(`" not in page
    [tip] = bound_tooltips(page)
    assert_shown_as_text(tip, f"{TEMPLATE} {IMG} {SCRIPT}", tags={"div"})


def test_tooltip_keeps_markup_built_from_escaped_parts():
    body = safe_text.Markup("<b>{}</b><br>{}").format(IMG, "x")
    [tip] = bound_tooltips(_page(folium_point(safe_text.Tooltip(body, style="font-size:12px"))))
    assert tip == '<div style="font-size:12px"><b>&lt;img src=x onerror=&#34;window.top.__xss=1&#34;&gt;</b><br>x</div>'


def folium_point(tooltip: safe_text.Tooltip) -> object:
    import folium

    return folium.CircleMarker([21.3, 106.2], radius=5, tooltip=tooltip)


@pytest.fixture(scope="module")
def hostile_sites(build_dir, tmp_path_factory):
    return ww.assess(load_register(hostile_register(tmp_path_factory.mktemp("register"))))


@pytest.fixture(scope="module")
def names(build_dir):
    return {"district_2019": unit_names("districts_2019"), "commune_2025": unit_names("communes_2025")}


def test_site_tooltips_and_popups_show_hostile_names_and_sources_as_text(hostile_sites, names):
    page = _page(sitemap.sites_layer(hostile_sites, lang="vi", names=names))
    _assert_no_raw_markup(page)
    tips, popups = bound_tooltips(page), _popups(page)
    assert len(tips) == len(popups) == len(hostile_sites)
    for tip, popup, (_, site) in zip(tips, popups, hostile_sites.iterrows(), strict=True):
        shown = assert_shown_as_text(tip, f"[{site['id']}] {site['name']}")
        assert sitemap.clicked_id(shown.text) == site["id"]  # st_folium reports the tooltip's text: the id is found
        popup_shown = assert_shown_as_text(popup, str(site["name"]), "![s](http://example.invalid/s.png)")
        assert "img" not in popup_shown.tags


def test_share_layer_tooltip_shows_hostile_unit_names_as_text(hostile_sites, names):
    units = loader.load("districts_2019", display=True)
    units.loc[units.index[0], "name"] = IMG
    summary = ww.unit_summary(hostile_sites, names["district_2019"], "districts_2019")
    layer = sitemap.share_layer(units, summary, measure="share_pct", lang="en")
    _assert_no_raw_markup(_page(layer))
    shown = _properties(layer, "name")
    assert shown[0] == str(safe_text.html_text(IMG)) and Shown(str(shown[0])).text == IMG
    assert shown[1:] == units["name"].iloc[1:].tolist()  # ordinary names unchanged


@pytest.fixture
def hostile_units(build_dir):
    units = loader.load("districts_2019", display=True)
    units["name_full"] = [HOSTILE_NAMES[i % len(HOSTILE_NAMES)] for i in range(len(units))]
    units["name"] = units["name_full"]
    return units


def test_unit_tooltips_labels_legends_and_title_show_hostile_text_as_text(hostile_units):
    spec = unit_set_layer("districts_2019")
    units = render.units_layer(hostile_units, spec, lang="vi")
    coloured = render.coloured_units(
        hostile_units.assign(colour="#ff0000", value_text=SCRIPT),
        colour="colour",
        fields=["name_full", "value_text"],
        aliases=[IMG, "Giá trị"],
    )
    labels = render.text_labels(hostile_units, "name")
    legend = render.Legend(TEMPLATE, [(IMG, "#fff")])
    title = render.TitleBox(SCRIPT, [MD_IMAGE, HOSTILE_SOURCE])
    page = _page(units, coloured, labels, legend, title)
    _assert_no_raw_markup(page)
    for layer in (units, coloured):
        for value, name in zip(_properties(layer, "name_full"), hostile_units["name_full"], strict=True):
            assert_shown_as_text(str(value), name, tags=set())
    assert coloured._children  # the tooltip's titles are escaped too
    tooltip = next(c for c in coloured._children.values() if isinstance(c, render.folium.GeoJsonTooltip))
    assert tooltip.aliases[0] == str(safe_text.html_text(IMG))
    for body in (legend.body, title.body):
        assert_shown_as_text(body)
    assert TEMPLATE in Shown(legend.body).text and HOSTILE_SOURCE in Shown(title.body).text


def test_forest_choropleth_tooltip_and_popup_show_hostile_names_as_text(hostile_units):
    frame = hostile_units.assign(forest_pct=40.0, pct_text="40,0 %")
    layer = forest_map.choropleth(frame, fields=["name_full", "pct_text"], aliases=[MD_IMAGE, "%"])
    _assert_no_raw_markup(_page(layer))
    for value, name in zip(_properties(layer, "name_full"), hostile_units["name_full"], strict=True):
        assert_shown_as_text(str(value), name, tags=set())


def test_air_quality_tooltips_show_hostile_station_and_source_names_as_text():
    frame = pd.DataFrame({"id": ["S1"], "name": [TEMPLATE], "type": ["automatic"], "operator": [IMG],
                          "lon": [106.1], "lat": [21.3]})  # fmt: skip
    stations = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
    snapshot = pd.DataFrame({"station_id": ["S1"], "vn_aqi": pd.array([60], dtype="Int64"), "category": [SCRIPT],
                             "category_en": [SCRIPT], "colour": ["#FFFF00"], "dominant": ["aqi_pm25"],
                             "last_time": pd.to_datetime(["2026-01-01 10:00"]), "hours_since": [0.0],
                             "status": ["current"]})  # fmt: skip
    sources = pd.DataFrame({"id": ["E1"], "name": [SCRIPT], "sector": ["cement"], "kcn_ccn": [IMG],
                            "stack_monitoring": ["none"], "dust_tpy": [4.0], "so2_tpy": [1.0], "nox_tpy": [1.0],
                            "co_tpy": [1.0], "ghg_inventory_required": [False], "lon": [106.2],
                            "lat": [21.3]})  # fmt: skip
    page = _page(aqmap.stations_layer(stations, snapshot, lang="vi", period=MD_IMAGE),
                 aqmap.sources_layer(gpd.GeoDataFrame(sources), "dust", lang="en"))  # fmt: skip
    _assert_no_raw_markup(page)
    station, source = bound_tooltips(page)
    assert_shown_as_text(station, f"S1 – {TEMPLATE}", IMG, SCRIPT, MD_IMAGE)
    assert_shown_as_text(source, f"E1 – {SCRIPT}", IMG)


def _error_page() -> None:
    from geo.errors import Problem, SchemaError, Text
    from ui import errors

    errors.show(
        SchemaError(
            [
                Problem(
                    file="mau.xlsx",
                    row=3,
                    field="Nguồn",
                    expected=Text("văn bản", "text"),
                    found="![x](http://example.invalid/a.png)",
                ),
                Problem(file="mau.xlsx", row=4, field="Tên", found="<img src=x onerror=alert(1)>"),
            ]
        )
    )


def test_error_messages_quote_uploaded_text_as_text():
    at = AppTest.from_function(_error_page).run()
    assert not at.exception
    html = COMMONMARK.render(at.error[0].value)
    shown = Shown(html)
    assert set(shown.tags) == {"p", "ul", "li"}  # the list of problems, no image and no link
    assert "'![x](http://example.invalid/a.png)'" in shown.text and "'<img src=x onerror=alert(1)>'" in shown.text
    assert FORMULA not in shown.text
