"""Opening one page in AppTest the way the pages' tests do: the harness (tests/page_harness.py) runs the page whose
ui/ module name is in ``session_state["_page"]``, with the sidebar (language, login) as app.py draws it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")


def open_page(name: str, *, timeout: float = 120, **params: str) -> AppTest:
    """A new session's first run of page ``name`` (``home``, ``wastewater``…) with ``params`` in the URL."""
    at = AppTest.from_file(HARNESS, default_timeout=timeout)
    at.session_state["_page"] = name
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()
