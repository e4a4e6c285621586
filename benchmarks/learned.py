"""Learned-gates page: server-side rerun with shipped weights, and default training time.

    /work/venv/bin/python benchmarks/learned.py

1. Median of 20 AppTest reruns of pages/learned.py (default task and cell, shipped
   weights; target 300 ms). AppTest skips the real server's post-script GC, so the
   browser sees a bit more.
2. The page's "Train now" with its default settings, through AppTest (training, progress
   bar and live loss chart included; target < 30 s), and ``train()`` alone.

Without models/ (the shipped files not made yet) a stand-in model of the default size is
trained and saved in a temporary folder; the rerun does not depend on its quality.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RERUN_TARGET_MS = 300.0
TRAIN_TARGET_S = 30.0


def main() -> None:
    from streamlit.testing.v1 import AppTest

    import gates_lab.pages.learned as lp
    from gates_lab.classroom import training

    settings = lp.LearnedSettings()
    if not lp.model_path(settings.task, settings.kind).exists():
        folder = Path(tempfile.mkdtemp())
        for kind in lp.KINDS:
            model = training.train(settings.task, kind, hidden_size=settings.hidden_size,
                                   steps=5)
            training.save_model(model, training.pretrained_path(settings.task, kind, folder))
        lp.MODELS = folder
        print(f"(no shipped models: stand-ins of hidden size {settings.hidden_size} in "
              f"{folder})")

    at = AppTest.from_file(str(ROOT / "pages" / "learned.py"), default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    times = []
    for _ in range(20):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    assert not at.exception, at.exception
    median = statistics.median(times)
    print(f"learned page rerun, shipped weights ({settings.task}, {settings.kind}): "
          f"median {median:.0f} ms of 20 (min {min(times):.0f}, max {max(times):.0f}); "
          f"target {RERUN_TARGET_MS:.0f} ms -> {'OK' if median <= RERUN_TARGET_MS else 'SLOW'}")

    next(r for r in at.radio if r.key.endswith(".section")).set_value("train").run()
    started = time.perf_counter()
    at.button(key="learned.train").click().run()
    page_seconds = time.perf_counter() - started
    assert not at.exception, at.exception
    model = at.session_state[lp.MODELS_KEY][f"{settings.task}/{settings.kind}/free"]
    print(f"'Train now' in the page, defaults ({settings.task}, {settings.kind}, "
          f"{settings.steps} steps, hidden {settings.hidden_size}): {page_seconds:.1f} s, "
          f"held-out accuracy {model.accuracy:.1%}; target < {TRAIN_TARGET_S:.0f} s -> "
          f"{'OK' if page_seconds < TRAIN_TARGET_S else 'SLOW'}")
    started = time.perf_counter()
    training.train(settings.task, settings.kind, hidden_size=settings.hidden_size,
                   steps=settings.steps, seed=settings.seed)
    print(f"train() alone, same settings: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
