"""Real files of every kind a teacher might upload by mistake or malice, and what the
learned page must answer (tests/test_model_io.py, tests/test_learned_pages.py)."""

from __future__ import annotations

import io
import os

import numpy as np
import torch


def _saved(obj: object) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


CODE = "refused: this file contains code, not only tensors"
EXPECTED = "expected a file written by torch.save(model.state_dict(), path)"
TORCH_TEXT = ("Unsupported operand", "pytorch.org", "documentation", "Please", "WeightsUnpickler",
              "enforce fail", "miniz", "file an issue")


class System:
    """os.system on unpickling (the marker path is set per test)."""

    marker = "/nonexistent/never"

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').getpid()",))


def _legacy(obj: object) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer, _use_new_zipfile_serialization=False)
    return buffer.getvalue()


def _zip_with(name: str, text: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def refused_files() -> dict[str, tuple[bytes, str]]:
    """Every kind of refused upload, real bytes, and what its message must say."""
    import pickle

    sd = torch.nn.GRU(2, 3).state_dict()
    npy = io.BytesIO()
    np.save(npy, np.zeros(3))
    good = _saved(sd)
    return {
        "code-zip": (_saved({"weight_ih_l0": sd["weight_ih_l0"], "x": System()}),
                     f"{CODE}; loading it would call posix.system"),
        "code-eval": (_saved(Eval()), f"{CODE}; loading it would call builtins.eval"),
        "code-legacy": (_legacy({"x": System()}), f"{CODE}; loading it would call posix.system"),
        "code-pickle-5": (pickle.dumps(System(), protocol=5), f"{CODE}; loading it would call "
                                                              "posix.system"),
        "code-pickle-0": (pickle.dumps(System(), protocol=0), f"{CODE}; loading it would call "
                                                              "posix.system"),
        "whole-module": (_saved(torch.nn.GRU(2, 3)), f"{CODE}; it is a whole pickled GRU model"),
        "plain-pickle": (pickle.dumps(dict(sd), protocol=4), "a plain Python pickle"),
        "zip-of-list": (_saved([1, 2, 3]), "the file holds a list of 3 items, not a state_dict: "
                                           "expected a dict of weight tensors like"),
        "legacy-list": (_legacy([1, 2]), "the file holds a list of 2 items, not a state_dict"),
        "plain-tensor": (_saved(torch.zeros(4, 2)), "the file holds a single tensor of shape "
                                                    "(4, 2), not a state_dict"),
        "a-number": (_saved(149), "the file holds an int, not a state_dict"),
        "random-bytes": (np.random.default_rng(0).bytes(4096),
                         f"not a torch file: neither a zip archive nor a pickle; {EXPECTED}"),
        "text": (b"hello class\n", f"not a torch file: a text file beginning “hello class”; "
                                    f"{EXPECTED}"),
        "json": (b'{"weights": {}}', "not a torch file: a text file beginning"),
        "npy": (npy.getvalue(), "not a torch file: a NumPy .npy array"),
        "other-zip": (_zip_with("notes.txt", "hi"), "a zip archive without torch's data.pkl"),
        "cut-off": (good[: len(good) // 2], "the torch file is cut off or damaged"),
        "linear": (_saved(torch.nn.Linear(2, 3).state_dict()), "looks like a Linear"),
    }
