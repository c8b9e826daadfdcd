"""Figures computed elsewhere in the app feed the indicator table instead of being typed twice.

A feed is a set of rows of the long indicator table (target_id, unit_set, unit_code, year, value, source,
illustrative). :func:`apply_feeds` lays feeds over the shipped values with one rule: an illustrative figure never
replaces a real one for the same target, unit and year (a real one replaces anything).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

KEYS = ["target_id", "unit_set", "unit_code", "year"]
COLUMNS = [*KEYS, "value", "source", "illustrative"]


def feed_rows(
    target_id: str,
    unit_set: str,
    values: pd.DataFrame,
    *,
    year: int,
    source: str,
    illustrative: bool | pd.Series,
) -> pd.DataFrame:
    """Indicator rows from a per-unit table with columns ``code`` and ``value`` (rows without a value dropped)."""
    flags = illustrative if isinstance(illustrative, pd.Series) else pd.Series(illustrative, index=values.index)
    rows = pd.DataFrame(
        {
            "target_id": target_id,
            "unit_set": unit_set,
            "unit_code": values["code"].astype(str),
            "year": int(year),
            "value": pd.to_numeric(values["value"], errors="coerce").astype(float),
            "source": source,
            "illustrative": flags.astype(bool),
        }
    )
    return rows.dropna(subset=["value"]).reset_index(drop=True)[COLUMNS]


def apply_feeds(values: pd.DataFrame, feeds: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """``values`` with every feed laid over it; a feed's illustrative row never replaces a real value."""
    out = values[COLUMNS].copy()
    for feed in feeds:
        if feed.empty:
            continue
        merged = out.merge(feed[COLUMNS], on=KEYS, how="outer", suffixes=("", "_feed"), indicator=True)
        old_real = ~merged["illustrative"].fillna(True).astype(bool)
        new_illustrative = merged["illustrative_feed"].fillna(True).astype(bool)
        take = (merged["_merge"] == "right_only") | ((merged["_merge"] == "both") & ~(new_illustrative & old_real))
        for col in ("value", "source", "illustrative"):
            merged[col] = merged[col].where(~take, merged[f"{col}_feed"])
        out = merged[COLUMNS].astype({"illustrative": "boolean"}).astype({"illustrative": bool})
    return out.sort_values(KEYS, ignore_index=True)


REGISTER_YEAR = 2025  # the KCN/CCN register describes the current situation; it reports as the latest plan year
WASTEWATER_SOURCE = "Sổ KCN/CCN (data/monitoring/kcn_ccn.csv), tính theo quy tắc chỉ tiêu 7"


def wastewater_feed(assessed: pd.DataFrame, districts: dict[str, str], *, year: int = REGISTER_YEAR) -> pd.DataFrame:
    """Target 7 per 2019 district and for the province from the assessed KCN/CCN register.

    A unit's figure is illustrative when any of its operating sites carries an illustrative value.
    """
    from geo.wastewater import rules as ww

    summary = ww.unit_summary(assessed, districts, "districts_2019")
    operating = assessed[assessed["status"].eq("operating").fillna(False)]
    flagged = operating.groupby(operating["district_2019"].astype(str))["illustrative"].any()
    per_unit = feed_rows(
        "7",
        "districts_2019",
        summary.rename(columns={"share_pct": "value"})[["code", "value"]],
        year=year,
        source=WASTEWATER_SOURCE,
        illustrative=summary["code"].map(flagged).fillna(False).astype(bool),
    )
    share = ww.totals(assessed).share_pct
    province = feed_rows(
        "7",
        "province",
        pd.DataFrame({"code": ["24"], "value": [share]}),
        year=year,
        source=WASTEWATER_SOURCE,
        illustrative=bool(operating["illustrative"].any()),
    )
    return pd.concat([province, per_unit], ignore_index=True)
