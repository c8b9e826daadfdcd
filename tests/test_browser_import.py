"""Importing a department's unit layer on the "Dữ liệu" page in a real headless Chromium with no internet: a zipped
VN-2000 Shapefile with no .prj and TCVN3 names → the report asks for the grid → EPSG:9214 → preview → commit → the
new unit set is offered on the home page."""

import re

import pytest
from playwright.sync_api import expect

from geo.store import history, versions
from tests.browser import ARTIFACTS, map_frame, offline_page
from tests.store_support import PASSWORD
from tests.test_importers import CHECK_E, CHECK_N, _shapefile_zip, _square, _units_frame, tcvn3

pytestmark = pytest.mark.browser
UNIT_SET = "vung_thu_nghiem"


def _zip(tmp_path) -> bytes:
    """Two 500 m squares in EPSG:9214 at the DOMAIN.md check point, DBF names in TCVN3 bytes, no .prj, no .cpg."""
    names = [tcvn3("Vùng Bắc").decode("latin-1"), tcvn3("Vùng Đồng").decode("latin-1")]
    frame = _units_frame(names, "EPSG:9214", [_square(CHECK_E, CHECK_N), _square(CHECK_E + 1000, CHECK_N)])
    return _shapefile_zip(tmp_path, frame, prj=False, name="vung_quy_hoach")


def _shot(page, name: str, at=None) -> None:
    """A PNG of the page (scrolled to ``at``) under artifacts/browser/."""
    if at is not None:
        at.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"import_{name}.png"), full_page=True)


def _switch(page, language: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(language, exact=True).click()


def test_an_admin_imports_a_vn2000_shapefile_chooses_the_grid_previews_commits_and_finds_the_unit_set(
    build_dir, tmp_path
):
    upload = tmp_path / "vung_quy_hoach.zip"
    upload.write_bytes(_zip(tmp_path))
    env = {"BGGM_TILES": "none", "BGGM_USER_DATA_DIR": str(tmp_path / "department"),
           "BGGM_UPLOAD_DIR": str(tmp_path / "uploads")}  # fmt: skip
    with offline_page(env, path="/du-lieu") as (page, blocked):
        sidebar = page.get_by_test_id("stSidebar")
        expect(page.get_by_role("heading", name="Dữ liệu", exact=True)).to_be_visible(timeout=30_000)
        sidebar.get_by_label("Tên đăng nhập").fill("an")
        sidebar.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
        sidebar.get_by_role("button", name="Đăng nhập").click()
        expect(sidebar.get_by_text("Đang đăng nhập: an")).to_be_visible(timeout=30_000)
        page.get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name="Đơn vị hành chính").click()
        expect(page.get_by_role("heading", name="Nhập dữ liệu — Đơn vị hành chính")).to_be_visible(timeout=30_000)
        page.get_by_label("Tên bộ đơn vị mới").fill(UNIT_SET)
        page.get_by_label("Tên bộ đơn vị mới").press("Enter")
        page.wait_for_timeout(1500)
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(upload))

        # the report: no CRS, VN-2000 metres recognised, TCVN3 detected; the grid is asked for
        expect(page.get_by_text("Tệp không có hệ tọa độ: chọn lưới VN-2000")).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile("Tệp có 1 lỗi: chưa ghi gì"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"bảng mã TCVN3"))).to_be_visible()
        _shot(page, "1_crs_question_vi", page.get_by_text("Tệp không có hệ tọa độ: chọn lưới VN-2000"))
        _switch(page, "English")
        expect(page.get_by_text("The file has no CRS: choose the VN-2000 grid")).to_be_visible(timeout=30_000)
        _shot(page, "1_crs_question_en", page.get_by_text("The file has no CRS: choose the VN-2000 grid"))
        _switch(page, "Tiếng Việt")
        expect(page.get_by_text("Tệp không có hệ tọa độ: chọn lưới VN-2000")).to_be_visible(timeout=30_000)

        page.get_by_text(re.compile(r"^EPSG:9214 — .*trong tỉnh")).click()
        page.get_by_role("button", name="Đọc lại với lưới này").click()
        expect(page.get_by_text("Tệp hợp lệ: không có lỗi.")).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile(r"2 dòng; bảng mã TCVN3; hệ tọa độ EPSG:9214"))).to_be_visible()
        expect(map_frame(page).locator("path.leaflet-interactive")).to_have_count(2, timeout=30_000)
        expect(
            page.get_by_text(re.compile(r"Khác biệt so với phiên bản hiện tại \(1\): thêm 2, sửa 0, xóa 0"))
        ).to_be_visible()
        _shot(page, "2_preview_vi", page.get_by_text("Xem trước trên bản đồ"))
        _shot(page, "3_diff_vi", page.get_by_role("button", name="Ghi phiên bản mới"))
        _switch(page, "English")
        expect(page.get_by_text(re.compile(r"Differences from the current version \(1\): 2 added"))).to_be_visible(
            timeout=30_000
        )
        _shot(page, "3_diff_en", page.get_by_role("button", name="Write a new version"))
        _switch(page, "Tiếng Việt")

        page.get_by_label("Lý do thay đổi (bắt buộc)").fill("Vùng quy hoạch thử nghiệm")
        page.get_by_role("button", name="Ghi phiên bản mới").click()
        expect(page.get_by_text("Đã ghi units phiên bản 2: thêm 2, sửa 0, xóa 0.")).to_be_visible(timeout=60_000)
        _shot(page, "4_committed_vi", page.get_by_text("Đã ghi units phiên bản 2: thêm 2, sửa 0, xóa 0."))
        past = history.history("units")
        assert (past["version"].iloc[0], past["user_name"].iloc[0]) == (2, "an")
        assert past["source_name"].iloc[0] == "vung_quy_hoach.zip"
        stored = versions.current("units")
        mine = stored[stored["unit_set"] == UNIT_SET]
        assert sorted(mine["name"]) == ["Vùng Bắc", "Vùng Đồng"] and mine["area_km2"].tolist() == [0.25, 0.25]
        assert sorted(mine["name_key"]) == ["vung bac", "vung dong"]

        page.goto(page.url.split("/du-lieu")[0] + "/ban-do")
        expect(page.get_by_text("Bản đồ tăng trưởng xanh Bắc Giang")).to_be_visible(timeout=30_000)
        choice = page.get_by_text(f"{UNIT_SET} (tự nhập, 2 đơn vị)")
        expect(choice).to_be_visible(timeout=30_000)
        choice.click()
        expect(map_frame(page).locator("path.leaflet-interactive")).to_have_count(2, timeout=30_000)
        _shot(page, "5_home_unit_set_vi", choice)
    assert blocked == []
