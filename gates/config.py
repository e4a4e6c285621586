"""A network's hyper-parameters, apart from the trace and the checks that both read them
(``gates.trace.NetConfig`` is this class)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NetConfig"]


@dataclass(frozen=True)
class NetConfig:
    """A network's hyper-parameters (everything but the weights)."""

    input_size: int
    hidden_size: int
    num_layers: int = 1
    bidirectional: bool = False
    batch_first: bool = False
    bias: bool = True
    nonlinearity: str = "tanh"
    reset_after: bool = True
    variant: str = "standard"  # the cell's variant (gates.kinds.VARIANTS), e.g. "coupled"

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    def layer_input_size(self, layer: int) -> int:
        return self.input_size if layer == 0 else self.num_directions * self.hidden_size
