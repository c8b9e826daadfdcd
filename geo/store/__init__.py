"""The department's data store: every dataset versioned in one database, with users, roles and an audit log.

SQLite by default (``data/store/bggm.sqlite``), PostgreSQL + PostGIS when ``BGGM_DATABASE_URL`` names one; the same
SQLAlchemy 2 models and Alembic migrations on both. Nothing is ever deleted: every write is a change set.

Modules (what the pages and the CLI call):

- :mod:`~geo.store.catalog` — the datasets the store holds (columns and keys from :mod:`geo.datasets`, plus the
  forest raster catalogue of :mod:`~geo.store.rasters`) and their readers: ``dataset(name).read(path)`` validates a
  department's file whole, as the loaders of the app do.
- :mod:`~geo.store.versions` — ``head_version(name)`` (cheap: a cache key), ``current(name)``,
  ``as_of(name, version)``, ``write(name, frame, user=, reason=, base_version=, mode=, source_name=,
  source_sha256=, dry_run=)`` → ``WriteResult``; refusals are :class:`~geo.store.errors.ConflictError`.
- :mod:`~geo.store.history` — ``history(name)``, ``changes(name, version)``, ``row_history(name, key)``,
  ``restore(name, version, user=, reason=)``, ``freeze(name, version, label, user=)``, ``freezes(name)``,
  ``version_note(name, version)``.
- :mod:`~geo.store.users` — ``authenticate(name, password)``, ``add_user``, ``update_user``, ``set_password``,
  ``list_users``, ``get_user``/``require_write``/``require_admin``, ``user_for_external_id`` (the OIDC seam).
- :mod:`~geo.store.sessions` — ``create_session(user)`` → signed token, ``verify_session(token)`` → user or None,
  ``revoke_session(token)`` (logout), ``revoke_all(user, by=)``.
- :mod:`~geo.store.proposal` — ``propose(name, frame, mode)`` → ``Proposal`` (an import's differences from the
  current version: added, changed old → new, removed under update/replace/append), ``commit(proposal, user=,
  reason=, source_name=, source_sha256=)`` writing it against the version it was compared with.
- :mod:`~geo.store.overview` — ``overview()``: per dataset its version, rows, last change, illustrative share.
- :mod:`~geo.store.audit` — ``audit_log(user=, action=, limit=)``.
- :mod:`~geo.store.exports` — ``export_bytes(name, "csv"|"xlsx", version)`` for downloads, ``export_file``.
- :mod:`~geo.store.seed` — ``init_store()`` (``python -m geo db init``); :mod:`~geo.store.backup` — ``backup``,
  ``restore_backup`` (GeoPackage); :mod:`~geo.store.engine` — engines, transactions, migrations.
"""
