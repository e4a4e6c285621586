"""What an uploaded file is, and which Python callables its pickle would call, read
without running any of it (pickletools only disassembles).

Used by :mod:`gates.model_io` to turn a refused upload into a plain message: a file that
is not a torch file at all says what it looks like instead, and a pickle that calls code
names what it would call. The safety itself is ``torch.load(weights_only=True)``'s; this
module only explains.
"""

from __future__ import annotations

import io
import pickletools
import zipfile

# torch.save's legacy (non-zip) format opens with this number, pickled
TORCH_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C

_STRING_OPS = {"SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "STRING",
               "BINSTRING", "SHORT_BINSTRING"}
_GET_OPS = {"GET", "BINGET", "LONG_BINGET"}
_PUT_OPS = {"PUT", "BINPUT", "LONG_BINPUT"}
_NO_PUSH = {"PROTO", "FRAME", "MEMOIZE", "STOP"} | _PUT_OPS


def file_kind(data: bytes) -> str:
    """One of: ``torch-zip`` (torch.save's zip, with data.pkl), ``torch-legacy``,
    ``zip-cut`` (a zip archive missing its end: cut off), ``zip`` (another zip archive),
    ``pickle`` (a plain Python pickle), ``npy`` (NumPy), ``text``, ``binary``."""
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip-cut"
        return "torch-zip" if any(n.endswith("data.pkl") for n in names) else "zip"
    if data[:6] == b"\x93NUMPY":
        return "npy"
    if data[:1] == b"\x80":  # a pickle's PROTO opcode
        first = _first_value(data)
        return "torch-legacy" if first == TORCH_LEGACY_MAGIC else "pickle"
    if _pickle_globals_or_none(data, max_pickles=1) is not None:  # protocol 0/1 pickles
        return "pickle"
    return _text_or_binary(data)


def _text_or_binary(data: bytes) -> str:
    head = data[:4096]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the 4096-byte mark
            return "binary"
        text = head[:exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return "text" if printable >= 0.95 * max(len(text), 1) else "binary"


def text_start(data: bytes, limit: int = 24) -> str:
    """The first characters of a text file, for a message (one line, shortened)."""
    line = data[:200].decode("utf-8", "replace").strip().splitlines()
    first = line[0] if line else ""
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _first_value(data: bytes) -> object:
    try:
        for op, arg, _ in pickletools.genops(io.BytesIO(data)):
            if op.name in ("LONG1", "LONG4", "LONG", "INT", "BININT", "BININT1", "BININT2"):
                return arg
            if op.name not in ("PROTO", "FRAME"):
                return None
    except Exception:  # noqa: BLE001 - bytes that are no pickle have no first value
        return None
    return None


def pickle_globals(data: bytes, max_pickles: int = 8) -> list[str]:
    """``module.name`` of every global the pickle stream(s) in ``data`` would look up
    (GLOBAL, and STACK_GLOBAL from the two strings before it), in order, each once.
    Several pickles one after another (torch's legacy format) are all read."""
    found = _pickle_globals_or_none(data, max_pickles)
    return found or []


def _pickle_globals_or_none(data: bytes, max_pickles: int = 8) -> list[str] | None:
    stream = io.BytesIO(data)
    found: list[str] = []
    read_any = False
    for _ in range(max_pickles):
        start = stream.tell()
        if start >= len(data):
            break
        try:
            _scan_one(stream, found)
            read_any = True
        except Exception:  # noqa: BLE001 - the rest is raw storage bytes or garbage
            break
    return found if read_any else None


def _scan_one(stream: io.BytesIO, found: list[str]) -> None:
    memo: dict[int, object] = {}
    recent: list[object] = []  # what the last opcodes pushed (strings, or None)
    for op, arg, _ in pickletools.genops(stream):
        name = op.name
        if name == "GLOBAL":
            _add(found, str(arg).replace(" ", ".", 1))
            recent.append(None)
        elif name == "STACK_GLOBAL":
            module, attr = (recent[-2:] + [None, None])[:2] if len(recent) >= 2 else (None, None)
            _add(found, f"{module}.{attr}" if isinstance(module, str) and isinstance(attr, str)
                 else "an unknown global")
            recent.append(None)
        elif name in _STRING_OPS:
            recent.append(arg)
        elif name in _GET_OPS:
            recent.append(memo.get(int(arg)))  # type: ignore[arg-type]
        elif name == "MEMOIZE":
            memo[len(memo)] = recent[-1] if recent else None
        elif name in _PUT_OPS:
            memo[int(arg)] = recent[-1] if recent else None  # type: ignore[arg-type]
        elif name not in _NO_PUSH:
            recent.append(None)
        del recent[:-4]


def _add(found: list[str], name: str) -> None:
    if name not in found:
        found.append(name)


def is_tensor_global(name: str) -> bool:
    """What torch.save itself writes for tensors and state_dicts (no user code)."""
    return (name == "collections.OrderedDict" or name.startswith("torch._utils._rebuild_")
            or name.startswith("torch.storage.")
            or (name.startswith("torch.") and name.endswith("Storage")))
