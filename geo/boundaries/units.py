"""Relations between the two unit sets: 2019 districts and 2025 communes (via the area crosswalk)."""

from __future__ import annotations

import pandas as pd

DISTRICT_SETS = ("districts_2019",)
COMMUNE_SETS = ("communes_2025", "communes_2025_all")


def other_set(unit_set: str) -> str:
    return "communes_2025" if unit_set in DISTRICT_SETS else "districts_2019"


def overlaps(code: str, unit_set: str, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Units of the other set that ``code`` overlaps, largest share first.

    Columns: other_code, overlap_km2, share_of_this (of this unit's area), share_of_other (of the other unit's).
    """
    if unit_set in DISTRICT_SETS:
        rows = crosswalk[crosswalk["district_code"] == code]
        out = pd.DataFrame(
            {
                "other_code": rows["commune_code"],
                "overlap_km2": rows["overlap_km2"],
                "share_of_this": rows["share_of_district"],
                "share_of_other": rows["share_of_commune"],
            }
        )
    else:
        rows = crosswalk[crosswalk["commune_code"] == code]
        out = pd.DataFrame(
            {
                "other_code": rows["district_code"],
                "overlap_km2": rows["overlap_km2"],
                "share_of_this": rows["share_of_commune"],
                "share_of_other": rows["share_of_district"],
            }
        )
    return out.sort_values("share_of_this", ascending=False, ignore_index=True)
