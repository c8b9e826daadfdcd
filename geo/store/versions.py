"""Writing and reading versioned datasets: every write is one change set, landed whole or not at all.

A write says which version it was based on. Under the dataset's head lock (``BEGIN IMMEDIATE`` on SQLite, ``SELECT …
FOR UPDATE`` on PostgreSQL) it compares itself with that version to find what it changes; if someone wrote since, the
write is merged when none of its rows were touched in between, and refused with a :class:`ConflictError` naming the
rows and the change sets otherwise. ``mode="upsert"`` adds and changes rows; ``mode="replace"`` also removes the rows
of the base version that the new table lacks. Rows whose content is unchanged are not written again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from sqlalchemy import Connection, insert, inspect, or_, select, update
from sqlalchemy.engine import make_url

from geo.errors import Problem, Text
from geo.store.audit import record, utcnow
from geo.store.catalog import Dataset, dataset
from geo.store.conform import conform
from geo.store.engine import database_url, is_postgresql, reading, writing
from geo.store.errors import ConflictError, StoreStateError, VersionError
from geo.store.models import ChangeSet, DatasetHead, RowVersion
from geo.store.rows import Encoded, decode, encode
from geo.store.users import require_write

Mode = Literal["upsert", "replace"]
CHUNK = 500
SHOWN_CONFLICTS = 20


@dataclass(frozen=True)
class WriteResult:
    dataset: str
    version: int  # the dataset's version after the write (unchanged when nothing changed or on a dry run)
    base_version: int
    added: int
    changed: int
    removed: int
    merged: bool  # someone wrote after the base version; their rows and these did not overlap
    written: bool

    @property
    def total(self) -> int:
        return self.added + self.changed + self.removed


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def lock_head(conn: Connection, name: str) -> int:
    """The dataset's current version, its head row locked until the transaction ends (PostgreSQL)."""
    query = select(DatasetHead.version).where(DatasetHead.dataset == name)
    if is_postgresql(conn):
        query = query.with_for_update()
    version = conn.execute(query).scalar()
    if version is None:
        conn.execute(insert(DatasetHead).values(dataset=name, version=0))
        return 0
    return int(version)


def change_set_id(conn: Connection, name: str, version: int) -> int:
    """The id of a dataset's change set ``version`` (0 for the empty version 0)."""
    if version == 0:
        return 0
    found = conn.execute(select(ChangeSet.id).where(ChangeSet.dataset == name, ChangeSet.version == version)).scalar()
    if found is None:
        head = conn.execute(select(DatasetHead.version).where(DatasetHead.dataset == name)).scalar() or 0
        raise VersionError(
            Problem(
                field="version",
                expected=Text(f"một phiên bản từ 0 đến {head}", f"a version from 0 to {head}"),
                found=version,
                fix=Text(f"xem: python -m geo history {name}", f"see: python -m geo history {name}"),
            )
        )
    return int(found)


def rows_at(conn: Connection, name: str, cs_id: int | None = None) -> dict[str, Encoded]:
    """``{row key: (data, WKB)}`` of the dataset as of change set ``cs_id`` (None: the current rows)."""
    query = select(RowVersion.row_key, RowVersion.data, RowVersion.geom).where(RowVersion.dataset == name)
    if cs_id is None:
        query = query.where(RowVersion.valid_to.is_(None))
    else:
        query = query.where(
            RowVersion.valid_from <= cs_id, or_(RowVersion.valid_to.is_(None), RowVersion.valid_to > cs_id)
        )
    return {key: (data, geom) for key, data, geom in conn.execute(query).all()}  # fetched at once: ~2x faster


def frame_of(ds: Dataset, rows: dict[str, Encoded]) -> pd.DataFrame:
    """Encoded rows as a typed frame, in key order (the order of :func:`current`, and of a check's row numbers)."""
    return decode(ds, (rows[k] for k in sorted(rows)))


def head_version(name: str, url: str | None = None) -> int:
    """The dataset's current version (0 before its first write): cheap, for cache keys."""
    dataset(name)
    with reading(url) as conn:
        return int(conn.execute(select(DatasetHead.version).where(DatasetHead.dataset == name)).scalar() or 0)


def current(name: str, url: str | None = None) -> pd.DataFrame:
    """The dataset's current rows (a GeoDataFrame in EPSG:4326 when it has geometry), sorted by key."""
    ds = dataset(name)
    with reading(url) as conn:
        return frame_of(ds, rows_at(conn, name))


def current_version(name: str, url: str | None = None) -> tuple[pd.DataFrame, int]:
    """The dataset's current rows and their version, read together (the CLI's default input).

    A store not created yet, or a dataset never written, is a :class:`StoreStateError` whose fix is
    ``python -m geo db init`` (it creates the store and seeds it from the shipped files).
    """
    ds = dataset(name)
    with reading(url) as conn:
        has_heads = inspect(conn).has_table(DatasetHead.__tablename__)
        query = select(DatasetHead.version).where(DatasetHead.dataset == name)
        version = int(conn.execute(query).scalar() or 0) if has_heads else 0
        if version == 0:
            raise StoreStateError(
                Problem(
                    file=make_url(database_url(url)).render_as_string(hide_password=True),
                    expected=Text(f"bộ dữ liệu {name} trong kho", f"the dataset {name} in the store"),
                    found=Text(f"kho chưa có dữ liệu {name}", f"the store has no rows of {name} yet"),
                    fix=Text(
                        "chạy: python -m geo db init (tạo kho và nạp dữ liệu kèm theo ứng dụng)",
                        "run: python -m geo db init (creates the store and seeds it from the shipped files)",
                    ),
                )
            )
        return frame_of(ds, rows_at(conn, name)), version


def as_of(name: str, version: int, url: str | None = None) -> pd.DataFrame:
    """The dataset's rows exactly as they were at ``version``."""
    ds = dataset(name)
    with reading(url) as conn:
        return frame_of(ds, rows_at(conn, name, change_set_id(conn, name, version)))


def _conflict(conn: Connection, name: str, base: int, keys: list[str], source: str | None) -> ConflictError:
    columns = ("version", "user_name", "created_at", "reason", "added", "changed", "removed")
    query = select(*(getattr(ChangeSet, c) for c in columns)).where(ChangeSet.dataset == name, ChangeSet.version > base)
    sets = conn.execute(query.order_by(ChangeSet.version)).all()
    fix = Text(
        f"tải lại dữ liệu hiện tại (phiên bản {sets[-1].version}), áp lại thay đổi của bạn rồi ghi lại",
        f"reload the current data (version {sets[-1].version}), apply your changes again and save",
    )
    problems = [
        Problem(
            file=source,
            field=f"phiên bản {s.version} / version {s.version}",
            expected=Text(
                f"không ai ghi sau phiên bản {base} mà bạn dựa vào",
                f"no write after version {base}, which yours was based on",
            ),
            found=Text(
                f"{s.user_name} ghi lúc {s.created_at:%Y-%m-%d %H:%M} UTC: {s.reason} (+{s.added} "
                f"~{s.changed} -{s.removed})",
                f"{s.user_name} wrote at {s.created_at:%Y-%m-%d %H:%M} UTC: "
                f"{s.reason} (+{s.added} ~{s.changed} -{s.removed})",
            ),
            fix=fix,
        )
        for s in sets
    ]
    for key in keys[:SHOWN_CONFLICTS]:
        problems.append(
            Problem(
                file=source,
                field=key,
                expected=Text("dòng không bị người khác sửa cùng lúc", "a row nobody else changed meanwhile"),
                found=Text("cả hai cùng sửa dòng này", "both changed this row"),
                fix=fix,
            )
        )
    if len(keys) > SHOWN_CONFLICTS:
        more = len(keys) - SHOWN_CONFLICTS
        problems.append(Problem(file=source, found=Text(f"và {more} dòng khác", f"and {more} more rows")))
    return ConflictError(problems)


def _touched_since(conn: Connection, name: str, base: int) -> set[str]:
    ids = select(ChangeSet.id).where(ChangeSet.dataset == name, ChangeSet.version > base).scalar_subquery()
    query = select(RowVersion.row_key).where(
        RowVersion.dataset == name, or_(RowVersion.valid_from.in_(ids), RowVersion.valid_to.in_(ids))
    )
    return set(conn.execute(query).scalars())


def write_encoded(
    conn: Connection,
    ds: Dataset,
    new: dict[str, Encoded],
    *,
    user: str,
    reason: str,
    base_version: int | None,
    mode: Mode = "upsert",
    kind: str = "import",
    source_name: str | None = None,
    source_sha256: str | None = None,
    restored_from: int | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """The write itself, inside the caller's write transaction (``base_version`` None: the head at lock time)."""
    head = lock_head(conn, ds.name)
    base = head if base_version is None else base_version
    if not 0 <= base <= head:
        change_set_id(conn, ds.name, base)  # raises, naming the versions there are
    current = rows_at(conn, ds.name)
    before = current if base == head else rows_at(conn, ds.name, change_set_id(conn, ds.name, base))
    sets = {k: v for k, v in new.items() if before.get(k) != v}
    removes = [k for k in before if k not in new] if mode == "replace" else []
    if base != head:
        touched = _touched_since(conn, ds.name, base)
        clashes = [k for k, v in sets.items() if k in touched and current.get(k) != v]
        clashes += [k for k in removes if k in touched and k in current]
        if clashes:
            raise _conflict(conn, ds.name, base, sorted(clashes), source_name)
    added = [k for k in sets if k not in current]
    changed = [k for k in sets if k in current and current[k] != sets[k]]
    removed = [k for k in removes if k in current]
    count = len(added) + len(changed) + len(removed)
    if dry_run or count == 0:
        return WriteResult(ds.name, head, base, len(added), len(changed), len(removed), base != head, False)
    version = head + 1
    cs = conn.execute(
        insert(ChangeSet)
        .values(
            dataset=ds.name,
            version=version,
            base_version=base,
            kind=kind,
            user_name=user,
            created_at=utcnow(),
            reason=reason,
            source_name=source_name,
            source_sha256=source_sha256,
            added=len(added),
            changed=len(changed),
            removed=len(removed),
            restored_from=restored_from,
        )
        .returning(ChangeSet.id)
    ).scalar_one()
    for chunk in _chunks(changed + removed):
        conn.execute(
            update(RowVersion)
            .where(RowVersion.dataset == ds.name, RowVersion.valid_to.is_(None), RowVersion.row_key.in_(chunk))
            .values(valid_to=cs)
        )
    fresh = [
        {"dataset": ds.name, "row_key": k, "data": sets[k][0], "geom": sets[k][1], "valid_from": cs}
        for k in added + changed
    ]
    for i in range(0, len(fresh), 5000):
        conn.execute(insert(RowVersion), fresh[i : i + 5000])
    conn.execute(update(DatasetHead).where(DatasetHead.dataset == ds.name).values(version=version, change_set_id=cs))
    record(
        conn,
        user,
        kind,
        ds.name,
        version=version,
        base_version=base,
        reason=reason,
        source=source_name,
        sha256=source_sha256,
        added=len(added),
        changed=len(changed),
        removed=len(removed),
    )
    return WriteResult(ds.name, version, base, len(added), len(changed), len(removed), base != head, True)


def write(
    name: str,
    frame: pd.DataFrame,
    *,
    user: str,
    reason: str,
    base_version: int,
    mode: Mode = "upsert",
    source_name: str | None = None,
    source_sha256: str | None = None,
    dry_run: bool = False,
    url: str | None = None,
) -> WriteResult:
    """Write a typed table (the dataset's columns) as one change set by ``user``, who must be allowed to.

    ``base_version`` is the version the table was made from (the page's or the CLI's :func:`head_version` when it
    read the data). The table is checked against the dataset's declaration first (:func:`geo.store.conform.conform`:
    a :class:`~geo.store.errors.DeclarationError` listing every problem, nothing written) and written as typed.
    Returns what was added, changed and removed; refuses with :class:`ConflictError` when someone changed the same
    rows after ``base_version``.
    """
    ds = dataset(name)
    reason = reason.strip()
    if not reason:
        raise VersionError(
            Problem(
                field="reason",
                expected=Text("lý do thay đổi", "the reason for the change"),
                found=Text("để trống", "empty"),
                fix=Text("ghi lý do", "give a reason"),
            )
        )
    new = encode(ds, conform(ds, frame, file=source_name))  # refused whole when it does not match; outside the lock
    with writing(url) as conn:
        require_write(conn, user, name)
        return write_encoded(
            conn,
            ds,
            new,
            user=user,
            reason=reason,
            base_version=base_version,
            mode=mode,
            source_name=source_name,
            source_sha256=source_sha256,
            dry_run=dry_run,
        )
