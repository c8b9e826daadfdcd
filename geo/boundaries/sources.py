"""Upstream sources: the registry in data/boundaries/sources.toml, fetched with pooch and checked by sha256.

Files are downloaded on first use from their public URL pinned at a commit, or, where ``BGGM_DATA_MIRROR`` names a
local mirror, copied from it with no network. Either way pooch checks the sha256 before a file is used, and a file
already in the cache with the right hash is not fetched again.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pooch

from geo.errors import FetchError, Problem, Text
from geo.settings import REPO_ROOT, get_settings

pooch.get_logger().setLevel("WARNING")  # pooch says "Downloading" even when it copies from the mirror

REGISTRY_PATH = REPO_ROOT / "data" / "boundaries" / "sources.toml"


@dataclass(frozen=True)
class Source:
    key: str
    url: str
    repo: str
    commit: str
    path: str
    mirror_path: str
    sha256: str
    licence: str
    attribution: str


def load_registry(path: Path = REGISTRY_PATH) -> dict[str, Source]:
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return {key: Source(key=key, **fields) for key, fields in raw["files"].items()}


def _mirror_downloader(mirror: Path, source: Source) -> Callable[[str, str, object], None]:
    def download(url: str, output_file: str, pooch_obj: object) -> None:
        origin = mirror / source.mirror_path
        if not origin.exists():
            raise FileNotFoundError(str(origin))
        shutil.copyfile(origin, output_file)

    return download


def fetch(key: str, *, registry: dict[str, Source] | None = None) -> Path:
    """Path to the verified local copy of upstream file ``key``."""
    sources = registry or load_registry()
    source = sources[key]
    settings = get_settings()
    downloader = _mirror_downloader(settings.mirror, source) if settings.mirror else None
    where = f"{settings.mirror / source.mirror_path}" if settings.mirror else source.url
    try:
        local = pooch.retrieve(
            url=source.url,
            known_hash=f"sha256:{source.sha256}",
            fname=key.replace("/", "__"),
            path=settings.cache_dir,
            downloader=downloader,
            progressbar=False,
        )
    except ValueError as exc:  # pooch: hash mismatch
        raise FetchError(
            Problem(
                file=where,
                field="sha256",
                expected=Text(f"sha256 {source.sha256}", f"sha256 {source.sha256}"),
                found=str(exc).splitlines()[0][:160],
                fix=Text(
                    "tệp nguồn đã bị thay đổi: tải lại đúng commit đã ghim, hoặc cập nhật sources.toml có kiểm chứng",
                    "the upstream file changed: fetch the pinned commit again, or update sources.toml deliberately",
                ),
            )
        ) from exc
    except Exception as exc:  # network errors come in many types (requests, OSError); all mean the same here
        raise FetchError(
            Problem(
                file=where,
                expected=Text("tải được tệp nguồn", "a reachable source file"),
                found=f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}",
                fix=Text(
                    "không có mạng: đặt biến BGGM_DATA_MIRROR trỏ tới bản sao cục bộ (ví dụ ../shared/data/upstream)",
                    "no network: set BGGM_DATA_MIRROR to a local mirror (e.g. ../shared/data/upstream)",
                ),
            )
        ) from exc
    return Path(local)


def fetch_all(progress: Callable[[int, int, str], None] | None = None) -> dict[str, Path]:
    sources = load_registry()
    paths = {}
    for i, key in enumerate(sources, start=1):
        paths[key] = fetch(key, registry=sources)
        if progress:
            progress(i, len(sources), key)
    return paths
