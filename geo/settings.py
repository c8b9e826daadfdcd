"""Settings read from the environment, inside functions (never at import), so tests and the app can change them.

| variable | meaning | default |
|---|---|---|
| BGGM_DATA_MIRROR | a local mirror of the upstream files (e.g. ../shared/data/upstream): no network needed | unset |
| BGGM_CACHE_DIR | where fetched upstream files are kept | <repo>/.cache/upstream |
| BGGM_DISPLAY_CACHE_DIR | simplified copies of imported unit sets, one file per content | <repo>/.cache/display |
| BGGM_BUILD_DIR | where the built boundary layers are written | <repo>/data/boundaries/build |
| BGGM_REFERENCE_DIR | reference copies the build is checked against | <repo>/../shared/data/boundaries if present |
| BGGM_TILES | base map: "osm", "none", or an XYZ URL template | osm |
| BGGM_RASTER_DIR | where forest GeoTIFFs imported on the Dữ liệu page are kept (catalogued by sha256) | data/rasters |
| BGGM_DATABASE_URL | the data store, e.g. postgresql+psycopg://user:pw@host/db | data/store/bggm.sqlite |
| BGGM_IMPORT_MAX_BYTES | largest uploaded file accepted for import, in bytes | 52428800 (50 MB) |
| BGGM_IMPORT_MAX_UNCOMPRESSED | largest uncompressed size of an uploaded archive (zip, xlsx), bytes | 524288000 |
| BGGM_IMPORT_MAX_ROWS | most rows (features) an imported file may hold | 200000 |
| BGGM_UPLOAD_DIR | temporary upload area an import unpacks into (removed afterwards) | system temp dir |
| BGGM_REQUIRE_LOGIN | "1": every page needs a login (otherwise viewing needs none; writing always does) | unset |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    mirror: Path | None
    cache_dir: Path
    build_dir: Path
    reference_dir: Path | None
    tiles: str
    database_url: str
    raster_dir: Path = REPO_ROOT / "data" / "rasters"
    import_max_bytes: int = 50 * 1024 * 1024
    import_max_uncompressed: int = 500 * 1024 * 1024
    import_max_rows: int = 200_000
    upload_dir: Path | None = None
    require_login: bool = False
    display_cache_dir: Path = REPO_ROOT / ".cache" / "display"


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def get_settings() -> Settings:
    env = os.environ
    mirror = Path(env["BGGM_DATA_MIRROR"]).expanduser() if env.get("BGGM_DATA_MIRROR") else None
    reference = env.get("BGGM_REFERENCE_DIR")
    default_ref = REPO_ROOT.parent / "shared" / "data" / "boundaries"
    return Settings(
        mirror=mirror,
        cache_dir=Path(env.get("BGGM_CACHE_DIR") or REPO_ROOT / ".cache" / "upstream").expanduser(),
        build_dir=Path(env.get("BGGM_BUILD_DIR") or REPO_ROOT / "data" / "boundaries" / "build").expanduser(),
        reference_dir=Path(reference).expanduser() if reference else (default_ref if default_ref.is_dir() else None),
        tiles=env.get("BGGM_TILES", "osm").strip() or "osm",
        database_url=env.get("BGGM_DATABASE_URL", "").strip() or f"sqlite:///{REPO_ROOT / 'data/store/bggm.sqlite'}",
        raster_dir=Path(env.get("BGGM_RASTER_DIR") or REPO_ROOT / "data" / "rasters").expanduser(),
        import_max_bytes=_int("BGGM_IMPORT_MAX_BYTES", 50 * 1024 * 1024),
        import_max_uncompressed=_int("BGGM_IMPORT_MAX_UNCOMPRESSED", 500 * 1024 * 1024),
        import_max_rows=_int("BGGM_IMPORT_MAX_ROWS", 200_000),
        upload_dir=Path(env["BGGM_UPLOAD_DIR"]).expanduser() if env.get("BGGM_UPLOAD_DIR") else None,
        require_login=env.get("BGGM_REQUIRE_LOGIN", "").strip().lower() in {"1", "true", "yes"},
        display_cache_dir=Path(env.get("BGGM_DISPLAY_CACHE_DIR") or REPO_ROOT / ".cache" / "display").expanduser(),
    )
