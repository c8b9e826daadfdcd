"""The import part of the "Dữ liệu" page: template or upload → validation report → grid, header mapping, repair →
preview map → differences from the current version → commit with a reason.

Reading is :func:`geo.importers.read_upload` (the CLI's reader), differences and the write are
:mod:`geo.store.proposal` (the CLI's too), remembered header mappings :mod:`geo.store.mappings`, what is shown
:mod:`layers.import_view`. Only editors granted the dataset and admins see it; the store checks again on writing.
A read is kept in this session by the file's sha256 and the options chosen, so reruns do not read the file again.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo.datasets.excel import template
from geo.errors import GeoDataError, SchemaError, Text
from geo.importers import ImportResult, read_upload
from geo.importers.shapes import declaration
from geo.io.archive import sha256_bytes
from geo.settings import get_settings
from geo.store import mappings as memory
from geo.store import proposal as proposals
from geo.store import rasters
from geo.store.users import UserInfo
from layers import import_view as view
from layers.safe_text import markdown_text
from ui import choice, errors
from ui.i18n import lang, tr

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = ["csv", "txt", "tsv", "xlsx", "zip", "geojson", "json", "gpkg", "kml", "parquet", "geoparquet"]
RASTER_TYPES = ["tif", "tiff"]
S = {
    "title": Text("Nhập dữ liệu — {name}", "Import data — {name}"),
    "who_can": Text(
        "Chỉ biên tập viên được cấp quyền với bộ dữ liệu này và quản trị viên mới nhập được dữ liệu; hãy đăng nhập "
        "(thanh bên) hoặc đề nghị quản trị viên cấp quyền.",
        "Only editors granted this dataset and admins can import data; log in (sidebar) or ask an admin for the grant.",
    ),
    "template": Text(
        "Tải mẫu Excel (có hướng dẫn và danh sách chọn)", "Download the Excel template (guide, drop-downs)"
    ),
    "upload": Text("Tải tệp lên", "Upload a file"),
    "upload_help": Text(
        "CSV, XLSX, Shapefile nén .zip, GeoJSON, GeoPackage, KML, GeoParquet; tối đa {mb} MB.",
        "CSV, XLSX, zipped Shapefile, GeoJSON, GeoPackage, KML, GeoParquet; at most {mb} MB.",
    ),
    "raster_help": Text(
        "Ảnh rừng GeoTIFF (hệ tọa độ bất kỳ); tối đa {mb} MB.", "Forest GeoTIFF (any CRS); at most {mb} MB."
    ),
    "mode": Text("Cách ghi", "How to write"),
    "unit_set": Text("Tên bộ đơn vị mới (ví dụ vung_quy_hoach)", "Name of the new unit set (e.g. planning_zones)"),
    "classes": Text("Lớp ảnh (mã=tên, mỗi dòng một lớp)", "Raster classes (code=label, one a line)"),
    "date": Text("Ngày của ảnh (YYYY-MM-DD)", "Raster date (YYYY-MM-DD)"),
    "illustrative": Text("Số liệu minh họa (không chính thức)", "Illustrative (not official) figures"),
    "reading": Text("Đang đọc và kiểm tra tệp…", "Reading and checking the file…"),
    "read_done": Text("Đã đọc xong tệp.", "The file has been read."),
    "ok": Text("Tệp hợp lệ: không có lỗi.", "The file is valid: no problems."),
    "bad": Text(
        "Tệp có {n} lỗi: chưa ghi gì. Sửa theo bảng dưới đây rồi tải lại.",
        "The file has {n} problem(s): nothing was stored. Fix them as the table says and upload it again.",
    ),
    "notes": Text("Ghi chú (không chặn việc nhập)", "Notes (they do not block the import)"),
    "report": Text("Tải báo cáo kiểm tra (XLSX)", "Download the validation report (XLSX)"),
    "crs_ask": Text("Tệp không có hệ tọa độ: chọn lưới VN-2000", "The file has no CRS: choose the VN-2000 grid"),
    "crs_apply": Text("Đọc lại với lưới này", "Read again with this grid"),
    "map_title": Text("Tiêu đề cột chưa nhận ra", "Headers not recognised"),
    "map_help": Text(
        "Chọn cột của bộ dữ liệu cho mỗi tiêu đề; lựa chọn được ghi nhớ cho lần sau.",
        "Choose the dataset's column for each header; the choice is remembered for next time.",
    ),
    "map_none": Text("— không dùng —", "— not used —"),
    "map_apply": Text("Áp dụng và đọc lại", "Apply and read again"),
    "map_offered": Text("Dùng ánh xạ đã nhớ: {m}", "Using the remembered mapping: {m}"),
    "repair": Text(
        "Sửa đa giác lỗi bằng make_valid (diện tích trước/sau ở cột 'Cách sửa')",
        "Repair invalid polygons with make_valid (area before/after in the 'Fix' column)",
    ),
    "preview": Text("Xem trước trên bản đồ", "Preview on the map"),
    "diff": Text(
        "Khác biệt so với phiên bản hiện tại ({v}): {counts}", "Differences from the current version ({v}): {counts}"
    ),
    "no_change": Text(
        "Tệp không thay đổi gì so với phiên bản hiện tại.", "The file changes nothing in the current version."
    ),
    "more": Text("Hiện {shown} trong {n} dòng thay đổi.", "Showing {shown} of {n} changed lines."),
    "reason": Text("Lý do thay đổi (bắt buộc)", "Reason for the change (required)"),
    "commit": Text("Ghi phiên bản mới", "Write a new version"),
    "need_reason": Text("Cần ghi lý do thay đổi.", "A reason is needed."),
    "written": Text("Đã ghi {name} phiên bản {v}: {counts}{merged}.", "Wrote {name} version {v}: {counts}{merged}."),
    "merged": Text(" (gộp với thay đổi của người khác)", " (merged with someone else's changes)"),
    "raster_source": Text("tải lên trang Dữ liệu bởi {user}", "uploaded on the Data page by {user}"),
    "nothing": Text("Không có gì thay đổi; không ghi phiên bản mới.", "Nothing changed; no new version written."),
}
MODES = {
    "update": Text("cập nhật: thêm dòng mới, sửa dòng đã có", "update: add new rows, change stored ones"),
    "replace": Text(
        "thay thế: như cập nhật, và xóa dòng tệp không có", "replace: as update, and remove rows the file lacks"
    ),
    "append": Text("thêm mới: chỉ thêm dòng chưa có", "append: add new rows only"),
}
STAGES = {
    "read": Text("đọc tệp", "reading the file"),
    "place": Text("đặt vị trí", "placing features"),
    "validate": Text("kiểm tra giá trị", "checking values"),
    "done": Text("xong", "done"),
}


def _state(name: str) -> dict[str, Any]:
    """This dataset's import choices in this session (grid, mapping, repair), kept per uploaded file."""
    key = f"import_{name}"
    if key not in st.session_state:
        st.session_state[key] = {}
    state: dict[str, Any] = st.session_state[key]
    return state


def _read(data: bytes, file: str, name: str, options: dict[str, Any]) -> ImportResult:
    """The file read with ``options``, once per file and options in this session, with a progress bar."""
    key = (sha256_bytes(data), repr(sorted(options.items())))
    cache = st.session_state.setdefault(f"import_read_{name}", {})
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]
    with st.status(tr(S["reading"]), expanded=False) as status:
        bar = st.progress(0.0)

        def progress(stage: str, share: float) -> None:
            bar.progress(min(max(share, 0.0), 1.0), text=tr(STAGES.get(stage, Text(stage, stage))))

        result = read_upload(data, name, name=file, progress=progress, **options)
        status.update(label=tr(S["read_done"]), state="complete")
    cache.clear()  # one file's read kept at a time
    cache[key] = result
    return result


def _file_options(name: str) -> dict[str, Any]:
    """What the user says about the file before uploading it: a unit layer's set name, a raster's classes, date and
    whether it is illustrative."""
    if name == "units":
        return {"unit_set": st.text_input(tr(S["unit_set"]), key="import_unit_set").strip() or None}
    if name != "forest_raster":
        return {}
    c1, c2 = st.columns(2)
    lines = c1.text_area(tr(S["classes"]), "1=rừng\n0=không phải rừng", key="import_classes").splitlines()
    return {
        "classes": {int(k): v.strip() for k, _, v in (x.partition("=") for x in lines) if k.strip().isdigit()},
        "date": c2.text_input(tr(S["date"]), key="import_date").strip() or None,
        "illustrative": c2.checkbox(tr(S["illustrative"]), key="import_illustrative"),
    }


def _options(name: str, user: UserInfo, state: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The reader's options: those given before the upload, then the answers to the report's questions."""
    options: dict[str, Any] = {**given, "crs": state.get("crs"), "repair": bool(state.get("repair"))}
    if name != "forest_raster":
        options["mapping"] = dict(state.get("mapping") or {})
        options["remembered"] = memory.remembered(user.name, name)
    return options


def _report(result: ImportResult, name: str) -> None:
    report = result.report
    st.caption(markdown_text(view.summary(report, lang())))
    if report.ok:
        st.success(tr(S["ok"]))
    else:
        st.error(tr(S["bad"], n=len(report.problems)))
        st.dataframe(view.problem_table(report, lang()), hide_index=True, key=f"import_problems_{name}")
    if report.notes:
        st.markdown(f"**{tr(S['notes'])}**")
        st.dataframe(view.problem_table(report, lang(), notes=True), hide_index=True, key=f"import_notes_{name}")
    stem = report.file.rsplit(".", 1)[0]
    st.download_button(tr(S["report"]), report.to_xlsx(lang()), f"{stem}_report_{lang()}.xlsx", XLSX,
                       key=f"import_report_{name}", on_click="ignore")  # fmt: skip


def _choices(result: ImportResult, name: str, user: UserInfo, state: dict[str, Any]) -> None:
    """The questions the report asks: the grid, unknown headers, the repair of invalid polygons."""
    report = result.report
    grids = view.crs_options(report)
    if grids:
        crs = choice.pick(st.radio, tr(S["crs_ask"]), grids, key=f"import_crs_{name}", default=grids[0],
                          format_func=lambda c: view.crs_label(report, c, lang()))  # fmt: skip
        if st.button(tr(S["crs_apply"]), key=f"import_crs_apply_{name}"):
            state["crs"] = crs
            st.rerun()
    if name != "forest_raster":
        _mapping(result, name, user, state)
    if "invalid_geometry" in report.codes() or state.get("repair"):
        repair = st.checkbox(tr(S["repair"]), value=bool(state.get("repair")), key=f"import_repair_{name}")
        if repair != bool(state.get("repair")):
            state["repair"] = repair
            st.rerun()


def _mapping(result: ImportResult, name: str, user: UserInfo, state: dict[str, Any]) -> None:
    """Headers the reader did not recognise, each with a choice of the dataset's columns; applied choices are
    remembered for this user and dataset (offered by the reader next time)."""
    ds = declaration(name)
    offered: dict[str, str] = result.report.details.get("mapping_offered", {})
    if offered:
        st.caption(markdown_text(tr(S["map_offered"], m=", ".join(f"{h} → {c}" for h, c in offered.items()))))
    unknown = view.unknown_headers(result.report, ds, {**offered, **state.get("mapping", {})})
    if not unknown:
        return
    st.markdown(f"**{tr(S['map_title'])}**")
    st.caption(tr(S["map_help"]))
    title = {c: f"{c} — {ds.column(c).title(lang())}" for c in ds.names}
    chosen = {
        header: choice.pick(
            st.selectbox,
            header,
            ["", *ds.names],
            key=f"import_map_{name}_{i}",
            default="",
            format_func=lambda c: title.get(c, tr(S["map_none"])),
        )
        for i, header in enumerate(unknown)
    }
    if st.button(tr(S["map_apply"]), key=f"import_map_apply_{name}"):
        picked = {h: c for h, c in chosen.items() if c}
        if picked:
            memory.remember(user.name, name, picked)
        state["mapping"] = {**state.get("mapping", {}), **picked}
        st.rerun()


def _preview(result: ImportResult, name: str) -> None:
    preview = result.preview
    if preview is None or view.drawable(preview).empty:
        return
    st.markdown(f"**{tr(S['preview'])}**")
    st.caption(" · ".join(view.legend_lines(lang())))
    bad = view.problem_rows(result.report)
    tiles = get_settings().tiles
    center, zoom = view.preview_view(preview)
    # nothing returned: the preview never reruns the page (a rerun from the map could swallow the commit's click)
    st_folium(view.preview_map(preview, bad, lang(), tiles=tiles), key=f"import_preview_{name}_{lang()}", height=420,
              use_container_width=True, center=center, zoom=zoom, returned_objects=[])  # fmt: skip


def _commit(result: ImportResult, name: str, user: UserInfo, data: bytes, mode: proposals.ImportMode) -> None:
    assert result.frame is not None
    cache = st.session_state.setdefault(f"import_proposal_{name}", {})
    key = (id(result), mode)  # kept until the file or mode changes: the write is based on the version compared
    if key not in cache:
        cache.clear()
        frame = result.frame
        try:
            if name == "forest_raster":  # the checked GeoTIFF is kept and catalogued by its sha256
                kept = rasters.keep_upload(data, result.report.file)
                frame = rasters.catalogue_row(kept, frame, source=tr(S["raster_source"], user=user.name))
            cache[key] = proposals.propose(name, frame, mode, file=result.report.file)
        except GeoDataError as exc:  # a date the raster lacks, rows the dataset's declaration refuses
            errors.show(exc)
            return
    proposal: proposals.Proposal = cache[key]
    counts = view.change_counts(proposal.counts, lang())
    st.markdown(f"**{tr(S['diff'], v=proposal.base_version, counts=counts)}**")
    if proposal.changes.empty:
        st.info(tr(S["no_change"]))
        return
    table = view.diff_table(proposal.changes, lang())
    st.dataframe(table, hide_index=True, key=f"import_diff_{name}")
    if len(proposal.changes) > 2000:
        st.caption(tr(S["more"], shown=2000, n=len(proposal.changes)))
    if proposal.refused:
        errors.show(SchemaError(proposal.refused))
        return
    with st.form(f"import_commit_{name}"):
        reason = st.text_input(tr(S["reason"]), key=f"import_reason_{name}")
        if not st.form_submit_button(tr(S["commit"]), type="primary"):
            return
    if not reason.strip():
        st.warning(tr(S["need_reason"]))
        return
    try:
        written = proposals.commit(proposal, user=user.name, reason=reason, source_name=result.report.file,
                                   source_sha256=sha256_bytes(data))  # fmt: skip
    except GeoDataError as exc:
        errors.show(exc)
        return
    done = view.change_counts({"added": written.added, "changed": written.changed, "removed": written.removed}, lang())
    st.session_state["store_done"] = (
        tr(S["written"], name=name, v=written.version, counts=done, merged=tr(S["merged"]) if written.merged else "")
        if written.written
        else tr(S["nothing"])
    )
    for stale in (f"import_{name}", f"import_read_{name}", f"import_proposal_{name}"):
        st.session_state.pop(stale, None)
    st.session_state[f"import_upload_gen_{name}"] = st.session_state.get(f"import_upload_gen_{name}", 0) + 1
    st.rerun()


def section(name: str, title: str, user: UserInfo | None) -> None:
    """The import part for dataset ``name`` (its title ``title``), or who may import when ``user`` may not."""
    st.subheader(tr(S["title"], name=title))
    if user is None or not user.can_write(name):
        st.info(tr(S["who_can"]))
        return
    raster = name == "forest_raster"
    if not raster:
        st.download_button(tr(S["template"]), lambda: template(declaration(name), lang()),
                           f"{name}_mau_{lang()}.xlsx" if lang() == "vi" else f"{name}_template_en.xlsx", XLSX,
                           key=f"import_template_{name}", on_click="ignore")  # fmt: skip
    modes: list[proposals.ImportMode] = list(proposals.MODES) if not raster else ["update"]
    default = modes.index("append") if name == "aq_hourly" else 0
    mode: proposals.ImportMode = choice.pick(st.radio, tr(S["mode"]), modes, key=f"import_mode_{name}",
                                             default=modes[default], format_func=lambda m: tr(MODES[m]),
                                             horizontal=True)  # fmt: skip
    given = _file_options(name)
    mb = max(1, math.ceil(get_settings().import_max_bytes / 1_048_576))
    generation = st.session_state.get(f"import_upload_gen_{name}", 0)
    upload = st.file_uploader(
        tr(S["upload"]), type=RASTER_TYPES if raster else TYPES, key=f"import_file_{name}_{generation}",
        help=tr(S["raster_help" if raster else "upload_help"], mb=mb), max_upload_size=mb,
    )  # fmt: skip
    state = _state(name)
    if upload is None:
        state.clear()
        return
    data = upload.getvalue()
    if state.get("file") != (upload.name, sha256_bytes(data)):
        state.clear()
        state["file"] = (upload.name, sha256_bytes(data))
    options = _options(name, user, state, given)
    result = _read(data, upload.name, name, options)
    _report(result, name)
    _choices(result, name, user, state)
    _preview(result, name)
    if result.ok:
        _commit(result, name, user, data, mode)
