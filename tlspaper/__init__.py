"""Reproduce, check and extend four papers on tunneling two-level systems (TLSs) in glasses.

Energies are in kelvin with k_B = 1 unless a function's signature and docstring say otherwise
(the universal-C module takes SI material parameters).  Sub-modules, one per physical idea:

``tlspaper.data``       the pooch-backed data registry (published tables, cached simulations)
``tlspaper.scorecard``  collects every published-vs-ours comparison of the book
"""

__version__ = "0.1.0"
