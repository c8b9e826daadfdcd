"""Turn domain errors into messages on screen: the page keeps running."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st

from geo.errors import GeoDataError
from layers.safe_text import markdown_text
from ui.i18n import lang


def message(exc: GeoDataError, limit: int = 50) -> str:
    """The error as Markdown: its title and one bullet per problem; what the problems quote from the data (names,
    uploaded cells) is shown as text, never as a link, an image or formatting."""
    head, *problems = exc.render(lang(), limit=limit).split("\n- ")
    return markdown_text(head) + "".join(f"\n- {markdown_text(p)}" for p in problems)


def show(exc: GeoDataError) -> None:
    st.error(message(exc))


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Show a domain error as ``st.error`` and stop this page's script; anything else is a bug and propagates."""
    try:
        yield
    except GeoDataError as exc:
        show(exc)
        st.stop()
