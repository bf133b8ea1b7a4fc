"""Reproduce, check and extend four papers on tunneling two-level systems (TLSs) in glasses.

Energies are in kelvin with k_B = 1 unless a function's signature and docstring say otherwise
(the universal-C module takes SI material parameters).  Sub-modules, one per physical idea:

``tlspaper.dos``             the single-TLS density of states n(T, E): Eq. 3, simulated tables, fits
``tlspaper.montecarlo``      the simulated-annealing Monte Carlo engine for that DOS (Eq. 2)
``tlspaper.observables``     κ, specific heat, sound velocity and dielectric constant from a DOS
``tlspaper.energy_scales``   two-TLS energy scales, the electric/elastic ratio r, Eq. 9
``tlspaper.meanfield``       mean-field energies and relaxation rates of the TLS glass
``tlspaper.electron_glass``  the same for the 2-D electron glass
``tlspaper.universal``       the universal coupling constant C from material parameters
``tlspaper.ultrasonics``     resonant/relaxation absorption and the smoking-gun test
``tlspaper.data``            the pooch-backed data registry (published tables, cached simulations)
``tlspaper.scorecard``       collects every published-vs-ours comparison of the book
"""

__version__ = "0.1.0"
