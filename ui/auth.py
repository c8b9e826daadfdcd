"""Who is using the app: the sidebar login, the session cookie, logout, changing one's own password.

A login opens a store session (:mod:`geo.store.sessions`): its token is signed and expiring, kept in this browser
session's state and in a cookie (``bggm_session``; ``SameSite=Strict``, ``Secure`` over HTTPS, expiring with the
token) so that a page reload stays logged in. Every run verifies the token with the store, so a logout (which
revokes the session on the server), a password change or a deactivated user ends it everywhere. The cookie is
written by our own constant JavaScript (a ``st.components.v2`` component, no CDN); the token reaches it only as data
and is URL-encoded, never run as script.

Writes never trust a widget for who is writing: pages pass :func:`current_user`'s name to the store, which checks
the role and grants itself (``versions.write``, ``history.restore``/``freeze``, ``users.*``).
"""

from __future__ import annotations

import time

import streamlit as st

from geo.errors import GeoDataError, Text
from geo.settings import get_settings
from geo.store import sessions, users
from geo.store.errors import LoginError
from geo.store.users import UserInfo
from layers.safe_text import markdown_text
from ui import errors
from ui.i18n import tr

COOKIE = "bggm_session"
TOKEN_KEY = "auth_token"
_COOKIE_JS = """
export default function (component) {
  const data = component.data || {};
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const token = typeof data.token === "string" ? data.token : "";
  const age = token ? Math.max(0, Math.floor(Number(data.max_age) || 0)) : 0;
  document.cookie = "bggm_session=" + encodeURIComponent(token) + "; Path=/; Max-Age=" + age +
    "; SameSite=Strict" + secure;
}
"""
_cookie_writer = st.components.v2.component("bggm_session_cookie", js=_COOKIE_JS)

S = {
    "login": Text("Đăng nhập", "Log in"),
    "name": Text("Tên đăng nhập", "User name"),
    "password": Text("Mật khẩu", "Password"),
    "submit": Text("Đăng nhập", "Log in"),
    "logout": Text("Đăng xuất", "Log out"),
    "who": Text("Đang đăng nhập: **{name}** ({role})", "Logged in as **{name}** ({role})"),
    "required": Text(
        "Cần đăng nhập để xem bản đồ và số liệu (đăng nhập ở thanh bên).",
        "Log in to see the maps and figures (in the sidebar).",
    ),
    "own_password": Text("Đổi mật khẩu", "Change password"),
    "old": Text("Mật khẩu hiện tại", "Current password"),
    "new": Text("Mật khẩu mới", "New password"),
    "again": Text("Nhập lại mật khẩu mới", "New password again"),
    "mismatch": Text("Hai mật khẩu mới không giống nhau.", "The two new passwords differ."),
    "changed": Text(
        "Đã đổi mật khẩu. Mọi phiên đăng nhập cũ đã kết thúc; hãy đăng nhập lại.",
        "Password changed. Every earlier session ended; log in again.",
    ),
}
ROLES = {
    "viewer": Text("xem", "viewer"),
    "editor": Text("biên tập", "editor"),
    "admin": Text("quản trị", "admin"),
}


def _token() -> str | None:
    """This browser session's token: from its state, or from the cookie sent when the page was (re)loaded."""
    if TOKEN_KEY not in st.session_state:
        st.session_state[TOKEN_KEY] = st.context.cookies.get(COOKIE) or None
    token = st.session_state[TOKEN_KEY]
    return str(token) if token else None


def current_user() -> UserInfo | None:
    """The logged-in user, verified with the store on every run (None: anonymous, logged out or expired)."""
    token = _token()
    return sessions.verify_session(token) if token else None


def _max_age(token: str) -> int:
    expiry = token.split(".")[1] if token.count(".") == 2 else "0"
    return max(0, int(expiry) - int(time.time())) if expiry.isdigit() else 0


def _sync_cookie(token: str | None) -> None:
    """Make the browser's cookie hold ``token`` (or nothing) — only when it differs from what the browser sent."""
    sent = st.context.cookies.get(COOKIE) or None
    if st.session_state.get("_cookie_written", sent) == token:
        return
    with st.sidebar:
        _cookie_writer(data={"token": token or "", "max_age": _max_age(token) if token else 0}, key="auth_cookie")
    st.session_state["_cookie_written"] = token


def _login_form() -> None:
    with st.sidebar.form("login", clear_on_submit=True):
        st.markdown(f"**{tr(S['login'])}**")
        name = st.text_input(tr(S["name"]), key="login_name")
        password = st.text_input(tr(S["password"]), type="password", key="login_password")
        if st.form_submit_button(tr(S["submit"])):
            try:
                user = users.authenticate(name.strip(), password)
            except LoginError as exc:
                errors.show(exc)
                return
            st.session_state[TOKEN_KEY] = sessions.create_session(user.name)
            st.rerun()


def logout() -> None:
    token = _token()
    if token:
        sessions.revoke_session(token)
    st.session_state[TOKEN_KEY] = None


def _password_form(user: UserInfo) -> None:
    with st.sidebar.expander(tr(S["own_password"])), st.form("own_password", clear_on_submit=True):
        old = st.text_input(tr(S["old"]), type="password", key="pw_old")
        new = st.text_input(tr(S["new"]), type="password", key="pw_new")
        again = st.text_input(tr(S["again"]), type="password", key="pw_again")
        if not st.form_submit_button(tr(S["own_password"])):
            return
        if new != again:
            st.error(tr(S["mismatch"]))
            return
        try:
            users.authenticate(user.name, old)
            users.set_password(user.name, new, by=user.name)
        except GeoDataError as exc:
            errors.show(exc)
            return
        st.session_state[TOKEN_KEY] = None
        st.success(tr(S["changed"]))


def sidebar() -> UserInfo | None:
    """The login (or who is logged in, logout and the own-password form) in the sidebar; returns the user.

    With ``BGGM_REQUIRE_LOGIN=1`` an anonymous visitor sees only the login: the page stops here.
    """
    user = current_user()
    if user is None and _token():
        st.session_state[TOKEN_KEY] = None  # expired or revoked elsewhere
    if user is None:
        _login_form()
    else:
        st.sidebar.markdown(tr(S["who"], name=markdown_text(user.name), role=tr(ROLES.get(user.role, ROLES["viewer"]))))
        st.sidebar.button(tr(S["logout"]), key="logout", on_click=logout)  # runs before the next run: logged out
        _password_form(user)
    _sync_cookie(_token())
    if user is None and get_settings().require_login:
        st.info(tr(S["required"]))
        st.stop()
    return user
