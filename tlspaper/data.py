"""The data registry: every file the book reads, fetched through pooch and checked by sha256.

From a checkout, files are read from the repository's ``data/`` folder (offline) and their
hash is verified on every fetch.  An installed package without the checkout downloads them
with pooch from ``$TLSPAPER_DATA_URL`` (default :data:`DEFAULT_BASE_URL`) into the user cache.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import numpy as np
import pooch

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

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/tlspaper/tlspaper/main/data/"
#: Environment variable overriding the remote base URL of the fallback download.
BASE_URL_ENV = "TLSPAPER_DATA_URL"
#: Environment variable pointing at a data folder to use instead of the checkout's ``data/``.
DATA_DIR_ENV = "TLSPAPER_DATA_DIR"

_CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"


class DataError(RuntimeError):
    """A registry file is unknown, missing, corrupted or malformed."""


def data_dir() -> Path | None:
    """Return the local data folder (``$TLSPAPER_DATA_DIR`` or the checkout's ``data/``).

    Returns
    -------
    pathlib.Path or None
        The folder holding ``registry.txt``, or None for an installed package without
        a checkout (files are then downloaded by pooch).
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return _CHECKOUT_DATA if (_CHECKOUT_DATA / "registry.txt").is_file() else None


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
    """Return the registry as ``{file name: sha256 hex digest}``.

    Examples
    --------
    >>> reg = registry()
    >>> all(len(h) == 64 for h in reg.values())
    True
    """
    local = data_dir()
    if local is not None:
        path = local / "registry.txt"
        if not path.is_file():
            raise DataError(
                f"no registry at {path}; set {DATA_DIR_ENV} to a folder with registry.txt"
            )
        return _parse_registry(path.read_text(), str(path))
    path = pooch.retrieve(
        _base_url() + "registry.txt", known_hash=None, path=pooch.os_cache("tlspaper")
    )
    return _parse_registry(Path(path).read_text(), path)


def _base_url() -> str:
    url = os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL)
    return url if url.endswith("/") else url + "/"


def fetch(name: str) -> Path:
    """Return the local path of registry file `name`, after checking its sha256.

    Parameters
    ----------
    name : str
        File name as listed in ``data/registry.txt``.

    Returns
    -------
    pathlib.Path
        Path of the verified file.

    Raises
    ------
    DataError
        If `name` is not in the registry, the file is missing, or its sha256 differs from the
        registry (the message names the file, both hashes and what to do).

    Examples
    --------
    >>> fetch("glasses_carruzzo_yu_2020.csv").name
    'glasses_carruzzo_yu_2020.csv'
    """
    reg = registry()
    if name not in reg:
        raise DataError(
            f"{name!r} is not in the data registry; known files: {', '.join(sorted(reg))}. "
            "Add new files with tlspaper.data.register()."
        )
    expected = reg[name]
    local = data_dir()
    if local is None:
        return Path(
            pooch.retrieve(
                _base_url() + name,
                known_hash=f"sha256:{expected}",
                fname=name,
                path=pooch.os_cache("tlspaper"),
            )
        )
    path = local / name
    if not path.is_file():
        raise DataError(
            f"data file {path} is missing (registry expects sha256 {expected}). Restore it with "
            f"'git checkout -- data/{name}' or regenerate it with the command given for it in "
            "data/README.md."
        )
    actual = pooch.file_hash(str(path), alg="sha256")
    if actual != expected:
        raise DataError(
            f"data file {path} is corrupted or was changed: its sha256 is {actual}, the registry "
            f"expects {expected}. Restore it with 'git checkout -- data/{name}', or if the change "
            "is intended, regenerate it as data/README.md describes and run "
            f"tlspaper.data.register('{path}') to record the new hash."
        )
    return path


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
