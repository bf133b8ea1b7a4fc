"""Benchmark: the mean-field solver of Eq. 4 of Churkin et al. (2013) vs a damped-Jacobi baseline.

Both solve the same TLS-glass realizations (W = J = 1, T = 0.05 as in Fig. 1, same start),
one after the other in the same process, single-threaded:

* **ours** -- :func:`tlspaper.meanfield.solve_mean_field`: sequential (Gauss-Seidel) updates in
  a Numba kernel; after each update the fields of all sites are corrected by C[i] * dm (O(N) per
  update, O(N²) per sweep), and updates whose tanh did not change are skipped.
* **baseline** -- what one writes first: x <- (1 - a) x + a (b + C @ tanh(x / 2T)) with numpy
  (BLAS matvec), damping a = 0.5, until the largest change is below the same tolerance or
  2000 iterations.  At low T the parallel update oscillates between competing states of
  strongly coupled pairs, so it may not converge at all.

Also prints the cost of building one realization (positions, distances, couplings: O(N²)) and
of one electron-glass spectrum (``scipy.linalg.eigh`` of the symmetrised rate matrix), which
set the realization counts of the cached datasets.

Usage: ``OMP_NUM_THREADS=1 python benchmarks/bench_meanfield.py [--N 1000 2000 4000]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from tlspaper import electron_glass as eg
from tlspaper import meanfield as mf
from tlspaper.papers.churkin2013 import DELTA0_RANGE


def baseline(b, C, T, x0, tol=1e-9, max_iter=2000, damping=0.5):
    x = x0.copy()
    for it in range(1, max_iter + 1):
        new = (1 - damping) * x + damping * (b + C @ np.tanh(x / (2 * T)))
        change = np.max(np.abs(new - x))
        x = new
        if change < tol:
            return x, it, True
    return x, max_iter, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, nargs="+", default=[1000, 2000, 4000])
    ap.add_argument("--T", type=float, default=0.05)
    args = ap.parse_args()
    mf.solve_mean_field([1.0, 0.0], [[0, 0.5], [0.5, 0]], 0.1)  # compile
    mf.tls_glass(10, 1.0, 1.0, np.random.default_rng(0), DELTA0_RANGE)
    print(f"{'N':>6} {'build s':>8} {'ours s':>8} {'sweeps':>6} {'conv':>5} "
          f"{'base s':>8} {'iters':>6} {'conv':>5} {'base/ours':>9} {'max|dx|':>9}")
    for N in args.N:
        rng = np.random.default_rng(N)
        t0 = time.perf_counter()
        g = mf.tls_glass(N, 1.0, 1.0, rng, DELTA0_RANGE)
        t_build = time.perf_counter() - t0
        x0 = rng.uniform(-1.4, 1.4, N)
        t0 = time.perf_counter()
        sol = mf.solve_mean_field(g.delta, g.coupling, args.T, x0=x0)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        xb, it, conv = baseline(g.delta, g.coupling, args.T, x0)
        t_base = time.perf_counter() - t0
        dx = float(np.max(np.abs(xb - sol.x))) if conv else float("nan")
        print(f"{N:>6} {t_build:8.2f} {t_ours:8.3f} {sol.sweeps:>6} {sol.converged!s:>5} "
              f"{t_base:8.3f} {it:>6} {conv!s:>5} {t_base / t_ours:9.1f} {dx:9.2g}")
    for N in (100, 1000):
        rng = np.random.default_rng(1)
        t0 = time.perf_counter()
        eg.solve_electron_glass(N, 1.0, 1.0, 0.1, rng, xi=0.1)
        print(f"electron glass N = {N}: mean field + eigh {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
