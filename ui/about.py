"""The "about the data" part of every page: where figures come from, files and commands for those who maintain
them. Captions for users name no file path or command; such details go here, in one expander per page."""

from __future__ import annotations

import streamlit as st

from geo.errors import Text
from layers.targets_view import source_text
from ui.i18n import lang, tr

TITLE = Text("Về dữ liệu", "About the data")


def about_data(*lines: str) -> None:
    """An expander "Về dữ liệu" / "About the data" holding ``lines`` (markdown), one paragraph each."""
    with st.expander(tr(TITLE)):
        for line in lines:
            if line:
                st.markdown(line)


def original(text: str) -> str:
    """A source line from the data as the reader should see it: generated figures called so, text that exists
    only in Vietnamese labelled as such in English (layers.targets_view.source_text)."""
    return source_text(text, lang()) if text else text
