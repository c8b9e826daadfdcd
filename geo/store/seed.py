"""Creating the store: migrate it, make the user ``system`` and the session secret, and seed every empty dataset.

Seeding reads the shipped files (``data/monitoring/``, the built unit layers, the forest raster) with the existing
loaders and writes each as version 1 by ``system``, keeping every illustrative flag. A dataset already written is
never seeded again, so :func:`init_store` is a quick no-op on a store that is up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, select

from geo.errors import Text
from geo.io import archive
from geo.settings import REPO_ROOT
from geo.store.audit import utcnow
from geo.store.catalog import CATALOG
from geo.store.conform import conform
from geo.store.engine import migrate, writing
from geo.store.models import DatasetHead, User
from geo.store.rows import encode
from geo.store.sessions import ensure_secret
from geo.store.users import SYSTEM
from geo.store.versions import write_encoded

SEED_SOURCES = {
    "kcn_ccn": "data/monitoring/kcn_ccn.csv",
    "aq_stations": "data/monitoring/aq_stations.csv",
    "aq_hourly": "data/monitoring/aq_hourly.csv.gz",
    "emission_sources": "data/monitoring/emission_sources.csv",
    "indicator_values": "data/monitoring/indicator_values.csv",
    "forest_official": "data/monitoring/forest_official.csv",
    "units": "data/boundaries/build/manifest.json",
    "forest_raster": "data/monitoring/forest_classes.toml",
}
SEED_REASON_TEXT = Text("Phiên bản đầu: dữ liệu kèm theo ứng dụng", "First version: the files shipped with the app")
SEED_REASON = f"{SEED_REASON_TEXT.vi} / {SEED_REASON_TEXT.en[0].lower()}{SEED_REASON_TEXT.en[1:]}"  # as stored


@dataclass(frozen=True)
class InitReport:
    migrated: bool
    seeded: dict[str, int]  # dataset → rows written as version 1


def prepare(url: str | None = None) -> bool:
    """Migrate the schema and make what every store needs (heads, system user, secret); True if it migrated."""
    migrated = migrate(url)
    with writing(url) as conn:
        heads = set(conn.execute(select(DatasetHead.dataset)).scalars())
        for name in CATALOG:
            if name not in heads:
                conn.execute(insert(DatasetHead).values(dataset=name, version=0))
        if conn.execute(select(User.id).where(User.name == SYSTEM)).first() is None:
            now = utcnow()
            conn.execute(
                insert(User).values(
                    name=SYSTEM,
                    role="admin",
                    password_hash=None,
                    active=True,
                    created_at=now,
                    password_changed_at=now,
                    failed_logins=0,
                )
            )
        ensure_secret(conn)
    return migrated


def init_store(
    url: str | None = None, *, seed: bool = True, progress: Callable[[str], None] | None = None
) -> InitReport:
    """Create or migrate the store and, when a dataset is empty, seed it from the shipped files."""
    migrated = prepare(url)
    seeded: dict[str, int] = {}
    if not seed:
        return InitReport(migrated, seeded)
    with writing(url) as conn:
        empty = [n for n, v in conn.execute(select(DatasetHead.dataset, DatasetHead.version)) if v == 0]
    for name in (n for n in CATALOG if n in empty):
        ds = CATALOG[name]
        frame = ds.seed()
        if frame.empty:
            continue
        if progress:
            progress(f"{name}: {len(frame)} dòng / rows")
        source = REPO_ROOT / SEED_SOURCES[name]
        digest = archive.sha256(source) if source.is_file() else None
        encoded = encode(ds, conform(ds, frame, file=SEED_SOURCES[name]))
        with writing(url) as conn:
            result = write_encoded(
                conn,
                ds,
                encoded,
                user=SYSTEM,
                reason=SEED_REASON,
                base_version=0,
                kind="seed",
                source_name=SEED_SOURCES[name],
                source_sha256=digest,
            )
        if result.written:
            seeded[name] = result.added
    return InitReport(migrated, seeded)
