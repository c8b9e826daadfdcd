"""Legacy Vietnamese text encodings: department files in TCVN3 (ABC, .VnTime fonts) instead of Unicode.

Spreadsheets and DBF attribute tables from departments are often TCVN3: "B¾c Giang" is TCVN3 read as Latin-1 for
"Bắc Giang". Python has no codec for it, so :data:`TCVN3` is the byte table (0xA1–0xFE) taken from GNU iconv's
TCVN5712-1. TCVN3 upper-case fonts (.VnTimeH) store lower-case bytes, so such text comes back lower case.

VNI-Windows writes an accented letter as its base letter followed by one mark byte ("Baéc Giang" for "Bắc Giang":
``é`` after ``a`` is breve + acute); a few letters are one byte (``ñ`` đ, ``ô`` ơ, ``ö`` ư, ``ó`` ĩ, ``æ`` ỉ,
``ò`` ị, ``î`` ỵ). :data:`VNI_MARKS` and :data:`VNI_LETTERS` are that table (lower-case bytes; the upper-case Latin-1
letter is the same mark on an upper-case base), checked against the published VNI charts.

:func:`decode_bytes` detects the encoding of a file (UTF-8 with or without BOM, UTF-16 with a BOM, VNI, TCVN3 or
Windows-1258) rather than asking the user; :func:`fix_text_columns` repairs text columns a reader already decoded
as Latin-1 (DBF without .cpg) and :func:`fix_columns` says which legacy encoding each column was in.
"""

from __future__ import annotations

import contextlib
import unicodedata
from typing import TypeVar

import pandas as pd

FrameT = TypeVar("FrameT", bound=pd.DataFrame)  # a GeoDataFrame stays one

TCVN3: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă",
    0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ", 0xB5: "à",
    0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ",
    0xBE: "ắ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è", 0xCD: "Ể",
    0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế",
    0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ", 0xDD: "í",
    0xDE: "ị", 0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ",
    0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ",
    0xEE: "ợ", 0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ",
    0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFE: "ỵ",
    0xFF: "Ố",
}  # fmt: skip
_TRANSLATE = {bytes([b]).decode("latin-1"): ch for b, ch in TCVN3.items()}
# Latin-1 characters that are rare in Western text but common in TCVN3 Vietnamese read as Latin-1.
_TELLTALE = set("¸µ¶·¹»¼½¾ÆÇËÎÏÐÑÒÓÔÕÖ×ØÞ¨©ª«¬\xad®")
_VIETNAMESE = set("ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")


# VNI mark bytes (as Latin-1 characters) → the combining marks they add to the letter before them.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT, _CIRC, _BREVE = (
    "\u0301",
    "\u0300",
    "\u0309",
    "\u0303",
    "\u0323",
    "\u0302",
    "\u0306",
)
VNI_MARKS: dict[str, str] = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT, "â": _CIRC, "ê": _BREVE,
    "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}  # fmt: skip
VNI_LETTERS: dict[str, str] = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ó": "ĩ", "æ": "ỉ", "ò": "ị", "î": "ỵ"}
_VNI_MARKS = {**VNI_MARKS, **{k.upper(): v for k, v in VNI_MARKS.items()}}
_VNI_LETTERS = {**VNI_LETTERS, **{k.upper(): v.upper() for k, v in VNI_LETTERS.items()}}
_VNI_BASES = set("aeiouyAEIOUYơưƠƯ")


def from_vni(text: str) -> str:
    """VNI-Windows text that was decoded as Latin-1 (or Windows-1252), decoded properly (NFC)."""
    out: list[str] = []
    for ch in text:
        if ch in _VNI_MARKS and out and out[-1][-1:] in _VNI_BASES:
            out[-1] += _VNI_MARKS[ch]
        else:
            out.append(_VNI_LETTERS.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def looks_like_vni(text: str) -> bool:
    """Whether Latin-1-decoded ``text`` is really VNI: nearly every non-ASCII character is a VNI mark right after a
    vowel, or a one-byte VNI letter (TCVN3 puts its accented vowels after consonants: "B¾c")."""
    high = fitting = 0
    previous = ""
    for ch in text:
        if ord(ch) >= 0x80:
            high += 1
            base = _VNI_LETTERS.get(previous, previous)
            fitting += (ch in _VNI_MARKS and base in _VNI_BASES) or ch in _VNI_LETTERS
        previous = ch
    return high > 0 and fitting / high >= 0.9


def from_latin1(text: str) -> str:
    """TCVN3 text that was decoded as Latin-1, decoded properly."""
    return "".join(_TRANSLATE.get(ch, ch) for ch in text)


def looks_like_tcvn3(text: str) -> bool:
    """Whether Latin-1-decoded ``text`` is really TCVN3: most of its non-ASCII letters are TCVN3 tell-tales."""
    high = [ch for ch in text if ord(ch) >= 0x80]
    return bool(high) and sum(ch in _TELLTALE for ch in high) / len(high) >= 0.3


def _vietnamese_share(text: str) -> float:
    high = [ch for ch in unicodedata.normalize("NFC", text).lower() if ord(ch) >= 0x80]
    return 1.0 if not high else sum(ch in _VIETNAMESE for ch in high) / len(high)


def decode_latin1(text: str) -> tuple[str, str] | None:
    """(text, "VNI" or "TCVN3") for legacy Vietnamese text decoded as Latin-1; None when it is neither."""
    if looks_like_vni(text):
        return from_vni(text), "VNI"
    if looks_like_tcvn3(text) or (_TELLTALE & set(text) and _vietnamese_share(from_latin1(text)) == 1.0):
        return from_latin1(text), "TCVN3"
    return None


def decode_bytes(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for UTF-16 (with a BOM), UTF-8 (with or without BOM: "UTF-8-BOM", "UTF-8"), VNI, TCVN3
    or Windows-1258 bytes; None when none of them reads as Vietnamese."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), ("UTF-8-BOM" if raw.startswith(b"\xef\xbb\xbf") else "UTF-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    latin = raw.decode("latin-1")
    if looks_like_vni(latin):
        return from_vni(latin), "VNI"
    if looks_like_tcvn3(latin):
        candidates.append((from_latin1(latin), "TCVN3"))
    with contextlib.suppress(UnicodeDecodeError):
        candidates.append((unicodedata.normalize("NFC", raw.decode("cp1258")), "Windows-1258"))
    if _TELLTALE & set(latin):  # fewer tell-tales than looks_like_tcvn3 asks: last choice, on a full Vietnamese read
        candidates.append((from_latin1(latin), "TCVN3"))
    scored = [(c, _vietnamese_share(c[0])) for c in candidates]
    scored = [s for s in scored if s[1] >= 0.8]
    return max(scored, key=lambda s: s[1])[0] if scored else None  # the first of equals: the order above


def fix_columns(frame: FrameT) -> tuple[FrameT, dict[str, str]]:
    """Decode every text column that is VNI or TCVN3 read as Latin-1; return the frame and {column: encoding}."""
    fixed: dict[str, str] = {}
    out = frame.copy()
    for column in out.columns:
        if column == "geometry" or not (pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object):
            continue
        values = out[column].dropna()
        found = decode_latin1("".join(v for v in values.tolist() if isinstance(v, str)))
        if found is not None:
            convert = from_vni if found[1] == "VNI" else from_latin1
            out[column] = out[column].map(lambda v, f=convert: f(v) if isinstance(v, str) else v)  # type: ignore[misc]
            fixed[str(column)] = found[1]
    return out, fixed


def decode_columns(frame: FrameT) -> tuple[FrameT, dict[str, str]]:
    """Text columns read one character per byte (Latin-1) decoded in the encoding their bytes are in (UTF-8, VNI,
    TCVN3, Windows-1258; see :func:`decode_bytes`); returns the frame and {column: encoding} of non-ASCII columns."""
    found: dict[str, str] = {}
    out = frame.copy()
    for column in out.columns:
        if column == "geometry" or not (pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object):
            continue
        values = [v for v in out[column].dropna().tolist() if isinstance(v, str)]
        raw = "".join(values).encode("latin-1", errors="replace")
        if raw.isascii():
            continue
        decoded = decode_bytes(raw)
        if decoded is None:
            continue
        encoding = decoded[1]
        convert = {
            "VNI": from_vni,
            "TCVN3": from_latin1,
            "Windows-1258": lambda v: unicodedata.normalize("NFC", v.encode("latin-1").decode("cp1258")),
        }.get(encoding, lambda v: v.encode("latin-1").decode("utf-8-sig"))
        out[column] = out[column].map(lambda v, f=convert: f(v) if isinstance(v, str) else v)  # type: ignore[misc]
        found[str(column)] = encoding
    return out, found


def fix_text_columns(frame: FrameT) -> tuple[FrameT, list[str]]:
    """Decode every text column that is TCVN3 or VNI read as Latin-1; return the frame and the columns repaired."""
    out, fixed = fix_columns(frame)
    return out, list(fixed)
