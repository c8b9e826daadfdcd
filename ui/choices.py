"""What a page's choices are, independent of the language and of Streamlit: stable option ids and their URL form.

A choice (unit set, unit, indicator, year, date, tab …) is held as a stable option id ("communes_2025", "219",
"7", 2025, a date); only its label follows the language. The URL carries the ids, so a reload or a shared link opens
the same view in either language. Values read from a URL are checked against the options; anything else (a typo,
an old link, a unit of another set) falls back to the default without an error. No Streamlit here, so all of it is
tested as plain functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# URL parameter names shared by every page (one word each, the same in both languages)
LANG, UNIT_SET, UNIT, INDICATOR, YEAR, DATE, TAB = "lang", "units", "unit", "indicator", "year", "date", "tab"
DATASET = "dataset"
LANGUAGES = ("vi", "en")
SEPARATOR = ","


def encode(value: object) -> str:
    """The URL text of a choice: ids joined by commas for a multiple choice, ISO dates, plain text otherwise."""
    if isinstance(value, list | tuple):
        return SEPARATOR.join(encode(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def parse_one(raw: str | None, options: Sequence[T]) -> T | None:
    """The option whose URL text is ``raw`` (surrounding spaces ignored), or None when there is none."""
    if raw is None:
        return None
    text = raw.strip()
    for option in options:
        if encode(option) == text:
            return option
    return None


def parse_many(raw: str | None, options: Sequence[T]) -> list[T] | None:
    """The options named in a comma-separated ``raw``, in the options' order; unknown names are skipped.

    An empty parameter means an empty choice; a parameter naming nothing valid means "use the default" (None).
    """
    if raw is None:
        return None
    parts = [p.strip() for p in raw.split(SEPARATOR) if p.strip()]
    if not parts:
        return []
    chosen = [o for o in options if encode(o) in parts]
    return chosen or None


def parse_date(raw: str | None, first: dt.date, last: dt.date) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) within [first, last], or None."""
    if raw is None:
        return None
    try:
        day = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return day if first <= day <= last else None


def parse_flag(raw: str | None) -> bool | None:
    if raw is None:
        return None
    text = raw.strip().lower()
    return True if text in ("1", "true", "yes") else False if text in ("0", "false", "no") else None


def valid(value: Any, options: Sequence[Any], default: Any) -> Any:
    """``value`` when it is one of ``options``, else ``default`` when it is, else the first option (or None).

    A multiple choice (``default`` a list) keeps the valid members of ``value``, in their order, once each.
    """
    if isinstance(default, list):
        if not isinstance(value, list | tuple):
            value = default
        kept: list[Any] = []
        for v in value:
            if _member(v, options) and v not in kept:
                kept.append(v)
        return kept
    if _member(value, options):
        return value
    if _member(default, options):
        return default
    return options[0] if len(options) else None


def _member(value: Any, options: Sequence[Any]) -> bool:
    try:
        return value in options
    except (TypeError, ValueError):  # an unhashable or array-like value compared with the options
        return False


def is_default(value: Any, default: Any) -> bool:
    """Whether a choice equals its default, so that the URL can leave it out."""
    if isinstance(default, list):
        return list(value or []) == list(default)
    return bool(value == default)
