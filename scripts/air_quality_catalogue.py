"""The illustrative stations and emission sources written by scripts/make_air_quality.py.

No real station location or facility inventory is public for Bắc Giang (see ../shared/data/facts): places are
plausible (near the real KCN named in the facts file), names are generic, every figure is invented and flagged.
Each station names the district (GSO code, 2019) it is meant to lie in; the generator checks it by spatial join.
"""

from __future__ import annotations

from typing import Final, NamedTuple

ALL = "pm25;pm10;o3;no2;so2;co"
PM = "pm25;pm10"


class Station(NamedTuple):
    id: str
    name: str
    type: str  # automatic / periodic / low_cost
    operator: str
    lon: float
    lat: float
    districts: tuple[str, ...]  # where it is meant to lie (GSO 2019 codes)
    pollutants: str
    start_date: str
    pm25: float  # annual mean level, µg/m³
    no2: float
    so2: float
    co: float
    o3: float  # afternoon peak amplitude
    industrial: bool  # SO2 plumes from nearby stacks
    rural: bool  # straw burning after the harvests (June, October)


_DEPT = "Sở Nông nghiệp và Môi trường (minh họa)"
_BQL = "Ban Quản lý các KCN (minh họa)"
STATIONS: Final = (
    Station("BG01", "TP Bắc Giang – trung tâm", "automatic", _DEPT, 106.1960, 21.2760, ("213",), ALL, "2019-06-01",
            38, 34, 10, 1100, 70, False, False),
    Station("BG02", "KCN Đình Trám", "automatic", _BQL, 106.0830, 21.2530, ("222",), ALL, "2021-03-15",
            42, 30, 14, 950, 65, True, False),
    Station("BG03", "KCN Quang Châu – Vân Trung", "low_cost", _BQL, 106.1000, 21.2150, ("222",), PM, "2024-05-10",
            40, 0, 0, 0, 0, False, False),
    Station("BG04", "KCN Song Khê – Nội Hoàng", "automatic", _BQL, 106.1650, 21.2480, ("213", "221"), ALL,
            "2022-09-01", 45, 28, 24, 1000, 62, True, False),
    Station("BG05", "Hiệp Hòa – KCN Hòa Phú", "low_cost", "UBND xã (minh họa)", 105.9750, 21.3150, ("223",), PM,
            "2024-08-20", 36, 0, 0, 0, 0, False, True),
    Station("BG06", "Lục Nam – điểm quan trắc định kỳ", "periodic", _DEPT, 106.3950, 21.2930, ("218",), ALL,
            "2018-01-01", 30, 18, 8, 800, 75, False, True),
    Station("BG07", "Lục Ngạn – Chũ", "low_cost", "UBND phường (minh họa)", 106.5850, 21.3750, ("219",), PM,
            "2025-01-15", 27, 0, 0, 0, 0, False, True),
    Station("BG08", "Sơn Động – trạm nền", "automatic", _DEPT, 106.8600, 21.3300, ("220",), ALL, "2023-04-01",
            20, 8, 4, 450, 80, False, True),
)  # fmt: skip
STALE_STATION: Final = "BG05"  # stops reporting 15 hours before the end of the data
PERIODIC_CAMPAIGNS: Final = ("2025-11-10", "2026-01-12", "2026-03-09", "2026-05-11", "2026-07-13", "2026-09-14",
                             "2026-10-26")  # fmt: skip # 3 days of hourly sampling each


class Source(NamedTuple):
    id: str
    name: str
    sector: str
    kcn_ccn: str  # "" when outside any KCN/CCN
    lon: float
    lat: float
    stack_monitoring: str  # none / installed / transmitting
    dust: float  # t/yr
    so2: float
    nox: float
    co: float
    ghg: bool  # Decree 06/2022, Decision 01/2022/QĐ-TTg list


def _kcn(name: str) -> str:
    return f"KCN {name}"


def _ccn(name: str) -> str:
    return f"CCN {name}"


SOURCES: Final = (
    Source("ES01", "Nhà máy nhiệt điện than A", "thermal_power", "", 106.8350, 21.3180, "transmitting",
           350, 2800, 2200, 180, True),
    Source("ES02", "Nhà máy phân bón – hóa chất B", "chemicals", "", 106.1800, 21.3010, "transmitting",
           120, 450, 600, 900, True),
    Source("ES03", "Nhà máy xi măng C", "cement", "", 106.3700, 21.3200, "installed", 260, 90, 700, 300, True),
    Source("ES04", "Nhà máy thép D", "steel", _kcn("Song Khê – Nội Hoàng"), 106.1610, 21.2440, "transmitting",
           150, 120, 180, 1200, True),
    Source("ES05", "Nhà máy điện tử E1", "electronics", _kcn("Quang Châu"), 106.0930, 21.2080, "none",
           3, 0.5, 4, 2, True),
    Source("ES06", "Nhà máy điện tử E2", "electronics", _kcn("Quang Châu"), 106.0990, 21.2050, "none",
           2, 0.3, 3, 1.5, False),
    Source("ES07", "Nhà máy điện tử E3", "electronics", _kcn("Vân Trung"), 106.1180, 21.2280, "none",
           2.5, 0.4, 3.5, 2, True),
    Source("ES08", "Nhà máy dệt nhuộm F", "textiles", _kcn("Đình Trám"), 106.0860, 21.2560, "installed",
           25, 60, 35, 20, False),
    Source("ES09", "Nhà máy may – giặt mài G", "textiles", _kcn("Việt Hàn"), 106.0620, 21.2680, "none",
           18, 42, 25, 15, False),
    Source("ES10", "Lò hơi tập trung KCN H", "thermal_power", _kcn("Đình Trám"), 106.0800, 21.2500,
           "transmitting", 40, 110, 90, 35, True),
    Source("ES11", "Nhà máy cơ khí – đúc I", "steel", _kcn("Song Khê – Nội Hoàng"), 106.1680, 21.2510, "installed",
           45, 30, 40, 260, False),
    Source("ES12", "Nhà máy chế biến nông sản J", "food", _kcn("Hòa Phú"), 105.9850, 21.3180, "none",
           15, 8, 12, 30, False),
    Source("ES13", "Nhà máy điện tử E4", "electronics", _kcn("Hòa Phú"), 105.9900, 21.3220, "none",
           2, 0.3, 3, 1.5, False),
    Source("ES14", "Cơ sở cơ khí – mạ K", "steel", _ccn("Tân Mỹ"), 106.2150, 21.2620, "none", 12, 6, 8, 40, False),
    Source("ES15", "Cơ sở chế biến thực phẩm L", "food", _ccn("Dĩnh Trì"), 106.2350, 21.2850, "none",
           10, 6, 9, 22, False),
    Source("ES16", "Cơ sở sản xuất bao bì M", "wood", _ccn("Xương Giang II"), 106.2150, 21.2900, "none",
           9, 2, 6, 14, False),
    Source("ES17", "Làng nghề nấu rượu, chế biến N", "food", _ccn("Làng nghề Đa Mai"), 106.1850, 21.2620, "none",
           7, 5, 4, 25, False),
    Source("ES18", "Nhà máy gạch tuynel O", "bricks", "", 106.2500, 21.3700, "none", 60, 40, 30, 150, False),
    Source("ES19", "Nhà máy gạch tuynel P", "bricks", "", 106.1200, 21.5000, "none", 55, 35, 28, 140, False),
    Source("ES20", "Cơ sở sấy, chế biến vải thiều Q", "food", "", 106.6000, 21.4000, "none", 20, 10, 8, 60, False),
    Source("ES21", "Lò đốt chất thải rắn R", "waste", "", 106.5700, 21.3900, "installed", 8, 12, 40, 10, False),
    Source("ES22", "Nhà máy chế biến gỗ S", "wood", "", 106.1000, 21.4000, "none", 35, 3, 8, 25, False),
)  # fmt: skip
