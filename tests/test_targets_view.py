"""What the progress page and its exports write of the targets: values, goals, sources, illustrative marks."""

import io

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from PIL import Image

from layers.export import map_png
from layers.targets_view import format_value, goal_text, map_sheet, mixed_sources, source_text


@pytest.mark.parametrize(
    ("value", "unit", "vi", "en"),
    [
        (61.8235, "%", "61,8 %", "61.8 %"),
        (1.75, "%/năm", "1,8 %/năm", "1.8 %/yr"),
        (12500.4, "ha", "12.500 ha", "12,500 ha"),
        (0.8123, "chỉ số", "0,81", "0.81"),
        (1, "có/không", "có", "yes"),
        (0, "có/không", "chưa", "not yet"),
        (None, "%", "—", "—"),
    ],
)
def test_indicator_values_read_in_either_language_with_no_vietnamese_unit_in_english(value, unit, vi, en):
    assert format_value(value, unit, "vi") == vi and format_value(value, unit, "en") == en


def test_goals_and_ranges_follow_the_language():
    row = {"target_low": 1.5, "target_high": 2.0, "unit": "%/năm"}
    assert goal_text(row, "vi") == "1,5–2,0 %/năm" and goal_text(row, "en") == "1.5–2.0 %/yr"
    assert goal_text({"target_low": 1.0, "target_high": None, "unit": "có/không"}, "en") == "done"


def test_sources_name_no_file_and_say_when_the_register_share_is_illustrative():
    generated = "minh họa (scripts/make_indicator_values.py, seed 1026)"
    assert source_text(generated, "en") == "illustrative values, generated"
    assert ".py" not in source_text(generated, "vi")
    register = "Sổ KCN/CCN (data/monitoring/kcn_ccn.csv), tính theo quy tắc chỉ tiêu 7"
    assert source_text(register, "vi", illustrative=True) == "sổ KCN/CCN, tính theo quy tắc chỉ tiêu 7 (minh họa)"
    assert "kcn_ccn.csv" not in source_text(register, "en", illustrative=True)
    assert source_text("kinhtenongthon.vn/x (hiện trạng rừng 2020)", "en").endswith("(Vietnamese original)")
    assert source_text("en.vietnamplus.vn/x (18/11/2022)", "en") == "en.vietnamplus.vn/x (18/11/2022)"


def test_two_compared_years_from_different_sources_are_called_out():
    real = "kinhtenongthon.vn/x (hiện trạng rừng 2020)"
    first = pd.DataFrame({"unit_code": ["220", "213"], "year": [2020, 2020], "source": [real, "minh họa"],
                          "illustrative": [False, True]})  # fmt: skip
    second = pd.DataFrame({"unit_code": ["220", "213"], "year": [2025, 2025], "source": ["minh họa", "minh họa"],
                           "illustrative": [True, True]})  # fmt: skip
    warning = mixed_sources(first, second, {"220": "Sơn Động", "213": "Bắc Giang"}, "vi")
    assert warning is not None and "Sơn Động (2020: kinhtenongthon.vn/x" in warning and "Bắc Giang" not in warning
    assert "2025: số liệu minh họa" in warning
    assert mixed_sources(second, second, {}, "en") is None


def _sheet(illustrative: bool, lang: str = "vi"):
    frame = gpd.GeoDataFrame(
        {"name": ["A", "B"], "value": [61.8, 12.0], "status": ["on_track", "off_track"],
         "colour": ["#91cf60", "#d73027"], "illustrative": [illustrative, False]},
        geometry=[shapely.box(106.0, 21.0, 106.2, 21.2), shapely.box(106.2, 21.0, 106.4, 21.2)], crs=4326,
    )  # fmt: skip
    row = {"id": "7", "text_vi": "Tỷ lệ", "text_en": "Share", "target_low": 100.0, "target_high": None, "unit": "%"}
    return frame, map_sheet(frame, row, lang, 2025, "nguồn")


def test_a_map_sheet_with_an_illustrative_value_carries_a_visible_mark_on_the_png():
    sheet = _sheet(True)[1]
    assert sheet.note.startswith("MINH HỌA") and list(sheet.frame["label"]) == ["A\n61,8 %", "B\n12,0 %"]
    assert _sheet(False)[1].note == "" and _sheet(True, "en")[1].note.startswith("ILLUSTRATIVE")
    marked = Image.open(io.BytesIO(map_png(sheet))).convert("RGB")
    plain = Image.open(io.BytesIO(map_png(_sheet(False)[1]))).convert("RGB")

    def red_pixels(image: Image.Image) -> int:  # the mark's red text, under the heading
        pixels = np.asarray(image.crop((0, 0, 1920, 260))).astype(int)
        return int((np.abs(pixels - np.array([176, 0, 32])).sum(axis=2) < 40).sum())

    assert red_pixels(marked) > 200 and red_pixels(plain) == 0
