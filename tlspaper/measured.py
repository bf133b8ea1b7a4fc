"""Readers for measured data: κ(T) CSV files and microwave TLS-loss tables, with one-line errors."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np

__all__ = [
    "KappaData",
    "LossRow",
    "MeasuredDataError",
    "interpolate_mu",
    "interaction_scale",
    "read_kappa_csv",
    "read_loss_table",
]

#: Accepted spellings (spaces removed, lower case) of the temperature column header [K].
_T_HEADERS = ("t(k)", "t_bar", "t_bar(k)", "t[k]", "t")
#: Accepted spellings (spaces removed, lower case) of the κ column header [W m⁻¹ K⁻¹].
_K_HEADERS = ("k(w/m/k)", "k(w/m*k)", "k(w/(m*k))", "k(w/(mk))", "k[w/m/k]", "kappa(w/m/k)",
              "kappa(w/m*k)")
#: Relative agreement required between an optional third column ``k/T`` and κ/T (the
#: compilation rounds each column to three significant figures, i.e. ≤ 0.5 % each).
_K_OVER_T_RTOL = 0.02


class MeasuredDataError(ValueError):
    """A measured-data file does not follow its documented format (the message names the file,
    the line and the column)."""


def _where(path, line: int, column: int | None = None) -> str:
    loc = f"{Path(path).name}, line {line}"
    return loc + (f", column {column}" if column is not None else "")


def _read_lines(path) -> list[str]:
    path = Path(path)
    if not path.is_file():
        raise MeasuredDataError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a leading UTF-8 BOM is dropped
    except UnicodeDecodeError as exc:
        raise MeasuredDataError(
            f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    return text.splitlines()


# --------------------------------------------------------------------------- κ(T) CSV


@dataclass(frozen=True)
class KappaData:
    """A measured κ(T) curve read by :func:`read_kappa_csv`, sorted by temperature.

    Attributes
    ----------
    T : numpy.ndarray
        Temperatures [K] (for Runyan & Jones' files the mean temperature of the sample).
    kappa : numpy.ndarray
        Thermal conductivity [W m⁻¹ K⁻¹].
    source : str
        Line 1 of the file as written (title, authors, journal or thesis, year).
    lines : numpy.ndarray
        The 1-based line number of each point in the file (after sorting by T).
    path : str
        The file read.
    """

    T: np.ndarray
    kappa: np.ndarray
    source: str
    lines: np.ndarray
    path: str

    def __len__(self) -> int:
        return int(self.T.size)

    def window(self, T_min: float = 0.0, T_max: float = math.inf) -> KappaData:
        """The points with ``T_min <= T <= T_max`` [K], as a new :class:`KappaData`."""
        keep = (self.T >= T_min) & (self.T <= T_max)
        return KappaData(self.T[keep], self.kappa[keep], self.source, self.lines[keep], self.path)


def _number(path, line: int, column: int, cell: str, what: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise MeasuredDataError(
            f"{_where(path, line, column)}: {what} must be a number, got {cell.strip()!r}"
        ) from None
    if not math.isfinite(value):
        raise MeasuredDataError(f"{_where(path, line, column)}: {what} is not finite ({cell!r})")
    return value


def read_kappa_csv(path: str | os.PathLike) -> KappaData:
    """Read a κ(T) file in the format of the CMB-S4 cryogenic-material compilation.

    Format: line 1 names the source (free text; commas allowed); line 2 is the header, whose
    first column is the temperature in kelvin (``T(K)`` or ``T_bar``) and whose second is κ in
    W m⁻¹ K⁻¹ (``k(W/m/K)`` or ``k (W/m*K)``); an optional third column ``k/T``
    [W m⁻¹ K⁻²] is checked against κ/T (2 %).  Then one measurement per line, comma
    separated.  A leading UTF-8 byte-order mark, blank lines, a missing final newline and
    unsorted temperatures are tolerated; anything else raises :class:`MeasuredDataError`
    with the file, the line and the column.  To fit a measurement of your own, write it in
    this format and call :func:`tlspaper.kappa_fit.fit_file`.

    Parameters
    ----------
    path : path-like
        The CSV file (for a registered file: ``tlspaper.data.fetch(name)``).

    Returns
    -------
    KappaData
        Temperatures [K] and κ [W m⁻¹ K⁻¹], sorted by temperature, with the source line.

    Raises
    ------
    MeasuredDataError
        Missing source line or header, a header with other units (e.g. ``T(mK)``,
        ``k(mW/cm/K)``), a ragged row, a text cell, T <= 0 or κ <= 0, or k/T inconsistent
        with κ/T.

    Examples
    --------
    >>> from tlspaper.data import fetch
    >>> d = read_kappa_csv(fetch("kappa_olson1993_stycast1266.csv"))
    >>> len(d), float(d.T[0]), float(d.kappa[0])          # K, W/m/K
    (13, 0.0609, 0.000193)
    >>> d.source.split(",")[1]
    'J. R. Olson'
    """
    lines = _read_lines(path)
    if len(lines) < 3:
        raise MeasuredDataError(
            f"{Path(path).name}: expected a source line, a header line and data, got "
            f"{len(lines)} line(s)"
        )
    source = lines[0].strip()
    if not source:
        raise MeasuredDataError(f"{_where(path, 1)}: the first line must name the source")
    header = [h.strip() for h in lines[1].split(",")]
    if len(header) < 2:
        raise MeasuredDataError(
            f"{_where(path, 2)}: the header must have at least two columns (T [K], κ [W/m/K]), "
            f"got {lines[1]!r}"
        )
    key = [h.replace(" ", "").lower() for h in header]
    if key[0] not in _T_HEADERS:
        raise MeasuredDataError(
            f"{_where(path, 2, 1)}: header {header[0]!r} is not a temperature in kelvin; "
            f"expected one of 'T(K)', 'T_bar'"
        )
    if key[1] not in _K_HEADERS:
        raise MeasuredDataError(
            f"{_where(path, 2, 2)}: header {header[1]!r} is not a thermal conductivity in "
            f"W/m/K; expected 'k(W/m/K)' or 'k (W/m*K)'"
        )
    check_ratio = len(key) >= 3 and key[2] in ("k/t", "k/t(w/m/k^2)")
    rows, numbers = [], []
    for i, raw in enumerate(lines[2:], start=3):
        if not raw.strip():
            continue
        cells = raw.split(",")
        if len(cells) != len(header):
            raise MeasuredDataError(
                f"{_where(path, i)}: {len(cells)} column(s), the header has {len(header)} "
                f"({lines[1].strip()!r})"
            )
        T = _number(path, i, 1, cells[0], "T [K]")
        k = _number(path, i, 2, cells[1], "κ [W/m/K]")
        if T <= 0:
            raise MeasuredDataError(f"{_where(path, i, 1)}: T must be > 0 K, got {T:g}")
        if k <= 0:
            raise MeasuredDataError(f"{_where(path, i, 2)}: κ must be > 0 W/m/K, got {k:g}")
        if check_ratio:
            ratio = _number(path, i, 3, cells[2], "k/T [W/m/K^2]")
            if not math.isclose(ratio, k / T, rel_tol=_K_OVER_T_RTOL):
                raise MeasuredDataError(
                    f"{_where(path, i, 3)}: k/T = {ratio:g} disagrees with κ/T = {k / T:g} "
                    f"by more than {_K_OVER_T_RTOL:.0%} (columns swapped or mistyped?)"
                )
        rows.append(i)
        numbers.append((T, k))
    if len(numbers) < 1:
        raise MeasuredDataError(f"{Path(path).name}: no data lines after the header")
    arr = np.array(numbers)
    order = np.argsort(arr[:, 0], kind="stable")
    return KappaData(arr[order, 0], arr[order, 1], source, np.array(rows)[order], str(path))


# --------------------------------------------------------------------------- loss tables


@dataclass(frozen=True)
class LossRow:
    """One device of a microwave TLS-loss table read by :func:`read_loss_table`.

    Attributes
    ----------
    material, deposition, geometry : str
        As written in the table (geometry ``LE PPC`` = lumped-element parallel-plate
        capacitor, filling factor F ≈ 1; ``CPW``, ``IDC``: F < 1).
    reference_key : str
        The footnote key, e.g. ``'Cicak2010'``.
    reference : str
        The full citation from the file's reference list ('' if the key is not listed).
    delta_lp : tuple of float
        Low-power loss δ_LP (low, high), dimensionless (the header's scale applied);
        (nan, nan) if empty.
    f_delta_tls : tuple of float
        Intrinsic TLS loss times filling factor F δ⁰_TLS (low, high), dimensionless;
        (nan, nan) if empty.
    line : int
        1-based line of the row in the file.
    notes : tuple of str
        Cells that were not numbers and were skipped (only with ``on_text='skip'``).
    """

    material: str
    reference_key: str
    reference: str
    deposition: str
    geometry: str
    delta_lp: tuple[float, float]
    f_delta_tls: tuple[float, float]
    line: int
    notes: tuple[str, ...] = field(default=())


_NUM = r"([0-9.]+(?:[eE][-+]?[0-9]+)?)"
_RANGE = re.compile(rf"^\s*{_NUM}\s*(?:[-–]\s*{_NUM})?\s*$")
_SCALE = re.compile(r"\[\s*x\s*10\^?\s*(-?\s*[0-9]+)\s*\]")
_KEY = re.compile(r"\[\^([^\]]+)\]")
_REF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_LOSS_COLUMNS = ("material", "reference", "dep.", "geom.", "δ_lp", "fδ^0_tls")


def _cells(row: str) -> list[str]:
    s = row.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _loss_range(path, line, column, cell, scale, on_text, notes):
    if not cell:
        return (math.nan, math.nan)
    m = _RANGE.match(cell)
    if m is None:
        if on_text == "skip":
            notes.append(f"column {column}: {cell!r}")
            return (math.nan, math.nan)
        raise MeasuredDataError(
            f"{_where(path, line, column)}: expected a number or a range 'a-b', got {cell!r} "
            "(pass on_text='skip' to skip such cells)"
        )
    lo = float(Decimal(m.group(1)).scaleb(scale))
    hi = float(Decimal(m.group(2)).scaleb(scale)) if m.group(2) else lo
    return (lo, hi)


def read_loss_table(path: str | os.PathLike, on_text: str = "raise") -> list[LossRow]:
    """Read the dielectric-loss table of a Markdown file like the Boulder "materials" list.

    The first pipe table of the file whose header has the columns ``Material | Reference |
    Dep. | Geom. | δ_LP [x 10^-N] | Fδ^0_TLS [x 10^-N]`` (in this order; the ``[x 10^-N]``
    scale is required and applied) is read; a loss cell is empty, a number or a range ``a-b``.
    The reference cell's footnote ``[^Key]`` is resolved against lines ``[^Key]: citation``
    anywhere in the file (the first one wins).  To add a measurement of your own, append a row
    in this format.

    Parameters
    ----------
    path : path-like
        The Markdown file.
    on_text : {'raise', 'skip'}
        What to do with a loss cell that is not a number or range (e.g. ``'F x 100'``):
        raise :class:`MeasuredDataError`, or skip it (NaN) and record it in ``notes``.

    Returns
    -------
    list of LossRow
        One per device, in file order; losses dimensionless.

    Raises
    ------
    MeasuredDataError
        No such table, a header with other columns or without the scale, a ragged row, or a
        text cell (with ``on_text='raise'``), each naming the file, line and column.

    Examples
    --------
    >>> from tlspaper.data import fetch
    >>> rows = read_loss_table(fetch("tls_loss_mcrae2020_materials.md"), on_text="skip")
    >>> r = [r for r in rows if r.reference_key == "Martinis2005"][0]
    >>> r.material, r.geometry, r.delta_lp
    ('a-SiO2', 'LE PPC', (0.005, 0.005))
    """
    if on_text not in ("raise", "skip"):
        raise ValueError(f"on_text must be 'raise' or 'skip', got {on_text!r}")
    lines = _read_lines(path)
    refs: dict[str, str] = {}
    for ln in lines:
        m = _REF.match(ln.strip())
        if m and m.group(1) not in refs:
            refs[m.group(1)] = m.group(2).strip()
    start = None
    for i, ln in enumerate(lines):
        cells = _cells(ln) if ln.lstrip().startswith("|") else []
        if cells and cells[0].lower() == "material":
            start = i
            break
    if start is None:
        raise MeasuredDataError(
            f"{Path(path).name}: no table with a header starting '| Material |' was found"
        )
    header = _cells(lines[start])
    names = [_SCALE.sub("", h).strip().lower() for h in header]
    if tuple(names) != _LOSS_COLUMNS:
        raise MeasuredDataError(
            f"{_where(path, start + 1)}: header columns {header} are not "
            "'Material | Reference | Dep. | Geom. | δ_LP [x 10^-N] | Fδ^0_TLS [x 10^-N]'"
        )
    scales = []
    for col in (5, 6):
        m = _SCALE.search(header[col - 1])
        if m is None:
            raise MeasuredDataError(
                f"{_where(path, start + 1, col)}: header {header[col - 1]!r} has no unit scale "
                "'[x 10^-N]' (losses are dimensionless multiples of 10^-N)"
            )
        scales.append(int(m.group(1).replace(" ", "")))  # the decimal exponent N of 10^N
    rows: list[LossRow] = []
    for i in range(start + 2, len(lines)):
        raw = lines[i]
        if not raw.lstrip().startswith("|"):
            break
        cells = _cells(raw)
        line = i + 1
        if len(cells) != len(header):
            raise MeasuredDataError(
                f"{_where(path, line)}: {len(cells)} column(s), the header has {len(header)}"
            )
        notes: list[str] = []
        dlp = _loss_range(path, line, 5, cells[4], scales[0], on_text, notes)
        fdt = _loss_range(path, line, 6, cells[5], scales[1], on_text, notes)
        m = _KEY.search(cells[1])
        key = m.group(1) if m else ""
        rows.append(LossRow(cells[0], key, refs.get(key, ""), cells[2], cells[3], dlp, fdt,
                            line, tuple(notes)))
    if not rows:
        raise MeasuredDataError(f"{_where(path, start + 1)}: the table has no rows")
    return rows


# --------------------------------------------------------------------------- from r to μ


def interaction_scale(r, J0_over_h0_elastic: float, combine: str = "quadrature"):
    """J0/h0 of elastic plus electric TLS-TLS couplings, given r = ⟨|J_dip|⟩/⟨|J_el|⟩.

    The random field h0 is taken as elastic (App. C of Churkin et al. (2021): "elastically
    dominated typical random fields") and the couplings as the sum of an elastic and an
    electric dipolar part.  ``combine='quadrature'``: independent zero-mean Gaussian parts
    (as the J_ij of the Monte Carlo model), whose sum has ⟨|J|⟩ ∝ √(J_el² + J_dip²), so
    J0/h0 = x_el √(1 + r²).  ``combine='linear'``: fully correlated parts, x_el (1 + r), an
    upper bound.

    Parameters
    ----------
    r : float or array_like
        Electric/elastic ratio (dimensionless), >= 0.
    J0_over_h0_elastic : float
        J0/h0 of the elastic couplings alone (dimensionless), > 0.
    combine : {'quadrature', 'linear'}

    Returns
    -------
    float or numpy.ndarray
        J0/h0 (dimensionless).

    Examples
    --------
    >>> round(interaction_scale(0.75, 0.04), 9)
    0.05
    >>> round(interaction_scale(1.0, 0.03, "linear"), 9)
    0.06
    """
    r = np.asarray(r, dtype=float)
    if np.any(~np.isfinite(r)) or np.any(r < 0):
        raise ValueError(f"r must be finite and >= 0, got {r}")
    if not (math.isfinite(J0_over_h0_elastic) and J0_over_h0_elastic > 0):
        raise ValueError(f"J0_over_h0_elastic must be > 0, got {J0_over_h0_elastic!r}")
    if combine == "quadrature":
        out = J0_over_h0_elastic * np.sqrt(1.0 + r * r)
    elif combine == "linear":
        out = J0_over_h0_elastic * (1.0 + r)
    else:
        raise ValueError(f"combine must be 'quadrature' or 'linear', got {combine!r}")
    return float(out) if out.ndim == 0 else out


def interpolate_mu(x, grid_x, grid_mu, grid_err=None):
    """μ at J0/h0 = x by linear interpolation of a Monte Carlo scan μ(J0/h0).

    Outside the scan the end values are returned and flagged: the caller must say so.

    Parameters
    ----------
    x : float or array_like
        J0/h0 (dimensionless).
    grid_x, grid_mu : array_like
        The scan: J0/h0 (increasing) and the fitted μ there.
    grid_err : array_like, optional
        1σ errors of `grid_mu` (interpolated the same way).

    Returns
    -------
    mu, err, outside : numpy.ndarray
        Interpolated μ, its error (NaN without `grid_err`) and a flag for x outside the scan.

    Examples
    --------
    >>> grid = [0.1, 0.2, 0.5], [0.1, 0.2, 0.3], [0.01, 0.02, 0.03]
    >>> mu, err, out = interpolate_mu([0.15, 0.7], *grid)
    >>> [round(float(v), 6) for v in mu], [round(float(v), 6) for v in err], out.tolist()
    ([0.15, 0.3], [0.015, 0.03], [False, True])
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    gx = np.asarray(grid_x, dtype=float)
    if gx.size < 2 or np.any(np.diff(gx) <= 0):
        raise ValueError("grid_x must be increasing with at least two points")
    mu = np.interp(x, gx, np.asarray(grid_mu, dtype=float))
    err = (np.interp(x, gx, np.asarray(grid_err, dtype=float)) if grid_err is not None
           else np.full(x.shape, math.nan))
    return mu, err, (x < gx[0]) | (x > gx[-1])
