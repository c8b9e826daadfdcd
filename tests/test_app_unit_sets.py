"""A unit set the department imported shows on every page's unit-set choice, in both languages (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.forest_support import forest_raster  # noqa: F401 - fixture
from tests.hostile import shown_markdown
from tests.store_support import IMPORTED_SET, import_unit_set

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


@pytest.fixture
def page(build_dir, app_store, monkeypatch, tmp_path):
    monkeypatch.setenv("BGGM_TILES", "none")
    import_unit_set(app_store, tmp_path)

    def open_page(name: str, **params: str) -> AppTest:
        at = AppTest.from_file(HARNESS, default_timeout=180)
        at.session_state["_page"] = name
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return open_page


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
