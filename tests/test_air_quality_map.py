"""Folium drawing of stations and emission sources: offline, styled by status, sized by load."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest

from layers import air_quality_map as aqmap
from layers import render

CDN = re.compile(r"(cdn\.jsdelivr|cdnjs\.cloudflare|code\.jquery|netdna\.bootstrapcdn|unpkg\.com|d3js\.org)")


@pytest.fixture
def stations() -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        {
            "id": ["S1", "S2", "S3"],
            "name": ["Một", "Hai", "Ba"],
            "type": ["automatic", "low_cost", "periodic"],
            "operator": ["Sở"] * 3,
            "lon": [106.1, 106.2, 106.3],
            "lat": [21.3, 21.3, 21.3],
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


@pytest.fixture
def snapshot() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "station_id": ["S1", "S2", "S3"],
            "vn_aqi": pd.array([163, None, None], dtype="Int64"),
            "category": ["Xấu", None, None],
            "category_en": ["Bad", None, None],
            "colour": ["#FF0000", None, None],
            "dominant": ["aqi_pm25", None, None],
            "last_time": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 02:00", None]),
            "hours_since": [0.0, 8.0, float("nan")],
            "status": ["current", "stale", "no_data"],
        }
    )


@pytest.fixture
def sources() -> gpd.GeoDataFrame:
    frame = pd.DataFrame(
        {
            "id": ["E1", "E2"],
            "name": ["Nhà máy A", "Nhà máy B"],
            "sector": ["cement", "electronics"],
            "kcn_ccn": ["KCN Quang Châu", None],
            "stack_monitoring": ["transmitting", "none"],
            "dust_tpy": [400.0, 1.0],
            "so2_tpy": [100.0, 0.0],
            "nox_tpy": [50.0, 2.0],
            "co_tpy": [10.0, 1.0],
            "ghg_inventory_required": [True, False],
            "lon": [106.1, 106.2],
            "lat": [21.2, 21.2],
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def js(text: str) -> str:
    """``text`` as Jinja's ``tojson`` writes it inside the page (non-ASCII and HTML characters escaped)."""
    escaped = json.dumps(text)[1:-1]
    return escaped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _html(*children) -> str:
    m = render.base_map("none")
    for child in children:
        child.add_to(m)
    return m.get_root().render()


def test_stations_are_circle_markers_coloured_when_current_grey_and_dashed_when_stale(stations, snapshot):
    page = _html(aqmap.stations_layer(stations, snapshot, lang="vi", period="ngày 01/01/2026"))
    assert not CDN.search(page)
    assert page.count("L.circleMarker(") == 3 and "L.icon(" not in page
    assert re.search(r'"className": "aq-station aq-current".*?"fillColor": "#FF0000"', page, re.S)
    stale = re.search(r'"className": "aq-station aq-stale"(.*?)\}', page, re.S)
    assert stale and '"dashArray": "4 3"' in stale.group(1) and '"fillColor": "#bdbdbd"' in stale.group(1)
    assert js("VN_AQI ngày 01/01/2026: <b>163</b> (Xấu)") in page
    assert js("không có số liệu &gt; 6 giờ") in page and js(">chưa có số liệu<") in page  # labels of S2 and S3


def test_sources_are_sized_by_the_chosen_load_and_filled_by_monitoring_status(sources):
    page = _html(aqmap.sources_layer(sources, "dust", lang="en"))
    radii = [float(r) for r in re.findall(r'"radius": ([\d.]+)', page)]
    assert radii == [24.0, 3.0]  # 400 t/yr → the largest circle; 1 t/yr → the 3 px floor (drawn last, on top)
    assert '"fillColor": "#2b8cbe"' in page and '"fillColor": "#ffffff"' in page
    assert js("<b>Dust 400.0</b>") in page and "outside parks" in page and "Must inventory GHG" in page
    so2 = [float(r) for r in re.findall(r'"radius": ([\d.]+)', _html(aqmap.sources_layer(sources, "so2", lang="vi")))]
    assert so2 == [24.0, 3.0] and aqmap.source_scale(sources, "nox") == 50.0


def test_legends_show_the_official_classes_and_the_size_scale():
    page = _html(aqmap.aqi_legend("vi"), aqmap.sources_legend("dust", 400.0, lang="vi"))
    for label in ("0–50 Tốt", "51–100 Trung bình", "301–500 Nguy hại", "#8F3F97", "#7E0023"):
        assert js(label) in page
    assert (
        js("Diện tích vòng tròn ∝ tải lượng Bụi") in page
        and js("</svg>400 <svg") in page
        and js("</svg>40 <svg") in page
    )
