"""Named classroom scenarios: tiny cells with hand-set weights and a matching input.

Every preset uses the engine's (torch's) conventions exactly:

- GRU, gate blocks stacked ``r, z, n``::

      r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
      z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
      n = tanh(W_in x + b_in + r * (W_hn h + b_hn))        (reset_after=True)
      h' = (1 - z) * n + z * h                             (z near 1 keeps h)

- LSTM, gate blocks stacked ``i, f, g, o``::

      i, f, o = sigmoid(...),  g = tanh(...)
      c' = f * c + i * g,      h' = o * tanh(c')

- RNN: ``h' = act(W_ih x + b_ih + W_hh h + b_hh)`` with act ``tanh`` or ``relu``.

Weights are in torch's layout: ``weight_ih_l0 (G*H, I)``, ``weight_hh_l0 (G*H, H)``,
``bias_ih_l0 (G*H,)``, ``bias_hh_l0 (G*H,)`` with G = 1, 3, 4 for RNN, GRU, LSTM.
The initial state is always zero; the inputs do all the writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from classroom.inputs import ChannelSpec, make_input
from classroom.weights import block_weights
from gates.kinds import check_kind, param_shapes

if TYPE_CHECKING:
    from gates.network import GRU, LSTM, RNN

__all__ = ["PRESETS", "Preset", "get_preset", "preset_input", "preset_net",
           "presets_for"]

@dataclass(frozen=True)
class Preset:
    """One classroom scenario: a cell, its weights, its input and what it shows.

    ``state_dict`` holds read-only float64 arrays in torch's layout (see the module
    docstring); ``inputs`` holds one :class:`ChannelSpec` per input channel, rendered
    over ``length`` steps by :func:`preset_input`.
    """

    name: str
    kind: str
    title_en: str
    title_zh: str
    explain_en: str
    explain_zh: str
    input_size: int
    hidden_size: int
    state_dict: dict[str, np.ndarray] = field(compare=False, repr=False)
    inputs: tuple[ChannelSpec, ...]
    length: int
    reset_after: bool = True
    nonlinearity: str = "tanh"

    def __post_init__(self) -> None:
        check_kind(self.kind)
        if len(self.inputs) != self.input_size:
            raise ValueError(f"preset {self.name}: {self.input_size} input channel(s) "
                             f"expected, got {len(self.inputs)}")
        shapes = param_shapes(self.kind, self.input_size, self.hidden_size)
        got = {k: v.shape for k, v in self.state_dict.items()}
        if got != shapes:
            raise ValueError(f"preset {self.name}: state_dict shapes {shapes} expected, "
                             f"got {got}")


_PRESET_LIST: tuple[Preset, ...] = (
    Preset(
        name="gru-as-rnn", kind="gru",
        title_en="A GRU that is just a plain RNN",
        title_zh="退化成普通 RNN 的 GRU",
        explain_en=("Huge biases pin the reset gate at 1 and the update gate at 0, so the "
                    "GRU always takes its candidate n = tanh(W_in x + W_hn h). That is "
                    "exactly the plain tanh RNN with the same two weights."),
        explain_zh=("巨大的偏置把重置门固定在 1、更新门固定在 0，所以 GRU 每一步都直接采用"
                    "候选状态 n = tanh(W_in x + W_hn h)。这正是使用同样两个权重的普通 tanh RNN。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("gru", 1, 1, ih={"n": 1.0}, hh={"n": 0.8},
                            b_ih={"r": 20.0, "z": -20.0}),
        inputs=(ChannelSpec("sine", amplitude=1.5, period=16),), length=48,
    ),
    Preset(
        name="gru-latch", kind="gru",
        title_en="GRU latch: hold a value until told to write",
        title_zh="GRU 锁存器：保持数值，直到收到写入信号",
        explain_en=("Channel 0 carries a value and channel 1 a write signal; without the "
                    "signal the update gate sits at 1 and the hidden state stays put. On a "
                    "write the update gate drops to 0 and the state becomes tanh(value)."),
        explain_zh=("通道 0 传入数值，通道 1 传入写入信号；没有信号时更新门约为 1，隐藏状态"
                    "保持不变。收到写入信号时更新门降到 0，隐藏状态变为 tanh(数值)。"),
        input_size=2, hidden_size=1,
        state_dict=block_weights("gru", 2, 1, ih={"z": [[0.0, -30.0]], "n": [[1.0, 0.0]]},
                            b_ih={"z": 15.0}),
        inputs=(ChannelSpec("sine", amplitude=1.5, period=37),
                ChannelSpec("impulses", period=13, onset=4)),
        length=64,
    ),
    Preset(
        name="gru-reset-wipe", kind="gru",
        title_en="GRU reset gate wipes the memory on a cue",
        title_zh="GRU 重置门在提示信号到来时清空记忆",
        explain_en=("Each pulse on channel 0 is added on top of the remembered state, because "
                    "the reset gate lets the old state into the candidate. A cue on channel 1 "
                    "closes the reset gate, the candidate forgets the past and the state "
                    "drops to 0."),
        explain_zh=("通道 0 的每个脉冲都叠加在已记住的状态上，因为重置门让旧状态进入候选状态。"
                    "通道 1 的提示信号关闭重置门，候选状态忘掉过去，隐藏状态随之归零。"),
        input_size=2, hidden_size=1,
        state_dict=block_weights("gru", 2, 1,
                            ih={"r": [[0.0, -30.0]], "z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                            hh={"n": 1.0}, b_ih={"r": 15.0, "z": 15.0}),
        inputs=(ChannelSpec("impulses", period=6, onset=2),
                ChannelSpec("impulses", period=20, onset=17)),
        length=45,
    ),
    Preset(
        name="gru-update-keeps", kind="gru",
        title_en="GRU update gate near 1 keeps the state (torch's convention)",
        title_zh="GRU 更新门接近 1 时保持状态（torch 约定）",
        explain_en=("In torch's GRU h' = (1 - z) n + z h, so unit 0, with z near 1, barely "
                    "moves when the input steps up, while unit 1, with z near 0, jumps to "
                    "its candidate at once. Many textbooks swap z and 1 - z, which would swap "
                    "the two units' roles."),
        explain_zh=("在 torch 的 GRU 中 h' = (1 - z) n + z h，所以 z 接近 1 的单元 0 在输入跃升时"
                    "几乎不动，而 z 接近 0 的单元 1 立刻跳到候选状态。许多教材把 z 和 1 - z "
                    "对调，那样两个单元的角色也会对调。"),
        input_size=1, hidden_size=2,
        state_dict=block_weights("gru", 1, 2, ih={"n": [[1.5], [1.5]]},
                            b_ih={"z": [5.0, -5.0]}),
        inputs=(ChannelSpec("step", onset=3),), length=40,
    ),
    Preset(
        name="gru-saturated", kind="gru",
        title_en="Saturated gates: large weights make switches",
        title_zh="饱和的门：大权重让门变成开关",
        explain_en=("With weights of size 40 the reset and update gates are almost always "
                    "exactly 0 or 1, flipping abruptly when the input changes sign. Saturated "
                    "gates have a gradient near zero, which is why training avoids them."),
        explain_zh=("权重大小为 40 时，重置门和更新门几乎总是恰好为 0 或 1，输入变号时突然翻转。"
                    "饱和的门梯度接近零，所以训练时要尽量避免。"),
        input_size=1, hidden_size=2,
        state_dict=block_weights("gru", 1, 2,
                            ih={"r": [[40.0], [-40.0]], "z": [[-40.0], [40.0]],
                                "n": [[2.0], [-2.0]]},
                            hh={"n": [[0.5, -1.0], [1.0, 0.5]]}),
        inputs=(ChannelSpec("sine", period=12, phase=0.3),), length=48,
    ),
    Preset(
        name="lstm-counter", kind="lstm",
        title_en="LSTM cell state counts impulses",
        title_zh="LSTM 细胞状态为脉冲计数",
        explain_en=("The forget gate is held at 1 and the input gate opens only on an "
                    "impulse, when the candidate is 1. So the cell state climbs by 1 at every "
                    "impulse and stays flat in between: it counts."),
        explain_zh=("遗忘门保持为 1，输入门只在脉冲到来时打开，此时候选值为 1。所以细胞状态在"
                    "每个脉冲处增加 1，其余时间保持不变：它在计数。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 30.0, "g": 20.0},
                            b_ih={"i": -15.0, "f": 20.0}),
        inputs=(ChannelSpec("impulses", period=7, onset=3),), length=50,
    ),
    Preset(
        name="lstm-long-memory", kind="lstm",
        title_en="LSTM forget gate near 1: long memory",
        title_zh="LSTM 遗忘门接近 1：长记忆",
        explain_en=("One impulse writes 1 into the cell; afterwards the forget gate is "
                    "sigmoid(5) = 0.993, so the cell keeps 0.993 of itself every step. "
                    "After 50 steps about 70% of the value is still there."),
        explain_zh=("一个脉冲把 1 写入细胞；之后遗忘门为 sigmoid(5) = 0.993，细胞每一步保留"
                    "自身的 0.993。50 步之后仍保留约 70% 的数值。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 20.0, "g": 20.0},
                            b_ih={"i": -10.0, "f": 5.0, "o": 5.0}),
        inputs=(ChannelSpec("impulse", onset=2),), length=80,
    ),
    Preset(
        name="lstm-short-memory", kind="lstm",
        title_en="LSTM forget gate near 0: short memory",
        title_zh="LSTM 遗忘门接近 0：短记忆",
        explain_en=("The same impulse writes 1 into the cell, but the forget gate is "
                    "sigmoid(-3) = 0.047, so each step keeps under 5% of the cell. "
                    "A few steps later the value is gone."),
        explain_zh=("同样的脉冲把 1 写入细胞，但遗忘门为 sigmoid(-3) = 0.047，每一步只保留"
                    "不到 5% 的细胞状态。几步之后数值就消失了。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 20.0, "g": 20.0},
                            b_ih={"i": -10.0, "f": -3.0, "o": 5.0}),
        inputs=(ChannelSpec("impulse", onset=2),), length=30,
    ),
    Preset(
        name="lstm-hold-value", kind="lstm",
        title_en="LSTM holds a value for 60 steps",
        title_zh="LSTM 把一个数值保持 60 步",
        explain_en=("Channel 0 keeps changing, but only at the write signal on channel 1 do "
                    "the input gate open and the forget gate close. The cell stores "
                    "tanh(value) at that moment and holds it unchanged to the end."),
        explain_zh=("通道 0 一直在变化，但只有通道 1 的写入信号到来时，输入门才打开、遗忘门才"
                    "关闭。细胞在那一刻存下 tanh(数值)，并一直保持到结束。"),
        input_size=2, hidden_size=1,
        state_dict=block_weights("lstm", 2, 1,
                            ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                            b_ih={"i": -20.0, "f": 20.0, "o": 10.0}),
        inputs=(ChannelSpec("sine", period=17, phase=1.0),
                ChannelSpec("impulse", onset=3)),
        length=70,
    ),
    Preset(
        name="rnn-explode", kind="rnn", nonlinearity="relu",
        title_en="ReLU RNN whose state explodes",
        title_zh="状态爆炸的 ReLU RNN",
        explain_en=("After one impulse there is no input, but the recurrent weight is 1.5 "
                    "and ReLU never squashes, so the state grows by 1.5 at every step. "
                    "Thirty steps later it is beyond 100000."),
        explain_zh=("一个脉冲之后不再有输入，但循环权重为 1.5，而 ReLU 不会压缩数值，所以状态"
                    "每一步乘以 1.5。三十步后它超过了 100000。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 1.0}, hh={"h": 1.5}),
        inputs=(ChannelSpec("impulse", onset=0),), length=30,
    ),
    Preset(
        name="rnn-vanish", kind="rnn",
        title_en="RNN whose state dies out",
        title_zh="状态逐渐消失的 RNN",
        explain_en=("After one impulse the recurrent weight 0.5 halves the state at every "
                    "step (tanh is almost linear near 0). Twenty-five steps later nothing of "
                    "the impulse is left."),
        explain_zh=("一个脉冲之后，循环权重 0.5 让状态每一步减半（tanh 在 0 附近几乎是线性的）。"
                    "二十五步之后脉冲已经不留痕迹。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 1.0}, hh={"h": 0.5}),
        inputs=(ChannelSpec("impulse", onset=0),), length=30,
    ),
    Preset(
        name="rnn-tanh-saturate", kind="rnn",
        title_en="tanh RNN that saturates",
        title_zh="饱和的 tanh RNN",
        explain_en=("The input ramps up steadily and so does the preactivation, but the "
                    "hidden state flattens at 1 once tanh saturates. In that region changes "
                    "of the input no longer show in the state."),
        explain_zh=("输入稳定上升，预激活也随之上升，但 tanh 饱和后隐藏状态停在 1 附近。"
                    "在这个区域，输入的变化不再反映到状态上。"),
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 4.0}, hh={"h": 0.5}),
        inputs=(ChannelSpec("ramp", amplitude=2.0),), length=40,
    ),
)

PRESETS: dict[str, Preset] = {p.name: p for p in _PRESET_LIST}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; ``ValueError`` listing the valid names otherwise."""
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown preset {name!r}; valid names: {', '.join(PRESETS)}") from None


def presets_for(kind: str) -> tuple[Preset, ...]:
    """The presets of one cell kind (``"rnn"``, ``"gru"`` or ``"lstm"``), in order."""
    check_kind(kind)
    return tuple(p for p in PRESETS.values() if p.kind == kind)


def preset_input(p: Preset | str) -> np.ndarray:
    """The preset's input sequence, shape ``(length, input_size)``."""
    p = get_preset(p) if isinstance(p, str) else p
    return make_input(p.length, p.inputs)


def preset_net(p: Preset | str) -> RNN | GRU | LSTM:
    """A fresh ``gates.RNN`` / ``GRU`` / ``LSTM`` with the preset's weights loaded."""
    from gates.network import single_cell

    p = get_preset(p) if isinstance(p, str) else p
    net = single_cell(p.kind, p.input_size, p.hidden_size, reset_after=p.reset_after,
                      nonlinearity=p.nonlinearity, seed=0)
    net.load_state_dict({k: v.copy() for k, v in p.state_dict.items()})
    return net
