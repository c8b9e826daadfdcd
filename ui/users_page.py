"""Page "Người dùng" (admins): the store's users, adding one, changing a role, grants or whether an account is active,
setting a password, and the audit log with its download. Every action names the logged-in admin as ``by``; the
store refuses it for anyone else."""

from __future__ import annotations

import streamlit as st

from geo.errors import GeoDataError, Text
from geo.io.cells import safe_table
from geo.store import audit, users
from geo.store.users import known_datasets
from ui import auth, errors, pages_text
from ui.i18n import tr

TITLE = pages_text.USERS
ROLES = ["viewer", "editor", "admin"]
S = {
    "admins_only": Text("Trang này dành cho quản trị viên.", "This page is for admins."),
    "add": Text("Thêm người dùng", "Add a user"),
    "name": Text("Tên đăng nhập", "User name"),
    "role": Text("Vai trò", "Role"),
    "grants": Text("Được ghi các bộ dữ liệu", "May write the datasets"),
    "password": Text("Mật khẩu", "Password"),
    "added": Text("Đã thêm {name}.", "Added {name}."),
    "edit": Text("Sửa người dùng", "Edit a user"),
    "user": Text("Người dùng", "User"),
    "active": Text("Đang hoạt động", "Active"),
    "save": Text("Lưu", "Save"),
    "saved": Text("Đã lưu {name}.", "Saved {name}."),
    "new_password": Text("Đặt mật khẩu mới (để trống: giữ nguyên)", "Set a new password (empty: keep)"),
    "audit": Text("Nhật ký hoạt động", "Audit log"),
    "download": Text("Tải nhật ký (CSV)", "Download the log (CSV)"),
}


def _add(admin: str) -> None:
    with st.form("user_add", clear_on_submit=True):
        st.markdown(f"**{tr(S['add'])}**")
        name = st.text_input(tr(S["name"]), key="ua_name")
        role = st.selectbox(tr(S["role"]), ROLES, key="ua_role")
        grants = st.multiselect(tr(S["grants"]), list(known_datasets()), key="ua_grants")
        password = st.text_input(tr(S["password"]), type="password", key="ua_password")
        if st.form_submit_button(tr(S["add"])):
            try:
                users.add_user(name.strip(), role, password, grants=grants, by=admin)
            except GeoDataError as exc:
                errors.show(exc)
                return
            st.success(tr(S["added"], name=name.strip()))


def _edit(admin: str, names: list[str]) -> None:
    st.markdown(f"**{tr(S['edit'])}**")
    name = st.selectbox(tr(S["user"]), names, key="ue_name")
    table = users.list_users().set_index("name")
    row = table.loc[name]
    with st.form("user_edit"):
        role = st.selectbox(tr(S["role"]), ROLES, index=ROLES.index(str(row["role"])), key=f"ue_role_{name}")
        held = [g for g in str(row["grants"]).split(";") if g]
        grants = st.multiselect(tr(S["grants"]), list(known_datasets()), default=held, key=f"ue_grants_{name}")
        active = st.checkbox(tr(S["active"]), value=bool(row["active"]), key=f"ue_active_{name}")
        password = st.text_input(tr(S["new_password"]), type="password", key=f"ue_password_{name}")
        if st.form_submit_button(tr(S["save"])):
            try:
                users.update_user(name, by=admin, role=role, grants=grants, active=active)
                if password:
                    users.set_password(name, password, by=admin)
            except GeoDataError as exc:
                errors.show(exc)
                return
            st.success(tr(S["saved"], name=name))


def page() -> None:
    st.title(tr(TITLE))
    user = auth.current_user()
    if user is None or not user.is_admin:
        st.warning(tr(S["admins_only"]))
        return
    table = users.list_users()
    st.dataframe(table, hide_index=True, key="users_table")
    c1, c2 = st.columns(2)
    with c1:
        _add(user.name)
    with c2:
        _edit(user.name, [n for n in table["name"] if n != "system"])
    st.subheader(tr(S["audit"]))
    log = audit.audit_log(limit=2000)
    st.dataframe(log, hide_index=True, key="audit_table")
    st.download_button(
        tr(S["download"]),
        lambda: safe_table(audit.audit_log()).to_csv(index=False).encode("utf-8"),
        "nhat_ky_kho_du_lieu.csv",
        "text/csv",
        key="audit_download",
    )
