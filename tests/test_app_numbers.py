"""Every page writes numbers in the chosen language's convention and English screens show no Vietnamese (AppTest).

Vietnamese: 3.892,0 km² and 61,8 %; English: 3,892.0 km² and 61.8 %. Read from everything a person sees as text:
titles, markdown, captions, notices, metrics, tables, expander and tab labels.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.forest_support import forest_raster  # noqa: F401 - fixture

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")
PAGES = ("home", "forest", "wastewater", "air_quality", "targets")
GROUPED = {
    "vi": re.compile(r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)"),
    "en": re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"),
}
DECIMAL_GROUPED = {"vi": re.compile(r"\d\.\d{3},\d"), "en": re.compile(r"\d,\d{3}\.\d")}
PERCENT = {"vi": re.compile(r"\b\d+,\d %"), "en": re.compile(r"\b\d+\.\d %")}
OTHER = {"vi": "en", "en": "vi"}
# Words of Vietnamese units and unit types that an English screen must not show.
VIETNAMESE = re.compile(r"\b(Huyện|Thành phố|Thị xã|Thị trấn|Phường|Tỉnh|Xã)\b|%/năm|điểm %|m³/ngày|tấn/năm|t/năm")


NAMES = {"Tên", "Name"}  # proper names of sites (a made-up cluster is named after its commune: "CCN … (Xã Kép)")


def visible_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in at.dataframe:
        value = frame.value.drop(columns=list(NAMES & set(frame.value.columns)))
        parts += [str(c) for c in value.columns]
        parts += [str(v) for v in value.astype(str).to_numpy().ravel()]
    parts += [str(e.label) for e in at.expander] + [str(t.label) for t in at.tabs]
    return "\n".join(parts)


def _page(page: str, language: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    monkeypatch.setenv("BGGM_TILES", "none")
    monkeypatch.setenv("BGGM_USER_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(HARNESS, default_timeout=180)
    at.session_state["_page"] = page
    at.session_state["lang"] = language  # the page opened in that language (switching is tested elsewhere)
    if page == "home":  # a unit's details: its area, type and overlaps
        at.session_state["unit_query"] = "luc ngan"
    at.run()
    assert not at.exception
    return at


@pytest.mark.usefixtures("build_dir", "forest_raster")
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_writes_numbers_in_the_languages_convention(page, language, monkeypatch, tmp_path):
    text = visible_text(_page(page, language, monkeypatch, tmp_path))
    if page == "targets":  # indicator values are percentages without thousands
        assert PERCENT[language].search(text), text[:2000]
    else:
        assert GROUPED[language].search(text), text[:2000]
    wrong = DECIMAL_GROUPED[OTHER[language]].findall(text) + PERCENT[OTHER[language]].findall(text)
    assert not wrong, wrong
    if language == "en":
        assert not VIETNAMESE.findall(text), sorted({m.group(0) for m in VIETNAMESE.finditer(text)})


def test_the_home_page_gives_a_units_type_and_area_in_english(monkeypatch, tmp_path, build_dir):
    at = _page("home", "en", monkeypatch, tmp_path)
    details = next(m.value for m in at.markdown if "**Type:**" in m.value)
    assert "**Type:** District" in details and re.search(r"\*\*Area:\*\* 1,0\d\d\.\d\d km²", details)
    assert at.subheader[0].value == "Lục Ngạn District"
