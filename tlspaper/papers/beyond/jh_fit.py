"""Placeholder for the jh_fit extension (being written)."""

from __future__ import annotations

__all__ = ["DATASETS", "generate", "results"]

DATASETS: dict = {}


def generate(name: str, **options):
    """Regenerate dataset `name` (none yet)."""
    raise KeyError(name)


def results() -> list:
    """The extension's results (none yet)."""
    return []
