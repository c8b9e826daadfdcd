"""Legacy Vietnamese text encodings: department files in TCVN3 (ABC, .VnTime fonts) instead of Unicode.

Spreadsheets and DBF attribute tables from departments are often TCVN3: "B¾c Giang" is TCVN3 read as Latin-1 for
"Bắc Giang". Python has no codec for it, so :data:`TCVN3` is the byte table (0xA1–0xFE) taken from GNU iconv's
TCVN5712-1. TCVN3 upper-case fonts (.VnTimeH) store lower-case bytes, so such text comes back lower case.
:func:`decode_bytes` detects the encoding of a file that is not UTF-8 (TCVN3 or Windows-1258) rather than asking
the user; :func:`fix_text_columns` repairs text columns a reader already decoded as Latin-1 (DBF without .cpg).
VNI-Windows (two bytes per accented letter) is not decoded: such files get the error that asks for Unicode.
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


def decode_bytes(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for UTF-8, TCVN3 or Windows-1258 bytes; None when none of them reads as Vietnamese."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    latin = raw.decode("latin-1")
    if looks_like_tcvn3(latin):
        candidates.append((from_latin1(latin), "TCVN3"))
    with contextlib.suppress(UnicodeDecodeError):
        candidates.append((unicodedata.normalize("NFC", raw.decode("cp1258")), "Windows-1258"))
    scored = [(c, _vietnamese_share(c[0])) for c in candidates]
    scored = [s for s in scored if s[1] >= 0.8]
    return max(scored, key=lambda s: s[1])[0] if scored else None


def fix_text_columns(frame: FrameT) -> tuple[FrameT, list[str]]:
    """Decode every text column that is TCVN3 read as Latin-1; return the frame and the columns repaired."""
    fixed = []
    out = frame.copy()
    for column in out.columns:
        if column == "geometry" or not (pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object):
            continue
        values = out[column].dropna().astype(str)
        if looks_like_tcvn3("".join(values.tolist())):
            out[column] = out[column].map(lambda v: from_latin1(v) if isinstance(v, str) else v)
            fixed.append(str(column))
    return out, fixed
