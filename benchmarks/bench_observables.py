"""Benchmark: least-squares fit of a 30-point δv/v(T) curve in (A, C, μ) -- ours vs scipy quad.

Both fits run in the same process, one after the other, on the same data (the registered
synthetic curve ``dv_v_synthetic_fig5a_parameters.csv``: 30 temperatures 0.02-2 K), with the
same model (Eqs. 7 + 8 with the DOS of Eq. 3, free A, C, μ and offset), the same starting
point and ``scipy.optimize.least_squares``:

* **ours** -- :func:`tlspaper.velocity_fit.fit_velocity`: composite Gauss-Legendre quadrature
  (vectorised, numba kernel for the closed-form x integral of Eq. 8), Jacobian with the
  columns of the linear parameters C and offset in closed form.
* **baseline** -- the same model with every energy integral done by ``scipy.integrate.quad``
  (epsrel 1e-10; the x integral of Eq. 8 still in closed form, which already spares the
  baseline a nested quad) and the default 2-point finite-difference Jacobian.

Usage: ``python benchmarks/bench_observables.py [--repeat 5] [--json out.json]``.  Prints the
fit times (median of `repeat` runs for ours, one run for the baseline), their ratio, the
single model-evaluation times, and the largest parameter difference between the two fits.
"""

from __future__ import annotations

import argparse
import json
import math
import time

import numpy as np
from scipy import integrate
from scipy.optimize import least_squares

from tlspaper import observables as ob
from tlspaper import velocity_fit as vf
from tlspaper.dos import PowerLawDOS

DATA = "dv_v_synthetic_fig5a_parameters.csv"


def quad_velocity(T, omega, A, mu, cutoff=ob.RESONANT_CUTOFF):
    """δv/v per unit C at temperatures T [K] by scipy quad (Eq. 7 + Eq. 8)."""
    dos = PowerLawDOS(mu)
    t0c = omega / A
    out = np.empty(len(T))
    for i, t in enumerate(T):
        pts = [t * s for s in (0.5, 2.0, 8.0, 32.0)]

        def res(E, t=t):
            return float(dos(t, E)) * math.tanh(E / (2 * t)) / E

        def rel(E, t=t):
            r = t0c / (E**3 / math.tanh(E / (2 * t)))
            g = float(ob.relaxation_x_integral(r))
            return float(dos(t, E)) * g / (2 * t * math.cosh(E / (2 * t)) ** 2)

        v_res = integrate.quad(res, 0, cutoff, points=pts + [1.0, 10.0], limit=500,
                               epsabs=0, epsrel=1e-10)[0]
        v_rel = integrate.quad(rel, 0, ob.X_MAX * t, points=pts, limit=500, epsabs=0,
                               epsrel=1e-10)[0]
        out[i] = -(v_res + v_rel)
    return out


def baseline_fit(T, y, sigma, omega, x0):
    """The same fit with the quad model and a 2-point finite-difference Jacobian."""
    T_ref = float(T.min())
    grid = np.append(T, T_ref)

    def residuals(x):
        logA, C, mu, off = x
        u = quad_velocity(grid, omega, math.exp(logA), mu)
        return (C * (u[:-1] - u[-1]) + off - y) / sigma

    sol = least_squares(residuals, x0, bounds=([-np.inf, -np.inf, -0.9, -np.inf],
                                               [np.inf, np.inf, 2.0, np.inf]),
                        method="trf", x_scale="jac", xtol=1e-12, ftol=1e-12, gtol=1e-12)
    logA, C, mu, off = sol.x
    return {"A": math.exp(logA), "C": C, "mu": mu, "offset": off, "nfev": sol.nfev}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", default=None, help="write the results to this JSON file")
    args = parser.parse_args(argv)

    curve = vf.load_curve(DATA)
    T, y, sigma, omega = curve.T, curve.y, curve.sigma, curve.omega
    assert T.size == 30
    vf.fit_velocity(T, y, sigma, omega)  # JIT compile / warm up

    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        fit = vf.fit_velocity(T, y, sigma, omega)
        times.append(time.perf_counter() - t)
    ours = float(np.median(times))

    # one model evaluation (30 temperatures + T_ref) each way
    t = time.perf_counter()
    vf.velocity_model(T, omega, fit.values["A"], 1.0, fit.values["mu"], T_ref=T.min())
    eval_ours = time.perf_counter() - t
    t = time.perf_counter()
    quad_velocity(np.append(T, T.min()), omega, fit.values["A"], fit.values["mu"])
    eval_base = time.perf_counter() - t

    # the same starting point as fit_velocity: A from the maximum, μ = 0.1, C and offset linear
    t_ext = float(T[np.argmax(y)])
    a0, mu0 = omega / t_ext**3, 0.1
    u = quad_velocity(np.append(T, T.min()), omega, a0, mu0)
    design = np.column_stack([u[:-1] - u[-1], np.ones(T.size)]) / sigma[:, None]
    (c0, off0), *_ = np.linalg.lstsq(design, y / sigma, rcond=None)
    t = time.perf_counter()
    base = baseline_fit(T, y, sigma, omega, np.array([math.log(a0), c0, mu0, off0]))
    baseline = time.perf_counter() - t

    diff = max(abs(base[k] - fit.values[k]) / fit.errors[k] for k in ("A", "C", "mu"))
    res = {
        "points": int(T.size),
        "fit_seconds_ours": ours,
        "fit_seconds_baseline": baseline,
        "ratio": baseline / ours,
        "model_evaluations_ours": fit.evaluations,
        "model_evaluations_baseline": int(base["nfev"]),
        "model_eval_seconds_ours": eval_ours,
        "model_eval_seconds_baseline": eval_base,
        "eval_ratio": eval_base / eval_ours,
        "max_param_difference_in_sigma": diff,
        "fit": {k: fit.values[k] for k in ("A", "C", "mu")},
    }
    print(f"30-point δv/v fit in (A, C, mu, offset) on {DATA}")
    print(f"  ours (Gauss-Legendre + numba) : {ours:8.3f} s  (median of {args.repeat}; "
          f"{fit.evaluations} model evaluations)")
    print(f"  baseline (scipy quad)         : {baseline:8.3f} s  ({base['nfev']} residual "
          "evaluations + finite-difference Jacobians)")
    print(f"  ratio baseline / ours         : {baseline / ours:8.1f}")
    print(f"  one model evaluation          : ours {eval_ours * 1e3:.2f} ms, baseline "
          f"{eval_base * 1e3:.0f} ms, ratio {eval_base / eval_ours:.0f}")
    print(f"  fits agree: max |Δparam| = {diff:.2g} σ; ours A = {fit.values['A']:.4g}, "
          f"C = {fit.values['C']:.4g}, mu = {fit.values['mu']:.4f}")
    print(f"  target < 1 s: {'met' if ours < 1.0 else 'NOT met'}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(res, fh, indent=1)
    return res


if __name__ == "__main__":
    main()
