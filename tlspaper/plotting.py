"""Figures of fits to your own data: data with error bars, the fitted model and the residuals.

matplotlib is imported only when a figure is drawn (install it with ``pip install
'tlspaper[plot]'``); the figures are plain :class:`matplotlib.figure.Figure` objects, made
without pyplot, so they work in scripts, on servers without a display and in notebooks.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

__all__ = ["plot_kappa_fit", "plot_velocity_fit", "require_matplotlib"]


def require_matplotlib():
    """Import and return :mod:`matplotlib`, or raise a one-line ImportError saying how to get it.

    Returns
    -------
    module
        :mod:`matplotlib`.

    Raises
    ------
    ImportError
        "plotting needs matplotlib, which is not installed: pip install 'tlspaper[plot]'".

    Examples
    --------
    >>> require_matplotlib().__name__
    'matplotlib'
    """
    try:
        import matplotlib
    except ImportError:
        raise ImportError(
            "plotting needs matplotlib, which is not installed: pip install 'tlspaper[plot]'"
        ) from None
    return matplotlib


def _figure(height: float = 5.2):
    """A two-panel Figure (data above, residuals below) and its axes."""
    require_matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, height), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    return fig, top, bottom


def _save(fig, path) -> None:
    if path is not None:
        from ._io import atomic_path

        path = Path(path)
        with atomic_path(path) as tmp:
            fig.savefig(tmp, dpi=120, format=path.suffix.lstrip(".") or "png")


def plot_velocity_fit(T, y, sigma, fit, path: str | os.PathLike | None = None, title: str = ""):
    """Data, fitted model and normalised residuals of a :func:`tlspaper.velocity_fit.fit_velocity`.

    Parameters
    ----------
    T : array_like
        Temperatures [K].
    y : array_like
        The fitted δv/v or δε/ε (dimensionless).
    sigma : array_like or float
        1σ errors of `y`.
    fit : tlspaper.velocity_fit.VelocityFit
        The fit of (T, y, sigma).
    path : path-like, optional
        Also save the figure there (format from the suffix, e.g. ``.png``, ``.pdf``).
    title : str
        Figure title (e.g. the file name).

    Returns
    -------
    matplotlib.figure.Figure
        Top: the data with error bars and the model (semi-log in T); bottom:
        (data − model)/σ.

    Examples
    --------
    >>> from tlspaper.velocity_fit import load_curve, fit_velocity
    >>> c = load_curve("dv_v_synthetic_fig5a_parameters.csv")
    >>> f = fit_velocity(c.T, c.y, c.sigma, c.omega)
    >>> fig = plot_velocity_fit(c.T, c.y, c.sigma, f)
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['δv/v (dimensionless)', '(data − model)/σ']
    """
    T = np.asarray(T, dtype=float)
    y = np.asarray(y, dtype=float)
    sigma = np.broadcast_to(np.asarray(sigma, dtype=float), T.shape)
    fig, top, bottom = _figure()
    what = "δv/v" if fit.quantity == "velocity" else "δε/ε"
    top.errorbar(T, y, sigma, fmt="o", ms=3, color="0.3", label="data")
    fine = np.geomspace(T.min() / 1.1, T.max() * 1.1, 200)
    label = (f"fit: μ = {fit.values['mu']:.3g}" + (" (fixed)" if "mu" not in fit.free else "")
             + f", T0 = {fit.T0:.3g} K, χ²/dof = {fit.chi2_dof:.3g}")
    top.plot(fine, fit.model(fine), "-", color="C3", label=label)
    top.set_xscale("log")
    top.set_ylabel(f"{what} (dimensionless)")
    top.legend(fontsize=8)
    if title:
        top.set_title(title, fontsize=9)
    bottom.axhline(0.0, color="0.6", lw=0.8)
    bottom.plot(T, (y - fit.model(T)) / sigma, "o", ms=3, color="C3")
    bottom.set_xlabel("temperature T (K)")
    bottom.set_ylabel("(data − model)/σ")
    _save(fig, path)
    return fig


def plot_kappa_fit(data, fits, path: str | os.PathLike | None = None, title: str = ""):
    """Measured κ(T), the fitted curves in their window, and the residuals of the first fit.

    Parameters
    ----------
    data : tlspaper.measured.KappaData
        The measurement (:func:`tlspaper.measured.read_kappa_csv`).
    fits : sequence of tlspaper.kappa_fit.KappaFit
        Fits of `data` (e.g. Eq. 5, power law, STM); the residuals shown are those of
        ``fits[0]``.
    path : path-like, optional
        Also save the figure there (format from the suffix).
    title : str
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Top: κ [W m⁻¹ K⁻¹] against T [K], log-log; bottom: ln(κ/κ_fit) of ``fits[0]`` in %.

    Examples
    --------
    >>> from tlspaper.data import fetch
    >>> from tlspaper.measured import read_kappa_csv
    >>> from tlspaper.kappa_fit import fit_eq5
    >>> d = read_kappa_csv(fetch("kappa_olson1993_stycast1266.csv"))
    >>> fig = plot_kappa_fit(d, [fit_eq5(d, T_max=0.35)])
    >>> fig.axes[0].get_ylabel()
    'κ (W m⁻¹ K⁻¹)'
    """
    fits = list(fits)
    if not fits:
        raise ValueError("fits must hold at least one KappaFit")
    fig, top, bottom = _figure()
    top.loglog(data.T, data.kappa, "o", ms=3, color="0.3", label="data")
    names = {"eq5": "Eq. 5 + Eq. 3", "power_law": "power law", "stm": "STM (μ = 0)"}
    for i, f in enumerate(fits):
        T = np.geomspace(f.T_min, f.T_max, 100)
        top.loglog(T, f.curve(T), "-" if i == 0 else "--", color=f"C{i + 3}",
                   label=f"{names.get(f.model, f.model)}: "
                         f"{'β' if f.model == 'power_law' else 'μ'} = {f.mu:.3g}, "
                         f"χ²/dof = {f.chi2_dof:.3g}")
    f0 = fits[0]
    for edge in (f0.T_min, f0.T_max):
        if math.isfinite(edge) and edge > 0:
            top.axvline(edge, color="0.8", lw=0.8, zorder=0)
    top.set_ylabel("κ (W m⁻¹ K⁻¹)")
    top.legend(fontsize=8)
    if title:
        top.set_title(title, fontsize=9)
    inside = (data.T >= f0.T_min) & (data.T <= f0.T_max)
    bottom.axhline(0.0, color="0.6", lw=0.8)
    bottom.semilogx(data.T[inside], 100 * np.log(data.kappa[inside] / f0.curve(data.T[inside])),
                    "o", ms=3, color="C3")
    bottom.set_xlabel("temperature T (K)")
    bottom.set_ylabel("ln(κ/fit) (%)")
    _save(fig, path)
    return fig
