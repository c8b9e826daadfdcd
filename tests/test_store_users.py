"""Users, roles, argon2 passwords, slowed and logged failed logins, signed expiring sessions revoked on the server."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from geo.store import engine, sessions, users
from geo.store.audit import audit_log
from geo.store.errors import LoginError, PermissionDeniedError
from geo.store.models import LoginSession, User
from tests.store_support import PASSWORD


def test_the_production_hasher_is_argon2id():
    assert PasswordHasher().hash("x" * 10).startswith("$argon2id$")
    assert users.HASHER.hash("x" * 10).startswith("$argon2id$")


def test_passwords_are_stored_only_as_argon2_hashes(staff):
    with engine.reading(staff) as conn:
        stored = conn.execute(select(User.password_hash).where(User.name == "an")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_roles_decide_who_writes_what(staff):
    with engine.reading(staff) as conn:
        admin, editor, other, viewer = (users.get_user(conn, n) for n in ("an", "binh", "chi", "dung"))
    assert admin.can_write("kcn_ccn") and admin.is_admin
    assert editor.can_write("indicator_values") and not editor.can_write("kcn_ccn") and not editor.is_admin
    assert not other.can_write("indicator_values") and not viewer.can_write("indicator_values")
    assert editor.grants == ("aq_stations", "indicator_values")


def test_adding_users_checks_the_name_role_password_and_grants(staff):
    with pytest.raises(PermissionDeniedError) as bad:
        users.add_user("e f", "boss", "short", url=staff)
    fields = {p.field for p in bad.value.problems}
    assert fields == {"name", "role", "password"}
    with pytest.raises(PermissionDeniedError):
        users.add_user("an", "viewer", PASSWORD, url=staff)  # the name is taken
    with pytest.raises(PermissionDeniedError):
        users.add_user("eve", "admin", PASSWORD, by="binh", url=staff)  # only an admin adds users from a page
    assert users.add_user("eve", "viewer", PASSWORD, by="an", url=staff).role == "viewer"


def test_a_right_password_logs_in_and_a_wrong_one_is_refused_without_saying_which(staff):
    assert users.authenticate("binh", PASSWORD, url=staff, sleep=lambda s: None).name == "binh"
    for name, password in (("binh", "sai mật khẩu"), ("nobody", PASSWORD), ("system", "")):
        with pytest.raises(LoginError) as refused:
            users.authenticate(name, password, url=staff, sleep=lambda s: None)
        assert refused.value.problems[0].field == "password"


def test_repeated_failed_logins_are_slowed_and_logged(staff):
    waits: list[float] = []
    for _ in range(6):
        with pytest.raises(LoginError):
            users.authenticate("binh", "sai mật khẩu", url=staff, sleep=waits.append)
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0]
    assert users.login_delay(20) == users.MAX_DELAY_S
    users.authenticate("binh", PASSWORD, url=staff, sleep=waits.append)
    assert waits[-1] == 8.0  # the right password waits too, then the count starts again
    users.authenticate("binh", PASSWORD, url=staff, sleep=waits.append)
    assert waits[-1] == 0.0
    log = audit_log(user="binh", url=staff)
    assert log["action"].tolist()[:3] == ["login", "login", "login_failed"]
    assert (log["action"] == "login_failed").sum() == 6
    assert json.loads(log.loc[log["action"] == "login_failed", "detail"].iloc[0]) == {"failures": 6}


def test_a_session_token_survives_until_logout_then_is_refused(staff):
    token = sessions.create_session("binh", url=staff)
    assert sessions.verify_session(token, url=staff).name == "binh"
    assert sessions.verify_session(token, url=staff).name == "binh"  # a page reload
    assert sessions.revoke_session(token, url=staff)
    assert sessions.verify_session(token, url=staff) is None
    assert not sessions.revoke_session(token, url=staff)
    assert audit_log(user="binh", url=staff)["action"].tolist()[:2] == ["logout", "session_start"]


def test_a_forged_or_stretched_token_is_refused(staff):
    token = sessions.create_session("binh", url=staff)
    sid, expires, signature = token.split(".")
    assert sessions.verify_session(f"{sid}.{int(expires) + 86400}.{signature}", url=staff) is None
    assert sessions.verify_session(f"{sid}.{expires}.{signature[:-2]}xx", url=staff) is None
    assert sessions.verify_session("not a token", url=staff) is None


def test_an_expired_session_is_refused(staff):
    token = sessions.create_session("binh", lifetime=dt.timedelta(seconds=-1), url=staff)
    assert sessions.verify_session(token, url=staff) is None
    token = sessions.create_session("binh", url=staff)
    with engine.writing(staff) as conn:  # the server side ends first (e.g. a shorter lifetime set later)
        conn.execute(update(LoginSession).values(expires_at=dt.datetime(2020, 1, 1)))
    assert sessions.verify_session(token, url=staff) is None


def test_a_password_change_ends_every_session_and_the_new_password_works(staff):
    token = sessions.create_session("binh", url=staff)
    users.set_password("binh", "một mật khẩu mới", by="binh", url=staff)
    assert sessions.verify_session(token, url=staff) is None
    assert users.authenticate("binh", "một mật khẩu mới", url=staff, sleep=lambda s: None).name == "binh"
    with pytest.raises(PermissionDeniedError):
        users.set_password("an", "một mật khẩu mới", by="binh", url=staff)  # only your own, unless admin


def test_a_deactivated_user_can_neither_log_in_nor_keep_a_session(staff):
    token = sessions.create_session("binh", url=staff)
    users.update_user("binh", by="an", active=False, url=staff)
    assert sessions.verify_session(token, url=staff) is None
    with pytest.raises(LoginError):
        users.authenticate("binh", PASSWORD, url=staff, sleep=lambda s: None)
    assert sessions.revoke_all("binh", by="an", url=staff) == 1


def test_an_identity_provider_user_is_found_by_external_id(staff):
    with engine.writing(staff) as conn:
        conn.execute(update(User).where(User.name == "dung").values(external_id="dung@sonnmt.bacninh.gov.vn"))
    assert users.user_for_external_id("dung@sonnmt.bacninh.gov.vn", url=staff).name == "dung"
    assert users.user_for_external_id("someone@else", url=staff) is None


def test_users_are_listed_with_roles_and_grants(staff):
    listed = users.list_users(staff)
    assert listed["name"].tolist() == ["system", "an", "binh", "chi", "dung"]
    assert listed.set_index("name").loc["binh", ["role", "grants"]].tolist() == [
        "editor",
        "aq_stations;indicator_values",
    ]
