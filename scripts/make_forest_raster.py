"""Generate the ILLUSTRATIVE forest class raster of former Bắc Giang (issue 4). Not a forest map: a stand-in until
the department has a real one, so that the forest page, the CLI and the target-5a feed run on province-sized data.

Classes: 0 non-forest, 1 natural forest, 2 planted forest, 3 young plantation not yet counted as forest, 255 nodata
(outside the province). GeoTIFF in VN-2000 / TM-3 107°00′ (EPSG:9214), 10 m pixels, 512 × 512 tiles, deflate,
internal overviews (mode) for display, a colour table for QGIS, and tags ILLUSTRATIVE=true, DESCRIPTION, GENERATOR,
SEED, YEAR, CLASSES and CALIBRATION.

How it is made (seeded, so the same seed gives the same file):
- smooth random fields on a 100 m grid (a 3 km and an 800 m scale) plus a patch-scale field on a 30 m grid, both
  interpolated bilinearly to the pixel centres; a pixel is forest where field + offset > 0;
- the offset is one value per 2019 district, blurred over ~1 km so cover changes gradually across district
  boundaries, and CALIBRATED (iterated on a 30 m sample of the pixels) so that the cover of each district (classes
  1 + 2 over its valid area) is the published 2020 figure where there is one (Sơn Động 71.8 %, Yên Thế 44.9 %,
  Lục Ngạn 43.3 %, Hiệp Hòa 0.8 %) and a plausible illustrative figure elsewhere, chosen so that the province comes
  out at its published 38.0 %;
- natural forest lies in the cores of forest patches, calibrated to an illustrative share per district (mostly in
  Sơn Động, Lục Ngạn, Lục Nam, Yên Thế) that gives the published provincial split (55,744 ha natural of 147,915 ha);
- young plantations are patches (a few ha) near forest, 12,781 ha in all as published for 2020.

    python scripts/make_forest_raster.py                 # writes the path of data/monitoring/forest_classes.toml
    python scripts/make_forest_raster.py --if-missing    # only when the file is not there (scripts/dev.sh set-up)
    python scripts/make_forest_raster.py --resolution 50 --out /tmp/rung_50m.tif --check
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt
import rasterio
from affine import Affine
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.windows import Window
from scipy import ndimage
from scipy.stats import norm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.forest.cover import load_config  # noqa: E402
from geo.io import files as io  # noqa: E402
from geo.io.crs import AREA_CRS  # noqa: E402
from geo.settings import get_settings  # noqa: E402

F32 = npt.NDArray[np.float32]
SEED = 2020
RESOLUTION = 10.0
COARSE, FINE, BLUR = 100.0, 30.0, 1000.0  # m: smooth-field cell, patch-field cell, offset blur
FINE_WEIGHT = 0.6  # weight of the patch-scale field against the smooth one (std 1)
YOUNG_BAND = 0.9  # young plantations lie where the forest field is at most this far below the forest threshold
STRIP = 512  # rows written at once (one row of tiles)
NODATA = 255
SOURCE_2020 = "kinhtenongthon.vn/do-che-phu-rung-tinh-bac-giang-dat-38-post40840.html"
# cover % (classes 1+2 over valid area) per 2019 district, and whether the figure is published (2020) or illustrative
COVER = {
    "213": (2.0, False),  # Bắc Giang city
    "215": (44.9, True),  # Yên Thế
    "216": (5.0, False),  # Tân Yên
    "217": (9.0, False),  # Lạng Giang
    "218": (36.0, False),  # Lục Nam
    "219": (43.3, True),  # Lục Ngạn
    "220": (71.8, True),  # Sơn Động
    "221": (10.0, False),  # Yên Dũng
    "222": (3.0, False),  # Việt Yên
    "223": (0.8, True),  # Hiệp Hòa
}
NATURAL_SHARE = {"218": 0.30, "219": 0.30, "220": 0.555, "215": 0.10, "221": 0.05}  # of cover; others ~0 (illustr.)
YOUNG_SHARE = 12_781 / (147_915 / 0.380)  # young plantation: 12,781 ha of the ~389,000 ha the 38.0 % is taken over
CLASSES = {0: "non-forest", 1: "natural forest", 2: "planted forest", 3: "young plantation not yet counted as forest",
           255: "nodata (outside the province)"}  # fmt: skip
COLOURS = {0: (239, 232, 210, 255), 1: (27, 94, 32, 255), 2: (102, 187, 106, 255), 3: (212, 225, 87, 255),
           255: (0, 0, 0, 0)}  # fmt: skip


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> F32:
    """White noise blurred with a Gaussian of ``sigma`` cells, scaled to mean 0 and standard deviation 1."""
    field = ndimage.gaussian_filter(rng.standard_normal(shape).astype(np.float32), sigma, mode="reflect")
    return ((field - field.mean()) / field.std()).astype(np.float32)


def axis(coords: npt.NDArray[np.float64], start: float, cell: float, n: int) -> tuple[npt.NDArray[np.int64], F32]:
    """Lower node and weight of each coordinate on a node grid whose node k sits at start + (k + 0.5) × cell."""
    u = np.clip((coords - start) / cell - 0.5, 0, n - 1.000001)
    k = np.floor(u).astype(np.int64)
    return k, (u - k).astype(np.float32)


def interp(field: F32, ky: npt.NDArray[np.int64], wy: F32, kx: npt.NDArray[np.int64], wx: F32) -> F32:
    """Bilinear interpolation of ``field`` at the grid of rows (ky, wy) × columns (kx, wx)."""
    rows = field[ky] * (1 - wy)[:, None] + field[ky + 1] * wy[:, None]
    return rows[:, kx] * (1 - wx) + rows[:, kx + 1] * wx  # type: ignore[no-any-return]


class Fields:
    """The seeded fields, the grid and the calibrated offsets; ``at(xs, ys)`` gives the classes at pixel centres."""

    def __init__(self, districts: object, province: object, resolution: float, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.res = resolution
        minx, miny, maxx, maxy = province.total_bounds  # type: ignore[attr-defined]
        self.x0, self.y1 = math.floor(minx / resolution - 2) * resolution, math.ceil(maxy / resolution + 2) * resolution
        self.width = math.ceil((maxx - self.x0) / resolution + 2)
        self.height = math.ceil((self.y1 - miny) / resolution + 2)
        self.transform = Affine(resolution, 0, self.x0, 0, -resolution, self.y1)
        span_x, span_y = self.width * resolution, self.height * resolution
        self.coarse_shape = (math.ceil(span_y / COARSE) + 1, math.ceil(span_x / COARSE) + 1)
        self.fine_shape = (math.ceil(span_y / FINE) + 1, math.ceil(span_x / FINE) + 1)
        big = smooth_noise(rng, self.coarse_shape, 3000 / COARSE)
        mid = smooth_noise(rng, self.coarse_shape, 800 / COARSE)
        self.smooth = (0.8 * big + 0.6 * mid).astype(np.float32)  # std 1
        self.core = smooth_noise(rng, self.coarse_shape, 800 / COARSE)
        self.patch = smooth_noise(rng, self.fine_shape, 1.5)
        self.harvest = smooth_noise(rng, self.fine_shape, 2.0)
        self.codes = [str(c) for c in districts["code"]]  # type: ignore[index]
        ids = rasterize(((g, i) for i, g in enumerate(districts.geometry)), out_shape=self.coarse_shape, fill=-1,  # type: ignore[attr-defined]
                        transform=Affine(COARSE, 0, self.x0, 0, -COARSE, self.y1), dtype="int16")  # fmt: skip
        nearest = ndimage.distance_transform_edt(ids < 0, return_distances=False, return_indices=True)
        self.coarse_ids = ids[tuple(nearest)]
        self.province, self.districts = province, districts
        self.cover_offsets = np.zeros(len(self.codes))
        self.natural_offsets = np.zeros(len(self.codes))
        self.young_threshold = 0.0

    def offset_field(self, offsets: npt.NDArray[np.float64]) -> F32:
        return ndimage.gaussian_filter(offsets[self.coarse_ids].astype(np.float32), BLUR / COARSE, mode="nearest")

    def static(self, xs: npt.NDArray[np.float64], ys: npt.NDArray[np.float64]) -> dict[str, object]:
        """The parts of the fields that do not depend on the offsets, at pixel centres xs × ys."""
        cy, wcy = axis(self.y1 - ys, 0.0, COARSE, self.coarse_shape[0])
        cx, wcx = axis(xs, self.x0, COARSE, self.coarse_shape[1])
        fy, wfy = axis(self.y1 - ys, 0.0, FINE, self.fine_shape[0])
        fx, wfx = axis(xs, self.x0, FINE, self.fine_shape[1])
        base = interp(self.smooth, cy, wcy, cx, wcx) + FINE_WEIGHT * interp(self.patch, fy, wfy, fx, wfx)
        core = 0.8 * base / math.hypot(1.0, FINE_WEIGHT) + 0.6 * interp(self.core, cy, wcy, cx, wcx)
        young = interp(self.harvest, fy, wfy, fx, wfx)
        return {"base": base, "core": core, "young": young, "coarse": (cy, wcy, cx, wcx)}

    @staticmethod
    def at(static: dict[str, object], offsets: dict[str, F32]) -> dict[str, F32]:
        """The forest field, the natural-core field and the young-plantation field, given the offset fields."""
        coarse = static["coarse"]
        return {
            "forest": static["base"] + interp(offsets["cover"], *coarse),  # type: ignore[operator,misc]
            "natural": static["core"] + interp(offsets["natural"], *coarse),  # type: ignore[operator,misc]
            "young": static["young"],  # type: ignore[dict-item]
        }

    def classes(self, values: dict[str, F32]) -> npt.NDArray[np.uint8]:
        forest = values["forest"] > 0
        out = np.zeros(forest.shape, dtype=np.uint8)
        out[forest] = np.where(values["natural"][forest] > 0, 1, 2)
        out[~forest & (values["forest"] > -YOUNG_BAND) & (values["young"] > self.young_threshold)] = 3
        return out


def calibrate(fields: Fields, log: bool = True) -> dict[str, float]:
    """Set the offsets so that a sample of the pixel centres (every 4th row and column at 10 m) meets the cover and
    natural shares of every district."""
    period = max(1, round(FINE / fields.res))  # pixels per cell of the patch field
    step = period + 1 if period > 1 else 1  # coprime with it: the sample meets every pixel position within a cell
    rows, cols = np.arange(step // 2, fields.height, step), np.arange(step // 2, fields.width, step)
    xs = fields.x0 + (cols + 0.5) * fields.res
    ys = fields.y1 - (rows + 0.5) * fields.res
    sample = Affine(fields.res * step, 0, fields.x0, 0, -fields.res * step, fields.y1)
    ids = rasterize(((g, i) for i, g in enumerate(fields.districts.geometry)), out_shape=(len(rows), len(cols)),  # type: ignore[attr-defined]
                    transform=sample, fill=-1, dtype="int16")  # fmt: skip
    inside = ids >= 0
    n = len(fields.codes)
    cover_target = np.array([COVER[c][0] / 100 for c in fields.codes])
    natural_target = np.array([NATURAL_SHARE.get(c, 0.002) for c in fields.codes])
    scale = math.hypot(1.0, FINE_WEIGHT)
    cover_off = norm.ppf(cover_target) * scale  # Newton steps in probit space: cover is a smooth function of it
    lo, hi = np.full(n, -6.0), np.full(n, 6.0)  # the natural share can jump (whole patches): bisection
    static = fields.static(xs, ys)
    for _ in range(40):
        natural_off = (lo + hi) / 2
        offsets = {"cover": fields.offset_field(cover_off), "natural": fields.offset_field(natural_off)}
        values = fields.at(static, offsets)
        forest = values["forest"] > 0
        got = np.bincount(ids[inside], forest[inside], n) / np.bincount(ids[inside], minlength=n)
        sel = inside & forest
        nat = np.bincount(ids[sel], values["natural"][sel] > 0, n) / np.maximum(np.bincount(ids[sel], minlength=n), 1)
        if np.abs(got - cover_target).max() < 1e-4 and (hi - lo).max() < 1e-3:
            break
        cover_off += (norm.ppf(cover_target) - norm.ppf(np.clip(got, 1e-4, 1 - 1e-4))) * scale
        lo, hi = np.where(nat < natural_target, natural_off, lo), np.where(nat < natural_target, hi, natural_off)
    fields.cover_offsets, fields.natural_offsets = cover_off, natural_off
    lo, hi = -4.0, 4.0  # young plantations: threshold of the harvest field, by bisection on the province share
    near = inside & ~forest & (values["forest"] > -YOUNG_BAND)
    for _ in range(40):
        mid = (lo + hi) / 2
        share = np.count_nonzero(near & (values["young"] > mid)) / np.count_nonzero(inside)
        lo, hi = (lo, mid) if share < YOUNG_SHARE else (mid, hi)
    fields.young_threshold = (lo + hi) / 2
    return dict(zip(fields.codes, (got * 100).round(3).tolist(), strict=True))


def write(fields: Fields, out: Path, seed: int) -> None:
    """Write the raster strip by strip (tiled, deflate), with overviews, colour table and ILLUSTRATIVE tags."""
    offsets = {
        "cover": fields.offset_field(fields.cover_offsets),
        "natural": fields.offset_field(fields.natural_offsets),
    }
    profile = {
        "driver": "GTiff", "width": fields.width, "height": fields.height, "count": 1, "dtype": "uint8",
        "nodata": NODATA, "crs": AREA_CRS, "transform": fields.transform, "tiled": True, "blockxsize": 512,
        "blockysize": 512, "compress": "deflate", "predictor": 2, "zlevel": 6, "bigtiff": "if_safer",
    }  # fmt: skip
    xs = fields.x0 + (np.arange(fields.width) + 0.5) * fields.res
    province = list(fields.province.geometry)  # type: ignore[attr-defined]
    with (
        io.atomic_path(out) as tmp,
        rasterio.Env(GDAL_NUM_THREADS="ALL_CPUS"),
        rasterio.open(tmp, "w", **profile) as dst,
    ):
        for row0 in range(0, fields.height, STRIP):
            rows = np.arange(row0, min(row0 + STRIP, fields.height))
            ys = fields.y1 - (rows + 0.5) * fields.res
            classes = fields.classes(fields.at(fields.static(xs, ys), offsets))
            window_transform = fields.transform @ Affine.translation(0, row0)
            inside = rasterize(province, out_shape=classes.shape, transform=window_transform, all_touched=True,
                               fill=0, default_value=1, dtype="uint8")  # fmt: skip
            classes[inside == 0] = NODATA
            dst.write(classes, 1, window=Window(0, row0, fields.width, len(rows)))
        dst.write_colormap(1, COLOURS)
        legend = "; ".join(f"{k} {v}" for k, v in CLASSES.items())
        dst.set_band_description(1, f"forest class (ILLUSTRATIVE): {legend}")
        dst.update_tags(
            ILLUSTRATIVE="true",
            DESCRIPTION="ILLUSTRATIVE forest class raster of former Bắc Giang, 2020 - generated, not a forest map; "
            "district cover calibrated to the published 2020 figures where known (" + SOURCE_2020 + ")",
            TIFFTAG_IMAGEDESCRIPTION="ILLUSTRATIVE forest classes (generated, not a forest map)",
            GENERATOR="scripts/make_forest_raster.py",
            SEED=str(seed),
            YEAR="2020",
            RESOLUTION_M=f"{fields.res:g}",
            CLASSES=json.dumps({str(k): v for k, v in CLASSES.items()}),
            CALIBRATION=json.dumps({c: {"cover_pct": v, "published_2020": p} for c, (v, p) in COVER.items()}),
        )
        dst.build_overviews([f for f in (2, 4, 8, 16, 32, 64) if max(fields.width, fields.height) // f >= 256],
                                Resampling.mode)  # fmt: skip
        dst.update_tags(ns="rio_overview", resampling="mode")


def generate(
    out: Path, resolution: float = RESOLUTION, seed: int = SEED, build_dir: Path | None = None
) -> dict[str, float]:
    """Make the raster at ``out``; returns the calibrated cover % per district code (on the 30 m sample)."""
    build = build_dir or get_settings().build_dir
    districts = io.read_vector(build / "districts_2019.parquet").to_crs(AREA_CRS)
    province = io.read_vector(build / "province_2019.parquet").to_crs(AREA_CRS)
    fields = Fields(districts, province, resolution, seed)
    calibrated = calibrate(fields)
    write(fields, out, seed)
    return calibrated


def check(out: Path, build_dir: Path | None = None) -> None:
    """Print each district's cover measured on the written raster (exact zonal statistics) beside its target."""
    from geo.zonal.entry import zonal_stats

    build = build_dir or get_settings().build_dir
    districts = io.read_vector(build / "districts_2019.parquet")
    table = zonal_stats(out, districts, "code", [1, 2]).set_index("code")
    for code, name in zip(districts["code"], districts["name"], strict=True):
        target, published = COVER[str(code)]
        got = table.loc[code, "forest_pct"]
        note = " công bố 2020" if published else ""
        print(f"  {code} {name:<11} {got:6.2f} % (mục tiêu/target {target:5.1f} %{note})")
    province = table["forest_ha"].sum() / table["valid_ha"].sum() * 100
    print(f"  tỉnh/province  {province:6.2f} % (38.0 % công bố 2020)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="output GeoTIFF (default: the path in forest_classes.toml)")
    parser.add_argument("--resolution", type=float, default=RESOLUTION, help="pixel size in metres (default 10)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--if-missing", action="store_true", help="do nothing when the output file exists")
    parser.add_argument("--check", action="store_true", help="measure each district's cover on the written file")
    args = parser.parse_args(argv)
    out = args.out or load_config(name="illustrative").path
    if args.if_missing and out.exists():
        print(f"forest raster: {out} exists, kept", file=sys.stderr)
        return 0
    start = time.perf_counter()
    generate(out, args.resolution, args.seed)
    size = out.stat().st_size / 1e6
    print(f"forest raster (ILLUSTRATIVE): {out} — {size:.1f} MB, {args.resolution:g} m, "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)  # fmt: skip
    if args.check:
        check(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
