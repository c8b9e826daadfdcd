import unicodedata

import pytest

from geo.boundaries.names import (
    match_names,
    name_key,
    nfc,
    require_matches,
    search_units,
    split_unit_type,
    strip_diacritics,
)
from geo.errors import NameMatchError

UNITS = {"219": "Huyện Lục Ngạn", "218": "Huyện Lục Nam", "223": "Huyện Hiệp Hòa", "213": "Thành phố Bắc Giang"}


@pytest.mark.parametrize(
    "written",
    ["Hiệp Hòa", "Hiệp Hoà", "Huyện Hiệp Hòa", "HUYỆN HIỆP HOÀ", "hiep hoa", "  Hiệp   Hòa ",
     unicodedata.normalize("NFD", "Huyện Hiệp Hoà"), "H. Hiệp Hòa"],
)  # fmt: skip
def test_every_spelling_of_hiep_hoa_has_the_same_key(written):
    assert name_key(written) == "hiep hoa"


def test_old_style_tone_is_moved_only_in_open_syllables():
    assert nfc("Hiệp Hoà") == "Hiệp Hòa"
    assert nfc("Hoàng Văn Thụ") == "Hoàng Văn Thụ"
    assert nfc("Quý") == "Quý"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Thành phố Bắc Giang", ("Thành phố", "Bắc Giang")), ("Thị xã Việt Yên", ("Thị xã", "Việt Yên")),
     ("Thị trấn Chũ", ("Thị trấn", "Chũ")), ("Xã Tân Sơn", ("Xã", "Tân Sơn")), ("Phường Đa Mai", ("Phường", "Đa Mai")),
     ("TP. Bắc Giang", ("Thành phố", "Bắc Giang")), ("Lục Ngạn", (None, "Lục Ngạn"))],
)  # fmt: skip
def test_split_unit_type_recognises_prefixes_and_abbreviations(name, expected):
    assert split_unit_type(name) == expected


def test_strip_diacritics_handles_d_with_stroke():
    assert strip_diacritics("Đồng Kỳ") == "Dong Ky"


def test_match_names_reports_every_name_that_matched_nothing():
    result = match_names(["Lục Ngạn", "luc nam", "Lục Ngan x", "Hiep Hoa"], UNITS)
    assert result.codes == ("219", "218", None, "223")
    assert result.unmatched == ((2, "Lục Ngan x"),)
    assert not result.ok


def test_match_names_reports_ambiguous_names():
    result = match_names(["Bắc Giang"], {"213": "Thành phố Bắc Giang", "24": "Tỉnh Bắc Giang"})
    assert result.codes == (None,)
    assert result.ambiguous == ((0, "Bắc Giang", ("213", "24")),)


def test_require_matches_lists_each_unmatched_name_with_its_row():
    with pytest.raises(NameMatchError) as err:
        require_matches(["Lục Ngạn", "Sơn Đông x", "Yên Thế"], UNITS, file="chi_tieu.xlsx", field="don_vi")
    rows = [(p.row, p.found) for p in err.value.problems]
    assert rows == [(3, "Sơn Đông x"), (4, "Yên Thế")]
    assert "chi_tieu.xlsx, dòng 3, cột don_vi" in err.value.render("vi")


def test_search_ignores_diacritics_and_puts_exact_matches_first():
    pairs = [("07582", "Xã Lục Ngạn"), ("219", "Huyện Lục Ngạn"), ("218", "Huyện Lục Nam")]
    assert search_units("luc ngan", pairs) == ["07582", "219"]
    assert search_units("LỤC", pairs) == ["07582", "219", "218"]
    assert search_units("   ", pairs) == []
