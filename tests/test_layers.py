import pytest

from geo.datasets.spec import Column, Dataset
from geo.errors import SchemaError, Text, UnknownIdError
from layers import loader
from layers.registry import REGISTRY, Registry, unit_set_layer
from layers.spec import LayerSpec

DEMO = Dataset(
    name="demo",
    title=Text("Thử", "Demo"),
    geometry="table",
    key=("id",),
    sources=("data/monitoring/demo.csv",),
    columns=(Column("id", "str", Text("Mã", "Id"), unique=True), Column("name", "str", Text("Tên", "Name"))),
)
SPEC = LayerSpec(id="demo", title=Text("Thử", "Demo"), dataset=DEMO, join_key="id")


@pytest.mark.parametrize("layer_id", list(REGISTRY))
def test_every_registered_layer_loads_and_validates(build_dir, layer_id):
    spec = REGISTRY[layer_id]
    frame = loader.load(spec)
    assert len(frame) > 0
    assert {c.name for c in spec.columns if c.required} <= set(frame.columns)
    assert {spec.join_key, *spec.popup} <= set(frame.columns)
    if spec.column(spec.join_key).unique:
        assert frame[spec.join_key].is_unique
    if spec.display_source:
        assert len(loader.load(spec, display=True)) == len(frame)


def test_a_layer_draws_a_dataset_and_takes_its_columns_from_it():
    assert SPEC.columns is DEMO.columns and SPEC.source == "data/monitoring/demo.csv" and SPEC.geometry == "table"


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
        LayerSpec(id="x", title=Text("x", "x"), dataset=DEMO, join_key="id", popup=("nope",))


def test_spec_refuses_a_source_that_is_not_a_file_of_its_dataset():
    with pytest.raises(ValueError, match="not a file of dataset demo"):
        LayerSpec(id="x", title=Text("x", "x"), dataset=DEMO, join_key="id", source_name="build:elsewhere")


def test_a_built_layer_without_the_columns_it_draws_is_refused(build_dir, tmp_path):
    frame = loader.load("communes_2025").drop(columns=["merged_from"])
    path = tmp_path / "communes.parquet"
    frame.to_parquet(path)
    with pytest.raises(SchemaError) as err:
        loader.load("communes_2025", path=path)
    assert [(p.field, p.found) for p in err.value.problems] == [("merged_from", Text("thiếu cột", "missing column"))]


def test_missing_built_layer_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path))
    with pytest.raises(SchemaError, match="python -m geo data build"):
        loader.load("districts_2019")
