"""Header mappings people chose at import ("Dữ liệu" page, ``python -m geo import --map … --user``), remembered in
the store per user and dataset and offered next time (:func:`geo.importers.mappings.offered`).

Kept in the ``import_mappings`` table (migration 0002), so every app server of a deployment and a PostgreSQL store
share them, and a whole-store backup carries them (:mod:`geo.store.backup`). A new choice for a header replaces the
one remembered for the same header as the reader compares headers (case, diacritics and punctuation aside); the
other headers remembered for the dataset stay. What is offered is only a default: the reader checks every mapping
like one typed in.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, insert, select

from geo.datasets.spec import header_key
from geo.store.audit import utcnow
from geo.store.engine import reading, writing
from geo.store.models import ImportMapping

MAX_HEADER = 255  # the column's width; a longer header is not remembered (no file of people's has one)


def remembered(user: str, dataset: str, url: str | None = None) -> dict[str, str]:
    """The mapping ``user`` chose for ``dataset`` ({header: column}; empty when none)."""
    query = (
        select(ImportMapping.header, ImportMapping.column)
        .where(ImportMapping.user_name == user, ImportMapping.dataset == dataset)
        .order_by(ImportMapping.updated_at, ImportMapping.header)
    )
    with reading(url) as conn:
        return {str(h): str(c) for h, c in conn.execute(query).all()}


def remember(user: str, dataset: str, mapping: Mapping[str, str], url: str | None = None) -> dict[str, str]:
    """Add ``mapping`` to what ``user`` chose for ``dataset`` (one transaction); returns the dataset's whole
    remembered mapping."""
    chosen = {str(h): str(c) for h, c in mapping.items() if str(c) and str(h).strip() and len(str(h)) <= MAX_HEADER}
    if chosen:
        keys = {header_key(h) for h in chosen}
        mine = (ImportMapping.user_name == user, ImportMapping.dataset == dataset)
        with writing(url) as conn:
            stored = conn.execute(select(ImportMapping.header).where(*mine)).scalars().all()
            replaced = [h for h in stored if header_key(h) in keys]
            if replaced:
                conn.execute(delete(ImportMapping).where(*mine, ImportMapping.header.in_(replaced)))
            now = utcnow()
            rows = [{"user_name": user, "dataset": dataset, "header": h, "column": c, "updated_at": now}
                    for h, c in chosen.items()]  # fmt: skip
            conn.execute(insert(ImportMapping), rows)
    return remembered(user, dataset, url)
