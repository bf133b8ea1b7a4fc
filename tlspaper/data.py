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
import difflib
import json
import os
import zipfile
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
    "read_lines",
    "register",
    "registry",
    "resolve",
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


def resolve(name: str | os.PathLike) -> Path:
    """The file `name` stands for: a registry file (checked by :func:`fetch`) or your own file.

    A string that is a registry name is fetched and hash-checked; anything else (a string
    that is not a registry name, or a :class:`pathlib.Path`) is a path to a file of your own,
    read as it is.

    Parameters
    ----------
    name : str or path-like
        Registry file name, or path of a file (absolute, or relative to the current folder).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    DataError
        If `name` is neither a registry name nor an existing file; the message gives the
        absolute path looked for and the nearest file names.

    Examples
    --------
    >>> resolve("glasses_carruzzo_yu_2020.csv").name
    'glasses_carruzzo_yu_2020.csv'
    >>> resolve("glasses_carruzo_yu_2020.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tlspaper.data.DataError: no such file ...; did you mean 'glasses_carruzzo_yu_2020.csv'?
    """
    if not isinstance(name, os.PathLike):
        name = str(name)
        try:
            reg = registry()
        except DataError:
            reg = {}
        if name in reg:
            return fetch(name)
    path = Path(name).expanduser()
    if path.is_file():
        return path
    if path.is_dir():
        raise DataError(f"{path}: is a folder; give the path of a data file inside it")
    where = path.resolve()
    bare = not isinstance(name, os.PathLike) and os.sep not in name and "/" not in name
    if bare:
        try:
            known = sorted(registry())
        except DataError:
            known = []
        here = [f.name for f in Path.cwd().iterdir() if f.is_file()]
        near = difflib.get_close_matches(name, here + known, n=1, cutoff=0.8)
        hint = (f"did you mean {near[0]!r}?" if near else
                "registry names are listed by tlspaper.data.registry()")
        raise DataError(f"no such file {where}, and {name!r} is not a registry name either; "
                        f"{hint}")
    if not where.parent.is_dir():
        raise DataError(f"no such file {where}: the folder {where.parent} does not exist")
    near = difflib.get_close_matches(path.name, [f.name for f in where.parent.iterdir()], n=1,
                                     cutoff=0.8)
    hint = f"; did you mean {near[0]!r} in that folder?" if near else ""
    raise DataError(f"no such file {where}{hint}")


def read_lines(path: str | os.PathLike) -> list[str]:
    r"""The lines of a UTF-8 text file, without a leading byte-order mark (as Excel writes).

    Parameters
    ----------
    path : path-like
        An existing file.

    Returns
    -------
    list of str
        The lines, without line endings.

    Raises
    ------
    DataError
        If the file is not UTF-8 text (e.g. saved as "CSV (Windows)" in a legacy code page).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = Path(d) / "x.csv"
    ...     _ = f.write_bytes(b"\xef\xbb\xbfT_K,y\n0.1,2\n")
    ...     read_lines(f)
    ['T_K,y', '0.1,2']
    """
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8 "
            "(in Excel: 'CSV UTF-8')"
        ) from None


def load_csv(name: str | os.PathLike, required: tuple[str, ...] = (),
             numeric: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """Load a CSV table (registry file or your own) as ``{column: array}``.

    Lines starting with ``#`` are comments (provenance) and blank lines are skipped; the first
    other line is the header.  A UTF-8 byte-order mark is ignored.  A column whose cells are
    all numbers (empty cells: NaN) becomes a float array, any other a string array; every row
    must have as many cells as the header (extra empty cells at the end are ignored).

    Parameters
    ----------
    name : str or path-like
        Registry file name, or path of a CSV file of your own (see :func:`resolve`).
    required : tuple of str
        Columns that must be present.
    numeric : tuple of str
        Columns whose every cell must be a number (no text, no empty cell).

    Returns
    -------
    dict of str to numpy.ndarray
        One array per column, in file order.

    Raises
    ------
    DataError
        If the file does not exist, a required column is missing, the file has no rows, a row
        has the wrong number of cells, or a `numeric` cell is not a number; the message names
        the file, the line and the column.

    Examples
    --------
    >>> table = load_csv("glasses_carruzzo_yu_2020.csv", required=("glass", "rho_kg_m3"))
    >>> str(table["glass"][0]), float(table["rho_kg_m3"][0])
    ('SiO2', 2200.0)
    """
    path = resolve(name)
    header, header_line, rows = None, 0, []
    for lineno, line in enumerate(read_lines(path), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in next(csv.reader([line]))]
        if header is None:
            header, header_line = cells, lineno
            continue
        while len(cells) > len(header) and cells[-1] == "":
            cells.pop()
        if len(cells) != len(header):
            raise DataError(
                f"{path}, line {lineno}: {len(cells)} cell(s), but the header (line "
                f"{header_line}) has {len(header)}: {','.join(header)}"
            )
        rows.append((lineno, cells))
    if header is None or not rows:
        raise DataError(f"{path}: no data rows below the header")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {missing}; found {header}, required {list(required)}"
        )
    out = {}
    for j, col in enumerate(header):
        values = [cells[j] for _, cells in rows]
        try:
            out[col] = np.array([float(v) if v else np.nan for v in values])
        except ValueError:
            out[col] = np.array(values)
        if col in numeric:
            for (lineno, _), v in zip(rows, values, strict=True):
                try:
                    float(v)
                except ValueError:
                    what = "is empty" if not v else f"is {v!r}, not a number"
                    raise DataError(
                        f"{path}, line {lineno}, column {j + 1} ({col}): the cell {what}"
                    ) from None
    return out


def load_npz(name: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict]:
    """Load an ``.npz`` dataset and its JSON provenance (stored under key ``meta``).

    Parameters
    ----------
    name : str or path-like
        Registry file name, or path of a file of your own (see :func:`resolve`), e.g. one
        written by ``tlspaper simulate --output PATH``.

    Returns
    -------
    arrays : dict of str to numpy.ndarray
    meta : dict
        Parameters, seed, realization count, code version, wall time, ...

    Raises
    ------
    DataError
        If the file does not exist or is not an ``.npz`` archive.

    Examples
    --------
    >>> arrays, meta = load_npz("dos_mc_L8_J2K.npz")
    >>> meta["realizations"] > 0 and "counts" in arrays
    True
    """
    path = resolve(name)
    try:
        with np.load(path, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files if k != "meta"}
            meta = json.loads(str(f["meta"])) if "meta" in f.files else {}
    except (OSError, ValueError, TypeError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: not a readable .npz dataset ({exc})") from None
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
