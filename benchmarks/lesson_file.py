"""Offline lesson file: size and build time at the default and the largest settings.

    .venv/bin/python benchmarks/lesson_file.py

For each cell kind, the lesson file of the page's default scenario and of the largest one
(lab/scenario.py MAX_INPUT, MAX_HIDDEN, MAX_LENGTH; noise on every channel), in English:
its size beside the refusal limit (lab.lesson_file.MAX_BYTES) and the time the download
button's click takes to build it (median of 5; target 2 s; plotly.js read once before).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUILD_TARGET_S = 2.0


def main() -> None:
    from lab import lesson_file as LF
    from lab import scenario as S

    LF.plotly_js()
    print(f"size limit {LF.MAX_BYTES / 2**20:.0f} MB, build target {BUILD_TARGET_S:.1f} s, "
          f"plotly.js {len(LF.plotly_js()) / 2**20:.2f} MB")
    for kind in ("gru", "lstm", "rnn"):
        default = S.Scenario(cell=S.CellSpec(kind=kind))
        largest = S.Scenario(
            cell=S.CellSpec(kind=kind, input_size=S.MAX_INPUT, hidden_size=S.MAX_HIDDEN),
            input=S.InputSpec(length=S.MAX_LENGTH,
                              channels=(S.Channel(pattern="noise"),) * S.MAX_INPUT))
        for name, scenario in (("default", default), ("largest", largest)):
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                lesson = LF.build(scenario)
                times.append(time.perf_counter() - t0)
            took = statistics.median(times)
            print(f"{kind:4s} {name:7s}: {lesson.size / 2**20:5.2f} MB "
                  f"({lesson.frames} of {lesson.steps} steps in the scrubber), "
                  f"built in {took:.2f} s  [{'ok' if took <= BUILD_TARGET_S else 'SLOW'}]")


if __name__ == "__main__":
    main()
