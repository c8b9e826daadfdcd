"""Domain core of the Bắc Giang green-growth map: I/O, CRS, names, joins, zonal statistics, AQI, wastewater, targets.

Never imports streamlit, folium or layers/ (ruff's banned-api rule keeps it so).
"""
