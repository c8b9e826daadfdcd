"""The wastewater page's list and map as one selection: a site clicked on the map selects its row and is listed
first (so its row is in view); a row chosen in the list selects its site and moves the map there."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers import kcn_ccn_map as sitemap

MAP_KEY, TABLE_KEY, SELECTED = "ww_map", "ww_table", "ww_selected"


def sync_selection(ids: list[str]) -> str | None:  # ids: the list's rows as last shown
    """Update the chosen site from whichever widget changed: a click on the map or a row of the list.

    The list's selection is also set from here (a site clicked on the map selects its row). The browser may send
    back its previous selection once more after that; a reported selection counts as the user's choice only when
    it differs both from what the browser reported last and from what was set here last.
    """
    state = st.session_state
    clicked = state.get(MAP_KEY) or {}
    click = (clicked.get("last_object_clicked_tooltip"), clicked.get("last_object_clicked_count"))
    if click[1] and click != state.get("ww_click_seen"):
        state["ww_click_seen"] = click
        site = sitemap.clicked_id(click[0])
        if site:
            state[SELECTED] = site
            state["ww_first"] = site  # a site clicked on the map is listed first, so its row is in view
    table = state.get(TABLE_KEY)
    rows = list(table["selection"]["rows"]) if table else []
    if rows != state.get("ww_rows_reported", []) and rows != state.get("ww_rows_set", []):
        state[SELECTED] = ids[rows[0]] if rows and rows[0] < len(ids) else None
        state["ww_view_site"] = state[SELECTED]
    state["ww_rows_reported"] = rows
    site = state.get(SELECTED)
    return site if isinstance(site, str) else None


def list_order(records: pd.DataFrame, site: str | None) -> pd.DataFrame:
    """The list with the site last clicked on the map first; the chosen row is selected in it."""
    state = st.session_state
    first = state.get("ww_first")
    if first in set(records["id"]):
        records = pd.concat([records[records["id"] == first], records[records["id"] != first]])
    ids = records["id"].tolist()
    state["ww_ids_shown"] = ids
    position = [ids.index(site)] if site in ids else []
    state[TABLE_KEY] = {"selection": {"rows": position, "columns": [], "cells": []}}
    state["ww_rows_set"] = position
    return records
