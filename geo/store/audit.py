"""The audit log: every write, every login attempt, every change to users, with who, when and what."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import Connection, insert, select

from geo.store.engine import reading
from geo.store.models import AuditEntry

COLUMNS = ["id", "at", "user_name", "action", "dataset", "detail"]


def utcnow() -> dt.datetime:
    """Now in UTC, without a time zone (stored the same on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def record(conn: Connection, user: str, action: str, dataset: str | None = None, **detail: object) -> None:
    """Add one entry inside the caller's transaction (it lands with the write it describes, or not at all)."""
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    conn.execute(insert(AuditEntry).values(at=utcnow(), user_name=user, action=action, dataset=dataset, detail=text))


def audit_log(
    *, user: str | None = None, action: str | None = None, limit: int | None = None, url: str | None = None
) -> pd.DataFrame:
    """The audit log, newest first (columns :data:`COLUMNS`; ``detail`` is JSON text)."""
    query = select(*(getattr(AuditEntry, c) for c in COLUMNS)).order_by(AuditEntry.id.desc())
    if user is not None:
        query = query.where(AuditEntry.user_name == user)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if limit is not None:
        query = query.limit(limit)
    with reading(url) as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)
