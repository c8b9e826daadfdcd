"""Status rules of the plan's targets: a straight path from the baseline to the 2030 target."""

import math

import pandas as pd
import pytest

from geo.progress.status import AT_RISK_SHARE, Target, expected_on_path, judge, status_table
from layers import loader

FOREST = Target("5a", "higher", 37.0)
WASTEWATER = Target("7", "higher", 100.0)
RENEWABLE = Target("2", "higher", 2.5, 3.0)
EMISSIONS = Target("x", "lower", 10.0, 12.0)
MILESTONE = Target("14", "milestone", 1.0)


def test_path_is_a_straight_line_from_baseline_to_2030():
    # 2020: 50 %, 2030: 100 % → 2025: 75 %
    assert expected_on_path(WASTEWATER, 2025, 2020, 50.0) == 75.0
    assert expected_on_path(WASTEWATER, 2030, 2020, 50.0) == 100.0
    assert expected_on_path(WASTEWATER, 2035, 2020, 50.0) == 100.0


@pytest.mark.parametrize(
    ("value", "status"),
    [(100.0, "achieved"), (75.0, "on_track"), (80.0, "on_track"), (70.0, "at_risk"),  # 70: 20/25 = 0.8 of the way
     (69.9, "off_track"), (45.0, "off_track"), (math.nan, "no_data")],
)  # fmt: skip
def test_wastewater_2025_status_against_the_path(value, status):
    assert judge(WASTEWATER, 2025, value, 2020, 50.0) == status


def test_the_at_risk_threshold_is_80_percent_of_the_required_progress():
    assert AT_RISK_SHARE == 0.8


def test_a_range_target_is_reached_at_its_near_end():
    assert judge(RENEWABLE, 2025, 2.5, 2020, 0.6) == "achieved"
    assert judge(RENEWABLE, 2025, 2.4, 2020, 0.6) == "on_track"  # path 2025: 1.55


def test_lower_is_better_targets_count_progress_downwards():
    # baseline 20 in 2020, target ≤ 12 (near end of 10–12) → path 2025: 16
    assert judge(EMISSIONS, 2025, 12.0, 2020, 20.0) == "achieved"
    assert judge(EMISSIONS, 2025, 16.0, 2020, 20.0) == "on_track"
    assert judge(EMISSIONS, 2025, 16.8, 2020, 20.0) == "at_risk"
    assert judge(EMISSIONS, 2025, 21.0, 2020, 20.0) == "off_track"


def test_forest_cover_above_target_is_achieved_even_without_baseline():
    assert judge(FOREST, 2020, 38.0, None, None) == "achieved"
    assert judge(FOREST, 2024, 30.0, None, None) == "no_data"


def test_at_the_baseline_year_holding_steady_is_on_track_and_falling_is_off_track():
    assert judge(WASTEWATER, 2020, 50.0, 2020, 50.0) == "on_track"
    assert judge(FOREST, 2022, 20.0, 2022, 21.0) == "off_track"


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [(2025, 0.0, "not_yet_due"), (2025, 1.0, "achieved"), (2030, 0.0, "off_track"), (2030, math.nan, "no_data"),
     (2026, math.nan, "not_yet_due")],
)  # fmt: skip
def test_milestones_are_done_or_not_yet_due_until_2030(year, value, status):
    assert judge(MILESTONE, year, value, None, None) == status


def test_status_table_takes_the_latest_value_and_its_trend():
    register = pd.DataFrame({"id": ["7"], "direction": ["higher"], "target_low": [100.0], "target_high": [None]})
    values = pd.DataFrame(
        {
            "target_id": ["7"] * 4,
            "unit_set": ["districts_2019"] * 4,
            "unit_code": ["222", "222", "222", "223"],
            "year": [2020, 2023, 2025, 2025],
            "value": [50.0, 60.0, 62.0, 100.0],
            "source": ["s"] * 4,
            "illustrative": [True] * 4,
        }
    )
    out = status_table(register, values).set_index("unit_code")
    assert out.loc["222", "year"] == 2025 and out.loc["222", "previous"] == 60.0 and out.loc["222", "trend"] == "up"
    assert out.loc["222", "expected"] == 75.0 and out.loc["222", "status"] == "off_track"  # 12/25 of the way
    assert out.loc["223", "status"] == "achieved"
    as_of_2023 = status_table(register, values, year=2023).set_index("unit_code")
    assert as_of_2023.loc["222", "value"] == 60.0 and as_of_2023.loc["222", "expected"] == 65.0
    assert as_of_2023.loc["222", "status"] == "off_track"  # 10 of the 15 points asked by 2023: 0.67 < 0.8


def test_shipped_register_has_the_15_targets_and_real_forest_baseline(build_dir):
    register = loader.load("targets")
    assert sorted(register["target_no"].unique()) == list(range(1, 16))
    forest = register.set_index("id").loc["5a"]
    assert (forest["target_low"], forest["baseline_value"], forest["baseline_year"]) == (37.0, 38.0, 2020)
    values = loader.load("indicator_values")
    real = values[~values["illustrative"]]
    assert set(zip(real["unit_code"], real["value"], strict=True)) == {
        ("24", 38.0),
        ("220", 71.8),
        ("215", 44.9),
        ("219", 43.3),
        ("223", 0.8),
    }
    assert values["illustrative"].sum() == len(values) - 5


def test_a_status_is_judged_on_the_unrounded_value_not_on_what_the_screen_shows():
    assert judge(FOREST, 2025, 36.96, 2020, 30.0) != "achieved"  # reads "37,0 %" but has not reached 37 %
    assert judge(FOREST, 2025, 37.0, 2020, 30.0) == "achieved"
    assert judge(WASTEWATER, 2025, 99.96, 2020, 50.0) == "on_track"


def test_the_forest_feed_keeps_the_unrounded_cover_so_36_96_percent_is_not_achieved():
    from geo.forest.cover import indicator_rows

    table = pd.DataFrame({"code": ["218"], "area_ha": [100.0], "valid_ha": [100.0], "forest_ha": [36.96],
                          "area_only_ha": [0.0], "forest_pct": [36.96], "nodata_pct": [0.0]})  # fmt: skip
    rows = indicator_rows(table, "districts_2019", 2025, "ảnh", illustrative=False)
    assert rows["value"].tolist() == [36.96]
    register = pd.DataFrame([{"id": "5a", "direction": "higher", "target_low": 37.0, "target_high": None}])
    baseline = rows.assign(year=2020, value=30.0)
    status = status_table(register, pd.concat([baseline, rows], ignore_index=True))
    assert status["value"].tolist() == [36.96] and status["status"].tolist() == ["on_track"]
