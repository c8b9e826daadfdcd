"""The list of sites lacking treatment, worst first, as a machine table with stable column names and codes
(:data:`LACKING_FIELDS`): what ``python -m geo wastewater --lacking`` writes and what the page shows.

:mod:`layers.wastewater_table` turns it (and :func:`~.rules.unit_summary`) into what a person reads.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.wastewater import rules as ww

LACKING_FIELDS = (
    "rank", "id", "name", "kind", "district_2019", "district_name", "commune_2025", "commune_name", "status",
    "wwtp_status", "design_capacity_m3d", "actual_flow_m3d", "gap_m3d", "monitoring", "compliance", "reasons_vi",
    "reasons_en", "illustrative", "illustrative_fields", "source",
)  # fmt: skip


def lacking_records(
    assessed: pd.DataFrame, *, districts: Mapping[str, str], communes: Mapping[str, str]
) -> pd.DataFrame:
    """Every site lacking treatment, worst first, with stable column names (:data:`LACKING_FIELDS`)."""
    rows = ww.lacking(assessed)
    out = rows.assign(
        rank=range(1, len(rows) + 1),
        district_name=rows["district_2019"].astype(str).map(districts),
        commune_name=rows["commune_2025"].astype(str).map(communes),
    )
    return out[list(LACKING_FIELDS)].reset_index(drop=True)
