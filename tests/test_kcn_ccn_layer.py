"""The KCN/CCN register: the shipped file loads, keeps every cited fact, and bad input is refused whole with every
problem named by row and field."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from geo.datasets.wastewater import KCN_CCN
from geo.errors import SchemaError
from geo.io.files import read_table, write_table
from geo.wastewater import rules as ww
from geo.wastewater.register import illustrative_fields, load_register
from layers.registry import REGISTRY
from tests import data_facts

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "data" / "monitoring" / "kcn_ccn.csv"
FACTS = ROOT / "data" / "monitoring" / "kcn_ccn_facts.csv"


@pytest.fixture(scope="module")
def register(build_dir):
    return load_register(REGISTER).set_index("id", drop=False)


def test_shipped_register_loads_every_site_with_unique_ids(register):
    reg = data_facts.register()
    assert len(register) == reg.sites and register["id"].is_unique
    assert register["kind"].value_counts().to_dict() == reg.kinds
    assert register.crs == "EPSG:4326" and register.geometry.geom_type.eq("Point").all()


def test_quang_chau_keeps_its_cited_facts(register):
    site = register.loc["KCN-02"]
    assert (site["name"], site["status"], site["area_ha"], site["occupancy_pct"]) == (
        "KCN Quang Châu", "operating", 426.0, 100.0,
    )  # fmt: skip
    assert (site["district_2019"], site["commune_2025"]) == ("222", "07795")  # Việt Yên; xã Quang Châu → Phường Nếnh
    assert site["location_precision"] == "approximate"  # four sites share Phường Nếnh: spread around its centroid
    assert "vansuloihouse.com" in site["source"]
    assert {"area_ha", "status", "wwtp_status", "commune_2025"}.isdisjoint(
        illustrative_fields(site["illustrative_fields"])
    )


def test_every_sourced_fact_is_in_the_register_unchanged(register):
    facts = read_table(FACTS, dtype={"id": "str", "sourced": "str"})
    checked = 0
    for fact in facts.itertuples(index=False):
        row = register.loc[fact.id]
        assert row["name"] == fact.name and row["kind"] == fact.kind
        assert row["source"] == fact.source
        flagged = set(illustrative_fields(row["illustrative_fields"]))
        for field in str(fact.sourced).split(";"):
            if field == "district":
                continue  # checked against the placed point by the script
            assert field not in flagged, (fact.id, field)
            expected, got = getattr(fact, field), row[field]
            assert got == pytest.approx(expected) if isinstance(expected, float) else got == expected, (fact.id, field)
            checked += 1
    assert checked == 72  # 44 facts on the 19 KCN rows, 28 on the 13 CCN rows (districts apart)


def test_real_kcn_figures_match_the_published_ones(register):
    assert register.loc["KCN-01", ["area_ha", "year_established", "occupancy_pct"]].tolist() == [127.4, 2003, 100.0]
    operating_kcn = register[(register["kind"] == "KCN") & (register["status"] == "operating")]
    assert sorted(operating_kcn["name"]) == ["KCN Hòa Phú", "KCN Quang Châu", "KCN Song Khê – Nội Hoàng",
                                             "KCN Việt Hàn", "KCN Vân Trung", "KCN Đình Trám"]  # fmt: skip
    building = register[(register["kind"] == "KCN") & (register["status"] == "building")]
    assert building["area_ha"].sum() == pytest.approx(105.3 + 377 + 85)
    ccn_with_plant_2020 = register[register["source"].str.contains("một trong 9/28 CCN")]
    assert len(ccn_with_plant_2020) == 9 and ccn_with_plant_2020["wwtp_status"].eq("operating").all()


def test_made_up_clusters_are_flagged_whole_and_say_so(register):
    made_up = register[register["illustrative_fields"].map(lambda v: "name" in illustrative_fields(v))]
    assert len(made_up) == data_facts.register().made_up
    assert made_up["name"].str.startswith("CCN minh họa").all()
    assert made_up["source"].str.startswith("Minh họa – không phải số liệu chính thức").all()
    assert register["illustrative"].eq(register["illustrative_fields"].notna()).all()


def test_province_target_7_on_the_shipped_register_is_what_the_rows_say(register):
    reg = data_facts.register()
    tot = ww.totals(ww.assess(register))
    assert (tot.with_plant, tot.operating, tot.share_pct) == (reg.with_plant, reg.operating, reg.share_pct)
    counts = (reg.compliance["not_compliant"], reg.compliance["pending"], reg.compliance["no_data"])
    assert (tot.not_compliant, tot.pending, tot.no_data) == counts and tot.gap_m3d == 3210


def test_the_committed_register_is_what_the_seeded_script_makes(build_dir, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_kcn_ccn", ROOT / "scripts" / "make_kcn_ccn.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "kcn_ccn.csv")
    assert module.main() == 0
    assert (tmp_path / "kcn_ccn.csv").read_bytes() == REGISTER.read_bytes()


def test_layer_takes_its_columns_from_the_register_declaration():
    spec = REGISTRY["kcn_ccn"]
    assert spec.dataset is KCN_CCN and spec.columns is KCN_CCN.columns
    assert spec.column("status").allowed == ("operating", "building", "planned")
    assert spec.column("id").unique and spec.join_key == "id" and spec.geometry == "point"


def broken(tmp_path: Path, edits: dict[tuple[int, str], object], *, duplicate: tuple[int, int] | None = None) -> Path:
    """The shipped register with cells changed; keys are (row as seen in Excel, column)."""
    table = read_table(REGISTER, dtype=dict.fromkeys(list(KCN_CCN.names), "str"))
    for (row, column), value in edits.items():
        table.loc[row - 2, column] = value
    if duplicate:
        table.loc[duplicate[1] - 2, "id"] = table.loc[duplicate[0] - 2, "id"]
    return write_table(table, tmp_path / "kcn_ccn.csv")


@pytest.mark.parametrize(
    ("edits", "duplicate", "expected"),
    [
        ({(5, "status"): "dang hoat dong"}, None, [(5, "status")]),
        ({}, (3, 9), [(9, "id")]),
        ({(7, "lon"): "105.50", (7, "lat"): "21.30"}, None, [(7, "lon/lat")]),  # west of the province
        ({(12, "lon"): "21.27", (12, "lat"): "106.19"}, None, [(12, "lat"), (12, "lon/lat")]),  # swapped
        ({(20, "design_capacity_m3d"): "khoảng 500"}, None, [(20, "design_capacity_m3d")]),
        ({(21, "commune_2025"): "7210"}, None, [(21, "commune_2025")]),  # leading zero lost
        ({(22, "illustrative"): "false"}, None, [(22, "illustrative")]),  # fields listed but not flagged
    ],
)
def test_bad_register_is_refused_with_row_and_field(build_dir, tmp_path, edits, duplicate, expected):
    with pytest.raises(SchemaError) as err:
        load_register(broken(tmp_path, edits, duplicate=duplicate))
    assert [(p.row, p.field) for p in err.value.problems] == expected


def test_every_problem_is_reported_at_once_and_nothing_is_loaded(build_dir, tmp_path):
    path = broken(
        tmp_path,
        {(5, "status"): "closed", (7, "lon"): "105.50", (20, "design_capacity_m3d"): "abc"},
        duplicate=(3, 9),
    )
    result = None
    with pytest.raises(SchemaError) as err:
        result = load_register(path)
    assert result is None
    assert [(p.row, p.field) for p in err.value.problems] == [(5, "status"), (7, "lon/lat"), (9, "id"),
                                                               (20, "design_capacity_m3d")]  # fmt: skip
    text = err.value.render("vi")
    assert (
        "Tệp kcn_ccn.csv, dòng 5, cột status: cần một trong: operating, building, planned; nhận được 'closed'" in text
    )
    assert "dòng 20, cột design_capacity_m3d: cần một số, viết kiểu Việt (1.234,5) hoặc kiểu Anh" in text
    assert "nhận được 'abc'" in text
    assert "dòng 9, cột id: cần giá trị không trùng với dòng khác" in text
    assert "dòng 7, cột lon/lat: cần một điểm trong tỉnh" in err.value.render("vi")
    assert "row 7, field lon/lat: expected a point inside the province" in err.value.render("en")


def test_an_xlsx_register_with_a_decimal_comma_loads_too(build_dir, tmp_path):
    table = read_table(REGISTER, dtype=dict.fromkeys(list(KCN_CCN.names), "str"))
    table.loc[0, "area_ha"] = "127,4"
    path = write_table(table, tmp_path / "kcn_ccn.xlsx")
    assert load_register(path).set_index("id").loc["KCN-01", "area_ha"] == 127.4


def test_each_missing_column_is_named_on_the_header_row(build_dir, tmp_path):
    path = write_table(pd.DataFrame({"id": ["A"], "name": ["x"]}), tmp_path / "k.csv")
    with pytest.raises(SchemaError) as err:
        load_register(path)
    missing = {p.field for p in err.value.problems if p.row == 1}
    assert missing == {c.name for c in KCN_CCN.columns if c.required} - {"id", "name"}
    assert "dòng 1, cột kind: cần có cột này; nhận được thiếu cột. Cách sửa: thêm cột 'kind' (Loại)" in (
        err.value.render("vi")
    )


def test_a_register_with_headers_people_write_loads(build_dir, tmp_path):
    table = read_table(REGISTER, raw=True).rename(
        columns={
            "id": "Mã",
            "name": "Tên",
            "kind": "Loại",
            "lon": "Kinh độ",
            "lat": "Vi do",
            "area_ha": "Diện tích (ha)",
        }
    )
    register = load_register(write_table(table, tmp_path / "k.csv"))
    assert register.set_index("id").loc["KCN-01", "area_ha"] == 127.4
