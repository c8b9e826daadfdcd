"""What the department brings to meetings (PNG maps, a PDF brief) and the Excel template for its own figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import GeoDataError, Text
from geo.io import archive
from geo.io import files as io
from geo.progress.status import STATUSES
from geo.progress.template import make_template, parse_template
from geo.store import history, versions
from geo.store.errors import ConflictError
from layers.export import MapSheet, brief_pdf, map_png
from layers.safe_text import markdown_text
from layers.targets_view import cards, format_value, map_sheet, sources_text, target_text, unit_status
from ui import auth, choice, data, errors
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
    "saved": Text("Đã lưu phiên bản {v} ({who}): thêm {a}, sửa {c} số liệu.",
                  "Saved version {v} ({who}): {a} values added, {c} changed."),
    "stored": Text("Số liệu chỉ tiêu trong kho: phiên bản {v}, thay đổi lần cuối bởi {who} lúc {when} (UTC).",
                   "Indicator values in the store: version {v}, last changed by {who} at {when} (UTC)."),
    "need_editor": Text("Chỉ biên tập viên được giao bộ số liệu chỉ tiêu (hoặc quản trị viên) mới tải lên được: "
                        "hãy đăng nhập ở thanh bên.",
                        "Only editors granted the indicator values (or admins) can upload: log in in the sidebar."),
    "version_line": Text("Số liệu chỉ tiêu: {note}.", "Indicator values: {note}."),
    "reason": Text("Lý do thay đổi", "Reason for the change"),
    "reason_default": Text("Nhập mẫu Excel {file}", "Excel template {file}"),
    "conflict": Text("Không lưu: trong lúc bạn chuẩn bị, người khác đã sửa chính các số liệu này. Hãy tải lại trang, "
                     "xem các thay đổi dưới đây rồi tải mẫu lên lại.",
                     "Not saved: someone changed these same values meanwhile. Reload the page, review the changes "
                     "below and upload again."),
    "table": Text("Bảng số liệu — {name}", "Data table — {name}"),
}  # fmt: skip
DATASET = "indicator_values"
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
    c1.download_button(tr(S["png_projector"]), lambda: map_png(sheet, "projector"), f"ban_do_{target_id}_{year}.png",
                       "image/png", key="png_projector", on_click="ignore")  # fmt: skip  # drawn when clicked
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
        note = f"{tr(S['note'])} {_version_line()}"
        pdf = brief_pdf(tr(S["brief_title"], scope=scopes[scope]), tr(S["brief_sub"], year=year), card_table,
                        _sheets(register, status, chosen, year), tables, note)  # fmt: skip
        st.download_button(tr(S["get_pdf"]), pdf, f"ban_tin_ttx_{scope}_{year}.pdf", "application/pdf",
                           key="brief_pdf")  # fmt: skip


def _version_line() -> str:
    """Which version (and freeze) of the indicator values the brief shows."""
    return tr(S["version_line"], note=history.version_note(DATASET, data.store_version(DATASET), lang=lang()))


def _stored_line() -> str:
    past = history.history(DATASET)
    if past.empty:
        return tr(S["stored"], v=0, who="—", when="—")
    last = past.iloc[0]
    who = markdown_text(last["user_name"])
    return tr(S["stored"], v=int(last["version"]), who=who, when=str(last["created_at"])[:16])


def _base_version(upload_id: str) -> int:
    """The store version the page showed when this file was uploaded: the write is checked against it."""
    held = st.session_state.get("template_base")
    if not held or held[0] != upload_id:
        held = (upload_id, data.store_version(DATASET))
        st.session_state["template_base"] = held
    return int(held[1])


def data_entry(register: pd.DataFrame, year: int) -> None:
    st.markdown(f"**{tr(S['template_head'])}**")
    units = {"districts_2019": data.units("districts_2019")[["code", "name_full"]],
             "communes_2025": data.units("communes_2025")[["code", "name_full"]]}  # fmt: skip
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    st.download_button(tr(S["template_get"], year=year), make_template(register, units, year),
                       f"mau_so_lieu_ttx_{year}.xlsx", xlsx, key="template_get")  # fmt: skip
    st.caption(_stored_line())
    saved = st.session_state.pop("template_saved", None)
    if saved is not None:  # said after the rerun that redrew the page with the new figures
        st.success(saved)
    user = auth.current_user()
    if user is None or not user.can_write(DATASET):
        st.info(tr(S["need_editor"]))
        return
    upload = st.file_uploader(tr(S["upload"]), type=["xlsx"], key="template_upload")
    if upload is None:
        return
    content = upload.getvalue()
    base = _base_version(upload.file_id)
    with errors.guard():
        table = io.read_table_bytes(content, upload.name, sheet="Nhập liệu")
        rows = parse_template(table, register, units, file=upload.name)
    st.success(tr(S["checked"], n=len(rows)))
    unit_of = register.set_index("id")["unit"].astype(str).to_dict()
    st.dataframe(rows.assign(value=[format_value(v, unit_of.get(str(t), ""), lang())
                                    for t, v in zip(rows["target_id"], rows["value"], strict=True)]),
                 hide_index=True)  # fmt: skip
    reason = st.text_input(tr(S["reason"]), value=tr(S["reason_default"], file=upload.name), key="template_reason")
    if st.button(tr(S["save"]), key="template_save", type="primary", disabled=rows.empty):
        try:  # the store checks the role and grant of the session's user, and the base version
            result = versions.write(DATASET, rows, user=user.name, reason=reason, base_version=base, mode="upsert",
                                    source_name=upload.name, source_sha256=archive.sha256_bytes(content))  # fmt: skip
        except ConflictError as exc:
            st.warning(tr(S["conflict"]))
            errors.show(exc)
            return
        except GeoDataError as exc:
            errors.show(exc)
            return
        st.session_state.pop("template_base", None)
        # the cards, maps and captions above were drawn with the old figures: draw the page again with the new ones
        st.session_state["template_saved"] = tr(
            S["saved"], v=result.version, a=result.added, c=result.changed, who=markdown_text(user.name)
        )
        st.rerun()
