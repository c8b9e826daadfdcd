"""Alembic environment of the store: always given a connection by :func:`geo.store.engine.migrate`."""

from __future__ import annotations

from alembic import context

from geo.store.engine import ours
from geo.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=ours)
with context.begin_transaction():
    context.run_migrations()
