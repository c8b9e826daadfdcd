"""The strings of the page "Nước thải KCN/CCN" (Vietnamese first, English second)."""

from __future__ import annotations

from geo.errors import Text

PAGE_TITLE = Text("Nước thải KCN/CCN", "KCN/CCN wastewater")
CAPTION = Text(
    "Chỉ tiêu 7 của Kế hoạch tăng trưởng xanh (QĐ 1026/QĐ-UBND): 100 % KCN, CCN đang hoạt động có hệ thống xử lý "
    "nước thải tập trung. Luật BVMT 2020 (Điều 51–52) và NĐ 08/2022 (sửa đổi bởi NĐ 05/2025): trạm từ 200 m³/ngày "
    "phải có quan trắc tự động, liên tục truyền dữ liệu.",
    "Target 7 of the green-growth plan (Decision 1026/QĐ-UBND): 100 % of operating industrial parks (KCN) and "
    "clusters (CCN) have a centralised wastewater treatment system. Law on Environmental Protection 2020 (Art. 51–52) "
    "and Decree 08/2022 (amended by Decree 05/2025): plants from 200 m³/day need automatic monitoring that transmits.",
)
NOTICE = Text(
    "Số liệu minh họa không phải số liệu chính thức. {flagged}/{total} dòng có giá trị minh họa (đánh dấu * trong "
    "cửa sổ thông tin), trong đó {made_up} KCN/CCN hoàn toàn minh họa (viền đứt trên bản đồ, tên “CCN minh họa …”). "
    "Số liệu thật kèm nguồn công khai ở từng dòng.",
    "Illustrative values are not official figures. {flagged}/{total} rows hold illustrative values (starred in the "
    "popup), {made_up} of them are made-up sites (dashed outline, named “CCN minh họa …”). Real figures cite their "
    "public source on every row.",
)
TARGET7 = Text("Chỉ tiêu 7 – toàn tỉnh", "Target 7 – province")
TARGET7_FILTERED = Text("Chỉ tiêu 7 – theo bộ lọc", "Target 7 – filtered sites")
TARGET7_DETAIL = Text(
    "{with_plant}/{operating} KCN/CCN đang hoạt động có trạm XLNT tập trung đang vận hành (mục tiêu 100 %)",
    "{with_plant}/{operating} operating sites have an operating centralised plant (target 100 %)",
)
TARGET7_HELP = Text(
    "Chỉ tính KCN/CCN đang hoạt động; trạm đang xây dựng chưa được tính.",
    "Counts operating sites only; plants under construction do not count yet.",
)
NOT_COMPLIANT = Text("KCN/CCN không đạt", "Sites not compliant")
NOT_COMPLIANT_HELP = Text(
    "Đang hoạt động mà chưa có trạm XLNT tập trung, hoặc thiếu quan trắc tự động bắt buộc (≥ 200 m³/ngày).",
    "Operating without a centralised plant, or required automatic monitoring (≥ 200 m³/day) missing.",
)
GAP = Text("Thiếu hụt công suất xử lý", "Treatment capacity gap")
GAP_HELP = Text(
    "Tổng lưu lượng nước thải của KCN/CCN đang hoạt động vượt quá công suất trạm đang vận hành của chính nó "
    "(nơi chưa có trạm: toàn bộ lưu lượng).",
    "Wastewater flow of operating sites above the capacity of their own operating plant (no plant: all of it).",
)
PENDING = Text("Chờ thời hạn / chưa có dữ liệu", "Pending / no data")
PER_DAY = Text("m³/ngày", "m³/day")
UNIT_SET = Text("Bộ đơn vị", "Unit set")
UNIT = Text("Đơn vị", "Unit")
WHOLE = Text("— Toàn tỉnh —", "— Whole province —")
KIND = Text("Loại", "Kind")
STATUS = Text("Đánh giá", "Assessment")
MEASURE = Text("Tô màu đơn vị theo", "Colour units by")
PNG_NOTE = Text("có giá trị minh họa (xem sổ KCN/CCN)", "includes illustrative values (see the register)")
PNG_SOURCE = Text(
    "sổ KCN/CCN của ứng dụng, nguồn công khai từng dòng; ranh giới: dvhcvn, vietnamese-provinces-database",
    "the app's KCN/CCN register, a public source per row; boundaries: dvhcvn, vietnamese-provinces-database",
)
LIST_COUNT = Text("Danh sách có {n} KCN/CCN.", "The list holds {n} sites.")
SUMMARY_FILTERED = Text(
    "Các số trên tính cho {n}/{total} KCN/CCN theo bộ lọc bên dưới.",
    "The figures above cover the {n} of {total} sites the filters below select.",
)
LIST_TITLE = Text("KCN/CCN chưa đạt – xấu nhất trước", "Sites lacking treatment – worst first")
LIST_HELP = Text(
    "Thứ tự: đang hoạt động mà chưa có trạm; thiếu quan trắc bắt buộc; chưa có dữ liệu; trạm đang xây dựng; "
    "đang xây dựng hạ tầng; quy hoạch. Trong mỗi nhóm: lưu lượng lớn trước, rồi diện tích lớn trước. "
    "Chọn một dòng để làm nổi bật trên bản đồ; bấm một điểm trên bản đồ để chọn dòng của nó.",
    "Order: operating without a plant; required monitoring missing; no data; plant under construction; building "
    "infrastructure; planned. Within each group: larger flow first, then larger area. Choose a row to highlight it "
    "on the map; click a site on the map to choose its row.",
)
LIST_EMPTY = Text("Không có KCN/CCN chưa đạt với bộ lọc này.", "No site lacking treatment with these filters.")
SELECTED = Text("Đang chọn", "Selected")
NOT_IN_LIST = Text("(đạt hoặc bị lọc: không có trong danh sách)", "(compliant or filtered out: not in the list)")
DOWNLOAD_CSV = Text("Tải CSV", "Download CSV")
DOWNLOAD_XLSX = Text("Tải Excel (.xlsx)", "Download Excel (.xlsx)")
XLSX_TITLE = Text(
    "KCN/CCN chưa đạt chỉ tiêu 7 – có số liệu minh họa, không phải số liệu chính thức",
    "Sites lacking treatment (target 7) – includes illustrative values, not official figures",
)
UNITS_TITLE = Text("Bảng theo đơn vị", "Table by unit")
UNITS_SHEET = Text("Theo đơn vị", "By unit")
UNITS_XLSX_TITLE = Text(
    "Chỉ tiêu 7 theo đơn vị – có số liệu minh họa", "Target 7 by unit – includes illustrative values"
)
SOURCES = Text(
    "Nguồn: sổ KCN/CCN, dẫn nguồn công khai từng dòng; ranh giới: dvhcvn, vietnamese-provinces-database. Vị trí "
    "“tâm xã/phường” là điểm đại diện của xã/phường 2025 nơi nguồn nêu tên.",
    "Sources: KCN/CCN register, public source cited per row; boundaries: dvhcvn, vietnamese-provinces-database. "
    "“Commune centroid” locations are the representative point of the named commune.",
)
ABOUT = Text(
    "Sổ KCN/CCN là bộ dữ liệu `kcn_ccn` của kho dữ liệu, phiên bản hiện hành (phiên bản đầu là "
    "`data/monitoring/kcn_ccn.csv`, tạo bởi `scripts/make_kcn_ccn.py` từ các dữ kiện có nguồn trong "
    "`data/monitoring/kcn_ccn_facts.csv`); Sở nhập sổ của mình ở trang Dữ liệu hoặc bằng `python -m geo import "
    "kcn_ccn`, và có thể thử một tệp trước với biến môi trường `BGGM_KCN_CCN`. Lệnh "
    "`python -m geo wastewater` xuất cùng các bảng. Tệp CSV tải về dùng dấu `;` giữa các cột và dấu phẩy thập phân "
    "(tiếng Việt) hoặc `,` và dấu chấm (tiếng Anh); tệp Excel giữ số ở dạng số.",
    "The KCN/CCN register is the data store's `kcn_ccn` dataset, current version (its first version is "
    "`data/monitoring/kcn_ccn.csv`, made by `scripts/make_kcn_ccn.py` from the cited facts in "
    "`data/monitoring/kcn_ccn_facts.csv`); the department imports its own on the Data page or with `python -m geo "
    "import kcn_ccn`, and can try a file out first with the `BGGM_KCN_CCN` environment variable. "
    "`python -m geo wastewater` writes the same tables. Downloaded CSV files use `;` between columns and a "
    "decimal comma (Vietnamese) or `,` and a decimal point (English); Excel files keep numbers as numbers.",
)
IMPORTED_UNITS = Text(
    "Bộ đơn vị «{name}» do Sở tự nhập: mỗi KCN/CCN được gán vào đơn vị chứa vị trí của nó (điểm trong vùng); "
    "{outside} trong {total} KCN/CCN nằm ngoài mọi đơn vị của bộ này và không được tính theo đơn vị.",
    "The unit set «{name}» was imported by the department: each site is counted in the unit its location lies in "
    "(point in polygon); {outside} of {total} sites lie outside every unit of this set and are not counted by unit.",
)
