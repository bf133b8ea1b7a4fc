"""Reproduce, check and extend four papers on tunneling two-level systems (TLSs) in glasses.

Energies are in kelvin with k_B = 1 unless a function's signature and docstring say otherwise
(the universal-C module takes SI material parameters).  The package is a library of physics
modules, one per physical idea, with the reproduction of the papers as a layer above it:

Physics (never imports the paper layer)
    ``tlspaper.constants``        physical constants from scipy.constants
    ``tlspaper.dos``              the single-TLS density of states n(T, E): power law, tables, fits
    ``tlspaper.montecarlo``       simulated-annealing Monte Carlo of the interacting-TLS DOS
    ``tlspaper.one_phonon``       the one-phonon relaxation rate of a single TLS
    ``tlspaper.observables``      κ, specific heat, sound velocity, dielectric constant from a DOS
    ``tlspaper.velocity_fit``     fitting measured δv/v(T) or δε/ε(T) curves; the curve format
    ``tlspaper.measured``         readers for measured κ(T) files and resonator loss tables
    ``tlspaper.kappa_fit``        fitting measured κ(T): Eq. 5 with the Eq. 3 DOS, power law, STM
    ``tlspaper.plotting``         data, model and residuals of a fit (matplotlib, optional)
    ``tlspaper.energy_scales``    two-TLS energy scales, the electric/elastic ratio r, dipolar gap
    ``tlspaper.meanfield``        mean-field energies and relaxation rates of the TLS glass
    ``tlspaper.rate_statistics``  statistics of relaxation-rate distributions (1/λ, λ_min, ...)
    ``tlspaper.electron_glass``   mean-field energies and rate-matrix spectra of the electron glass
    ``tlspaper.ultrasonics``      resonant and relaxation ultrasonic absorption
    ``tlspaper.discrimination``   statistics for telling two absorption models apart
    ``tlspaper.universal``        the coupling constant C from material parameters
    ``tlspaper.data``             the hash-checked data registry
    ``tlspaper.cli``              the ``tlspaper`` command (simulate, generate, register, scorecard)

Reproduction (``tlspaper.papers``)
    ``tlspaper.papers.scorecard``  the published-vs-ours row, its verdict rule and rendering
    ``tlspaper.papers.<bibkey>``   per paper: PUBLISHED numbers, EQUATIONS table, DATASETS, rows()
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
