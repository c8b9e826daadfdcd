"""An imported unit set's display copy is simplified once per content and kept on disk (geo.io.display_cache): a
later load, in any process, reads it instead of simplifying again; a changed set, or a copy that cannot be read, is
simplified anew. The imported set here is the 10 built districts at full precision, under another name."""

from __future__ import annotations

import os
import time
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from geo.boundaries import build, sets
from geo.io import display_cache
from geo.settings import REPO_ROOT

NAME = "huyen_so"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "display"
    monkeypatch.setenv("BGGM_DISPLAY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def simplified(monkeypatch) -> list[int]:
    """Counts the coverage simplifications the loads run (each call appends the number of units it simplified)."""
    calls: list[int] = []

    def counted(frame: gpd.GeoDataFrame, tolerance_m: float = build.DISPLAY_TOLERANCE_M) -> gpd.GeoDataFrame:
        calls.append(len(frame))
        return build.display_version(frame, tolerance_m)

    monkeypatch.setattr(sets, "display_version", counted)
    return calls


@pytest.fixture(scope="module")
def stored() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(sets.load_unit_set("districts_2019").assign(unit_set=NAME))


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_second_load_reads_the_kept_copy_which_equals_a_fresh_one(cache, simplified, stored):
    first = sets.load_unit_set(NAME, stored, display=True)
    assert simplified == [10]
    key = display_cache.content_key(sets.load_unit_set(NAME, stored), build.DISPLAY_TOLERANCE_M)
    assert _entries(cache) == [f"{key}.parquet"]
    second = sets.load_unit_set(NAME, stored, display=True)
    assert simplified == [10]  # not simplified again
    fresh = build.display_version(sets.load_unit_set(NAME, stored))
    assert_geodataframe_equal(second, fresh)
    assert_geodataframe_equal(first, fresh)
    assert list(second.columns) == list(fresh.columns)
    assert shapely.to_wkb(second.geometry.array).tolist() == shapely.to_wkb(fresh.geometry.array).tolist()
    full_coords = shapely.get_num_coordinates(sets.load_unit_set(NAME, stored).geometry.array).sum()
    assert shapely.get_num_coordinates(second.geometry.array).sum() < full_coords  # really the simplified copy


def test_names_come_from_the_store_so_a_renamed_unit_reuses_the_copy_with_its_new_name(cache, simplified, stored):
    sets.load_unit_set(NAME, stored, display=True)
    renamed = stored.assign(name=stored["name"].where(stored["code"] != stored["code"].iloc[0], "Tên mới"))
    shown = sets.load_unit_set(NAME, renamed, display=True)
    assert simplified == [10]
    assert shown.set_index("code")["name"][stored["code"].iloc[0]] == "Tên mới"


def test_a_set_with_one_polygon_moved_gets_a_new_copy(cache, simplified, stored):
    before = sets.load_unit_set(NAME, stored, display=True)
    moved = stored.copy()
    moved.loc[moved.index[3], "geometry"] = shapely.affinity.translate(moved.geometry.iloc[3], xoff=0.001)
    after = sets.load_unit_set(NAME, moved, display=True)
    assert simplified == [10, 10]
    assert len(_entries(cache)) == 2
    code = stored["code"].iloc[3]
    old, new = (f.set_index("code").geometry[code] for f in (before, after))
    assert new.centroid.x - old.centroid.x == pytest.approx(0.001, abs=2e-4)
    assert sets.load_unit_set(NAME, stored, display=True).geometry.geom_equals(before.geometry).all()
    assert simplified == [10, 10]  # both contents are kept


@pytest.mark.parametrize("damage", ["truncated", "not parquet", "other codes"])
def test_a_copy_that_cannot_be_read_or_holds_other_units_is_ignored_and_rebuilt(cache, simplified, stored, damage):
    expected = sets.load_unit_set(NAME, stored, display=True)
    [path] = cache.iterdir()
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "not parquet":
        path.write_text("PAR1 này không phải GeoParquet", encoding="utf-8")
    else:
        gpd.read_parquet(path).head(9).to_parquet(path)
    shown = sets.load_unit_set(NAME, stored, display=True)
    assert simplified == [10, 10]
    assert_geodataframe_equal(shown, expected)
    assert_geodataframe_equal(sets.load_unit_set(NAME, stored, display=True), expected)  # the rewritten copy
    assert simplified == [10, 10]
    assert _entries(cache) == [path.name]


def _repo_files() -> set[Path]:
    skip = {".git", ".venv", "node_modules", ".cache", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    found: set[Path] = set()
    for folder, dirs, files in os.walk(REPO_ROOT):
        dirs[:] = [d for d in dirs if d not in skip]
        found |= {Path(folder) / f for f in files}
    return found


def test_nothing_is_written_outside_the_cache_folder(tmp_path, cache, stored):
    repo_before = _repo_files()
    default = REPO_ROOT / ".cache" / "display"
    default_before = sorted(default.iterdir()) if default.is_dir() else []
    sets.load_unit_set(NAME, stored, display=True)
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*"))] == [
        "display", f"display/{_entries(cache)[0]}"
    ]  # fmt: skip
    assert _repo_files() == repo_before
    assert (sorted(default.iterdir()) if default.is_dir() else []) == default_before


def test_an_unwritable_cache_folder_still_gives_the_display_copy(tmp_path, monkeypatch, simplified, stored):
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BGGM_DISPLAY_CACHE_DIR", str(blocker / "display"))
    shown = sets.load_unit_set(NAME, stored, display=True)
    assert_geodataframe_equal(shown, build.display_version(sets.load_unit_set(NAME, stored)))
    assert simplified == [10]


def test_copies_unread_for_30_days_and_killed_writes_are_pruned_after_a_write(cache, stored):
    cache.mkdir()
    old, recent = cache / f"{'a' * 24}.parquet", cache / f"{'b' * 24}.parquet"
    killed = cache / f".{'c' * 24}.parquet.x1y2.parquet"  # atomic_path's temporary name
    other = cache / "notes.txt"  # not ours: left alone
    for path in (old, recent, killed, other):
        path.write_bytes(b"x")
    now = time.time()
    for path, days in ((old, 31), (recent, 29), (killed, 1), (other, 400)):
        os.utime(path, (now - days * 86400, now - days * 86400))
    sets.load_unit_set(NAME, stored, display=True)
    key = display_cache.content_key(sets.load_unit_set(NAME, stored), build.DISPLAY_TOLERANCE_M)
    assert _entries(cache) == sorted([f"{key}.parquet", recent.name, other.name])
