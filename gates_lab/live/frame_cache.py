"""One process-wide cache of the live gates' frames, shared by every session.

A control's frames depend only on the scenario (cell, input, update view), the control
and the window asked for, never on who asks: a class that opens the same preset link
computes each control's frames once. Bounded by the bytes it holds (``MAX_BYTES``,
least recently used out first), and a value being computed is computed once: sessions
asking for it meanwhile wait for it instead of computing it again.

Unlike ``st.cache_data`` it hands out the stored dict itself (no pickled copy per hit);
callers must not change it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

#: What the cache may hold: 64 MB, e.g. ~350 GRU weights' frames (0.18 MB each) or ~20
#: of the largest link's (4 inputs, 16 units, 500 steps: 3 MB each).
MAX_BYTES = 64 * 2**20


def payload_bytes(payload: dict[str, Any] | None) -> int:
    """About what one stored payload takes: its frames' bytes and its grid of floats."""
    if not payload:
        return 64
    return len(payload.get("frames", "")) + 32 * len(payload.get("grid", ())) + 256


class FrameCache:
    """A least-recently-used map from a key to a computed payload, bounded in bytes."""

    def __init__(self, max_bytes: int = MAX_BYTES,
                 size: Callable[[Any], int] = payload_bytes) -> None:
        self.max_bytes = max_bytes
        self._size = size
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._busy: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value for ``key``; computed by ``compute()`` once when it is missing."""
        with self._lock:
            found = self._lookup(key)
            if found is not None:
                return found[0]
            busy = self._busy.setdefault(key, threading.Lock())
        with busy:  # one session computes, the others wait here for its result
            with self._lock:
                found = self._lookup(key)
                if found is not None:
                    return found[0]
                self.misses += 1
            try:
                value = compute()
            finally:
                with self._lock:
                    self._busy.pop(key, None)
            self._store(key, value)
            return value

    def _lookup(self, key: Hashable) -> tuple[Any] | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return (item[0],)

    def _store(self, key: Hashable, value: Any) -> None:
        size = self._size(value)
        if size > self.max_bytes:
            return  # larger than the whole cache: used once, not kept
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
            self.hits = self.misses = 0
