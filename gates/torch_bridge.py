"""from_torch / to_torch. torch is imported inside the functions only, so the engine
itself needs nothing but NumPy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar

from gates.config import NetConfig
from gates.kinds import KINDS


class EngineNet(Protocol):
    """What the bridge reads and writes of gates.network's RNN / GRU / LSTM (a protocol,
    so that this module, which network.py calls, does not import network.py back)."""

    kind: ClassVar[str]
    config: NetConfig

    def __init__(self, input_size: int, hidden_size: int, **kwargs: Any) -> None: ...

    def state_dict(self) -> Mapping[str, Any]: ...

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None: ...


Net = TypeVar("Net", bound=EngineNet)


def from_torch(cls: type[Net], module: Any) -> Net:
    """A ``cls`` net with the torch module's configuration and (float64) weights."""
    import torch

    name = KINDS[cls.kind].torch_name
    expected = getattr(torch.nn, name)
    if not isinstance(module, expected):
        raise ValueError(f"module: expected a torch.nn.{name}, given {type(module).__name__}")
    if getattr(module, "proj_size", 0) > 0:
        raise ValueError(f"module: expected proj_size=0 (no projection), given {module.proj_size}")
    if module.dropout > 0:
        raise ValueError(f"module: expected dropout=0, given {module.dropout}")
    kwargs: dict[str, Any] = dict(
        num_layers=module.num_layers, bias=module.bias, batch_first=module.batch_first,
        bidirectional=module.bidirectional,
    )
    if cls.kind == "rnn":
        kwargs["nonlinearity"] = module.nonlinearity
    net = cls(module.input_size, module.hidden_size, **kwargs)
    net.load_state_dict(dict(module.state_dict()))
    return net


def to_torch(net: EngineNet) -> Any:
    """The equivalent float64 torch.nn.RNN / GRU / LSTM."""
    cfg = net.config
    if net.kind == "gru" and not cfg.reset_after:
        raise ValueError(
            "reset_after: torch.nn.GRU only implements reset_after=True, given reset_after=False"
        )
    import torch

    kwargs: dict[str, Any] = dict(
        num_layers=cfg.num_layers, bias=cfg.bias, batch_first=cfg.batch_first,
        bidirectional=cfg.bidirectional, dtype=torch.float64,
    )
    if net.kind == "rnn":
        kwargs["nonlinearity"] = cfg.nonlinearity
    module = getattr(torch.nn, KINDS[net.kind].torch_name)(cfg.input_size, cfg.hidden_size, **kwargs)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in net.state_dict().items()})
    return module
