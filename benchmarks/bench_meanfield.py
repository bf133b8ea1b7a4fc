"""Benchmark: the mean-field realizations of Churkin et al. (2013), new solver vs the previous one.

Both codes draw and solve the *same* realizations (same seeds, same equations, same Gauss-Seidel
order), one after the other in the same process, single-threaded, for the TLS glass (Eq. 4,
W = J = 1, T = 0.05 as in Fig. 1) and the electron glass (Eq. 20, W = J = 1, T = 0.05 as in
Fig. 8), by default at N = 10 000:

* **previous** (``previous_*`` below, the code of tlspaper before this change): the N x N
  minimum-image distance matrix, float64 couplings computed from it, Gauss-Seidel sweeps over the
  float64 matrix; for the electron-glass rate spectrum the numpy rate matrix (all pairs, in
  logarithms) and LAPACK ``eigh``.
* **new** (:func:`tlspaper.meanfield.solve_tls_glass`, :func:`tlspaper.electron_glass.
  solve_electron_glass`): float32 couplings built straight from the positions (no distance
  matrix; half the memory and half the traffic of each sweep), float64 accumulation of the
  fields; the rate matrix in one compiled pass over pairs (each pair once, pairs beyond 100 ξ
  skipped); the same ``eigh``.

It prints the time of each, their ratio, the largest difference of the energies (the float32
rounding of the couplings) and the sweeps, and the time per realization of every dataset
configuration kind at N = 1000 (for the regeneration budget in benchmarks/README.md).

Usage: ``NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1 python benchmarks/bench_meanfield.py [--N 10000]``.
"""

from __future__ import annotations

import argparse
import math
import time

import numba
import numpy as np

from tlspaper import electron_glass as eg
from tlspaper import meanfield as mf
from tlspaper.papers.churkin2013 import DATASETS, DELTA0_RANGE


@numba.njit(cache=True)
def _previous_dipolar(dist, seed, scale):
    np.random.seed(seed)  # noqa: NPY002
    n = dist.shape[0]
    C = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            c = scale * np.random.standard_normal() / dist[i, j] ** 3  # noqa: NPY002
            C[i, j] = c
            C[j, i] = c
    return C


def previous_tls(N, W, J, T, rng, convention):
    """The previous TLS-glass realization: distance matrix, float64 couplings, Gauss-Seidel."""
    pos, L = mf.random_sites(N, 3, rng, convention=convention)
    delta = rng.normal(0.0, W, N)
    delta0 = np.exp(rng.uniform(np.log(DELTA0_RANGE[0]), np.log(DELTA0_RANGE[1]), N))
    dist = mf.periodic_distances(pos, L)
    C = _previous_dipolar(dist, int(rng.integers(2**31 - 1)), 0.25 * J)
    del dist
    s = math.hypot(W, J)
    sol = mf.solve_mean_field(delta, C, T, x0=rng.uniform(-s, s, N))
    return mf.excitation_energies(sol.x, delta0), sol.sweeps


def previous_eg(N, W, J, T, rng, convention, xi=None):
    """The previous electron-glass realization (float64 distance and coupling matrices)."""
    pos, L = mf.random_sites(N, 2, rng, convention=convention)
    eps = rng.uniform(-W / 2, W / 2, N)
    dist = mf.periodic_distances(pos, L)
    s = max(W, J)
    sol = mf.solve_mean_field(eps, eg.coulomb_coupling(dist, J), T, x0=rng.uniform(-s, s, N))
    rates = None
    if xi is not None:
        rates = eg._decay_rates(eg.symmetrized_rate_matrix(sol.x, dist, T, xi), True)
    return sol.x, sol.sweeps, rates


def _timed(f, *a, **k):
    t0 = time.perf_counter()
    out = f(*a, **k)
    return time.perf_counter() - t0, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--N", type=int, default=10000)
    ap.add_argument("--convention", default=mf.DEFAULT_CONVENTION, choices=mf.CONVENTIONS)
    ap.add_argument("--per-config", type=int, default=5,
                    help="realizations timed per N = 1000 configuration kind")
    args = ap.parse_args()
    N, conv = args.N, args.convention
    # compile everything first
    previous_tls(50, 1.0, 1.0, 0.05, np.random.default_rng(0), conv)
    previous_eg(50, 1.0, 1.0, 0.05, np.random.default_rng(0), conv, xi=0.1)
    mf.solve_tls_glass(50, 1.0, 1.0, 0.05, np.random.default_rng(0), DELTA0_RANGE)
    eg.solve_electron_glass(50, 1.0, 1.0, 0.05, np.random.default_rng(0), xi=0.1)
    print(f"N = {N}, {conv} density convention, one thread")
    print(f"{'glass':>6} {'previous s':>11} {'new s':>8} {'ratio':>6} {'sweeps':>11} "
          f"{'max|dE|':>9}")
    t_old, (E_old, sw_old) = _timed(previous_tls, N, 1.0, 1.0, 0.05,
                                    np.random.default_rng(1), conv)
    t_new, res = _timed(mf.solve_tls_glass, N, 1.0, 1.0, 0.05, np.random.default_rng(1),
                        DELTA0_RANGE, convention=conv)
    print(f"{'TLS':>6} {t_old:11.2f} {t_new:8.2f} {t_old / t_new:6.2f} "
          f"{sw_old:>5}/{res.sweeps:<5} {np.max(np.abs(E_old - res.E)):9.2g}", flush=True)
    t_old, (E_old, sw_old, _) = _timed(previous_eg, N, 1.0, 1.0, 0.05,
                                       np.random.default_rng(1), conv)
    t_new, out = _timed(eg.solve_electron_glass, N, 1.0, 1.0, 0.05, np.random.default_rng(1),
                        convention=conv)
    print(f"{'EG':>6} {t_old:11.2f} {t_new:8.2f} {t_old / t_new:6.2f} "
          f"{sw_old:>5}/{out['sweeps']:<5} {np.max(np.abs(E_old - out['E'])):9.2g}", flush=True)
    # N = 1000 electron glass with its rate spectrum (Table I datasets)
    t_old, (E_old, _, r_old) = _timed(previous_eg, 1000, 1.0, 1.0, 0.1,
                                      np.random.default_rng(2), conv, xi=0.1)
    t_new, out = _timed(eg.solve_electron_glass, 1000, 1.0, 1.0, 0.1, np.random.default_rng(2),
                        xi=0.1, convention=conv)
    ok = r_old > 1e-12
    print(f"{'EG1000':>6} {t_old:11.3f} {t_new:8.3f} {t_old / t_new:6.2f} {'':>11} "
          f"{np.max(np.abs(E_old - out['E'])):9.2g}  (with rates; max |Δ ln λ| = "
          f"{np.max(np.abs(np.log(r_old[ok]) - np.log(out['rates'][ok]))):.1g})")
    print("\nseconds per realization of the dataset configurations (new solver):")
    for name, spec in DATASETS.items():
        if "lattice" in name:
            continue
        cfg = spec.configs[0]
        n = 1 if cfg["N"] >= 10000 else args.per_config
        t0 = time.perf_counter()
        for r in range(n):
            spec.solver(dict(cfg), np.random.default_rng(r), r)
        per = (time.perf_counter() - t0) / n
        total = per * sum(spec.realizations)
        print(f"  {name:<32} {cfg['label']:<22} {per:7.3f} s  -> {total / 60:6.1f} min for "
              f"all {sum(spec.realizations)} realizations (configurations alike)")


if __name__ == "__main__":
    main()
