"""Numbers as people read them, in one place: every figure on a screen, in a table, a tooltip, a legend or a file
for people goes through :func:`quantity` (or :func:`number`), so the same value reads the same everywhere.

Vietnamese writes 3.892,0 km² and 61,8 %; English 3,892.0 km² and 61.8 % (Babel's CLDR data for ``vi_VN`` and
``en``). Each kind of quantity declares its precision and unit once (:data:`QUANTITIES`): areas in km² and ha,
percentages, percentage points, emission loads in t/yr and concentrations in µg/m³ to one decimal; flows in m³/day,
VN_AQI and counts as whole numbers; years with no grouping. Rounding is
half-up (2.25 → 2.3), as people round by hand; a missing value (None, NaN, NA) reads "—".

Only what is shown is rounded: statuses, sums and files for machines keep the unrounded values. Excel files keep
numbers numeric and take :func:`excel_format` as the cell's number format, so Excel shows them in the reader's own
convention.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from babel.numbers import format_decimal

from geo.errors import Lang, Text

MISSING = "—"
LOCALES: dict[str, str] = {"vi": "vi_VN", "en": "en"}


@dataclass(frozen=True)
class Quantity:
    """How one kind of figure is written: decimals, thousands grouping, a sign on gains, and its unit."""

    decimals: int
    unit: Text | None = None
    grouping: bool = True
    signed: bool = False


QUANTITIES: dict[str, Quantity] = {
    "area_km2": Quantity(1, Text("km²", "km²")),
    "area_ha": Quantity(1, Text("ha", "ha")),
    "percent": Quantity(1, Text("%", "%")),
    "points": Quantity(1, Text("điểm %", "pp"), signed=True),
    "flow_m3d": Quantity(0, Text("m³/ngày", "m³/day")),
    "concentration": Quantity(1, Text("µg/m³", "µg/m³")),
    "load_tpy": Quantity(1, Text("tấn/năm", "t/yr")),
    "aqi": Quantity(0),
    "count": Quantity(0),
    "year": Quantity(0, grouping=False),
    "degrees": Quantity(4, Text("°", "°"), grouping=False),
    "seconds": Quantity(2, Text("giây", "s")),
}
# The units datasets declare (geo.datasets: Column.unit) and the quantity each is read as.
QUANTITY_OF_UNIT: dict[str, str] = {
    "km²": "area_km2", "ha": "area_ha", "%": "percent", "điểm %": "points", "m³/ngày": "flow_m3d",
    "µg/m³": "concentration", "t/năm": "load_tpy", "°": "degrees",
}  # fmt: skip


def is_missing(value: object) -> bool:
    """None, NaN, pandas' NA and NaT: nothing to show."""
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # not a scalar
        return False


def _pattern(decimals: int, grouping: bool) -> str:
    """A CLDR number pattern: "#,##0.0" (grouped, one decimal), "0" (neither)."""
    return ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals > 0 else "")


def number(value: object, lang: Lang, decimals: int = 1, *, grouping: bool = True, signed: bool = False) -> str:
    """``value`` rounded half-up to ``decimals`` in ``lang``'s convention: 3892.04 → "3.892,0" / "3,892.0"."""
    if is_missing(value):
        return MISSING
    exact = decimal.Decimal(str(float(value)))  # type: ignore[arg-type]  # str(): 2.675 rounds like it reads
    rounded = exact.quantize(decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0,0"
    pattern = _pattern(decimals, grouping)
    if signed and rounded != 0:
        pattern = f"+{pattern};-{pattern}"
    with decimal.localcontext() as context:  # Babel quantizes again: the digits are already final
        context.rounding = decimal.ROUND_HALF_UP
        return format_decimal(rounded, format=pattern, locale=LOCALES[lang])


def short(value: object, lang: Lang) -> str:
    """A bound or a setting as briefly as it reads (like ``{:g}``), in ``lang``'s convention: 0.1 → "0,1", 5000 →
    "5.000" / "5,000"; infinities as "∞" and "-∞"."""
    if is_missing(value):
        return MISSING
    number_ = float(value)  # type: ignore[arg-type]
    if math.isinf(number_):
        return "∞" if number_ > 0 else "-∞"
    return format_decimal(number_, format="#,##0.###", locale=LOCALES[lang])


def quantity(value: object, kind: str, lang: Lang, *, unit: bool = True, decimals: int | None = None) -> str:
    """``value`` written as the quantity ``kind`` of :data:`QUANTITIES`, with its unit unless ``unit=False``."""
    spec = QUANTITIES[kind]
    text = number(value, lang, spec.decimals if decimals is None else decimals, grouping=spec.grouping,
                  signed=spec.signed)  # fmt: skip
    if text == MISSING or not unit or spec.unit is None:
        return text
    suffix = spec.unit(lang)
    return f"{text}{suffix}" if suffix == "°" else f"{text} {suffix}"


def percent(value: object, lang: Lang, decimals: int = 1) -> str:
    """A value already in per cent (61.8, not 0.618): "61,8 %" / "61.8 %"."""
    return quantity(value, "percent", lang, decimals=decimals)


def unit_label(kind: str, lang: Lang) -> str:
    """The unit of a quantity in ``lang`` ("m³/ngày" / "m³/day"), empty when it has none."""
    spec = QUANTITIES[kind]
    return "" if spec.unit is None else spec.unit(lang)


def excel_format(kind: str) -> str:
    """The Excel number format of a quantity ("#,##0.0"): Excel shows it in the reader's own convention."""
    spec = QUANTITIES[kind]
    return _pattern(spec.decimals, spec.grouping) if spec.decimals or spec.grouping else "0"


def format_columns(frame: pd.DataFrame, kinds: Mapping[str, str], lang: Lang) -> pd.DataFrame:
    """A copy of ``frame`` whose columns named in ``kinds`` (column → quantity kind) are written as text without
    their unit (the header carries it), for a table shown to people; other columns are left as they are."""
    out = frame.copy()
    for column, kind in kinds.items():
        if column in out.columns:
            out[column] = [quantity(v, kind, lang, unit=False) for v in out[column]]
    return out
