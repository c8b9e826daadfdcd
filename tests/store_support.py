"""Store fixtures: ``store_url`` runs a test on SQLite (a file in tmp_path) and on PostgreSQL + PostGIS.

PostgreSQL comes from ``BGGM_TEST_DATABASE_URL`` (``bash scripts/dev.sh test`` starts a throw-away server and sets
it). Without it the PostgreSQL runs are skipped locally, and fail in CI (``CI=true``): CI must test both back-ends.
A migrated template database is made once per session; each test gets a fresh copy of it.

``app_store``: the pages' store for AppTests and browser tests — a SQLite store seeded from the shipped files once per
session (as ``python -m geo db init`` does), copied for each test and named by ``BGGM_DATABASE_URL``; the users of
``staff`` are added to the copy. ``conftest`` applies it to every ``test_app*``/``test_browser*`` module.

``pages_store``: the same on SQLite and on PostgreSQL (a database seeded once per session, copied per test); an AppTest
that asks for it runs on both back-ends instead of ``app_store``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.importers import read_upload
from geo.store import engine as store_engine
from geo.store import users, versions
from geo.store.seed import init_store, prepare
from geo.store.users import add_user

PASSWORD = "mật khẩu đủ dài"


def _postgres_base() -> str:
    url = os.environ.get("BGGM_TEST_DATABASE_URL", "").strip()
    if not url:
        message = "BGGM_TEST_DATABASE_URL is not set: run the tests with `bash scripts/dev.sh test`"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must run the store tests on PostgreSQL too)")
        pytest.skip(message)
    return url


@contextlib.contextmanager
def _postgres_template(prefix: str, make: Callable[[str], object]) -> Iterator[str]:
    """A database made by ``make(url)`` once per session, to copy for each test; yields its name."""
    base = _postgres_base()
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    make(url)
    store_engine.dispose(url)  # a template database must have no connections when it is copied
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated database to copy for each test; yields its name."""
    with _postgres_template("bggm_template", prepare) as name:
        yield name


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path, monkeypatch) -> Iterator[str]:
    """The URL of an empty, migrated store (the user ``system`` only), on each back-end. Passwords are hashed with
    argon2 at its cheapest settings here (the real ones cost ~0.5 s a hash on this machine)."""
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
        prepare(url)
        yield url
        store_engine.dispose(url)
        return
    with postgres_copy(request.getfixturevalue("postgres_template")) as url:
        yield url


@contextlib.contextmanager
def postgres_copy(template: str) -> Iterator[str]:
    """A fresh database copied from ``template`` for one test; yields its URL and drops it afterwards."""
    base = _postgres_base()
    name = f"bggm_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        store_engine.dispose(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def staff(store_url: str) -> str:
    """Users of the store: admin ``an``, editor ``binh`` (indicator_values), editor ``chi`` (no grant), viewer
    ``dung``; returns the store URL."""
    add_user("an", "admin", PASSWORD, url=store_url)
    add_user("binh", "editor", PASSWORD, grants=["indicator_values", "aq_stations"], url=store_url)
    add_user("chi", "editor", PASSWORD, url=store_url)
    add_user("dung", "viewer", PASSWORD, url=store_url)
    return store_url


def values(*rows: tuple[str, str, str, int, float | None, bool]) -> pd.DataFrame:
    """A tiny indicator table: (target_id, unit_set, unit_code, year, value, illustrative)."""
    names = ("target_id", "unit_set", "unit_code", "year", "value", "illustrative")
    return pd.DataFrame([dict(zip(names, row, strict=True)) for row in rows]).assign(source="tệp thử")


BASE_ROWS = values(
    ("5a", "province", "24", 2020, 38.0, False),
    ("5a", "districts_2019", "215", 2020, 50.5, False),
    ("7", "province", "24", 2024, 61.8, True),
)


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store seeded from the shipped files, made once per test session (~20 s)."""
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    url = f"sqlite:///{path}"
    init_store(url)
    store_engine.dispose(url)  # the last connection checkpoints the WAL into the file
    return path


def _add_page_staff(url: str) -> str:
    """The users of ``staff`` in the pages' store at ``url`` (hashed cheaply; ``binh`` granted indicator_values)."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    real, users.HASHER = users.HASHER, cheap
    try:
        add_user("an", "admin", PASSWORD, url=url)
        add_user("binh", "editor", PASSWORD, grants=["indicator_values"], url=url)
        add_user("chi", "editor", PASSWORD, url=url)
        add_user("dung", "viewer", PASSWORD, url=url)
    finally:
        users.HASHER = real
    return url


def store_copy(seeded: Path, folder: Path) -> str:
    """A copy of the seeded store in ``folder`` with the users of ``staff`` (hashed cheaply); returns its URL."""
    path = folder / "app_store.sqlite"
    shutil.copyfile(seeded, path)
    return _add_page_staff(f"sqlite:///{path}")


@pytest.fixture
def app_store(seeded_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh copy of the seeded store as the app's store (``BGGM_DATABASE_URL``), with the ``staff`` users."""
    url = store_copy(seeded_store, tmp_path)
    monkeypatch.setenv("BGGM_DATABASE_URL", url)
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    yield url
    store_engine.dispose(url)


# An imported unit set: two zones on Bắc Giang's VN-2000 grid (EPSG:9214) near DOMAIN.md's check point, 2 km × 2 km
# and 2 km × 1 km, so their areas are 4 and 2 km². Read by the importer (as the Dữ liệu page and the CLI do).
IMPORTED_SET, IMPORTED_AREAS = "vung_quy_hoach", {"Z0": 4.0, "Z1": 2.0}
_E, _N = 415_747.64, 2_353_061.67


def imported_units_file(folder: Path) -> Path:
    """A GeoPackage of the two zones with their names in Vietnamese (columns ``ma``, ``ten``)."""
    frame = gpd.GeoDataFrame(
        {"ma": ["Z0", "Z1"], "ten": ["Vùng Bắc", "Vùng Đông"]},
        geometry=[shapely.box(_E, _N, _E + 2000, _N + 2000), shapely.box(_E + 2000, _N, _E + 4000, _N + 1000)],
        crs="EPSG:9214",
    )
    path = folder / "vung.gpkg"
    frame.to_file(path, driver="GPKG", engine="pyogrio")
    return path


def import_unit_set(url: str, folder: Path, *, user: str = "an", name: str = IMPORTED_SET) -> None:
    """Import the two zones as unit set ``name`` into the store at ``url`` (upsert: the built sets stay)."""
    result = read_upload(imported_units_file(folder), "units", mapping={"ma": "code", "ten": "name"}, unit_set=name)
    assert result.frame is not None and result.report.ok, result.report.as_dict("en")["problems"]
    base = versions.head_version("units", url)
    versions.write("units", result.frame, user=user, reason="lớp của sở", base_version=base, url=url)


@pytest.fixture(scope="session")
def seeded_postgres() -> Iterator[str]:
    """A PostgreSQL database seeded from the shipped files (as ``python -m geo db init`` does), made once per test
    session as the template each PostgreSQL page test copies; yields its name."""
    with _postgres_template("bggm_pages", init_store) as name:
        yield name


@pytest.fixture(params=["sqlite", "postgresql"])
def pages_store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The pages' store on each back-end (a test using it runs twice): a fresh copy of a seeded SQLite file, or a
    fresh database copied from :func:`seeded_postgres`, with the ``staff`` users, named by ``BGGM_DATABASE_URL``.
    Without ``BGGM_TEST_DATABASE_URL`` the PostgreSQL run fails (locally too: no skips)."""
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    if request.param == "sqlite":
        url = store_copy(request.getfixturevalue("seeded_store"), tmp_path)
        monkeypatch.setenv("BGGM_DATABASE_URL", url)
        yield url
        store_engine.dispose(url)
        return
    if not os.environ.get("BGGM_TEST_DATABASE_URL", "").strip():  # never skipped, unlike store_url's local runs
        pytest.fail("BGGM_TEST_DATABASE_URL is not set: the page tests run on PostgreSQL too (`bash scripts/dev.sh "
                    "test` starts one)")  # fmt: skip
    with postgres_copy(request.getfixturevalue("seeded_postgres")) as url:
        monkeypatch.setenv("BGGM_DATABASE_URL", _add_page_staff(url))
        yield url
