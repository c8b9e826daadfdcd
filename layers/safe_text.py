"""Text from data (names, sources, notes, uploaded values) shown as text: never run as script, never fetched.

Every path by which a data string reaches a browser goes through here:

- HTML (Leaflet tooltips, popups, legends, labels): :func:`html_text` escapes with markupsafe; HTML we build ourselves
  around escaped parts is :class:`markupsafe.Markup` and passes unchanged.
- JavaScript: :class:`Tooltip` puts its content into the page as a JSON string (jinja's ``tojson``, which also
  escapes ``<``, ``>``, ``&`` and ``'``). folium's own ``Tooltip`` pastes the text into a JavaScript template literal,
  so a name such as ``${…}`` ran as code when the page loaded and ``<img onerror=…>`` ran on hover.
- GeoJSON tooltips and popups: folium builds them in the browser with ``innerHTML`` from the feature properties, so
  :func:`escaped` HTML-escapes the shown properties and :func:`geojson_tooltip`/:func:`geojson_popup` the titles.
- Vector-tile layers of large unit sets (:mod:`layers.tiles`): names and values travel as one ``tojson`` array and
  their tooltips are built with ``textContent``/``createTextNode``, never ``innerHTML``.
- Markdown (``st.markdown``, ``st.caption``, ``st.info``, ``st.subheader``…): :func:`markdown_text` escapes every ASCII
  punctuation mark with a backslash (CommonMark's own escape), so ``![x](http://…)`` is shown, not fetched, and no
  link, emphasis, math or HTML is made from data.

Spreadsheet cells written for people are neutralised in :mod:`geo.io.cells`.
"""

from __future__ import annotations

import math
import string
from collections.abc import Sequence
from numbers import Number
from typing import Any, TypeVar

import folium
import pandas as pd
from folium.template import Template
from markupsafe import Markup, escape

__all__ = ["Markup", "Tooltip", "escaped", "geojson_popup", "geojson_tooltip", "html_text", "markdown_text"]

_MARKDOWN_SPECIAL = frozenset(string.punctuation)
FrameT = TypeVar("FrameT", bound=pd.DataFrame)


def html_text(value: object) -> Markup:
    """``value`` as HTML text: ``<img src=x>`` → ``&lt;img src=x&gt;``; Markup (HTML we built) stays as it is."""
    return escape(value if isinstance(value, str) else str(value))


def markdown_text(value: object) -> str:
    """``value`` as Markdown that shows exactly its text: every ASCII punctuation mark backslash-escaped, newlines
    kept as spaces (a data string is one line of text, never a block of Markdown)."""
    text = " ".join(str(value).splitlines())
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


class Tooltip(folium.Tooltip):  # type: ignore[misc]  # noqa: TID251
    """A Leaflet tooltip whose content is given to ``bindTooltip`` as a JSON string.

    ``content`` is plain text (escaped here) or :class:`Markup` built from escaped parts. A subclass of
    ``folium.Tooltip``, so markers take it as their ``tooltip``."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip({{ this.html|tojson }}, {{ this.options|tojavascript }});
        {% endmacro %}"""
    )

    def __init__(self, content: object, *, style: str | None = None, sticky: bool = True, **kwargs: Any) -> None:
        super().__init__("", sticky=sticky, **kwargs)
        body = html_text(content)
        self.text = str(body)
        wrapper = Markup('<div style="{}">{}</div>') if style else Markup("<div>{1}</div>")
        self.html = str(wrapper.format(style or "", body))


def _escape_cell(value: object) -> object:
    if value is None or isinstance(value, bool | Number):
        return None if isinstance(value, float) and math.isnan(value) else value
    return str(html_text(value))


def escaped(frame: FrameT, fields: Sequence[str]) -> FrameT:
    """A copy of ``frame`` whose ``fields`` hold HTML-escaped text (numbers stay numbers), for folium's GeoJSON
    tooltips and popups, which put property values into ``innerHTML``."""
    out = frame.copy()
    for field in dict.fromkeys(fields):
        column = out[field]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype | pd.CategoricalDtype):
            out[field] = column.astype(object).map(_escape_cell)
    return out


def geojson_tooltip(fields: Sequence[str], aliases: Sequence[str], **kwargs: Any) -> folium.GeoJsonTooltip:  # noqa: TID251
    """folium's GeoJSON tooltip with HTML-escaped titles; its values must come from :func:`escaped`."""
    return folium.GeoJsonTooltip(fields=list(fields), aliases=[str(html_text(a)) for a in aliases], **kwargs)  # noqa: TID251


def geojson_popup(fields: Sequence[str], aliases: Sequence[str], **kwargs: Any) -> folium.GeoJsonPopup:  # noqa: TID251
    """folium's GeoJSON popup with HTML-escaped titles; its values must come from :func:`escaped`."""
    return folium.GeoJsonPopup(fields=list(fields), aliases=[str(html_text(a)) for a in aliases], **kwargs)  # noqa: TID251
