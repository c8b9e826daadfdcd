"""Strings of the page "Độ che phủ rừng" (Vietnamese first, English second)."""

from __future__ import annotations

from geo.errors import Text

TITLE = Text("Độ che phủ rừng", "Forest cover")
INTRO = Text(
    "Mục tiêu 5 của Kế hoạch tăng trưởng xanh (QĐ 1026/QĐ-UBND): độ che phủ rừng **37 %** vào năm 2030. Tỷ lệ che "
    "phủ = diện tích rừng đạt tiêu chí thành rừng ÷ diện tích tự nhiên × 100; rừng trồng chưa thành rừng được tính "
    "vào diện tích rừng nhưng không tính vào tỷ lệ che phủ. Số liệu chính thức và số ước tính từ ảnh đo những thứ "
    "khác nhau nên luôn được ghi riêng, cạnh nhau.",
    "Target 5 of the green-growth plan (Decision 1026/QĐ-UBND): forest cover **37 %** by 2030. Cover rate = forest "
    "meeting the criteria ÷ natural land area × 100; young plantations count in forest area but not in the rate. "
    "Official statistics and raster estimates measure different things, so they are always shown apart, side by side.",
)
ILLUSTRATIVE = Text(
    "⚠️ Ảnh phân loại rừng đang dùng là **MINH HỌA**, không phải bản đồ hiện trạng rừng: tạo bằng chương trình, "
    "hiệu chỉnh để độ che phủ của từng huyện khớp số liệu công bố năm 2020 ở nơi đã có (Sơn Động, Yên Thế, Lục "
    "Ngạn, Hiệp Hòa và toàn tỉnh); các huyện khác và mọi xã/phường là số giả định. Không dùng làm số liệu chính thức.",
    "⚠️ The forest class raster in use is **ILLUSTRATIVE**, not a forest status map: generated and calibrated so "
    "that each district's cover matches the published 2020 figure where there is one (Sơn Động, Yên Thế, Lục Ngạn, "
    "Hiệp Hòa and the province); other districts and all communes are invented. Not an official figure.",
)
ABOUT_RASTER = Text(
    "Ảnh minh họa được tạo khi cài đặt bằng `scripts/make_forest_raster.py` (cố định hạt giống ngẫu nhiên). Khi có "
    "bản đồ rừng thật, khai báo nó trong `data/monitoring/forest_classes.toml`.",
    "The illustrative raster is made at set-up by `scripts/make_forest_raster.py` (seeded). Declare a real forest "
    "map in `data/monitoring/forest_classes.toml`.",
)
REAL_RASTER = Text(
    "Số ước tính từ ảnh ({title}) đo lớp phủ nhìn thấy trên ảnh, không áp dụng tiêu chí thành rừng (0,3 ha, độ tàn "
    "che, chiều cao) như thống kê chính thức: hai số được ghi riêng.",
    "Raster estimates ({title}) measure what the image shows, without the legal forest criteria (0.3 ha, canopy, "
    "height) of the official statistic: the two are shown apart.",
)
UNIT_SET = Text("Bộ đơn vị", "Unit set")
OVERLAY = Text("Hiện ảnh phân loại rừng", "Show the forest class raster")
OPACITY = Text("Độ đậm của ảnh", "Raster opacity")
COMPUTING = Text("Đang tính thống kê vùng chính xác trên ảnh…", "Computing exact zonal statistics on the raster…")
M_OFFICIAL = Text("Thống kê chính thức 2020 (toàn tỉnh)", "Official statistic 2020 (province)")
M_RASTER = Text("Ước tính từ ảnh {year}", "Raster estimate {year}")
M_ILLUSTRATIVE = Text("(minh họa)", "(illustrative)")
M_TARGET = Text("Mục tiêu 2030", "2030 target")
M_GAP = Text("so với mục tiêu", "vs target")
LEGEND = Text("Độ che phủ rừng – ước tính từ ảnh", "Forest cover – raster estimate")
TARGET_LINE = Text("Mục tiêu 2030: {target:g} %", "2030 target: {target:g} %")
NO_VALUE = Text("Không có dữ liệu", "No data")
RASTER_LEGEND = Text("Ảnh phân loại", "Class raster")
F_UNIT = Text("Đơn vị", "Unit")
F_RASTER = Text("Che phủ – ước tính từ ảnh {year}", "Cover – raster estimate {year}")
F_OFFICIAL = Text("Che phủ – thống kê chính thức {year}", "Cover – official statistic {year}")
F_GAP = Text("Chênh lệch với mục tiêu {target:g} % (ảnh)", "Gap to the {target:g} % target (raster)")
F_OFFICIAL_GAP = Text("Chênh lệch với mục tiêu (chính thức)", "Gap to the target (official)")
F_FOREST = Text("Rừng tính che phủ (ảnh)", "Forest in the cover rate (raster)")
F_NODATA = Text("Phần không có dữ liệu ảnh", "Share without raster data")
NOT_PUBLISHED = Text("chưa có số liệu công bố", "not published")
TABLE = Text("Bảng theo đơn vị", "Table by unit")
TABLE_HELP = Text(
    "Diện tích đo trong VN-2000 / TM-3 107°00′. Pixel cắt ranh giới được tính theo phần diện tích nằm trong đơn vị. "
    "“Chênh lệch” = che phủ − 37 % (âm: chưa đạt).",
    "Areas in VN-2000 / TM-3 107°00′. Pixels cut by a boundary count by the share of their area inside the unit. "
    "“Gap” = cover − 37 % (negative: below the target).",
)
COMMUNES_NOTE = Text(
    "Xã/phường 2025 chưa có số liệu che phủ chính thức. Xã có một phần ngoài Bắc Giang cũ: phần đó không có dữ liệu "
    "ảnh (cột “Không có dữ liệu”), tỷ lệ che phủ tính trên phần có dữ liệu.",
    "2025 communes have no official cover figure yet. Communes partly outside former Bắc Giang have no raster data "
    "there (“No data” column); their cover is taken over the part with data.",
)
DOWNLOAD_CSV = Text("Tải bảng CSV", "Download CSV")
DOWNLOAD_XLSX = Text("Tải bảng Excel", "Download Excel")
SOURCE_RASTER = Text("Nguồn ảnh: {source}", "Raster source: {source}")
SOURCE_OFFICIAL = Text("Số liệu chính thức 2020: {source}", "Official 2020 figures: {source}")
IN_VIETNAMESE = Text("", "(Vietnamese original)")
KINDS = {"status": Text("hiện trạng", "status"), "plan": Text("kế hoạch", "plan")}
OFFICIAL_TITLE = Text("Số liệu rừng chính thức và nguồn", "Official forest figures and sources")
CERTIFIED = Text(
    "**Mục tiêu 5b – rừng có chứng chỉ quản lý rừng bền vững:** {target} vào năm 2030. Chưa tìm thấy số liệu công "
    "bố về diện tích đã được cấp chứng chỉ; kế hoạch của tỉnh đến 2025 là {plan} ({source}). Số liệu 5b trên "
    "trang Tiến độ mục tiêu là minh họa cho đến khi Sở nhập số thật.",
    "**Target 5b – forest with a sustainable-management certificate:** {target} by 2030. No published figure of the "
    "certified area was found; the province's plan for 2025 is {plan} ({source}). Target 5b values on the progress "
    "page are illustrative until the department enters real ones.",
)
XLSX_TITLE = Text("Độ che phủ rừng theo đơn vị", "Forest cover by unit")
