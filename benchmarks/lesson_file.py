"""Offline lesson file: size and build time at the default and the largest settings.

    .venv/bin/python benchmarks/lesson_file.py

For each cell kind, the lesson file of the page's default scenario and of the largest one
(gates_lab/scenario.py MAX_INPUT, MAX_HIDDEN, MAX_LENGTH; noise on every channel), in English:
its size beside the target at the defaults (under 8 MB, with the live controls' frames)
and the refusal limit (gates_lab.lesson_file.MAX_BYTES), how many live controls it carries, and
the time the download button's click takes to build it (median of 5; target 2 s;
plotly.js read once before).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUILD_TARGET_S = 2.0
DEFAULT_TARGET_MB = 8.0


def main() -> None:
    from gates_lab import lesson_file as LF
    from gates_lab import scenario as S

    LF.plotly_js()
    print(f"size target at the defaults < {DEFAULT_TARGET_MB:.0f} MB, "
          f"size limit {LF.MAX_BYTES / 2**20:.0f} MB, build target {BUILD_TARGET_S:.1f} s, "
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
            mb = lesson.size / 2**20
            size_ok = "ok" if name != "default" or mb < DEFAULT_TARGET_MB else "TOO BIG"
            live = lesson.html.count('"kind":"weight"') + lesson.html.count('"kind":"knob"')
            print(f"{kind:4s} {name:7s}: {mb:5.2f} MB [{size_ok}] "
                  f"({lesson.frames} of {lesson.steps} steps in the scrubber, "
                  f"{live} live controls), "
                  f"built in {took:.2f} s  [{'ok' if took <= BUILD_TARGET_S else 'SLOW'}]")
    for preset in ("gru-latch", "lstm-counter", "rnn-explode"):
        lesson = LF.build(S.scenario_from_preset(preset))
        print(f"preset {preset}: {lesson.size / 2**20:5.2f} MB")


if __name__ == "__main__":
    main()
