"""The live gates' frames are computed once per process and shared by every session
(gates_lab/live/frame_cache.py), within a bound in bytes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from gates_lab.live import component
from gates_lab.live.frame_cache import FrameCache, payload_bytes
from gates_lab.live.wire import unpack

ROOT = Path(__file__).resolve().parent.parent


def test_least_recently_used_goes_first_within_the_byte_bound():
    cache = FrameCache(max_bytes=100, size=len)
    for key in "abc":
        cache.get(key, lambda k=key: k * 40)  # 40 bytes each: the third pushes "a" out
    assert len(cache) == 2 and cache.bytes == 80
    assert cache.get("b", lambda: "recomputed") == "b" * 40  # still there, now most recent
    cache.get("d", lambda: "d" * 40)  # pushes out "c", the least recently used
    assert cache.get("c", lambda: "new") == "new"
    assert cache.bytes <= 100
    assert cache.get("huge", lambda: "x" * 500) == "x" * 500  # too big to keep: not kept
    assert cache.bytes <= 100 and cache.get("huge", lambda: "again") == "again"


def test_a_value_asked_for_by_many_at_once_is_computed_once():
    cache = FrameCache(max_bytes=1000, size=len)
    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "frames"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["frames"] * 8 and len(calls) == 1


def test_the_size_of_a_payload_counts_its_frames():
    assert payload_bytes({"frames": "x" * 1000, "grid": [0.0] * 10}) > 1000
    assert payload_bytes(None) > 0


def test_a_class_on_one_link_computes_each_controls_frames_once():
    """Two sessions (two students on the same preset link) ask for the same control's
    frames: the second gets the first one's, not a second engine run."""
    component.FRAMES.clear()
    sent = []
    for _ in range(2):
        at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=60)
        at.query_params["preset"] = "gru-latch"
        at.run()
        at.session_state["gru.live.active"] = "scale:1"
        at.session_state["gru.live.want"] = True
        at.run()
        assert not at.exception
        found = [c for c in at.get("bidi_component") if str(c.proto.id).endswith("-live")]
        sent.append(unpack(found[0].proto.bytes)["sweep"])
    assert sent[0] is not None and sent[0] == sent[1]
    assert component.FRAMES.misses == 1 and component.FRAMES.hits >= 1
