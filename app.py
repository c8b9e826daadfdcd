"""Bắc Giang green-growth map: Streamlit entry point (pages live in ui/).

The home page's address is /ban-do; the bare address / opens it too, carrying the URL's choices along.
A page's module is imported when the page first runs, not here: the first map does not wait for the other pages'
imports (openpyxl, pandera, matplotlib, the importers…; issue 13). Their titles come from the light ui.pages_text.
"""

import streamlit as st

from ui import auth, pages_text
from ui.choice import language_switch
from ui.i18n import t, tr


def _home() -> None:
    from ui import home

    home.page()


def _wastewater() -> None:
    from ui import wastewater

    wastewater.page()


def _forest() -> None:
    from ui import forest

    forest.page()


def _air_quality() -> None:
    from ui import air_quality

    air_quality.page()


def _targets() -> None:
    from ui import targets

    targets.page()


def _data() -> None:
    from ui import data_page

    data_page.page()


def _users() -> None:
    from ui import users_page

    users_page.page()


st.set_page_config(page_title="Bản đồ tăng trưởng xanh Bắc Giang", page_icon="🌿", layout="wide")
language_switch()
user = auth.sidebar()  # with BGGM_REQUIRE_LOGIN=1 an anonymous visitor stops here, at the login
admin_pages = [st.Page(_users, title=tr(pages_text.USERS), icon=":material/group:", url_path="nguoi-dung")]
HOME = st.Page(_home, title=t("page_home"), icon=":material/map:", url_path="ban-do")


def _to_home() -> None:
    st.switch_page(HOME, query_params=st.query_params.to_dict())


st.navigation(
    [
        st.Page(_to_home, title=t("page_home"), url_path="trang-chu", default=True, visibility="hidden"),
        HOME,
        st.Page(_wastewater, title=tr(pages_text.WASTEWATER), icon=":material/water_drop:", url_path="nuoc-thai"),
        st.Page(_forest, title=tr(pages_text.FOREST), icon=":material/forest:", url_path="rung"),
        st.Page(_air_quality, title=tr(pages_text.AIR_QUALITY), icon=":material/air:", url_path="khong-khi"),
        st.Page(_targets, title=tr(pages_text.TARGETS), icon=":material/flag:", url_path="tien-do"),
        st.Page(_data, title=tr(pages_text.DATA), icon=":material/database:", url_path="du-lieu"),
        *(admin_pages if user is not None and user.is_admin else []),
    ]
).run()
