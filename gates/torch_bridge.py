"""from_torch / to_torch. torch is imported inside the functions only, so the engine
itself needs nothing but NumPy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar

from gates.config import NetConfig
from gates.kinds import get_kind


class EngineNet(Protocol):
    """What the bridge reads and writes of gates.network's nets (a protocol,
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

    spec = get_kind(cls.kind)
    if not spec.in_torch:
        raise ValueError(f"from_torch: torch.nn has no {spec.torch_name}; expected a "
                         "torch.nn.RNN, GRU or LSTM")
    name = spec.torch_name
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
    kwargs.update({option: getattr(module, option) for option in spec.torch_options})
    net = cls(module.input_size, module.hidden_size, **kwargs)
    net.load_state_dict(dict(module.state_dict()))
    return net


def to_torch(net: EngineNet) -> Any:
    """The equivalent float64 torch.nn.RNN / GRU / LSTM (ValueError for a kind, variant
    or reset placement torch has no class for)."""
    cfg = net.config
    spec = get_kind(net.kind, cfg.variant)
    refusal = spec.torch_refusal(cfg)
    if refusal:
        raise ValueError(refusal)
    import torch

    kwargs: dict[str, Any] = dict(
        num_layers=cfg.num_layers, bias=cfg.bias, batch_first=cfg.batch_first,
        bidirectional=cfg.bidirectional, dtype=torch.float64,
    )
    kwargs.update({option: getattr(cfg, option) for option in spec.torch_options})
    module = getattr(torch.nn, spec.torch_name)(cfg.input_size, cfg.hidden_size, **kwargs)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in net.state_dict().items()})
    return module
