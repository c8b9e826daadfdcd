"""How the KCN/CCN register (industrial parks and clusters, plan target 7) is drawn; its columns are declared in
:mod:`geo.datasets.wastewater`. Load the register with :func:`geo.wastewater.register.load_register`: besides the
schema it checks that every site lies in the province and names existing units."""

from __future__ import annotations

from geo.datasets.wastewater import KCN_CCN as REGISTER
from geo.errors import Text
from layers.spec import LayerSpec, Style

POPUP_HIDDEN = ("lon", "lat", "illustrative", "illustrative_fields")

KCN_CCN = LayerSpec(
    id="kcn_ccn",
    title=Text("KCN/CCN và xử lý nước thải", "Industrial parks/clusters and wastewater"),
    dataset=REGISTER,
    join_key="id",
    popup=tuple(c.name for c in REGISTER.columns if c.name not in POPUP_HIDDEN),
    label="name",
    style=Style(color="#333333", weight=1.5, fill_opacity=0.9, highlight_color="#00bcd4"),
    attribution=Text(
        "Sổ KCN/CCN: số liệu công khai có dẫn nguồn từng dòng; giá trị còn thiếu là minh họa (scripts/make_kcn_ccn.py)",
        "KCN/CCN register: public figures cited per row; missing values are illustrative (scripts/make_kcn_ccn.py)",
    ),
)

KCN_CCN_LAYERS = (KCN_CCN,)
