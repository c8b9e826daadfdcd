"""Dataset declarations: the registry, every shipped file against its declaration, and the validator's messages."""

import pandas as pd
import pytest

from geo.datasets.load import load, source_path
from geo.datasets.registry import DATASETS, dataset
from geo.datasets.spec import Column, Dataset, header_key
from geo.datasets.validate import check, validate
from geo.errors import Problem, SchemaError, Text, UnknownIdError

DEMO = Dataset(
    name="demo",
    title=Text("Thử", "Demo"),
    geometry="table",
    key=("id",),
    columns=(
        Column("id", "str", Text("Mã", "Id"), unique=True),
        Column("status", "str", Text("Trạng thái", "Status"), allowed=("operating", "planned")),
        Column("capacity", "float", Text("Công suất (m³/ngày)", "Capacity (m³/day)"), unit="m³/ngày", min=0,
               nullable=True, aliases=("Công suất",)),
        Column("year", "int", Text("Năm", "Year"), min=1990, max=2030),
        Column("active", "bool", Text("Đang hoạt động", "Active"), required=False, nullable=True),
    ),
)  # fmt: skip
FILES = [(name, source) for name, d in DATASETS.items() for source in d.sources]


def test_the_registry_holds_every_dataset_the_app_keeps():
    assert set(DATASETS) >= {"kcn_ccn", "aq_stations", "aq_hourly", "emission_sources", "indicator_values",
                             "forest_official", "units", "targets"}  # fmt: skip


def test_an_unknown_dataset_name_lists_the_valid_ones():
    with pytest.raises(UnknownIdError) as err:
        dataset("kcn")
    assert "kcn_ccn, aq_stations" in err.value.render("en") and "kcn" not in DATASETS


@pytest.mark.parametrize(("name", "source"), FILES)
def test_every_shipped_file_validates_against_its_declaration_and_its_key_is_unique(build_dir, name, source):
    declared = DATASETS[name]
    frame = load(declared, source=source)
    assert len(frame) > 0
    assert {c.name for c in declared.columns if c.required} <= set(frame.columns)
    assert not frame.duplicated(list(declared.key)).any()
    for col in declared.columns:
        if col.unique and col.name in frame.columns:
            assert frame[col.name].is_unique, col.name
    if declared.geometry in ("point", "polygon"):
        assert frame.crs == "EPSG:4326" and frame.geometry.notna().all()


def test_a_declaration_refuses_a_key_that_is_not_a_column():
    with pytest.raises(ValueError, match="key"):
        Dataset(name="x", title=Text("x", "x"), geometry="table", key=("nope",), columns=DEMO.columns)


def test_a_declaration_refuses_two_columns_answering_to_one_header():
    twins = (Column("a", "str", Text("Tên", "Name")), Column("b", "str", Text("Ten", "B")))
    with pytest.raises(ValueError, match="'ten' names a and b"):
        Dataset(name="x", title=Text("x", "x"), geometry="table", key=("a",), columns=twins)


def test_a_computed_dataset_has_no_file():
    with pytest.raises(ValueError, match="computed"):
        _ = DATASETS["forest_cover"].source


@pytest.mark.parametrize(
    ("header", "column"),
    [("Mã", "id"), ("ma", "id"), ("Tên", "name"), ("Loại", "kind"), ("Kinh độ", "lon"), ("Vi do", "lat"),
     ("Diện tích (ha)", "area_ha"), ("DIEN TICH", "area_ha"), ("Area (ha)", "area_ha"), ("Longitude", "lon")],
)  # fmt: skip
def test_headers_people_write_name_the_declared_columns(header, column):
    assert DATASETS["kcn_ccn"].header_column(header) == column


def test_header_keys_ignore_diacritics_case_and_punctuation():
    assert header_key("Diện tích (ha)") == "dien tich ha" and header_key("PM2.5") == header_key("pm2_5")


def test_validation_reports_every_problem_with_row_and_field_at_once():
    table = pd.DataFrame(
        {
            "id": ["K1", "K2", "K2", "K4"],
            "status": ["operating", "dang xay", "planned", "planned"],
            "capacity": ["1000", "abc", "", "-5"],
            "year": [2003, 2015, 1890, None],
        }
    )
    with pytest.raises(SchemaError) as err:
        validate(table, DEMO, file="kcn.csv")
    got = [(p.row, p.field) for p in err.value.problems]
    assert got == [(3, "capacity"), (3, "status"), (4, "id"), (4, "year"), (5, "capacity"), (5, "year")]
    text = err.value.render("vi")
    assert "Tệp kcn.csv, dòng 3, cột status: cần một trong: operating, planned; nhận được 'dang xay'" in text
    assert "dòng 4, cột id: cần giá trị không trùng với dòng khác; nhận được 'K2', trùng dòng 3" in text
    assert "row 5, field capacity: expected a value in [0; ∞]; found -5.0" in err.value.render("en")


def test_two_thousand_with_a_comma_is_reported_as_ambiguous_not_read_as_two():
    table = pd.DataFrame({"id": ["K1"], "status": ["planned"], "capacity": ["2,000"], "year": ["2020"]})
    with pytest.raises(SchemaError) as err:
        validate(table, DEMO, file="k.csv")
    (problem,) = err.value.problems
    assert (problem.row, problem.field, problem.found) == (2, "capacity", "2,000")
    assert "reads 2000 (English) or 2 (Vietnamese)" in problem.fix.en


def test_a_missing_column_is_reported_on_the_header_row():
    with pytest.raises(SchemaError) as err:
        validate(pd.DataFrame({"id": ["a"], "status": ["planned"], "capacity": [1.0]}), DEMO, file="k.csv")
    assert err.value.problems == (
        Problem(file="k.csv", row=1, field="year", expected=Text("có cột này", "this column"),
                found=Text("thiếu cột", "missing column"),
                fix=Text("thêm cột 'year' (Năm)", "add the column 'year' (Year)")),
    )  # fmt: skip


def test_a_valid_table_comes_back_typed_from_the_headers_people_write():
    table = pd.DataFrame({"Mã": [" K1 "], "Trạng thái": ["planned"], "Cong suat": ["1.234,5"], "Năm": ["2020"],
                          "Đang hoạt động": ["có"]})  # fmt: skip
    out = validate(table, DEMO, file="k.csv")
    assert out.to_dict("records") == [
        {"id": "K1", "status": "planned", "capacity": 1234.5, "year": 2020, "active": True}
    ]


def test_two_headers_for_one_column_are_reported():
    table = pd.DataFrame({"id": ["K1"], "Mã": ["K2"], "status": ["planned"], "capacity": [1], "year": [2020]})
    _, problems = check(table, DEMO, file="k.csv")
    assert [(p.row, p.field, p.found) for p in problems] == [(1, "id", "id, Mã")]


def test_built_layers_live_in_the_build_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path))
    assert source_path("build:districts_2019") == tmp_path / "districts_2019.parquet"


def test_a_row_repeating_another_rows_key_is_reported_with_both_rows():
    table = pd.DataFrame({"target_id": ["7", "7", "7"], "unit_set": ["province"] * 3, "unit_code": ["24"] * 3,
                          "year": ["2024", "2025", "2024"], "value": ["1", "2", "3"], "source": ["BC"] * 3,
                          "illustrative": ["không"] * 3})  # fmt: skip
    _, problems = check(table, DATASETS["indicator_values"], file="v.csv")
    assert [(p.row, p.field) for p in problems] == [(4, "target_id, unit_set, unit_code, year")]
    assert problems[0].found == Text("7 / province / 24 / 2024, trùng dòng 2", "7 / province / 24 / 2024, as row 2")
