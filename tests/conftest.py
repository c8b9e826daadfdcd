"""Shared fixtures: tiny synthetic geometries in a projected CRS, and the real built boundary layers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.settings import get_settings


@pytest.fixture
def squares_9214() -> gpd.GeoDataFrame:
    """Two adjacent 1 km × 1 km squares in EPSG:9214 near Bắc Giang city: 1 km² each."""
    x0, y0 = 415_000.0, 2_353_000.0
    return gpd.GeoDataFrame(
        {"code": ["A", "B"], "name": ["Hiệp Hòa", "Lục Ngạn"]},
        geometry=[box(x0, y0, x0 + 1000, y0 + 1000), box(x0 + 1000, y0, x0 + 2000, y0 + 1000)],
        crs="EPSG:9214",
    )


@pytest.fixture(scope="session")
def build_dir() -> Path:
    """The built boundary layers (made by `python -m geo data build`, which the test command runs first)."""
    path = get_settings().build_dir
    if not (path / "manifest.json").exists():
        pytest.fail(f"boundary layers not built in {path}: run `bash scripts/dev.sh test` (it builds them)")
    return path


from tests.store_support import (  # noqa: E402, F401  (the store's back-ends; the pages' seeded store)
    app_store,
    pages_store,
    postgres_template,
    seeded_postgres,
    seeded_store,
    staff,
    store_copy,
    store_url,
)


@pytest.fixture(scope="session", autouse=True)
def _display_copies_in_a_temporary_folder(tmp_path_factory) -> Iterator[None]:
    """The display copies of imported unit sets (geo.io.display_cache) go to a folder of the test session, never into
    the repository's .cache (apps started by the tests inherit it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BGGM_DISPLAY_CACHE_DIR", str(tmp_path_factory.mktemp("display_cache")))
        yield


@pytest.fixture(autouse=True)
def _pages_read_the_store(request: pytest.FixtureRequest) -> None:
    """Pages read the store: every AppTest runs on its own copy of a seeded one (on both back-ends when it asks for
    ``pages_store``)."""
    if "pages_store" in request.fixturenames:
        return
    if request.module.__name__.rsplit(".", 1)[-1].startswith("test_app"):
        request.getfixturevalue("app_store")


@pytest.fixture(scope="module", autouse=True)
def _browser_pages_read_the_store(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[None]:
    """Every browser test module runs its app (started by module fixtures too) on its own copy of a seeded store."""
    if not request.module.__name__.rsplit(".", 1)[-1].startswith("test_browser"):
        yield
        return
    url = store_copy(request.getfixturevalue("seeded_store"), tmp_path_factory.mktemp("browser_store"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BGGM_DATABASE_URL", url)
        yield
