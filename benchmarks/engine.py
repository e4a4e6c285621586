"""Engine speed next to torch, single-threaded, float64, in one run.

    /work/venv/bin/python benchmarks/engine.py [--only forward|backward|sweep]

(a) gates trace vs torch forward (no_grad); (b) gates.backward vs torch autograd
backward; (c) a sweep of 64 variants in one pass vs one trace; (d) every cell variant's
trace (and the MGU's) vs the trace of its standard cell of the same size (the MGU's: the
GRU's). Medians of several repeats of process CPU time; ratio = engine / reference
(lower is better).
"""

from __future__ import annotations

import argparse
import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import gates  # noqa: E402
from gates import kinds  # noqa: E402
from gates.network import single_cell  # noqa: E402

torch.set_num_threads(1)

# CPU time of this (single-threaded) process: other jobs on a busy machine then slow
# neither side; wall time would charge them to whichever side they happened to hit
clock = time.process_time

SIZES = [(1000, 8, 64), (200, 1, 2)]
TARGETS = {"forward": 0.8, "backward": 1.5, "sweep": 4.0, "variants": 1.2}


def median_time(fn: Callable[[], object], repeats: int = 7) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def compare(mine: Callable[[], object], ref: Callable[[], object],
            repeats: int = 15) -> tuple[float, float]:
    """Medians of alternating runs, so a busy machine slows both sides alike."""
    mine()
    ref()
    t_mine, t_ref = [], []
    for _ in range(repeats):
        for fn, times in ((mine, t_mine), (ref, t_ref)):
            start = clock()
            fn()
            times.append(clock() - start)
    return statistics.median(t_mine), statistics.median(t_ref)


def row(what: str, engine: float | None, ref: float, target: float) -> str:
    if engine is None:
        return f"{what:<34} {'n/a':>10} {ref * 1e3:>10.2f} {'n/a':>7} {target:>7.1f}  n/a"
    ratio = engine / ref
    ok = "ok" if ratio <= target else "SLOW"
    return f"{what:<34} {engine * 1e3:>10.2f} {ref * 1e3:>10.2f} {ratio:>7.2f} {target:>7.1f}  {ok}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=sorted(TARGETS), action="append",
                        help="run only these rows (repeatable); default: all")
    only = set(parser.parse_args().only or TARGETS)
    rng = np.random.default_rng(0)
    print(f"{'case':<34} {'gates ms':>10} {'ref ms':>10} {'ratio':>7} {'target':>7}")
    print("-" * 76)
    for kind in ("GRU", "LSTM"):
        for T, n_in, H in SIZES:
            # draw x and grad even for skipped rows: every row then sees the same data
            x = rng.standard_normal((T, n_in))
            grad = rng.standard_normal((T, H))
            if not only & {"forward", "backward"}:
                continue
            module = getattr(torch.nn, kind)(n_in, H, dtype=torch.float64)
            net = getattr(gates, kind).from_torch(module)
            xt = torch.from_numpy(x)

            def torch_forward(module: torch.nn.Module = module, xt: torch.Tensor = xt) -> None:
                with torch.no_grad():
                    module(xt)

            if "forward" in only:
                t_eng, t_ref = compare(lambda: net.trace(x), torch_forward)  # noqa: B023
                print(row(f"(a) forward {kind} T={T} in={n_in} H={H}", t_eng, t_ref,
                          TARGETS["forward"]))
            if "backward" not in only:
                continue

            tr = net.trace(x)
            try:
                gates.backward(tr, grad)
                t_bwd: float | None = median_time(lambda: gates.backward(tr, grad))  # noqa: B023
            except NotImplementedError:
                t_bwd = None
            xg = torch.from_numpy(x.copy()).requires_grad_(True)
            gt = torch.from_numpy(grad)
            t_ref_bwd = []
            for _ in range(8):  # time output.backward alone; the forward is not counted
                out, _ = module(xg)
                start = clock()
                out.backward(gt)
                t_ref_bwd.append(clock() - start)
            print(row(f"(b) backward {kind} T={T} in={n_in} H={H}", t_bwd,
                      statistics.median(t_ref_bwd[1:]), TARGETS["backward"]))
    for kind in ("GRU", "LSTM") if "sweep" in only else ():
        for H in (2, 16):
            T, n_in, V = 200, 1, 64
            net = getattr(gates, kind)(n_in, H, seed=1)
            x = rng.standard_normal((T, n_in))
            sds = [getattr(gates, kind)(n_in, H, seed=s).state_dict() for s in range(V)]
            t_sweep, t_one = compare(lambda: gates.sweep(net, x, sds),  # noqa: B023
                                     lambda: net.trace(x))  # noqa: B023
            print(row(f"(c) sweep {V} {kind} T={T} in={n_in} H={H}", t_sweep, t_one,
                      TARGETS["sweep"]))
    cases = [kv for kv in kinds.VARIANTS if kv[1] != "standard" or kv[0] == "mgu"]
    for kind, variant in cases if "variants" in only else ():
        standard = "gru" if kind == "mgu" else kind  # the MGU is a GRU with one gate fewer
        for T, n_in, H in SIZES:
            x = np.random.default_rng(1).standard_normal((T, n_in))
            net = single_cell(kind, n_in, H, seed=1, variant=variant)
            ref_net = single_cell(standard, n_in, H, seed=1)
            t_var, t_std = compare(lambda: net.trace(x), lambda: ref_net.trace(x))  # noqa: B023
            print(row(f"(d) {kind} {variant} T={T} in={n_in} H={H}", t_var, t_std,
                      TARGETS["variants"]))
    print("ratio = gates / reference; reference = torch (a, b), one gates trace (c), "
          "the standard cell's trace (d)")


if __name__ == "__main__":
    main()
