"""The import part of the "Dữ liệu" page (AppTest on a seeded store): upload → report → differences → commit."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import history, mappings, sessions, versions

HARNESS = str(Path(__file__).resolve().parent / "page_harness.py")
GOOD = (
    "Mã chỉ tiêu,Bộ đơn vị,Mã đơn vị,Năm,Giá trị,Nguồn,Minh họa\n"
    "5a,province,24,2021,39.5,Báo cáo thử 2021,không\n"
    "5a,province,24,2020,38.5,Báo cáo thử 2020,không\n"
)
BAD = "Mã chỉ tiêu,Bộ đơn vị,Mã đơn vị,Năm,Giá trị,Nguồn,Minh họa\n5a,tinh,24,1999,abc,x,không\n"


@pytest.fixture(autouse=True)
def user_data(tmp_path, monkeypatch):
    """Uploads unpack in this test's own area."""
    monkeypatch.setenv("BGGM_UPLOAD_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("BGGM_TILES", "none")


def _page(user: str | None, dataset: str = "indicator_values") -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=120)
    at.session_state["_page"] = "data_page"
    if user is not None:
        at.session_state["auth_token"] = sessions.create_session(user)
    at.run()
    return at.selectbox(key="store_dataset").set_value(dataset).run()


def _upload(at: AppTest, data: bytes, name: str) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def _table(at: AppTest, column: str):
    """The first table shown with ``column`` (AppTest does not expose a table's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _texts(elements) -> str:
    """The elements' text as a person reads it (Markdown escapes of text from data removed)."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def test_an_editor_uploads_a_good_csv_sees_the_differences_commits_and_the_history_has_the_new_version():
    at = _upload(_page("binh"), GOOD.encode("utf-8"), "chi_tieu.csv")
    assert not at.exception, at.exception
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert "Tệp chi_tieu.csv: 2 dòng; bảng mã UTF-8" in _texts(at.caption)
    heads = _texts(at.markdown)
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 1, sửa 1, xóa 0" in heads
    diff = _table(at, "Dòng (khóa)")
    changed = diff[(diff["Thay đổi"] == "sửa") & (diff["Cột"] == "value")].iloc[0]
    assert (changed["Cũ"], changed["Mới"]) == ("38", "38,5")
    assert "2021" in " ".join(diff["Dòng (khóa)"])
    at.text_input(key="import_reason_indicator_values").input("số liệu năm 2021")
    next(b for b in at.button if b.label == "Ghi phiên bản mới").click()
    at.run()
    assert not at.exception, at.exception
    assert "Đã ghi indicator_values phiên bản 2: thêm 1, sửa 1, xóa 0." in _texts(at.success)
    past = history.history("indicator_values")
    assert past["version"].iloc[0] == 2 and past["user_name"].iloc[0] == "binh"
    assert past["reason"].iloc[0] == "số liệu năm 2021" and past["source_name"].iloc[0] == "chi_tieu.csv"
    shown = _table(at, "Tệp nguồn")
    assert shown["Phiên bản"].iloc[0] == 2 and shown["Loại"].iloc[0] == "nhập"


def test_a_file_with_problems_shows_each_by_row_and_field_and_stores_nothing():
    at = _upload(_page("binh"), BAD.encode("utf-8"), "sai.csv")
    assert not at.exception, at.exception
    assert "Tệp có 3 lỗi: chưa ghi gì." in _texts(at.error)
    table = _table(at, "Cách sửa")
    assert set(zip(table["Dòng"], table["Cột"], strict=True)) == {("2", "unit_set"), ("2", "year"), ("2", "value")}
    assert all(table["Cách sửa"].str.len() > 0)
    assert "Ghi phiên bản mới" not in [b.label for b in at.button]
    labels = [b.label for b in at.get("download_button")]
    assert "Tải báo cáo kiểm tra (XLSX)" in labels
    assert versions.head_version("indicator_values") == 1


def test_a_viewer_and_an_editor_without_the_grant_see_who_can_import_and_no_upload():
    for user in ("dung", "chi", None):
        at = _page(user)
        assert not at.exception
        assert "Chỉ biên tập viên được cấp quyền" in _texts(at.info)
        assert not at.file_uploader


def test_an_unknown_header_is_mapped_on_the_page_remembered_and_offered_next_time():
    text = GOOD.replace("Nguồn,", "Cơ quan báo cáo,")
    at = _upload(_page("binh"), text.encode("utf-8"), "chi_tieu.csv")
    assert "Tệp có" in _texts(at.error)
    choice = next(s for s in at.selectbox if s.label == "Cơ quan báo cáo")
    choice.set_value("source")
    next(b for b in at.button if b.label == "Áp dụng và đọc lại").click()
    at.run()
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert mappings.remembered("binh", "indicator_values") == {"Cơ quan báo cáo": "source"}
    again = _upload(_page("binh"), text.encode("utf-8"), "lan_sau.csv")  # a new session: offered from memory
    assert "Tệp hợp lệ: không có lỗi." in _texts(again.success)
    assert "Dùng ánh xạ đã nhớ: Cơ quan báo cáo → source" in _texts(again.caption)


def test_the_page_in_english_titles_tables_and_download_labels_in_english():
    at = _page("an")
    at.session_state["lang"] = "en"
    at.run()
    overview = _table(at, "Dataset")
    assert list(overview.columns[:4]) == ["Dataset", "Version", "Rows", "Illustrative share"]
    assert "60,995" in overview["Rows"].tolist()
    assert "First version: the files shipped with the app" in overview["Reason"].tolist()
    labels = " ".join(b.label for b in at.get("download_button"))
    assert "phiên bản" not in labels and "indicator_values version 1" in labels


def test_an_invalid_polygon_is_listed_with_its_areas_and_repaired_when_the_user_asks_then_the_set_is_written():
    from tests.test_importers import BOWTIE, SQUARE, _feature, _geojson

    at = _page("an", "units")
    at.text_input(key="import_unit_set").input("vung_no").run()
    at = _upload(at, _geojson([_feature("A", "Vùng A", SQUARE), _feature("B", "Vùng nơ", BOWTIE)]), "z.geojson")
    table = _table(at, "Cách sửa")
    assert (table["Dòng"].iloc[0], table["Mã lỗi"].iloc[0]) == ("2", "invalid_geometry")
    assert "make_valid: diện tích" in table["Cách sửa"].iloc[0] and " ha → " in table["Cách sửa"].iloc[0]
    at.checkbox(key="import_repair_units").check().run()
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert "geometry_repaired" in _table(at, "Mã lỗi")["Mã lỗi"].tolist()  # the notes say what was repaired
    at.radio(key="import_mode_units").set_value("replace").run()
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 2, sửa 0, xóa 0" in _texts(at.markdown)  # other sets kept
    at.text_input(key="import_reason_units").input("vùng thử")
    next(b for b in at.button if b.label == "Ghi phiên bản mới").click()
    at.run()
    assert "Đã ghi units phiên bản 2: thêm 2, sửa 0, xóa 0." in _texts(at.success)
    stored = versions.current("units")
    assert len(stored) == 170 and sorted(stored[stored["unit_set"] == "vung_no"]["code"]) == ["A", "B"]


def test_a_file_without_a_crs_asks_for_the_grid_and_is_read_again_with_the_choice():
    from tests.test_importers import CHECK_E, CHECK_N

    text = f"Mã,Tên,Loại,X,Y\nK1,KCN Thử,KCN,{CHECK_N},{CHECK_E}\n"
    at = _upload(_page("an", "kcn_ccn"), text.encode(), "kcn.csv")
    assert next(r.options for r in at.radio if r.key == "import_crs_kcn_ccn")[0].startswith("EPSG:9214 — ")
    at.radio(key="import_crs_kcn_ccn").set_value("EPSG:9214")
    next(b for b in at.button if b.label == "Đọc lại với lưới này").click()
    at.run()
    assert "Tệp hợp lệ: không có lỗi." in _texts(at.success)
    assert "hệ tọa độ EPSG:9214" in _texts(at.caption)
    assert "Khác biệt so với phiên bản hiện tại (1): thêm 1, sửa 0, xóa 0" in _texts(at.markdown)


def test_a_write_by_someone_else_after_the_differences_were_shown_is_refused_with_the_stores_message():
    at = _upload(_page("binh"), GOOD.encode("utf-8"), "chi_tieu.csv")
    assert "Khác biệt so với phiên bản hiện tại (1)" in _texts(at.markdown)
    theirs = versions.current("indicator_values")
    theirs = theirs[(theirs["target_id"] == "5a") & (theirs["unit_set"] == "province") & (theirs["year"] == 2020)]
    versions.write("indicator_values", theirs.assign(value=40.0), user="an", reason="sửa cùng lúc", base_version=1)
    at.text_input(key="import_reason_indicator_values").input("của tôi")
    next(b for b in at.button if b.label == "Ghi phiên bản mới").click()
    at.run()
    assert "an ghi lúc" in _texts(at.error) and "sửa cùng lúc" in _texts(at.error)
    assert versions.head_version("indicator_values") == 2  # theirs only: nothing of this file was written


def test_a_file_over_the_size_limit_from_settings_is_refused_by_the_report(monkeypatch):
    monkeypatch.setenv("BGGM_IMPORT_MAX_BYTES", "100")
    at = _upload(_page("binh"), GOOD.encode("utf-8") + b" " * 200, "lon.csv")
    assert "file_too_large" in _table(at, "Mã lỗi")["Mã lỗi"].tolist()
    assert versions.head_version("indicator_values") == 1
