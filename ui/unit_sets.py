"""The unit-set choice every page shows (URL ``units=``): the built sets a page can compute, plus every set the
department imported into the store (drawn; a page whose figures need a built set says so instead of failing)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from geo.errors import Text
from layers.safe_text import markdown_text
from ui import choice, choices, data
from ui.i18n import lang, tr

IMPORTED_NOTE = Text(
    "Bộ đơn vị «{name}» do Sở tự nhập: bản đồ vẽ các đơn vị của bộ này, nhưng {what} chỉ có cho bộ đơn vị dựng sẵn "
    "({built}).",
    "The unit set «{name}» was imported by the department: the map draws its units, but {what} exist only for the "
    "built unit sets ({built}).",
)


def title(unit_set: str, *, markdown: bool = True) -> str:
    """A set's title in the current language. An imported set's name is data: escaped for Markdown (radio labels,
    captions) unless ``markdown=False`` (a PNG sheet, a file name)."""
    found = {s.id: s for s in data.unit_sets()}.get(unit_set)
    text = unit_set if found is None else found.title(lang())
    return markdown_text(text) if markdown and found is not None and found.imported else text


def pick(widget: Callable[..., Any], label: str, *, key: str, built: Sequence[str] | None = None,
         default: str | None = None, **kwargs: Any) -> str:  # fmt: skip
    """The unit-set choice: ``built`` (default: every built set) then every imported set, kept in ``?units=``."""
    ids = [s.id for s in data.unit_sets() if s.imported or built is None or s.id in built]
    return str(
        choice.pick(widget, label, ids, key=key, default=default or ids[0], param=choices.UNIT_SET,
                    format_func=title, **kwargs)
    )  # fmt: skip


def is_imported(unit_set: str) -> bool:
    return unit_set in data.imported_sets()


def imported_note(unit_set: str, what: Text, built: Sequence[str]) -> None:
    """Say under an imported set's map which figures it cannot have (they exist for ``built`` only)."""
    names = ", ".join(title(b) for b in built)
    st.info(tr(IMPORTED_NOTE, name=markdown_text(unit_set), what=what(lang()), built=names), icon=":material/info:")
