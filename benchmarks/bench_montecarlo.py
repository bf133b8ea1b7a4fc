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

The cost of the zero-temperature single-plus-pair quench (``RunParams(quench=True)``) is
measured side by side too: the same realizations annealed without and with the quench stage,
alternating, on one thread, and the quench kernel alone on the annealed states
(``--quench-only`` skips the baseline comparison; ``--quench-json`` writes these figures).
"""

from __future__ import annotations

import argparse
import dataclasses
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


def run_quench_cost(params: mc.RunParams, n: int, repeats: int = 2) -> dict:
    """CPU seconds per realization, anneal vs anneal + quench (1 thread, alternating), and the
    quench alone on the annealed states; pair and single flips it made.

    CPU time of this process (``time.process_time``), not wall time: on a machine shared with
    other jobs, time slices lost to them would otherwise swamp the sub-per-cent difference.
    """
    plain = dataclasses.replace(params, quench=False)
    quenched = dataclasses.replace(params, quench=True)
    numba.set_num_threads(1)
    for p in (plain, quenched):  # compile / warm up
        mc.simulate_chunk(p, 10**6, 1, parallel=False)
    t_plain = t_quench = 0.0
    flips = None
    for _ in range(repeats):
        t0 = time.process_time()
        mc.simulate_chunk(plain, 0, n, parallel=False)
        t1 = time.process_time()
        res = mc.simulate_chunk(quenched, 0, n, parallel=False)
        t2 = time.process_time()
        t_plain += t1 - t0
        t_quench += t2 - t1
        flips = res["quench"]
    alone = 0.0
    r = mc.anneal_realization(plain, 0)
    mc.quench_state(r["J"], r["h"], r["tau"])  # load the compiled kernel
    for k in range(n):
        r = mc.anneal_realization(plain, k)
        t0 = time.process_time()
        mc.quench_state(r["J"], r["h"], r["tau"])
        alone += time.process_time() - t0
    reals = n * repeats
    return {
        "L": params.model.L, "n_tls": params.model.n_tls, "realizations": reals,
        "anneal_s_per_realization": t_plain / reals,
        "anneal_quench_s_per_realization": t_quench / reals,
        "ratio": t_quench / t_plain,
        "quench_alone_s_per_realization": alone / n,
        "quench_alone_fraction_of_anneal": alone / n / (t_plain / reals),
        "pair_flips_mean": float(flips[:, 1].mean()), "pair_flips_max": int(flips[:, 1].max()),
        "single_flips_mean": float(flips[:, 0].mean()),
    }


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
    ap.add_argument("--quench-only", action="store_true",
                    help="only the anneal vs anneal + quench comparison")
    ap.add_argument("--quench-realizations", type=int, default=None,
                    help="realizations per repeat of the quench comparison (default 4 / 16)")
    ap.add_argument("--quench-json", default=None, help="write the quench figures here")
    args = ap.parse_args()
    threads = numba.config.NUMBA_NUM_THREADS
    out = {"threads": threads, "cpu_count": numba.config.NUMBA_DEFAULT_NUM_THREADS}
    qout = {"threads": 1, "cpu_count": numba.config.NUMBA_DEFAULT_NUM_THREADS,
            "J0": args.J0}
    for L in args.L:
        params = mc.RunParams(mc.Model(L=L, J0=args.J0))
        q = run_quench_cost(params, args.quench_realizations or (4 if L >= 12 else 16))
        qout[f"L{L}"] = q
        print(f"\nL = {L} (N = {q['n_tls']}), J0 = {args.J0:g} K, 1 thread, "
              f"{q['realizations']} realizations each, alternating:")
        print(f"  anneal            {q['anneal_s_per_realization']:8.4f} CPU s/realization")
        print(f"  anneal + quench   {q['anneal_quench_s_per_realization']:8.4f} CPU s/realization"
              f"   ratio {q['ratio']:.4f}")
        print(f"  quench alone      {q['quench_alone_s_per_realization'] * 1e3:8.3f} "
              f"CPU ms/realization ({q['pair_flips_mean']:.2f} pair flips, "
              f"{q['single_flips_mean']:.2f} single flips per realization), "
              f"{100 * q['quench_alone_fraction_of_anneal']:.2f} % of the anneal")
    if args.quench_json:
        with open(args.quench_json, "w") as fh:
            json.dump(qout, fh, indent=1)
    if args.quench_only:
        return
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
