"""The datasets the store holds: for each, its columns, the columns that identify a row, its geometry, how the shipped
files are read to seed it and how a department's file is read to import into it.

This mapping is the one place to switch to the dataset declarations of ``geo/datasets`` when they land: columns and
keys come from there, and the readers become their loaders. Shipped files are read with the existing loaders
(:func:`geo.wastewater.register.load_register`, :func:`geo.air.input.validate_hourly`, the built boundary layers,
:func:`geo.forest.cover.load_config`), so every illustrative flag is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from geo.air.input import POLLUTANTS, validate_hourly
from geo.errors import Problem, SchemaError, Text, UnknownIdError
from geo.forest.cover import load_config
from geo.io import archive
from geo.io import files as io
from geo.settings import REPO_ROOT, get_settings
from geo.store.schema import Col, typed
from geo.wastewater.register import FIELDS, load_register

MONITORING = REPO_ROOT / "data" / "monitoring"
UNIT_SETS = ("province_2019", "districts_2019", "communes_2025", "communes_2025_all")
Reader = Callable[[Path], pd.DataFrame]


@dataclass(frozen=True)
class Dataset:
    """One dataset of the store."""

    name: str
    title: Text
    columns: tuple[Col, ...]
    keys: tuple[str, ...]
    seed: Callable[[], pd.DataFrame]
    geometry: Literal["point", "polygon"] | None = None
    reader: Reader | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if not set(self.keys) <= set(names) or len(set(names)) != len(names):
            raise ValueError(f"dataset {self.name}: keys {self.keys} must be among its unique columns {names}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def read(self, path: Path) -> pd.DataFrame:
        """A department's file (CSV/XLSX with the dataset's columns; GeoPackage etc. for polygons), validated."""
        if self.reader is not None:
            return self.reader(path)
        if self.geometry == "polygon":
            frame = io.read_vector(path, dtype=dict.fromkeys(self.column_names, "str"))
            attrs = typed(
                pd.DataFrame(frame.drop(columns="geometry")), self.columns, self.keys, file=path.name, first_row=1
            )
            out: pd.DataFrame = gpd.GeoDataFrame(attrs, geometry=frame.geometry.to_numpy(), crs=frame.crs)
            return out
        table = io.read_table(path, dtype=dict.fromkeys(self.column_names, "str"))
        return typed(table, self.columns, self.keys, file=path.name)


def _c(spec: str) -> tuple[Col, ...]:
    """``"id:str name:str area_ha:float? …"`` → columns (``?`` marks a column whose cells may be empty)."""
    cols = []
    for item in spec.split():
        name, dtype = item.split(":")
        cols.append(Col(name, dtype.rstrip("?"), nullable=dtype.endswith("?")))  # type: ignore[arg-type]
    return tuple(cols)


def _generic(name: str, file: str) -> Callable[[], pd.DataFrame]:
    return lambda: CATALOG[name].read(MONITORING / file)


def _read_hourly(path: Path) -> pd.DataFrame:
    table = io.read_table(path, dtype={"station_id": "str", "time": "str", "illustrative": "str"})
    clean = validate_hourly(table, file=path.name)
    flags = typed(table, (Col("illustrative", "bool"),), (), file=path.name)["illustrative"]
    clean["illustrative"] = flags.astype(bool).to_numpy()
    return clean[[c.name for c in HOURLY]]


def _seed_units() -> pd.DataFrame:
    frames = []
    for unit_set in UNIT_SETS:
        frame = io.read_vector(get_settings().build_dir / f"{unit_set}.parquet")
        frame.insert(0, "unit_set", unit_set)
        frames.append(frame)
    units: pd.DataFrame = pd.concat(frames, ignore_index=True)
    return units


def _raster_rows(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Each raster's file must exist; its sha256 is computed (and must match the one given, if any)."""
    problems, digests, sizes = [], [], []
    for i, row in enumerate(frame.itertuples(index=False)):
        path = Path(str(row.path))
        path = path if path.is_absolute() else REPO_ROOT / path
        digest = archive.sha256(path) if path.is_file() else None
        given = row.sha256 if isinstance(row.sha256, str) else None
        if digest is None or (given and given.lower() != digest):
            what = Text("một tệp có thật", "an existing file") if digest is None else Text(f"sha256 {digest}", digest)
            problems.append(
                Problem(
                    file,
                    i + 2,
                    "path" if digest is None else "sha256",
                    what,
                    row.path,
                    Text("kiểm tra đường dẫn và tệp", "check the path and the file"),
                )
            )
        digests.append(digest)
        sizes.append(path.stat().st_size if digest else None)
    if problems:
        raise SchemaError(problems)
    out = frame.copy()
    out["sha256"], out["size_bytes"] = digests, pd.array(sizes, dtype="Int64")
    return out


def _read_rasters(path: Path) -> pd.DataFrame:
    table = io.read_table(path, dtype=dict.fromkeys(RASTER_COLUMNS_NAMES, "str"))
    return _raster_rows(typed(table, RASTER, ("name",), file=path.name), path.name)


def _seed_rasters() -> pd.DataFrame:
    """The active raster of ``data/monitoring/forest_classes.toml``, when its file exists (it is built at set-up)."""
    config = load_config()
    if not config.path.is_file():
        return pd.DataFrame(columns=list(RASTER_COLUMNS_NAMES))
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
    return _raster_rows(pd.DataFrame([row]), "forest_classes.toml")


_KIND = {"str": "str", "int": "int", "float": "float", "bool": "bool"}
KCN_CCN = tuple(Col(f.name, _KIND[f.dtype], f.nullable) for f in FIELDS)  # type: ignore[arg-type]
HOURLY = (
    Col("station_id", "str"),
    Col("time", "datetime"),
    *(Col(p, "float", True) for p in POLLUTANTS),
    Col("illustrative", "bool"),
)
RASTER = _c(
    "name:str path:str sha256:str? size_bytes:int? year:int illustrative:bool title_vi:str title_en:str source:str"
)
RASTER_COLUMNS_NAMES = tuple(c.name for c in RASTER)

_DATASETS = (
    Dataset(
        "kcn_ccn",
        Text("Sổ KCN/CCN", "KCN/CCN register"),
        KCN_CCN,
        ("id",),
        seed=lambda: load_register(MONITORING / "kcn_ccn.csv"),
        geometry="point",
        reader=load_register,
    ),
    Dataset(
        "aq_stations",
        Text("Trạm quan trắc không khí", "Air-quality stations"),
        _c(
            "id:str name:str type:str operator:str lon:float lat:float pollutants:str start_date:date "
            "district_2019:str commune_2025:str illustrative:bool"
        ),
        ("id",),
        seed=_generic("aq_stations", "aq_stations.csv"),
        geometry="point",
    ),
    Dataset(
        "aq_hourly",
        Text("Số liệu quan trắc theo giờ", "Hourly air measurements"),
        HOURLY,
        ("station_id", "time"),
        seed=lambda: _read_hourly(MONITORING / "aq_hourly.csv.gz"),
        reader=_read_hourly,
    ),
    Dataset(
        "emission_sources",
        Text("Nguồn thải lớn", "Large emission sources"),
        _c(
            "id:str name:str sector:str kcn_ccn:str? lon:float lat:float district_2019:str commune_2025:str "
            "stack_monitoring:str pollutants:str dust_tpy:float? so2_tpy:float? nox_tpy:float? co_tpy:float? "
            "ghg_inventory_required:bool illustrative:bool"
        ),
        ("id",),
        seed=_generic("emission_sources", "emission_sources.csv"),
        geometry="point",
    ),
    Dataset(
        "indicator_values",
        Text("Số liệu chỉ tiêu", "Indicator values"),
        _c("target_id:str unit_set:str unit_code:str year:int value:float? source:str illustrative:bool"),
        ("target_id", "unit_set", "unit_code", "year"),
        seed=_generic("indicator_values", "indicator_values.csv"),
    ),
    Dataset(
        "forest_official",
        Text("Số liệu rừng chính thức", "Official forest statistics"),
        _c(
            "unit_set:str unit_code:str unit_name:str year:int indicator:str value:float? unit:str kind:str "
            "source:str note:str?"
        ),
        ("unit_set", "unit_code", "year", "indicator"),
        seed=_generic("forest_official", "forest_official.csv"),
    ),
    Dataset(
        "units",
        Text("Lớp đơn vị hành chính", "Unit layers"),
        _c(
            "unit_set:str code:str name:str name_full:str unit_type:str name_key:str area_km2:float "
            "merged_from:str? in_old_bacgiang_share:float? area_km2_official:float?"
        ),
        ("unit_set", "code"),
        seed=_seed_units,
        geometry="polygon",
    ),
    Dataset(
        "forest_raster",
        Text("Danh mục ảnh rừng", "Forest raster catalogue"),
        RASTER,
        ("name",),
        seed=_seed_rasters,
        reader=_read_rasters,
    ),
)
CATALOG: dict[str, Dataset] = {d.name: d for d in _DATASETS}


def dataset(name: str) -> Dataset:
    """The dataset called ``name``, or an error listing the datasets there are."""
    if name not in CATALOG:
        valid = ", ".join(CATALOG)
        raise UnknownIdError(
            Problem(
                field="dataset",
                expected=Text(f"một trong: {valid}", f"one of: {valid}"),
                found=name,
                fix=Text("dùng một tên tập dữ liệu trong danh sách", "use one of the listed dataset names"),
            )
        )
    return CATALOG[name]
