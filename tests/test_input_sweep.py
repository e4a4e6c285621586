"""gates.input_sweep: one input point at many values in one batched pass (the input
editor's frames). Every frame equals the ordinary run of the whole sequence with that
value at that point, to 1e-12, for every cell kind of the registry and both GRU reset
placements; and the lab's payload (gates_lab/live/frames.point_payload) carries exactly those."""

from __future__ import annotations

import numpy as np
import pytest

from gates.input_sweep import input_sweep
from gates.kinds import KIND_NAMES, VARIANTS
from gates.network import single_cell
from gates_lab import scenario as S
from gates_lab.live import controls as C
from gates_lab.live import frames as F
from gates_lab.live.component import point_control

# every kind and variant of the registry, both GRU reset placements, the ReLU RNN
CELLS = ([(kind, {"variant": variant}) for kind, variant in VARIANTS]
         + [("gru", {"reset_after": False}), ("rnn", {"nonlinearity": "relu"})])
assert {k for k, _ in CELLS} >= set(KIND_NAMES)


@pytest.mark.parametrize(("kind", "extra"), CELLS, ids=lambda v: str(v))
@pytest.mark.parametrize("t", [0, 5, 11])
def test_every_frame_is_the_ordinary_run_with_that_value(kind, extra, t):
    net = single_cell(kind, 3, 2, seed=4, **extra)
    x = np.random.default_rng(1).normal(size=(12, 3))
    values = np.array([-3.0, -0.25, 0.0, 0.7, 2.5])
    tr = input_sweep(net, x, t, 1, values)
    assert tr.batched and tr.get(tr.names[-1]).shape == (12 - t, len(values), 2)
    for b, v in enumerate(values):
        moved = x.copy()
        moved[t, 1] = v
        ref = net.trace(moved)
        for name in ref.names:
            np.testing.assert_allclose(tr.get(name)[:, b], ref.get(name)[t:], rtol=0,
                                       atol=1e-12, err_msg=f"{kind} {extra} t={t} {name}")


def test_stacked_layers_too_and_bidirectional_is_refused():
    net = single_cell("lstm", 2, 3, seed=2)
    from gates.network import network_class

    deep = network_class("gru")(2, 3, num_layers=2)
    x = np.random.default_rng(3).normal(size=(9, 2))
    tr = input_sweep(deep, x, 4, 0, [0.5, -1.0])
    moved = x.copy()
    moved[4, 0] = -1.0
    np.testing.assert_allclose(tr.get("hidden", layer=1)[:, 1],
                               deep.trace(moved).get("hidden", layer=1)[4:], rtol=0, atol=1e-12)
    both = network_class("rnn")(2, 3, bidirectional=True)
    with pytest.raises(ValueError, match="bidirectional"):
        input_sweep(both, x, 2, 0, [1.0])
    for bad in ({"t": 9}, {"t": -1}, {"channel": 2}, {"values": []}, {"values": [np.nan]}):
        args = {"t": 1, "channel": 0, "values": [1.0], **bad}
        with pytest.raises(ValueError):
            input_sweep(net, x, **args)


@pytest.mark.parametrize("cell", [S.CellSpec(kind="gru", input_size=2, hidden_size=1),
                                  S.CellSpec(kind="gru", reset_after=False),
                                  S.CellSpec(kind="lstm", hidden_size=3),
                                  S.CellSpec(kind="rnn")], ids=lambda c: c.kind)
def test_the_payload_is_the_engine_at_each_grid_value(cell):
    """What the browser draws for grid value k of a point: steps t.. of the ordinary run
    of the page's settings with the point committed to grid[k] (gates_lab.input_points)."""
    from gates_lab import input_points as IP

    inp = S.InputSpec(length=16)
    x, _ = S.build_input(inp, cell.input_size)
    t, c = 6, cell.input_size - 1
    control = point_control(x, c, t)
    values = C.grid(control)
    for textbook in (False, True):
        payload = F.point_payload(cell, x, c, t, control, values, textbook, span=10)
        frames = np.frombuffer(payload["frames"], "<f8").reshape(payload["shape"])
        assert payload["t"] == t and frames.shape[2] == 16 - t and len(frames) == 21
        for k in (0, 10, 20):
            value = values[payload["k0"] + k]
            moved, problem = IP.commit(inp, cell.input_size, {"id": f"x:{c}:{t}", "value": value})
            assert problem is None
            trace = S.cell_net(cell).trace(S.build_input(moved, cell.input_size)[0])
            for p, name in enumerate(trace.names):
                want = trace.get(name)[t:]
                if textbook and cell.kind == "gru" and name == "update":
                    want = 1.0 - want
                np.testing.assert_allclose(frames[k, p], want, rtol=0, atol=1e-12)
