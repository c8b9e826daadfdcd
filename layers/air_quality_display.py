"""Drawing helpers of the air-quality page: circle sizes by load, size-legend steps, the VN_AQI bands of a chart,
and the station nearest a click on the map. Pure functions; the domain (AQI, station status) is in :mod:`geo.air`."""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from geo.air.aqi import AQI_CLASSES


def circle_radius(
    values: npt.ArrayLike, *, max_value: float, min_px: float = 3.0, max_px: float = 24.0
) -> npt.NDArray[np.float64]:
    """Radius in pixels whose circle *area* is proportional to the value: ``max_value`` gets ``max_px``.

    Missing, zero or negative values get ``min_px`` (a source with no load of that pollutant stays visible), and no
    circle is smaller than ``min_px``.
    """
    v = np.asarray(values, dtype=np.float64)
    if not max_value > 0:
        return np.full(v.shape, min_px)
    scaled = max_px * np.sqrt(np.clip(np.nan_to_num(v, nan=0.0), 0.0, None) / max_value)
    return np.asarray(np.maximum(scaled, min_px), dtype=np.float64)


def legend_steps(max_value: float, count: int = 3) -> tuple[float, ...]:
    """Round example values for a size legend, largest first: 2,800 → (2000, 200, 20); 0 → ()."""
    if not max_value > 0 or not math.isfinite(max_value):
        return ()
    power = 10.0 ** math.floor(math.log10(max_value))
    top = math.floor(max_value / power) * power
    return tuple(top / 10**i for i in range(count))


def class_bands(lang: Literal["vi", "en"] = "vi", top: float = 500.0) -> pd.DataFrame:
    """The VN_AQI classes as bands for a chart: ``low``, ``high`` (cut at ``top``), ``label`` and ``colour``."""
    rows = [
        {
            "low": float(c.low if i == 0 else AQI_CLASSES[i - 1].high),
            "high": float(min(c.high, top)),
            "label": f"{c.low}–{c.high} {c.vi if lang == 'vi' else c.en}",
            "colour": c.colour,
        }
        for i, c in enumerate(AQI_CLASSES)
        if (c.low if i == 0 else AQI_CLASSES[i - 1].high) < top
    ]
    return pd.DataFrame(rows, columns=["low", "high", "label", "colour"])


def nearest_station(lat: float, lon: float, stations: pd.DataFrame, *, tolerance_deg: float = 0.002) -> str | None:
    """The id of the station (``id``, ``lat``, ``lon`` columns) nearest to a clicked point, if within tolerance."""
    if stations.empty:
        return None
    d = np.hypot(stations["lat"].to_numpy(dtype=float) - lat, stations["lon"].to_numpy(dtype=float) - lon)
    best = int(np.argmin(d))
    return str(stations["id"].iloc[best]) if d[best] <= tolerance_deg else None
