"""A download button for weights that torch.nn loads (.pt), for any page.

torch is imported only when the user clicks (Streamlit calls the ``data`` callable then),
so pages that show these buttons stay NumPy-only on every rerun.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from gates_lab.ui import Page


def pt_bytes(net: Any) -> bytes:
    """``torch.save`` of the net's state_dict (float64 tensors, exact)."""
    from gates.model_io import to_pt_bytes

    return to_pt_bytes(net)


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
    st.download_button(page.t("learn.download_pt"), data=lambda: pt_bytes(net),
                       file_name=f"{name}.pt", mime="application/octet-stream",
                       key=key or f"{page.name}.dl.pt",
                       help=page.t("learn.download_pt_help", call=torch_constructor(net)))
