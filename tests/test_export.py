"""PNG maps and the PDF brief for meetings: sizes, colours, and the text they carry."""

import io

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from geo.progress.status import STATUSES, status_table
from layers import loader
from layers.export import brief_pdf, map_png
from layers.targets_view import cards, map_sheet, unit_status


@pytest.fixture(scope="module")
def sheet_and_status(build_dir):
    register, values = loader.load("targets"), loader.load("indicator_values")
    status = status_table(register, values, year=2025)
    joined = unit_status(loader.load("districts_2019", display=True), status, "4a", "districts_2019")
    row = register[register["id"] == "4a"].to_dict("records")[0]
    return register, status, joined, map_sheet(joined, row, "vi", 2025, "Nguồn: minh họa")


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize(("size", "pixels"), [("projector", (1920, 1080)), ("print", (3507, 2481))])
def test_png_has_projector_and_print_sizes(sheet_and_status, size, pixels):
    image = Image.open(io.BytesIO(map_png(sheet_and_status[3], size)))
    assert image.size == pixels


def test_png_shows_every_status_of_the_units_in_its_colour(sheet_and_status):
    _, _, joined, sheet = sheet_and_status
    image = np.asarray(Image.open(io.BytesIO(map_png(sheet, "projector"))).convert("RGB"))
    for status in set(joined["status"]):
        colour = np.array(_hex(STATUSES[status][1]))
        assert (np.abs(image.astype(int) - colour).sum(axis=2) < 6).sum() > 500, status


def test_pdf_brief_has_cards_maps_and_tables_with_vietnamese_text(sheet_and_status):
    register, status, joined, sheet = sheet_and_status
    pdf = brief_pdf("Tiến độ tăng trưởng xanh — Toàn tỉnh", "Năm 2025", cards(register, status, "vi"), [sheet],
                    [("Bảng số liệu", joined[["name", "value", "status"]])], "Số liệu minh họa")  # fmt: skip
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3  # cover with the cards, one map, one table page
    cover = reader.pages[0].extract_text()
    assert "Tiến độ tăng trưởng xanh — Toàn tỉnh" in cover
    assert "5a · Tỷ lệ độ che phủ rừng" in cover and "38,0 % (2020)" in cover
    assert "Hiệp Hòa" in reader.pages[2].extract_text()
    assert reader.metadata.title == "Tiến độ tăng trưởng xanh — Toàn tỉnh"
