"""Download buttons for weights that torch.nn loads (.pt) and for plain JSON.

torch is imported only when the user clicks (Streamlit calls the ``data`` callable then),
so pages that show these buttons stay NumPy-only on every rerun.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import streamlit as st

from lab import settings as S
from lab.ui import Page


def cell_net(cell: S.CellSpec) -> Any:
    """The engine net of a cell page's settings, with its effective weights loaded."""
    net = S.make_net(cell)
    net.load_state_dict(S.effective_weights(cell))
    return net


def pt_bytes(state_dict: Mapping[str, Any]) -> bytes:
    """``torch.save`` of the weights as float32 tensors (what ``torch.nn`` modules hold)."""
    import torch

    buffer = io.BytesIO()
    torch.save({k: torch.tensor(np.asarray(v, dtype=np.float32)) for k, v in state_dict.items()},
               buffer)
    return buffer.getvalue()


def torch_constructor(net: Any) -> str:
    """The ``torch.nn`` call that builds a module this state_dict loads into."""
    kind = type(net).__name__
    args = [f"{net.input_size}", f"{net.hidden_size}"]
    if net.num_layers != 1:
        args.append(f"num_layers={net.num_layers}")
    if kind == "RNN" and getattr(net.config, "nonlinearity", "tanh") != "tanh":
        args.append(f"nonlinearity='{net.config.nonlinearity}'")
    if not net.bias:
        args.append("bias=False")
    if net.batch_first:
        args.append("batch_first=True")
    if net.bidirectional:
        args.append("bidirectional=True")
    return f"torch.nn.{kind}({', '.join(args)})"


def has_torch_twin(net: Any) -> bool:
    """A GRU with the reset gate before W_hn (Cho et al.) has no torch.nn equivalent."""
    return not (type(net).__name__ == "GRU" and not getattr(net.config, "reset_after", True))


def pt_download(page: Page, net: Any, name: str = "weights", key: str | None = None) -> None:
    """A download button for ``net``'s weights as a .pt state_dict that torch.nn loads."""
    if not has_torch_twin(net):
        st.caption(page.t("learn.pt_no_twin"))
        return
    state = {k: np.array(v) for k, v in net.state_dict().items()}
    st.download_button(page.t("learn.download_pt"), data=lambda: pt_bytes(state),
                       file_name=f"{name}.pt", mime="application/octet-stream",
                       key=key or f"{page.name}.dl.pt",
                       help=page.t("learn.download_pt_help", call=torch_constructor(net)))


def weights_json(state_dict: Mapping[str, Any], meta: Mapping[str, Any] | None = None) -> str:
    """The weights as JSON (nested lists, torch names and layout)."""
    data = {"format": "gates-lab-weights", "version": 1, **(meta or {}),
            "weights": {k: np.asarray(v, dtype=np.float64).tolist()
                        for k, v in state_dict.items()}}
    return json.dumps(data, indent=1)
