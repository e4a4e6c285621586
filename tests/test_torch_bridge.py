"""from_torch / to_torch round trips."""

import numpy as np
import pytest
import torch

import gates


@pytest.mark.parametrize("name", ["RNN", "GRU", "LSTM"])
def test_round_trip(name):
    kwargs = dict(num_layers=2, bidirectional=True, batch_first=True, bias=False)
    if name == "RNN":
        kwargs["nonlinearity"] = "relu"
    module = getattr(torch.nn, name)(3, 4, **kwargs)  # float32
    net = getattr(gates, name).from_torch(module)
    assert net.batch_first and net.bidirectional and net.num_layers == 2 and not net.bias
    back = net.to_torch()
    assert type(back) is type(module)
    assert all(p.dtype == torch.float64 for p in back.parameters())
    for k, v in module.state_dict().items():
        np.testing.assert_array_equal(back.state_dict()[k].numpy(), v.double().numpy(), err_msg=k)
    x = np.random.default_rng(0).standard_normal((2, 5, 3))
    with torch.no_grad():
        want = back(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(net(x)[0], want, atol=1e-10, err_msg=name)
    if name == "RNN":
        assert back.nonlinearity == "relu"
