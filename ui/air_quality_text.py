"""The strings of the page "Không khí & nguồn thải" (Vietnamese first, English second)."""

from __future__ import annotations

from geo.errors import Text

PAGE = Text("Không khí & nguồn thải", "Air & emission sources")
SUBTITLE = Text(
    "Chỉ tiêu 14 và nhiệm vụ 8.7 của Kế hoạch tăng trưởng xanh: mạng lưới quan trắc không khí xung quanh, "
    "VN_AQI (QĐ 1459/QĐ-TCMT), QCVN 05:2023/BTNMT và các nguồn thải khí lớn",
    "Target 14 and task 8.7 of the green-growth plan: the ambient air monitoring network, VN_AQI (Decision "
    "1459/QĐ-TCMT), QCVN 05:2023/BTNMT and the large air-emission sources",
)
BANNER = Text(
    "**Số liệu minh họa.** Vị trí trạm, số liệu quan trắc theo giờ và danh sách nguồn thải trên trang này do máy "
    "sinh ra (scripts/make_air_quality.py) để thử nền tảng: không phải số liệu chính thức, không dùng để kết luận "
    "về chất lượng không khí hay về bất kỳ cơ sở nào. Cách tính VN_AQI và đối chiếu QCVN là thật.",
    "**Illustrative data.** Station locations, hourly measurements and the emission sources on this page are "
    "generated (scripts/make_air_quality.py) to exercise the platform: they are not official data and support no "
    "conclusion about air quality or about any facility. The VN_AQI and QCVN computations are real.",
)
VIEW_BY = Text("Xem AQI theo", "AQI by")
BY_DAY = Text("Ngày", "Day")
BY_HOUR = Text("Giờ", "Hour")
DAY = Text("Ngày", "Day")
HOUR = Text("Giờ (giờ Việt Nam)", "Hour (Vietnam time)")
POLLUTANT = Text("Cỡ nguồn thải theo tải lượng", "Size sources by the load of")
PER_YEAR = Text("t/năm", "t/yr")
LOADING = Text("Đang đọc số liệu và tính VN_AQI…", "Reading the data and computing VN_AQI…")
SPAN = Text("Khoảng thời gian cho biểu đồ và tải về", "Period for the charts and downloads")
SPAN_DAYS = Text("{n} ngày", "{n} days")
SPAN_ALL = Text("Cả năm số liệu", "The whole year")
PERIOD_DAY = Text("ngày {d}", "on {d}")
PERIOD_HOUR = Text("lúc {t}", "at {t}")
STATUS_TABLE = Text("Các trạm {p}", "Stations {p}")
STATION = Text("Trạm quan trắc", "Monitoring station")
STATION_HELP = Text("Hoặc bấm vào một trạm trên bản đồ", "Or click a station on the map")
COL_STATION = Text("Trạm", "Station")
COL_TYPE = Text("Loại", "Type")
COL_CLASS = Text("Mức", "Class")
COL_STATUS = Text("Trạng thái", "Status")
COL_LAST = Text("Số liệu gần nhất", "Last value")
STATUS = {
    "current": Text("có số liệu", "current"),
    "no_aqi": Text("chưa đủ số liệu tính AQI", "no AQI (too little data)"),
    "stale": Text("không có số liệu > 6 giờ", "stale: no data > 6 h"),
    "no_data": Text("chưa có số liệu", "no data yet"),
}
STALE_NOTE = Text(
    "Trạm không gửi số liệu trong hơn 6 giờ trước thời điểm xem được vẽ màu xám, viền nét đứt, không tô màu AQI.",
    "Stations with no value for more than 6 hours before the chosen time are grey with a dashed outline, never "
    "coloured by AQI.",
)
MAP_NOTE = Text(
    "Bấm vào một trạm để xem biểu đồ AQI. Di chuột lên nguồn thải để xem tải lượng. Ranh giới: huyện 2019.",
    "Click a station to see its AQI charts. Hover over a source for its loads. Boundaries: 2019 districts.",
)
COMPUTE_NOTE = Text(
    "VN_AQI giờ và ngày, vượt QCVN và độ đầy đủ của {rows:,} giờ quan trắc ({n} trạm, {first} – {last}) "
    "được tính trong {s:.2f} giây.",
    "Hourly and daily VN_AQI, QCVN exceedances and completeness of {rows:,} station-hours ({n} stations, "
    "{first} – {last}) computed in {s:.2f} s.",
)
DETAILS = Text("{id} – {name}", "{id} – {name}")
DETAILS_META = Text(
    "**Loại:** {type} · **Đơn vị vận hành:** {operator} · **Thông số:** {pollutants} · **Hoạt động từ:** {since}  \n"
    "**Vị trí:** {district} (2019) · {commune} (2025) · {lat:.4f}° N, {lon:.4f}° E",
    "**Type:** {type} · **Operator:** {operator} · **Pollutants:** {pollutants} · **Since:** {since}  \n"
    "**Location:** {district} (2019) · {commune} (2025) · {lat:.4f}° N, {lon:.4f}° E",
)
M_AQI = Text("VN_AQI {p}", "VN_AQI {p}")
M_COMPLETE = Text("Giờ có số liệu bụi", "Hours with PM data")
M_DAYS_OK = Text("Ngày đủ số liệu (≥ 18 giờ)", "Days with enough data (≥ 18 h)")
M_EXCEED = Text("Lần vượt QCVN 05:2023", "QCVN 05:2023 exceedances")
M_LAST = Text("Số liệu gần nhất", "Last value")
TAB_HOURLY = Text("AQI theo giờ", "Hourly AQI")
TAB_DAILY = Text("AQI theo ngày", "Daily AQI")
TAB_EXCEED = Text("Vượt QCVN 05:2023", "QCVN 05:2023 exceedances")
TAB_COMPLETE = Text("Độ đầy đủ số liệu", "Data completeness")
NO_AQI = Text("Trạm không có AQI trong khoảng thời gian này.", "The station has no AQI in this period.")
CHART_AQI = Text("VN_AQI", "VN_AQI")
CHART_TIME = Text("Thời gian", "Time")
CHART_DATE = Text("Ngày", "Date")
CHART_CLASS = Text("Mức", "Class")
CHART_SHARE = Text("Tỷ lệ giờ có số liệu bụi (%)", "Share of hours with PM data (%)")
HOURLY_NOTE = Text(
    "AQI giờ: bụi theo NowCast 12 giờ, các chất khác theo trung bình 1 giờ. Nền màu: các mức VN_AQI chính thức.",
    "Hourly AQI: PM from the 12-hour NowCast, other pollutants from the 1-hour mean. Background: the official "
    "VN_AQI classes.",
)
NO_EXCEED = Text(
    "Không có lần vượt giới hạn QCVN 05:2023/BTNMT trong khoảng thời gian này.",
    "No QCVN 05:2023/BTNMT limit exceeded in this period.",
)
EXCEED_NOTE = Text(
    "Giới hạn QCVN 05:2023/BTNMT (µg/Nm³); bụi PM2.5 trung bình 24 giờ: 50 đến hết 2025, 45 từ 1/1/2026. "
    "Trung bình 8 giờ tính theo cửa sổ trượt (mỗi cửa sổ một dòng).",
    "QCVN 05:2023/BTNMT limits (µg/Nm³); PM2.5 24-hour: 50 until the end of 2025, 45 from 1 Jan 2026. 8-hour means "
    "are rolling windows (one row each).",
)
COL_POLLUTANT = Text("Chất", "Pollutant")
COL_PERIOD = Text("Thời gian trung bình", "Averaging period")
COL_LIMIT = Text("Giới hạn", "Limit")
COL_COUNT = Text("Số lần vượt", "Times exceeded")
COL_MAX = Text("Giá trị lớn nhất", "Highest value")
COL_LATEST = Text("Lần gần nhất", "Latest")
COL_START = Text("Bắt đầu", "Start")
COL_VALUE = Text("Giá trị", "Value")
EXCEED_LIST = Text("Danh sách từng lần vượt ({n})", "Every exceedance ({n})")
COMPLETE_NOTE = Text(
    "Một ngày đủ số liệu khi có ít nhất 18/24 giờ (75 %). Trạm định kỳ chỉ đo trong các đợt 3 ngày.",
    "A day has enough data with at least 18 of 24 hours (75 %). The periodic station samples in 3-day campaigns.",
)
COL_SHARE = Text("Tỷ lệ giờ có số liệu", "Share of hours with data")
DOWNLOADS = Text("Tải bảng AQI ({first} – {last})", "Download the AQI table ({first} – {last})")
DL_HOURLY = Text("AQI giờ (CSV)", "Hourly AQI (CSV)")
DL_DAILY = Text("AQI ngày (CSV)", "Daily AQI (CSV)")
DL_XLSX = Text("AQI giờ và ngày (Excel)", "Hourly and daily AQI (Excel)")
DL_NOTE = Text(
    "Tất cả các trạm; cột giống lệnh `python -m geo aqi`, thêm tên trạm và cột illustrative (số liệu minh họa).",
    "All stations; the columns of `python -m geo aqi`, plus the station name and an illustrative column.",
)
SOURCES = Text("Nguồn thải khí lớn ({n}) – công khai theo nhiệm vụ 8.7", "Large air-emission sources ({n}) – task 8.7")
SRC_NO_MONITORING = Text("Chưa lắp quan trắc tự động", "No automatic monitoring")
SRC_TRANSMITTING = Text("Đang truyền số liệu", "Transmitting")
SRC_GHG = Text("Phải kiểm kê khí nhà kính", "Must inventory greenhouse gases")
SRC_GHG_NOTE = Text(
    "Kiểm kê khí nhà kính: Nghị định 06/2022/NĐ-CP và danh mục cơ sở theo QĐ 01/2022/QĐ-TTg. Tên cơ sở, tải lượng và "
    "trạng thái đều là minh họa.",
    "Greenhouse-gas inventory: Decree 06/2022/NĐ-CP and the list of Decision 01/2022/QĐ-TTg. Facility names, loads "
    "and statuses are illustrative.",
)
COL_NAME = Text("Tên", "Name")
COL_SECTOR = Text("Ngành", "Sector")
COL_PARK = Text("KCN/CCN", "Park/cluster")
COL_DISTRICT = Text("Huyện (2019)", "District (2019)")
COL_MONITORING = Text("Quan trắc khí thải tự động", "Automatic stack monitoring")
COL_GHG = Text("Kiểm kê KNK", "GHG inventory")
OUTSIDE = Text("ngoài KCN/CCN", "outside parks")
