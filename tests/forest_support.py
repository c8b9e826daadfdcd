"""Shared fixture of the forest tests: the illustrative forest raster the app uses (made at set-up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.forest.cover import load_config


@pytest.fixture(scope="session")
def forest_raster(build_dir: Path) -> Path:
    """The 10 m illustrative raster of data/monitoring/forest_classes.toml; made here (~10 s) if set-up did not."""
    from scripts import make_forest_raster

    path = load_config(name="illustrative").path
    if not path.exists():
        make_forest_raster.generate(path)
    return path
