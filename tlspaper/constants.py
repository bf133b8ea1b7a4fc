"""Physical constants in SI units, all taken from :mod:`scipy.constants` (CODATA)."""

from __future__ import annotations

import numpy as np
from scipy import constants as _sc

__all__ = ["DEBYE", "EULER_GAMMA", "EV", "HBAR", "HBAR_OVER_KB", "K_B", "N_A"]

#: Boltzmann constant k_B [J/K].
K_B: float = _sc.k
#: Elementary charge, i.e. one electronvolt in joules [J/eV].
EV: float = _sc.e
#: Reduced Planck constant ħ [J s].
HBAR: float = _sc.hbar
#: ħ / k_B [K s]: converts an angular frequency ω [rad/s] to a temperature ħω/k_B [K].
HBAR_OVER_KB: float = _sc.hbar / _sc.k
#: Avogadro constant [1/mol].
N_A: float = _sc.N_A
#: One debye [C m] (10⁻²¹ / c in SI).
DEBYE: float = 1e-21 / _sc.c
#: Euler–Mascheroni constant γ (dimensionless).
EULER_GAMMA: float = float(np.euler_gamma)
