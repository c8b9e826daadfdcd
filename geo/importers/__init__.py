"""Importing the department's own files: from an uploaded file (bytes or path) and a dataset name to a typed,
validated frame with a full report, or a report of every problem, never a traceback.

- :mod:`~geo.importers.core` — :func:`read_upload` (a dataset), :func:`read_layer` (any layer: zonal units),
  :class:`ImportResult`.
- :mod:`~geo.importers.steps` — :class:`Options` and the steps: archive member, readers, mapping, unit matching.
- :mod:`~geo.importers.tables` — CSV (encoding and separator detected) and XLSX (sheet, formulas without stored
  results, merged cells, text cells) read untyped.
- :mod:`~geo.importers.spatial` — coordinates, CRS (``crs_needed`` with the VN-2000 grids offered, lost datums
  refused), rows outside the province, empty and invalid geometries (make_valid repair).
- :mod:`~geo.importers.units` — units matched by GSO code then normalised name.
- :mod:`~geo.importers.shapes` — per-dataset relaxations, derived columns, wide → long station exports.
- :mod:`~geo.importers.raster` — forest GeoTIFFs with their class mapping.
- :mod:`~geo.importers.report` — :class:`Report` (JSON, XLSX, Vietnamese or English) and problem codes.

Opening files, limits and the temporary upload area are :mod:`geo.io.uploads` (only geo/io opens files).
"""

from geo.importers.core import DATASET_NAMES, ImportResult, read_layer, read_upload
from geo.importers.report import Report, code_of, problem_dict
from geo.importers.steps import Options

__all__ = ["DATASET_NAMES", "ImportResult", "Options", "Report", "code_of", "problem_dict", "read_layer", "read_upload"]
