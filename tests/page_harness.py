"""AppTest entry for one page: set ``at.session_state["_page"]`` to a module name of ui/ before the first run."""

import importlib

import streamlit as st

from ui import auth
from ui.choice import language_switch

st.set_page_config(layout="wide")
language_switch()
auth.sidebar()
importlib.import_module(f"ui.{st.session_state.get('_page', 'home')}").page()
