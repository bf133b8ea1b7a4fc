"""Input validation shared by the physics modules: clear errors naming argument, value and rule."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["positive", "positive_array", "positive_int"]


def _rule_where(unit: str, allow_zero: bool) -> tuple[str, str]:
    """The rule (">= 0" or "> 0") and the unit clause of an error message."""
    return (">= 0" if allow_zero else "> 0"), (f" (in {unit.strip()})" if unit.strip() else "")


def positive(name: str, value, unit: str = "", allow_zero: bool = False) -> float:
    """Return `value` as a float after checking it is finite and > 0 (or >= 0).

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    value : float
        The value to check.
    unit : str, optional
        Unit shown in the error message.
    allow_zero : bool, optional
        Accept 0.

    Examples
    --------
    >>> positive("T", 0.5)
    0.5
    >>> positive("T", -1, unit="K")
    Traceback (most recent call last):
    ...
    ValueError: T must be a finite number > 0 (in K), got -1.0
    """
    rule, where = _rule_where(unit, allow_zero)
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite number {rule}{where}, got {value!r}") from None
    if not math.isfinite(x) or (x < 0 if allow_zero else x <= 0):
        raise ValueError(f"{name} must be a finite number {rule}{where}, got {x!r}")
    return x


def positive_array(name: str, value, unit: str = "", allow_zero: bool = False) -> np.ndarray:
    """Return `value` as a non-empty float array after checking every element is finite and > 0.

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    value : array_like
        The values to check.
    unit : str, optional
        Unit shown in the error message.
    allow_zero : bool, optional
        Accept zeros.

    Examples
    --------
    >>> positive_array("E", [1.0, 2.0]).tolist()
    [1.0, 2.0]
    >>> positive_array("E", [1.0, -2.0], unit="K")
    Traceback (most recent call last):
    ...
    ValueError: E must be finite and > 0 (in K), got -2.0 (1 of 2 elements)
    """
    rule, where = _rule_where(unit, allow_zero)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be finite and {rule}{where}, got {value!r}") from None
    if arr.size == 0:
        raise ValueError(f"{name} is empty; give at least one value{where}")
    bad = ~np.isfinite(arr) | ((arr < 0) if allow_zero else (arr <= 0))
    if np.any(bad):
        first = float(arr[bad].flat[0])
        count = "" if arr.ndim == 0 else f" ({int(bad.sum())} of {arr.size} elements)"
        raise ValueError(f"{name} must be finite and {rule}{where}, got {first!r}{count}")
    return arr


def positive_int(name: str, value, minimum: int) -> int:
    """Return `value` as an int after checking it is an integer (not a bool) >= `minimum`.

    Parameters
    ----------
    name : str
        Argument name used in the error message.
    value : int
        The value to check (Python or NumPy integer; floats are rejected).
    minimum : int
        Smallest allowed value.

    Returns
    -------
    int
        `value` as a Python int.

    Examples
    --------
    >>> positive_int("N", 5, 2)
    5
    >>> positive_int("N", 1, 2)
    Traceback (most recent call last):
    ...
    ValueError: N must be an integer >= 2, got 1
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)
