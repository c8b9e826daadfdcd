"""Versioned datasets in the store, on SQLite and PostgreSQL: change sets, history, differences, restore, freeze."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from sqlalchemy import func, select

from geo.errors import UnknownIdError
from geo.store import engine, history, versions
from geo.store.errors import ConflictError, PermissionDeniedError, VersionError
from geo.store.models import ChangeSet, RowVersion
from geo.store.overview import overview
from tests.store_support import BASE_ROWS, values


def _write(url: str, frame: pd.DataFrame, base: int, *, user: str = "binh", mode: str = "upsert", reason: str = "thử"):
    return versions.write(
        "indicator_values",
        frame,
        user=user,
        reason=reason,
        base_version=base,
        mode=mode,  # type: ignore[arg-type]
        source_name="so_lieu.csv",
        source_sha256="ab" * 32,
        url=url,
    )


def test_a_write_is_one_change_set_with_who_why_source_and_counts(staff):
    first = _write(staff, BASE_ROWS, 0, reason="số liệu 2020")
    changed = BASE_ROWS.copy()
    changed.loc[1, "value"] = 51.0
    second = _write(staff, pd.concat([changed, values(("5a", "province", "24", 2021, 38.4, False))]), 1)
    assert (first.version, first.added, first.changed, first.removed) == (1, 3, 0, 0)
    assert (second.version, second.added, second.changed, second.removed, second.merged) == (2, 1, 1, 0, False)
    log = history.history("indicator_values", staff)
    assert log["version"].tolist() == [2, 1]
    assert log.loc[1, ["user_name", "reason", "source_name", "added"]].tolist() == [
        "binh",
        "số liệu 2020",
        "so_lieu.csv",
        3,
    ]
    assert log.loc[0, "source_sha256"] == "ab" * 32


def test_upsert_keeps_rows_the_table_lacks_and_replace_removes_them(staff):
    _write(staff, BASE_ROWS, 0)
    kept = _write(staff, BASE_ROWS.iloc[:1].assign(value=39.0), 1)
    assert (kept.changed, kept.removed) == (1, 0)
    assert len(versions.current("indicator_values", staff)) == 3
    replaced = _write(staff, BASE_ROWS.iloc[:1].assign(value=39.0), 2, mode="replace")
    assert (replaced.added, replaced.changed, replaced.removed) == (0, 0, 2)
    assert versions.current("indicator_values", staff)["value"].tolist() == [39.0]


def test_a_table_equal_to_the_stored_rows_makes_no_new_version(staff):
    _write(staff, BASE_ROWS, 0)
    again = _write(staff, BASE_ROWS.iloc[::-1], 1)
    assert (again.written, again.version, again.total) == (False, 1, 0)
    assert versions.head_version("indicator_values", staff) == 1


def test_rows_as_of_a_version_are_exactly_as_they_were_and_nothing_is_deleted(staff):
    _write(staff, BASE_ROWS, 0)
    _write(staff, BASE_ROWS.assign(value=[1.0, 2.0, 3.0]), 1)
    _write(staff, BASE_ROWS.iloc[:1], 2, mode="replace")
    assert versions.as_of("indicator_values", 1, staff)["value"].tolist() == [50.5, 38.0, 61.8]
    assert versions.as_of("indicator_values", 2, staff)["value"].tolist() == [2.0, 1.0, 3.0]
    assert versions.as_of("indicator_values", 3, staff)["value"].tolist() == [38.0]
    assert versions.as_of("indicator_values", 0, staff).empty
    with engine.reading(staff) as conn:
        assert (
            conn.execute(select(func.count()).select_from(RowVersion)).scalar() == 7
        )  # 3 + 3 changed + 1 changed back


def test_reading_back_keeps_types_and_illustrative_flags(staff):
    _write(staff, BASE_ROWS, 0)
    back = versions.current("indicator_values", staff)
    assert str(back["year"].dtype) == "Int64" and back["illustrative"].dtype == bool
    assert back.set_index("unit_code")["illustrative"].to_dict() == {"215": False, "24": True} or back[
        "illustrative"
    ].tolist() == [False, False, True]
    assert back["illustrative"].sum() == 1


def test_a_change_set_shows_each_row_old_and_new(staff):
    _write(staff, BASE_ROWS, 0)
    edited = BASE_ROWS.iloc[1:].copy()
    edited.loc[2, "value"] = 65.0
    _write(staff, pd.concat([edited, values(("9", "province", "24", 2025, 1.0, False))]), 1, mode="replace")
    diff = history.changes("indicator_values", 2, staff).set_index("change")
    assert sorted(diff.index) == ["added", "changed", "removed"]
    assert diff.loc["changed", "fields"] == ("value",)
    assert (diff.loc["changed", "old"]["value"], diff.loc["changed", "new"]["value"]) == (61.8, 65.0)
    assert diff.loc["removed", "key"] == {
        "target_id": "5a",
        "unit_set": "districts_2019",
        "unit_code": "215",
        "year": 2020,
    } or diff.loc["removed", "key"]["unit_code"] in ("24", "215")
    assert diff.loc["removed", "new"] is None and diff.loc["added", "old"] is None
    assert diff.loc["added", "key"]["target_id"] == "9"


def test_a_row_shows_its_own_history(staff):
    _write(staff, BASE_ROWS, 0)
    _write(staff, BASE_ROWS.assign(value=[40.0, 50.5, 61.8]), 1, user="an", reason="sửa số 2020")
    key = {"target_id": "5a", "unit_set": "province", "unit_code": "24", "year": 2020}
    rows = history.row_history("indicator_values", key, staff)
    assert rows["from_version"].tolist() == [1, 2]
    assert rows["to_version"].tolist()[0] == 2 and pd.isna(rows["to_version"].tolist()[1])
    assert [v["value"] for v in rows["values"]] == [38.0, 40.0]
    assert rows["user_name"].tolist() == ["binh", "an"] and rows["reason"].tolist()[1] == "sửa số 2020"


def test_restore_brings_back_exactly_the_earlier_rows_as_a_new_change_set(staff):
    _write(staff, BASE_ROWS, 0)
    big = pd.concat(
        [BASE_ROWS.assign(value=0.0), values(*[("1", "province", "24", y, 1.0, True) for y in range(2020, 2031)])]
    )
    _write(staff, big, 1, mode="replace")
    result = history.restore("indicator_values", 1, user="an", reason="tải nhầm tệp", url=staff)
    assert (result.version, result.added, result.changed, result.removed) == (3, 0, 3, 11)
    pd.testing.assert_frame_equal(
        versions.current("indicator_values", staff), versions.as_of("indicator_values", 1, staff)
    )
    assert len(versions.as_of("indicator_values", 2, staff)) == 14  # the restored-over version is still there
    top = history.history("indicator_values", staff).iloc[0]
    assert (top["kind"], top["restored_from"], top["reason"], top["user_name"]) == ("restore", 1, "tải nhầm tệp", "an")


def test_only_admins_restore_and_freeze(staff):
    _write(staff, BASE_ROWS, 0)
    with pytest.raises(PermissionDeniedError):
        history.restore("indicator_values", 1, user="binh", reason="thử", url=staff)
    with pytest.raises(PermissionDeniedError):
        history.freeze("indicator_values", 1, "giữa kỳ 2025", user="binh", url=staff)


def test_a_freeze_label_names_one_version_for_ever(staff):
    _write(staff, BASE_ROWS, 0)
    _write(staff, BASE_ROWS.assign(value=1.0), 1)
    history.freeze("indicator_values", 1, "giữa kỳ 2025", user="an", url=staff)
    with pytest.raises(VersionError) as moved:
        history.freeze("indicator_values", 2, "giữa kỳ 2025", user="an", url=staff)
    assert "giữa kỳ 2025 → 1" in moved.value.render("en")
    with pytest.raises(VersionError):
        history.freeze("indicator_values", 7, "không có", user="an", url=staff)
    listed = history.freezes("indicator_values", staff)
    assert listed[["version", "label", "user_name"]].values.tolist() == [[1, "giữa kỳ 2025", "an"]]
    assert history.history("indicator_values", staff).set_index("version").loc[1, "freezes"] == "giữa kỳ 2025"
    assert (
        history.version_note("indicator_values", 1, staff) == "indicator_values phiên bản 1 (đóng băng: giữa kỳ 2025)"
    )


def test_writers_need_the_editor_role_and_a_grant(staff):
    for user in ("chi", "dung", "nobody"):
        with pytest.raises(PermissionDeniedError):
            _write(staff, BASE_ROWS, 0, user=user)
    assert _write(staff, BASE_ROWS, 0, user="an").version == 1  # an admin writes any dataset


def test_a_write_that_fails_half_way_leaves_nothing(staff, monkeypatch):
    _write(staff, BASE_ROWS, 0)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(versions, "record", broken)  # fails after the rows were inserted
    with pytest.raises(RuntimeError):
        _write(staff, BASE_ROWS.assign(value=9.0), 1)
    assert versions.head_version("indicator_values", staff) == 1
    assert versions.current("indicator_values", staff)["value"].tolist() == [50.5, 38.0, 61.8]
    with engine.reading(staff) as conn:
        assert conn.execute(select(func.count()).select_from(ChangeSet)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(RowVersion)).scalar() == 3


def test_a_write_based_on_an_old_version_merges_when_rows_do_not_overlap(staff):
    _write(staff, BASE_ROWS, 0)
    _write(staff, values(("9", "province", "24", 2025, 1.0, False)), 1, user="an")
    late = _write(staff, BASE_ROWS.iloc[:1].assign(value=40.0), 1)
    assert (late.version, late.base_version, late.merged, late.changed) == (3, 1, True, 1)
    assert len(versions.current("indicator_values", staff)) == 4


def test_a_write_based_on_an_old_version_is_refused_when_someone_changed_the_same_rows(staff):
    _write(staff, BASE_ROWS, 0)
    _write(staff, BASE_ROWS.iloc[:1].assign(value=40.0), 1, user="an", reason="số mới của sở")
    with pytest.raises(ConflictError) as refused:
        _write(staff, BASE_ROWS.iloc[:1].assign(value=41.0), 1)
    text = refused.value.render("en")
    assert "an wrote at" in text and "số mới của sở" in text and '["5a","province","24",2020]' in text
    assert "reload the current data (version 2)" in text
    assert versions.current("indicator_values", staff).set_index("unit_code").loc["24", "value"].tolist() == [
        40.0,
        61.8,
    ]


def test_point_and_polygon_geometry_round_trip_exactly(staff):
    stations = pd.DataFrame(
        {
            "id": ["BG01", "BG02"],
            "name": ["A", "B"],
            "type": "automatic",
            "operator": "Sở",
            "lon": [106.196, 106.083],
            "lat": [21.276, 21.253],
            "pollutants": "pm25",
            "start_date": pd.to_datetime(["2019-06-01", "2021-03-15"]),
            "district_2019": "213",
            "commune_2025": "07210",
            "illustrative": True,
        }
    )
    versions.write("aq_stations", stations, user="binh", reason="thử", base_version=0, url=staff)
    back = versions.current("aq_stations", staff)
    assert isinstance(back, gpd.GeoDataFrame) and back.crs == "EPSG:4326"
    assert [(p.x, p.y) for p in back.geometry] == [(106.196, 21.276), (106.083, 21.253)]
    assert back["start_date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-06-01", "2021-03-15"]
    square = shapely.Polygon([(106.0, 21.0), (106.1, 21.0), (106.1, 21.1), (106.0, 21.0)])
    units = gpd.GeoDataFrame(
        {
            "unit_set": ["districts_2019"],
            "code": ["213"],
            "name": ["X"],
            "name_full": ["TP X"],
            "unit_type": ["Thành phố"],
            "name_key": ["x"],
            "area_km2": [66.6],
            "merged_from": [None],
            "in_old_bacgiang_share": [None],
            "area_km2_official": [None],
        },
        geometry=[square],
        crs="EPSG:4326",
    )
    versions.write("units", units, user="an", reason="thử", base_version=0, url=staff)
    stored = versions.current("units", staff)
    assert shapely.to_wkb(stored.geometry.iloc[0]) == shapely.to_wkb(square)
    moved = units.copy()
    moved.geometry = [shapely.affinity.translate(square, 0.01)]
    versions.write("units", moved, user="an", reason="ranh giới mới", base_version=1, url=staff)
    assert history.changes("units", 2, staff).loc[0, "fields"] == ("geometry",)


def test_an_unknown_dataset_is_refused_with_the_list_of_datasets(staff):
    with pytest.raises(UnknownIdError) as refused:
        versions.current("kcn", staff)
    assert "kcn_ccn, aq_stations, aq_hourly" in refused.value.render("en")


def test_the_overview_gives_each_dataset_its_version_rows_last_change_and_illustrative_share(staff):
    _write(staff, BASE_ROWS, 0, reason="số liệu 2020")
    table = overview(staff).set_index("dataset")
    assert list(table.index)[:2] == ["kcn_ccn", "aq_stations"] and len(table) == 8
    row = table.loc["indicator_values"]
    assert (row["version"], row["rows"], row["illustrative_rows"], row["last_user"], row["last_reason"]) == (
        1,
        3,
        1,
        "binh",
        "số liệu 2020",
    )
    assert row["illustrative_share"] == pytest.approx(1 / 3)
    assert (table.loc["kcn_ccn", "version"], table.loc["kcn_ccn", "rows"]) == (0, 0)
    assert pd.isna(table.loc["kcn_ccn", "illustrative_share"])
