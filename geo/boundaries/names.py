"""Vietnamese administrative names: normalisation and joins by name.

The same unit is written "Hiệp Hòa", "Hiệp Hoà", "Huyện Hiệp Hòa", "HIEP HOA" or in NFD Unicode. Every join by name
goes through :func:`name_key`, a diacritic-free, prefix-free, lower-case key; :func:`match_names` reports every name
that matched nothing (or more than one unit) instead of dropping it silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from geo.errors import NameMatchError, Problem, Text

# Longest first, so "thành phố" is removed before a shorter prefix could match inside it.
UNIT_TYPES: tuple[str, ...] = (
    "Thành phố",
    "Thị xã",
    "Thị trấn",
    "Huyện",
    "Quận",
    "Phường",
    "Tỉnh",
    "Xã",
)
_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn", "h": "huyện", "p": "phường", "x": "xã"}

# Old-style ("hoà") and new-style ("hòa") tone placement: NFC leaves them different, so fold them explicitly.
_OLD_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip


_OLD_TONE_RE = re.compile("(?<![qQ])(" + "|".join(_OLD_TONE) + ")(?![a-zà-ỹđ])", flags=re.IGNORECASE)


def _new_tone(match: re.Match[str]) -> str:
    old = match.group(0)
    new = _OLD_TONE[old.lower()]
    return "".join(n.upper() if o.isupper() else n for o, n in zip(old, new, strict=True))


def nfc(text: str) -> str:
    """NFC form, single spaces, and new-style tone placement in open syllables ("Hoà" → "Hòa", "Hoàng" kept)."""
    text = " ".join(unicodedata.normalize("NFC", str(text)).split())
    return _OLD_TONE_RE.sub(_new_tone, text)


def strip_diacritics(text: str) -> str:
    """ "Lục Ngạn" → "Luc Ngan"; "Đ" → "D"."""
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return base.replace("đ", "d").replace("Đ", "D")


def split_unit_type(name: str) -> tuple[str | None, str]:
    """Split "Huyện Lục Ngạn" into ("Huyện", "Lục Ngạn"); abbreviations "TP.", "TX", "TT" are recognised."""
    text = nfc(name)
    lower = text.lower()
    for unit_type in UNIT_TYPES:
        prefix = unit_type.lower()
        if lower.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            return unit_type, text[len(prefix) + 1 :].strip()
    match = re.match(r"^(tp|tx|tt|h|p|x)\s*[.\s]\s*(.+)$", text, flags=re.IGNORECASE)
    if match:
        full = _ABBREVIATIONS[match.group(1).lower()]
        return full[0].upper() + full[1:], match.group(2).strip()
    return None, text


def name_key(name: str) -> str:
    """Join key: no unit-type prefix, no diacritics, lower case, single spaces, hyphens/dashes as spaces.

    >>> name_key("Huyện Hiệp Hoà") == name_key("hiep hòa") == "hiep hoa"
    True
    """
    _, bare = split_unit_type(name)
    key = strip_diacritics(bare).lower()
    key = re.sub(r"[\-–—_.,()']+", " ", key)
    return " ".join(key.split())


def search_key(text: str) -> str:
    """Key for free-text search: like :func:`name_key` but keeps a typed prefix as words (no stripping)."""
    return " ".join(re.sub(r"[\-–—_.,()']+", " ", strip_diacritics(nfc(text)).lower()).split())


@dataclass(frozen=True)
class MatchResult:
    """Outcome of :func:`match_names`: the matched codes and every name that did not match exactly one unit."""

    codes: tuple[str | None, ...]
    unmatched: tuple[tuple[int, str], ...]
    ambiguous: tuple[tuple[int, str, tuple[str, ...]], ...]

    @property
    def ok(self) -> bool:
        return not self.unmatched and not self.ambiguous


def match_names(names: Sequence[str], units: Mapping[str, str]) -> MatchResult:
    """Match free-form ``names`` to unit ``codes`` given ``units`` = {code: official name}.

    Returns the code for every name (None where there is no single match) and lists what did not match.
    """
    index: dict[str, list[str]] = {}
    for code, official in units.items():
        index.setdefault(name_key(official), []).append(code)
    codes: list[str | None] = []
    unmatched: list[tuple[int, str]] = []
    ambiguous: list[tuple[int, str, tuple[str, ...]]] = []
    for i, name in enumerate(names):
        hits = index.get(name_key(name), [])
        if len(hits) == 1:
            codes.append(hits[0])
        else:
            codes.append(None)
            if hits:
                ambiguous.append((i, name, tuple(hits)))
            else:
                unmatched.append((i, name))
    return MatchResult(tuple(codes), tuple(unmatched), tuple(ambiguous))


def require_matches(
    names: Sequence[str], units: Mapping[str, str], *, file: str, field: str, first_row: int = 2
) -> list[str]:
    """Like :func:`match_names` but raise one :class:`NameMatchError` listing every name that did not match."""
    result = match_names(names, units)
    if result.ok:
        return [c for c in result.codes if c is not None]
    known = ", ".join(sorted(units.values())[:12])
    problems = [
        Problem(
            file=file,
            row=i + first_row,
            field=field,
            expected=Text(f"tên một đơn vị đã biết (ví dụ: {known})", f"the name of a known unit (e.g. {known})"),
            found=name,
            fix=Text("sửa chính tả tên, hoặc dùng mã đơn vị (mã GSO)", "correct the spelling, or use the GSO code"),
        )
        for i, name in result.unmatched
    ] + [
        Problem(
            file=file,
            row=i + first_row,
            field=field,
            expected=Text("một tên chỉ khớp một đơn vị", "a name matching one unit only"),
            found=f"{name} → {', '.join(hits)}",
            fix=Text("ghi kèm loại đơn vị (Xã/Phường/Huyện) hoặc dùng mã", "add the unit type or use the code"),
        )
        for i, name, hits in result.ambiguous
    ]
    raise NameMatchError(problems)


def search_units(query: str, units: Iterable[tuple[str, str]]) -> list[str]:
    """Codes of units whose name contains every word of ``query``, ignoring diacritics and case.

    ``units`` are (code, display name) pairs; exact key matches come first.
    """
    words = search_key(query).split()
    if not words:
        return []
    exact, partial = [], []
    for code, name in units:
        full = search_key(name)
        if name_key(name) == " ".join(words) or full == " ".join(words):
            exact.append(code)
        elif all(w in full.split() or w in full for w in words):
            partial.append(code)
    return exact + partial
