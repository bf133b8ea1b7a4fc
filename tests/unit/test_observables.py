"""κ, C, δv/v, δε/ε and the δv/v fit: adaptive-quadrature references, analytic limits, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from tlspaper import observables as ob
from tlspaper.data import DataError
from tlspaper.dos import PowerLawDOS, TabulatedDOS

TEMPS = (0.01, 0.1, 1.0, 10.0)
RTOL = 1e-6


class GappedDOS:
    """A smooth DOS that is not a power law: a soft gap below 0.3 K, decaying above 15 K."""

    def __call__(self, T, E):
        E = np.asarray(E, dtype=float)
        return (0.2 + E**2 / (E**2 + 0.09)) / (1 + (E / 15.0) ** 2) * (1 + 0.1 * T)


DOSES = [PowerLawDOS(0.0, B=0.7), PowerLawDOS(0.25, B=0.02), GappedDOS()]


def quad(f, a, b, T, extra=()):
    """Adaptive reference: scipy quad, tight tolerance, break points at thermal scales."""
    pts = sorted({p for p in [T * s for s in (0.25, 0.5, 1, 2, 4, 8, 16, 32)] + list(extra)
                  if a < p < b})
    return integrate.quad(f, a, b, epsabs=0, epsrel=1e-11, limit=2000, points=pts or None)[0]


# ------------------------------------------------------------------------------ the TLS rate
def test_one_phonon_rate_hand_values_and_limits():
    # A x² E³ coth(E/2T): E = 2 K, T = 1 K, x = 0.5 -> 1e6 * 0.25 * 8 * coth(1)
    assert ob.one_phonon_rate(2.0, 1.0, 1e6, x=0.5) == pytest.approx(2e6 / math.tanh(1.0))
    # E -> 0: E³ coth(E/2T) -> 2 T E² -> 0; small E: 2 A T E²
    assert ob.one_phonon_rate(0.0, 0.3, 5.0) == 0.0
    assert ob.one_phonon_rate(1e-6, 0.5, 1.0) == pytest.approx(2 * 0.5 * 1e-12, rel=1e-9)
    # broadcasting over E and x
    r = ob.one_phonon_rate(np.array([[1.0], [2.0]]), 0.1, 1.0, x=np.array([0.0, 1.0]))
    assert r.shape == (2, 2) and r[0, 0] == 0.0 and r[1, 1] == pytest.approx(8.0)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"E": -1.0, "T": 1.0, "A": 1.0}, "E .* >= 0, got -1.0"),
     ({"E": 1.0, "T": 0.0, "A": 1.0}, r"T \(temperature, K\) must be finite and > 0, got 0.0"),
     ({"E": 1.0, "T": 1.0, "A": -2.0}, "A .* >= 0"),
     ({"E": 1.0, "T": 1.0, "A": 1.0, "x": 1.5}, r"x = Delta0/E must lie in \[0, 1\]")],
)
def test_one_phonon_rate_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ob.one_phonon_rate(**kwargs)


def test_crossover_temperature():
    assert ob.crossover_temperature(90e3, 9.4e6) == pytest.approx((90e3 / 9.4e6) ** (1 / 3))
    with pytest.raises(ValueError, match="omega must be a finite number > 0, got -1"):
        ob.crossover_temperature(-1.0, 1.0)


# ------------------------------------------------------------------------------ inner x integral
@pytest.mark.parametrize("r", [1e-9, 1e-3, 0.3, 1.0, 5.0, 7.99, 8.01, 40.0, 1e3])
def test_relaxation_x_integral_matches_quad(r):
    ref = integrate.quad(lambda x: math.sqrt(1 - x * x) / x / (1 + r * r / x**4), 0, 1,
                         epsabs=0, epsrel=1e-13, limit=500, points=[min(math.sqrt(r), 0.5)])[0]
    assert float(ob.relaxation_x_integral(r)) == pytest.approx(ref, rel=1e-10)


def test_relaxation_x_integral_limits():
    r = 1e-10
    assert float(ob.relaxation_x_integral(r)) == pytest.approx(0.5 * math.log(4 / r) - 1, abs=1e-8)
    r = 1e5  # ∫ x³ sqrt(1-x²) dx / r² = 2/(15 r²)
    assert float(ob.relaxation_x_integral(r)) == pytest.approx(2 / (15 * r * r), rel=1e-9)


# ------------------------------------------------------------------------------ vs adaptive quad
@pytest.mark.parametrize("dos", DOSES, ids=["stm", "mu0.25", "gapped"])
@pytest.mark.parametrize("T", TEMPS)
def test_specific_heat_and_kappa_match_quad(dos, T):
    up = 60 * T
    c_ref = quad(lambda E: dos(T, E) * E * E / (4 * T * T * math.cosh(E / (2 * T)) ** 2), 0, up, T)
    assert float(ob.specific_heat(T, dos)) == pytest.approx(c_ref, rel=RTOL)

    def kern(E):
        return E**3 / (T * T * math.sinh(E / (2 * T)) ** 2 * math.tanh(E / (2 * T)))

    k_ref = quad(lambda E: kern(E) / dos(T, E), 0, up, T)
    assert float(ob.thermal_conductivity(T, dos)) == pytest.approx(k_ref, rel=RTOL)

    def cumulative(E):
        return quad(lambda e: float(dos(T, e)), 0, E, T)

    a1_ref = quad(lambda E: E * kern(E) / cumulative(E), 0, up, T)
    assert float(ob.thermal_conductivity(T, dos, "Delta")) == pytest.approx(a1_ref, rel=RTOL)


@pytest.mark.parametrize("dos", DOSES, ids=["stm", "mu0.25", "gapped"])
@pytest.mark.parametrize("T", TEMPS)
def test_velocity_integrals_match_quad(dos, T):
    cut = 100.0
    res_ref = -quad(lambda E: dos(T, E) * math.tanh(E / (2 * T)) / E, 0, cut, T,
                    extra=np.geomspace(T, cut, 25))
    assert float(ob.velocity_shift_resonant(T, dos, cutoff=cut)) == pytest.approx(res_ref,
                                                                                 rel=RTOL)
    for omega, A in [(1e3, 1.25e5), (1e3, 1e7)]:  # T0 = 0.2 K and 0.0464 K
        t0c = omega / A

        def f(E, t0c=t0c):
            r = t0c / (E**3 / math.tanh(E / (2 * T)))
            return dos(T, E) / (2 * T * math.cosh(E / (2 * T)) ** 2) * float(
                ob.relaxation_x_integral(r))

        er = ob._omega_tau_energy(T, t0c)
        ref = -quad(f, 0, 60 * T, T, extra=er * 2.0 ** np.arange(-8, 9))
        got = float(ob.velocity_shift_relaxation(T, dos, omega, A))
        assert got == pytest.approx(ref, rel=RTOL)


@pytest.mark.parametrize("dos", DOSES[1:], ids=["mu0.25", "gapped"])
@pytest.mark.parametrize("T", [0.01, 1.0, 10.0])
def test_relaxation_a2_matches_nested_quad(dos, T):
    omega, A = 1e3, 1.25e5
    t0c = omega / A

    def inner(E):
        r = t0c / (E**3 / math.tanh(E / (2 * T)))
        return integrate.quad(
            lambda u: 0.5 * math.sqrt(1 - u) * float(dos(T, E * math.sqrt(1 - u))) * u
            / (u * u + r * r), 0, 1, epsabs=0, epsrel=1e-10, limit=500, points=[min(r, 0.5)])[0]

    er = ob._omega_tau_energy(T, t0c)
    ref = -quad(lambda E: inner(E) / (2 * T * math.cosh(E / (2 * T)) ** 2), 0, 60 * T, T,
                extra=er * 2.0 ** np.arange(-6, 7))
    got = float(ob.velocity_shift_relaxation(T, dos, omega, A, interpretation="Delta"))
    assert got == pytest.approx(ref, rel=RTOL)


def test_tabulated_dos_matches_quad_with_breakpoints():
    rng = np.random.default_rng(3)
    edges = np.concatenate(([0.0], np.geomspace(0.002, 200.0, 120)))
    density = rng.uniform(0.5, 1.5, (1, 120)) * 0.01
    dos = TabulatedDOS([0.2], edges, density)
    T = 0.2
    pts = list(dos.centres[dos.centres < 12.0])
    c_ref = integrate.quad(lambda E: dos(T, E) * E * E / (4 * T * T * math.cosh(E / (2 * T)) ** 2),
                           0, 12.0, points=pts, limit=5000, epsabs=0, epsrel=1e-11)[0]
    assert float(ob.specific_heat(T, dos)) == pytest.approx(c_ref, rel=RTOL)
    pts = list(dos.centres)
    res_ref = -integrate.quad(lambda E: dos(T, E) * math.tanh(E / (2 * T)) / E, 0, 200.0,
                              points=pts, limit=5000, epsabs=0, epsrel=1e-11)[0]
    # the DOS is zero above its last edge (200 K): the default 100 K cutoff applies first
    assert float(ob.velocity_shift_resonant(T, dos, cutoff=1e3)) == pytest.approx(res_ref,
                                                                                 rel=RTOL)


# ------------------------------------------------------------------------------ analytic limits
def test_stm_kappa_t2_and_specific_heat_t():
    T = np.array([0.01, 0.1, 1.0, 10.0])
    stm = PowerLawDOS(0.0, B=0.5)
    k = ob.thermal_conductivity(T, stm)
    np.testing.assert_allclose(k / T**2, k[0] / T[0] ** 2, rtol=1e-12)
    # κ for constant n: T² ∫ x³ cosh(x/2)/sinh³(x/2) dx / n.  By parts (d/dx[-1/sinh²(x/2)] =
    # cosh(x/2)/sinh³(x/2)): ∫ = 3 ∫ x²/sinh²(x/2) dx, and 1/sinh²(x/2) = 4 Σ_n n e^(-n x), so
    # ∫ x²/sinh²(x/2) dx = 4 Σ_n n · 2/n³ = 8 ζ(2) = 4π²/3: the integral is 4π².
    x_int = integrate.quad(lambda x: x**3 / (math.sinh(x / 2) ** 2 * math.tanh(x / 2)), 0, 80,
                           epsabs=0, epsrel=1e-12, limit=200)[0]
    assert x_int == pytest.approx(4 * math.pi**2, rel=1e-10)
    assert k[1] == pytest.approx(0.1**2 * 4 * math.pi**2 / 0.5, rel=1e-10)
    c = ob.specific_heat(T, stm)
    np.testing.assert_allclose(c, np.pi**2 / 6 * 0.5 * T, rtol=1e-10)  # (π²/6) n T


@pytest.mark.parametrize("mu", [0.05, 0.2])
def test_power_law_dos_exponents_2_minus_mu_and_1_plus_mu(mu):
    T = np.geomspace(0.01, 1.0, 5)
    dos = PowerLawDOS(mu)
    p_k, s_k = ob.power_law_exponent(T, ob.thermal_conductivity(T, dos))
    p_c, s_c = ob.power_law_exponent(T, ob.specific_heat(T, dos))
    assert p_k == pytest.approx(2 - mu, abs=1e-9) and s_k < 1e-9
    assert p_c == pytest.approx(1 + mu, abs=1e-9) and s_c < 1e-9


def test_eq_a1_and_a2_equal_eq_5_and_8_for_constant_dos():
    T = np.array([0.05, 0.5])
    stm = PowerLawDOS(0.0, B=2.0)
    np.testing.assert_allclose(ob.thermal_conductivity(T, stm, "Delta"),
                               ob.thermal_conductivity(T, stm), rtol=1e-12)
    np.testing.assert_allclose(ob.velocity_shift_relaxation(T, stm, 1.0, 50.0, "Delta"),
                               ob.velocity_shift_relaxation(T, stm, 1.0, 50.0), rtol=1e-10)


def test_stm_velocity_slopes_plus_c_below_minus_half_c_above():
    stm = PowerLawDOS(0.0)
    # far below T0 = 1 K: relaxation is frozen out, resonant slope exactly +1 (units of C)
    v = ob.velocity_shift([1e-3, 1e-2], stm, omega=1.0, A=1.0)
    assert (v[1] - v[0]) / math.log(10) == pytest.approx(1.0, rel=1e-9)
    # far above T0 = 1e-4 K: resonant +1, relaxation -3/2, total -1/2
    T = np.array([2.0, 4.0])
    rel = ob.velocity_shift_relaxation(T, stm, omega=1e-12, A=1.0)
    assert (rel[1] - rel[0]) / math.log(2) == pytest.approx(-1.5, rel=1e-5)
    v = ob.velocity_shift(T, stm, omega=1e-12, A=1.0)
    assert (v[1] - v[0]) / math.log(2) == pytest.approx(-0.5, rel=1e-4)
    # the asymptotic slope ratio
    ratio = ob.model_slope_ratio(0.0, below=(1e-3, 1e-2), above=(300.0, 3000.0))
    assert ratio == pytest.approx(-0.5, abs=2e-3)


def test_velocity_maximum_near_t0_and_scaling_with_t0():
    # the maximum of δv/v sits at T_max = c(μ) T0 whatever ω and A (Eq. 8 depends on ω/A only)
    stm = PowerLawDOS(0.0)
    x = np.geomspace(0.2, 5.0, 161)
    tmax = []
    for omega, A in [(1.0, 1e3), (2 * np.pi * 5.1e3, 2 * np.pi * 5.6e6)]:
        t0 = ob.crossover_temperature(omega, A)
        v = ob.velocity_shift(x * t0, stm, omega, A)
        tmax.append(x[np.argmax(v)])
    assert tmax[0] == tmax[1] and 1.0 < tmax[0] < 1.6


def test_slope_ratio_decreases_with_mu_and_mu_for_ratio_inverts_it():
    r = [ob.model_slope_ratio(m, points_per_decade=25) for m in (0.0, 0.05, 0.1)]
    assert r[0] > r[1] > r[2] and -0.55 < r[0] < -0.45
    mu = ob.mu_for_slope_ratio(r[1])
    assert mu == pytest.approx(0.05, abs=2e-3)


def test_dielectric_is_minus_two_velocity():
    args = (np.array([0.05, 0.2, 0.8]), PowerLawDOS(0.15), 1e3, 1e5)
    np.testing.assert_allclose(ob.dielectric_shift(*args, coupling=3e-4),
                               -2 * ob.velocity_shift(*args, coupling=3e-4), rtol=1e-14)


def test_log_slopes_and_power_law_exponent_by_hand():
    T = np.geomspace(0.01, 10.0, 31)
    y = np.where(T < 0.1, 2 * np.log(T / 0.1), -3 * np.log(T / 0.1))
    below, above, t_ext = ob.log_slopes(T, y)
    assert (below, above, t_ext) == (pytest.approx(2.0), pytest.approx(-3.0), pytest.approx(0.1))
    b, a, t = ob.log_slopes(T, -y, extremum="min")
    assert (b, a) == (pytest.approx(-2.0), pytest.approx(3.0))
    with pytest.raises(ValueError, match="'above' window 2-10 .* holds 1 point"):
        ob.log_slopes([0.05, 0.1, 0.15, 0.3], [0.0, 1.0, 0.0, -1.0], below=(0.1, 1.0))
    p, s = ob.power_law_exponent([1.0, 2.0, 4.0, 8.0], [3.0, 12.0, 48.0, 192.0])
    assert p == pytest.approx(2.0) and s < 1e-12
    p, s = ob.power_law_exponent([1.0, 2.0, 4.0], [1.0, 2.2, 3.8])
    assert s > 0.01


# ------------------------------------------------------------------------------ fitting
OMEGA = 2 * np.pi * 90e3
A_TRUE = 2 * np.pi * 9.4e6


def test_fit_recovers_noiseless_parameters_free_and_fixed_mu():
    T = np.geomspace(0.02, 2.0, 30)
    y = ob.velocity_model(T, OMEGA, A_TRUE, 3.2e-4, 0.12, offset=1e-5, T_ref=0.02)
    fit = ob.fit_velocity(T, y, 1e-7, OMEGA)
    assert fit.free == ("A", "C", "mu", "offset")
    assert fit.values["A"] == pytest.approx(A_TRUE, rel=1e-5)
    assert fit.values["C"] == pytest.approx(3.2e-4, rel=1e-5)
    assert fit.values["mu"] == pytest.approx(0.12, abs=1e-6)
    assert fit.values["offset"] == pytest.approx(1e-5, abs=1e-10)
    assert fit.chi2 < 1e-6 and fit.dof == 26
    assert fit.T0 == pytest.approx((OMEGA / A_TRUE) ** (1 / 3), rel=1e-5)
    np.testing.assert_allclose(fit.model(T), y, atol=1e-11)
    # STM data fitted with mu fixed at 0 (the paper's dashed lines)
    y0 = ob.velocity_model(T, OMEGA, A_TRUE, 2e-4, 0.0, T_ref=0.02)
    stm = ob.fit_velocity(T, y0, 1e-7, OMEGA, mu=0.0)
    assert stm.free == ("A", "C", "offset") and stm.values["mu"] == 0.0
    assert stm.errors["mu"] == 0.0 and stm.covariance.shape == (3, 3)
    assert stm.values["C"] == pytest.approx(2e-4, rel=1e-6)


def test_fit_covariance_is_inverse_fisher_matrix_and_sigma_scaling():
    T = np.geomspace(0.03, 1.0, 15)
    y = ob.velocity_model(T, OMEGA, A_TRUE, 3e-4, 0.1, T_ref=0.03)
    sigma = 2e-6
    fit = ob.fit_velocity(T, y, sigma, OMEGA)
    # independent Fisher matrix by central differences of velocity_model in (A, C, mu, offset)
    p = dict(fit.values)
    cols = []
    for name in ob.FIT_PARAMETERS:
        h = 1e-4 * abs(p[name]) if name != "offset" else 1e-6
        up, dn = dict(p), dict(p)
        up[name] += h
        dn[name] -= h
        cols.append((ob.velocity_model(T, OMEGA, T_ref=0.03, **up)
                     - ob.velocity_model(T, OMEGA, T_ref=0.03, **dn)) / (2 * h) / sigma)
    J = np.column_stack(cols)
    cov = np.linalg.inv(J.T @ J)
    np.testing.assert_allclose(np.sqrt(np.diag(fit.covariance)), np.sqrt(np.diag(cov)), rtol=1e-3)
    np.testing.assert_allclose(fit.correlation, cov / np.sqrt(np.outer(np.diag(cov),
                                                                      np.diag(cov))), atol=1e-3)
    # absolute sigma: covariance scales as sigma²; relative: it does not
    fit2 = ob.fit_velocity(T, y, 2 * sigma, OMEGA)
    np.testing.assert_allclose(fit2.covariance, 4 * fit.covariance, rtol=1e-4)
    rng = np.random.default_rng(7)
    noisy = y + rng.normal(0, sigma, T.size)
    r1 = ob.fit_velocity(T, noisy, sigma, OMEGA, absolute_sigma=False)
    r2 = ob.fit_velocity(T, noisy, 10 * sigma, OMEGA, absolute_sigma=False)
    np.testing.assert_allclose(r1.covariance, r2.covariance, rtol=1e-4)


def test_fit_noisy_synthetic_file_within_errors():
    curve = ob.load_curve("dv_v_synthetic_fig5a_parameters.csv")
    assert curve.synthetic and curve.omega == pytest.approx(OMEGA)
    fit = ob.fit_velocity(curve.T, curve.y, curve.sigma, curve.omega)
    truth = {"A": float(curve.meta["A_rad_per_s_K3"]), "C": float(curve.meta["C"]),
             "mu": float(curve.meta["mu"])}
    for k, v in truth.items():
        assert abs(fit.values[k] - v) < 4 * fit.errors[k], (k, fit.values[k], v, fit.errors[k])
    assert 0.3 < fit.chi2 / fit.dof < 2.5


def test_dielectric_fit_recovers_minimum_curve():
    T = np.geomspace(0.01, 0.5, 20)
    y = ob.velocity_model(T, 2 * np.pi * 1e3, 2 * np.pi * 7.9e6, 8e-4, 0.1, T_ref=0.01,
                          quantity="dielectric")
    assert T[np.argmin(y)] > 0.02  # a minimum, not a maximum
    fit = ob.fit_velocity(T, y, 1e-7, 2 * np.pi * 1e3, quantity="dielectric")
    assert fit.values["mu"] == pytest.approx(0.1, abs=1e-5)
    assert fit.values["C"] == pytest.approx(8e-4, rel=1e-4)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"sigma": 0.0}, "sigma must be finite and > 0, got 0.0"),
     ({"y": [1.0, 2.0]}, "y must hold 5 finite values"),
     ({"mu": -1.5}, "mu must be a finite number > -1"),
     ({"T": [0.1, 0.2, 0.3, 0.4], "y": [0.0, 1e-5, 1e-5, 0.0]},
      "need at least 5 data points to fit 4 parameters"),
     ({"p0": {"B": 1.0}}, r"p0 has unknown keys \['B'\]"),
     ({"quantity": "loss"}, "quantity must be 'velocity'"),
     ({"omega": -1.0}, "omega must be a finite number > 0")],
)
def test_fit_errors(kwargs, match):
    args = {"T": [0.1, 0.2, 0.3, 0.4, 0.5], "y": [0.0, 1e-5, 2e-5, 1e-5, 0.0], "sigma": 1e-6,
            "omega": 1.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        ob.fit_velocity(args.pop("T"), args.pop("y"), args.pop("sigma"), args.pop("omega"),
                        **args)


@pytest.mark.parametrize(
    "call, match",
    [(lambda: ob.specific_heat([], PowerLawDOS(0.0)), r"T \(temperatures, K\) is empty"),
     (lambda: ob.specific_heat([0.1, -0.2], PowerLawDOS(0.0)), "got -0.2"),
     (lambda: ob.thermal_conductivity(0.1, PowerLawDOS(0.0), "n(E)"),
      "interpretation must be 'E'"),
     (lambda: ob.velocity_shift_resonant(0.1, 3.0), "dos must be a callable"),
     (lambda: ob.velocity_shift_resonant(0.1, PowerLawDOS(0.0), cutoff=0.0),
      r"cutoff \(K\) must be a finite number > 0"),
     (lambda: ob.thermal_conductivity(0.1, lambda T, E: 0.0 * E), "the DOS vanishes"),
     (lambda: ob.specific_heat(0.1, lambda T, E: np.nan * E), "returned non-finite values")],
)
def test_observable_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ------------------------------------------------------------------------------ curve files
def test_curve_round_trip_and_header_errors(tmp_path):
    curve = ob.synthetic_curve([0.05, 0.1, 0.2], 1e3, 2e5, 3e-4, 0.1, 1e-6, seed=3)
    path = ob.save_curve(tmp_path / "mine_synthetic.csv", curve)
    back = ob.load_curve(str(path))
    np.testing.assert_allclose(back.T, curve.T)
    np.testing.assert_allclose(back.y, curve.y, rtol=1e-9)
    assert back.quantity == "velocity" and back.frequency_Hz == 1e3 and back.doi == "none"
    assert back.synthetic and back.meta["seed"] == "3"

    bad = tmp_path / "bad.csv"
    bad.write_text("# quantity: velocity\n# source: me\nT_K,y,sigma\n0.1,0,1e-6\n")
    with pytest.raises(ValueError, match=r"missing header line\(s\) # frequency_Hz: ..., # doi"):
        ob.load_curve(str(bad))
    bad.write_text("# quantity: velocity\n# frequency_Hz: 1e3\n# source: me\n# doi: none\n"
                   "T_K,y\n0.1,0\n")
    with pytest.raises(DataError, match=r"missing column\(s\) \['sigma'\]"):
        ob.load_curve(str(bad))
    bad.write_text("# quantity: velocity\n# frequency_Hz: 1e3\n# source: me\n# doi: none\n"
                   "T_K,y,sigma\n-0.1,0,1e-6\n")
    with pytest.raises(ValueError, match="column T_K must be finite and > 0, got -0.1"):
        ob.load_curve(str(bad))


def test_published_parameter_file_and_scorecard_rows(monkeypatch):
    from tlspaper.scorecard import Row

    table = ob.published_velocity_fits()
    assert list(table["panel"][:3]) == ["5a", "5b", "5c"]
    assert table["A_MHz"][0] == 9.4 and table["f_kHz"][0] == 90.0
    # the rows that need no simulated dataset (those are exercised by the chapters)
    monkeypatch.setattr(ob, "_available", lambda names: False)
    rows = ob.scorecard_rows()
    assert rows and all(isinstance(r, Row) for r in rows)
    stm = [r for r in rows if "STM" in r.quantity]
    assert stm and stm[0].published == -0.5 and stm[0].within
    silica = [r for r in rows if r.item == "Fig. 4"]
    assert silica and silica[0].ours == pytest.approx(0.05, abs=1e-9)


# ------------------------------------------------------------------------------ helpers
class _BlockedDOS(TabulatedDOS):
    """Minimal stand-in for tlspaper.dos.SimulatedDOS with identical blocks of realizations."""

    def __init__(self):
        edges = np.array([0.0, 0.5, 1.0, 2.0, 4.0])
        self.counts = np.array([[40, 80, 160, 160], [20, 60, 200, 160]])
        self.realizations, n_tls = 10, 2
        self.exposure = 2.0 * self.realizations * n_tls
        super().__init__([0.1, 1.0], edges, self.counts / (self.exposure * np.diff(edges)))
        self.block_stages = np.array([0, 1])
        # 5 blocks of 2 realizations each, every block with 1/5 of the low-energy counts
        self._blocks = {i: (np.tile(self.counts[i, :2] // 5, (5, 1)), np.full(5, 2))
                        for i in (0, 1)}

    def block_histograms(self, T):
        return self._blocks[self.index(T)]


def test_bootstrap_replicas_of_identical_blocks_equal_the_dataset():
    dos = _BlockedDOS()
    reps = list(ob.bootstrap_dos(dos, n=3, seed=1))
    assert len(reps) == 3
    for rep in reps:
        np.testing.assert_allclose(rep.density, dos.density, rtol=1e-14)
    # hand value: 5 blocks x 8 = 40 counts in [0, 0.5] K over 2 signs * 10 realizations
    # * 2 TLSs = 40 -> 40 / (40 * 0.5 K) = 2 per K, in every replica
    for rep in reps:
        assert rep.density[0, 0] == pytest.approx(2.0, rel=1e-14)


def test_velocity_maximum_matches_dense_grid_and_scales_with_t0():
    for mu in (0.0, 0.2):
        tm1 = ob.velocity_maximum(1.0, 1e6, mu)      # T0 = 0.01 K
        tm2 = ob.velocity_maximum(8.0, 1e6, mu)      # T0 = 0.02 K
        assert tm2 / tm1 == pytest.approx(2.0, rel=1e-5)
        T = 0.01 * np.geomspace(0.5, 2.0, 801)
        v = ob.velocity_shift(T, PowerLawDOS(mu), 1.0, 1e6)
        assert tm1 == pytest.approx(T[np.argmax(v)], rel=2e-3)


def test_mu_for_exponent_errors():
    with pytest.raises(ValueError, match="observable must be 'kappa' or 'C', got 'Q'"):
        ob.mu_for_exponent(1.9, "Q")
