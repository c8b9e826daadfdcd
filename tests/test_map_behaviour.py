"""How maps behave for the people using them: wheel, labels at province zoom, legends, and PNG/PDF exports."""

import io
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import box

from geo.air.aqi import AQI_CLASSES
from geo.io.crs import AREA_CRS
from geo.progress.status import status_table
from geo.wastewater import register as kcn_ccn
from geo.wastewater import rules as ww
from layers import forest_map, kcn_ccn_map, loader, map_sheets, render
from layers.export import MapSheet, brief_pdf, map_figure, map_png
from layers.registry import REGISTRY
from layers.targets_view import cards, data_years, map_sheet, unit_status


def _html(m) -> str:
    return m.get_root().render()


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked_or_ctrl_is_held():
    page = _html(render.base_map("none"))
    assert '"scrollWheelZoom": false' in page
    assert "map.on('click focus', on)" in page and "map.on('mouseout blur', off)" in page
    assert "e.ctrlKey" in page and "setZoomAround" in page


def test_commune_labels_wait_for_zoom_11_and_district_labels_always_show(build_dir):
    communes = loader.load("communes_2025", display=True)
    districts = loader.load("districts_2019", display=True)
    m = render.base_map("none")
    commune_labels = render.labels_layer(communes, REGISTRY["communes_2025"])
    district_labels = render.labels_layer(districts, REGISTRY["districts_2019"], name="districts")
    commune_labels.add_to(m)
    district_labels.add_to(m)
    assert (len(commune_labels.rows), commune_labels.css_class) == (58, "unit-label min-zoom-11")
    assert (len(district_labels.rows), district_labels.css_class) == (10, "unit-label")
    page = _html(m)
    assert page.count('div.className = "unit-label min-zoom-11"') == 1
    assert page.count('div.className = "unit-label"') == 1
    assert ".below-z11 .min-zoom-11{display:none}" in page  # hidden while the map's zoom is below 11
    assert "box.classList.toggle('below-z11', z < 11)" in page


def test_a_legend_folds_with_its_button_and_starts_folded_on_a_narrow_map():
    m = render.base_map("none")
    render.Legend("Tiến độ", [("Đạt", "#2ca02c")]).add_to(m)
    page = _html(m)
    assert "legend-toggle" in page and "fold(map.getSize().x < 520)" in page
    assert "disableClickPropagation(div)" in page  # a click on the legend does not select the unit under it


def _pixels(geom, view: tuple[tuple[float, float], int], size: tuple[int, int]):
    """``geom`` (degrees) in the pixels of a Leaflet map of ``size`` at ``view`` (Web Mercator, top-left origin)."""
    (lat, lon), zoom = view
    scale = 256 * 2**zoom

    def to_px(lons, lats):
        x = (np.asarray(lons) + 180) / 360 * scale
        y = (1 - np.log(np.tan(np.pi / 4 + np.radians(np.asarray(lats)) / 2)) / np.pi) / 2 * scale
        return x, y

    cx, cy = to_px(lon, lat)
    return shapely.transform(geom, lambda c: np.column_stack(to_px(c[:, 0], c[:, 1])) - [cx - size[0] / 2,
                                                                                         cy - size[1] / 2])  # fmt: skip


@pytest.mark.parametrize("width", [860, 1000, 1200, 1500])
def test_the_air_and_wastewater_legends_leave_the_province_clear_at_the_default_view(build_dir, width):
    from geo.air.load import load_sources, load_stations
    from layers import air_quality_map

    province = loader.load("districts_2019").to_crs(4326).union_all()
    points = pd.concat([load_stations()[["lon", "lat"]], load_sources()[["lon", "lat"]]])
    air_view = render.view_for_bounds((points["lon"].min(), points["lat"].min(), points["lon"].max(),
                                       points["lat"].max()), width_px=860, height_px=560, padding=0.06)  # fmt: skip
    ww_view = render.view_for_bounds(province.bounds, width_px=940, height_px=560, padding=0.03)  # ui/wastewater.py
    for view, height, legends in (
        (air_view, 600, (air_quality_map.AQI_LEGEND, air_quality_map.SOURCES_LEGEND)),
        (ww_view, 560, (kcn_ccn_map.STATUS_LEGEND, kcn_ccn_map.SHARE_LEGEND)),
    ):
        drawn = _pixels(province, view, (width, height))
        assert drawn.bounds[2] - drawn.bounds[0] > 800  # the province fills the map's width at zoom 10
        for position, size in legends:
            assert not drawn.intersects(box(*render.legend_rect(position, size, (width, height)))), (position, size)
    html = _html(air_quality_map.aqi_legend("vi").add_to(render.base_map("none")))
    assert "width:400px;max-height:74px;overflow:auto" in html  # the box never grows past the size checked above
    status = kcn_ccn_map.status_legend({"compliant": 3}, "vi")
    assert (status.position, status.box) == ("bottomright", (400, 72)) and "max-height:72px" in status.body


def _drawn(sheet: MapSheet, size: str = "projector") -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(map_png(sheet, size))).convert("RGB")).astype(int)


def _has(image: np.ndarray, colour: str, at_least: int = 30) -> bool:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(image - rgb).sum(axis=2) < 6).sum()) >= at_least


@pytest.fixture(scope="module")
def districts(build_dir):
    return loader.load("districts_2019", display=True)


def test_home_sheet_highlights_the_chosen_unit(districts):
    sheet = map_sheets.units_sheet(districts, "219", "vi", title="Bản đồ tỉnh", set_title="Huyện 2019",
                                   date="2019", source="dvhcvn")  # fmt: skip
    assert sheet.legend[1] == ("Huyện Lục Ngạn", map_sheets.SELECTED_FILL)
    assert sheet.frame["label"].tolist()[:1] != [""] and sheet.north == "B"
    image = _drawn(sheet)
    assert _has(image, map_sheets.SELECTED_FILL, 5000) and _has(image, map_sheets.UNIT_FILL, 5000)


def test_wastewater_sheet_colours_units_by_share_and_sites_by_compliance(districts):
    sites = ww.assess(kcn_ccn.load_register())
    summary = ww.unit_summary(sites, kcn_ccn.unit_names("districts_2019"), "districts_2019")
    sheet = map_sheets.wastewater_sheet(districts, summary, sites, "share_pct", "en", title="KCN/CCN wastewater",
                                        subtitle="Share", date="01/12/2026", source="register")  # fmt: skip
    assert sheet.points is not None and len(sheet.points) == len(sites)
    assert ("Not compliant", kcn_ccn_map.COMPLIANCE_COLOURS["not_compliant"]) in sheet.point_legend
    image = _drawn(sheet)
    for colour in {kcn_ccn_map.share_colour(v) for v in summary["share_pct"]}:
        assert _has(image, colour, 2000), colour
    assert _has(image, kcn_ccn_map.COMPLIANCE_COLOURS["not_compliant"], 200)


def test_forest_sheet_uses_the_cover_classes(districts):
    frame = districts.assign(forest_pct=np.linspace(5, 60, len(districts)), label=districts["name"])
    sheet = map_sheets.forest_sheet(frame, "vi", title="Độ che phủ rừng", subtitle="minh họa",
                                    legend_title="Độ che phủ", date="2024", source="ảnh minh họa")  # fmt: skip
    assert "mục tiêu 37 %" in sheet.legend_title
    image = _drawn(sheet)
    assert all(_has(image, c, 1000) for c in forest_map.COVER_COLOURS)


def test_air_sheet_colours_stations_by_aqi_class_and_greys_the_others(districts):
    stations = pd.DataFrame({"id": ["A", "B"], "lon": [106.2, 106.5], "lat": [21.3, 21.4]})
    snapshot = pd.DataFrame({"station_id": ["A"], "colour": [AQI_CLASSES[3].colour]})
    sheet = map_sheets.air_sheet(districts, stations, snapshot, "en", title="Air", subtitle="Day 31/10/2026",
                                 date="31/10/2026", source="illustrative")  # fmt: skip
    assert sheet.points is not None and sheet.points["colour"].tolist() == [AQI_CLASSES[3].colour, "#bdbdbd"]
    assert _has(_drawn(sheet), AQI_CLASSES[3].colour, 50)


def test_an_exported_legend_stands_beside_the_map_not_over_it(districts):
    sheet = map_sheets.units_sheet(districts, "219", "vi", title="T", set_title="Huyện 2019", date="2019", source="s")
    fig = map_figure(sheet, "projector")
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent()
    minx, miny, maxx, maxy = districts.to_crs(AREA_CRS).total_bounds
    (_, _), (x1, _) = ax.transData.transform([(minx, miny), (maxx, maxy)])
    assert legend.x0 > x1 and legend.x1 <= fig.bbox.x1  # right of the province, inside the page


def test_a_long_title_wraps_inside_the_page_instead_of_running_off_it(districts):
    title = "7 · Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung " * 2
    sheet = map_sheets.units_sheet(districts, "", "vi", title=title, set_title="Huyện", date="2019", source="s")
    fig = map_figure(sheet, "print")
    FigureCanvasAgg(fig).draw()
    heading = fig.texts[0]
    assert "\n" in heading.get_text() and heading.get_window_extent().x1 <= fig.bbox.x1


def test_data_years_name_the_years_the_values_come_from():
    frame = gpd.GeoDataFrame({"year": [2021, 2025, None]}, geometry=[box(0, 0, 1, 1)] * 3)
    assert data_years(frame, 2025) == "2021–2025"
    assert data_years(frame.iloc[[0]], 2025) == "2021"
    assert data_years(frame.iloc[[2]], 2025) == "2025"  # no value: the year asked for


def test_brief_pages_are_all_a4_landscape_and_maps_say_their_data_year(build_dir, districts):
    register, values = loader.load("targets"), loader.load("indicator_values")
    status = status_table(register, values, year=2025)
    joined = unit_status(districts, status, "7", "districts_2019")
    row = register[register["id"] == "7"].to_dict("records")[0]
    sheet = map_sheet(joined, row, "vi", 2025, "sổ KCN/CCN")
    pdf = brief_pdf("Tiến độ tăng trưởng xanh — " + "Huyện Lục Ngạn " * 8, "Năm 2025", cards(register, status, "vi"),
                    [sheet], [("Bảng " * 40, joined[["name", "value"]])], "minh họa")  # fmt: skip
    reader = PdfReader(io.BytesIO(pdf))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(842, 595)}  # A4 landscape in points, every page
    text = reader.pages[1].extract_text()
    assert re.search(r"Số liệu năm 20\d\d(–20\d\d)? — mục tiêu 2030", text), text[:300]
