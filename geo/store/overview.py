"""One line per dataset for the "Dữ liệu" page: its title, current version, rows, last change and illustrative share.

Counted in the database without reading the rows (the canonical JSON of a row holds ``"illustrative":true`` exactly
when it is flagged), so the page stays quick however large a dataset grows.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from geo.store.catalog import CATALOG
from geo.store.engine import reading
from geo.store.models import ChangeSet, DatasetHead, RowVersion

COLUMNS = ["dataset", "title_vi", "title_en", "version", "rows", "illustrative_rows", "illustrative_share",
           "last_user", "last_at", "last_reason", "last_kind"]  # fmt: skip


def overview(url: str | None = None) -> pd.DataFrame:
    """Every dataset of the catalogue, in catalogue order (columns :data:`COLUMNS`; share None for no rows)."""
    current = RowVersion.valid_to.is_(None)
    flagged = RowVersion.data.like('%"illustrative":true%')
    with reading(url) as conn:
        counts = dict(
            conn.execute(select(RowVersion.dataset, func.count()).where(current).group_by(RowVersion.dataset)).all()
        )
        marked = dict(
            conn.execute(
                select(RowVersion.dataset, func.count()).where(current, flagged).group_by(RowVersion.dataset)
            ).all()
        )
        last = {
            row.dataset: row
            for row in conn.execute(
                select(
                    DatasetHead.dataset,
                    DatasetHead.version,
                    ChangeSet.user_name,
                    ChangeSet.created_at,
                    ChangeSet.reason,
                    ChangeSet.kind,
                ).outerjoin(ChangeSet, ChangeSet.id == DatasetHead.change_set_id)
            )
        }
    rows = []
    for name, ds in CATALOG.items():
        total, illustrative, head = int(counts.get(name, 0)), int(marked.get(name, 0)), last.get(name)
        rows.append(
            [
                name,
                ds.title.vi,
                ds.title.en,
                head.version if head else 0,
                total,
                illustrative,
                illustrative / total if total else None,
                head.user_name if head else None,
                head.created_at if head else None,
                head.reason if head else None,
                head.kind if head else None,
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS)
