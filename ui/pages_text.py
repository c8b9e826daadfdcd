"""The pages' names in the navigation: light to import, so that app.py names every page without importing any.

app.py imports a page's module only when that page runs (issue 13: importing them all up front took a second or
more before the first map, with openpyxl, pandera, matplotlib and the importers they bring).
"""

from __future__ import annotations

from geo.errors import Text
from ui.air_quality_text import PAGE as AIR_QUALITY
from ui.forest_text import TITLE as FOREST
from ui.wastewater_text import PAGE_TITLE as WASTEWATER

TARGETS = Text("Tiến độ mục tiêu", "Progress toward targets")
DATA = Text("Dữ liệu", "Data")
USERS = Text("Người dùng", "Users")

__all__ = ["AIR_QUALITY", "DATA", "FOREST", "TARGETS", "USERS", "WASTEWATER"]
