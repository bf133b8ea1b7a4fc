"""The scorecard: the published-vs-ours row, its verdict rule, rendering and collection."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import NamedTuple

__all__ = ["Published", "Row", "collect", "format_value", "to_markdown"]


class Published(NamedTuple):
    """A number printed in a paper, with where it is printed.

    Parameters
    ----------
    value : float or tuple
        The value exactly as printed (a tuple for a printed range or list).
    where : str
        Where it is printed, e.g. ``"Table II"``, ``"Sec. III A, text after Eq. 9"``.

    Examples
    --------
    >>> Published(0.57, "text after Eq. 11").value
    0.57
    """

    value: float | tuple
    where: str


@dataclass(frozen=True)
class Row:
    """One published-vs-ours comparison.

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
        This book's value.
    uncertainty : float
        Our statistical uncertainty (0 for a deterministic formula, NaN if unknown).
    tolerance : float
        Relative tolerance ``abs(ours - published) / abs(published)`` within which we call it
        reproduced (stated per row, e.g. the paper's rounding).
    note : str
        Short remark (e.g. why a deviation is expected).
    """

    paper: str
    item: str
    quantity: str
    published: float
    ours: float
    uncertainty: float = 0.0
    tolerance: float = 0.05
    note: str = ""

    @property
    def deviation(self) -> float:
        """Relative deviation ``(ours - published) / abs(published)``."""
        if self.published == 0:
            return math.inf if self.ours != 0 else 0.0
        return (self.ours - self.published) / abs(self.published)

    @property
    def within(self) -> bool:
        """True if ``abs(deviation) <= tolerance`` or published is within 2 sigma of ours."""
        if abs(self.deviation) <= self.tolerance:
            return True
        return bool(
            self.uncertainty > 0 and abs(self.ours - self.published) <= 2 * self.uncertainty
        )

    def as_dict(self) -> dict:
        """Return the row as a flat dict including ``deviation`` and ``within``."""
        return {**asdict(self), "deviation": self.deviation, "within": self.within}


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


def to_markdown(rows: list[Row]) -> str:
    """Render rows as a Markdown table (used by the scorecard appendix and each chapter)."""
    head = (
        "| paper | item | quantity | published | ours ± unc. | deviation | tolerance | within |\n"
    )
    head += "|---|---|---|---|---|---|---|---|\n"
    lines = [
        f"| {r.paper} | {r.item} | {r.quantity} | {format_value(r.published)} | "
        f"{format_value(r.ours, r.uncertainty)} | {100 * r.deviation:+.1f} % | "
        f"{100 * r.tolerance:.0f} % | {'yes' if r.within else '**no**'} |"
        for r in rows
    ]
    return head + "\n".join(lines)
