"""Every bad input raises ValueError saying what was expected and what was given."""

import numpy as np
import pytest
import torch

import gates


@pytest.mark.parametrize("kwargs, match", [
    (dict(input_size=0, hidden_size=2), "input_size: expected an integer >= 1, given 0"),
    (dict(input_size=2, hidden_size=-1), "hidden_size: expected an integer >= 1, given -1"),
    (dict(input_size=2, hidden_size=2, num_layers=0), "num_layers"),
    (dict(input_size=2.5, hidden_size=2), "input_size.*2.5"),
    (dict(input_size=True, hidden_size=2), "input_size.*True"),
])
def test_bad_sizes(kwargs, match):
    for cls in (gates.RNN, gates.GRU, gates.LSTM):
        with pytest.raises(ValueError, match=match):
            cls(**kwargs)


def test_bad_nonlinearity():
    with pytest.raises(ValueError, match="expected 'tanh' or 'relu', given 'sigmoid'"):
        gates.RNN(2, 2, nonlinearity="sigmoid")


@pytest.mark.parametrize("x, match", [
    (np.zeros((0, 2)), "length >= 1"),
    (np.zeros((0, 1, 2)), "length >= 1"),
    (np.zeros((3, 0, 2)), "batch of size >= 1"),
    (np.zeros((3, 1, 3)), r"input_size=2, given shape \(3, 1, 3\)"),
    (np.zeros((3, 3)), r"input_size=2, given shape \(3, 3\)"),
    (np.zeros(3), r"2-D \(seq_len, input_size\).*given 1-D"),
    (np.zeros((1, 1, 1, 2)), "given 4-D"),
    (np.array([[0.0, np.nan]]), r"finite.*nan at index \(0, 1\)"),
    (np.array([[0.0, np.inf]]), "finite"),
    (np.array([["a", "b"]]), "real numbers"),
    (np.zeros((2, 2), dtype=complex), "real numbers"),
    ([[0.0, 1.0], [1.0]], "rectangular"),
])
def test_bad_x(x, match):
    net = gates.GRU(2, 3, seed=0)
    with pytest.raises(ValueError, match=match):
        net(x)
    with pytest.raises(ValueError, match=match):
        net.trace(x)


def test_bad_hx_shapes_are_not_broadcast():
    net = gates.GRU(2, 3, num_layers=2, seed=0)
    x = np.zeros((4, 5, 2))  # batch 5
    with pytest.raises(ValueError, match=r"expected shape \(2, 5, 3\).*given \(5, 3\)"):
        net(x, np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"expected shape \(2, 5, 3\).*given \(2, 1, 3\)"):
        net(x, np.zeros((2, 1, 3)))
    with pytest.raises(ValueError, match=r"expected shape \(2, 3\).*unbatched.*given \(2, 1, 3\)"):
        net(np.zeros((4, 2)), np.zeros((2, 1, 3)))
    with pytest.raises(ValueError, match="hx: expected finite"):
        net(x, np.full((2, 5, 3), np.nan))
    with pytest.raises(ValueError, match="one array h_0 for a GRU"):
        net(x, (np.zeros((2, 5, 3)), np.zeros((2, 5, 3))))


def test_bad_lstm_hx():
    net = gates.LSTM(2, 3, bidirectional=True, seed=0)
    x = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"tuple \(h_0, c_0\)"):
        net(x, np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"hx\[1\] \(c_0\): expected shape \(2, 3\)"):
        net(x, (np.zeros((2, 3)), np.zeros((1, 3))))
    with pytest.raises(ValueError, match=r"hx\[0\].*finite"):
        net(x, (np.full((2, 3), np.inf), np.zeros((2, 3))))


def test_get_errors():
    tr = gates.LSTM(2, 3, num_layers=2, seed=0).trace(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"name: expected one of \('input'.*given 'reset'"):
        tr.get("reset")
    with pytest.raises(ValueError, match=r"layer: expected an integer in 0..1, given 2"):
        tr.get("input", layer=2)
    with pytest.raises(ValueError, match="layer.*given -1"):
        tr.get("input", layer=-1)
    with pytest.raises(ValueError, match=r"direction: expected one of \(0,\).*not bidirectional.*given 1"):
        tr.get("input", direction=1)
    bi = gates.GRU(2, 3, bidirectional=True, seed=0).trace(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"direction: expected one of \(0, 1\), given 2"):
        bi.get("reset", direction=2)
    bi.get("reset", direction=1)


def test_load_state_dict_errors_leave_net_unchanged():
    net = gates.GRU(2, 3, seed=0)
    before = net.state_dict()
    good = {k: v + 1 for k, v in before.items()}

    def check(sd, match):
        with pytest.raises(ValueError, match=match):
            net.load_state_dict(sd)
        after = net.state_dict()
        assert all(np.array_equal(after[k], before[k]) for k in before)

    missing = dict(good)
    del missing["bias_hh_l0"]
    check(missing, r"missing key\(s\) 'bias_hh_l0' \(expected shape \(9,\)\)")
    check({**good, "weight_ih_l1": np.zeros((9, 2))}, "unexpected key.*'weight_ih_l1'")
    check({**good, "weight_hh_l0": np.zeros((3, 9))},
          r"state_dict\['weight_hh_l0'\]: expected shape \(9, 3\), given \(3, 9\)")
    bad = {**good, "weight_ih_l0": good["weight_ih_l0"].copy()}
    bad["weight_ih_l0"][1, 1] = np.nan
    check(bad, r"weight_ih_l0.*finite")
    check([1, 2], "mapping")
    no_bias = gates.GRU(2, 3, bias=False, seed=0)
    with pytest.raises(ValueError, match="unexpected key.*bias_ih_l0"):
        no_bias.load_state_dict(good)


def test_sweep_errors():
    net = gates.GRU(1, 2, seed=0)
    with pytest.raises(ValueError, match="unbatched"):
        gates.sweep(net, np.zeros((3, 2, 1)), [net.state_dict()])
    with pytest.raises(ValueError, match="non-empty sequence"):
        gates.sweep(net, np.zeros((3, 1)), [])
    with pytest.raises(ValueError, match="missing key"):
        gates.sweep(net, np.zeros((3, 1)), [{}])
    with pytest.raises(ValueError, match="key: expected one of"):
        gates.sweep_param(net, np.zeros((3, 1)), "weight_xx_l0", [1.0])
    with pytest.raises(ValueError, match="index: expected 2 integer"):
        gates.sweep_param(net, np.zeros((3, 1)), "weight_hh_l0", [1.0], index=(9, 0))
    with pytest.raises(ValueError, match=r"expected shape \(6, 2\)"):
        gates.sweep_param(net, np.zeros((3, 1)), "weight_hh_l0", [1.0])


def test_torch_bridge_errors():
    with pytest.raises(ValueError, match="proj_size"):
        gates.LSTM.from_torch(torch.nn.LSTM(2, 3, proj_size=2))
    with pytest.raises(ValueError, match="dropout"):
        gates.GRU.from_torch(torch.nn.GRU(2, 3, num_layers=2, dropout=0.5))
    with pytest.raises(ValueError, match="expected a torch.nn.GRU, given LSTM"):
        gates.GRU.from_torch(torch.nn.LSTM(2, 3))
    with pytest.raises(ValueError, match="reset_after"):
        gates.GRU(2, 3, reset_after=False).to_torch()
