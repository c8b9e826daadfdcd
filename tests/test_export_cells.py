"""Files made for people carry data text as text: no spreadsheet cell runs as a formula (CSV and Excel downloads,
the data-entry template, CLI tables), and PNG maps and the PDF brief print names with dollar signs as written."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import pandas as pd
import pytest
from matplotlib.text import Text as MplText
from openpyxl import load_workbook
from pypdf import PdfReader

from geo.air.stations import export_bytes
from geo.cli import main
from geo.io.cells import safe_cell, safe_table
from geo.progress.template import make_template
from layers import loader
from layers import wastewater_table as report
from layers.export import MapSheet, brief_pdf, map_figure, map_png
from tests.hostile import FORMULA, hostile_register
from tests.store_support import BASE_ROWS
from tests.test_cli_store import cli_store  # noqa: F401 - the store fixture
from ui import forest_data

HOSTILE_CELLS = {  # text → what a spreadsheet must receive
    FORMULA: "'" + FORMULA,
    "+1": "'+1",
    "-cmd": "'-cmd",
    "@SUM(1)": "'@SUM(1)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
}
PLAIN_CELLS = ("Sơn Động", "-12", "-1.234,5", "-3,2 %", "-36.2", "", "KCN = khu công nghiệp", "—")


@pytest.mark.parametrize(("text", "cell"), HOSTILE_CELLS.items())
def test_text_a_spreadsheet_would_run_is_prefixed_with_a_quote(text, cell):
    assert safe_cell(text) == cell


@pytest.mark.parametrize("value", [*PLAIN_CELLS, -5, -0.5, None, 3.0])
def test_numbers_negative_number_text_and_ordinary_text_are_unchanged(value):
    assert safe_cell(value) == value


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Tên": [FORMULA, "+1", "Sơn Động"],
            "Ghi chú": ["@SUM(1)", "-cmd", "-12,5"],
            "Thiếu hụt (m³/ngày)": [-5.5, 0.0, 12.0],
            "Số": pd.array([-1, 2, 3], dtype="Int64"),
        }
    )


def test_safe_table_keeps_numeric_columns_as_numbers():
    out = safe_table(_frame())
    assert out["Tên"].tolist() == ["'" + FORMULA, "'+1", "Sơn Động"]
    assert out["Ghi chú"].tolist() == ["'@SUM(1)", "'-cmd", "-12,5"]
    assert out["Thiếu hụt (m³/ngày)"].dtype == float and out["Thiếu hụt (m³/ngày)"].tolist() == [-5.5, 0.0, 12.0]
    assert str(out["Số"].dtype) == "Int64"
    assert safe_table(pd.DataFrame({"=x": [1]})).columns.tolist() == ["'=x"]


def _cells(xlsx: bytes, first_row: int) -> list[list[tuple[object, str]]]:
    sheet = load_workbook(io.BytesIO(xlsx)).active
    return [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows(min_row=first_row)]


def _assert_neutral_rows(rows: list[list[tuple[object, str]]]) -> None:
    assert rows[0][:3] == [("'" + FORMULA, "s"), ("'@SUM(1)", "s"), (-5.5, "n")]
    assert rows[1][:3] == [("'+1", "s"), ("'-cmd", "s"), (0, "n")]
    assert rows[2][:4] == [("Sơn Động", "s"), ("-12,5", "s"), (12, "n"), (3, "n")]
    assert rows[0][3] == (-1, "n")
    assert not [v for row in rows for v, kind in row if kind == "f"]  # no formula anywhere


def test_wastewater_downloads_write_no_formula(tmp_path):
    _assert_neutral_rows(_cells(report.xlsx_bytes(_frame(), title="Danh sách"), first_row=4))
    rows = list(csv.reader(io.StringIO(report.csv_bytes(_frame(), "en").decode("utf-8-sig"))))
    assert rows[1] == ["'" + FORMULA, "'@SUM(1)", "-5.5", "-1"] and rows[2][:2] == ["'+1", "'-cmd"]


def test_forest_downloads_write_no_formula():
    _assert_neutral_rows(_cells(forest_data.xlsx_bytes(_frame(), "Độ che phủ rừng", "vi", None), first_row=4))
    rows = list(csv.reader(io.StringIO(forest_data.csv_bytes(_frame(), "en", None).decode("utf-8-sig"))))
    assert rows[1][:2] == ["'" + FORMULA, "'@SUM(1)"]
    vi = list(
        csv.reader(io.StringIO(forest_data.csv_bytes(_frame(), "vi", "=note").decode("utf-8-sig")), delimiter=";")
    )
    assert vi[0] == ["'=note"] and vi[2][:3] == ["'" + FORMULA, "'@SUM(1)", "-5,5"]  # the note, the Vietnamese CSV


def test_air_quality_downloads_write_no_formula():
    _assert_neutral_rows(_cells(export_bytes({"AQI": _frame()}, "xlsx"), first_row=2))
    rows = list(csv.reader(io.StringIO(export_bytes({"AQI": _frame()}, "csv").decode("utf-8-sig"))))
    assert rows[1][:2] == ["'" + FORMULA, "'@SUM(1)"]


def test_data_entry_template_writes_unit_names_as_text(build_dir):
    register = loader.load("targets")
    units = {"districts_2019": pd.DataFrame({"code": ["213", "214"], "name_full": [FORMULA, "@SUM(1)"]}),
             "communes_2025": pd.DataFrame({"code": ["07663"], "name_full": ["-cmd"]})}  # fmt: skip
    rows = _cells(make_template(register, units, 2025), first_row=2)
    names = {value for row in rows for value, _ in row[4:5]}
    assert {"'" + FORMULA, "'@SUM(1)", "Tỉnh Bắc Giang"} <= names
    assert not [v for row in rows for v, kind in row if kind == "f"]


def test_cli_lacking_list_writes_hostile_names_as_text(build_dir, tmp_path, capsys):
    out = tmp_path / "thieu.xlsx"
    assert main(["wastewater", "--lacking", "--register", str(hostile_register(tmp_path)), "--out", str(out)]) == 0
    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in values if v.startswith(("=", "+", "@"))]
    assert not [c for row in load_workbook(out).active.iter_rows() for c in row if c.data_type == "f"]


MATH = "Xã $\\frac{$ 1"  # two dollar signs: matplotlib would read maths (here invalid) between them


@pytest.fixture
def hostile_sheet(build_dir) -> MapSheet:
    units = loader.load("districts_2019", display=True)
    frame = gpd.GeoDataFrame(units.assign(label=[MATH, *units["name"].iloc[1:]], colour="#1a9850"))
    return MapSheet(frame=frame, title=MATH, subtitle="$x^2$", legend_title="$a$", legend=[(MATH, "#1a9850")],
                    data_date="2025", source=FORMULA + " $y$")  # fmt: skip


def test_png_map_draws_dollar_signs_as_written(hostile_sheet):
    figure = map_figure(hostile_sheet)
    texts = [t for t in figure.findobj(MplText) if t.get_text()]
    assert not [t.get_text() for t in texts if t.get_parse_math()]
    assert {MATH, "$x^2$", "$a$", f"2025 — {FORMULA} $y$"} <= {t.get_text() for t in texts}
    assert map_png(hostile_sheet).startswith(b"\x89PNG")  # with maths on, "\frac{" would stop the export


def test_pdf_brief_prints_hostile_names_as_written(hostile_sheet):
    cards = pd.DataFrame([{"heading": MATH, "value": "$1", "trend": "$", "status": "$\\x$", "colour": "#1a9850"}])
    pdf = brief_pdf(MATH, "$x^2$", cards, [hostile_sheet], [("$t$", pd.DataFrame({"Tên": [MATH]}))], "$n$")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert "Xã $\\frac{$ 1" in reader.pages[0].extract_text() and "$x^2$" in reader.pages[0].extract_text()
    assert MATH in reader.pages[2].extract_text()


@pytest.mark.usefixtures("cli_store")
def test_store_exports_write_hostile_sources_as_text(tmp_path):
    rows = BASE_ROWS.assign(source=[FORMULA, "@SUM(1)", "Sở NN&MT"])
    (tmp_path / "so_lieu.csv").write_text(rows.to_csv(index=False), encoding="utf-8")
    assert main(["import", "indicator_values", str(tmp_path / "so_lieu.csv"), "--user", "binh", "--reason", "thử"]) == 0
    for suffix in ("csv", "xlsx"):
        assert main(["export", "indicator_values", str(tmp_path / f"xuat.{suffix}")]) == 0
    assert sorted(pd.read_csv(tmp_path / "xuat.csv")["source"]) == ["'" + FORMULA, "'@SUM(1)", "Sở NN&MT"]
    book = load_workbook(tmp_path / "xuat.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.value for c in cells if c.data_type == "f"]
    assert {"'" + FORMULA, "'@SUM(1)", "Sở NN&MT"} <= {c.value for c in cells}
