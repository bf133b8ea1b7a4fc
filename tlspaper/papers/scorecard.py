"""The scorecard: the published-vs-ours row, its verdict rule, rendering and collection."""

from __future__ import annotations

import math
from dataclasses import KW_ONLY, asdict, dataclass
from typing import NamedTuple

__all__ = ["RULE", "VERDICTS", "Published", "Result", "Row", "collect", "counts", "format_value",
           "half_unit", "results_to_markdown", "to_markdown"]


#: The verdicts of :attr:`Row.verdict`, in the order the scorecard counts them.
VERDICTS = ("agrees", "agrees within systematics", "disagrees", "not comparable")

#: The one comparison rule of the book, stated once (the scorecard appendix prints it).
RULE = (
    "σ = √(σ_stat² + σ_pub²), with σ_stat our statistical uncertainty and σ_pub the paper's "
    "error, or half a unit of the last printed digit when the paper gives none; an exact "
    "analytic coefficient has σ_pub = 0, and a printed range a–b counts as its midpoint with "
    "σ_pub = (b − a)/4, so that ±2σ_pub is the printed range. "
    "*agrees*: |ours − published| ≤ 2σ. "
    "*agrees within systematics*: otherwise, the published value lies inside our systematic "
    "band (ours recomputed over the documented choices the paper leaves open) widened by 2σ "
    "on each side. *disagrees*: neither; the significance z = |ours − published| / σ is "
    "given. *not comparable*: the two numbers do not measure the same thing (the reason is "
    "given)."
)


def half_unit(text: str) -> float:
    """Half a unit of the last printed digit of a number written as `text`.

    Parameters
    ----------
    text : str
        The number exactly as printed, e.g. ``"0.27"``, ``"2"``, ``"2.9e-4"``, ``"1.95"``.

    Returns
    -------
    float
        The printed precision, e.g. 0.005 for ``"0.27"`` and 0.5 for ``"2"``.

    Examples
    --------
    >>> half_unit("0.27"), half_unit("2"), half_unit("0.20")
    (0.005, 0.5, 0.005)
    >>> round(half_unit("2.9e-4"), 12)
    5e-06
    """
    mantissa, _, exponent = text.strip().lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


class Published(NamedTuple):
    """A number printed in a paper, with where it is printed and its precision.

    Parameters
    ----------
    value : float or tuple
        The value exactly as printed (a tuple for a printed range or list).
    where : str
        Where it is printed, e.g. ``"Table II"``, ``"Sec. III A, text after Eq. 9"``.
    text : str, optional
        The number as printed when its trailing zeros matter (``"0.20"``); default
        ``repr(value)``.
    sigma : float, optional
        The paper's own error bar, if it gives one.

    Examples
    --------
    >>> Published(0.57, "text after Eq. 11").value
    0.57
    >>> Published(0.2, "Fig. 3", text="0.20").precision
    0.005
    >>> Published(0.13, "Fig. 3", sigma=0.02).precision
    0.02
    """

    value: float | tuple
    where: str
    text: str = ""
    sigma: float | None = None

    @property
    def precision(self) -> float:
        """The paper's error, else half a unit of the last printed digit."""
        if self.sigma is not None:
            return float(self.sigma)
        return half_unit(self.text or repr(self.value))


@dataclass(frozen=True)
class Row:
    """One published-vs-ours comparison, judged by the book's one rule (:data:`RULE`).

    Parameters
    ----------
    paper : str
        Bibliography key of the paper, e.g. ``"carruzzo2020"``.
    item : str
        Figure, table or equation, e.g. ``"Table I"``.
    quantity : str
        What is compared, with units, e.g. ``"C_th (SiO2) x 1e4"``.
    published : float
        The value printed in the paper.
    ours : float
        This book's value (at the book's central choices).
    uncertainty : float
        Our statistical uncertainty σ_stat (0 for a deterministic formula).
    published_sigma : float
        σ_pub: the paper's error, or half a unit of the last printed digit
        (:attr:`Published.precision`, :func:`half_unit`).
    band : tuple of float, optional
        Our systematic band (lowest, highest value of ours over the documented choices the
        paper leaves open), or None when the paper leaves no choice open.
    band_over : str
        Which choices span the band (shown in the table).
    not_comparable : str
        Non-empty: the reason the two numbers are not comparable; the verdict is then
        "not comparable".
    section : str
        Label of the book section that computes the row (for links from the scorecard).
    note : str
        Short remark.

    All fields after `uncertainty` are keyword-only.

    Examples
    --------
    >>> Row("p", "Table I", "q", published=2.0, ours=2.08, uncertainty=0.04,
    ...     published_sigma=0.03).verdict
    'agrees'
    >>> r = Row("p", "Fig. 1", "mu", 0.27, 0.20, 0.01, published_sigma=0.005, band=(0.18, 0.26))
    >>> r.verdict, round(r.z, 1)
    ('agrees within systematics', 6.3)
    """

    paper: str
    item: str
    quantity: str
    published: float
    ours: float
    uncertainty: float = 0.0
    _: KW_ONLY
    published_sigma: float = 0.0
    band: tuple[float, float] | None = None
    band_over: str = ""
    not_comparable: str = ""
    section: str = ""
    note: str = ""

    @property
    def deviation(self) -> float:
        """Relative deviation ``(ours - published) / abs(published)``."""
        if self.published == 0:
            return math.inf if self.ours != 0 else 0.0
        return (self.ours - self.published) / abs(self.published)

    @property
    def sigma(self) -> float:
        """σ = √(σ_stat² + σ_pub²) of the comparison."""
        stat = self.uncertainty if math.isfinite(self.uncertainty) else 0.0
        return math.hypot(stat, self.published_sigma)

    @property
    def z(self) -> float:
        """Significance |ours − published| / σ (inf for a difference with σ = 0)."""
        diff = abs(self.ours - self.published)
        if self.sigma == 0:
            return 0.0 if diff == 0 else math.inf
        return diff / self.sigma

    @property
    def verdict(self) -> str:
        """One of :data:`VERDICTS`, by :data:`RULE`."""
        if self.not_comparable:
            return "not comparable"
        if self.z <= 2.0:
            return "agrees"
        if self.band is not None:
            lo, hi = min(self.band), max(self.band)
            if lo - 2 * self.sigma <= self.published <= hi + 2 * self.sigma:
                return "agrees within systematics"
        return "disagrees"

    def as_dict(self) -> dict:
        """Return the row as a flat dict including ``sigma``, ``z`` and ``verdict``."""
        return {**asdict(self), "deviation": self.deviation, "sigma": self.sigma, "z": self.z,
                "verdict": self.verdict}


@dataclass(frozen=True)
class Result:
    """One of our results that no paper has: a value with its uncertainty, and no verdict.

    The "beyond the papers" group of the scorecard (:mod:`tlspaper.papers.beyond`) is made of
    these; with nothing published to compare with, :data:`RULE` does not apply.

    Parameters
    ----------
    group : str
        Which extension computes it, e.g. ``"thermodynamic limit"``.
    item : str
        What it is, e.g. ``"μ(T → 0), L → ∞"``.
    quantity : str
        The quantity with its units and parameters, e.g. ``"μ at J0 = 2 K"``.
    value : float
        Our value (at the book's central choices).
    uncertainty : float
        Its statistical uncertainty (one standard deviation).

    All fields after `uncertainty` are keyword-only.

    band : tuple of float, optional
        Our systematic band over the documented choices, as in :class:`Row`.
    band_over : str
        Which choices span the band.
    section : str
        Label of the book section that computes it.
    note : str
        Short remark.

    Examples
    --------
    >>> Result("limit", "mu(T -> 0)", "mu, J0 = 2 K", 0.21, 0.01, band=(0.2, 0.23)).value
    0.21
    """

    group: str
    item: str
    quantity: str
    value: float
    uncertainty: float = 0.0
    _: KW_ONLY
    band: tuple[float, float] | None = None
    band_over: str = ""
    section: str = ""
    note: str = ""

    def as_dict(self) -> dict:
        """Return the result as a flat dict."""
        return asdict(self)


def counts(rows) -> dict[str, dict[str, int]]:
    """Count the verdicts per paper: ``{paper: {verdict: n}}`` with every verdict present.

    Examples
    --------
    >>> counts([Row("a", "i", "q", 1.0, 1.0), Row("a", "i", "q", 1.0, 3.0)])["a"]["disagrees"]
    1
    """
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r.paper, dict.fromkeys(VERDICTS, 0))[r.verdict] += 1
    return out


def collect(papers) -> list[Row]:
    """Compute the rows of every paper module, in the given order.

    Parameters
    ----------
    papers : iterable of module
        Paper modules of :mod:`tlspaper.papers`, each defining ``rows() -> list[Row]``.

    Returns
    -------
    list of Row
    """
    return [row for paper in papers for row in paper.rows()]


def format_value(x: float, unc: float = 0.0) -> str:
    """Format a value with its uncertainty to 3 significant digits.

    Examples
    --------
    >>> format_value(0.12694, 0.0031)
    '0.127 ± 0.0031'
    >>> format_value(2.9e-4)
    '0.00029'
    """
    text = f"{x:.3g}"
    if unc and math.isfinite(unc) and unc > 0:
        text += f" ± {unc:.2g}"
    return text


def _verdict_cell(r: Row) -> str:
    if r.verdict == "disagrees":
        return f"**disagrees** ({r.z:.1f}σ)"
    if r.verdict == "not comparable":
        return f"not comparable: {r.not_comparable}"
    return r.verdict


def _band_cell(r) -> str:
    """The systematic-band cell of a Row or Result: "lo … hi (choices)", or "–"."""
    if r.band is None:
        return "–"
    return (f"{format_value(min(r.band))} … {format_value(max(r.band))}"
            + (f" ({r.band_over})" if r.band_over else ""))


def _item_cell(r, link) -> str:
    """The item cell of a Row or Result, linked when `link` gives a URL for it."""
    url = link(r) if link is not None else None
    return f"[{r.item}]({url})" if url else r.item


def to_markdown(rows: list[Row], names: dict[str, str] | None = None, link=None) -> str:
    """Render rows as a Markdown table (used by the scorecard appendix and each chapter).

    Parameters
    ----------
    rows : list of Row
    names : dict, optional
        Bibliography key -> how the paper is named in the table (e.g. its citation).
    link : callable, optional
        ``link(row) -> str or None``: a URL for the row's item (the section computing it).

    Returns
    -------
    str
        A GitHub-flavoured Markdown table.

    Examples
    --------
    >>> row = Row("a", "Eq. 1", "x", 1.0, 1.5, 0.1, published_sigma=0.05)
    >>> print(to_markdown([row]).splitlines()[2])
    | a | Eq. 1 | x | 1 ± 0.05 | 1.5 ± 0.1 | – | **disagrees** (4.5σ) |
    """
    names = names or {}
    head = "| paper | item | quantity | published | ours ± stat. | systematic band | verdict |\n"
    head += "|---|---|---|---|---|---|---|\n"
    lines = []
    for r in rows:
        band, item = _band_cell(r), _item_cell(r, link)
        lines.append(
            f"| {names.get(r.paper, r.paper)} | {item} | {r.quantity} | "
            f"{format_value(r.published, r.published_sigma)} | "
            f"{format_value(r.ours, r.uncertainty)} | {band} | {_verdict_cell(r)} |"
        )
    return head + "\n".join(lines)


def results_to_markdown(results: list[Result], link=None) -> str:
    """Render results that have no published counterpart as a Markdown table.

    Parameters
    ----------
    results : list of Result
    link : callable, optional
        ``link(result) -> str or None``: a URL for the result's item.

    Returns
    -------
    str
        A GitHub-flavoured Markdown table.

    Examples
    --------
    >>> r = Result("limit", "Fig. A", "mu", 0.21, 0.01, note="L = 8-16")
    >>> print(results_to_markdown([r]).splitlines()[2])
    | limit | Fig. A | mu | 0.21 ± 0.01 | – | L = 8-16 |
    """
    head = "| extension | item | quantity | ours ± stat. | systematic band | note |\n"
    head += "|---|---|---|---|---|---|\n"
    lines = []
    for r in results:
        band, item = _band_cell(r), _item_cell(r, link)
        lines.append(f"| {r.group} | {item} | {r.quantity} | "
                     f"{format_value(r.value, r.uncertainty)} | {band} | {r.note or '–'} |")
    return head + "\n".join(lines)
