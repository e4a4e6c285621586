"""The cell pages' Settings -> Files tab: trace CSV, settings JSON (loads back), weights
.pt and the offline lesson file."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import streamlit as st

from gates_lab import lesson_file
from gates_lab import scenario as S
from gates_lab.export import trace_csv
from gates_lab.model_export import pt_download
from gates_lab.pages.cell_ghost import forget_ghost
from gates_lab.ui import Bound, Page, refused_type


def file_controls(page: Page, bound: Bound[S.Scenario], trace: Any, x: np.ndarray,
                  tokens: list[str] | None) -> None:
    scenario = bound.value
    name = scenario.preset or scenario.cell.kind
    c1, c2, c3 = st.columns(3)
    c1.download_button(page.t("cell.download_csv"), trace_csv(trace, x, tokens),
                       file_name=f"{name}-trace.csv", mime="text/csv",
                       key=bound.key("dl.csv"))
    c2.download_button(page.t("common.download_json"),
                       S.to_json(scenario, S.effective_weights(scenario.cell)),
                       file_name=f"{name}-settings.json", mime="application/json",
                       key=bound.key("dl.json"))
    with c3:
        pt_download(page, S.cell_net(scenario.cell), name=f"{name}-weights",
                    key=bound.key("dl.pt"))
    lesson_button(page, scenario, bound.key("dl.lesson"))

    def load() -> None:
        # each message is about the current file: a new or removed file clears it
        st.session_state.pop(f"{page.name}.upload_error", None)
        upload = st.session_state.get(f"{page.name}.upload")
        if upload is None:
            return
        refused = refused_type(page, upload.name, [".json"], "common.json_what")
        if refused is not None:
            st.session_state[f"{page.name}.upload_error"] = refused
            return
        try:
            loaded, problems = S.scenario_from_json(upload.getvalue())
        except ValueError as exc:
            st.session_state[f"{page.name}.upload_error"] = str(exc)
            return
        if loaded.cell.kind != page.name:
            st.session_state[f"{page.name}.upload_error"] = page.t(
                "cell.wrong_kind", kind=loaded.cell.kind.upper(), page=page.name.upper())
            return
        st.session_state.pop(f"{page.name}.upload_error", None)
        bound.replace_all(loaded, problems)
        forget_ghost(page.name)

    # any file: a type refused in the browser would only get a red icon, no words
    st.file_uploader(page.t("common.upload_json"), key=f"{page.name}.upload", on_change=load)
    error = st.session_state.get(f"{page.name}.upload_error")
    if error:
        st.error(page.t("common.bad_file", msg=page.detail(error)), icon="⚠️")
    st.caption(page.t("cell.png_hint"))


def lesson_button(page: Page, scenario: S.Scenario, key: str) -> None:
    """The offline lesson file (gates_lab/lesson_file.py), built only when clicked: Streamlit
    calls ``data`` then. Its link back goes where the lab is served: GATES_LAB_URL (a
    public address), else this page's address, else the request's host; a teacher is told
    when that is an address only this computer can open."""
    try:
        headers = dict(st.context.headers)
    except Exception:  # noqa: BLE001 - no request (AppTest): the page's address decides
        headers = {}
    url = lesson_file.served_base(os.environ.get("GATES_LAB_URL"), st.context.url, headers,
                                  page.name)
    lang = page.lang
    st.download_button(page.t("lesson.download"),
                       lambda: lesson_file.build(scenario, lang=lang, lab_url=url).data,
                       file_name=lesson_file.file_name(scenario), mime="text/html", key=key,
                       help=page.t("lesson.download_help"), icon="📘")
    if lesson_file.is_local(url):
        st.caption(page.t("lesson.link_local_teacher", url=url))


# --------------------------------------------------------------------------- plots
