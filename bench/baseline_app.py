"""The baseline of bench/bench_pages.py: a minimal folium app, what anyone would write first.

The 99 communes of the new Bắc Ninh (data/boundaries/build/communes_2025_all.parquet, full precision, as GeoJSON) in
one folium.GeoJson with a tooltip, shown with st_folium; nothing else. Leaflet comes from the app's own
/app/static/vendor (as in the real app), since the bench's browser has no internet. The bench runs it from a
temporary directory holding a copy of this file and of ./static.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo.settings import get_settings

st.set_page_config(page_title="baseline", layout="wide")
communes = gpd.read_parquet(get_settings().build_dir / "communes_2025_all.parquet")
m = folium.Map(location=[21.2, 106.2], zoom_start=9, tiles=None)
m.default_js = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
m.default_css = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]
folium.GeoJson(communes.to_json(), tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
st_folium(m, height=600, use_container_width=True)
