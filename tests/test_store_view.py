"""The data page's tables without Streamlit: differences old → new, shares, export names; the department's own rows."""

import pandas as pd

from geo.progress.template import own_rows
from layers.store_view import diff_lines, export_name, share_text


def _changes() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"key": {"id": "A"}, "change": "changed", "fields": ("value",),
             "old": {"id": "A", "value": 1.5, "name": "An"}, "new": {"id": "A", "value": 2.0, "name": "An"}},
            {"key": {"id": "B"}, "change": "added", "fields": (), "old": None, "new": {"id": "B", "value": None}},
        ]
    )  # fmt: skip


def test_a_changed_row_gives_one_line_per_changed_field_and_an_added_row_one_per_column_with_a_value():
    lines = diff_lines(_changes(), "vi")
    assert lines.to_dict("records") == [
        {"key": "id=A", "change": "sửa", "field": "value", "old": "1,5", "new": "2"},
        {"key": "id=B", "change": "thêm", "field": "id", "old": "", "new": "B"},
    ]
    english = diff_lines(_changes(), "en")
    assert english["change"].tolist() == ["changed", "added"] and english["old"].iloc[0] == "1.5"


def test_share_and_export_names_say_the_share_version_and_freeze():
    assert share_text(0.254) == "25 %" and share_text(None) == "—"
    assert export_name("indicator_values", 3, ["Giữa kỳ 2025"], "csv") == "indicator_values_v3_giữa-kỳ-2025.csv"
    assert export_name("kcn_ccn", 1, [], "xlsx") == "kcn_ccn_v1.xlsx"


def test_own_rows_are_those_not_exactly_as_shipped():
    cols = ["target_id", "unit_set", "unit_code", "year", "value", "source", "illustrative"]
    seed = pd.DataFrame([["3", "province", "24", 2025, 20.0, "minh họa", True],
                         ["4", "province", "24", 2025, None, "x", True]], columns=cols)  # fmt: skip
    current = pd.DataFrame([["3", "province", "24", 2025, 31.5, "Sở KH&ĐT", False],
                            ["4", "province", "24", 2025, None, "x", True],
                            ["5", "province", "24", 2025, 7.0, "Sở", False]], columns=cols)  # fmt: skip
    own = own_rows(current, seed)
    assert own["target_id"].tolist() == ["3", "5"] and own["value"].tolist() == [31.5, 7.0]
