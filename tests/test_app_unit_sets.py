"""A unit set the department imported shows on every page's unit-set choice, in both languages (AppTest)."""

from __future__ import annotations

import functools
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.boundaries.sets import load_unit_set
from geo.store import versions
from tests import apptest
from tests.forest_support import forest_raster  # noqa: F401 - fixture
from tests.hostile import shown_markdown
from tests.store_support import IMPORTED_SET, import_unit_set


@pytest.fixture
def page(build_dir, app_store, monkeypatch, tmp_path):
    monkeypatch.setenv("BGGM_TILES", "none")
    import_unit_set(app_store, tmp_path)

    return functools.partial(apptest.open_page, timeout=180)


def _map_html(at: AppTest) -> str:
    """The script of the map(s) st_folium was given (the unit names are in its GeoJSON, as JSON escapes or not)."""
    args = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    return "".join(str(a.get("script", "")) for a in args)


def test_the_home_page_lists_and_draws_an_imported_unit_set_in_both_languages(page):
    at = page("home")
    choice = at.radio(key="unit_set")
    assert shown_markdown(choice.options[-1]) == f"{IMPORTED_SET} (tự nhập, 2 đơn vị)"  # data text, escaped
    choice.set_value(IMPORTED_SET).run()
    assert not at.exception and not at.error
    assert at.metric[0].label == "2 đơn vị" and at.metric[0].value == "6,0 km²"
    assert at.query_params["units"] == IMPORTED_SET
    drawn = _map_html(at)
    for name in ("Vùng Bắc", "Vùng Đông"):  # both zones drawn, labelled with their names
        assert drawn.count(json.dumps(name)) >= 2  # the label and the feature's tooltip
    assert '"code": "Z0"' in drawn and '"code": "Z1"' in drawn
    at.selectbox(key="unit_code").set_value("Z1").run()
    assert at.subheader[0].value == "Vùng Đông"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.radio(key="unit_set").value == IMPORTED_SET
    assert shown_markdown(at.radio(key="unit_set").options[-1]) == f"{IMPORTED_SET} (imported, 2 units)"
    assert at.metric[0].label == "2 units" and at.metric[0].value == "6.0 km²"


def test_a_link_with_an_imported_unit_set_opens_it(page):
    at = page("home", units=IMPORTED_SET, lang="en")
    assert not at.exception
    assert at.radio(key="unit_set").value == IMPORTED_SET and at.metric[0].label == "2 units"


@pytest.mark.usefixtures("forest_raster")
def test_the_forest_page_computes_cover_per_unit_of_an_imported_set(page):
    at = page("forest", units=IMPORTED_SET)
    assert not at.exception and not at.error
    assert at.radio(key="forest_unit_set").value == IMPORTED_SET
    table = next(d.value for d in at.dataframe if "Che phủ ước tính từ ảnh (%)" in d.value.columns).set_index("Mã")
    assert table.index.tolist() == ["Z0", "Z1"] and table.loc["Z0", "Đơn vị"] == "Vùng Bắc"
    area = next(c for c in table.columns if c.startswith("Diện tích"))
    assert table[area].tolist() == ["400,0", "200,0"]
    cover = table["Che phủ ước tính từ ảnh (%)"].map(lambda v: float(v.replace(".", "").replace(",", ".")))
    assert cover.between(0, 100).all()
    assert table.loc["Z0", "Che phủ chính thức (%)"] == "—"  # nothing published for the department's zones


def _districts_as_imported(url: str) -> None:
    """The 2019 districts imported again as the department's own set ``huyen_so`` (codes H213…)."""
    frame = load_unit_set("districts_2019").assign(unit_set="huyen_so")
    frame["code"] = "H" + frame["code"].astype(str)
    versions.write("units", frame, user="an", reason="lớp của sở", base_version=versions.head_version("units", url),
                   url=url)  # fmt: skip


def test_the_wastewater_page_counts_sites_by_point_in_polygon_for_an_imported_set(page, app_store):
    _districts_as_imported(app_store)
    at = page("wastewater", units="huyen_so")
    assert not at.exception and not at.error and at.radio(key="ww_unit_set").value == "huyen_so"
    note = next(shown_markdown(i.value) for i in at.info if "huyen_so" in shown_markdown(i.value))
    outside = int(re.search(r"; (\d+) trong (\d+) KCN/CCN nằm ngoài", note).group(1))
    total = int(re.search(r"; (\d+) trong (\d+) KCN/CCN nằm ngoài", note).group(2))
    by_unit = next(d.value for d in at.dataframe if "Số KCN/CCN" in d.value.columns and len(d.value) == 10)
    assert by_unit["Mã đơn vị"].str.startswith("H").all()
    assert by_unit["Số KCN/CCN"].astype(int).sum() == total - outside and total - outside > 0
    built = page("wastewater", units="districts_2019")  # the same polygons: the same counts as the register says
    by_district = next(d.value for d in built.dataframe if "Số KCN/CCN" in d.value.columns and len(d.value) == 10)
    counts = dict(zip(by_district["Mã đơn vị"], by_district["Số KCN/CCN"].astype(int), strict=True))
    imported = dict(zip(by_unit["Mã đơn vị"].str[1:], by_unit["Số KCN/CCN"].astype(int), strict=True))
    assert imported == counts and outside == 0


def test_the_progress_map_draws_an_imported_set_with_a_note_that_its_values_are_for_built_sets(page):
    at = page("targets", tab="map", units=IMPORTED_SET)
    assert not at.exception and not at.error and at.radio(key="tgt_set").value == IMPORTED_SET
    assert any("số liệu chỉ tiêu theo đơn vị" in i.value for i in at.info)
    assert json.dumps("Vùng Bắc") in _map_html(at)
