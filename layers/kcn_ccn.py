"""Declaration of the KCN/CCN register layer (industrial parks and clusters) used for plan target 7.

The fields, their allowed values and ranges live in :mod:`geo.wastewater.register` (the CLI in ``geo/`` validates
the register too, and ``geo`` never imports ``layers``); this declaration derives its columns from them, so the two
cannot drift apart. Load the register with :func:`geo.wastewater.register.load_register`: besides the schema it
checks that every site lies in the province and names existing units. ``lon``/``lat`` are optional columns here only
because the generic loader turns them into the point geometry before validating.
"""

from __future__ import annotations

from geo.errors import Text
from geo.wastewater import register as kcn_ccn
from layers.spec import Column, LayerSpec, Style

COLUMNS = tuple(
    Column(f.name, f.dtype, f.title, required=f.name not in ("lon", "lat"), nullable=f.nullable,
           allowed=f.allowed, min=f.min, max=f.max, unique=f.unique)
    for f in kcn_ccn.FIELDS
)  # fmt: skip
POPUP_HIDDEN = ("lon", "lat", "illustrative", "illustrative_fields")

KCN_CCN = LayerSpec(
    id="kcn_ccn",
    title=Text("KCN/CCN và xử lý nước thải", "Industrial parks/clusters and wastewater"),
    source=kcn_ccn.SOURCE,
    geometry="point",
    columns=COLUMNS,
    join_key="id",
    popup=tuple(c.name for c in COLUMNS if c.name not in POPUP_HIDDEN),
    label="name",
    style=Style(color="#333333", weight=1.5, fill_opacity=0.9, highlight_color="#00bcd4"),
    attribution=Text(
        "Sổ KCN/CCN: số liệu công khai có dẫn nguồn từng dòng; giá trị còn thiếu là minh họa (scripts/make_kcn_ccn.py)",
        "KCN/CCN register: public figures cited per row; missing values are illustrative (scripts/make_kcn_ccn.py)",
    ),
    illustrative=True,
)

KCN_CCN_LAYERS = (KCN_CCN,)
