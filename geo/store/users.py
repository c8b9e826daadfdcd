"""Users, roles and grants; passwords as argon2 hashes; logging in, slowed after repeated failures.

Roles: ``viewer`` (sees the maps), ``editor`` (writes the datasets granted to them), ``admin`` (everything: users,
grants, restore, freeze). The user ``system`` (an admin without a password: it cannot log in) writes the first
version of every dataset. The first real admin is made from the command line (``python -m geo users add NAME
--role admin``). Every change to users and every login attempt goes to the audit log.

A seam for an OIDC provider (Streamlit's ``st.login``): a user may carry an ``external_id`` (the provider's subject
or e-mail); :func:`user_for_external_id` finds the store user a provider vouched for, and the pages then open a
session for them with :func:`geo.store.sessions.create_session` exactly as after a password login.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import Connection, delete, insert, select, update

from geo.errors import Problem, Text
from geo.store.audit import record, utcnow
from geo.store.catalog import CATALOG, dataset
from geo.store.engine import reading, writing
from geo.store.errors import LoginError, PermissionDeniedError
from geo.store.models import Grant, User

ROLES = ("viewer", "editor", "admin")
SYSTEM = "system"
MIN_PASSWORD = 8
FREE_ATTEMPTS = 3  # failures before each further attempt is slowed
BASE_DELAY_S, MAX_DELAY_S = 1.0, 30.0
HASHER = PasswordHasher()
_NAME = re.compile(r"^[\w.@-]{1,64}$")


@functools.cache
def _dummy_hash() -> str:
    """What an unknown user's password is checked against, so that the answer takes as long as for a known one.

    Made at the first login, not at import: one argon2 hash took ~0.5 CPU-second of every start-up here."""
    return HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: str
    grants: tuple[str, ...]
    active: bool

    @property
    def is_admin(self) -> bool:
        return self.active and self.role == "admin"

    def can_write(self, name: str) -> bool:
        return self.is_admin or (self.active and self.role == "editor" and name in self.grants)


def _denied(what: Text, found: object, fix: Text) -> PermissionDeniedError:
    return PermissionDeniedError(Problem(field="user", expected=what, found=found, fix=fix))


def get_user(conn: Connection, name: str) -> UserInfo:
    row = conn.execute(select(User.id, User.name, User.role, User.active).where(User.name == name)).first()
    if row is None:
        raise _denied(
            Text("một người dùng có trong kho", "a user of the store"),
            name,
            Text(
                "tạo người dùng: python -m geo users add TÊN --role …",
                "add the user: python -m geo users add NAME --role …",
            ),
        )
    grants = conn.execute(select(Grant.dataset).where(Grant.user_id == row.id).order_by(Grant.dataset)).scalars()
    return UserInfo(row.id, row.name, row.role, tuple(grants), bool(row.active))


def require_write(conn: Connection, user: str, name: str) -> UserInfo:
    """The user, if they may write dataset ``name``; otherwise a refusal naming what they lack."""
    info = get_user(conn, user)
    if not info.can_write(name):
        raise _denied(
            Text(f"người dùng có quyền ghi tập {name}", f"a user allowed to write {name}"),
            f"{user} ({info.role}; {', '.join(info.grants) or '—'})",
            Text(
                "quản trị viên cấp quyền: python -m geo users grant …",
                "an admin grants it: python -m geo users grant …",
            ),
        )
    return info


def require_admin(conn: Connection, user: str) -> UserInfo:
    info = get_user(conn, user)
    if not info.is_admin:
        raise _denied(
            Text("quản trị viên (admin)", "an admin"),
            f"{user} ({info.role})",
            Text("việc này chỉ quản trị viên làm được", "only an admin can do this"),
        )
    return info


def _check(name: str, role: str, password: str | None, grants: Iterable[str]) -> None:
    problems = []
    if not _NAME.match(name):
        problems.append(
            Problem(
                field="name",
                expected=Text("chữ, số, . _ - @ (tối đa 64)", "letters, digits, . _ - @"),
                found=name,
                fix=Text("chọn tên khác", "choose another name"),
            )
        )
    if role not in ROLES:
        problems.append(
            Problem(
                field="role",
                expected=Text(f"một trong: {', '.join(ROLES)}", ", ".join(ROLES)),
                found=role,
                fix=Text("chọn một vai trò", "choose a role"),
            )
        )
    if password is not None and len(password) < MIN_PASSWORD:
        problems.append(
            Problem(
                field="password",
                expected=Text(f"ít nhất {MIN_PASSWORD} ký tự", f"at least {MIN_PASSWORD} characters"),
                found=f"{len(password)}",
                fix=Text("chọn mật khẩu dài hơn", "choose a longer password"),
            )
        )
    for name_ in grants:
        dataset(name_)  # raises, listing the datasets there are
    if problems:
        raise PermissionDeniedError(problems)


def add_user(
    name: str, role: str, password: str | None, *, grants: Iterable[str] = (), by: str = SYSTEM, url: str | None = None
) -> UserInfo:
    """Create a user (``password`` None: cannot log in by password, e.g. an OIDC-only user)."""
    grants = tuple(grants)
    _check(name, role, password, grants)
    with writing(url) as conn:
        if by != SYSTEM:
            require_admin(conn, by)  # from a page: an admin; from the command line (by=system): trusted OS access
        if conn.execute(select(User.id).where(User.name == name)).first() is not None:
            raise _denied(Text("một tên chưa dùng", "an unused name"), name, Text("chọn tên khác", "choose another"))
        now = utcnow()
        hashed = None if password is None else HASHER.hash(password)
        conn.execute(
            insert(User).values(
                name=name,
                role=role,
                password_hash=hashed,
                active=True,
                created_at=now,
                password_changed_at=now,
                failed_logins=0,
            )
        )
        _set_grants(conn, name, grants)
        record(conn, by, "user_add", None, name=name, role=role, grants=list(grants))
        return get_user(conn, name)


def _set_grants(conn: Connection, name: str, grants: tuple[str, ...]) -> None:
    user_id = conn.execute(select(User.id).where(User.name == name)).scalar_one()
    conn.execute(delete(Grant).where(Grant.user_id == user_id))
    for ds in sorted(set(grants)):
        conn.execute(insert(Grant).values(user_id=user_id, dataset=ds))


def update_user(
    name: str,
    *,
    by: str,
    role: str | None = None,
    grants: Iterable[str] | None = None,
    active: bool | None = None,
    url: str | None = None,
) -> UserInfo:
    """An admin changes a user's role, grants (replacing them) or whether the account is active."""
    with writing(url) as conn:
        require_admin(conn, by)
        info = get_user(conn, name)
        new_grants = info.grants if grants is None else tuple(grants)
        _check(name, role or info.role, None, new_grants)
        values: dict[str, object] = {}
        if role is not None:
            values["role"] = role
        if active is not None:
            values["active"] = active
        if values:
            conn.execute(update(User).where(User.name == name).values(**values))
        _set_grants(conn, name, new_grants)
        record(conn, by, "user_update", None, name=name, role=role, grants=list(new_grants), active=active)
        return get_user(conn, name)


def set_password(name: str, new_password: str, *, by: str, url: str | None = None) -> None:
    """A user changes their own password (or an admin sets it); every open session of that user ends."""
    _check(name, "viewer", new_password, ())
    with writing(url) as conn:
        if by != name:
            require_admin(conn, by)
        get_user(conn, name)
        conn.execute(
            update(User)
            .where(User.name == name)
            .values(password_hash=HASHER.hash(new_password), password_changed_at=utcnow(), failed_logins=0)
        )
        record(conn, by, "password_change", None, name=name)


def list_users(url: str | None = None) -> pd.DataFrame:
    """name, role, grants (``;``-separated), active, created_at, failed_logins — ``system`` first."""
    with reading(url) as conn:
        names = conn.execute(select(User.name).order_by(User.id)).scalars().all()
        rows = []
        for name in names:
            user = conn.execute(select(User).where(User.name == name)).one()
            info = get_user(conn, name)
            rows.append(
                {
                    "name": name,
                    "role": info.role,
                    "grants": ";".join(info.grants),
                    "active": info.active,
                    "created_at": user.created_at,
                    "failed_logins": user.failed_logins,
                }
            )
    return pd.DataFrame(rows, columns=["name", "role", "grants", "active", "created_at", "failed_logins"])


def login_delay(failures: int) -> float:
    """Seconds an attempt waits after ``failures`` failed ones in a row: none for the first few, then doubling."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2.0 ** (failures - FREE_ATTEMPTS))


def _wrong() -> LoginError:
    return LoginError(
        Problem(
            field="password",
            expected=Text("tên và mật khẩu đúng", "a right name and password"),
            fix=Text(
                "thử lại; quên mật khẩu thì nhờ quản trị viên đặt lại",
                "try again; an admin can reset a forgotten password",
            ),
        )
    )


def authenticate(
    name: str, password: str, *, url: str | None = None, sleep: Callable[[float], None] | None = None
) -> UserInfo:
    """The user, if ``password`` is theirs; otherwise one :class:`LoginError` that does not say which was wrong.

    Repeated failures slow each further attempt (:func:`login_delay`); every attempt is in the audit log.
    """
    import time

    dummy = _dummy_hash()  # made before the look-up: known and unknown names cost the same from the first attempt
    with reading(url) as conn:  # the slow parts (waiting, hashing) hold no lock
        row = conn.execute(select(User).where(User.name == name)).first()
    usable = row is not None and row.password_hash is not None and bool(row.active)
    if row is not None and usable:
        (sleep or time.sleep)(login_delay(row.failed_logins))
    try:
        HASHER.verify(row.password_hash if row is not None and usable else dummy, password)
        ok = usable
    except VerificationError:
        ok = False
    with writing(url) as conn:
        if row is None or not usable:
            record(conn, name, "login_failed", None, reason="unknown or inactive user")
        elif not ok:
            conn.execute(
                update(User)
                .where(User.id == row.id)
                .values(failed_logins=User.failed_logins + 1, last_failed_at=utcnow())
            )
            record(conn, name, "login_failed", None, failures=row.failed_logins + 1)
        else:
            values: dict[str, object] = {"failed_logins": 0}
            if HASHER.check_needs_rehash(row.password_hash):
                values["password_hash"] = HASHER.hash(password)
            conn.execute(update(User).where(User.id == row.id).values(**values))
            record(conn, name, "login", None)
            return get_user(conn, name)
    raise _wrong()


def user_for_external_id(external_id: str, url: str | None = None) -> UserInfo | None:
    """The active store user an identity provider vouched for (OIDC subject or e-mail), if there is one."""
    with reading(url) as conn:
        name = conn.execute(select(User.name).where(User.external_id == external_id, User.active)).scalar()
        return None if name is None else get_user(conn, name)


def known_datasets() -> tuple[str, ...]:
    return tuple(CATALOG)
