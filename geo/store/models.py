"""The store's tables as SQLAlchemy 2 models: one schema for SQLite and PostgreSQL alike.

Versioned rows of every dataset live in one generic table, :class:`RowVersion`: a row is identified by its dataset
and ``row_key`` (its key columns as canonical JSON), holds its other columns as canonical JSON text and its geometry
as WKB, and is valid from the change set that wrote it until the change set that replaced or removed it
(``valid_to`` NULL while current). Nothing is ever deleted: a write closes row versions and adds new ones.

Why WKB in a plain binary column and shapely for the spatial work, rather than GeoAlchemy2 geometry columns: the
same bytes and the same code run on SQLite and PostgreSQL (this Python's ``sqlite3`` cannot load SpatiaLite, which
GeoAlchemy2 needs for SQLite); every spatial question the app asks (points in units, areas, overlaps) is answered in
shapely/geopandas after reading, as today. On PostgreSQL with PostGIS the migration also creates a view,
``current_rows_geom``, exposing the current rows' geometry as a PostGIS ``geometry`` for QGIS and SQL users.

Times are naive UTC (SQLite keeps no time zone; both back-ends then return the same values).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ChangeSet(Base):
    """One write to one dataset: who, when, why, from which file, what it did, and the version it was based on."""

    __tablename__ = "change_sets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # seed, import, restore, merge
    user_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    source_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    source_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    __table_args__ = (UniqueConstraint("dataset", "version", name="uq_change_sets_dataset_version"),)


class DatasetHead(Base):
    """The current version of each dataset; writers lock this row (PostgreSQL) while they write."""

    __tablename__ = "dataset_heads"
    dataset: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    change_set_id: Mapped[int | None] = mapped_column(ForeignKey("change_sets.id"), nullable=True)


class RowVersion(Base):
    """One version of one row of one dataset."""

    __tablename__ = "row_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    geom: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    valid_from: Mapped[int] = mapped_column(ForeignKey("change_sets.id"))
    valid_to: Mapped[int | None] = mapped_column(ForeignKey("change_sets.id"), nullable=True)
    __table_args__ = (
        Index("ix_row_versions_current", "dataset", "valid_to"),
        Index("ix_row_versions_key", "dataset", "row_key"),
        Index("ix_row_versions_from", "valid_from"),
    )


class Freeze(Base):
    """A version kept as the figures reported for a period; a label, once given, never moves."""

    __tablename__ = "freezes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    user_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("dataset", "label", name="uq_freezes_dataset_label"),)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer, editor, admin
    password_hash: Mapped[str | None] = mapped_column(Text, nullable=True)  # None: cannot log in (system)
    external_id: Mapped[str | None] = mapped_column(String(255), nullable=True, unique=True)  # OIDC subject/email
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Grant(Base):
    """An editor may write this dataset."""

    __tablename__ = "grants"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64), primary_key=True)


class LoginSession(Base):
    """A signed session token's server side: revoked at logout, expired after its lifetime."""

    __tablename__ = "login_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AuditEntry(Base):
    """Every write and every login attempt."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    dataset: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class StoreSetting(Base):
    """Values the store keeps for itself (the session-signing secret, made at init)."""

    __tablename__ = "store_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportMapping(Base):
    """A header of a user's file mapped to a column of a dataset, remembered and offered at the next import."""

    __tablename__ = "import_mappings"
    user_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64), primary_key=True)
    header: Mapped[str] = mapped_column(String(255), primary_key=True)
    column: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
