"""The data registry: every file the book reads, found locally or downloaded, checked by sha256.

A file is looked for, in this order: (1) the local data folder (``$TLSPAPER_DATA_DIR``, or the
``data/`` folder of a checkout), (2) the files installed with the package (the registry and the
small tables: published and measured CSVs), (3) the pooch cache, (4) a download from
:data:`DEFAULT_BASE_URL` (pinned to the package version; ``$TLSPAPER_DATA_URL`` overrides it).
Every file is checked against its sha256 before use; when nothing works, :class:`DataError`
says how to get the file.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import numpy as np
import pooch

from . import __version__
from ._io import atomic_path

__all__ = [
    "BASE_URL_ENV",
    "DATA_DIR_ENV",
    "DEFAULT_BASE_URL",
    "DataError",
    "data_dir",
    "fetch",
    "load_csv",
    "load_npz",
    "register",
    "registry",
    "save_npz",
]

#: The one place that says where the data are published: the ``data/`` folder of the release
#: tagged with this package version.
DEFAULT_BASE_URL = f"https://github.com/tlspaper/tlspaper/raw/v{__version__}/data/"
#: Environment variable overriding the remote base URL of the fallback download.
BASE_URL_ENV = "TLSPAPER_DATA_URL"
#: Environment variable pointing at a data folder to use instead of the checkout's ``data/``.
DATA_DIR_ENV = "TLSPAPER_DATA_DIR"

_CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"
#: The ``data/`` folder's registry and small tables, installed inside the package (a wheel maps
#: ``data/`` to ``tlspaper/_data/``; a checkout has no such folder and uses ``data/`` itself).
_PACKAGED = Path(__file__).resolve().parent / "_data"


class DataError(RuntimeError):
    """A registry file is unknown, missing, corrupted or malformed, or cannot be obtained."""


def data_dir() -> Path | None:
    """Return the local data folder (``$TLSPAPER_DATA_DIR`` or the checkout's ``data/``).

    Returns
    -------
    pathlib.Path or None
        The folder holding ``registry.txt``, or None for an installed package without a
        checkout (files then come from the package, the cache or a download).

    Examples
    --------
    >>> folder = data_dir()
    >>> folder is None or (folder / "registry.txt").is_file()
    True
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return _CHECKOUT_DATA if (_CHECKOUT_DATA / "registry.txt").is_file() else None


def _packaged_file(name: str) -> Path | None:
    """The installed copy of `name` (registry or small table), or None."""
    path = _PACKAGED / name
    return path if path.is_file() else None


def _parse_registry(text: str, source: str) -> dict[str, str]:
    entries = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 2:
            raise DataError(f"{source}, line {lineno}: expected 'NAME sha256:HASH', got {line!r}")
        entries[parts[0]] = parts[1].removeprefix("sha256:")
    return entries


def registry() -> dict[str, str]:
    """Return the registry as ``{file name: sha256 hex digest}`` (never from the network).

    Examples
    --------
    >>> reg = registry()
    >>> all(len(h) == 64 for h in reg.values())
    True
    """
    local = data_dir()
    path = local / "registry.txt" if local is not None else _packaged_file("registry.txt")
    if path is None or not path.is_file():
        raise DataError(
            f"no data registry at {path or 'the installed package'}; set {DATA_DIR_ENV} to a "
            "folder with registry.txt (e.g. the data/ folder of a tlspaper checkout)"
        )
    return _parse_registry(path.read_text(), str(path))


def _base_url() -> str:
    url = os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL)
    return url if url.endswith("/") else url + "/"


def _how_to_get(name: str) -> str:
    return (
        f"Point {DATA_DIR_ENV} at the data/ folder of a tlspaper checkout (git clone the "
        f"repository), or regenerate the file with 'tlspaper generate {name}' into that folder, "
        f"or set {BASE_URL_ENV} to a mirror that serves it."
    )


def _sha256(path: Path) -> str:
    return pooch.file_hash(str(path), alg="sha256")


def fetch(name: str) -> Path:
    """Return the local path of registry file `name`, after checking its sha256.

    Parameters
    ----------
    name : str
        File name as listed in the registry.

    Returns
    -------
    pathlib.Path
        Path of the verified file.

    Raises
    ------
    DataError
        If `name` is not in the registry, the local file is missing or its sha256 differs from
        the registry, or (outside a checkout) no copy can be found or downloaded; the message
        names the file and says what to do.

    Examples
    --------
    >>> fetch("glasses_carruzzo_yu_2020.csv").name
    'glasses_carruzzo_yu_2020.csv'
    """
    reg = registry()
    if name not in reg:
        raise DataError(
            f"{name!r} is not in the data registry; known files: {', '.join(sorted(reg))}. "
            "Add new files with 'tlspaper register PATH'."
        )
    expected = reg[name]
    local = data_dir()
    if local is not None:
        path = local / name
        if not path.is_file():
            raise DataError(
                f"data file {path} is missing (registry expects sha256 {expected}). Restore it "
                f"with 'git checkout -- data/{name}' or regenerate it with "
                f"'tlspaper generate {name}' (data/README.md says how each file was made)."
            )
        actual = _sha256(path)
        if actual != expected:
            raise DataError(
                f"data file {path} is corrupted or was changed: its sha256 is {actual}, the "
                f"registry expects {expected}. Restore it with 'git checkout -- data/{name}', or "
                "if the change is intended, regenerate it as data/README.md describes and run "
                f"'tlspaper register {path}' to record the new hash."
            )
        return path
    for candidate in (_packaged_file(name), Path(pooch.os_cache("tlspaper")) / name):
        if candidate is not None and candidate.is_file() and _sha256(candidate) == expected:
            return candidate
    try:
        return Path(
            pooch.retrieve(
                _base_url() + name,
                known_hash=f"sha256:{expected}",
                fname=name,
                path=pooch.os_cache("tlspaper"),
                downloader=pooch.HTTPDownloader(timeout=20, progressbar=False),
            )
        )
    except Exception as exc:  # network, HTTP or hash errors all end the same way for a user
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise DataError(
            f"data file {name!r} is not installed with the package and could not be downloaded "
            f"from {_base_url()} ({type(exc).__name__}: {reason}). {_how_to_get(name)}"
        ) from None


def register(path: str | os.PathLike) -> str:
    """Add or update a file of the local data folder in ``registry.txt``; return its sha256.

    Parameters
    ----------
    path : path-like
        A file inside the data folder returned by :func:`data_dir`.

    Returns
    -------
    str
        The sha256 hex digest written to the registry.
    """
    local = data_dir()
    path = Path(path).resolve()
    if local is None or path.parent != local.resolve():
        raise DataError(f"cannot register {path}: it must lie directly in the data folder {local}")
    digest = pooch.file_hash(str(path), alg="sha256")
    reg_path = local / "registry.txt"
    lines = reg_path.read_text().splitlines() if reg_path.is_file() else []
    kept = [ln for ln in lines if not ln.split() or ln.split()[0] != path.name]
    kept.append(f"{path.name} sha256:{digest}")
    header = [ln for ln in kept if ln.startswith("#")]
    body = sorted(ln for ln in kept if ln.strip() and not ln.startswith("#"))
    with atomic_path(reg_path) as tmp:
        tmp.write_text("\n".join(header + body) + "\n")
    return digest


def load_csv(name: str, required: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """Load a registry CSV as ``{column: array}``; numeric columns become float arrays.

    Lines starting with ``#`` are comments (provenance).  The first other line is the header.

    Parameters
    ----------
    name : str
        Registry file name, or a path to a CSV file outside the registry (a user's own data).
    required : tuple of str
        Columns that must be present.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per column, in file order.

    Raises
    ------
    DataError
        If a required column is missing or the file has no rows.

    Examples
    --------
    >>> table = load_csv("glasses_carruzzo_yu_2020.csv", required=("glass", "rho_kg_m3"))
    >>> str(table["glass"][0])
    'SiO2'
    """
    path = Path(name) if Path(name).is_file() and name not in registry() else fetch(name)
    with open(path, newline="") as fh:
        rows = [r for r in csv.reader(ln for ln in fh if not ln.lstrip().startswith("#")) if r]
    if len(rows) < 2:
        raise DataError(f"{path}: no data rows below the header")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {missing}; found {header}, required {list(required)}"
        )
    out = {}
    for j, col in enumerate(header):
        values = [r[j].strip() if j < len(r) else "" for r in rows[1:]]
        try:
            out[col] = np.array([float(v) if v else np.nan for v in values])
        except ValueError:
            out[col] = np.array(values)
    return out


def load_npz(name: str) -> tuple[dict[str, np.ndarray], dict]:
    """Load a registry ``.npz`` dataset and its JSON provenance (stored under key ``meta``).

    Returns
    -------
    arrays : dict of str to numpy.ndarray
    meta : dict
        Parameters, seed, realization count, code version, wall time, ...
    """
    with np.load(fetch(name), allow_pickle=False) as f:
        arrays = {k: f[k] for k in f.files if k != "meta"}
        meta = json.loads(str(f["meta"])) if "meta" in f.files else {}
    return arrays, meta


def save_npz(path: str | os.PathLike, arrays: dict[str, np.ndarray], meta: dict) -> Path:
    """Write arrays plus JSON provenance `meta` to a compressed ``.npz``, atomically.

    Parameters
    ----------
    path : path-like
        Target ``.npz`` file.
    arrays : dict of str to numpy.ndarray
    meta : dict
        JSON-serialisable provenance (parameters, seed, realizations, version, wall time).
    """
    path = Path(path)
    with atomic_path(path, suffix=".npz") as tmp:
        np.savez_compressed(tmp, meta=np.array(json.dumps(meta, sort_keys=True)), **arrays)
    return path
