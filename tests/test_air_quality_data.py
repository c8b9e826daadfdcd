"""The shipped illustrative air-quality data: it validates, it is what the seeded generator makes, it looks like
northern Vietnam's air, and bad input to its layers is reported cell by cell."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.air.input import INPUT_COLUMNS
from geo.air.load import load_hourly, load_metadata, load_sources, load_stations
from geo.air.qcvn05 import last_received
from geo.errors import SchemaError
from layers import loader
from layers.air_quality import AIR_QUALITY_LAYERS, AQ_HOURLY, AQ_STATIONS, EMISSION_SOURCES
from layers.registry import REGISTRY
from scripts import make_air_quality
from tests import data_facts

MONITORING = Path(__file__).resolve().parent.parent / "data" / "monitoring"
KCN = {"Đình Trám", "Quang Châu", "Vân Trung", "Song Khê – Nội Hoàng", "Hòa Phú", "Việt Hàn"}  # facts file
CCN = {"Tân Mỹ", "Dĩnh Trì", "Xương Giang II", "Làng nghề Đa Mai"}  # facts file, Bắc Giang city rows


@pytest.fixture(scope="module")
def stations() -> gpd.GeoDataFrame:
    return load_stations()


@pytest.fixture(scope="module")
def hourly(stations) -> pd.DataFrame:
    return load_hourly(stations=tuple(stations["id"]))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_station_and_source_layers_are_registered_and_flagged_illustrative():
    assert {s.id for s in AIR_QUALITY_LAYERS} <= set(REGISTRY)
    assert all(s.illustrative for s in (AQ_STATIONS, EMISSION_SOURCES, AQ_HOURLY))
    assert [c.name for c in AQ_HOURLY.columns][: len(INPUT_COLUMNS)] == list(INPUT_COLUMNS)  # the CLI's columns


def test_shipped_stations_are_8_of_every_type_with_codes_from_the_built_boundaries(build_dir, stations):
    assert stations["id"].tolist() == [f"BG0{i}" for i in range(1, 9)]
    assert stations["type"].value_counts().to_dict() == {"automatic": 4, "low_cost": 3, "periodic": 1}
    assert stations["illustrative"].all()
    for column, layer in (("district_2019", "districts_2019"), ("commune_2025", "communes_2025")):
        units = loader.load(layer)[["code", "geometry"]]
        joined = gpd.sjoin(stations[["id", "geometry"]], units, predicate="within")
        assert joined.set_index("id")["code"].to_dict() == stations.set_index("id")[column].to_dict()
    assert stations.set_index("id")["district_2019"].to_dict() == {
        "BG01": "213", "BG02": "222", "BG03": "222", "BG04": "221", "BG05": "223", "BG06": "218", "BG07": "219",
        "BG08": "220"}  # fmt: skip
    assert stations["commune_2025"].str.fullmatch(r"07\d{3}").all()  # leading zero kept


def test_shipped_hourly_table_validates_and_covers_one_local_year(hourly):
    meta = load_metadata()
    assert meta["illustrative"] is True and meta["rows"] == len(hourly) == 60_995
    assert hourly["illustrative"].all()
    assert (hourly["time"].min(), hourly["time"].max()) == (pd.Timestamp("2025-11-01 00:00"),
                                                            pd.Timestamp("2026-10-31 23:00"))  # fmt: skip
    assert (MONITORING / "aq_hourly.csv.gz").stat().st_size < 1_000_000


def test_shipped_hourly_table_has_gaps_outliers_pm_only_sensors_and_one_stale_station(hourly):
    counts = hourly.groupby("station_id").size()
    assert (counts[["BG01", "BG02", "BG04", "BG08"]] < 8760).all()  # outages: whole rows missing
    assert counts["BG06"] == 7 * 72  # periodic: seven 3-day campaigns
    assert hourly[["pm25", "o3"]].isna().any().all()  # empty cells
    low_cost = hourly[hourly["station_id"].isin(["BG03", "BG05", "BG07"])]
    assert low_cost[["o3", "no2", "so2", "co"]].isna().all().all() and low_cost["pm25"].notna().mean() > 0.95
    assert hourly["pm25"].max() > 400  # spikes (the metadata lists them)
    end = last_received(hourly, pd.Timestamp("2026-10-31 23:00")).set_index("station_id")
    assert end["stale"].tolist() == [False, False, False, False, True, True, False, False]
    assert end.loc["BG05", "hours_since"] == 15.0


def test_shipped_series_have_northern_vietnams_seasonal_and_daily_cycles(hourly):
    month = hourly["time"].dt.month
    winter = hourly.loc[month.isin([12, 1, 2]), "pm25"].mean()
    summer = hourly.loc[month.isin([6, 7, 8]), "pm25"].mean()
    assert winter > 1.8 * summer  # dry-season PM (about 48 vs 23 µg/m³)
    o3 = hourly.groupby(hourly["time"].dt.hour)["o3"].mean()
    assert o3.idxmax() in (13, 14, 15) and o3[14] > 3 * o3[4]  # afternoon ozone


def test_shipped_sources_sit_in_real_kcn_and_ccn_and_say_who_must_inventory_ghg(build_dir):
    sources = load_sources()
    shipped = data_facts.emission_sources()
    assert len(sources) == len(shipped) and sources["illustrative"].all()
    parks = sources["kcn_ccn"].dropna()
    assert {p.removeprefix("KCN ") for p in parks if p.startswith("KCN ")} <= KCN
    assert {p.removeprefix("CCN ") for p in parks if p.startswith("CCN ")} <= CCN
    assert sources["stack_monitoring"].value_counts().to_dict() == Counter(r["stack_monitoring"] for r in shipped)
    assert sources.loc[sources["sector"] == "thermal_power", "ghg_inventory_required"].all()
    assert sources["so2_tpy"].max() == 2800


def test_the_generator_rebuilds_the_shipped_files_byte_for_byte(build_dir, tmp_path):
    make_air_quality.generate(tmp_path)
    for name in make_air_quality.FILES:
        assert sha256(tmp_path / name) == sha256(MONITORING / name), name


def test_another_seed_gives_other_measurements_but_the_same_stations(build_dir, tmp_path):
    make_air_quality.generate(tmp_path, seed=7)
    assert sha256(tmp_path / "aq_hourly.csv.gz") != sha256(MONITORING / "aq_hourly.csv.gz")
    assert sha256(tmp_path / "aq_stations.csv") == sha256(MONITORING / "aq_stations.csv")
    assert json.loads((tmp_path / "aq_metadata.json").read_text())["seed"] == 7


STATIONS_CSV = """id,name,type,operator,lon,lat,pollutants,start_date,district_2019,commune_2025,illustrative
BG01,Trạm A,automatic,Sở,106.196,21.276,pm25;pm10,2019-06-01,213,07210,true
BG02,Trạm B,tu dong,Sở,106.083,21.253,pm25;pm1,2021-13-15,222,07798,true
BG02,Trạm C,low_cost,Sở,116.1,21.215,pm25,2024-05-10,222,07795,chưa rõ
BG04,Trạm D,periodic,Sở,,21.248,pm25;;co,2022-09-01,221,07696,Có
"""


def test_bad_station_rows_are_all_reported_with_row_and_field(tmp_path):
    path = tmp_path / "aq_stations.csv"
    path.write_text(STATIONS_CSV, encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        load_stations(path)
    got = {(p.row, p.field) for p in err.value.problems}
    assert got == {(3, "pollutants"), (3, "start_date"), (3, "type"), (4, "id"), (4, "illustrative"),
                   (4, "lon"), (5, "lon"), (5, "pollutants")}  # fmt: skip
    text = err.value.render("vi")
    assert "Tệp aq_stations.csv, dòng 3, cột type: cần một trong: automatic, periodic, low_cost" in text
    assert "dòng 4, cột lon: cần giá trị trong khoảng [105,5; 107,5]; nhận được 116.1" in text


def test_a_station_file_without_coordinates_says_which_columns_to_add(tmp_path):
    path = tmp_path / "aq_stations.csv"
    path.write_text(STATIONS_CSV.replace(",lon,lat", ",x1,y1"), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        load_stations(path)
    assert [(p.row, p.field) for p in err.value.problems[:2]] == [(1, "lat"), (1, "lon")]


def test_bad_source_rows_are_all_reported_with_row_and_field(tmp_path):
    shipped = (MONITORING / "emission_sources.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first, second = shipped[0], shipped[1].split(","), shipped[2].split(",")
    columns = header.split(",")
    first[columns.index("stack_monitoring")] = "yes"
    first[columns.index("so2_tpy")] = "-5"
    second[columns.index("nox_tpy")] = "nhiều"
    second[columns.index("pollutants")] = "dust;pm25"
    path = tmp_path / "emission_sources.csv"
    path.write_text("\n".join([header, ",".join(first), ",".join(second)]) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        load_sources(path)
    assert [(p.row, p.field) for p in err.value.problems] == [(2, "so2_tpy"), (2, "stack_monitoring"),
                                                              (3, "nox_tpy"), (3, "pollutants")]  # fmt: skip


def test_hourly_rows_of_unknown_stations_or_with_bad_values_are_reported(tmp_path):
    path = tmp_path / "aq_hourly.csv"
    path.write_text(
        "station_id,time,pm25,pm10,o3,no2,so2,co,illustrative\n"
        "BG01,2026-01-01 00:00,30,45,,,,,true\n"
        "BG99,2026-01-01 00:00,30,45,,,,,true\n"
        "BG01,2026-01-01 01:30,-3,45,,,,,chưa rõ\n",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError) as err:
        load_hourly(path, stations=("BG01", "BG02"))
    assert [(p.row, p.field) for p in err.value.problems] == [(3, "station_id"), (4, "illustrative"), (4, "pm25"),
                                                              (4, "time")]  # fmt: skip


def test_the_stores_hourly_rows_read_back_exactly_as_the_shipped_file_loads(seeded_store, stations, hourly):
    from geo.air.load import stored_hourly
    from geo.store import versions

    url = f"sqlite:///{seeded_store}"
    rows = versions.current("aq_hourly", url=url)
    stored = stored_hourly(rows, tuple(versions.current("aq_stations", url=url)["id"]))
    assert len(stored) == 60_995 and "tsp" in rows.columns and "tsp" not in stored.columns  # no row measures TSP
    pd.testing.assert_frame_equal(stored, hourly)


def test_stored_rows_of_unknown_stations_are_one_problem_per_station_with_its_row_count():
    from geo.air.load import stored_hourly

    rows = pd.DataFrame(
        {
            "station_id": ["BG01", "XX", "XX", "YY"],
            "time": pd.to_datetime(["2026-01-01 00:00"] * 4),
            **{p: [1.0, 2.0, 3.0, 4.0] for p in ("pm25", "pm10", "o3", "no2", "so2", "co")},
            "tsp": [None, 80.0, None, None],
            "illustrative": [True, False, False, False],
        }
    )
    with pytest.raises(SchemaError) as err:
        stored_hourly(rows, ("BG01",))
    assert [p.found.en for p in err.value.problems] == ["XX: 2 rows", "YY: 1 rows"]  # type: ignore[union-attr]
    clean = stored_hourly(rows, ("BG01", "XX", "YY"))
    assert clean["tsp"].tolist()[1] == 80.0 and clean["time"].dtype == "datetime64[ns]"
    assert clean["illustrative"].tolist() == [True, False, False, False]
