"""Rendering of the KCN/CCN layer: offline (no CDN, no jQuery), one circle per site, popups with every field and
source, the id recoverable from a clicked tooltip, shares coloured by class."""

from __future__ import annotations

import re

import pytest

from geo.wastewater import rules as ww
from geo.wastewater.register import load_register, unit_names
from layers import kcn_ccn_map as sitemap
from layers import loader, render
from tests import data_facts

CDN = re.compile(r"(cdn\.jsdelivr|cdnjs\.cloudflare|code\.jquery|netdna\.bootstrapcdn|unpkg\.com|d3js\.org)")


@pytest.fixture(scope="module")
def assessed(build_dir):
    return ww.assess(load_register())


@pytest.fixture(scope="module")
def names(build_dir):
    return {"district_2019": unit_names("districts_2019"), "commune_2025": unit_names("communes_2025")}


def test_site_map_needs_no_cdn_and_no_jquery(assessed, names):
    m = render.base_map("none")
    units = loader.load("districts_2019", display=True)
    summary = ww.unit_summary(assessed, names["district_2019"], "districts_2019")
    sitemap.share_layer(units, summary, measure="share_pct", lang="vi").add_to(m)
    sitemap.sites_layer(assessed, lang="vi", names=names).add_to(m)
    sitemap.status_legend(assessed["compliance"].value_counts().to_dict(), "vi").add_to(m)
    sitemap.share_legend("share_pct", "vi").add_to(m)
    page = m.get_root().render()
    assert not CDN.search(page)
    assert "$(" not in page  # folium.Popup would need jQuery
    reg = data_facts.register()
    assert page.count("L.circleMarker(") == reg.sites and page.count(".bindPopup(") == reg.sites
    assert page.count('"className": "site-marker site-not_compliant') == reg.compliance["not_compliant"]


def test_popup_lists_every_field_its_source_and_stars_illustrative_values(assessed, names):
    row = assessed.set_index("id", drop=False).loc["KCN-02"]
    popup = sitemap.popup_html(row, "vi", names)
    for title in ("Diện tích (ha)", "Tỷ lệ lấp đầy (%)", "Trạm XLNT tập trung", "Quan trắc tự động", "Nguồn"):
        assert title in popup
    assert "<td>426,0</td>" in popup  # a real figure (area in ha, one decimal): no star
    assert "<td>10.000 *</td>" in popup  # the design capacity is illustrative
    assert '<a href="https://vansuloihouse.com/du-an-khu-cong-nghiep/cong-nghiep-quang-chau-bac-giang"' in popup
    assert "Nếnh (07795)" in popup and "số liệu minh họa, không phải số liệu chính thức" in popup
    made_up = sitemap.popup_html(assessed.set_index("id", drop=False).loc["CCN-MH09"], "en", names)
    assert "Made-up site – not real" in made_up and "<b>Source (Vietnamese original):</b>" in made_up


@pytest.mark.parametrize(
    ("tooltip", "site"),
    [("[KCN-02] KCN Quang Châu — Đạt", "KCN-02"), ("  [CCN-MH09] CCN minh họa 09 — Không đạt", "CCN-MH09"),
     ("Việt Yên\n85,7 %", None), (None, None)],
)  # fmt: skip
def test_clicked_id_reads_the_site_from_its_tooltip_only(tooltip, site):
    assert sitemap.clicked_id(tooltip) == site


@pytest.mark.parametrize(
    ("share", "colour"),
    [(100.0, "#1a9850"), (99.9, "#a6d96a"), (75.0, "#a6d96a"), (74.9, "#fee08b"), (50.0, "#fee08b"),
     (49.9, "#f46d43"), (0.0, "#f46d43"), (None, "#e6e6e6"), (float("nan"), "#e6e6e6")],
)  # fmt: skip
def test_share_classes_have_closed_lower_bounds(share, colour):
    assert sitemap.share_colour(share) == colour
