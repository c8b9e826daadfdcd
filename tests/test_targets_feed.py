"""Figures computed elsewhere feed the indicator table: hand-made tables, and the register counted by hand."""

import pandas as pd
import pytest

from geo.progress.feeds import apply_feeds, feed_rows
from tests import data_facts

SHIPPED = pd.DataFrame(
    {
        "target_id": ["5a", "5a", "7"],
        "unit_set": ["districts_2019"] * 3,
        "unit_code": ["220", "223", "222"],
        "year": [2020, 2020, 2020],
        "value": [71.8, 0.8, 40.0],
        "source": ["thống kê 2020", "thống kê 2020", "minh họa"],
        "illustrative": [False, False, True],
    }
)


def test_feed_rows_turn_a_per_unit_table_into_indicator_rows_and_drop_empty_values():
    table = pd.DataFrame({"code": ["222", "223", "213"], "value": [62.5, None, 100.0]})
    rows = feed_rows("7", "districts_2019", table, year=2025, source="sổ KCN/CCN", illustrative=True)
    assert rows[["unit_code", "value"]].values.tolist() == [["222", 62.5], ["213", 100.0]]
    assert rows["year"].tolist() == [2025, 2025] and rows["illustrative"].all()


def test_an_illustrative_feed_never_replaces_a_real_value_but_replaces_an_illustrative_one():
    feed = pd.DataFrame(
        {
            "target_id": ["5a", "7", "7"],
            "unit_set": ["districts_2019"] * 3,
            "unit_code": ["220", "222", "223"],
            "year": [2020, 2020, 2025],
            "value": [65.0, 55.0, 80.0],
            "source": ["ảnh minh họa"] * 3,
            "illustrative": [True, True, True],
        }
    )
    out = apply_feeds(SHIPPED, [feed]).set_index(["target_id", "unit_code", "year"])
    assert out.loc[("5a", "220", 2020), "value"] == 71.8  # the official 2020 figure stays
    assert out.loc[("7", "222", 2020), "value"] == 55.0  # illustrative replaced by the computed figure
    assert out.loc[("7", "223", 2025), "value"] == 80.0  # new rows are added
    assert len(out) == 4


def test_a_real_feed_value_replaces_an_illustrative_one():
    feed = SHIPPED.iloc[[2]].assign(value=45.0, illustrative=False, source="sổ đăng ký đã kiểm tra")
    out = apply_feeds(SHIPPED, [feed])
    assert out.loc[out["target_id"] == "7", ["value", "illustrative"]].values.tolist() == [[45.0, False]]


def test_wastewater_feed_gives_target_7_per_district_and_for_the_province_as_the_register_says(build_dir):
    from geo.progress.feeds import wastewater_feed
    from geo.wastewater import register as kcn_ccn
    from geo.wastewater import rules as ww

    # Expected, by hand from the CSV: per unit, operating sites whose centralised plant operates ÷ operating sites.
    operating = [s for s in data_facts.rows("kcn_ccn.csv") if s["status"] == "operating"]

    def share(sites: list[dict[str, str]]) -> float:
        return 100 * sum(s["wwtp_status"] == "operating" for s in sites) / len(sites)

    expected = {("province", "24"): share(operating)}
    for code in {s["district_2019"] for s in operating}:
        expected[("districts_2019", code)] = share([s for s in operating if s["district_2019"] == code])

    rows = wastewater_feed(ww.assess(kcn_ccn.load_register()), kcn_ccn.unit_names("districts_2019"))
    assert rows.set_index(["unit_set", "unit_code"])["value"].to_dict() == pytest.approx(expected)
    assert (rows["target_id"] == "7").all() and (rows["year"] == 2025).all()
