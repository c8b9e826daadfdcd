"""The department's Excel template: made, filled in, read back and validated row by row."""

import io

import openpyxl
import pandas as pd
import pytest

from geo.errors import SchemaError, Text
from geo.io.files import read_table_bytes
from geo.progress.template import SHEET, make_template, merge_values, parse_template, save_values

REGISTER = pd.DataFrame(
    {
        "id": ["5a", "7", "14"],
        "text_vi": ["Tỷ lệ độ che phủ rừng", "Tỷ lệ KCN, CCN có hệ thống XLNT", "Kế hoạch QLCL không khí"],
        "unit": ["%", "%", "có/không"],
        "target_low": [37.0, 100.0, 1.0],
        "min_value": [0.0, 0.0, 0.0],
        "max_value": [100.0, 100.0, 1.0],
        "level": ["districts_2019", "districts_2019", "province"],
    }
)
UNITS = {"districts_2019": pd.DataFrame({"code": ["219", "223"], "name_full": ["Huyện Lục Ngạn", "Huyện Hiệp Hòa"]})}


def _sheet(data: bytes) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), sheet_name=SHEET, dtype={"Mã đơn vị": str, "Mã chỉ tiêu": str})


def test_template_has_one_row_per_indicator_and_unit_with_dropdowns():
    data = make_template(REGISTER, UNITS, 2025)
    table = _sheet(data)
    # 5a and 7: province + 2 districts each; 14: province only
    assert len(table) == 7
    assert list(table["Mã đơn vị"]) == ["24", "219", "223", "24", "219", "223", "24"]
    assert (table["Năm"] == 2025).all() and table["Giá trị"].isna().all()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [SHEET, "Danh mục chỉ tiêu", "Hướng dẫn"]
    rules = {str(v.sqref): v for v in wb[SHEET].data_validations.dataValidation}
    assert rules["A2:A508"].formula1 == "='Danh mục chỉ tiêu'!$A$2:$A$4"
    assert rules["C2:C508"].formula1 == '"province,districts_2019,communes_2025"'  # the declared unit sets
    assert (rules["F2:F508"].type, rules["F2:F508"].formula1, rules["F2:F508"].formula2) == ("whole", "2020", "2030")


def test_filled_template_round_trips_to_indicator_values():
    table = _sheet(make_template(REGISTER, UNITS, 2025)).astype({"Giá trị": object, "Nguồn": object})
    table.loc[1, ["Giá trị", "Nguồn"]] = ["44,1", "Báo cáo hiện trạng rừng 2025"]
    table.loc[6, ["Giá trị", "Nguồn"]] = [1, "QĐ phê duyệt kế hoạch"]
    out = parse_template(table, REGISTER, UNITS, file="mau.xlsx")
    assert out.to_dict("records") == [
        {"target_id": "5a", "unit_set": "districts_2019", "unit_code": "219", "year": 2025, "value": 44.1,
         "source": "Báo cáo hiện trạng rừng 2025", "illustrative": False},
        {"target_id": "14", "unit_set": "province", "unit_code": "24", "year": 2025, "value": 1.0,
         "source": "QĐ phê duyệt kế hoạch", "illustrative": False},
    ]  # fmt: skip


def test_units_are_matched_by_name_without_diacritics_when_no_code_is_given():
    table = pd.DataFrame({"Mã chỉ tiêu": ["7"], "Bộ đơn vị": ["districts_2019"], "Đơn vị": ["hiep hoa"],
                          "Năm": [2024], "Giá trị": [80], "Nguồn": ["BC Sở TN&MT"]})  # fmt: skip
    assert parse_template(table, REGISTER, UNITS, file="x.xlsx")["unit_code"].tolist() == ["223"]


def test_every_problem_is_listed_with_its_row():
    table = pd.DataFrame(
        {
            "Mã chỉ tiêu": ["5a", "99", "7", "5a", "7"],
            "Bộ đơn vị": ["districts_2019", "province", "districts_2019", "huyen", "districts_2019"],
            "Đơn vị": ["Lục Ngạn", "Bắc Giang", "Sơn Đông", "Lục Ngạn", "Hiệp Hòa"],
            "Năm": [2019, 2024, 2024, 2024, 2024],
            "Giá trị": ["120", "5", "abc", "40", "90"],
            "Nguồn": ["BC", "BC", "BC", "BC", ""],
        }
    )
    with pytest.raises(SchemaError) as err:
        parse_template(table, REGISTER, UNITS, file="mau_da_dien.xlsx")
    got = [(p.row, p.field) for p in err.value.problems]
    assert got == [(2, "Năm"), (2, "Giá trị"), (3, "Mã chỉ tiêu"), (4, "Đơn vị"), (4, "Giá trị"), (5, "Bộ đơn vị"),
                   (6, "Nguồn")]  # fmt: skip
    assert "mau_da_dien.xlsx, dòng 2, cột Năm: cần năm từ 2020 đến 2030" in err.value.render("vi")


def test_a_template_missing_columns_is_refused():
    with pytest.raises(SchemaError, match="Giá trị"):
        parse_template(pd.DataFrame({"Mã chỉ tiêu": ["7"]}), REGISTER, UNITS, file="x.xlsx")


def test_new_values_replace_old_ones_for_the_same_key_and_keep_the_rest():
    old = pd.DataFrame(
        {
            "target_id": ["7", "7"],
            "unit_set": ["province"] * 2,
            "unit_code": ["24"] * 2,
            "year": [2024, 2025],
            "value": [60.0, 70.0],
            "source": ["a", "a"],
            "illustrative": [True] * 2,
        }
    )
    new = old.iloc[[1]].assign(value=75.0, source="b", illustrative=False)
    merged = merge_values(old, new)
    assert merged["value"].tolist() == [60.0, 75.0] and merged["source"].tolist() == ["a", "b"]


def _row(**cells: object) -> pd.DataFrame:
    base = {"Mã chỉ tiêu": "7", "Bộ đơn vị": "districts_2019", "Mã đơn vị": None, "Đơn vị": None, "Năm": 2024,
            "Giá trị": 80, "Nguồn": "BC Sở NN&MT"}  # fmt: skip
    return pd.DataFrame([{**base, **cells}], dtype=object)


def _problems(table: pd.DataFrame) -> list[tuple[int | None, str | None, object]]:
    with pytest.raises(SchemaError) as err:
        parse_template(table, REGISTER, UNITS, file="mau.xlsx")
    return [(p.row, p.field, p.found) for p in err.value.problems]


def test_a_unit_given_by_name_only_with_an_empty_code_cell_is_accepted():
    table = _row(**{"Mã đơn vị": float("nan"), "Đơn vị": "Huyện Hiệp Hòa"})
    assert parse_template(table, REGISTER, UNITS, file="mau.xlsx")["unit_code"].tolist() == ["223"]


def test_an_unknown_unit_name_is_reported_as_typed_not_as_nan():
    assert _problems(_row(**{"Mã đơn vị": float("nan"), "Đơn vị": "Sơn Đông"})) == [(2, "Đơn vị", "Sơn Đông")]


def test_a_missing_source_is_reported_as_an_empty_cell_not_with_the_value():
    assert _problems(_row(**{"Mã đơn vị": "223", "Nguồn": float("nan")})) == [
        (2, "Nguồn", Text("ô trống", "an empty cell"))
    ]


def test_a_code_whose_name_is_another_units_is_flagged():
    with pytest.raises(SchemaError) as err:
        parse_template(_row(**{"Mã đơn vị": "219", "Đơn vị": "Huyện Hiệp Hòa"}), REGISTER, UNITS, file="mau.xlsx")
    (problem,) = err.value.problems
    assert (problem.row, problem.field, problem.found) == (2, "Đơn vị", "Huyện Hiệp Hòa")
    assert "'Huyện Hiệp Hòa' is unit 223" in problem.fix.en and "unit 219 (Huyện Lục Ngạn)" in problem.expected.en


def test_an_unknown_code_is_reported_as_typed():
    assert _problems(_row(**{"Mã đơn vị": "999", "Đơn vị": "Huyện Hiệp Hòa"})) == [(2, "Mã đơn vị", "999")]


def test_an_ambiguous_value_is_reported_not_guessed():
    assert _problems(_row(**{"Mã đơn vị": "223", "Giá trị": "2,000"})) == [(2, "Giá trị", "2,000")]


def test_a_file_that_is_not_excel_is_a_clear_problem_naming_the_file_without_a_path():
    with pytest.raises(SchemaError) as err:
        read_table_bytes(b"ma,ten\n1,2\n", "/srv/app/uploads/mau.xlsx", sheet=SHEET)
    (problem,) = err.value.problems
    assert problem.file == "mau.xlsx" and "not an .xlsx workbook" in err.value.render("en")
    assert "/srv" not in err.value.render("vi") and "BadZipFile" not in err.value.render("en")


def test_an_uploaded_template_read_back_keeps_excel_numbers_and_text_codes():
    data = make_template(REGISTER, UNITS, 2025)
    table = read_table_bytes(data, "mau.xlsx", sheet=SHEET)
    table.loc[1, ["Giá trị", "Nguồn"]] = [44.123, "BC"]  # a number typed in Excel: no ambiguity
    out = parse_template(table, REGISTER, UNITS, file="mau.xlsx")
    assert out[["unit_code", "year", "value"]].to_dict("records") == [
        {"unit_code": "219", "year": 2025, "value": 44.123}
    ]


def test_the_stored_figures_the_app_wrote_read_back_even_when_a_value_alone_looks_ambiguous(tmp_path):
    from layers import loader

    rows = parse_template(_row(**{"Mã đơn vị": "223", "Giá trị": 12.345}), REGISTER, UNITS, file="mau.xlsx")
    path = tmp_path / "indicator_values.csv"
    save_values(rows, path)
    assert loader.load("indicator_values", path=path, own=True)["value"].tolist() == [12.345]
    with pytest.raises(SchemaError, match=r"12\.345"):  # the same text from a person would be ambiguous
        loader.load("indicator_values", path=path)
