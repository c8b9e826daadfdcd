"""The catalogue of forest rasters: files on disk, each registered in the store by its sha256 (the store's own
dataset, declared here like those of :mod:`geo.datasets`).

A row names a raster, where its file is (repository-relative or absolute), its sha256 and size (computed on import
and checked against any given), its year, whether it is illustrative, its titles and source. Set-up registers the
active raster of ``data/monitoring/forest_classes.toml`` once its file exists.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from geo.datasets import load as datasets
from geo.datasets.spec import Column, Dataset
from geo.errors import Problem, SchemaError, Text
from geo.forest.cover import load_config
from geo.io import archive, files
from geo.settings import REPO_ROOT, get_settings

FOREST_RASTER = Dataset(
    name="forest_raster",
    title=Text("Danh mục ảnh rừng", "Forest raster catalogue"),
    geometry="table",
    key=("name",),
    columns=(
        Column("name", "str", Text("Tên ảnh", "Raster name"), unique=True),
        Column("path", "str", Text("Đường dẫn tệp", "File path")),
        Column("sha256", "str", Text("Mã băm sha256", "sha256"), nullable=True),
        Column("size_bytes", "int", Text("Kích thước (byte)", "Size (bytes)"), nullable=True, min=0),
        Column("year", "int", Text("Năm", "Year"), min=1990, max=2100),
        Column("illustrative", "bool", Text("Minh họa", "Illustrative")),
        Column("title_vi", "str", Text("Tiêu đề", "Title (Vietnamese)")),
        Column("title_en", "str", Text("Tiêu đề (tiếng Anh)", "Title")),
        Column("source", "str", Text("Nguồn", "Source")),
        Column("classes", "str", Text("Lớp ảnh (mã=tên)", "Classes (code=label)"), required=False, nullable=True),
    ),
)


def _registered(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Each raster's file must exist; its sha256 and size are computed (the sha256 must match one given)."""
    problems, digests, sizes = [], [], []
    fix = Text("kiểm tra đường dẫn và tệp", "check the path and the file")
    for i, row in enumerate(frame.itertuples(index=False)):
        path = Path(str(row.path))
        path = path if path.is_absolute() else REPO_ROOT / path
        digest = archive.sha256(path) if path.is_file() else None
        given = row.sha256 if isinstance(row.sha256, str) else None
        if digest is None:
            problems.append(Problem(file, i + 2, "path", Text("một tệp có thật", "an existing file"), row.path, fix))
        elif given and given.lower() != digest:
            problems.append(Problem(file, i + 2, "sha256", Text(f"sha256 {digest}", digest), given, fix))
        digests.append(digest)
        sizes.append(path.stat().st_size if digest else None)
    if problems:
        raise SchemaError(problems)
    out = frame.copy()
    out["sha256"], out["size_bytes"] = digests, pd.array(sizes, dtype="Int64")
    return out


def keep_upload(data: bytes, file: str) -> Path:
    """An uploaded GeoTIFF kept for good under ``BGGM_RASTER_DIR``, named by its sha256 (the same file twice is
    kept once; nothing is ever overwritten with other bytes)."""
    digest = archive.sha256_bytes(data)
    path = get_settings().raster_dir / f"{digest[:16]}_{Path(file).stem[:60]}.tif"
    if not (path.is_file() and archive.sha256(path) == digest):
        files.write_bytes(data, path)
    return path


def catalogue_row(path: Path, read: pd.DataFrame, source: str) -> pd.DataFrame:
    """The catalogue row of a checked GeoTIFF at ``path``: ``read`` is the reader's frame of it (classes, date,
    illustrative, from :func:`geo.importers.read_upload`); its year is the date's, its name the file's stem."""
    info = read.iloc[0]
    date = checked_date(path.name, info["date"])
    name = Path(str(info["file"])).stem
    row = {"name": name, "path": str(path.resolve()), "sha256": None, "size_bytes": None, "year": date.year,
           "illustrative": bool(info["illustrative"]), "title_vi": name, "title_en": name, "source": source,
           "classes": str(info["classes"]) or None}  # fmt: skip
    return _registered(pd.DataFrame([row]), path.name)


def checked_date(file: str, given: object) -> dt.date:
    """A raster's date as the page and ``--date`` give it, YYYY-MM-DD; missing, in another form or a day that does
    not exist (2024-02-30) is ``date_needed``."""
    text = given.strip() if isinstance(given, str) else ""
    day = None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(text)
    if day is None:
        raise SchemaError(
            Problem(
                file=file,
                field="date",
                expected=Text("ngày của ảnh (YYYY-MM-DD)", "the raster's date (YYYY-MM-DD)"),
                found=text or None,
                fix=Text("cho biết ngày của ảnh, ví dụ 2024-12-31", "give the raster's date, e.g. 2024-12-31"),
                code="date_needed",
            )
        )
    return day


def read_rasters(path: Path) -> pd.DataFrame:
    """A catalogue file (CSV/XLSX with the columns above), validated, each raster's file hashed."""
    return _registered(datasets.load(FOREST_RASTER, path), path.name)


def seed_rasters() -> pd.DataFrame:
    """The active raster of the forest class configuration, when its file exists (it is made at set-up)."""
    config = load_config()
    if not config.path.is_file():
        return pd.DataFrame(columns=list(FOREST_RASTER.names))
    path = config.path.relative_to(REPO_ROOT) if config.path.is_relative_to(REPO_ROOT) else config.path
    row = {
        "name": config.name,
        "path": str(path),
        "sha256": None,
        "size_bytes": None,
        "year": config.year,
        "illustrative": config.illustrative,
        "title_vi": config.title.vi,
        "title_en": config.title.en,
        "source": config.source,
    }
    return _registered(pd.DataFrame([row]), "forest_classes.toml")
