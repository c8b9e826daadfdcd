"""Bắc Giang green-growth map: Streamlit entry point (pages live in ui/).

The home page's address is /ban-do; the bare address / opens it too, carrying the URL's choices along.
"""

import streamlit as st

from ui import air_quality, auth, data_page, forest, home, targets, users_page, wastewater
from ui.choice import language_switch
from ui.i18n import t, tr

st.set_page_config(page_title="Bản đồ tăng trưởng xanh Bắc Giang", page_icon="🌿", layout="wide")
language_switch()
user = auth.sidebar()  # with BGGM_REQUIRE_LOGIN=1 an anonymous visitor stops here, at the login
admin_pages = [st.Page(users_page.page, title=tr(users_page.TITLE), icon=":material/group:", url_path="nguoi-dung")]
HOME = st.Page(home.page, title=t("page_home"), icon=":material/map:", url_path="ban-do")


def _to_home() -> None:
    st.switch_page(HOME, query_params=st.query_params.to_dict())


st.navigation(
    [
        st.Page(_to_home, title=t("page_home"), url_path="trang-chu", default=True, visibility="hidden"),
        HOME,
        st.Page(wastewater.page, title=wastewater.page_title(), icon=":material/water_drop:", url_path="nuoc-thai"),
        st.Page(forest.page, title=forest.title(), icon=":material/forest:", url_path="rung"),
        st.Page(air_quality.page, title=air_quality.title(), icon=":material/air:", url_path="khong-khi"),
        st.Page(targets.page, title=tr(targets.TITLE), icon=":material/flag:", url_path="tien-do"),
        st.Page(data_page.page, title=tr(data_page.TITLE), icon=":material/database:", url_path="du-lieu"),
        *(admin_pages if user is not None and user.is_admin else []),
    ]
).run()
