"""Every store write is checked against its dataset's declaration (geo.store.conform), on SQLite and PostgreSQL: a
table that does not match is refused whole with problems naming row, field, expected, found and fix (vi and en), and
the store is left exactly as it was (same head version, same rows)."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import Problem
from geo.store import backup, conform, engine, history, proposal, seed, versions
from geo.store.catalog import CATALOG, Catalog, check_unit_sets
from geo.store.engine import writing
from geo.store.errors import DeclarationError
from geo.store.rows import encode
from geo.store.users import SYSTEM
from tests.store_support import BASE_ROWS, values


def _state(url: str, name: str) -> tuple[int, pd.DataFrame]:
    return versions.head_version(name, url), versions.current(name, url)


def _refused(url: str, name: str, frame: pd.DataFrame, *, user: str) -> tuple[Problem, ...]:
    """Write ``frame`` on the current version: it must be refused and change nothing; returns the problems."""
    version, rows = _state(url, name)
    with pytest.raises(DeclarationError) as caught:
        versions.write(name, frame, user=user, reason="thử", base_version=version, source_name="t.csv", url=url)
    after_version, after_rows = _state(url, name)
    assert after_version == version
    pd.testing.assert_frame_equal(after_rows, rows)
    for problem in caught.value.problems:  # every problem says where, what was expected and found, and the fix
        assert problem.field and problem.expected is not None and problem.found is not None and problem.fix
        assert problem.file == "t.csv"
    return caught.value.problems


def _one(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [p.render("en") for p in problems]
    return problems[0]


@pytest.fixture
def indicators(staff: str) -> str:
    """The store of ``staff`` with BASE_ROWS written as indicator_values version 1."""
    versions.write("indicator_values", BASE_ROWS, user="binh", reason="đầu", base_version=0, url=staff)
    return staff


def test_a_missing_required_column_is_refused(indicators):
    problem = _one(_refused(indicators, "indicator_values", BASE_ROWS.drop(columns="source"), user="binh"))
    assert (problem.row, problem.field) == (None, "source")
    assert problem.found.en == "missing column" and problem.fix.en == "add the column 'source' (Source)"
    assert problem.fix.vi == "thêm cột 'source' (Nguồn)"


def test_a_value_that_cannot_be_read_as_its_type_is_refused_and_one_that_can_is_converted(indicators):
    bad = BASE_ROWS.astype({"year": object})
    bad.loc[2, "year"] = "hai nghìn"
    problem = _one(_refused(indicators, "indicator_values", bad, user="binh"))
    assert (problem.row, problem.field, problem.found) == (3, "year", "hai nghìn")
    assert problem.expected.en == "a number, written 1.234,5 (Vietnamese) or 1,234.5"
    readable = values(("7", "province", "24", 2025, 70.0, True)).astype({"year": object, "value": object})
    readable.loc[0, ["year", "value"]] = ["2025", "70,5"]
    result = versions.write("indicator_values", readable, user="binh", reason="chữ", base_version=1, url=indicators)
    stored = versions.current("indicator_values", indicators)
    row = stored[stored["year"] == 2025]
    assert (result.version, result.added) == (2, 1)
    assert row["year"].dtype == "Int64" and row["value"].tolist() == [70.5]


@pytest.mark.parametrize("key", [None, " "])
def test_an_empty_key_cell_is_refused(indicators, key):
    bad = BASE_ROWS.copy()
    bad.loc[1, "unit_code"] = key
    problem = _one(_refused(indicators, "indicator_values", bad, user="binh"))
    assert (problem.row, problem.field) == (2, "unit_code")
    assert (problem.expected.en, problem.found.en) == ("a value (not empty)", "an empty cell")


def test_a_repeated_key_is_refused_naming_both_rows(indicators):
    bad = pd.concat([BASE_ROWS, BASE_ROWS.iloc[[0]].assign(value=39.0)], ignore_index=True)
    problem = _one(_refused(indicators, "indicator_values", bad, user="binh"))
    assert (problem.row, problem.field) == (4, "target_id, unit_set, unit_code, year")
    assert problem.found.en == "5a / province / 24 / 2020, as row 1"
    assert problem.found.vi == "5a / province / 24 / 2020, trùng dòng 1"


def test_a_value_outside_the_allowed_values_or_range_is_refused(indicators):
    bad = BASE_ROWS.copy()
    bad.loc[0, "unit_set"] = "tinh"
    bad.loc[2, "year"] = 2041
    problems = _refused(indicators, "indicator_values", bad, user="binh")
    assert [(p.row, p.field, p.found) for p in problems] == [(1, "unit_set", "tinh"), (3, "year", 2041)]
    assert problems[0].expected.en == "one of: province, districts_2019, communes_2025"
    assert problems[1].expected.en == "a year in [2020; 2030]"  # a year is never grouped ("2,020")
    assert problems[1].expected.vi == "năm trong khoảng [2020; 2030]"


def _units(*geometries: object) -> gpd.GeoDataFrame:
    n = len(geometries)
    return gpd.GeoDataFrame(
        {"unit_set": "vung", "code": [f"Z{i}" for i in range(n)], "name": [f"Vùng {i}" for i in range(n)],
         "name_full": [f"Vùng {i}" for i in range(n)], "unit_type": None, "name_key": [f"vung {i}" for i in range(n)],
         "area_km2": 4.0},
        geometry=list(geometries), crs="EPSG:4326",
    )  # fmt: skip


SQUARE = shapely.box(106.20, 21.20, 106.22, 21.22)


@pytest.fixture
def zones(staff: str) -> str:
    versions.write("units", _units(SQUARE, shapely.box(106.3, 21.2, 106.32, 21.22)), user="an", reason="đầu",
                   base_version=0, url=staff)  # fmt: skip
    return staff


def test_a_missing_geometry_is_refused(zones):
    problem = _one(_refused(zones, "units", _units(SQUARE, None), user="an"))
    assert (problem.row, problem.field, problem.code) == (2, "geometry", "empty_geometry")
    assert problem.found.en == "an empty geometry" and problem.fix.vi == "vẽ lại hình của đối tượng này hoặc xóa dòng"
    no_geometry = pd.DataFrame(_units(SQUARE).drop(columns="geometry"))
    assert _one(_refused(zones, "units", no_geometry, user="an")).found.en == "a table with no geometry"


def test_a_geometry_of_the_wrong_kind_is_refused(zones):
    line = shapely.LineString([(106.2, 21.2), (106.3, 21.3)])
    problems = _refused(zones, "units", _units(SQUARE, shapely.Point(106.2, 21.2), line), user="an")
    assert [(p.row, p.code, p.found) for p in problems] == [
        (2, "wrong_geometry_type", "Point"),
        (3, "wrong_geometry_type", "LineString"),
    ]
    assert problems[0].expected.en == "an area (Polygon/MultiPolygon)"
    stations = gpd.GeoDataFrame(
        {"id": ["BG01"], "name": ["A"], "type": "automatic", "operator": "Sở", "lon": [106.2], "lat": [21.2],
         "pollutants": "pm25", "start_date": pd.to_datetime(["2019-06-01"]), "district_2019": "213",
         "commune_2025": "07210", "illustrative": True},
        geometry=[SQUARE], crs="EPSG:4326",
    )  # fmt: skip
    assert _one(_refused(zones, "aq_stations", stations, user="an")).expected.en == "a point (Point)"


def test_an_invalid_polygon_and_a_repeated_code_within_a_unit_set_are_refused(zones):
    bowtie = shapely.Polygon([(106.2, 21.2), (106.3, 21.3), (106.3, 21.2), (106.2, 21.3), (106.2, 21.2)])
    problems = _refused(zones, "units", _units(SQUARE, bowtie), user="an")
    assert [(p.row, p.code) for p in problems] == [(2, "invalid_geometry")]
    twice = _units(SQUARE, SQUARE).assign(code="Z0")
    problem = _one(_refused(zones, "units", twice, user="an"))
    assert (problem.row, problem.field, problem.found.en) == (2, "code", "'Z0', as row 1")
    other_set = pd.concat([_units(SQUARE), _units(SQUARE).assign(unit_set="vung_khac")], ignore_index=True)
    result = versions.write("units", gpd.GeoDataFrame(other_set, crs="EPSG:4326"), user="an", reason="hai bộ",
                            base_version=1, url=zones)  # fmt: skip
    assert (result.version, result.added) == (2, 1)  # the same code in another unit set is another unit


def test_the_page_proposal_refuses_a_bad_table_before_showing_differences(indicators):
    bad = BASE_ROWS.copy()
    bad.loc[0, "unit_set"] = "tinh"
    with pytest.raises(DeclarationError) as caught:
        proposal.propose("indicator_values", bad, "update", file="tep.xlsx")
    assert _one(caught.value.problems).field == "unit_set"
    good = proposal.propose("indicator_values", BASE_ROWS.assign(value=1.0), "update", url=indicators)
    spoiled = dataclasses.replace(good, rows=bad)
    with pytest.raises(DeclarationError):
        proposal.commit(spoiled, user="binh", reason="thử", url=indicators)
    assert versions.head_version("indicator_values", indicators) == 1


def test_restoring_a_version_written_before_the_check_is_refused(staff):
    ds = CATALOG["indicator_values"]
    old = BASE_ROWS.copy()
    old.loc[0, "year"] = 2041  # stored by a store that did not check yet
    with writing(staff) as conn:
        versions.write_encoded(conn, ds, encode(ds, old), user=SYSTEM, reason="cũ", base_version=0)
    versions.write("indicator_values", BASE_ROWS, user="an", reason="sửa", base_version=1, url=staff)
    before = _state(staff, "indicator_values")
    with pytest.raises(DeclarationError) as caught:
        history.restore("indicator_values", 1, user="an", reason="quay lại", url=staff)
    problem = _one(caught.value.problems)
    assert (problem.file, problem.field, problem.found) == ("indicator_values v1", "year", 2041)
    after = _state(staff, "indicator_values")
    assert after[0] == before[0] == 2
    pd.testing.assert_frame_equal(after[1], before[1])


def test_seeding_refuses_a_shipped_file_that_does_not_match(store_url, monkeypatch):
    bad = BASE_ROWS.astype({"illustrative": object})
    bad.loc[2, "illustrative"] = "có lẽ"
    seeded = dataclasses.replace(CATALOG["indicator_values"], seed=lambda: bad)
    only = Catalog((seeded,), key=lambda d: d.name, field="dataset", noun=CATALOG["units"].title)
    monkeypatch.setattr(seed, "CATALOG", only)
    with pytest.raises(DeclarationError) as caught:
        seed.init_store(store_url)
    problem = _one(caught.value.problems)
    assert (problem.file, problem.row, problem.field) == ("data/monitoring/indicator_values.csv", 3, "illustrative")
    assert versions.head_version("indicator_values", store_url) == 0


def test_a_backup_whose_rows_do_not_match_is_not_restored(staff, tmp_path):
    ds = CATALOG["indicator_values"]
    old = BASE_ROWS.copy()
    old.loc[1, "unit_set"] = "tinh"  # stored by a store that did not check yet
    with writing(staff) as conn:
        versions.write_encoded(conn, ds, encode(ds, old), user=SYSTEM, reason="cũ", base_version=0)
    path = backup.backup(tmp_path / "sao_luu.gpkg", url=staff)
    empty = f"sqlite:///{tmp_path / 'trong.sqlite'}"
    with pytest.raises(DeclarationError) as caught:
        backup.restore_backup(path, url=empty)
    problem = _one(caught.value.problems)
    assert (problem.file, problem.row, problem.field, problem.found) == ("sao_luu.gpkg: indicator_values", 2,
                                                                        "unit_set", "tinh")  # fmt: skip
    assert versions.head_version("indicator_values", empty) == 0  # nothing restored: one transaction
    assert history.history("indicator_values", empty).empty
    engine.dispose(empty)


def test_rows_of_interleaved_unit_sets_are_named_as_rows_of_the_whole_file():
    frame = pd.concat([_units(SQUARE), _units(SQUARE).assign(unit_set="khac"), _units(SQUARE)], ignore_index=True)
    typed, problems = check_unit_sets(
        frame.drop(columns="name"), conform.declaration(CATALOG["units"]), file="f.csv", first_row=2
    )
    assert sorted((p.row, p.field, p.found.en) for p in problems) == [
        (1, "name", "missing column"),  # the header row, once per set
        (1, "name", "missing column"),
        (4, "code", "'Z0', as row 2"),  # the third row of the file repeats the first of its set, not of the file
    ]
    assert typed["unit_set"].tolist() == ["vung", "khac", "vung"]


def test_an_optional_column_left_empty_throughout_is_absent_but_one_left_empty_in_a_row_is_refused(staff):
    times = pd.to_datetime(["2026-03-01 07:00", "2026-03-01 08:00"])
    hours = pd.DataFrame({"station_id": ["BG01", "BG01"], "time": times, "pm25": [30.5, 31.0], "pm10": None, "o3": None,
                          "no2": None, "so2": None, "co": None, "illustrative": [None, None]})  # fmt: skip
    result = versions.write("aq_hourly", hours, user="an", reason="tệp trạm", base_version=0, url=staff)
    assert (result.version, result.added) == (1, 2)
    assert versions.current("aq_hourly", staff)["illustrative"].isna().all()  # no flag given: none stored
    partly = hours.astype({"illustrative": object})
    partly.loc[0, "illustrative"] = True
    problem = _one(_refused(staff, "aq_hourly", partly, user="an"))
    assert (problem.row, problem.field, problem.found.en) == (2, "illustrative", "an empty cell")
