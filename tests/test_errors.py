"""Domain errors survive st.cache_data (pickling) and speak wholly English when asked for English.

The English check: a message's English rendering may hold Vietnamese letters only where they are data (the file,
the field and a ``found`` value read from the user's input) or proper names (places, people, legal document codes,
sheet names); every phrase the platform writes itself is English.
"""

from __future__ import annotations

import ast
import dataclasses
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from affine import Affine
from shapely.geometry import Point, box

from geo.cli.zonal import load_units, parse_classes
from geo.errors import GeoDataError, Problem, Text
from geo.forest.cover import load_config
from geo.io.crs import check_crs
from geo.io.files import read_table, read_vector
from geo.zonal.entry import zonal_stats

ROOT = Path(__file__).resolve().parent.parent

# Proper names that keep their Vietnamese spelling in English text.
PROPER_NAMES = (
    "Bắc Giang",
    "Bắc Ninh",
    "Lục Ngạn",
    "Sơn Động",
    "Yên Thế",
    "Hiệp Hòa",
    "CCN minh họa",  # the name given to made-up clusters on the map
    "Đào Hoàng Sơn",
    "QĐ-UBND",
    "QĐ-TCMT",
    "QĐ-TTg",
    "NĐ-CP",
    "Danh mục chỉ tiêu",  # a sheet's name in the Excel template
    "Ngôn ngữ",  # the language switch is labelled in both languages on purpose
)
# Marks only Vietnamese uses among the letters of our texts: breve (ă), circumflex (â ê ô), horn (ơ ư), and the
# five tone marks (grave, acute, tilde, hook above, dot below); plus đ.
VIETNAMESE_MARKS = {"\u0306", "\u0302", "\u031b", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def vietnamese_words(text: str) -> list[str]:
    """The words of ``text`` that carry Vietnamese-only letters, proper names and quoted values ('có': what a
    person may type in a cell) left out."""
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"'[^']*'", " ", text)
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text))
    return [w for w in words if "đ" in w.lower() or VIETNAMESE_MARKS & set(unicodedata.normalize("NFD", w))]


def test_the_check_finds_vietnamese_and_spares_english_and_proper_names():
    assert vietnamese_words("sẽ lệch khoảng 224 m") == ["sẽ", "lệch", "khoảng"]
    assert vietnamese_words("đường") == ["đường"] and vietnamese_words("Ăn") == ["Ăn"]
    assert vietnamese_words("a point in former Bắc Giang (Decision 1026/QĐ-UBND), 107°00′ ≈ 224 m × 2") == []
    assert vietnamese_words("write 'yes' or 'no' (or 'có', 'không')") == []
    assert vietnamese_words("write yes or no (có/không)") == ["có", "không"]


def _subclasses(cls: type[GeoDataError]) -> Iterator[type[GeoDataError]]:
    yield cls
    for sub in cls.__subclasses__():
        yield from _subclasses(sub)


ERROR_CLASSES = sorted(set(_subclasses(GeoDataError)), key=lambda c: c.__name__)


def test_every_domain_error_class_is_checked():
    names = {c.__name__ for c in ERROR_CLASSES}
    assert {"GeoDataError", "SchemaError", "CRSError", "FetchError", "NameMatchError", "UnknownIdError"} <= names


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_a_domain_error_pickles_and_unpickles_to_the_same_error(cls):
    problems = (
        Problem(
            file="kcn_ccn.csv",
            row=4,
            field="status",
            expected=Text("một trong: a, b", "one of: a, b"),
            found="dang hoat dong",
            fix=Text("sửa ô", "correct the cell"),
        ),
        Problem(file="x.tif", expected="EPSG:9214", found=[1.5, 2], fix=None),
        Problem(field="--classes", found=Text("không tìm thấy tệp", "no such file")),
    )
    error = cls(problems)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert back.problems == error.problems
    assert str(back) == str(error) and back.render("en") == error.render("en")
    assert back.args == error.args


def test_a_pickled_error_from_a_real_failure_keeps_its_message(tmp_path):
    with pytest.raises(GeoDataError) as err:
        read_table(tmp_path / "thiếu.csv")
    back = pickle.loads(pickle.dumps(err.value))
    assert back.problems[0].file.endswith("thiếu.csv") and back.render("en") == err.value.render("en")


# Every phrase a Text holds in the code: its English side is English.
def _english_literals() -> Iterator[tuple[str, str]]:
    for folder in ("geo", "layers", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text" and len(node.args) >= 2:
                    en = node.args[1]
                    parts = en.values if isinstance(en, ast.JoinedStr) else [en]
                    text = "".join(p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str))
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", text


def test_the_english_side_of_every_text_in_the_code_is_english():
    literals = list(_english_literals())
    assert len(literals) > 300  # the walk reaches the whole code base
    leaks = {where: vietnamese_words(text) for where, text in literals if vietnamese_words(text)}
    assert leaks == {}


# Representative errors, raised by the code that raises them for users.
def _raster(path: Path, crs: str) -> Path:
    with rasterio.open(path, "w", driver="GTiff", width=2, height=2, count=1, dtype="float32", crs=crs,
                       transform=Affine(10, 0, 415_000, 0, -10, 2_354_000)) as dst:  # fmt: skip
        dst.write(np.zeros((1, 2, 2), dtype="float32"))
    return path


def _cases(tmp: Path) -> dict[str, Callable[[], object]]:
    grid = box(415_000, 2_353_000, 416_000, 2_354_000)
    datum_lost = "+proj=tmerc +lon_0=107 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m +no_defs"
    squares = gpd.GeoDataFrame({"code": ["A"]}, geometry=[grid], crs="EPSG:9214")
    (tmp / "bad.toml").write_text("active = [", encoding="utf-8")
    return {
        "grid without CRS": lambda: check_crs(gpd.GeoDataFrame(geometry=[grid]), file="a.shp"),
        "swapped X/Y": lambda: check_crs(gpd.GeoDataFrame(geometry=[Point(2_353_000, 415_000)]), file="b.csv"),
        "no CRS, unknown extent": lambda: check_crs(gpd.GeoDataFrame(geometry=[Point(5e6, 9e6)]), file="c.shp"),
        "grid labelled lon/lat": lambda: check_crs(gpd.GeoDataFrame(geometry=[grid], crs="EPSG:4326"), file="d"),
        "datum lost": lambda: check_crs(gpd.GeoDataFrame(geometry=[grid], crs=datum_lost), file="e.shp"),
        "missing table": lambda: read_table(tmp / "missing.csv"),
        "missing vector": lambda: read_vector(tmp / "missing.gpkg"),
        "missing units": lambda: load_units(str(tmp / "missing.gpkg")),
        "bad classes": lambda: parse_classes("rừng"),
        "missing forest config": lambda: load_config(tmp / "missing.toml"),
        "broken forest config": lambda: load_config(tmp / "bad.toml"),
        "missing raster": lambda: zonal_stats(tmp / "missing.tif", squares, "code", [1]),
        "continuous raster": lambda: zonal_stats(_raster(tmp / "f.tif", "EPSG:9214"), squares, "code", [1]),
    }


def _english_of(problem: Problem) -> str:
    """The English rendering with the user's own data (file, field, a ``found`` that is not a Text) blanked."""
    found = problem.found if isinstance(problem.found, Text) or problem.found is None else "FOUND"
    return dataclasses.replace(problem, file=problem.file and "FILE", field=problem.field and "FIELD",
                               found=found).render("en")  # fmt: skip


def test_representative_errors_render_wholly_english(tmp_path):
    seen = {}
    for name, make in _cases(tmp_path).items():
        with pytest.raises(GeoDataError) as err:
            make()
        seen[name] = [err.value.title.en, *map(_english_of, err.value.problems)]
    leaks = {name: vietnamese_words(" ".join(lines)) for name, lines in seen.items()}
    assert {name: words for name, words in leaks.items() if words} == {}
    assert "about 224 m off" in seen["datum lost"][1]
    assert "X (northing) and Y (easting) are swapped" in seen["swapped X/Y"][1]
    assert "found no such file" in seen["missing raster"][1]
