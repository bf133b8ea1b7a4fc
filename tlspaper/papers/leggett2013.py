"""Leggett & Vural (2013): the ultrasonic "smoking-gun" test of the TLS model."""

from __future__ import annotations

import math

from ..constants import HBAR_OVER_KB
from ..one_phonon import crossover_temperature
from ..ultrasonics import (
    high_temperature_correction,
    log_slope_correction,
    relaxation_absorption,
    resonant_absorption,
    rm_shape,
    tls_shape,
    velocity_log_slope,
)
from .scorecard import Published, Row

__all__ = [
    "A_CANONICAL",
    "CORRECTION_READINGS",
    "DATASETS",
    "EQUATIONS",
    "OMEGA_CANONICAL",
    "PLATEAU_T_OVER_T0",
    "PUBLISHED",
    "SLOPE_T_OVER_T0",
    "X_SATURATED",
    "absorption_rows",
    "correction_band",
    "rows",
    "shape_rows",
    "velocity_rows",
]

#: Numbers printed in the paper: name -> Published(value, where printed, text as printed).
#: The book's convention for analytic coefficients: an exact coefficient printed by the paper
#: (Eqs. 14, 15, "exactly half") is exact, σ_pub = 0; an approximate number printed with
#: "about" or "~" keeps half a unit of its last printed digit.
PUBLISHED: dict[str, Published] = {
    # Eq. 14: Q_rel^-1 = (π/2) C for ωτ_c << 1 (exact)
    "relaxation_plateau": Published(math.pi / 2, "Eq. 14", sigma=0.0),
    # the relaxation plateau is "exactly half" of the resonant value at ħω >> k_BT
    "resonant_over_relaxation": Published(2.0, "text after Eq. 14 ('exactly half')", sigma=0.0),
    # δc/c = A ln(T/T0) with "A equal to C" below T0 ...
    "velocity_slope_low_T": Published(
        1.0, "Eq. 15 and the text after it (units of C)", sigma=0.0),
    # ... "and to -2C on the high-temperature side"
    "velocity_slope_high_T": Published(
        -2.0, "Eq. 15 and the text after it (units of C)", sigma=0.0),
    # at x ~ 1.2 "the correction to the high-temperature limit formula is only about 20%"
    # (approximate, printed "20%": the fraction 0.20, half a unit of its last digit = 0.005)
    "correction_at_x_reached": Published(0.20, "Sec. 4 ('only about 20%')", text="0.20"),
    # the one experiment (their ref. 22) "went up only to x ~ 1.2"
    "x_reached": Published(1.2, "Sec. 4 ('x ~ 1.2')", text="1.2"),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {
    "Eq. 12": resonant_absorption,
    "Eq. 13": relaxation_absorption,
    "Eq. 15": velocity_log_slope,
    "Eq. 17": tls_shape,
    "Eq. 18": rm_shape,
}

#: Datasets of this paper that the package regenerates: registry name -> generation spec.
DATASETS: dict = {}

#: Angular frequency ω [rad/s] of the book's checks of Eqs. 14 and 15 (only T/T0 matters).
OMEGA_CANONICAL = 1e3
#: One-phonon rate prefactor A [s⁻¹ K⁻³] of those checks: T0 = (ω/A)^(1/3) = 0.01 K, so that
#: 100 T0 lies far below the 100 K cutoff of the resonant velocity shift.
A_CANONICAL = 1e9
#: T/T0 at which the relaxation plateau of Eq. 14 is evaluated (ωτ_c → 0).
PLATEAU_T_OVER_T0 = 1e3
#: T/T0 (and T0/T) at which the two velocity slopes of Eq. 15 are evaluated.
SLOPE_T_OVER_T0 = 100.0
#: x = ħω/k_BT at which the resonant absorption is saturated (ħω ≫ k_BT).
X_SATURATED = 40.0


def _plateau(t_over_t0: float) -> float:
    """Q⁻¹_rel/C of Eq. 13 at T = `t_over_t0` T0 (ω, A of the book's canonical check)."""
    T0 = crossover_temperature(OMEGA_CANONICAL, A_CANONICAL)
    return float(relaxation_absorption(OMEGA_CANONICAL, t_over_t0 * T0, A_CANONICAL))


def _slope(t_over_t0: float) -> float:
    """d(δv/v)/d ln T [units of C] at T = `t_over_t0` T0 (Eq. 15, canonical ω, A)."""
    T0 = crossover_temperature(OMEGA_CANONICAL, A_CANONICAL)
    return float(velocity_log_slope([t_over_t0 * T0], OMEGA_CANONICAL, A_CANONICAL)[0])


def absorption_rows() -> list[Row]:
    """The relaxation plateau (Eq. 14) and its ratio to the saturated resonant absorption.

    The paper's numbers are limits (ωτ_c → 0, ħω ≫ k_BT) and exact; ours are evaluated at
    T = 1000 T0 and x = 40, with the numerical σ the change of the plateau over the last
    decade of T/T0 (from 100 T0 to 1000 T0), an upper bound on its distance to the limit
    (it approaches the limit as (T0/T)^(3/2)).

    Returns
    -------
    list of Row
        Two rows: Q⁻¹_rel/C at T = 1000 T0, and Q⁻¹_res(x = 40) over that plateau.
    """
    plateau = _plateau(PLATEAU_T_OVER_T0)
    sigma = abs(plateau - _plateau(PLATEAU_T_OVER_T0 / 10))
    omega = OMEGA_CANONICAL
    res_low_T = float(resonant_absorption(omega, HBAR_OVER_KB * omega / X_SATURATED))
    return [
        Row(
            "leggett2013", "Eq. 14", "relaxation plateau Q⁻¹_rel / C (T = 1000 T0)",
            PUBLISHED["relaxation_plateau"].value, plateau, sigma,
            published_sigma=PUBLISHED["relaxation_plateau"].precision,
            section="sg-absorption",
            note="canonical distribution, one-phonon rate; σ: change from 100 T0 to 1000 T0",
        ),
        Row(
            "leggett2013", "text after Eq. 14", "Q⁻¹_res(ħω ≫ k_BT) / Q⁻¹_rel plateau",
            PUBLISHED["resonant_over_relaxation"].value, res_low_T / plateau,
            res_low_T / plateau * sigma / plateau,
            published_sigma=PUBLISHED["resonant_over_relaxation"].precision,
            section="sg-absorption", note="Eq. 12 at x = 40 over Eq. 14",
        ),
    ]


def velocity_rows() -> list[Row]:
    """The two logarithmic slopes of the sound velocity stated by Eq. 15.

    Ours at T = T0/100 and 100 T0; the numerical σ is the change of the slope over the last
    decade towards the limit (from T0/10, resp. 10 T0), an upper bound on its distance to
    the asymptotic slope.

    Returns
    -------
    list of Row
        Two rows: the slope below T0 (T = T0/100) and above T0 (T = 100 T0), units of C.
    """
    r = SLOPE_T_OVER_T0
    low, high = _slope(1 / r), _slope(r)
    return [
        Row(
            "leggett2013", "Eq. 15", "δv/v slope per ln T below T0 (units of C, T = T0/100)",
            PUBLISHED["velocity_slope_low_T"].value, low, abs(low - _slope(10 / r)),
            published_sigma=PUBLISHED["velocity_slope_low_T"].precision,
            section="sg-velocity", note="Eqs. 7 + 8 of churkin2021, μ = 0",
        ),
        Row(
            "leggett2013", "Eq. 15", "δv/v slope per ln T above T0 (units of C, T = 100 T0)",
            PUBLISHED["velocity_slope_high_T"].value, high, abs(high - _slope(r / 10)),
            published_sigma=PUBLISHED["velocity_slope_high_T"].precision,
            section="sg-velocity",
            note="standard result −C/2 (+C resonant, −3C/2 relaxation); the paper's −2C is wrong",
        ),
    ]


#: The readings of "the correction to the high-temperature limit formula" at x: of the value,
#: relative to the limit x/2 (the book's default) or relative to tanh(x/2) itself; or of the
#: logarithmic slope d ln Q⁻¹/d ln T, −1 in the limit (a plot of Q⁻¹ against T).
CORRECTION_READINGS = ("value relative to the limit", "value relative to tanh(x/2)",
                       "log slope")


def correction_band() -> tuple[float, float]:
    """Lowest and highest correction of tanh(x/2) over the choices the paper leaves open.

    x within the printed "1.2" (1.15 to 1.25) and the three :data:`CORRECTION_READINGS`:
    1 − tanh(x/2)/(x/2), (x/2)/tanh(x/2) − 1 and 1 − x/sinh x
    (:func:`tlspaper.ultrasonics.log_slope_correction`).

    Returns
    -------
    tuple of float
        (lowest, highest), dimensionless.

    Examples
    --------
    >>> lo, hi = correction_band()
    >>> round(lo, 4), round(hi, 4)
    (0.0974, 0.2197)
    """
    x0, dx = PUBLISHED["x_reached"].value, PUBLISHED["x_reached"].precision
    values = []
    for x in (x0 - dx, x0 + dx):
        c = float(high_temperature_correction(x))
        values += [c, c / (1.0 - c)]  # (x/2)/tanh(x/2) − 1 = c/(1 − c)
        values.append(float(log_slope_correction(x)))
    return min(values), max(values)


def shape_rows() -> list[Row]:
    """The size of the correction to the high-temperature limit of tanh(x/2) at x = 1.2.

    Returns
    -------
    list of Row
        One row: 1 − tanh(x/2)/(x/2) at the largest x reached by experiment (Sec. 4), with
        the band of :func:`correction_band`.
    """
    return [
        Row(
            "leggett2013", "Sec. 4", "correction 1 − tanh(x/2)/(x/2) at x = 1.2",
            PUBLISHED["correction_at_x_reached"].value,
            float(high_temperature_correction(PUBLISHED["x_reached"].value)), 0.0,
            published_sigma=PUBLISHED["correction_at_x_reached"].precision,
            band=correction_band(),
            band_over=("x = 1.15–1.25 (printed 1.2); value relative to x/2 or to tanh(x/2), "
                       "or log slope"),
            section="sg-shapes",
            note="value reading 10.5 % (20 % only at x = 1.78); log-slope reading 20.5 %",
        )
    ]


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
        :func:`absorption_rows`, :func:`velocity_rows`, :func:`shape_rows`.
    """
    return absorption_rows() + velocity_rows() + shape_rows()
