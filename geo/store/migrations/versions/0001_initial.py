"""The store: versioned rows, change sets, freezes, users, sessions, audit

Revision ID: 0001
Revises:
Create Date: 2026-12-01 05:15:59.966483
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "change_sets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sets")),
        sa.UniqueConstraint("dataset", "version", name="uq_change_sets_dataset_version"),
    )
    with op.batch_alter_table("change_sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_sets_dataset"), ["dataset"], unique=False)

    op.create_table(
        "freezes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freezes")),
        sa.UniqueConstraint("dataset", "label", name="uq_freezes_dataset_label"),
    )
    op.create_table(
        "store_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_settings")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("external_id", name=op.f("uq_users_external_id")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "dataset_heads",
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_set_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["change_set_id"], ["change_sets.id"], name=op.f("fk_dataset_heads_change_set_id_change_sets")
        ),
        sa.PrimaryKeyConstraint("dataset", name=op.f("pk_dataset_heads")),
    )
    op.create_table(
        "grants",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_grants_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "dataset", name=op.f("pk_grants")),
    )
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_login_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
    )
    op.create_table(
        "row_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("geom", sa.LargeBinary(), nullable=True),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["valid_from"], ["change_sets.id"], name=op.f("fk_row_versions_valid_from_change_sets")
        ),
        sa.ForeignKeyConstraint(["valid_to"], ["change_sets.id"], name=op.f("fk_row_versions_valid_to_change_sets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_versions")),
    )
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.create_index("ix_row_versions_current", ["dataset", "valid_to"], unique=False)
        batch_op.create_index("ix_row_versions_from", ["valid_from"], unique=False)
        batch_op.create_index("ix_row_versions_key", ["dataset", "row_key"], unique=False)
    _postgis_view()


def _postgis_view() -> None:
    """On PostgreSQL with PostGIS, the current rows' geometry as a PostGIS view for QGIS and SQL users.

    PostGIS is used when it is installed in the database, or can be (the migrating role is a superuser); otherwise
    the store works the same and the view is left out (a DBA can run CREATE EXTENSION postgis and migrate again).
    """
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    installed = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first()
    if installed is None:
        available = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
        superuser = bind.execute(sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
        if available is None or not superuser:
            return
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute(
        "CREATE VIEW current_rows_geom AS SELECT id, dataset, row_key, data, valid_from, "
        "ST_SetSRID(ST_GeomFromWKB(geom), 4326) AS geom FROM row_versions WHERE valid_to IS NULL AND geom IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS current_rows_geom")
    with op.batch_alter_table("row_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_row_versions_key")
        batch_op.drop_index("ix_row_versions_from")
        batch_op.drop_index("ix_row_versions_current")

    op.drop_table("row_versions")
    op.drop_table("login_sessions")
    op.drop_table("grants")
    op.drop_table("dataset_heads")
    op.drop_table("users")
    op.drop_table("store_settings")
    op.drop_table("freezes")
    with op.batch_alter_table("change_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_sets_dataset"))

    op.drop_table("change_sets")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
