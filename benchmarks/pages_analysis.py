"""Server-side rerun time of the gradients page at its defaults (AppTest, no browser).

    /work/venv/bin/python benchmarks/pages_analysis.py

Prints the median of 20 reruns in ms (target < 200 ms). benchmarks/pages.py may import
``gradients_rerun_ms`` and call it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 200.0


def rerun_ms(page: str, reruns: int = 20) -> float:
    """Median wall time of ``reruns`` AppTest reruns of pages/<page>.py (after a first run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def gradients_rerun_ms(reruns: int = 20) -> float:
    return rerun_ms("gradients", reruns)


def main() -> None:
    for page in ("gradients", "compare", "deep"):
        ms = rerun_ms(page)
        note = f"  (target < {TARGET_MS:.0f} ms)" if page == "gradients" else ""
        print(f"{page:10s} rerun median of 20: {ms:7.1f} ms{note}")


if __name__ == "__main__":
    main()
