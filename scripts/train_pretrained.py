"""Train the shipped models: every task x {gru, lstm, rnn} with the default settings.

    python scripts/train_pretrained.py [--out models] [--seed 0]

Writes <out>/<task>_<kind>.npz (gates_lab.classroom.training.save_model), <out>/accuracy.json (held-out
accuracy computed with the NumPy engine) and <out>/README.md. Deterministic: the same
seed and torch version give the same files' weights. A few minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gates_lab.classroom.tasks import TASKS  # noqa: E402
from gates_lab.classroom.training import (  # noqa: E402
    DEFAULTS,
    EVAL_SIZE,
    KINDS,
    pretrained_path,
    save_model,
    train,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "models"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    accuracy: dict[str, dict[str, float]] = {}
    rows = []
    total = time.perf_counter()
    for name, task in TASKS.items():
        accuracy[name] = {}
        for kind in KINDS:
            wall, cpu = time.perf_counter(), time.process_time()
            model = train(task, kind, seed=args.seed)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            path = pretrained_path(name, kind, out)
            save_model(model, path)
            accuracy[name][kind] = round(model.accuracy, 4)
            rows.append((name, kind, model.accuracy, wall, cpu, path.stat().st_size))
            print(f"{name:15s} {kind:5s} accuracy {model.accuracy:.3f}  {wall:5.1f} s wall "
                  f"{cpu:5.1f} s cpu  {path.stat().st_size / 1000:.0f} KB", flush=True)

    settings = {
        name: {"length": s.length, "hidden_size": s.hidden_size, "steps": s.steps, "lr": s.lr,
               "batch_size": s.batch_size}
        for name, s in DEFAULTS.items()
    }
    (out / "accuracy.json").write_text(json.dumps(
        {"seed": args.seed, "eval_size": EVAL_SIZE, "accuracy": accuracy, "settings": settings},
        indent=2, ensure_ascii=False) + "\n")
    (out / "README.md").write_text(_readme(rows, settings, args.seed))
    print(f"total {time.perf_counter() - total:.0f} s")


def _readme(rows: list[tuple[str, str, float, float, float, int]],
            settings: dict[str, dict[str, float]], seed: int) -> str:
    lines = [
        "# Pretrained models for the learned-gates page",
        "",
        "Written by `python scripts/train_pretrained.py` (seed "
        f"{seed}); do not edit by hand. Each `<task>_<kind>.npz` loads with "
        "`gates_lab.classroom.training.load_model` (NumPy only, `allow_pickle=False`). Accuracy is on "
        f"{EVAL_SIZE} held-out sequences (`training.EVAL_SEED`), computed with the NumPy "
        "engine; `tests/test_training.py` checks the files reproduce it.",
        "",
        "| task | kind | accuracy | train time (wall / cpu) | file |",
        "|---|---|---|---|---|",
    ]
    for name, kind, acc, wall, cpu, size in rows:
        lines.append(f"| {name} | {kind} | {acc:.3f} | {wall:.1f} s / {cpu:.1f} s "
                     f"| {size / 1000:.0f} KB |")
    lines += ["", "Settings (one recurrent layer, batch of fresh random sequences each step, "
              "Adam, gradient norm clipped at 1):", ""]
    for name, s in settings.items():
        lines.append(f"- {name}: length {s['length']}, hidden {s['hidden_size']}, "
                     f"{s['steps']} steps, lr {s['lr']}, batch {s['batch_size']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
