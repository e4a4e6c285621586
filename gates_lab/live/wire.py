"""What the live gates' component gets from the server, as one bytes payload.

A Streamlit component v2 takes its ``data`` as JSON, or as raw bytes at the top level.
JSON would carry a control's frames as base64 text, and Streamlit would encode the whole
dict twice per run (once to send it, once sorted to name the element) and look at each
value for a dataframe. As bytes it is encoded once here, the frames go as they are, and
Streamlit only hashes the bytes:

    [n: uint32, little-endian][n bytes of UTF-8 JSON, space-padded][frames: float64 LE]

``4 + n`` is a multiple of 8, so the frames start 8-byte aligned. The JSON is the data
(gates_lab/live/component.py) with ``sweep.frames`` taken out; the bytes after the JSON are
those frames (none when there is no sweep). live.js reads it back (``readData``).
"""

from __future__ import annotations

import json
import struct
from typing import Any

_LENGTH = struct.Struct("<I")


def encode(fields: dict[str, Any]) -> str:
    """Fields as the JSON text :func:`pack` takes as ``encoded`` (made once, sent often)."""
    return json.dumps(fields, separators=(",", ":"), allow_nan=False)


def pack(data: dict[str, Any], encoded: str = "{}") -> bytes:
    """``data`` and the fields already ``encoded`` (:func:`encode`; the same keys must not be
    in both) as one JSON object, with the sweep's frames (raw float64 bytes) after it."""
    sweep = data.get("sweep")
    frames = b""
    if sweep is not None:
        frames = sweep["frames"]
        data = {**data, "sweep": {k: v for k, v in sweep.items() if k != "frames"}}
    head = encode(data)
    if encoded != "{}":
        head = head[:-1] + ("," if data else "") + encoded[1:]
    text = head.encode()
    text += b" " * (-(_LENGTH.size + len(text)) % 8)
    return b"".join((_LENGTH.pack(len(text)), text, frames))


def unpack(payload: bytes) -> dict[str, Any]:
    """The data back, its sweep's frames as bytes (tests, benchmarks)."""
    (n,) = _LENGTH.unpack_from(payload)
    data = json.loads(payload[_LENGTH.size:_LENGTH.size + n])
    if data.get("sweep") is not None:
        data["sweep"]["frames"] = bytes(payload[_LENGTH.size + n:])
    return data
