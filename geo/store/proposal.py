"""What an import would change, before it is written: the differences of a validated file from the dataset's current
version (added, changed old → new, removed) under the chosen mode, and the write that commits exactly that.

Modes (the page's and ``python -m geo import``'s):

- ``update``: add the file's new rows and change the stored rows it holds with other values; nothing is removed.
- ``replace``: also remove the stored rows the file lacks. For ``units`` only within the unit sets the file holds
  (a planning-zone layer never removes the district boundaries).
- ``append``: add new rows only (hourly measurements: new hours). A row already stored with other values is shown
  as a change and refused (``append_changes_stored``): choose ``update`` to write it; a row stored identically is
  skipped.

:func:`compare` is pure (encoded rows in, a table of differences out); :func:`propose` reads the current version and
its rows in one transaction, so :func:`commit` writes with ``base_version`` = the version the differences were made
against, and the store refuses (or merges) if someone wrote since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from sqlalchemy import select

from geo.errors import Problem, SchemaError, Text
from geo.store.catalog import Dataset, dataset
from geo.store.conform import conform
from geo.store.engine import reading
from geo.store.history import CHANGE_COLUMNS
from geo.store.models import DatasetHead
from geo.store.rows import Encoded, decode, encode
from geo.store.versions import WriteResult, rows_at, write

ImportMode = Literal["update", "replace", "append"]
MODES: tuple[ImportMode, ...] = ("update", "replace", "append")


def _fields(data: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(data)
    return loaded


def _row(ds: Dataset, key: str, change: str, old: Encoded | None, new: Encoded | None) -> dict[str, object]:
    before = _fields(old[0]) if old else None
    after = _fields(new[0]) if new else None
    changed: list[str] = []
    if old and new:
        changed = [c for c in ds.column_names if (before or {}).get(c) != (after or {}).get(c)]
        if old[1] != new[1]:
            changed.append("geometry")
    return {
        "key": dict(zip(ds.keys, json.loads(key), strict=True)),
        "change": change,
        "fields": tuple(changed),
        "old": before,
        "new": after,
    }


def scope(ds: Dataset, stored: dict[str, Encoded], new: dict[str, Encoded]) -> dict[str, Encoded]:
    """The stored rows a file is compared with: all of them, or for ``units`` those of the unit sets it holds."""
    if ds.name != "units":
        return stored
    sets = {json.loads(k)[0] for k in new}
    return {k: v for k, v in stored.items() if json.loads(k)[0] in sets}


def compare(ds: Dataset, stored: dict[str, Encoded], new: dict[str, Encoded], mode: ImportMode) -> pd.DataFrame:
    """The differences of ``new`` from ``stored`` under ``mode``, one row per dataset row, as
    :func:`geo.store.history.changes` gives them (key, change: added/changed/removed, fields, old, new), in key
    order. In ``append`` mode a changed row is listed as "changed" too (it is what the mode refuses)."""
    stored = scope(ds, stored, new)
    rows = []
    for key in sorted(set(new) | (set(stored) if mode == "replace" else set())):
        old, fresh = stored.get(key), new.get(key)
        if old is None:
            rows.append(_row(ds, key, "added", None, fresh))
        elif fresh is None:
            rows.append(_row(ds, key, "removed", old, None))
        elif old != fresh:
            rows.append(_row(ds, key, "changed", old, fresh))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def counts(changes: pd.DataFrame) -> dict[str, int]:
    """``{"added": n, "changed": n, "removed": n}`` of a :func:`compare` table."""
    found = changes["change"].value_counts()
    return {c: int(found.get(c, 0)) for c in ("added", "changed", "removed")}


def append_refusals(changes: pd.DataFrame, file: str | None) -> list[Problem]:
    """In ``append`` mode, each row stored with other values, as a problem naming its key."""
    return [
        Problem(
            file=file,
            field=", ".join(rec["key"]),
            expected=Text("một dòng mới (chế độ thêm mới)", "a new row (append mode)"),
            found=Text(
                f"{_key_text(rec['key'])}: đã có với giá trị khác ({', '.join(rec['fields'])})",
                f"{_key_text(rec['key'])}: stored with other values ({', '.join(rec['fields'])})",
            ),
            fix=Text(
                "chọn chế độ cập nhật (--mode update) để ghi thay đổi", "choose update (--mode update) to write it"
            ),
            code="append_changes_stored",
        )
        for rec in changes.to_dict("records")
        if rec["change"] == "changed"
    ]


def _key_text(key: dict[str, object]) -> str:
    return " · ".join(f"{k}={v}" for k, v in key.items())


@dataclass(frozen=True)
class Proposal:
    """A validated file's write, ready to commit: the rows and store mode to write, the version they were compared
    with, the differences, and (append mode) the rows the mode refuses."""

    dataset: str
    mode: ImportMode
    base_version: int
    rows: pd.DataFrame
    store_mode: Literal["upsert", "replace"]
    changes: pd.DataFrame
    refused: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.changes)


def propose(name: str, frame: pd.DataFrame, mode: ImportMode, *, file: str | None = None,
            url: str | None = None) -> Proposal:  # fmt: skip
    """Compare a validated ``frame`` with the dataset's current version (read with its version in one
    transaction) under ``mode``; see the module for the modes."""
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: one of {MODES}")
    ds = dataset(name)
    frame = conform(ds, frame, file=file)  # a table that does not match the declaration has no differences to show
    new = encode(ds, frame)
    with reading(url) as conn:
        base = int(conn.execute(select(DatasetHead.version).where(DatasetHead.dataset == name)).scalar() or 0)
        stored = rows_at(conn, name)
    changes = compare(ds, stored, new, mode)
    refused = append_refusals(changes, file) if mode == "append" else []
    rows, store_mode = frame, "upsert"
    if mode == "append":
        keep = [k for k in new if k not in stored]
        rows = decode(ds, (new[k] for k in keep)) if keep else frame.iloc[:0]
        changes = changes[changes["change"] == "added"] if not refused else changes
    elif mode == "replace":
        store_mode = "replace"
        if ds.name == "units":  # keep the other unit sets: they are part of the rows written
            others = {k: v for k, v in stored.items() if k not in scope(ds, stored, new)}
            rows = decode(ds, [*others.values(), *new.values()])
    return Proposal(name, mode, base, rows, store_mode, changes.reset_index(drop=True), refused)  # type: ignore[arg-type]


def commit(proposal: Proposal, *, user: str, reason: str, source_name: str | None = None,
           source_sha256: str | None = None, dry_run: bool = False, url: str | None = None) -> WriteResult:  # fmt: skip
    """Write the proposal as one change set based on the version it was compared with (the store refuses the
    write, naming who changed what, if someone changed the same rows since; merges it otherwise). An append that
    would change stored rows is refused; so is an empty reason (by the store)."""
    if proposal.refused:
        raise SchemaError(proposal.refused)
    return write(
        proposal.dataset,
        proposal.rows,
        user=user,
        reason=reason,
        base_version=proposal.base_version,
        mode=proposal.store_mode,
        source_name=source_name,
        source_sha256=source_sha256,
        url=url,
        dry_run=dry_run,
    )
