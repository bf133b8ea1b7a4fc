"""Sphinx extension: verify the data registry before chapters run; new data or code reruns them."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

__all__ = ["invalidate_stale_cache", "setup", "verify_registry"]


def verify_registry(app=None) -> int:
    """Check every file of the data registry; raise naming the first bad file.

    The execution cache keys on notebook source only, so without this check a changed data
    file would leave stale figures in a "successful" build.

    Returns
    -------
    int
        Number of files verified.
    """
    from tlspaper import data

    names = sorted(data.registry())
    for name in names:
        try:
            data.fetch(name)
        except data.DataError as exc:
            raise ExtensionError(f"data registry check failed: {exc}") from None
    return len(names)


def invalidate_stale_cache(app) -> bool:
    """Drop the notebook execution cache when the registry or the package version changed.

    The cache keys on the chapters' code only; a re-registered dataset or a new package version
    must re-execute every chapter.

    Returns
    -------
    bool
        True if the cache was dropped.
    """
    import tlspaper
    from tlspaper import data

    reg = "".join(f"{k} {v}\n" for k, v in sorted(data.registry().items()))
    stamp_text = hashlib.sha256(f"{tlspaper.__version__}\n{reg}".encode()).hexdigest()
    cache = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    stamp = cache.parent / ".data_stamp"
    if stamp.is_file() and stamp.read_text() == stamp_text:
        return False
    dropped = cache.is_dir()
    shutil.rmtree(cache, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(stamp_text)
    return dropped


def _on_builder_inited(app) -> None:
    verify_registry(app)
    invalidate_stale_cache(app)


def setup(app):
    """Verify the registry and refresh the execution cache when the builder starts."""
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
