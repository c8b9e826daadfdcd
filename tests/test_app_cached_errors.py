"""A bad KCN/CCN register (BGGM_KCN_CCN) shows an error on the pages that read it, run after run: the error that
st.cache_data keeps (pickled) comes back as the same domain error, not as a crash for every later session."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile import shown_markdown

ROOT = Path(__file__).resolve().parent.parent
HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


@pytest.fixture
def bad_register(build_dir, tmp_path, monkeypatch) -> Path:
    lines = (ROOT / "data" / "monitoring" / "kcn_ccn.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",operating,", ",dang hoat dong,", 1)  # row 2: a status that is not allowed
    path = tmp_path / "kcn_ccn.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("BGGM_KCN_CCN", str(path))
    monkeypatch.setenv("BGGM_TILES", "none")
    monkeypatch.setenv("BGGM_USER_DATA_DIR", str(tmp_path / "department"))
    return path


EXPECTED = "Tệp kcn_ccn.csv, dòng 2, cột status: cần một trong: operating, building, planned"


@pytest.mark.parametrize("page", ["targets", "wastewater"])
def test_a_bad_register_gives_an_error_on_the_page_twice_in_a_row(bad_register, page):
    for _ in range(2):  # the second session's run reads what the first one cached
        at = AppTest.from_file(HARNESS, default_timeout=90)
        at.session_state["_page"] = page
        at.run()
        assert not at.exception
        assert any(EXPECTED in shown_markdown(e.value) for e in at.error), [e.value for e in at.error]


def test_the_progress_page_shows_the_cached_register_error_in_english(bad_register):
    at = AppTest.from_file(HARNESS, default_timeout=90)
    at.session_state["_page"] = "targets"
    at.run()
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert any(
        "File kcn_ccn.csv, row 2, field status: expected one of: operating" in shown_markdown(e.value) for e in at.error
    )
