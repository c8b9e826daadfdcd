"""Header mappings people chose on the "Dữ liệu" page, remembered per user and dataset and offered next time.

Kept in one small JSON file under the department's data folder (``BGGM_USER_DATA_DIR``/import_mappings.json):
``{user: {dataset: {header in the file: column}}}``. A new choice for a header replaces the old one; other headers
remembered for the dataset stay. The file is replaced atomically (a reader never sees half of it). What is offered
is only a default: the reader checks every mapping like one typed in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from geo.datasets.spec import Dataset, header_key
from geo.io import files
from geo.settings import get_settings

FILE_NAME = "import_mappings.json"


def mappings_path() -> Path:
    return get_settings().user_data_dir / FILE_NAME


def _load(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    if not path.exists():
        return {}
    data = files.read_json(path)
    if not isinstance(data, dict):
        return {}
    return {
        str(user): {str(ds): {str(h): str(c) for h, c in cols.items()} for ds, cols in by_ds.items()}
        for user, by_ds in data.items()
        if isinstance(by_ds, dict)
    }


def remembered(user: str, dataset: str, path: Path | None = None) -> dict[str, str]:
    """The mapping ``user`` last chose for ``dataset`` ({header: column}; empty when none)."""
    return dict(_load(path or mappings_path()).get(user, {}).get(dataset, {}))


def remember(user: str, dataset: str, mapping: Mapping[str, str], path: Path | None = None) -> dict[str, str]:
    """Add ``mapping`` to what ``user`` chose for ``dataset``; returns the dataset's whole remembered mapping."""
    path = path or mappings_path()
    data = _load(path)
    kept = data.setdefault(user, {}).setdefault(dataset, {})
    kept.update({str(h): str(c) for h, c in mapping.items() if str(c)})
    files.write_bytes(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"), path)
    return dict(kept)


def offered(remembered_mapping: Mapping[str, str], headers: Iterable[str], ds: Dataset) -> dict[str, str]:
    """The remembered choices that apply to a file: for each of its ``headers`` that names no column of ``ds`` and
    that was remembered (compared as the reader compares headers: case, diacritics and punctuation aside), the column,
    unless another header of the file already supplies that column. Keyed by the header as the file writes it."""
    headers = [str(h) for h in headers]
    by_key = {header_key(h): c for h, c in remembered_mapping.items()}
    supplied = {ds.header_column(h) for h in headers} | {h for h in headers if h in ds.names}
    out: dict[str, str] = {}
    for h in headers:
        column = by_key.get(header_key(h))
        if column in ds.names and h not in ds.names and ds.header_column(h) is None and column not in supplied:
            out[h] = column
            supplied.add(column)
    return out
