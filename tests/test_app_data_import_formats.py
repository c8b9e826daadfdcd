"""The "Dữ liệu" page's import with the files people hold (AppTest on a seeded store): a KCN/CCN register in XLSX with
Vietnamese headers and only the essential columns, CSVs in Windows-1258 and UTF-16 with ';' and decimal commas,
swapped lon/lat, hourly measurements in the station system's wide form, a forest GeoTIFF, and a large file's
progress."""

from __future__ import annotations

import io
import unicodedata

import numpy as np
import openpyxl
import pandas as pd
import rasterio
from rasterio.transform import Affine

from geo.store import history, versions
from tests.test_app_data_import import _page, _table, _texts, _upload, user_data  # noqa: F401  (the fixture)

KCN_ROWS = 60  # the seeded register's rows (data/monitoring/kcn_ccn.csv)


def _commit(at, name: str, reason: str):
    at.text_input(key=f"import_reason_{name}").input(reason)
    next(b for b in at.button if b.label == "Ghi phiên bản mới").click()
    return at.run()


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_kcn_register_in_xlsx_with_vietnamese_headers_and_only_the_essential_columns_is_imported():
    data = _xlsx([["Mã", "Tên", "Loại", "Kinh độ", "Vĩ độ"],
                  ["THU-01", "KCN Thử Nghiệm", "KCN", 106.19, 21.27],
                  ["THU-02", "CCN Thử Nghiệm", "CCN", 106.25, 21.30]])  # fmt: skip
    before = len(versions.current("kcn_ccn"))
    at = _upload(_page("an", "kcn_ccn"), data, "so_kcn.xlsx")
    assert not at.exception, at.exception
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert "Tệp so_kcn.xlsx: 2 dòng" in _texts(at.caption)
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 2, sửa 0, xóa 0" in _texts(at.markdown)
    at = _commit(at, "kcn_ccn", "hai khu mới")
    assert not at.exception, at.exception
    assert "Đã ghi kcn_ccn phiên bản 2: thêm 2, sửa 0, xóa 0." in _texts(at.success)
    stored = versions.current("kcn_ccn").set_index("id")
    assert len(stored) == before + 2
    new = stored.loc[["THU-01", "THU-02"]]
    assert new["name"].tolist() == ["KCN Thử Nghiệm", "CCN Thử Nghiệm"]
    assert new["kind"].tolist() == ["KCN", "CCN"]
    assert new["lon"].tolist() == [106.19, 106.25] and new["lat"].tolist() == [21.27, 21.30]
    assert new["status"].isna().all() and new["area_ha"].isna().all()  # the columns the file lacks: no data


TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below: combining in cp1258


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: a letter the code page lacks is its base letter and a combining tone mark."""
    out = []
    for ch in text:
        if not _encodes(ch):
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in TONES)
            ch = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tone
        out.append(ch.encode("cp1258"))
    return b"".join(out)


def _encodes(ch: str) -> bool:
    try:
        ch.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def test_a_windows_1258_csv_is_converted_shown_and_stored_in_unicode():
    raw = _cp1258("Mã,Tên,Loại,Kinh độ,Vĩ độ\nTHU-01,KCN Bắc Giang Thử,KCN,106.19,21.27\n")
    at = _upload(_page("an", "kcn_ccn"), raw, "kcn_1258.csv")
    assert "Tệp kcn_1258.csv: 1 dòng; bảng mã Windows-1258" in _texts(at.caption)
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    at = _commit(at, "kcn_ccn", "bảng mã cũ")
    assert "Đã ghi kcn_ccn phiên bản 2: thêm 1, sửa 0, xóa 0." in _texts(at.success)
    assert versions.current("kcn_ccn").set_index("id").loc["THU-01", "name"] == "KCN Bắc Giang Thử"


def test_a_utf16_csv_with_semicolons_and_decimal_commas_is_read_with_vietnamese_numbers():
    text = (
        "Mã;Tên;Loại;Kinh độ;Vĩ độ;Diện tích (ha)\n"
        "THU-01;KCN Thử A;KCN;106,19;21,27;1.234,5\n"
        "THU-02;CCN Thử B;CCN;106,2;21,3;12,5\n"
    )
    at = _upload(_page("an", "kcn_ccn"), text.encode("utf-16"), "kcn_utf16.csv")
    assert "Tệp kcn_utf16.csv: 2 dòng; bảng mã UTF-16" in _texts(at.caption)
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    at = _commit(at, "kcn_ccn", "tệp UTF-16")
    assert "Đã ghi kcn_ccn phiên bản 2: thêm 2, sửa 0, xóa 0." in _texts(at.success)
    new = versions.current("kcn_ccn").set_index("id").loc[["THU-01", "THU-02"]]
    assert new["area_ha"].tolist() == [1234.5, 12.5]
    assert new["lon"].tolist() == [106.19, 106.2] and new["lat"].tolist() == [21.27, 21.3]


def test_a_latitude_of_106_is_refused_naming_the_row_and_suggesting_a_swap():
    text = "Mã,Tên,Loại,Kinh độ,Vĩ độ\nTHU-01,KCN A,KCN,106.19,21.27\nTHU-02,KCN B,KCN,21.27,106.19\n"
    at = _upload(_page("an", "kcn_ccn"), text.encode(), "dao.csv")
    assert "Tệp có 1 lỗi: chưa ghi gì." in _texts(at.error)
    table = _table(at, "Cách sửa")
    row = table.iloc[0]
    assert (row["Dòng"], row["Cột"], row["Mã lỗi"]) == ("3", "lat", "lonlat_swapped")
    assert "106,19" in row["Nhận được"] or "106.19" in row["Nhận được"]
    assert "đổi" in row["Cách sửa"].lower()
    assert "Ghi phiên bản mới" not in [b.label for b in at.button]
    assert versions.head_version("kcn_ccn") == 1


WIDE_HEADER = "Thời gian,BG01 PM2.5,BG01 PM10,BG02 PM2.5,BG02 PM10\n"


def test_hourly_measurements_in_the_wide_form_are_appended_and_a_stored_hour_with_another_value_is_a_change():
    before = len(versions.current("aq_hourly"))
    new_hours = WIDE_HEADER + "01/11/2026 00:00,21.5,40.2,25.0,44.0\n01/11/2026 01:00,22.5,41.0,26.0,45.5\n"
    at = _upload(_page("an", "aq_hourly"), new_hours.encode(), "tram_gio.csv")
    assert not at.exception, at.exception
    assert at.radio(key="import_mode_aq_hourly").value == "append"  # the default for hourly measurements
    assert "Tệp tram_gio.csv: 4 dòng" in _texts(at.caption)
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 4, sửa 0, xóa 0" in _texts(at.markdown)
    at = _commit(at, "aq_hourly", "số liệu giờ tháng 11")
    assert "Đã ghi aq_hourly phiên bản 2: thêm 4, sửa 0, xóa 0." in _texts(at.success)
    stored = versions.current("aq_hourly")
    assert len(stored) == before + 4
    added = stored[(stored["station_id"] == "BG02") & (stored["time"].astype(str).str.startswith("2026-11-01 01"))]
    assert added[["pm25", "pm10"]].values.tolist() == [[26.0, 45.5]]

    # the seeded hour BG01 2025-11-01 00:00 holds PM2.5 40.9: a file saying 45 is shown as a change, not appended
    again = WIDE_HEADER + "01/11/2026 02:00,23.0,42.0,27.0,46.0\n01/11/2025 00:00,45,53.8,,\n"
    at = _upload(_page("an", "aq_hourly"), again.encode(), "tram_gio_2.csv")
    assert not at.exception, at.exception
    diff = _table(at, "Dòng (khóa)")
    changed = diff[(diff["Thay đổi"] == "sửa") & (diff["Cột"] == "pm25")]
    assert changed[["Cũ", "Mới"]].values.tolist() == [["40,9", "45"]]
    assert "BG01" in changed["Dòng (khóa)"].iloc[0] and "2025-11-01" in changed["Dòng (khóa)"].iloc[0]
    assert "append_changes_stored" in _texts(at.error) or "thêm mới" in _texts(at.error)
    assert "Ghi phiên bản mới" not in [b.label for b in at.button]
    assert versions.head_version("aq_hourly") == 2


def _geotiff(crs: str, transform: Affine, data: np.ndarray) -> bytes:
    with rasterio.MemoryFile() as memory:
        with memory.open(driver="GTiff", width=data.shape[1], height=data.shape[0], count=1, dtype="uint8",
                         crs=crs, transform=transform, nodata=0) as dst:  # fmt: skip
            dst.write(data, 1)
        return bytes(memory.read())


def test_a_forest_geotiff_in_utm_is_imported_with_its_classes_date_and_flag_and_catalogued_by_its_hash(
    tmp_path, monkeypatch
):
    import hashlib

    monkeypatch.setenv("BGGM_RASTER_DIR", str(tmp_path / "rasters"))
    data = np.array([[1, 2, 2], [1, 1, 0]], dtype="uint8")
    tif = _geotiff("EPSG:32648", Affine(30, 0, 620_000, 0, -30, 2_355_000), data)
    at = _page("an", "forest_raster")
    at.text_area(key="import_classes").input("1=rừng tự nhiên\n2=rừng trồng").run()
    at.text_input(key="import_date").input("2025-12-31").run()
    at.checkbox(key="import_illustrative").check().run()
    at = _upload(at, tif, "rung_2025.tif")
    assert not at.exception, at.exception
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert "hệ tọa độ EPSG:32648" in _texts(at.caption)
    assert "Khác biệt so với phiên bản hiện tại" in _texts(at.markdown)
    at = _commit(at, "forest_raster", "ảnh rừng 2025")
    assert not at.exception, at.exception
    assert "Đã ghi forest_raster phiên bản" in _texts(at.success)
    catalogue = versions.current("forest_raster").set_index("name")
    row = catalogue.loc["rung_2025"]
    assert row["sha256"] == hashlib.sha256(tif).hexdigest()
    assert row["size_bytes"] == len(tif) and row["year"] == 2025 and bool(row["illustrative"]) is True
    assert row["classes"] == "1=rừng tự nhiên;2=rừng trồng"
    with open(row["path"], "rb") as kept:  # the file is kept where the catalogue says, unchanged
        assert kept.read() == tif
    log = history.history("forest_raster")
    assert log["source_sha256"].iloc[0] == row["sha256"] and log["user_name"].iloc[0] == "an"


def _hourly_rows(n: int) -> bytes:
    times = pd.date_range("2026-11-01", periods=n // 8, freq="h")
    frame = pd.DataFrame(
        {
            "station_id": np.repeat([f"BG0{i}" for i in range(1, 9)], len(times)),
            "time": np.tile(times.strftime("%Y-%m-%d %H:%M"), 8),
            "pm25": np.round(np.linspace(5, 80, len(times) * 8), 1),
            "pm10": 40.0,
            **dict.fromkeys(["o3", "no2", "so2"], 10.0),
            "co": 600.0,
        }
    )
    return frame.to_csv(index=False).encode()


def test_a_large_file_shows_the_reading_stages_then_the_final_state():
    at = _upload(_page("an", "aq_hourly"), _hourly_rows(50_000), "lon.csv")
    assert not at.exception, at.exception
    status = next(s for s in at.status if "tệp" in s.label)
    assert (status.label, status.state) == ("Đã đọc xong tệp.", "complete")
    bars = at.progress
    assert len(bars) == 1 and (bars[0].value, bars[0].proto.text) == (100, "xong")
    assert "Tệp lon.csv: 50.000 dòng" in _texts(at.caption)
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 50.000, sửa 0, xóa 0" in _texts(at.markdown)
