import pandas as pd
import pytest

from geo.errors import Problem, SchemaError, Text, UnknownIdError
from layers import loader
from layers.registry import REGISTRY, Registry, unit_set_layer
from layers.spec import Column, LayerSpec

SPEC = LayerSpec(
    id="demo",
    title=Text("Thử", "Demo"),
    source="data/monitoring/demo.csv",
    geometry="table",
    columns=(
        Column("id", "str", Text("Mã", "Id"), unique=True),
        Column("status", "str", Text("Trạng thái", "Status"), allowed=("operating", "planned")),
        Column("capacity", "float", Text("Công suất", "Capacity"), min=0, nullable=True),
        Column("year", "int", Text("Năm", "Year"), min=1990, max=2030),
    ),
    join_key="id",
)


@pytest.mark.parametrize("layer_id", list(REGISTRY))
def test_every_registered_layer_loads_and_validates(build_dir, layer_id):
    spec = REGISTRY[layer_id]
    frame = loader.load(spec)
    assert len(frame) > 0
    assert {c.name for c in spec.columns if c.required} <= set(frame.columns)
    if spec.column(spec.join_key).unique:
        assert frame[spec.join_key].is_unique
    if spec.display_source:
        assert len(loader.load(spec, display=True)) == len(frame)


def test_unknown_layer_id_lists_the_valid_ones():
    with pytest.raises(UnknownIdError) as err:
        REGISTRY["rung"]
    assert "districts_2019" in err.value.render("en")


def test_unknown_unit_set_lists_the_valid_ones():
    with pytest.raises(UnknownIdError, match="communes_2025"):
        unit_set_layer("huyen")


def test_registry_refuses_duplicate_ids():
    with pytest.raises(ValueError, match="duplicate"):
        Registry((SPEC, SPEC))


def test_spec_refuses_a_popup_field_that_is_not_a_column():
    with pytest.raises(ValueError, match="not one of its columns"):
        LayerSpec(id="x", title=Text("x", "x"), source="x.csv", geometry="table", columns=SPEC.columns,
                  join_key="id", popup=("nope",))  # fmt: skip


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
        loader.validate(table, SPEC, file="kcn.csv")
    got = [(p.row, p.field) for p in err.value.problems]
    assert got == [(3, "capacity"), (3, "id"), (3, "status"), (4, "id"), (4, "year"), (5, "capacity"), (5, "year")]
    text = err.value.render("vi")
    assert "Tệp kcn.csv, dòng 3, cột status: cần một trong: operating, planned; nhận được 'dang xay'" in text


def test_validation_reports_a_missing_column():
    with pytest.raises(SchemaError) as err:
        loader.validate(pd.DataFrame({"id": ["a"], "status": ["planned"], "capacity": [1.0]}), SPEC, file="k.csv")
    assert err.value.problems == (
        Problem(file="k.csv", field="year", expected=Text("có cột này", "this column"),
                found=Text("thiếu cột", "missing column"), fix=err.value.problems[0].fix),
    )  # fmt: skip


def test_valid_table_comes_back_typed():
    table = pd.DataFrame({"id": ["K1"], "status": ["planned"], "capacity": ["12,5"], "year": ["2020"]})
    out = loader.validate(table, SPEC, file="k.csv")
    assert out["capacity"].iloc[0] == 12.5 and out["year"].iloc[0] == 2020


def test_missing_built_layer_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path))
    with pytest.raises(SchemaError, match="python -m geo data build"):
        loader.load("districts_2019")
