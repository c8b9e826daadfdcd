"""The one choice widget every page uses: stable option ids, labels in the current language, kept in the URL.

Streamlit remembers a radio's or selectbox's choice by its label on the wire, so when the labels change language the
choice can come back blank, as the default, or as a stale label that is not an option at all (the IndexError on the
progress page). Here each choice is held by its option id under a private key that no widget owns; the widget is
re-seeded from it whenever the language changed since it was last drawn, the widget is new (another page, another
tab), its value is no longer an option, or the URL asks for another value. After the widget runs, the id is stored
again and written to ``st.query_params`` (left out when it is the default), so a reload or a shared link opens the
same view. The pure part (ids, URL parsing and validation) lives in ui/choices.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from geo.errors import Text
from ui import choices
from ui.i18n import lang, tr

_STORE, _DRAWN_IN, _PENDING, _URL_SEEN = "_choice.", "_choice_lang.", "_choice_pending.", "_url_seen"


def _from_url(param: str | None) -> str | None:
    """The URL's value of ``param`` when it is new to this session (a reload, a shared link), else None."""
    if param is None or param not in st.query_params:
        return None
    raw = st.query_params[param]
    seen: dict[str, str | None] = st.session_state.setdefault(_URL_SEEN, {})
    if seen.get(param) == raw:
        return None
    seen[param] = raw
    return raw


def _to_url(param: str | None, value: Any, default: Any) -> None:
    if param is None:
        return
    seen: dict[str, str | None] = st.session_state.setdefault(_URL_SEEN, {})
    if choices.is_default(value, default):
        if param in st.query_params:
            del st.query_params[param]
        seen[param] = None
        return
    text = choices.encode(value)
    if st.query_params.get(param) != text:
        st.query_params[param] = text
    seen[param] = text


def _seed(key: str, default: Any, param: str | None, parse: Callable[[str], Any], check: Callable[[Any], Any]) -> None:
    """Put the value the widget ``key`` must show into session state before it is drawn, when it must change.

    The value is, in order: one chosen elsewhere (:func:`choose`), one new in the URL, the widget's own value when it
    is still an option, the stored id. It is written back whenever the widget would otherwise show something else:
    a new widget, a language switch (new labels), or another value than its own.
    """
    state = st.session_state
    live = state.get(key)
    has_live = key in state and _same(check(live), live)
    current = live if has_live else state.get(_STORE + key, default)
    reseed = not has_live or state.get(_DRAWN_IN + key) != lang()
    raw = _from_url(param)
    parsed = parse(raw) if raw is not None else None
    if parsed is not None:
        current, reseed = parsed, True
    if _PENDING + key in state:  # chosen elsewhere (a click on the map, a search) since the widget was drawn
        current, reseed = state.pop(_PENDING + key), True
    if reseed:
        state[key] = check(current)


def choose(key: str, value: Any) -> None:
    """Make ``value`` the choice of widget ``key`` the next time it is drawn (from a map click or a search)."""
    st.session_state[_PENDING + key] = value


def chosen(key: str, default: Any = None) -> Any:
    """The last value of choice ``key`` (also while its widget is not drawn, e.g. on another tab)."""
    return st.session_state.get(_STORE + key, default)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except (TypeError, ValueError):
        return False


def _done(key: str, value: Any, default: Any, param: str | None) -> Any:
    st.session_state[_STORE + key] = value
    st.session_state[_DRAWN_IN + key] = lang()
    _to_url(param, value, default)
    return value


def pick(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], Any] = str,
    param: str | None = None,
    **kwargs: Any,
) -> Any:
    """A radio, selectbox, select_slider, segmented control or multiselect (``default`` a list) over stable ids.

    ``format_func`` gives each id's label in the current language; ``param`` names the URL parameter that keeps it.
    """
    opts = list(options)
    multi = isinstance(default, list)

    def parse(raw: str) -> Any:
        return choices.parse_many(raw, opts) if multi else choices.parse_one(raw, opts)

    _seed(key, default, param, parse, lambda v: choices.valid(v, opts, default))
    labels = {o: str(format_func(o)) for o in opts}  # fixed now: the language may change before they are read again
    value = widget(label, opts, format_func=lambda o: labels.get(o, str(o)), key=key, **kwargs)
    return _done(key, list(value) if multi else value, default, param)


def flag(widget: Callable[..., Any], label: str, *, key: str, default: bool = False, param: str | None = None,
         **kwargs: Any) -> bool:  # fmt: skip
    """A toggle or checkbox kept like the other choices."""
    _seed(key, default, param, choices.parse_flag, lambda v: v if isinstance(v, bool) else default)
    return bool(_done(key, bool(widget(label, key=key, **kwargs)), default, param))


def day(widget: Callable[..., Any], label: str, *, key: str, default: dt.date, first: dt.date, last: dt.date,
        param: str | None = None, **kwargs: Any) -> dt.date:  # fmt: skip
    """A date_input limited to [first, last]; a date outside it (an old link) falls back to ``default``."""

    def check(value: Any) -> dt.date:
        return value if isinstance(value, dt.date) and first <= value <= last else default

    _seed(key, default, param, lambda raw: choices.parse_date(raw, first, last), check)
    value = widget(label, key=key, min_value=first, max_value=last, **kwargs)
    return _done(key, check(value), default, param)  # type: ignore[no-any-return]


def tabs(label: str, titles: Mapping[str, Text], *, key: str, param: str | None = choices.TAB) -> str:
    """A row of tab-like buttons that keeps the open one across language switches and in the URL; returns its id.

    The page draws only the open part. (``st.tabs`` with state loses its URL update after a tab click, so a
    segmented control, a widget like the others, stands in for it.)
    """
    ids = list(titles)
    return str(
        pick(st.segmented_control, label, ids, key=key, default=ids[0], param=param,
             format_func=lambda i: tr(titles[i]), required=True, label_visibility="collapsed", width="stretch")
    )  # fmt: skip


def language_switch() -> None:
    """Vietnamese or English, in the sidebar and in the URL (``?lang=en``); every page reads it through lang()."""
    pick(st.sidebar.radio, "Ngôn ngữ / Language", choices.LANGUAGES, key="lang", default="vi", param=choices.LANG,
         format_func=lambda v: "Tiếng Việt" if v == "vi" else "English", horizontal=True)  # fmt: skip
