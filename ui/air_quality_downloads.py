"""Download of the AQI table for the chosen period: hourly and daily CSV, and both in one Excel workbook.

The files are built only when a button is clicked (Streamlit calls the function then), so an unused download
costs nothing on each rerun.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo.air.aqi import AQI_CLASSES
from geo.air.stations import export_bytes, in_period
from geo.errors import Lang
from geo.text import sheets
from geo.text.sheets import NOTES_SHEET
from ui import air_quality_text as txt
from ui.air_quality_data import AirData
from ui.i18n import lang, tr

_EN = {c.vi: c.en for c in AQI_CLASSES}


def aqi_table(air: AirData, daily: bool, first: dt.date, last: dt.date, language: str) -> pd.DataFrame:
    """The AQI rows of every station in the period, with the station name, as ``python -m geo aqi`` writes them."""
    source, column = (air.daily, "date") if daily else (air.hourly, "time")
    rows = in_period(source, column, first, last).copy()
    rows[column] = rows[column].astype(str) if daily else rows[column].dt.strftime("%Y-%m-%d %H:%M")
    if language == "en":
        rows["category"] = rows["category"].map(lambda c: _EN.get(c, c) if isinstance(c, str) else c)
    names = dict(zip(air.stations["id"], air.stations["name"], strict=True))
    rows.insert(1, "station_name", rows["station_id"].map(names))
    flags = dict(zip(air.stations["id"], air.stations["illustrative"], strict=True))
    rows["illustrative"] = rows["station_id"].map(flags).astype(bool)
    return rows.reset_index(drop=True)


def workbook_bytes(air: AirData, first: dt.date, last: dt.date, language: Lang) -> bytes:
    """Hourly and daily AQI of the period and the stations, one sheet each, and a notes sheet when illustrative."""
    named = {
        "aqi_gio" if language == "vi" else "aqi_hourly": aqi_table(air, False, first, last, language),
        "aqi_ngay" if language == "vi" else "aqi_daily": aqi_table(air, True, first, last, language),
        "tram" if language == "vi" else "stations": pd.DataFrame(air.stations.drop(columns="geometry")),
    }
    if air.illustrative:  # the note on its own sheet, as in every file for people
        named["ghi_chu" if language == "vi" else "notes"] = pd.DataFrame(
            {NOTES_SHEET(language): [sheets.illustrative_note(language, "illustrative")]}
        )
    return export_bytes(named, "xlsx")


def section(air: AirData, first: dt.date, last: dt.date) -> None:
    language = lang()
    st.markdown(f"#### {tr(txt.DOWNLOADS, first=first.strftime('%d/%m/%Y'), last=last.strftime('%d/%m/%Y'))}")
    stem = f"vn_aqi_{first:%Y%m%d}_{last:%Y%m%d}"

    def hourly_csv() -> bytes:
        return export_bytes({"hourly": aqi_table(air, False, first, last, language)}, "csv")

    def daily_csv() -> bytes:
        return export_bytes({"daily": aqi_table(air, True, first, last, language)}, "csv")

    def workbook() -> bytes:
        return workbook_bytes(air, first, last, language)

    cols = st.columns(3)
    cols[0].download_button(
        tr(txt.DL_HOURLY),
        hourly_csv,
        file_name=f"{stem}_gio.csv",
        mime="text/csv",
        on_click="ignore",
        key="aq_dl_hourly",
        icon="⬇️",
    )
    cols[1].download_button(
        tr(txt.DL_DAILY),
        daily_csv,
        file_name=f"{stem}_ngay.csv",
        mime="text/csv",
        on_click="ignore",
        key="aq_dl_daily",
        icon="⬇️",
    )
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    cols[2].download_button(
        tr(txt.DL_XLSX), workbook, file_name=f"{stem}.xlsx", mime=xlsx, on_click="ignore", key="aq_dl_xlsx", icon="⬇️"
    )
    st.caption(tr(txt.DL_NOTE))
