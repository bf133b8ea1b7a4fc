"""Leggett & Vural (2013): the ultrasonic "smoking-gun" test of the TLS model."""

from __future__ import annotations

import math

from ..constants import HBAR_OVER_KB
from ..one_phonon import crossover_temperature
from ..ultrasonics import (
    high_temperature_correction,
    relaxation_absorption,
    resonant_absorption,
    rm_shape,
    tls_shape,
    velocity_log_slope,
)
from .scorecard import Published, Row

__all__ = [
    "A_CANONICAL",
    "DATASETS",
    "EQUATIONS",
    "OMEGA_CANONICAL",
    "PLATEAU_T_OVER_T0",
    "PUBLISHED",
    "SLOPE_T_OVER_T0",
    "X_SATURATED",
    "absorption_rows",
    "rows",
    "shape_rows",
    "velocity_rows",
]

#: Numbers printed in the paper: name -> Published(value, where printed).
PUBLISHED: dict[str, Published] = {
    # Eq. 14: Q_rel^-1 = (π/2) C for ωτ_c << 1
    "relaxation_plateau": Published(math.pi / 2, "Eq. 14"),
    # the relaxation plateau is "exactly half" of the resonant value at ħω >> k_BT
    "resonant_over_relaxation": Published(2.0, "text after Eq. 14"),
    # δc/c = A ln(T/T0) with A = C below T0 ...
    "velocity_slope_low_T": Published(1.0, "Eq. 15 and the text after it (units of C)"),
    # ... and A = -2C above T0
    "velocity_slope_high_T": Published(-2.0, "Eq. 15 and the text after it (units of C)"),
    # at x ~ 1.2 "the correction to the high-temperature limit formula is only about 20%"
    "correction_at_x_reached": Published(0.20, "Sec. 4"),
    # the one experiment (their ref. 22) "went up only to x ~ 1.2"
    "x_reached": Published(1.2, "Sec. 4"),
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


def absorption_rows() -> list[Row]:
    """The relaxation plateau (Eq. 14) and its ratio to the saturated resonant absorption.

    Returns
    -------
    list of Row
        Two rows: Q⁻¹_rel/C at T = 1000 T0, and Q⁻¹_res(x = 40) over that plateau.
    """
    omega, A = OMEGA_CANONICAL, A_CANONICAL
    T0 = crossover_temperature(omega, A)
    plateau = float(relaxation_absorption(omega, PLATEAU_T_OVER_T0 * T0, A))
    res_low_T = float(resonant_absorption(omega, HBAR_OVER_KB * omega / X_SATURATED))
    return [
        Row(
            "leggett2013",
            "Eq. 14",
            "relaxation plateau Q⁻¹_rel / C (T = 1000 T0)",
            PUBLISHED["relaxation_plateau"].value,
            plateau,
            0.0,
            0.01,
            "canonical distribution, one-phonon rate, ωτ_c → 0",
        ),
        Row(
            "leggett2013",
            "text after Eq. 14",
            "Q⁻¹_res(ħω ≫ k_BT) / Q⁻¹_rel plateau",
            PUBLISHED["resonant_over_relaxation"].value,
            res_low_T / plateau,
            0.0,
            0.01,
            "Eq. 12 at x = 40 over Eq. 14",
        ),
    ]


def velocity_rows() -> list[Row]:
    """The two logarithmic slopes of the sound velocity stated by Eq. 15.

    Returns
    -------
    list of Row
        Two rows: the slope below T0 (T = T0/100) and above T0 (T = 100 T0), units of C.
    """
    omega, A = OMEGA_CANONICAL, A_CANONICAL
    T0 = crossover_temperature(omega, A)
    low, high = velocity_log_slope([T0 / SLOPE_T_OVER_T0, SLOPE_T_OVER_T0 * T0], omega, A)
    return [
        Row(
            "leggett2013",
            "Eq. 15",
            "δv/v slope per ln T below T0 (units of C, T = T0/100)",
            PUBLISHED["velocity_slope_low_T"].value,
            float(low),
            0.0,
            0.01,
            "Eqs. 7 + 8 of churkin2021, μ = 0",
        ),
        Row(
            "leggett2013",
            "Eq. 15",
            "δv/v slope per ln T above T0 (units of C, T = 100 T0)",
            PUBLISHED["velocity_slope_high_T"].value,
            float(high),
            0.0,
            0.01,
            "standard result −C/2 (+C resonant, −3C/2 relaxation); the paper's −2C is wrong",
        ),
    ]


def shape_rows() -> list[Row]:
    """The size of the correction to the high-temperature limit of tanh(x/2) at x = 1.2.

    Returns
    -------
    list of Row
        One row: 1 − tanh(x/2)/(x/2) at the largest x reached by experiment (Sec. 4).
    """
    return [
        Row(
            "leggett2013",
            "Sec. 4",
            "correction 1 − tanh(x/2)/(x/2) at x = 1.2",
            PUBLISHED["correction_at_x_reached"].value,
            float(high_temperature_correction(PUBLISHED["x_reached"].value)),
            0.0,
            0.25,
            "tanh(0.6)/0.6 = 0.895: the correction is 10.5 %, not ~20 %",
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
