"""Stacked and bidirectional networks: shapes, layouts, every layer's gates, torch parity.

Reads like the screen: title, the two textbook examples, controls, the shapes torch
reports, how the two directions are concatenated and where h_n's rows come from, the
equivalent PyTorch code, the "check against PyTorch" button, then every layer's and
direction's gates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from gates.kinds import KIND_NAMES, get_kind
from gates_lab import codec
from gates_lab.figures import analysis as F
from gates_lab.guide_ui import show_guide
from gates_lab.ui import Bound, Page, controls, panel, setup

CLASSES = F.KIND_TITLES


@dataclass(frozen=True)
class DeepSettings:
    """A torch-style network and a seeded random input; defaults: nn.GRU(10, 20, 2), (5, 3, 10)."""

    kind: str = codec.spec("gru", "cell", choices=KIND_NAMES)
    num_layers: int = codec.spec(2, "nl", 1, 4)
    bidirectional: bool = codec.spec(False, "bi")
    batch: int = codec.spec(3, "B", 1, 8)
    batch_first: bool = codec.spec(False, "bf")
    length: int = codec.spec(5, "L", 1, 50)
    input_size: int = codec.spec(10, "I", 1, 32)
    hidden_size: int = codec.spec(20, "H", 1, 32)
    seed: int = codec.spec(0, "seed", 0, 2**31 - 1)


TEXTBOOK = {
    "gru": DeepSettings(),
    "bigru": DeepSettings(bidirectional=True),
}


def _has_cell_state(kind: str) -> bool:
    """True for a kind that carries a cell state c beside h (torch returns (h_n, c_n))."""
    return "c" in get_kind(kind).states


def input_shape(s: DeepSettings) -> tuple[int, int, int]:
    return (s.batch, s.length, s.input_size) if s.batch_first else (s.length, s.batch,
                                                                    s.input_size)


def make_net(s: DeepSettings) -> Any:
    from gates.network import network_class

    return network_class(s.kind)(s.input_size, s.hidden_size, num_layers=s.num_layers,
               bidirectional=s.bidirectional, batch_first=s.batch_first, seed=s.seed)


def make_input(s: DeepSettings) -> np.ndarray:
    return np.random.default_rng(s.seed + 1).standard_normal(input_shape(s))


@st.cache_data(max_entries=64, show_spinner=False)
def run_deep(key: str) -> Any:
    s, _ = codec.from_dict(DeepSettings, json.loads(key))
    return make_net(s).trace(make_input(s))


def torch_size(shape: tuple[int, ...]) -> str:
    return f"torch.Size([{', '.join(str(n) for n in shape)}])"


def shapes_text(s: DeepSettings, trace: Any) -> str:
    """The shapes as torch prints them (the engine's arrays have torch's shapes)."""
    lines = [f"input.size()  # {torch_size(input_shape(s))}",
             f"output.size() # {torch_size(trace.output.shape)}",
             f"hn.size()     # {torch_size(trace.h_n.shape)}"]
    if trace.c_n is not None:
        lines.append(f"cn.size()     # {torch_size(trace.c_n.shape)}")
    return "\n".join(lines)


def torch_code(s: DeepSettings) -> str:
    """PyTorch code that builds the same network and input shapes."""
    args = [str(s.input_size), str(s.hidden_size), str(s.num_layers)]
    if s.bidirectional:
        args.append("bidirectional=True")
    if s.batch_first:
        args.append("batch_first=True")
    d = 2 if s.bidirectional else 1
    shape = ", ".join(str(n) for n in input_shape(s))
    h0 = f"{s.num_layers * d}, {s.batch}, {s.hidden_size}"
    order = "(batch, seq_len, input_size)" if s.batch_first else "(seq_len, batch, input_size)"
    cell_state = _has_cell_state(s.kind)
    call = ("output, (hn, cn) = rnn(input, (h0, c0))" if cell_state
            else "output, hn = rnn(input, h0)")
    lines = ["import torch", "from torch import nn", "",
             f"rnn = nn.{CLASSES[s.kind]}({', '.join(args)})",
             f"input = torch.randn({shape})  # {order}",
             f"h0 = torch.zeros({h0})  # (num_layers * num_directions, batch, hidden_size)"]
    if cell_state:
        lines.append(f"c0 = torch.zeros({h0})")
    lines += [call, "print(output.size())  # " + torch_size(_out_shape(s)),
              "print(hn.size())      # " + torch_size((s.num_layers * d, s.batch, s.hidden_size))]
    if cell_state:
        lines.append("print(cn.size())      # "
                     + torch_size((s.num_layers * d, s.batch, s.hidden_size)))
    return "\n".join(lines)


def _out_shape(s: DeepSettings) -> tuple[int, int, int]:
    d = 2 if s.bidirectional else 1
    return ((s.batch, s.length, d * s.hidden_size) if s.batch_first
            else (s.length, s.batch, d * s.hidden_size))


def hn_layout(s: DeepSettings, trace: Any) -> list[dict[str, Any]]:
    """Rows of h_n: index layer*D + direction, and for the top layer where output has it."""
    d = 2 if s.bidirectional else 1
    h = s.hidden_size
    out = np.asarray(trace.output)
    if s.batch_first:
        out = out.transpose(1, 0, 2)  # time-major for the comparison
    rows = []
    for layer in range(s.num_layers):
        for direction in range(d):
            index = layer * d + direction
            row: dict[str, Any] = {"index": index, "layer": layer, "direction": direction,
                                   "equals": "", "diff": None}
            if layer == s.num_layers - 1:
                t = "-1" if direction == 0 else "0"
                cols = ":H" if direction == 0 else "H:"
                row["equals"] = (f"output[:, {t}, {cols}]" if s.batch_first
                                 else f"output[{t}, :, {cols}]")
                step = out[-1 if direction == 0 else 0, :, direction * h:(direction + 1) * h]
                row["diff"] = float(np.max(np.abs(trace.h_n[index] - step)))
            rows.append(row)
    return rows


def torch_check(s: DeepSettings) -> float:
    """Largest |engine - torch| over output, h_n (and c_n), float64, same weights and input.

    torch is imported here, only when the button is pressed.
    """
    import torch

    net = make_net(s)
    x = make_input(s)
    module = net.to_torch()
    with torch.no_grad():
        out_t, state_t = module(torch.from_numpy(x))
    out, state = net(x)
    pairs = [(out, out_t)]
    if _has_cell_state(s.kind):
        pairs += [(state[0], state_t[0]), (state[1], state_t[1])]
    else:
        pairs.append((state, state_t))
    return max(float(np.max(np.abs(a - b.numpy()))) for a, b in pairs)


# --------------------------------------------------------------------------- page


def render() -> None:
    page = setup("deep")
    bound = Bound(page, DeepSettings)
    st.title(page.t("page.deep"))
    st.caption(page.t("deep.intro"))
    textbook_buttons(page, bound)
    show_guide(page, "deep")

    with controls(page):
        c1, c2, c3 = st.columns(3)
        with c1:
            bound.select("kind", page.t("deep.kind"), radio=True,
                         format_func=CLASSES.__getitem__)
            bound.slider("num_layers", page.t("deep.layers"))
            bound.toggle("bidirectional", page.t("deep.bidirectional"))
        with c2:
            bound.slider("batch", page.t("deep.batch"))
            bound.toggle("batch_first", page.t("deep.batch_first"),
                         help=page.t("deep.batch_first_help"))
            bound.slider("length", page.t("deep.length"))
        with c3:
            bound.slider("input_size", page.t("deep.input_size"))
            bound.slider("hidden_size", page.t("deep.hidden_size"))
            bound.number("seed", page.t("deep.seed"))
    s = bound.value
    bound.commit()
    key = codec.cache_key(s)
    trace = run_deep(key)

    panel(page, lambda: show_shapes(page, s, trace))
    panel(page, lambda: show_layout(page, s, trace))
    panel(page, lambda: show_code(page, s, key))
    panel(page, lambda: show_gates(page, s, key))


def textbook_buttons(page: Page, bound: Bound[DeepSettings]) -> None:
    st.markdown(f"**{page.t('deep.textbook')}**")
    cols = st.columns(len(TEXTBOOK))
    for col, (name, value) in zip(cols, TEXTBOOK.items(), strict=True):
        def apply(value: DeepSettings = value) -> None:
            bound.replace_all(value)

        col.button(page.t(f"deep.textbook.{name}"), on_click=apply, key=f"deep.textbook.{name}",
                   width="stretch")


def show_shapes(page: Page, s: DeepSettings, trace: Any) -> None:
    st.subheader(page.t("deep.shapes"))
    d = 2 if s.bidirectional else 1
    st.caption(page.t("deep.shapes_help", D=d, L=s.num_layers))
    st.code(shapes_text(s, trace), language="python")


def show_layout(page: Page, s: DeepSettings, trace: Any) -> None:
    import pandas as pd

    st.subheader(page.t("deep.layout"))
    h = s.hidden_size
    if s.bidirectional:
        st.markdown(page.t("deep.concat_bi", H=h, a=h - 1, b=2 * h - 1))
    else:
        st.markdown(page.t("deep.concat_uni", H=h, a=h - 1))
    st.markdown(page.t("deep.hn_layout", n=s.num_layers * (2 if s.bidirectional else 1)))
    rows = [{page.t("deep.col.index"): r["index"], page.t("deep.col.layer"): r["layer"],
             page.t("deep.col.direction"): page.t(f"deep.dir.{r['direction']}"),
             page.t("deep.col.equals"): r["equals"] or page.t("deep.not_in_output"),
             page.t("deep.col.diff"): "" if r["diff"] is None else f"{r['diff']:.1e}"}
            for r in hn_layout(s, trace)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def show_code(page: Page, s: DeepSettings, key: str) -> None:
    st.subheader(page.t("deep.code"))
    st.code(torch_code(s), language="python")
    st.caption(page.t("deep.code_help"))
    store = "deep.torch_check"
    if st.button(page.t("deep.check"), key="deep.check", help=page.t("deep.check_help")):
        with st.spinner(page.t("deep.checking")):
            st.session_state[store] = (key, torch_check(s))
    result = st.session_state.get(store)
    if result is not None and result[0] == key:
        diff = result[1]
        st.metric(page.t("deep.max_diff"), f"{diff:.2e}")
        if diff < 1e-12:
            st.success(page.t("deep.check_ok"), icon="✅")
        else:
            st.warning(page.t("deep.check_bad"), icon="⚠️")


@st.cache_resource(max_entries=32, show_spinner=False)
def gate_figure(key: str, layer: int, direction: int, lang: str, present: bool) -> Any:
    from gates_lab.i18n import t

    trace = run_deep(key)
    title = t("deep.gates_title", lang, layer=layer, dir=t(f"deep.dir.{direction}", lang))
    return F.gate_heatmaps(trace, layer=layer, direction=direction, batch=0, title=title,
                           lang=lang, present=present, row_height=90)


def show_gates(page: Page, s: DeepSettings, key: str) -> None:
    st.subheader(page.t("deep.gates"))
    st.caption(page.t("deep.gates_help"))
    d = 2 if s.bidirectional else 1
    tabs = st.tabs([page.t("deep.layer_tab", layer=layer) for layer in range(s.num_layers)])
    for layer, tab in enumerate(tabs):
        with tab:
            cols = st.columns(d)
            for direction, col in enumerate(cols):
                col.plotly_chart(gate_figure(key, layer, direction, page.lang, page.present),
                                 width="stretch", config=F.PLOTLY_CONFIG,
                                 key=f"deep.chart.{layer}.{direction}")
