"""Drawing the forest page's map: classes around the 37 % target, the legend, the raster overlay (offline)."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pytest
import rasterio
from affine import Affine
from shapely.geometry import box

from geo.forest import cover as forest
from layers import forest_map, render
from layers.forest_display import display_classes

X0, Y0 = 450_000.0, 2_360_000.0  # EPSG:9214, near Lục Nam


@pytest.fixture
def small_raster(tmp_path: Path) -> Path:
    """200 × 100 pixels of 10 m: natural forest (1) west, planted (2) east, a nodata (255) strip at the top."""
    values = np.where(np.arange(200) < 100, 1, 2).astype(np.uint8)[None, :].repeat(100, axis=0)
    values[:10] = 255
    path = tmp_path / "rung.tif"
    profile = {"driver": "GTiff", "width": 200, "height": 100, "count": 1, "dtype": "uint8", "nodata": 255}
    with rasterio.open(path, "w", **profile, crs="EPSG:9214", transform=Affine(10, 0, X0, 0, -10, Y0)) as dst:
        dst.write(values, 1)
    return path


def test_display_copy_is_web_mercator_within_the_rasters_degree_bounds_and_keeps_its_classes(small_raster):
    image = display_classes(small_raster, max_px=50)
    assert max(image.classes.shape) <= 52 and set(np.unique(image.classes)) == {1, 2, 255}
    south, west, north, east = image.bounds
    assert 21.3 < south < north < 21.35 and 106.5 < west < east < 106.55  # 2 km × 1 km near (106.52°, 21.33°)
    assert (east - west, north - south) == pytest.approx((0.0193, 0.0090), abs=0.0005)


def test_overlay_pixels_show_forest_classes_in_their_colours_and_everything_else_clear(small_raster):
    raster = forest.load_config()
    rgba = forest_map.class_rgba(display_classes(small_raster, max_px=50), raster)
    height, width = rgba.shape[:2]
    assert rgba[height * 3 // 4, width // 5].tolist() == [27, 94, 32, 255]  # natural forest, #1b5e20
    assert rgba[height * 3 // 4, width * 4 // 5].tolist() == [102, 187, 106, 255]  # planted forest, #66bb6a
    assert rgba[1, width // 2, 3] == 0  # nodata: transparent


def test_cover_classes_are_coloured_around_the_37_percent_target():
    assert forest_map.cover_labels() == ["< 10 %", "10–20 %", "20–37 %", "37–50 %", "≥ 50 %"]
    colours = [forest_map.cover_colour(v) for v in (0.8, 15.0, 36.9, 37.0, 71.8, float("nan"))]
    assert colours == [*forest_map.COVER_COLOURS, forest_map.NO_VALUE]


def test_legend_draws_the_target_line_between_the_classes_it_separates():
    body = forest_map.CoverLegend("Độ che phủ", "Mục tiêu 2030: 37 %", no_value="Không có dữ liệu").body
    order = [body.index(text) for text in ("≥ 50 %", "37–50 %", "Mục tiêu 2030: 37 %", "20–37 %", "&lt; 10 %")]
    assert order == sorted(order) and 'class="forest-target"' in body


def test_map_with_choropleth_overlay_and_legends_loads_nothing_from_the_internet(small_raster):
    raster = forest.load_config()
    units = gpd.GeoDataFrame(
        {"name": ["Tây", "Đông"], "forest_pct": [71.8, 12.0], "raster_text": ["71.8 %", "12.0 %"]},
        geometry=[box(X0, Y0 - 900, X0 + 1000, Y0), box(X0 + 1000, Y0 - 900, X0 + 2000, Y0)],
        crs=9214,
    ).to_crs(4326)
    m = render.base_map("none")
    forest_map.choropleth(units, fields=["name", "raster_text"], aliases=["Đơn vị", "Che phủ"]).add_to(m)
    image = display_classes(small_raster, max_px=50)
    forest_map.overlay(image, raster, opacity=0.6, name="ảnh").add_to(m)
    forest_map.CoverLegend("Độ che phủ", "Mục tiêu 2030: 37 %").add_to(m)
    forest_map.raster_legend("Ảnh phân loại", forest_map.raster_legend_items(raster, "vi")).add_to(m)
    page = m.get_root().render()
    assert "data:image/png;base64," in page and "#1b5e20" in page and "#dce9b4" in page
    assert json.dumps("Rừng trồng chưa thành rừng")[1:-1] in page  # the legends' HTML, JSON-escaped in the script
    assert "https://" not in page.replace("https://leafletjs.com", "")
    assert isinstance(forest_map.overlay(image, raster, opacity=1.0, name="x"), folium.raster_layers.ImageOverlay)
