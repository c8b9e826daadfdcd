"""Hostile text for the escaping tests: names and sources that would run script, fetch an address or run a formula
if any path showed them as anything but text; a KCN/CCN register carrying them; readers of rendered HTML and JS."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
# Each payload, if it ran, sets window.top.__xss (the browser test looks for it) or fetches example.invalid.
IMG = '<img src=x onerror="window.top.__xss=1">'
TEMPLATE = "${window.top.__xss=1}"
SCRIPT = "</script><script>window.top.__xss=1</script>"
MD_IMAGE = "![x](http://example.invalid/a.png)"
FORMULA = '=HYPERLINK("http://example.invalid","y")'
BACKTICK = "`;window.top.__xss=1;`"
HOSTILE_NAMES = (IMG, TEMPLATE, SCRIPT, MD_IMAGE, FORMULA, BACKTICK, "+1", "-cmd", "@SUM(1)")
HOSTILE_SOURCE = "![s](http://example.invalid/s.png) <img src=http://example.invalid/i.png onerror=window.top.__xss=1>"


def hostile_register(tmp_path: Path) -> Path:
    """The shipped KCN/CCN register with hostile names on its first rows and a hostile source on every row."""
    table = pd.read_csv(ROOT / "data" / "monitoring" / "kcn_ccn.csv", dtype=str, keep_default_na=False)
    for i, name in enumerate(HOSTILE_NAMES):
        table.loc[i, "name"] = f"{name} {i}" if name[0] not in "=+-@" else name
    table["source"] = HOSTILE_SOURCE
    path = tmp_path / "kcn_ccn_hostile.csv"
    table.to_csv(path, index=False)
    return path


class Shown(HTMLParser):
    """What a browser makes of an HTML fragment: its elements, their attributes and its text."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def assert_shown_as_text(fragment: str, *texts: str, tags: set[str] | None = None) -> Shown:
    """``fragment`` shows each of ``texts`` literally, makes no element outside ``tags`` and no event handler."""
    shown = Shown(fragment)
    allowed = tags if tags is not None else {"div", "b", "i", "br", "span", "table", "tr", "td", "th", "a", "svg",
                                             "circle"}  # fmt: skip
    assert set(shown.tags) <= allowed, shown.tags
    assert not [a for a in shown.attributes if a.lower().startswith("on")], shown.attributes
    for text in texts:
        assert text in shown.text, (text, shown.text)
    return shown


def bound_tooltips(page: str) -> list[str]:
    """The content of every ``bindTooltip("…")`` of a rendered folium page (a JSON string, decoded).

    A tooltip bound any other way with text (folium's JavaScript template literal) fails the test: data text there
    is code."""
    out = []
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\.bindTooltip\(\s*", page):
        start = match.end()
        if page.startswith("function", start):  # GeoJSON tooltips: built from feature properties (see escaped)
            continue
        assert page[start] == '"', f"tooltip not given as a JSON string: {page[start : start + 80]!r}"
        value, _ = decoder.raw_decode(page, start)
        out.append(value)
    return out


def shown_markdown(source: str) -> str:
    """The text a Markdown source shows once its backslash escapes are read (CommonMark: before ASCII punctuation),
    for comparing messages with what the user reads (data text in them is escaped by layers.safe_text)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source)
