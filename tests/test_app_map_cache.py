"""Maps are built and rendered once per content and shared by every session; another content is another map (AppTest).

A page's map is built by ``build()`` only when no session has shown its content key yet (ui/mapview.py): these tests
count the builds, and read what the map component was given (its script, view and feature group).
"""

from __future__ import annotations

import json
from typing import Any

import folium
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import apptest
from ui import home, wastewater


@pytest.fixture(autouse=True)
def _no_cached_maps(build_dir, monkeypatch):
    monkeypatch.setenv("BGGM_TILES", "none")
    st.cache_resource.clear()  # shared by every AppTest of this process: each test starts with no map built


@pytest.fixture
def builds(monkeypatch) -> list[tuple[Any, ...]]:
    """The home page's map builds, by (unit set, language, tiles)."""
    seen: list[tuple[Any, ...]] = []
    original = home._base_map

    def counted(unit_set: str, language: str, tiles: str) -> folium.Map:
        seen.append((unit_set, language, tiles))
        return original(unit_set, language, tiles)

    monkeypatch.setattr(home, "_base_map", counted)
    return seen


def open_page(name: str, **params: str) -> AppTest:
    return apptest.open_page(name, timeout=180, **params)


def component(at: AppTest) -> dict[str, Any]:
    """The arguments the (only) map component was given."""
    (element,) = at.get("component_instance")
    return dict(json.loads(element.proto.json_args))


def test_two_sessions_with_the_same_content_share_one_build_and_the_same_map(builds):
    first = open_page("home")
    second = open_page("home")
    assert not first.exception and not second.exception
    assert builds == [("districts_2019", "vi", "none")]
    a, b = component(first), component(second)
    assert a["script"] == b["script"] and a["key"] == b["key"]  # one map, one widget identity
    assert a["script"].count('"code": "') == 10  # the 10 districts, each a GeoJSON feature
    first.run()  # a rerun with nothing changed builds nothing either
    assert len(builds) == 1


def test_each_part_of_the_home_maps_content_key_builds_another_map(builds):
    at = open_page("home")
    vi_script = component(at)["script"]
    at.sidebar.radio(key="lang").set_value("en").run()
    assert builds[-1] == ("districts_2019", "en", "none")
    assert component(at)["script"] != vi_script
    at.radio(key="unit_set").set_value("communes_2025").run()
    assert builds[-1] == ("communes_2025", "en", "none")
    assert component(at)["script"].count('"code": "') == 58
    at.sidebar.radio(key="lang").set_value("vi").run()
    assert builds[-1] == ("communes_2025", "vi", "none")
    assert len(builds) == 4
    at.radio(key="unit_set").set_value("districts_2019").run()  # seen before in Vietnamese: not built again
    assert len(builds) == 4 and component(at)["script"] == vi_script


def test_a_new_tiles_setting_is_another_map(builds, monkeypatch):
    open_page("home")
    monkeypatch.setenv("BGGM_TILES", "osm")
    at = open_page("home")
    assert builds == [("districts_2019", "vi", "none"), ("districts_2019", "vi", "osm")]
    assert "tile.openstreetmap.org" in component(at)["script"]


def test_choosing_a_unit_outlines_it_over_the_same_map_and_moves_the_view_there(builds):
    at = open_page("home")
    whole = component(at)
    assert whole["feature_group"] is None
    at.selectbox(key="unit_code").set_value("219").run()  # Lục Ngạn
    chosen = component(at)
    assert len(builds) == 1 and chosen["script"] == whole["script"]  # the map is not rebuilt
    outline = chosen["feature_group"]
    assert "feature_group_feature_group_0" in outline and "map_div.addLayer" in outline
    assert outline.count('"type": "Feature"') == 1  # the one chosen unit
    assert chosen["zoom"] > whole["zoom"] and chosen["center"] != whole["center"]


def test_the_view_is_kept_when_the_content_changes(builds):
    at = open_page("home")
    at.selectbox(key="unit_code").set_value("219").run()
    view = (component(at)["center"], component(at)["zoom"])
    at.sidebar.radio(key="lang").set_value("en").run()  # another map (English tooltips), same place
    assert len(builds) == 2
    assert (component(at)["center"], component(at)["zoom"]) == view


def test_a_filter_builds_the_wastewater_map_for_its_sites_once(monkeypatch):
    drawn: list[int] = []
    original = wastewater.sitemap.sites_layer

    def counted(frame: Any, **kwargs: Any) -> Any:
        drawn.append(len(frame))
        return original(frame, **kwargs)

    monkeypatch.setattr(wastewater.sitemap, "sites_layer", counted)
    at = open_page("wastewater")
    everything = component(at)["script"]
    assert len(drawn) == 1
    at.multiselect(key="ww_kinds").set_value(["KCN"]).run()
    assert len(drawn) == 2 and drawn[1] < drawn[0]  # fewer sites drawn: another map
    assert component(at)["script"] != everything
    at.multiselect(key="ww_kinds").set_value(["KCN", "CCN"]).run()  # back to every kind: the first map again
    assert len(drawn) == 2 and component(at)["script"] == everything
    open_page("wastewater")  # a new session on the same content
    assert len(drawn) == 2
