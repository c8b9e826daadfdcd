"""Air quality: VN_AQI of Decision 1459/QĐ-TCMT (aqi), its hour grid and NowCast (grid), the validated hourly input
(input), QCVN 05:2023 exceedances, completeness and staleness (qcvn05), station summaries for maps (stations), loading
the stations, emission sources and hourly files validated whole (load)."""
