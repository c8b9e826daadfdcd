"""Login sessions for the pages: a signed, expiring token kept by the browser, and its server side in the store.

A token is ``<session id>.<expiry, unix seconds>.<HMAC-SHA256 signature>``, signed with a secret the store makes at
``db init`` (table ``store_settings``): a token cannot be forged or its expiry stretched. It is accepted only while
its session row exists, has not expired and was not revoked (logout), the user is active, and the user's password
has not changed since it was made (a password change ends every session).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import Connection, insert, select, update

from geo.store.audit import record, utcnow
from geo.store.engine import reading, writing
from geo.store.models import LoginSession, StoreSetting, User
from geo.store.users import UserInfo, get_user

LIFETIME = dt.timedelta(hours=12)
SECRET_KEY = "session_secret"


def ensure_secret(conn: Connection) -> str:
    value = conn.execute(select(StoreSetting.value).where(StoreSetting.key == SECRET_KEY)).scalar()
    if value is None:
        value = secrets.token_urlsafe(48)
        conn.execute(insert(StoreSetting).values(key=SECRET_KEY, value=value))
    return str(value)


def _sign(secret: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def create_session(user: str, *, lifetime: dt.timedelta = LIFETIME, url: str | None = None) -> str:
    """A new session token for ``user`` (after :func:`geo.store.users.authenticate`, or an OIDC login)."""
    with writing(url) as conn:
        info = get_user(conn, user)
        now = utcnow()
        sid = secrets.token_urlsafe(24)
        expires = now + lifetime
        conn.execute(insert(LoginSession).values(id=sid, user_id=info.id, created_at=now, expires_at=expires))
        payload = f"{sid}.{int(expires.replace(tzinfo=dt.UTC).timestamp())}"
        record(conn, user, "session_start", None, expires=expires.isoformat())
        return f"{payload}.{_sign(ensure_secret(conn), payload)}"


def _session_id(conn: Connection, token: str) -> str | None:
    """The session id of a well-signed, unexpired token; None otherwise."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    secret = conn.execute(select(StoreSetting.value).where(StoreSetting.key == SECRET_KEY)).scalar()
    if secret is None or not hmac.compare_digest(_sign(secret, f"{parts[0]}.{parts[1]}"), parts[2]):
        return None
    if int(parts[1]) <= utcnow().replace(tzinfo=dt.UTC).timestamp():
        return None
    return parts[0]


def verify_session(token: str, url: str | None = None) -> UserInfo | None:
    """The user of a valid session token; None for a forged, expired, revoked or outdated one."""
    with reading(url) as conn:
        sid = _session_id(conn, token)
        if sid is None:
            return None
        row = conn.execute(
            select(
                LoginSession.created_at,
                LoginSession.expires_at,
                LoginSession.revoked_at,
                User.name,
                User.active,
                User.password_changed_at,
            )
            .join(User, User.id == LoginSession.user_id)
            .where(LoginSession.id == sid)
        ).first()
        if row is None or row.revoked_at is not None or row.expires_at <= utcnow() or not row.active:
            return None
        if row.password_changed_at > row.created_at:
            return None
        return get_user(conn, row.name)


def revoke_session(token: str, url: str | None = None) -> bool:
    """Logout: the session ends on the server (the token is refused from now on). False if it was not valid."""
    with writing(url) as conn:
        sid = _session_id(conn, token)
        if sid is None:
            return False
        user = conn.execute(
            select(User.name).join(LoginSession, User.id == LoginSession.user_id).where(LoginSession.id == sid)
        ).scalar()
        done = conn.execute(
            update(LoginSession)
            .where(LoginSession.id == sid, LoginSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        ).rowcount
        if user is not None and done:
            record(conn, user, "logout", None)
        return bool(done)


def revoke_all(user: str, *, by: str, url: str | None = None) -> int:
    """End every open session of ``user`` (an admin disabling an account); returns how many were open."""
    with writing(url) as conn:
        info = get_user(conn, user)
        count = conn.execute(
            update(LoginSession)
            .where(LoginSession.user_id == info.id, LoginSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        ).rowcount
        record(conn, by, "sessions_revoked", None, name=user, count=count)
        return int(count)
