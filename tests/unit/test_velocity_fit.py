"""The δv/v fit by Eqs. 7 + 8 with Eq. 3, curve files, slopes and maximum: recovery, errors."""

from __future__ import annotations

import numpy as np
import pytest

from tlspaper import velocity_fit as vf
from tlspaper.data import DataError
from tlspaper.dos import PowerLawDOS
from tlspaper.observables import velocity_shift

# ------------------------------------------------------------------------------ fitting
OMEGA = 2 * np.pi * 90e3
A_TRUE = 2 * np.pi * 9.4e6


def test_fit_recovers_noiseless_parameters_free_and_fixed_mu():
    T = np.geomspace(0.02, 2.0, 30)
    y = vf.velocity_model(T, OMEGA, A_TRUE, 3.2e-4, 0.12, offset=1e-5, T_ref=0.02)
    fit = vf.fit_velocity(T, y, 1e-7, OMEGA)
    assert fit.free == ("A", "C", "mu", "offset")
    assert fit.values["A"] == pytest.approx(A_TRUE, rel=1e-5)
    assert fit.values["C"] == pytest.approx(3.2e-4, rel=1e-5)
    assert fit.values["mu"] == pytest.approx(0.12, abs=1e-6)
    assert fit.values["offset"] == pytest.approx(1e-5, abs=1e-10)
    assert fit.chi2 < 1e-6 and fit.dof == 26
    assert fit.T0 == pytest.approx((OMEGA / A_TRUE) ** (1 / 3), rel=1e-5)
    np.testing.assert_allclose(fit.model(T), y, atol=1e-11)
    # STM data fitted with mu fixed at 0 (the paper's dashed lines)
    y0 = vf.velocity_model(T, OMEGA, A_TRUE, 2e-4, 0.0, T_ref=0.02)
    stm = vf.fit_velocity(T, y0, 1e-7, OMEGA, mu=0.0)
    assert stm.free == ("A", "C", "offset") and stm.values["mu"] == 0.0
    assert stm.errors["mu"] == 0.0 and stm.covariance.shape == (3, 3)
    assert stm.values["C"] == pytest.approx(2e-4, rel=1e-6)


def test_fit_covariance_is_inverse_fisher_matrix_and_sigma_scaling():
    T = np.geomspace(0.03, 1.0, 15)
    y = vf.velocity_model(T, OMEGA, A_TRUE, 3e-4, 0.1, T_ref=0.03)
    sigma = 2e-6
    fit = vf.fit_velocity(T, y, sigma, OMEGA)
    # independent Fisher matrix by central differences of velocity_model in (A, C, mu, offset)
    p = dict(fit.values)
    cols = []
    for name in vf.FIT_PARAMETERS:
        h = 1e-4 * abs(p[name]) if name != "offset" else 1e-6
        up, dn = dict(p), dict(p)
        up[name] += h
        dn[name] -= h
        cols.append((vf.velocity_model(T, OMEGA, T_ref=0.03, **up)
                     - vf.velocity_model(T, OMEGA, T_ref=0.03, **dn)) / (2 * h) / sigma)
    J = np.column_stack(cols)
    cov = np.linalg.inv(J.T @ J)
    np.testing.assert_allclose(np.sqrt(np.diag(fit.covariance)), np.sqrt(np.diag(cov)), rtol=1e-3)
    np.testing.assert_allclose(fit.correlation, cov / np.sqrt(np.outer(np.diag(cov),
                                                                      np.diag(cov))), atol=1e-3)
    # absolute sigma: covariance scales as sigma²; relative: it does not
    fit2 = vf.fit_velocity(T, y, 2 * sigma, OMEGA)
    np.testing.assert_allclose(fit2.covariance, 4 * fit.covariance, rtol=1e-4)
    rng = np.random.default_rng(7)
    noisy = y + rng.normal(0, sigma, T.size)
    r1 = vf.fit_velocity(T, noisy, sigma, OMEGA, absolute_sigma=False)
    r2 = vf.fit_velocity(T, noisy, 10 * sigma, OMEGA, absolute_sigma=False)
    np.testing.assert_allclose(r1.covariance, r2.covariance, rtol=1e-4)


def test_fit_noisy_synthetic_file_within_errors():
    curve = vf.load_curve("dv_v_synthetic_fig5a_parameters.csv")
    assert curve.synthetic and curve.omega == pytest.approx(OMEGA)
    fit = vf.fit_velocity(curve.T, curve.y, curve.sigma, curve.omega)
    truth = {"A": float(curve.meta["A_rad_per_s_K3"]), "C": float(curve.meta["C"]),
             "mu": float(curve.meta["mu"])}
    for k, v in truth.items():
        assert abs(fit.values[k] - v) < 4 * fit.errors[k], (k, fit.values[k], v, fit.errors[k])
    assert 0.3 < fit.chi2 / fit.dof < 2.5


def test_dielectric_fit_recovers_minimum_curve():
    T = np.geomspace(0.01, 0.5, 20)
    y = vf.velocity_model(T, 2 * np.pi * 1e3, 2 * np.pi * 7.9e6, 8e-4, 0.1, T_ref=0.01,
                          quantity="dielectric")
    assert T[np.argmin(y)] > 0.02  # a minimum, not a maximum
    fit = vf.fit_velocity(T, y, 1e-7, 2 * np.pi * 1e3, quantity="dielectric")
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
        vf.fit_velocity(args.pop("T"), args.pop("y"), args.pop("sigma"), args.pop("omega"),
                        **args)


# ------------------------------------------------------------------------------ curve files
def test_curve_round_trip_and_header_errors(tmp_path):
    curve = vf.synthetic_curve([0.05, 0.1, 0.2], 1e3, 2e5, 3e-4, 0.1, 1e-6, seed=3)
    path = vf.save_curve(tmp_path / "mine_synthetic.csv", curve)
    back = vf.load_curve(str(path))
    np.testing.assert_allclose(back.T, curve.T)
    np.testing.assert_allclose(back.y, curve.y, rtol=1e-9)
    assert back.quantity == "velocity" and back.frequency_Hz == 1e3 and back.doi == "none"
    assert back.synthetic and back.meta["seed"] == "3"

    bad = tmp_path / "bad.csv"
    bad.write_text("# quantity: velocity\n# source: me\nT_K,y,sigma\n0.1,0,1e-6\n")
    with pytest.raises(ValueError, match=r"missing header line\(s\) # frequency_Hz: ..., # doi"):
        vf.load_curve(str(bad))
    bad.write_text("# quantity: velocity\n# frequency_Hz: 1e3\n# source: me\n# doi: none\n"
                   "T_K,y\n0.1,0\n")
    with pytest.raises(DataError, match=r"missing column\(s\) \['sigma'\]"):
        vf.load_curve(str(bad))
    bad.write_text("# quantity: velocity\n# frequency_Hz: 1e3\n# source: me\n# doi: none\n"
                   "T_K,y,sigma\n-0.1,0,1e-6\n")
    with pytest.raises(ValueError, match="column T_K must be finite and > 0, got -0.1"):
        vf.load_curve(str(bad))


def test_velocity_maximum_matches_dense_grid_and_scales_with_t0():
    for mu in (0.0, 0.2):
        tm1 = vf.velocity_maximum(1.0, 1e6, mu)      # T0 = 0.01 K
        tm2 = vf.velocity_maximum(8.0, 1e6, mu)      # T0 = 0.02 K
        assert tm2 / tm1 == pytest.approx(2.0, rel=1e-5)
        T = 0.01 * np.geomspace(0.5, 2.0, 801)
        v = velocity_shift(T, PowerLawDOS(mu), 1.0, 1e6)
        assert tm1 == pytest.approx(T[np.argmax(v)], rel=2e-3)


# ------------------------------------------------------------------------------ slopes, maximum
def test_log_slopes_by_hand():
    T = np.geomspace(0.01, 10.0, 31)
    y = np.where(T < 0.1, 2 * np.log(T / 0.1), -3 * np.log(T / 0.1))
    below, above, t_ext = vf.log_slopes(T, y)
    assert (below, above, t_ext) == (pytest.approx(2.0), pytest.approx(-3.0), pytest.approx(0.1))
    b, a, t = vf.log_slopes(T, -y, extremum="min")
    assert (b, a) == (pytest.approx(-2.0), pytest.approx(3.0))
    with pytest.raises(ValueError, match="'above' window 2-10 .* holds 1 point"):
        vf.log_slopes([0.05, 0.1, 0.15, 0.3], [0.0, 1.0, 0.0, -1.0], below=(0.1, 1.0))


def test_stm_asymptotic_slope_ratio():
    # the asymptotic slope ratio
    ratio = vf.model_slope_ratio(0.0, below=(1e-3, 1e-2), above=(300.0, 3000.0))
    assert ratio == pytest.approx(-0.5, abs=2e-3)


def test_slope_ratio_decreases_with_mu_and_mu_for_ratio_inverts_it():
    r = [vf.model_slope_ratio(m, points_per_decade=25) for m in (0.0, 0.05, 0.1)]
    assert r[0] > r[1] > r[2] and -0.55 < r[0] < -0.45
    mu = vf.mu_for_slope_ratio(r[1])
    assert mu == pytest.approx(0.05, abs=2e-3)


# ------------------------------------------------------------------------------ a user's data
def test_unconstrained_parameters_get_infinite_errors_and_a_warning():
    T = np.geomspace(0.02, 1.0, 12)
    with pytest.warns(vf.FitWarning) as record:
        fit = vf.fit_velocity(T, np.zeros(12), 1e-6, omega=1e5)  # no signal at all
    assert str(record[0].message) == (
        "parameter(s) A, mu are not constrained by the data (errors set to inf); the fitted "
        "TLS term C is below the noise: the data show no signal to fit")
    assert fit.errors["A"] == np.inf and fit.errors["mu"] == np.inf
    assert np.isfinite(fit.errors["C"]) and np.isfinite(fit.errors["offset"])
    assert "mu      0.1 ± inf (unconstrained)" in fit.report()


def test_poor_fit_warns_and_good_fit_does_not():
    curve = vf.load_curve("dv_v_synthetic_fig5a_parameters.csv")
    with pytest.warns(vf.FitWarning, match=r"^poor fit: chi2/dof = 6.54e\+05 \(p = 0.0e\+00\)"):
        fit = vf.fit_velocity(curve.T, curve.y, curve.sigma / 800, curve.omega)
    assert fit.notes and fit.report().endswith(fit.notes[0])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", vf.FitWarning)
        good = vf.fit_velocity(curve.T, curve.y, curve.sigma, curve.omega)
        vf.fit_velocity(curve.T, curve.y, curve.sigma / 800, curve.omega, absolute_sigma=False)
    assert good.notes == () and good.p_value == pytest.approx(0.43, abs=0.01)


def test_fit_numbers_unchanged_by_the_report():
    # the values the sound-velocity chapter prints: the result type kept .values/.errors
    curve = vf.load_curve("dv_v_synthetic_fig5a_parameters.csv")
    fit = vf.fit_velocity(curve.T, curve.y, curve.sigma, curve.omega)
    assert fit.values["mu"] == pytest.approx(0.1019, abs=1e-4)
    assert str(fit) == fit.report()
    assert fit.report().splitlines()[4] == "  mu      0.1019 ± 0.0019      dimensionless"


@pytest.mark.parametrize(
    "T, y, sigma, message",
    [
        (np.ones((3, 4)), np.zeros((3, 4)), 1e-6,
         r"^T must be a 1-D array \(one value per temperature\), got shape \(3, 4\); pass one "
         r"curve at a time \(e.g. .ravel\(\) a single column\)$"),
        (np.geomspace(0.1, 1, 6), np.zeros((6, 1)), 1e-6, r"^y must be a 1-D array"),
        (np.geomspace(0.1, 1, 6), np.zeros(6), np.ones(5) * 1e-6,
         r"^sigma must be one number or 6 values \(one per temperature\), got 5$"),
        (np.geomspace(0.1, 1, 6), np.zeros(5), 1e-6,
         r"^y must hold 6 finite values \(one per temperature\), got 5 value\(s\)$"),
    ],
)
def test_fit_shape_errors_are_one_line(T, y, sigma, message):
    with pytest.raises(ValueError, match=message):
        vf.fit_velocity(T, y, sigma, omega=1.0)


def test_format_value_error():
    assert vf.format_value_error(0.1019, 0.0019) == "0.1019 ± 0.0019"
    assert vf.format_value_error(5.68e7, 1.6e6) == "(5.68 ± 0.16)e+07"
    assert vf.format_value_error(0.5, np.nan) == "0.5 ± nan (unconstrained)"


CURVE_HEAD = "# quantity: velocity\n# frequency_Hz: 1e3\n# source: me\n# doi: none\n"


@pytest.mark.parametrize(
    "body, message",
    [
        # a text cell: file, line and column (was: could not convert string to float)
        ("T_K,y,sigma\n0.1,0,1e-6\n0.2,abc,1e-6\n",
         "{path}, line 7, column 2 (y): the cell is 'abc', not a number"),
        # a ragged row (was: a NaN message)
        ("T_K,y,sigma\n0.1,0,1e-6\n0.2,1e-6\n",
         "{path}, line 7: 2 cell(s), but the header (line 5) has 3: T_K,y,sigma"),
        ("T_K,y,sigma\n0.1,,1e-6\n", "{path}, line 6, column 2 (y): the cell is empty"),
    ],
)
def test_load_curve_cell_errors_name_file_line_and_column(tmp_path, body, message):
    path = tmp_path / "mine.csv"
    path.write_text(CURVE_HEAD + body)
    with pytest.raises(DataError) as err:
        vf.load_curve(path)
    assert str(err.value) == message.format(path=path)


def test_load_curve_reads_an_excel_utf8_bom_and_a_path(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (CURVE_HEAD + "T_K,y,sigma\r\n0.1,0,1e-6\r\n").encode())
    curve = vf.load_curve(path)  # a pathlib.Path
    assert curve.frequency_Hz == 1e3 and curve.T.tolist() == [0.1]
    assert vf.load_curve(str(path)).source == "me"


def test_load_curve_mistyped_path_says_no_such_file(tmp_path):
    (tmp_path / "my_curve.csv").write_text(CURVE_HEAD + "T_K,y,sigma\n0.1,0,1e-6\n")
    with pytest.raises(DataError) as err:
        vf.load_curve(tmp_path / "my_curv.csv")
    assert str(err.value) == (f"no such file {tmp_path / 'my_curv.csv'}; did you mean "
                              "'my_curve.csv' in that folder?")
    assert "registry" not in str(err.value)
