"""What the department brings to meetings (PNG maps, a PDF brief) and the Excel template for its own figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import GeoDataError, Text
from geo.io import files as io
from geo.progress.status import STATUSES
from geo.progress.template import make_template, parse_template, save_values
from layers import loader
from layers.export import MapSheet, brief_pdf, map_png
from layers.targets_view import cards, format_value, map_sheet, sources_text, target_text, unit_status
from ui import choice, data, errors
from ui.i18n import lang, tr

S = {
    "png_head": Text("Bản đồ ảnh PNG (có tiêu đề, chú giải, thước tỉ lệ, mũi tên Bắc, ngày số liệu, nguồn)",
                     "PNG map (title, legend, scale bar, north arrow, data date, source)"),
    "png_projector": Text("Tải PNG máy chiếu (1920×1080)", "Download PNG for a projector (1920×1080)"),
    "png_print": Text("Tải PNG in ấn (A4, 300 dpi)", "Download PNG for print (A4, 300 dpi)"),
    "brief_head": Text("Bản tin tóm tắt (PDF)", "Brief (PDF)"),
    "scope": Text("Phạm vi", "Scope"),
    "province": Text("Toàn tỉnh", "Whole province"),
    "maps_of": Text("Bản đồ các chỉ tiêu", "Maps of indicators"),
    "make_pdf": Text("Tạo bản tin PDF", "Make the PDF brief"),
    "get_pdf": Text("Tải bản tin PDF", "Download the PDF brief"),
    "brief_title": Text("Tiến độ tăng trưởng xanh — {scope}", "Green-growth progress — {scope}"),
    "brief_sub": Text("Kế hoạch hành động TTX 2021–2030 (QĐ 1026/QĐ-UBND) · số liệu đến năm {year}",
                      "Green-growth action plan 2021–2030 · data up to {year}"),
    "note": Text("Số liệu ghi “minh họa” do chương trình tạo ra, không phải số liệu chính thức.",
                 "Values marked “illustrative” are generated, not official."),
    "template_head": Text("Mẫu Excel nhập số liệu", "Excel data-entry template"),
    "template_get": Text("Tải mẫu Excel năm {year}", "Download the {year} template"),
    "upload": Text("Tải lên mẫu đã điền", "Upload a filled template"),
    "checked": Text("Mẫu hợp lệ: {n} số liệu.", "Template valid: {n} values."),
    "save": Text("Lưu vào cơ sở dữ liệu", "Save to the database"),
    "saved": Text("Đã lưu {n} số liệu. Tổng số liệu của Sở: {total}.", "Saved {n} values. Department total: {total}."),
    "stored": Text("Số liệu do Sở nhập đang lưu: {n}", "Department values stored: {n}"),
    "table": Text("Bảng số liệu — {name}", "Data table — {name}"),
}  # fmt: skip
BRIEF_DEFAULT = ("5a", "7", "8")


def _district_names() -> dict[str, str]:
    frame = data.units("districts_2019")
    return dict(zip(frame["code"], frame["name_full"], strict=True))


def _scoped_status(status: pd.DataFrame, scope: str) -> pd.DataFrame:
    """For a district: its own rows where the indicator is reported by district, province rows otherwise."""
    if scope == "24":
        return status
    own = status[(status["unit_set"] == "districts_2019") & (status["unit_code"] == scope)]
    rest = status[(status["unit_set"] == "province") & ~status["target_id"].isin(own["target_id"])]
    return pd.concat([own.assign(unit_set="province"), rest], ignore_index=True)


def _sheets(register: pd.DataFrame, status: pd.DataFrame, ids: list[str], year: int) -> list[MapSheet]:
    units = data.units("districts_2019")
    out: list[MapSheet] = []
    for tid in ids:
        row = register[register["id"] == tid].to_dict("records")[0]
        joined = unit_status(units, status, tid, "districts_2019")
        sources = sources_text(joined.dropna(subset=["source"]), lang())
        out.append(map_sheet(joined, row, lang(), year, sources))
    return out


def exports(register: pd.DataFrame, status: pd.DataFrame, year: int, chosen_target: str | None) -> None:
    """PNG maps of the indicator chosen on the map tab (or the first one mapped by district), and the PDF brief."""
    district_ids = [str(t) for t in register["id"] if str(register.set_index("id").loc[t, "level"]) != "province"]
    target_id = chosen_target if chosen_target in district_ids else district_ids[0]
    st.markdown(f"**{tr(S['png_head'])}** — {target_id}, {year}")
    sheet = _sheets(register, status, [target_id], year)[0]
    c1, c2 = st.columns(2)
    c1.download_button(tr(S["png_projector"]), map_png(sheet, "projector"), f"ban_do_{target_id}_{year}.png",
                       "image/png", key="png_projector")  # fmt: skip
    if c2.button(tr(S["png_print"]) + " …", key="png_print_make"):
        c2.download_button(tr(S["png_print"]), map_png(sheet, "print"), f"ban_do_{target_id}_{year}_A4.png",
                           "image/png", key="png_print")  # fmt: skip
    st.divider()
    st.markdown(f"**{tr(S['brief_head'])}**")
    names = _district_names()
    scopes = {"24": tr(S["province"]), **names}
    c1, c2 = st.columns([1, 2])
    scope = choice.pick(c1.selectbox, tr(S["scope"]), list(scopes), key="brief_scope", default="24",
                        format_func=lambda c: scopes[c])  # fmt: skip
    labels = {str(r["id"]): f"{r['id']} · {target_text(r, lang())}" for r in register.to_dict("records")}
    shown_by_default = [t for t in BRIEF_DEFAULT if t in district_ids]
    chosen = choice.pick(c2.multiselect, tr(S["maps_of"]), district_ids, key="brief_maps", default=shown_by_default,
                         format_func=lambda t: labels[t])  # fmt: skip
    if st.button(tr(S["make_pdf"]), key="brief_make", type="primary"):
        scoped = _scoped_status(status, scope)
        card_table = cards(register, scoped, lang())
        tables = []
        for tid in chosen:
            rows = status[(status["target_id"] == tid) & (status["unit_set"] == "districts_2019")]
            unit = str(register.set_index("id").loc[tid, "unit"])
            table = pd.DataFrame({
                tr(Text("Đơn vị", "Unit")): rows["unit_code"].map(names),
                tr(Text("Năm", "Year")): rows["year"].astype(int),
                tr(Text("Giá trị", "Value")): [format_value(v, unit, lang()) for v in rows["value"]],
                tr(Text("Tiến độ", "Progress")): [STATUSES[s][0](lang()) for s in rows["status"]],
                tr(Text("Minh họa", "Illustrative")): ["x" if i else "" for i in rows["illustrative"]],
            })  # fmt: skip
            tables.append((tr(S["table"], name=labels[tid]), table))
        pdf = brief_pdf(tr(S["brief_title"], scope=scopes[scope]), tr(S["brief_sub"], year=year), card_table,
                        _sheets(register, status, chosen, year), tables, tr(S["note"]))  # fmt: skip
        st.download_button(tr(S["get_pdf"]), pdf, f"ban_tin_ttx_{scope}_{year}.pdf", "application/pdf",
                           key="brief_pdf")  # fmt: skip


def data_entry(register: pd.DataFrame, year: int) -> None:
    st.markdown(f"**{tr(S['template_head'])}**")
    units = {"districts_2019": data.units("districts_2019")[["code", "name_full"]],
             "communes_2025": data.units("communes_2025")[["code", "name_full"]]}  # fmt: skip
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    st.download_button(tr(S["template_get"], year=year), make_template(register, units, year),
                       f"mau_so_lieu_ttx_{year}.xlsx", xlsx, key="template_get")  # fmt: skip
    path = data.department_values_path()
    stored = pd.DataFrame(loader.load("indicator_values", path=path, own=True)) if path.exists() else None
    st.caption(tr(S["stored"], n=0 if stored is None else len(stored)))
    saved = st.session_state.pop("template_saved", None)
    if saved is not None:  # said after the rerun that redrew the page with the new figures
        st.success(tr(S["saved"], n=saved[0], total=saved[1]))
    upload = st.file_uploader(tr(S["upload"]), type=["xlsx"], key="template_upload")
    if upload is None:
        return
    with errors.guard():
        table = io.read_table_bytes(upload.getvalue(), upload.name, sheet="Nhập liệu")
        rows = parse_template(table, register, units, file=upload.name)
    st.success(tr(S["checked"], n=len(rows)))
    unit_of = register.set_index("id")["unit"].astype(str).to_dict()
    st.dataframe(rows.assign(value=[format_value(v, unit_of.get(str(t), ""), lang())
                                    for t, v in zip(rows["target_id"], rows["value"], strict=True)]),
                 hide_index=True)  # fmt: skip
    if st.button(tr(S["save"]), key="template_save", type="primary", disabled=rows.empty):
        try:
            merged = save_values(rows, path)
        except GeoDataError as exc:
            errors.show(exc)
            return
        # the cards, maps and captions above were drawn with the old figures: draw the page again with the new ones
        st.session_state["template_saved"] = (len(rows), len(merged))
        st.rerun()
