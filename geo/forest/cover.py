"""Forest cover per unit from a forest class raster (plan target 5a), and the official statistic beside it.

The raster and the meaning of its pixel values come from ``data/monitoring/forest_classes.toml``
(:func:`load_config`): which codes are forest meeting the criteria (counted in area and in the cover rate) and which
are counted in forest area only (young plantations, DOMAIN.md §5). :func:`forest_table` computes, exactly at unit
edges, per unit: area, valid area, forest in the cover rate, forest area only, cover % and nodata %, through the
one zonal entry (:func:`geo.zonal.entry.zonal_stats`: rasters in metres or in degrees). :func:`compare_official`
puts the official figure and the gap to the 37 % target beside the raster's; :func:`indicator_rows` turns the
results into rows of the indicator table (:func:`target_feed` for the progress page), never standing in for an
official figure.
"""

from __future__ import annotations

import contextlib
import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import NO_FILE_YET, NO_SUCH_FILE, Problem, SchemaError, Text
from geo.progress.feeds import feed_rows
from geo.settings import REPO_ROOT

CONFIG_PATH = REPO_ROOT / "data" / "monitoring" / "forest_classes.toml"
ZONAL_CACHE = REPO_ROOT / "data" / "monitoring" / "build" / "forest" / "zonal"  # the engine's results, by hash
TARGET_ID = "5a"
TARGET_PCT = 37.0  # plan target 5 (QĐ 1026/QĐ-UBND, II.3): forest cover 37 % by 2030
COVER_BREAKS = (10.0, 20.0, TARGET_PCT, 50.0)  # classes <10, 10–20, 20–37, 37–50, ≥50 of the choropleth
PROVINCE_CODE = "24"  # the unit code of the province rows of the indicator table


@dataclass(frozen=True)
class ForestClass:
    value: int
    title: Text
    colour: str


@dataclass(frozen=True)
class ForestRaster:
    """One entry of the class mapping configuration."""

    name: str
    path: Path
    year: int
    illustrative: bool
    title: Text
    source: str
    cover: tuple[int, ...]
    area_only: tuple[int, ...]
    classes: tuple[ForestClass, ...]
    nodata: int | None = None

    def colour(self, value: int) -> str:
        return next((c.colour for c in self.classes if c.value == value), "#9e9e9e")


def _config_error(file: str, field: str, expected: Text, found: object) -> SchemaError:
    fix = Text("sửa tệp cấu hình theo hướng dẫn ở đầu tệp", "correct the configuration as its header explains")
    return SchemaError(Problem(file=file, field=field, expected=expected, found=found, fix=fix))


def _codes(raw: object, file: str, field: str) -> tuple[int, ...]:
    """``[1, 2]`` or ``[[30, 100]]`` (inclusive ranges) → sorted unique codes."""
    expected = Text("danh sách mã lớp: số nguyên hoặc [thấp, cao]", "a list of class codes: integers or [low, high]")
    if not isinstance(raw, list):
        raise _config_error(file, field, expected, raw)
    codes: set[int] = set()
    for item in raw:
        if isinstance(item, int) and not isinstance(item, bool):
            codes.add(item)
        elif isinstance(item, list) and len(item) == 2 and all(isinstance(v, int) for v in item) and item[0] <= item[1]:
            codes.update(range(item[0], item[1] + 1))
        else:
            raise _config_error(file, field, expected, item)
    return tuple(sorted(codes))


def load_config(path: Path = CONFIG_PATH, name: str | None = None) -> ForestRaster:
    """The raster ``name`` (by default the ``active`` one) of the class mapping configuration at ``path``."""
    file = path.name
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise _config_error(str(path), "", Text("tệp cấu hình lớp rừng", "the forest class configuration"),
                            NO_SUCH_FILE) from None  # fmt: skip
    except tomllib.TOMLDecodeError as exc:
        raise _config_error(file, "", Text("tệp TOML hợp lệ", "valid TOML"), str(exc)) from exc
    rasters = raw.get("rasters", {})
    chosen = name or raw.get("active")
    if chosen not in rasters:
        raise _config_error(file, "active", Text(f"một trong: {', '.join(rasters)}", f"one of: {', '.join(rasters)}"),
                            chosen)  # fmt: skip
    entry = rasters[chosen]
    where = f"rasters.{chosen}"
    for key in ("path", "year", "source", "cover"):
        if key not in entry:
            raise _config_error(file, f"{where}.{key}", Text("có khóa này", "this key"), None)
    classes = tuple(
        ForestClass(int(c["value"]), Text(str(c.get("vi", c["value"])), str(c.get("en", c["value"]))),
                    str(c.get("colour", "#9e9e9e")))
        for c in entry.get("classes", [])
    )  # fmt: skip
    cover = _codes(entry["cover"], file, f"{where}.cover")
    area_only = _codes(entry.get("area_only", []), file, f"{where}.area_only")
    if not cover or set(cover) & set(area_only):
        raise _config_error(file, f"{where}.cover", Text("ít nhất một mã, không trùng với area_only",
                            "at least one code, none also in area_only"), list(cover))  # fmt: skip
    nodata = entry.get("nodata")
    return ForestRaster(
        name=str(chosen),
        path=(REPO_ROOT / str(entry["path"])) if not Path(str(entry["path"])).is_absolute() else Path(entry["path"]),
        year=int(entry["year"]),
        illustrative=bool(entry.get("illustrative", False)),
        title=Text(str(entry.get("title_vi", chosen)), str(entry.get("title_en", chosen))),
        source=str(entry["source"]),
        cover=cover,
        area_only=area_only,
        classes=classes,
        nodata=None if nodata is None else int(nodata),
    )


def forest_table(
    raster: ForestRaster,
    zones: gpd.GeoDataFrame,
    id_field: str,
    *,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    zones_name: str = "zones",
) -> pd.DataFrame:
    """Per zone: ``area_ha``, ``valid_ha``, ``forest_ha`` (cover classes), ``area_only_ha``, ``forest_area_ha``
    (both), ``forest_pct`` = forest_ha / valid_ha × 100 and ``nodata_pct``; exact at zone edges, any CRS."""
    if not raster.path.exists():
        raise SchemaError(
            Problem(
                file=str(raster.path),
                expected=Text(f"ảnh phân loại rừng '{raster.name}'", f"the forest class raster '{raster.name}'"),
                found=NO_FILE_YET,
                fix=Text(
                    "chạy bash scripts/dev.sh setup (ảnh minh họa: python scripts/make_forest_raster.py), hoặc sửa "
                    "path trong data/monitoring/forest_classes.toml",
                    "run bash scripts/dev.sh setup (illustrative raster: python scripts/make_forest_raster.py), or "
                    "fix its path in data/monitoring/forest_classes.toml",
                ),
            )
        )
    from geo.zonal.entry import zonal_stats  # rasterio only when a raster is read (issue 13: start-up time)

    table = zonal_stats(
        raster.path, zones, id_field, list(raster.cover), nodata=raster.nodata, cache_dir=cache_dir,
        progress=progress, zones_name=zones_name,
    )  # fmt: skip
    only = [f"ha_class_{v}" for v in raster.area_only if f"ha_class_{v}" in table.columns]
    table["area_only_ha"] = table[only].sum(axis=1) if only else 0.0
    table["forest_area_ha"] = table["forest_ha"] + table["area_only_ha"]
    return table


def cover_class(pct: float, breaks: Sequence[float] = COVER_BREAKS) -> int:
    """Index of the choropleth class of a cover % (0: below the first break … len(breaks): at or above the last);
    -1 for no value."""
    if pct is None or (isinstance(pct, float) and math.isnan(pct)):
        return -1
    return int(np.searchsorted(np.asarray(breaks), pct, side="right"))


def official_cover(official: pd.DataFrame, unit_set: str, year: int) -> pd.Series:
    """Published cover % by unit code for ``unit_set`` and ``year`` (status rows of the store's ``forest_official``)."""
    rows = official[
        (official["unit_set"] == unit_set)
        & (official["year"] == year)
        & (official["indicator"] == "cover_pct")
        & (official["kind"] == "status")
        & official["value"].notna()
    ]
    return pd.Series(rows["value"].astype(float).to_numpy(), index=rows["unit_code"].astype(str), name="official_pct")


def compare_official(
    table: pd.DataFrame,
    official: pd.DataFrame,
    unit_set: str,
    year: int,
    *,
    id_field: str = "code",
    target: float = TARGET_PCT,
) -> pd.DataFrame:
    """``table`` with ``official_pct`` (empty where none is published), ``gap_pp`` = raster cover − target and
    ``official_gap_pp`` = official cover − target, in percentage points (negative: below the target)."""
    out = table.copy()
    published = official_cover(official, unit_set, year)
    out["official_pct"] = out[id_field].astype(str).map(published).astype(float)
    out["gap_pp"] = out["forest_pct"] - target
    out["official_gap_pp"] = out["official_pct"] - target
    return out


def totals(table: pd.DataFrame) -> dict[str, float]:
    """Area-weighted totals of a partition of the province (e.g. its 10 districts): hectares add, % are recomputed."""
    valid = float(table["valid_ha"].sum())
    area = float(table["area_ha"].sum())
    forest = float(table["forest_ha"].sum())
    return {
        "area_ha": area,
        "valid_ha": valid,
        "forest_ha": forest,
        "area_only_ha": float(table["area_only_ha"].sum()) if "area_only_ha" in table else 0.0,
        "forest_pct": forest / valid * 100 if valid > 0 else math.nan,
        "nodata_pct": (1 - valid / area) * 100 if area > 0 else math.nan,
    }


def indicator_rows(
    table: pd.DataFrame,
    unit_set: str,
    year: int,
    source: str,
    *,
    illustrative: bool,
    official: pd.DataFrame | None = None,
    id_field: str = "code",
    province_code: str | None = None,
    decimals: int | None = None,
) -> pd.DataFrame:
    """Rows of the indicator table for target 5a from a per-unit forest table (:func:`forest_table`): one per unit
    with a cover %, plus the province (area-weighted over the units) when ``province_code`` is given — only for a
    unit set that partitions the province (the 2019 districts). Values are unrounded unless ``decimals`` is
    given: statuses are judged on them (36.96 % has not reached 37 %), and only what is shown is rounded.

    Units and years with a published cover rate in ``official`` (store: ``forest_official``) get no row: a raster
    figure, illustrative or not, never stands in for the official statistic (DOMAIN.md §5). Laid over the shipped values
    with :func:`geo.progress.feeds.apply_feeds`, an illustrative row never replaces a real value either.
    """
    rows = table[table["forest_pct"].notna()]
    pct = rows["forest_pct"] if decimals is None else rows["forest_pct"].round(decimals)
    per_unit = pd.DataFrame({"code": rows[id_field].astype(str), "value": pct})
    feed = feed_rows(TARGET_ID, unit_set, per_unit, year=year, source=source, illustrative=illustrative)
    if province_code is not None and len(rows):
        cover = float(totals(rows)["forest_pct"])
        whole = pd.DataFrame(
            {"code": [province_code], "value": [cover if decimals is None else round(cover, decimals)]}
        )
        province = feed_rows(TARGET_ID, "province", whole, year=year, source=source, illustrative=illustrative)
        feed = pd.concat([province, feed], ignore_index=True)
    if official is not None:
        published = {
            (u, str(c), int(y))
            for u, c, y in official[
                (official["indicator"] == "cover_pct") & (official["kind"] == "status") & official["value"].notna()
            ][["unit_set", "unit_code", "year"]].itertuples(index=False)
        }
        keep = [(u, c, int(y)) not in published for u, c, y in zip(feed["unit_set"], feed["unit_code"], feed["year"],
                                                                     strict=True)]  # fmt: skip
        feed = feed[keep].reset_index(drop=True)
    return feed


def target_feed(raster: ForestRaster, districts: gpd.GeoDataFrame, official: pd.DataFrame) -> pd.DataFrame:
    """Target-5a rows for the progress page: the raster's cover per 2019 district and for the province, for the
    raster's year, flagged illustrative when the raster is; none where an official figure is published."""
    table = forest_table(raster, districts, "code", cache_dir=ZONAL_CACHE, zones_name="districts_2019")
    return indicator_rows(table, "districts_2019", raster.year, raster.source, illustrative=raster.illustrative,
                          official=official, province_code=PROVINCE_CODE)  # fmt: skip


def feed_stamp(path: Path = CONFIG_PATH) -> str:
    """Changes when the class mapping or the active raster changes (a cache key; never raises). The official table
    is the store's ``forest_official``: callers add its version to their keys."""
    files = [path]
    with contextlib.suppress(SchemaError):
        files.append(load_config(path).path)
    return "|".join(f"{f}:{f.stat().st_mtime_ns}" if f.exists() else f"{f}:missing" for f in files)
