"""Page "Dữ liệu": every dataset of the store with its version, rows, illustrative share and last change; importing a
file into the chosen dataset (:mod:`ui.data_import`, for editors granted it and admins); its history, a change set's
differences, a row's history, downloads of any version; restore and freeze for admins.

What a user may do is decided by the store on the logged-in user (:func:`ui.auth.current_user`): the buttons shown
here are a convenience, never the check.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import GeoDataError, Text
from geo.store import exports, history, overview
from layers.import_view import diff_table
from layers.store_view import export_name, key_text, reason_text, row_history_table, share_text
from ui import auth, choice, choices, data_import, errors, pages_text
from ui.i18n import lang, tr
from ui.tables import numbers_as_text

TITLE = pages_text.DATA
S = {
    "intro": Text(
        "Mọi bộ dữ liệu của ứng dụng được lưu theo phiên bản: mỗi lần ghi là một lần thay đổi có người, thời điểm, lý "
        "do; không gì bị xóa hẳn. Số liệu minh họa (không chính thức) được đánh dấu.",
        "Every dataset of the app is versioned: each write is a change set with who, when and why; nothing is ever "
        "deleted. Illustrative (non-official) rows are flagged.",
    ),
    "dataset": Text("Bộ dữ liệu", "Dataset"),
    "version": Text("Phiên bản", "Version"),
    "rows": Text("Số dòng", "Rows"),
    "who": Text("Người thay đổi", "Changed by"),
    "when": Text("Thời điểm (UTC)", "When (UTC)"),
    "reason": Text("Lý do", "Reason"),
    "share": Text("Tỉ lệ minh họa", "Illustrative share"),
    "history": Text("Lịch sử thay đổi — {name}", "History — {name}"),
    "diff": Text("Nội dung thay đổi của phiên bản", "What a version changed"),
    "no_diff": Text("Phiên bản này không thay đổi dòng nào.", "This version changed no rows."),
    "row": Text("Lịch sử một dòng", "One row's history"),
    "export": Text("Tải xuống", "Download"),
    "export_version": Text("Phiên bản tải xuống", "Version to download"),
    "export_note": Text("Tệp chứa {note}.", "The file holds {note}."),
    "admin": Text("Khôi phục, đóng băng (quản trị)", "Restore, freeze (admins)"),
    "restore_to": Text("Khôi phục về phiên bản", "Restore to version"),
    "restore_reason": Text("Lý do khôi phục", "Reason for the restore"),
    "confirm": Text("Tôi xác nhận", "I confirm"),
    "restore": Text("Khôi phục", "Restore"),
    "restored": Text(
        "Đã khôi phục về phiên bản {src}: phiên bản mới {v} (thêm {a}, sửa {c}, xóa {r}).",
        "Restored version {src}: new version {v} ({a} added, {c} changed, {r} removed).",
    ),
    "freeze_v": Text("Đóng băng phiên bản", "Freeze version"),
    "label": Text("Nhãn (ví dụ: giữa kỳ 2025)", "Label (e.g. mid-term review 2025)"),
    "freeze": Text("Đóng băng", "Freeze"),
    "frozen": Text("Đã đóng băng phiên bản {v}: “{label}”.", "Froze version {v}: “{label}”."),
    "need": Text("Cần lý do/nhãn và xác nhận.", "A reason/label and the confirmation are needed."),
}
KINDS = {
    "seed": Text("khởi tạo", "seed"),
    "import": Text("nhập", "import"),
    "restore": Text("khôi phục", "restore"),
    "merge": Text("gộp", "merge"),
}
HISTORY_COLS = {
    "version": S["version"],
    "kind": Text("Loại", "Kind"),
    "user_name": S["who"],
    "created_at": S["when"],
    "reason": S["reason"],
    "source_name": Text("Tệp nguồn", "Source file"),
    "added": Text("Thêm", "Added"),
    "changed": Text("Sửa", "Changed"),
    "removed": Text("Xóa", "Removed"),
    "freezes": Text("Đóng băng", "Frozen as"),
}


def _overview() -> pd.DataFrame:
    table = overview.overview()
    shown, config = numbers_as_text(
        pd.DataFrame(
            {
                tr(S["dataset"]): table["title_vi" if lang() == "vi" else "title_en"],
                tr(S["version"]): table["version"],
                tr(S["rows"]): table["rows"],
                tr(S["share"]): [share_text(s) for s in table["illustrative_share"]],
                tr(S["who"]): table["last_user"],
                tr(S["when"]): table["last_at"],
                tr(S["reason"]): [reason_text(r, lang()) for r in table["last_reason"]],
            }
        ),
        {tr(S["rows"]): "count"},
    )
    st.dataframe(shown, hide_index=True, column_config=config, key="store_overview")
    return table


def _history(past: pd.DataFrame, name: str) -> None:
    shown = past[list(HISTORY_COLS)].assign(
        kind=[tr(KINDS.get(str(k), Text(str(k), str(k)))) for k in past["kind"]],
        reason=[reason_text(r, lang()) for r in past["reason"]],
    )
    shown = shown.rename(columns={c: tr(t) for c, t in HISTORY_COLS.items()})
    counts = {tr(HISTORY_COLS[c]): "count" for c in ("added", "changed", "removed")}
    shown, config = numbers_as_text(shown, counts)
    st.dataframe(shown, hide_index=True, column_config=config, key=f"history_{name}")


def _diff(name: str, versions: list[int]) -> None:
    st.markdown(f"**{tr(S['diff'])}**")
    version = st.selectbox(tr(S["version"]), versions, key=f"diff_version_{name}")
    changes = history.changes(name, int(version))
    if changes.empty:
        st.caption(tr(S["no_diff"]))
        return
    st.dataframe(diff_table(changes, lang()), hide_index=True, key=f"diff_{name}")
    keys = [key_text(k) for k in changes["key"]]
    chosen = st.selectbox(tr(S["row"]), range(len(keys)), format_func=lambda i: keys[i], key=f"row_{name}")
    rows = history.row_history(name, changes["key"].iloc[int(chosen)])
    st.dataframe(row_history_table(rows, lang()), hide_index=True, key=f"row_history_{name}")


def _export(name: str, versions: list[int], labels: dict[int, list[str]]) -> None:
    st.markdown(f"**{tr(S['export'])}**")
    version = int(st.selectbox(tr(S["export_version"]), versions, key=f"export_version_{name}"))
    note = history.version_note(name, version, lang=lang())
    st.caption(tr(S["export_note"], note=note))
    c1, c2 = st.columns(2)
    for col, fmt, mime in (
        (c1, "csv", "text/csv"),
        (c2, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        col.download_button(
            f"{fmt.upper()} — {note}",
            lambda fmt=fmt: exports.export_bytes(name, fmt, version),  # type: ignore[misc]
            export_name(name, version, labels.get(version, []), fmt),
            mime,
            key=f"export_{name}_{fmt}",
        )


def _admin(name: str, versions: list[int], user: str) -> None:
    with st.expander(tr(S["admin"])):
        c1, c2 = st.columns(2)
        with c1, st.form(f"restore_{name}", clear_on_submit=True):
            version = st.selectbox(tr(S["restore_to"]), versions[1:] or versions, key=f"restore_v_{name}")
            reason = st.text_input(tr(S["restore_reason"]), key=f"restore_reason_{name}")
            sure = st.checkbox(tr(S["confirm"]), key=f"restore_ok_{name}")
            if st.form_submit_button(tr(S["restore"])):
                if not (reason.strip() and sure):
                    st.warning(tr(S["need"]))
                else:
                    _act(lambda: _restore(name, int(version), user, reason))
        with c2, st.form(f"freeze_{name}", clear_on_submit=True):
            version = st.selectbox(tr(S["freeze_v"]), versions, key=f"freeze_v_{name}")
            label = st.text_input(tr(S["label"]), key=f"freeze_label_{name}")
            sure = st.checkbox(tr(S["confirm"]), key=f"freeze_ok_{name}")
            if st.form_submit_button(tr(S["freeze"])):
                if not (label.strip() and sure):
                    st.warning(tr(S["need"]))
                else:
                    _act(lambda: _freeze(name, int(version), label.strip(), user))


def _restore(name: str, version: int, user: str, reason: str) -> str:
    result = history.restore(name, version, user=user, reason=reason)
    return tr(S["restored"], src=version, v=result.version, a=result.added, c=result.changed, r=result.removed)


def _freeze(name: str, version: int, label: str, user: str) -> str:
    history.freeze(name, version, label, user=user)
    return tr(S["frozen"], v=version, label=label)


def _act(action) -> None:  # type: ignore[no-untyped-def]
    """Run a restore or freeze; on success show the page again (its tables now include it) with the message."""
    try:
        st.session_state["store_done"] = action()
    except GeoDataError as exc:
        errors.show(exc)
        return
    st.rerun()


def page() -> None:
    user = auth.current_user()
    st.title(tr(TITLE))
    st.caption(tr(S["intro"]))
    if done := st.session_state.pop("store_done", None):
        st.success(done)
    with errors.guard():
        table = _overview()
    names = table["dataset"].tolist()
    titles = dict(zip(names, table["title_vi" if lang() == "vi" else "title_en"], strict=True))
    name = choice.pick(st.selectbox, tr(S["dataset"]), names, key="store_dataset", default=names[0],
                       param=choices.DATASET, format_func=lambda n: titles[n])  # fmt: skip
    data_import.section(name, titles[name], user)
    past = history.history(name)
    st.subheader(tr(S["history"], name=titles[name]))
    _history(past, name)
    versions = [int(v) for v in past["version"]]
    if not versions:
        return
    labels = {
        int(v): [x for x in str(f).split("; ") if x] for v, f in zip(past["version"], past["freezes"], strict=True)
    }
    _diff(name, versions)
    _export(name, versions, labels)
    if user is not None and user.is_admin:
        _admin(name, versions, user.name)
