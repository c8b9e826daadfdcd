"""Header mappings remembered from earlier imports, offered for a new file.

What people chose is kept in the store per user and dataset (:mod:`geo.store.mappings`: ``remembered``,
``remember``); :func:`offered` says which of those choices apply to a file's headers. The reader
(:func:`geo.importers.read_upload`, option ``remembered``) applies them, then checks every mapping like one typed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from geo.datasets.spec import Dataset, header_key


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
