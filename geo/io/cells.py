"""Cells of tables written for people (CSV and Excel downloads, CLI outputs): text a spreadsheet would run is shown.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula: a KCN name ``=HYPERLINK("http://…","…")`` in a download would become a live link, ``@SUM(…)`` a call. As
OWASP advises ("CSV injection"), such text is prefixed with a single quote, which spreadsheets read as "this is text".
Numbers stay numbers, and text that is just a negative number ("-12", "-1.234,5", "-3,2 %") is left as it is.

Tables the app reads back (stored department values, caches) are not neutralised: only what people open.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,\u00a0\u202f ]\d+)*(?:\s?%)?")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it as text: ``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``; anything else unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if _NEGATIVE_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers are :func:`safe_cell`; numeric columns untouched."""
    out = frame.rename(columns=lambda c: safe_cell(c) if isinstance(c, str) else c)
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype | pd.CategoricalDtype):
            out.isetitem(position, column.astype(object).map(safe_cell).to_numpy())
    return out
