"""``python -m geo aqi``: end to end on small CSV files written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.io.files import read_table

HEADER = "station_id,time,pm25,pm10,o3,no2,so2,co\n"
OUT_COLUMNS = [
    "station_id",
    "time",
    "aqi_pm25",
    "aqi_pm10",
    "aqi_o3",
    "aqi_no2",
    "aqi_so2",
    "aqi_co",
    "vn_aqi",
    "category",
    "dominant",
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_output(path: Path) -> pd.DataFrame:
    return read_table(path, dtype=dict.fromkeys([*OUT_COLUMNS, "date"], "str"))


def test_cli_aqi_writes_the_hourly_aqi_with_empty_cells_for_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(
        tmp_path / "hourly.csv",
        HEADER
        + "BG01,2024-03-01 00:00,30,,50,118.7,,\n"  # one PM hour: no NowCast yet, so no AQI
        + "BG01,2024-03-01 01:00,30,,50,118.7,,\n"  # PM2.5 NowCast 30 → 60; NO2 → 59; O3 50 → 15.6 → 16
        + "BG02,2024-03-01 01:00,,,,40,,\n",  # no PM at all
    )
    out = tmp_path / "aqi.csv"
    assert main(["aqi", str(source), "--out", str(out)]) == 0
    result = read_output(out)
    assert list(result.columns) == OUT_COLUMNS
    assert result["time"].tolist() == ["2024-03-01 00:00", "2024-03-01 01:00", "2024-03-01 01:00"]
    second = result.iloc[1]
    assert second[["aqi_pm25", "aqi_o3", "aqi_no2", "vn_aqi"]].tolist() == ["60", "16", "59", "60"]
    assert (second["category"], second["dominant"]) == ("Trung bình", "aqi_pm25")
    assert result.iloc[0][["aqi_pm25", "vn_aqi", "category", "dominant"]].isna().all()  # empty cells
    assert result.iloc[2]["aqi_no2"] == "20" and pd.isna(result.iloc[2]["vn_aqi"])
    printed = capsys.readouterr().out.strip()
    assert printed == f"Đã ghi 3 dòng AQI theo giờ vào {out} từ hourly.csv"


def test_cli_aqi_daily_writes_one_row_per_station_and_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"BG01,2024-03-01 {h:02d}:00,55.7,,,130.8,,\n" for h in range(24))
    source = write(tmp_path / "hourly.csv", HEADER + rows)
    out = tmp_path / "daily.csv"
    assert main(["aqi", str(source), "--out", str(out), "--daily"]) == 0
    result = read_output(out)
    assert list(result.columns) == ["station_id", "date", *OUT_COLUMNS[2:]]
    assert result.iloc[0][["date", "aqi_pm25", "aqi_no2", "vn_aqi", "category"]].tolist() == [
        "2024-03-01",
        "110",
        "65",
        "110",
        "Kém",
    ]
    assert "1 dòng AQI theo ngày" in capsys.readouterr().out


def test_cli_aqi_reports_every_problem_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(
        tmp_path / "bad.csv",
        HEADER + "BG01,2024-03-01 00:00,-5,,,,,\n" + ",2024-03-01 01:00,,,,,,\n" + "BG01,1/3/2024 2:30,,,,x,,\n",
    )
    out = tmp_path / "aqi.csv"
    assert main(["aqi", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for where in ("dòng 2, cột pm25", "dòng 3, cột station_id", "dòng 4, cột time", "dòng 4, cột no2"):
        assert f"Tệp bad.csv, {where}" in err
    assert "(4)" in err  # the title counts the problems
    assert not out.exists()


def test_cli_aqi_keeps_leading_zeros_of_station_ids(tmp_path: Path) -> None:
    source = write(tmp_path / "hourly.csv", HEADER + "007,2024-03-01 00:00,10,,,,,\n")
    out = tmp_path / "aqi.xlsx"
    assert main(["aqi", str(source), "--out", str(out)]) == 0
    assert read_table(out, dtype={"station_id": "str"})["station_id"].tolist() == ["007"]


def test_cli_aqi_reads_the_stores_hourly_rows_by_default_and_flags_them(
    app_store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.air.aqi import daily_aqi
    from geo.air.load import load_hourly

    out = tmp_path / "ngay.csv"
    assert main(["aqi", "--out", str(out), "--daily"]) == 0
    result = read_output(out)
    expected = daily_aqi(load_hourly())  # the shipped file, which seeded the store: 8 stations' days
    assert len(result) == len(expected) == 2_908 and list(result.columns) == [
        "station_id", "date", *OUT_COLUMNS[2:], "illustrative",
    ]  # fmt: skip
    assert result["vn_aqi"].fillna("").tolist() == expected["vn_aqi"].astype("string").fillna("").tolist()
    assert set(result["illustrative"]) == {True}  # every shipped station is illustrative
    assert capsys.readouterr().out.strip() == (
        f"Đã ghi 2908 dòng AQI theo ngày vào {out} từ aq_hourly v1; 2908 dòng là số liệu MINH HỌA (cột illustrative)"
    )


def test_cli_aqi_reads_an_import_of_the_store(app_store: str, tmp_path: Path) -> None:
    from geo.store import versions

    rows = versions.current("aq_hourly", url=app_store)
    last = rows[rows["time"] == rows["time"].max()]
    versions.write("aq_hourly", last.assign(pm25=500.0, illustrative=False), user="an", reason="sửa giờ cuối",
                   base_version=1, url=app_store)  # fmt: skip
    out = tmp_path / "gio.csv"
    assert main(["aqi", "--out", str(out)]) == 0
    result = read_output(out)
    final = result[(result["time"] == "2026-10-31 23:00") & result["station_id"].isin(last["station_id"])]
    assert len(final) == len(last) == 6  # BG05 stopped sending; BG06 measures in campaigns
    assert (final["aqi_pm25"].astype(int) >= 300).all()  # NowCast weighted to the 500 µg/m³ hour
