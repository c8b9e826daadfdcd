"""A dataset's history: its change sets, what one changed (old → new per row), one row's own history, restoring an
earlier version (itself a new change set) and freezing a version under a label that never moves.
"""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import Connection, insert, select

from geo.errors import Lang, Problem, Text
from geo.store.audit import record, utcnow
from geo.store.catalog import dataset
from geo.store.conform import conform
from geo.store.engine import reading, writing
from geo.store.errors import VersionError
from geo.store.models import ChangeSet, Freeze, RowVersion
from geo.store.rows import key_of
from geo.store.users import require_admin
from geo.store.versions import WriteResult, change_set_id, frame_of, lock_head, rows_at, write_encoded

HISTORY_COLUMNS = [
    "version",
    "kind",
    "user_name",
    "created_at",
    "reason",
    "source_name",
    "source_sha256",
    "added",
    "changed",
    "removed",
    "base_version",
    "restored_from",
    "freezes",
]
CHANGE_COLUMNS = ["key", "change", "fields", "old", "new"]
FREEZE_COLUMNS = ["dataset", "version", "label", "user_name", "created_at"]


def _freezes(conn: Connection, name: str | None) -> pd.DataFrame:
    query = select(*(getattr(Freeze, c) for c in FREEZE_COLUMNS)).order_by(Freeze.dataset, Freeze.version, Freeze.id)
    if name is not None:
        query = query.where(Freeze.dataset == name)
    return pd.DataFrame(conn.execute(query).all(), columns=FREEZE_COLUMNS)


def history(name: str, url: str | None = None) -> pd.DataFrame:
    """Every change set of a dataset, newest first, with the labels of the freezes of each version."""
    dataset(name)
    with reading(url) as conn:
        sets = conn.execute(
            select(*(getattr(ChangeSet, c) for c in HISTORY_COLUMNS[:-1]))
            .where(ChangeSet.dataset == name)
            .order_by(ChangeSet.version.desc())
        ).all()
        frozen = _freezes(conn, name)
    out = pd.DataFrame(sets, columns=HISTORY_COLUMNS[:-1])
    labels: dict[int, list[str]] = {}
    for version, label in zip(frozen["version"], frozen["label"], strict=True):
        labels.setdefault(int(version), []).append(str(label))
    out["freezes"] = pd.Series(["; ".join(labels.get(int(v), [])) for v in out["version"]], dtype=object)
    return out


def freezes(name: str | None = None, url: str | None = None) -> pd.DataFrame:
    """The freezes of one dataset (or of all): dataset, version, label, user_name, created_at."""
    if name is not None:
        dataset(name)
    with reading(url) as conn:
        return _freezes(conn, name)


def changes(name: str, version: int, url: str | None = None) -> pd.DataFrame:
    """What change set ``version`` did, one row per dataset row: key (dict of key columns), change (added, changed,
    removed), fields (the columns that changed, ``geometry`` included), old and new (dicts of all columns)."""
    dataset(name)
    with reading(url) as conn:
        cs = change_set_id(conn, name, version)
        base = select(RowVersion.row_key, RowVersion.data, RowVersion.geom).where(RowVersion.dataset == name)
        new = {k: (d, g) for k, d, g in conn.execute(base.where(RowVersion.valid_from == cs))}
        old = {k: (d, g) for k, d, g in conn.execute(base.where(RowVersion.valid_to == cs))}
    rows = []
    for key in sorted(set(new) | set(old)):
        before = json.loads(old[key][0]) if key in old else None
        after = json.loads(new[key][0]) if key in new else None
        change = "changed" if before and after else ("added" if after else "removed")
        changed = [c for c in (after or before or {}) if before and after and before.get(c) != after.get(c)]
        if key in old and key in new and old[key][1] != new[key][1]:
            changed.append("geometry")
        ds = dataset(name)
        rows.append(
            {
                "key": dict(zip(ds.keys, json.loads(key), strict=True)),
                "change": change,
                "fields": tuple(changed),
                "old": before,
                "new": after,
            }
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def row_history(name: str, key: dict[str, object], url: str | None = None) -> pd.DataFrame:
    """Every version of one row (``key``: its key columns, as stored), oldest first: the version that wrote it, the
    version that replaced or removed it (None while current), who and why, and its values."""
    ds = dataset(name)
    row_key = key_of(ds, key)
    with reading(url) as conn:
        made, ended = ChangeSet.__table__.alias("made"), ChangeSet.__table__.alias("ended")
        query = (
            select(made.c.version, ended.c.version, made.c.user_name, made.c.created_at, made.c.reason, RowVersion.data)
            .join(made, made.c.id == RowVersion.valid_from)
            .outerjoin(ended, ended.c.id == RowVersion.valid_to)
            .where(RowVersion.dataset == name, RowVersion.row_key == row_key)
            .order_by(made.c.version)
        )
        rows = conn.execute(query).all()
    return pd.DataFrame(
        [
            {"from_version": a, "to_version": b, "user_name": u, "created_at": t, "reason": r, "values": json.loads(d)}
            for a, b, u, t, r, d in rows
        ],
        columns=["from_version", "to_version", "user_name", "created_at", "reason", "values"],
    )


def restore(name: str, version: int, *, user: str, reason: str, url: str | None = None) -> WriteResult:
    """Make the dataset's rows exactly those of ``version`` again, as a new change set (admins only)."""
    ds = dataset(name)
    with writing(url) as conn:
        require_admin(conn, user)
        lock_head(conn, name)
        earlier = rows_at(conn, name, change_set_id(conn, name, version))
        conform(ds, frame_of(ds, earlier), file=f"{name} v{version}")  # the declaration may have changed
        text = reason.strip() or f"khôi phục phiên bản {version}"
        return write_encoded(
            conn,
            ds,
            earlier,
            user=user,
            reason=text,
            base_version=None,
            mode="replace",
            kind="restore",
            restored_from=version,
        )


def freeze(name: str, version: int, label: str, *, user: str, url: str | None = None) -> None:
    """Keep ``version`` as the figures reported for a period (e.g. "giữa kỳ 2025"); admins only. A label names one
    version for ever: giving it again to another version is refused."""
    dataset(name)
    label = label.strip()
    with writing(url) as conn:
        require_admin(conn, user)
        change_set_id(conn, name, version if version > 0 else -1)  # raises for a version that does not exist
        given = conn.execute(select(Freeze.version).where(Freeze.dataset == name, Freeze.label == label)).scalar()
        if given is not None or not label:
            raise VersionError(
                Problem(
                    field="label",
                    expected=Text("một nhãn chưa dùng cho tập này", "a label not used yet for this dataset"),
                    found=f"{label} → {given}",
                    fix=Text(
                        "chọn nhãn khác; nhãn đã đặt không đổi được", "choose another label; a given label never moves"
                    ),
                )
            )
        conn.execute(
            insert(Freeze).values(dataset=name, version=version, label=label, user_name=user, created_at=utcnow())
        )
        record(conn, user, "freeze", name, version=version, label=label)


def version_note(name: str, version: int, url: str | None = None, *, lang: Lang = "vi") -> str:
    """ "indicator_values phiên bản 3 (đóng băng: giữa kỳ 2025)" / "indicator_values version 3 (frozen: mid-term
    review 2025)" — what exports and briefs print about the figures they show."""
    frozen = freezes(name, url)
    labels = frozen.loc[frozen["version"] == version, "label"].tolist()
    word, frozen_word = ("phiên bản", "đóng băng") if lang == "vi" else ("version", "frozen")
    return f"{name} {word} {version}" + (f" ({frozen_word}: {'; '.join(labels)})" if labels else "")
