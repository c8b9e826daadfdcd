"""Backing up the whole store as one GeoPackage that QGIS opens, and restoring a store from it.

The GeoPackage holds every dataset's current rows as a layer (datasets with geometry) or a table, named after the
dataset, for people to look at; and the store's own tables, prefixed ``store_`` (change sets, every row version with
its data as JSON and its geometry as WKB hex, freezes, users with their password hashes, grants, the audit log, the
header mappings remembered for imports), from which :func:`restore_backup` rebuilds the store exactly: same versions,
same ids, same history. A backup made before the store remembered mappings (schema 0001) restores with none. Keep
backups as safely as the store itself (they hold the password hashes).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Table, delete, func, insert, select, text, update

from geo.errors import Problem, Text
from geo.io import archive
from geo.store.audit import record, utcnow
from geo.store.catalog import CATALOG
from geo.store.conform import conform
from geo.store.engine import head_revision, is_postgresql, reading, writing
from geo.store.errors import StoreStateError
from geo.store.models import (
    AuditEntry,
    Base,
    ChangeSet,
    DatasetHead,
    Freeze,
    Grant,
    ImportMapping,
    LoginSession,
    RowVersion,
    User,
)
from geo.store.seed import prepare
from geo.store.users import SYSTEM
from geo.store.versions import current, frame_of, rows_at

FORMAT = "bggm-store-backup-1"


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


TABLES: dict[str, Table] = {
    "store_change_sets": _table(ChangeSet),
    "store_row_versions": _table(RowVersion),
    "store_freezes": _table(Freeze),
    "store_users": _table(User),
    "store_grants": _table(Grant),
    "store_audit_log": _table(AuditEntry),
    "store_import_mappings": _table(ImportMapping),
}
OPTIONAL = {"store_import_mappings"}  # tables a backup of an older schema does not have


def _dump(conn: Connection, table: Table) -> pd.DataFrame:
    frame = pd.DataFrame(
        conn.execute(select(table).order_by(*table.primary_key.columns)).all(), columns=[c.name for c in table.columns]
    )
    if "geom" in frame.columns:
        frame["geom"] = [None if g is None else bytes(g).hex() for g in frame["geom"]]
    for column in table.columns:  # times as ISO text: exact to the microsecond (GeoPackage keeps milliseconds)
        if column.type.python_type is dt.datetime:
            frame[column.name] = [None if v is None else v.isoformat() for v in frame[column.name]]
    return frame


def backup(path: str | Path, url: str | None = None) -> Path:
    """Write the whole store to ``path`` (a .gpkg): current rows of every dataset plus the store's tables."""
    layers: dict[str, pd.DataFrame] = {name: current(name, url) for name in CATALOG}
    with reading(url) as conn:
        for name, table in TABLES.items():
            layers[name] = _dump(conn, table)
    layers["store_meta"] = pd.DataFrame(
        {"key": ["format", "schema", "made_at"], "value": [FORMAT, head_revision() or "", utcnow().isoformat()]}
    )
    return archive.write_geopackage(layers, path)


def _value(value: Any, column: Any) -> Any:
    """A GeoPackage cell back into the column's Python value."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    kind = column.type.python_type
    if kind is bytes:
        return bytes.fromhex(str(value))
    if kind is dt.datetime:
        stamp = pd.Timestamp(value)
        return (stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp).to_pydatetime()
    if kind is bool:
        return bool(value)
    if kind is int:
        return int(value)
    return str(value)


def _load(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    names = [c.name for c in table.columns]
    columns = [[_value(v, c) for v in frame[c.name].astype(object).tolist()] for c in table.columns]
    records = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    for i in range(0, len(records), 5000):
        conn.execute(insert(table), records[i : i + 5000])


def _bad_file(path: Path, found: object) -> StoreStateError:
    return StoreStateError(
        Problem(
            file=path.name,
            expected=Text(
                "một bản sao lưu do 'python -m geo db backup' tạo", "a backup made by 'python -m geo db backup'"
            ),
            found=found,
            fix=Text("chọn đúng tệp sao lưu .gpkg", "choose the right .gpkg backup"),
        )
    )


def restore_backup(path: str | Path, *, replace: bool = False, url: str | None = None) -> dict[str, int]:
    """Rebuild the store from a backup, in one transaction. A store that already holds change sets is refused
    unless ``replace`` (then its contents are replaced by the backup's). Returns each dataset's restored version."""
    path = Path(path)
    layers = archive.read_geopackage(path)
    meta = layers.get("store_meta")
    if meta is None or FORMAT not in set(meta["value"].astype(str)) or not set(TABLES) - OPTIONAL <= set(layers):
        raise _bad_file(path, ", ".join(layers) or "—")
    prepare(url)
    with writing(url) as conn:
        if conn.execute(select(func.count()).select_from(ChangeSet)).scalar() and not replace:
            raise StoreStateError(
                Problem(
                    field="store",
                    expected=Text("một kho trống", "an empty store"),
                    found=Text("kho đã có dữ liệu", "the store holds data"),
                    fix=Text(
                        "thêm --replace để thay toàn bộ kho bằng bản sao lưu",
                        "add --replace to replace the whole store",
                    ),
                )
            )
        conn.execute(update(DatasetHead).values(version=0, change_set_id=None))
        for model in (
            LoginSession,
            Grant,
            Freeze,
            RowVersion,
            ChangeSet,
            AuditEntry,
            ImportMapping,
            User,
        ):
            conn.execute(delete(model))
        for name in (
            "store_users",
            "store_grants",
            "store_change_sets",
            "store_row_versions",
            "store_freezes",
            "store_audit_log",
            "store_import_mappings",
        ):
            if name in layers:
                _load(conn, TABLES[name], layers[name])
        versions = _heads(conn)
        for name, ds in CATALOG.items():  # the current rows must match today's declarations, as any write's
            conform(ds, frame_of(ds, rows_at(conn, name)), file=f"{path.name}: {name}")
        if is_postgresql(conn):
            for name in ("change_sets", "row_versions", "users", "freezes", "audit_log"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                    )
                )
        if conn.execute(select(User.id).where(User.name == SYSTEM)).first() is None:
            raise _bad_file(path, Text("thiếu người dùng system", "no system user"))
        record(conn, SYSTEM, "db_restore", None, file=path.name, versions=versions)
    return versions


def _heads(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(ChangeSet.dataset, func.max(ChangeSet.version)).group_by(ChangeSet.dataset)).all()
    versions = {str(name): int(version) for name, version in rows}
    for name, version in versions.items():
        cs = conn.execute(select(ChangeSet.id).where(ChangeSet.dataset == name, ChangeSet.version == version)).scalar()
        exists = conn.execute(select(DatasetHead.dataset).where(DatasetHead.dataset == name)).first()
        values = {"version": version, "change_set_id": cs}
        if exists:
            conn.execute(update(DatasetHead).where(DatasetHead.dataset == name).values(**values))
        else:
            conn.execute(insert(DatasetHead).values(dataset=name, **values))
    return versions
