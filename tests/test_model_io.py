"""Bring-your-own-model: reading users' torch files safely, and exporting nets."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from upload_cases import TORCH_TEXT, System, _legacy, refused_files  # noqa: E402

import gates  # noqa: E402
from gates import model_io  # noqa: E402


def _saved(obj: object) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def _check_same_as_module(up: model_io.UploadedModel, module: torch.nn.Module) -> None:
    net = model_io.uploaded_net(up, nonlinearity=getattr(module, "nonlinearity", "tanh"))
    x = np.random.default_rng(0).normal(size=(5, 2, up.input_size))
    with torch.no_grad():
        gold = module.double()(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(net(x)[0], gold, atol=1e-10, err_msg=f"{type(module).__name__}")


@pytest.mark.parametrize(
    ("cls", "kind", "kwargs"),
    [
        (torch.nn.RNN, "rnn", {}),
        (torch.nn.RNN, "rnn", {"nonlinearity": "relu", "num_layers": 2}),
        (torch.nn.GRU, "gru", {}),
        (torch.nn.GRU, "gru", {"num_layers": 3, "bidirectional": True}),
        (torch.nn.LSTM, "lstm", {"bias": False}),
        (torch.nn.LSTM, "lstm", {"num_layers": 2, "bidirectional": True, "bias": False}),
    ],
)
def test_reads_every_kind_from_a_real_torch_file(cls, kind, kwargs) -> None:
    torch.manual_seed(0)
    module = cls(3, 5, **kwargs)
    up = model_io.read_state_dict_file(_saved(module.state_dict()))
    assert (up.kind, up.input_size, up.hidden_size) == (kind, 3, 5)
    assert up.num_layers == kwargs.get("num_layers", 1)
    assert up.bidirectional == kwargs.get("bidirectional", False)
    assert up.bias == kwargs.get("bias", True)
    assert up.prefix == ""
    assert set(up.state_dict) == set(module.state_dict())
    _check_same_as_module(up, module)


class _Classifier(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = torch.nn.Linear(4, 3)
        self.gru = torch.nn.GRU(3, 6, batch_first=True)
        self.lstm = torch.nn.LSTM(6, 2)  # a second recurrent module: not picked
        self.head = torch.nn.Linear(6, 2)


def test_picks_the_first_recurrent_module_behind_a_prefix() -> None:
    model = _Classifier()
    up = model_io.read_state_dict_file(_saved(model.state_dict()))
    assert (up.kind, up.prefix, up.input_size, up.hidden_size) == ("gru", "gru.", 3, 6)
    assert set(up.state_dict) == {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"}
    _check_same_as_module(up, _module_from(model.gru))


def _module_from(module: torch.nn.Module) -> torch.nn.Module:
    copy = type(module)(module.input_size, module.hidden_size)
    copy.load_state_dict(module.state_dict())
    return copy


def test_accepts_a_checkpoint_dict_wrapping_the_state_dict() -> None:
    module = torch.nn.LSTM(2, 4)
    data = _saved({"epoch": 3, "state_dict": module.state_dict(), "note": "hello"})
    up = model_io.read_state_dict_file(data)
    assert up.kind == "lstm" and up.hidden_size == 4


class Exploit:
    """Unpickling this would write a marker file (stands in for os.system)."""

    marker = ""

    def __reduce__(self):
        return (Path.write_text, (Path(self.marker), "pwned"))


def test_a_pickle_carrying_code_is_refused_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "marker.txt"
    exploit = Exploit()
    exploit.marker = str(marker)
    data = _saved({"weight_ih_l0": torch.zeros(3, 2), "payload": exploit})
    assert not marker.exists()
    with pytest.raises(ValueError, match="refused"):
        model_io.read_state_dict_file(data)
    assert not marker.exists(), "the pickle's code ran"
    # control: the same kind of file does run its code when loaded unsafely
    control = tmp_path / "control.txt"
    exploit.marker = str(control)
    torch.load(io.BytesIO(_saved({"payload": exploit})), weights_only=False)
    assert control.read_text() == "pwned"


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
def test_a_pickle_calling_os_system_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "system.txt"

    class System:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    import pickle

    buffer = io.BytesIO()
    pickle.dump({"x": System()}, buffer)
    for data in (buffer.getvalue(), _saved({"x": System()})):
        with pytest.raises(ValueError):
            model_io.read_state_dict_file(data)
    assert not marker.exists(), "os.system ran"


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
@pytest.mark.parametrize("case", sorted(refused_files()))
def test_each_refused_upload_says_plainly_why(case: str, tmp_path: Path) -> None:
    System.marker = str(tmp_path / "pwned")
    data, message = refused_files()[case]
    with pytest.raises(ValueError) as exc:
        model_io.read_state_dict_file(data)
    text = str(exc.value)
    assert message in text, text
    assert not any(fragment in text for fragment in TORCH_TEXT), text
    assert len(text) < 400, text
    assert not (tmp_path / "pwned").exists()


def test_a_long_text_file_cut_inside_a_character_is_still_text() -> None:
    data = ("x" * 4095 + "é" * 10).encode()  # the 4096th byte is inside an "é"
    with pytest.raises(ValueError, match="a text file beginning"):
        model_io.read_state_dict_file(data)


def test_a_legacy_torch_file_of_a_state_dict_still_loads() -> None:
    module = torch.nn.GRU(2, 3)
    up = model_io.read_state_dict_file(_legacy(module.state_dict()))
    _check_same_as_module(up, module)


def test_a_whole_pickled_module_is_refused() -> None:
    with pytest.raises(ValueError, match="refused"):
        model_io.read_state_dict_file(_saved(torch.nn.GRU(2, 3)))


@pytest.mark.parametrize(
    "data",
    [b"", b"not a torch file at all", b"PK\x03\x04" + b"\x00" * 40],
)
def test_corrupt_bytes_give_a_clear_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="empty|not a torch file|cut off"):
        model_io.read_state_dict_file(data)


def test_a_truncated_file_gives_a_clear_error() -> None:
    data = _saved(torch.nn.GRU(3, 8).state_dict())
    with pytest.raises(ValueError, match="cut off or damaged"):
        model_io.read_state_dict_file(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        (torch.nn.Linear(3, 4).state_dict(), "Linear"),
        (torch.nn.Conv1d(3, 4, 2).state_dict(), "unsupported module"),
        (torch.nn.LSTM(3, 4, proj_size=2).state_dict(), "proj_size"),
        ([1, 2, 3], "holds a list of 3 items, not a state_dict"),
        ({}, "holds an empty dict, not a state_dict"),
        (torch.zeros(3), r"holds a single tensor of shape \(3,\), not a state_dict"),
    ],
)
def test_wrong_content_is_named(obj: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_io.read_state_dict_file(_saved(obj))


@pytest.mark.parametrize(
    ("module", "message"),
    [
        (torch.nn.GRU(2, 257), "hidden_size 257 > 256"),
        (torch.nn.RNN(513, 4), "input_size 513 > 512"),
        (torch.nn.LSTM(2, 3, num_layers=5), "num_layers 5 > 4"),
    ],
)
def test_sizes_over_the_limits_are_refused(module: torch.nn.Module, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_io.read_state_dict_file(_saved(module.state_dict()))


def test_non_finite_weights_are_refused() -> None:
    sd = torch.nn.GRU(2, 3).state_dict()
    sd["weight_hh_l0"][0, 0] = float("nan")
    with pytest.raises(ValueError, match="weight_hh_l0 contains 1 non-finite"):
        model_io.read_state_dict_file(_saved(sd))


def test_inconsistent_shapes_and_missing_keys_are_named() -> None:
    sd = torch.nn.GRU(2, 3, num_layers=2).state_dict()
    del sd["bias_hh_l1"]
    with pytest.raises(ValueError, match=r"missing bias_hh_l1 \(expected shape \(9,\)\)"):
        model_io.read_state_dict_file(_saved(sd))
    sd = torch.nn.GRU(2, 3).state_dict()
    sd["weight_hh_l0"] = torch.zeros(10, 3)
    with pytest.raises(ValueError, match="weight_hh_l0 has shape"):
        model_io.read_state_dict_file(_saved(sd))
    sd = torch.nn.GRU(2, 3).state_dict()
    sd["bias_ih_l0"] = torch.zeros(9, dtype=torch.int64)
    with pytest.raises(ValueError, match="dtype"):
        model_io.read_state_dict_file(_saved(sd))


@pytest.mark.parametrize(
    "net",
    [
        gates.GRU(3, 4, num_layers=2, bidirectional=True, seed=1),
        gates.LSTM(2, 5, bias=False, seed=2),
        gates.RNN(2, 3, nonlinearity="relu", seed=3),
    ],
)
def test_pt_export_loads_into_torch_and_back(net) -> None:
    data = model_io.to_pt_bytes(net)
    cfg = net.config
    module_class = getattr(torch.nn, net.kind.upper())
    kwargs = {"num_layers": cfg.num_layers, "bias": cfg.bias, "bidirectional": cfg.bidirectional}
    if net.kind == "rnn":
        kwargs["nonlinearity"] = cfg.nonlinearity
    module = module_class(cfg.input_size, cfg.hidden_size, dtype=torch.float64, **kwargs)
    module.load_state_dict(torch.load(io.BytesIO(data), weights_only=True))
    x = np.random.default_rng(0).normal(size=(4, cfg.input_size))
    with torch.no_grad():
        gold = module(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(net(x)[0], gold, atol=1e-10)
    up = model_io.read_state_dict_file(data)
    assert up.kind == net.kind
    for key, value in net.state_dict().items():
        np.testing.assert_array_equal(up.state_dict[key], value, err_msg=key)


def test_pt_export_refuses_a_gru_torch_cannot_run() -> None:
    with pytest.raises(ValueError, match="reset_after"):
        model_io.to_pt_bytes(gates.GRU(2, 3, reset_after=False))


@pytest.mark.parametrize(
    "net",
    [
        gates.GRU(3, 4, num_layers=2, bidirectional=True, reset_after=False, seed=1),
        gates.LSTM(2, 5, bias=False, batch_first=True, seed=2),
        gates.RNN(2, 3, nonlinearity="relu", seed=3),
    ],
)
def test_json_round_trip_is_exact(net) -> None:
    back = model_io.from_json(model_io.to_json(net))
    assert type(back) is type(net)
    assert back.config == net.config
    for key, value in net.state_dict().items():
        np.testing.assert_array_equal(back.state_dict()[key], value, err_msg=key)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"format": "other"}', "not a gates network"),
        ('{"format": "gates-net", "version": 1, "kind": "cnn", "config": {}, "state_dict": {}}',
         "kind must be"),
        ('{"format": "gates-net", "version": 1, "kind": "gru", '
         '"config": {"input_size": 2, "hidden_size": 9999}, "state_dict": {}}', "limit"),
        ('{"format": "gates-net", "version": 1, "kind": "gru", '
         '"config": {"input_size": 1, "hidden_size": 1}, "state_dict": {}}', "weight_ih_l0"),
    ],
)
def test_bad_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_io.from_json(text)
