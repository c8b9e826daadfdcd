"""An import's differences from the stored version (pure and on both store back-ends), remembered mappings
offered, dataset templates, the preview of a file's features, and the page's tables in both languages."""

import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from geo.datasets.excel import template
from geo.errors import SchemaError
from geo.importers import read_upload
from geo.importers.shapes import declaration
from geo.store import history, proposal, versions
from geo.store.catalog import dataset
from geo.store.errors import ConflictError
from geo.store.rows import encode
from layers import import_view
from layers.store_view import reason_text, row_history_table
from tests.store_support import BASE_ROWS, values

HOURLY = dataset("aq_hourly")


def _hours(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"station_id": s, "time": pd.Timestamp(t), "pm25": v, "illustrative": True} for s, t, v in rows]
    )


STORED = encode(HOURLY, _hours(("BG01", "2024-03-25 01:00", 20.0), ("BG01", "2024-03-25 02:00", 30.0)))
FILE = encode(HOURLY, _hours(("BG01", "2024-03-25 02:00", 35.0), ("BG01", "2024-03-25 03:00", 40.0)))


def _summary(changes: pd.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(rec["key"]["time"], rec["change"], rec["fields"]) for rec in changes.to_dict("records")]


def test_update_lists_new_hours_as_added_and_an_hour_stored_with_another_value_as_changed_old_to_new():
    changes = proposal.compare(HOURLY, STORED, FILE, "update")
    assert _summary(changes) == [("2024-03-25 02:00:00", "changed", ("pm25",)), ("2024-03-25 03:00:00", "added", ())]
    changed = changes.iloc[0]
    assert (changed["old"]["pm25"], changed["new"]["pm25"]) == (30.0, 35.0)
    assert proposal.counts(changes) == {"added": 1, "changed": 1, "removed": 0}


def test_replace_also_lists_the_stored_rows_the_file_lacks_as_removed():
    changes = proposal.compare(HOURLY, STORED, FILE, "replace")
    assert proposal.counts(changes) == {"added": 1, "changed": 1, "removed": 1}
    assert changes[changes["change"] == "removed"].iloc[0]["old"]["pm25"] == 20.0


def test_append_shows_a_changed_hour_as_a_change_and_refuses_it_naming_the_key():
    changes = proposal.compare(HOURLY, STORED, FILE, "append")
    refused = proposal.append_refusals(changes, "gio.csv")
    assert [p.code for p in refused] == ["append_changes_stored"]
    assert "time=2024-03-25 02:00:00" in refused[0].found.en and "pm25" in refused[0].found.en


def test_an_unchanged_row_is_no_difference():
    assert proposal.compare(HOURLY, STORED, STORED, "replace").empty


def test_a_unit_layer_is_compared_only_with_the_unit_sets_it_holds():
    units = dataset("units")

    def layer(unit_set: str, codes: list[str]) -> pd.DataFrame:
        return gpd.GeoDataFrame(
            {"unit_set": unit_set, "code": codes, "name": codes, "name_full": codes, "name_key": codes,
             "area_km2": 1.0},
            geometry=[shapely.box(106.1 + i / 100, 21.2, 106.105 + i / 100, 21.205) for i in range(len(codes))],
            crs="EPSG:4326",
        )  # fmt: skip

    stored = encode(units, pd.concat([layer("districts_2019", ["215", "216"]), layer("zones", ["Z1", "Z2"])]))
    changes = proposal.compare(units, stored, encode(units, layer("zones", ["Z1", "Z3"])), "replace")
    assert [(r["key"]["code"], r["change"]) for r in changes.to_dict("records")] == [("Z2", "removed"),
                                                                                     ("Z3", "added")]  # fmt: skip


def test_propose_and_commit_write_against_the_version_compared_and_a_write_in_between_is_refused(staff):
    versions.write("indicator_values", BASE_ROWS, user="an", reason="đầu", base_version=0, url=staff)
    mine = values(("5a", "province", "24", 2020, 40.0, False))
    proposed = proposal.propose("indicator_values", mine, "update", file="a.csv", url=staff)
    assert proposed.base_version == 1 and proposed.counts == {"added": 0, "changed": 1, "removed": 0}
    theirs = values(("5a", "province", "24", 2020, 41.0, False))
    versions.write("indicator_values", theirs, user="an", reason="người khác", base_version=1, url=staff)
    with pytest.raises(ConflictError) as refused:  # who changed what, and the fix
        proposal.commit(proposed, user="binh", reason="của tôi", source_name="a.csv", url=staff)
    assert "người khác" in refused.value.render("vi")
    again = proposal.propose("indicator_values", mine, "update", file="a.csv", url=staff)
    written = proposal.commit(again, user="binh", reason="của tôi", source_name="a.csv", url=staff)
    assert (written.version, written.changed) == (3, 1)
    assert history.history("indicator_values", staff)["source_name"].iloc[0] == "a.csv"


def test_an_append_proposal_writes_only_new_rows_and_one_that_would_change_a_row_is_refused(staff):
    versions.write("indicator_values", BASE_ROWS, user="an", reason="đầu", base_version=0, url=staff)
    new = values(("5a", "province", "24", 2021, 39.0, False))
    appended = proposal.propose("indicator_values", pd.concat([BASE_ROWS, new]), "append", url=staff)
    assert appended.counts == {"added": 1, "changed": 0, "removed": 0} and len(appended.rows) == 1
    assert proposal.commit(appended, user="binh", reason="thêm 2021", url=staff).added == 1
    changed = values(("5a", "province", "24", 2020, 99.0, False))
    refused = proposal.propose("indicator_values", changed, "append", file="b.csv", url=staff)
    assert refused.counts["changed"] == 1
    with pytest.raises(SchemaError) as error:
        proposal.commit(refused, user="binh", reason="x", url=staff)
    assert [p.code for p in error.value.problems] == ["append_changes_stored"]
    assert versions.head_version("indicator_values", staff) == 2


def test_the_reader_applies_a_remembered_mapping_only_to_headers_of_the_file():
    text = "Ma,Ten goi khac,Loai,Kinh do,Vi do\nK1,KCN A,KCN,106.19,21.27\n"
    remembered = {"Ten goi khac": "name", "Cột của tệp khác": "status"}
    result = read_upload(text.encode(), "kcn_ccn", name="k.csv", remembered=remembered)
    assert result.ok, result.report.codes()
    assert result.report.details["mapping_offered"] == {"Ten goi khac": "name"}
    assert result.frame["name"].tolist() == ["KCN A"]


def test_a_file_with_problems_keeps_its_preview_with_rows_to_mark():
    text = "Ma,Ten,Loai,Kinh do,Vi do\nK1,KCN A,KCN,106.19,21.27\nK2,KCN B,KCN,108.2,16.05\n"
    result = read_upload(text.encode(), "kcn_ccn", name="k.csv")
    assert result.frame is None
    assert result.preview["row"].tolist() == [2, 3] and result.preview["label"].tolist() == ["KCN A", "KCN B"]
    assert import_view.problem_rows(result.report) == {3}
    html = import_view.preview_map(result.preview, {3}, "en", tiles="none").get_root().render()
    assert import_view.PROBLEM_COLOR in html and import_view.OK_COLOR in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_dataset_template_has_its_titles_drop_downs_and_a_guide_sheet(lang):
    book = openpyxl.load_workbook(io.BytesIO(template(declaration("kcn_ccn"), lang)))
    data, guide = book.worksheets
    assert [c.value for c in data[1]][:3] == (["Mã", "Tên", "Loại"] if lang == "vi" else ["Id", "Name", "Kind"])
    lists = [v for v in data.data_validations.dataValidation if v.type == "list"]
    assert any(v.formula1 == '"KCN,CCN"' for v in lists)
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert ("Bắt buộc" if lang == "vi" else "Required") in text and "EPSG:9214" in text


def test_the_report_table_and_summary_are_in_the_users_language_with_numbers_in_its_convention():
    text = "Ma,Ten,Loai,Kinh do,Vi do\n" + "".join(f"K{i},A,KCN,106.19,21.27\n" for i in range(1200))
    text += "K9999,B,XYZ,106.19,21.27\n"
    report = read_upload(text.encode(), "kcn_ccn", name="k.csv").report
    vi, en = import_view.problem_table(report, "vi"), import_view.problem_table(report, "en")
    assert list(vi.columns) == ["Dòng", "Cột", "Cần", "Nhận được", "Cách sửa", "Mã lỗi"]
    assert list(en.columns) == ["Row", "Field", "Expected", "Found", "Fix", "Code"]
    assert (vi["Dòng"].iloc[0], vi["Cột"].iloc[0]) == ("1202", "kind")
    assert "1.201 dòng" in import_view.summary(report, "vi") and "1,201 rows" in import_view.summary(report, "en")


def test_the_row_history_is_titled_and_the_seed_reason_shown_in_the_language():
    from geo.store.seed import SEED_REASON

    rows = pd.DataFrame(
        [{"from_version": 1, "to_version": None, "user_name": "system", "created_at": pd.Timestamp("2026-01-01"),
          "reason": SEED_REASON, "values": {"pm25": 20.5}}]
    )  # fmt: skip
    shown = row_history_table(rows, "en")
    assert list(shown.columns) == ["From version", "Until version", "Changed by", "When (UTC)", "Reason", "Values"]
    assert shown.iloc[0]["Until version"] == "—" and shown.iloc[0]["Values"] == "pm25=20.5"  # en: 20.5
    assert shown.iloc[0]["Reason"] == "First version: the files shipped with the app"
    assert reason_text(SEED_REASON, "vi") == "Phiên bản đầu: dữ liệu kèm theo ứng dụng"
    assert reason_text("sửa số liệu", "en") == "sửa số liệu"


def test_the_version_note_is_in_the_language(staff):
    versions.write("indicator_values", BASE_ROWS, user="an", reason="đầu", base_version=0, url=staff)
    history.freeze("indicator_values", 1, "giữa kỳ 2025", user="an", url=staff)
    assert history.version_note("indicator_values", 1, staff, lang="en") == (
        "indicator_values version 1 (frozen: giữa kỳ 2025)"
    )
