"""Bắc Giang green-growth map: Streamlit entry point (pages live in ui/)."""

import streamlit as st

from ui import home
from ui.i18n import language_switch, t

st.set_page_config(page_title="Bản đồ tăng trưởng xanh Bắc Giang", page_icon="🌿", layout="wide")
language_switch()
st.navigation([st.Page(home.page, title=t("page_home"), icon="🗺️", url_path="ban-do", default=True)]).run()
