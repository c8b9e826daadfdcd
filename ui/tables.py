"""Tables shown to people with their numbers in the interface's language (one formatter: geo.text.format).

Streamlit's own number formats follow the browser's locale, not the language chosen in the app, so numeric
columns are shown as text written by :func:`geo.text.format.quantity`, right-aligned. Rows keep the order the page
gives them (worst first, by name…); sorting by a header then sorts that text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import Lang
from geo.text.format import format_columns
from ui.i18n import lang


def numbers_as_text(
    frame: pd.DataFrame, kinds: Mapping[str, str], language: Lang | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """``frame`` with the columns of ``kinds`` (column → quantity kind) written in ``language`` (default: the
    current one), and the column_config that right-aligns them."""
    shown = format_columns(frame, kinds, language or lang())
    config = {c: st.column_config.TextColumn(alignment="right") for c in kinds if c in frame.columns}
    return shown, config
