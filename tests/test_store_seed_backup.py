"""Creating the store (migrations agree with the models), seeding it from the shipped files, and a whole-store
backup as a GeoPackage that restores the same rows and history — on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from geo.settings import REPO_ROOT
from geo.store import backup, engine, history, versions
from geo.store.catalog import CATALOG
from geo.store.errors import StoreStateError
from geo.store.models import Base
from geo.store.seed import init_store, prepare

MONITORING = REPO_ROOT / "data" / "monitoring"


def test_the_migrations_make_exactly_the_schema_of_the_models(store_url):
    with engine.reading(store_url) as conn:
        assert (
            compare_metadata(MigrationContext.configure(conn, opts={"include_name": engine.ours}), Base.metadata) == []
        )
        assert MigrationContext.configure(conn).get_current_revision() == engine.head_revision()
    assert engine.migrate(store_url) is False  # up to date: nothing to do


def _shipped(name: str) -> pd.DataFrame:
    return pd.read_csv(MONITORING / name, dtype=str, keep_default_na=False)


def test_init_seeds_every_dataset_once_and_a_backup_restores_the_same_store(store_url, build_dir, tmp_path):
    report = init_store(store_url)
    hourly = pd.read_csv(MONITORING / "aq_hourly.csv.gz", dtype=str)
    expected = {
        "kcn_ccn": len(_shipped("kcn_ccn.csv")),
        "aq_stations": len(_shipped("aq_stations.csv")),
        "aq_hourly": len(hourly),
        "emission_sources": len(_shipped("emission_sources.csv")),
        "indicator_values": len(_shipped("indicator_values.csv")),
        "forest_official": len(_shipped("forest_official.csv")),
        "units": 1 + 10 + 58 + 99,
    }
    assert {k: v for k, v in report.seeded.items() if k != "forest_raster"} == expected
    assert init_store(store_url).seeded == {}  # a second run is a no-op
    log = history.history("kcn_ccn", store_url)
    assert log[["version", "kind", "user_name", "source_name"]].values.tolist() == [
        [1, "seed", "system", "data/monitoring/kcn_ccn.csv"]
    ]
    indicators = versions.current("indicator_values", store_url)
    assert indicators["illustrative"].sum() == (_shipped("indicator_values.csv")["illustrative"] == "True").sum()
    register = versions.current("kcn_ccn", store_url).set_index("id")
    shipped = _shipped("kcn_ccn.csv").set_index("id")
    assert register["illustrative_fields"].fillna("").to_dict() == shipped["illustrative_fields"].to_dict()
    assert (versions.current("aq_hourly", store_url)["illustrative"]).all()

    path = backup.backup(tmp_path / "sao_luu.gpkg", url=store_url)
    layers = dict(pyogrio.list_layers(path))
    assert layers["kcn_ccn"] == "Point" and layers["units"] in ("MultiPolygon", "Polygon", "Unknown")
    assert {"indicator_values", "store_change_sets", "store_row_versions", "store_users"} <= set(layers)
    copy = f"sqlite:///{tmp_path / 'copy.sqlite'}"
    restored = backup.restore_backup(path, url=copy)
    assert restored == dict.fromkeys(sorted(CATALOG), 1) | {k: 1 for k in report.seeded}
    for name in ("kcn_ccn", "units", "indicator_values", "forest_official"):
        pd.testing.assert_frame_equal(versions.current(name, copy), versions.current(name, store_url))
    pd.testing.assert_frame_equal(history.history("units", copy), history.history("units", store_url))
    with pytest.raises(StoreStateError):
        backup.restore_backup(path, url=store_url)  # the store holds data: refused without --replace
    versions.write(
        "indicator_values",
        indicators.iloc[:1].assign(value=99.0),
        user="system",
        reason="thử",
        base_version=1,
        url=store_url,
    )
    backup.restore_backup(path, replace=True, url=store_url)
    assert versions.head_version("indicator_values", store_url) == 1
    pd.testing.assert_frame_equal(versions.current("indicator_values", store_url), indicators)
    engine.dispose(copy)


def test_a_file_that_is_not_a_backup_is_refused(store_url, tmp_path):
    pyogrio.write_dataframe(pd.DataFrame({"a": [1]}), tmp_path / "x.gpkg", layer="x", driver="GPKG")
    with pytest.raises(StoreStateError):
        backup.restore_backup(tmp_path / "x.gpkg", url=store_url)


def test_prepare_makes_the_system_user_and_every_dataset_head_at_version_0(store_url):
    prepare(store_url)
    assert {n: versions.head_version(n, store_url) for n in CATALOG} == dict.fromkeys(CATALOG, 0)
