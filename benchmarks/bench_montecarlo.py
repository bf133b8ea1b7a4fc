"""Benchmark: the Monte Carlo DOS engine vs a straightforward float64 Numba Metropolis baseline.

Both run the same model, schedule (43 stages x 257 sweeps) and measurement in the same
process, one after the other.  The baseline is what one would write first: float64 couplings,
one random site per attempt (numba's np.random), exp() on every uphill attempt, all N local
fields updated on every accepted flip, single thread.  The engine (tlspaper.montecarlo):
float32 couplings, sequential sweeps, inline SplitMix64 random numbers, no random number for
uphill moves whose acceptance is below 2^-53, Numba threads over realizations.

Usage: ``python benchmarks/bench_montecarlo.py [--L 8 12] [--json out.json]``.  Prints, per L,
attempted flips/s, accepted-flip field updates/s (accepted flips x N per second) and seconds
per realization for both, and the ratio of realizations per second.
"""

from __future__ import annotations

import argparse
import json
import math
import time

import numba
import numpy as np
from numba import njit

from tlspaper import montecarlo as mc


@njit(cache=True)
def _baseline_realization(J, h, temps, sweeps, gscale, gstep, counts, seed):
    np.random.seed(seed)  # noqa: NPY002 (numba's per-thread legacy generator: the naive choice)
    n = h.size
    tau = np.where(np.random.random(n) < 0.5, -1.0, 1.0)  # noqa: NPY002
    f = h + J @ tau
    accepted = 0
    nbins = counts.shape[1]
    for t in range(temps.size):
        T = temps[t]
        for _ in range(sweeps * n):
            i = np.random.randint(n)  # noqa: NPY002
            dE = -2.0 * tau[i] * f[i]
            if dE <= 0.0 or np.random.random() < math.exp(-dE / T):  # noqa: NPY002
                c = -2.0 * tau[i]
                tau[i] = -tau[i]
                for j in range(n):
                    f[j] += c * J[i, j]
                accepted += 1
        for i in range(n):
            e = abs(2.0 * tau[i] * f[i])
            b = int(math.asinh(e / gscale) / gstep)
            if b < nbins:
                counts[t, b] += 1
    return accepted


def run_baseline(params: mc.RunParams, n: int) -> dict:
    """Time `n` baseline realizations (disorder generation included)."""
    temps = np.asarray(params.temperatures)
    counts = np.zeros((temps.size, len(params.edges) - 1), np.int64)
    _, h, J = mc.make_realization(mc.Model(L=2, J0=1.0), 0, 0)  # compile on a tiny system
    _baseline_realization(J.astype(float), h, temps[-1:], 1, 0.05, 0.02, counts[-1:], 0)
    accepted = 0
    t0 = time.perf_counter()
    for k in range(n):
        _, h, J = mc.make_realization(params.model, params.seed, k)
        accepted += _baseline_realization(
            J.astype(np.float64), h, temps, params.sweeps, params.grid_scale, params.grid_step,
            counts, k,
        )
    return {"seconds": time.perf_counter() - t0, "realizations": n, "accepted": accepted}


def run_engine(params: mc.RunParams, n: int, threads: int) -> dict:
    """Time `n` engine realizations with `threads` Numba threads."""
    numba.set_num_threads(threads)
    mc.simulate_chunk(params, 10**6, threads, parallel=True)  # compile / warm up
    t0 = time.perf_counter()
    res = mc.simulate_chunk(params, 0, n, parallel=True)
    return {"seconds": time.perf_counter() - t0, "realizations": n,
            "accepted": int(res["accepted"].sum())}


def figures(run: dict, params: mc.RunParams) -> dict:
    """Attempted flips/s, accepted-flip field updates/s, s/realization."""
    N = params.model.n_tls
    attempts = run["realizations"] * len(params.temperatures) * params.sweeps * N
    return {
        "flips_per_s": attempts / run["seconds"],
        "field_updates_per_s": run["accepted"] * N / run["seconds"],
        "s_per_realization": run["seconds"] / run["realizations"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--L", type=int, nargs="+", default=[8, 12])
    ap.add_argument("--J0", type=float, default=2.0)
    ap.add_argument("--baseline-realizations", type=int, default=None)
    ap.add_argument("--realizations", type=int, default=None)
    ap.add_argument("--json", default=None, help="write the figures to this JSON file")
    args = ap.parse_args()
    threads = numba.config.NUMBA_NUM_THREADS
    out = {"threads": threads, "cpu_count": numba.config.NUMBA_DEFAULT_NUM_THREADS}
    for L in args.L:
        params = mc.RunParams(mc.Model(L=L, J0=args.J0))
        nb = args.baseline_realizations or (4 if L >= 12 else 16)
        ne = args.realizations or 8 * nb
        base = figures(run_baseline(params, nb), params)
        one = figures(run_engine(params, ne // 2, 1), params)
        ours = figures(run_engine(params, ne, threads), params)
        ratio = base["s_per_realization"] / ours["s_per_realization"]
        ratio1 = base["s_per_realization"] / one["s_per_realization"]
        print(f"\nL = {L} (N = {params.model.n_tls} TLSs, {len(params.temperatures)} stages x "
              f"{params.sweeps} sweeps), J0 = {args.J0:g} K")
        print(f"{'':28s}{'attempted flips/s':>20s}{'field updates/s':>18s}{'s/realization':>15s}")
        for name, fig in (("baseline (float64, 1 thread)", base),
                          ("engine, 1 thread", one), (f"engine, {threads} threads", ours)):
            print(f"{name:28s}{fig['flips_per_s']:20.3e}{fig['field_updates_per_s']:18.3e}"
                  f"{fig['s_per_realization']:15.4f}")
        print(f"speed-up in realizations/s: {ratio1:.2f}x on 1 thread, "
              f"{ratio:.2f}x on {threads} threads")
        out[f"L{L}"] = {"baseline": base, "engine_1thread": one, "engine": ours,
                        "ratio": ratio, "ratio_1thread": ratio1}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
