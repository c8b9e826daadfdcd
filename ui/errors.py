"""Turn domain errors into messages on screen: the page keeps running."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from geo.errors import GeoDataError
from ui.i18n import lang


def show(exc: GeoDataError) -> None:
    st.error(exc.render(lang(), limit=50))


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Show a domain error as ``st.error`` and stop this page's script; anything else is a bug and propagates."""
    try:
        yield
    except GeoDataError as exc:
        show(exc)
        st.stop()
