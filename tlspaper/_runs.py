"""Checkpointed, resumable driver of realization datasets, taking an explicit spec."""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ._checks import positive as _check_positive
from ._checks import positive_int as _check_positive_int

__all__ = ["RunSpec", "generate", "load", "run"]


@dataclass(frozen=True)
class RunSpec:
    """Everything that determines a realization dataset: configurations, counts, seed, solver.

    Realization r of configuration k is drawn from
    ``numpy.random.default_rng(SeedSequence([seed, k, r]))``, so a spec determines every
    stored number; only the wall times in the provenance vary from run to run.

    Parameters
    ----------
    configs : tuple of dict
        One dict of JSON-serialisable parameters per configuration, each with a unique
        ``"label"``; stored in the provenance and passed to `solver`.
    realizations : tuple of int
        Number of realizations of each configuration (same length as `configs`), >= 1.
    seed : int
        Master seed, >= 0.
    solver : callable
        ``solver(config, rng, r) -> dict`` returning, for realization r, the values to store
        (arrays of one shape per key, and a ``"converged"`` flag).
    units : str
        The units of the stored values, recorded in the provenance.
    block : int
        Realizations per stored block, >= 1.  With ``block > 1`` the values of the
        `block` consecutive realizations of a block are summed (histogram counts add up;
        a ``"converged"`` flag becomes the number of converged realizations of the block),
        so a file stores one row per block and its size does not grow with the statistics.
        The counts in `realizations` must then be multiples of `block`.

    Examples
    --------
    >>> spec = RunSpec(({"label": "a"},), (2,), 7, lambda cfg, rng, r: {"converged": True})
    >>> spec.with_realizations(5).realizations
    (5,)
    """

    configs: tuple
    realizations: tuple
    seed: int
    solver: Callable
    units: str = ""
    block: int = 1

    def __post_init__(self):
        configs = tuple(dict(c) for c in self.configs)
        labels = [c.get("label") for c in configs]
        if not configs or any(not isinstance(lab, str) for lab in labels):
            raise ValueError(f"configs must be a non-empty sequence of dicts with a 'label', "
                             f"got labels {labels}")
        if len(set(labels)) != len(labels):
            raise ValueError(f"config labels must be unique, got {labels}")
        counts = tuple(_check_positive_int("realizations", n, 1) for n in self.realizations)
        if len(counts) != len(configs):
            raise ValueError(f"realizations needs one count per config ({len(configs)}), "
                             f"got {len(counts)}")
        if not isinstance(self.seed, int | np.integer) or self.seed < 0:
            raise ValueError(f"seed must be an integer >= 0, got {self.seed!r}")
        block = _check_positive_int("block", self.block, 1)
        if any(n % block for n in counts):
            raise ValueError(f"realizations {counts} must be multiples of block = {block}")
        if not callable(self.solver):
            raise ValueError(f"solver must be callable, got {self.solver!r}")
        object.__setattr__(self, "configs", configs)
        object.__setattr__(self, "realizations", counts)
        object.__setattr__(self, "seed", int(self.seed))

    def with_realizations(self, n: int) -> RunSpec:
        """The same spec with `n` realizations of every configuration (e.g. a quick test).

        The block becomes gcd(block, n), so that `n` is a whole number of blocks.

        Parameters
        ----------
        n : int
            Realizations per configuration, >= 1.

        Returns
        -------
        RunSpec
        """
        n = _check_positive_int("realizations", n, 1)
        return replace(self, realizations=(n,) * len(self.configs),
                       block=math.gcd(self.block, n))

    def with_counts(self, counts) -> RunSpec:
        """The same spec with the realization counts `counts` (one per configuration).

        Parameters
        ----------
        counts : sequence of int
            Realizations per configuration (multiples of ``block``).

        Returns
        -------
        RunSpec
        """
        return replace(self, realizations=tuple(counts))


def _checkpoint_key(spec: RunSpec, k: int) -> str:
    """Hash of what determines the realizations of configuration k (not their count).

    The solver enters by name and by the bytecode of its body, so that editing what it
    computes or stores (not its docstring) starts a new checkpoint instead of resuming a stale
    one.
    """
    solver = f"{getattr(spec.solver, '__module__', '')}.{getattr(spec.solver, '__qualname__', '')}"
    code = getattr(spec.solver, "__code__", None)
    if code is not None:
        solver += "#" + hashlib.sha256(code.co_code + repr(code.co_names).encode()).hexdigest()[:12]
    key = {"config": spec.configs[k], "k": k, "seed": spec.seed, "solver": solver}
    if spec.block > 1:
        key["block"] = spec.block
    text = json.dumps(key, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run(spec: RunSpec, output, *, generator: str | None = None, checkpoint_dir=None,
        checkpoint_every: float = 60.0, progress: bool = False) -> Path:
    """Run every realization of `spec`, checkpointing, and write one ``.npz`` with provenance.

    For configuration k the values returned by the solver for realization r are stacked into
    arrays ``<key>_k`` of shape (realizations, ...).  Progress is saved every
    `checkpoint_every` seconds (and at the end of each configuration) to
    ``checkpoint_dir``, in a file named by a hash of the configuration, seed and solver; a
    re-run of the same spec resumes from it, and a run with more realizations extends it.

    Parameters
    ----------
    spec : RunSpec
        What to run.
    output : path-like
        The ``.npz`` to write (atomically); its folder is created if needed.
    generator : str, optional
        How the file was made, for the provenance (default: the solver's qualified name).
    checkpoint_dir : path-like, optional
        Folder for checkpoints (default ``pooch.os_cache("tlspaper") / "checkpoints"``).
    checkpoint_every : float
        Seconds between checkpoints, > 0.
    progress : bool
        Show a tqdm progress bar per configuration.

    Returns
    -------
    pathlib.Path
        `output`.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> solver = lambda cfg, rng, r: {"x": rng.normal(size=2), "converged": True}
    >>> spec = RunSpec(({"label": "a"},), (3,), 1, solver)
    >>> path = run(spec, d / "x.npz", checkpoint_dir=d)
    >>> configs, meta = load(path)
    >>> configs[0]["x"].shape, meta["configs"][0]["realizations"]
    ((3, 2), 3)
    """
    from . import __version__, data

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    checkpoint_every = _check_positive("checkpoint_every", checkpoint_every)
    if checkpoint_dir is None:
        import pooch

        checkpoint_dir = Path(pooch.os_cache("tlspaper")) / "checkpoints"
    checkpoint_dir = Path(checkpoint_dir)
    checkpoint_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    meta_configs = []
    t_start = time.time()
    B = spec.block
    for k, (cfg, R) in enumerate(zip(spec.configs, spec.realizations, strict=True)):
        ckpt = checkpoint_dir / f"{output.stem}.{k}.{_checkpoint_key(spec, k)}.npz"
        done: dict[str, list] = {}
        wall = 0.0
        if ckpt.is_file():
            with np.load(ckpt, allow_pickle=False) as f:
                done = {key: list(f[key])[:R // B] for key in f.files
                        if key not in ("wall", "meta")}
                wall = float(f["wall"])
        r0 = B * len(next(iter(done.values()))) if done else 0
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=R, initial=r0, desc=f"{output.name} [{cfg['label']}]")
        last_ckpt = time.time()
        acc: dict = {}
        for r in range(r0, R):
            t0 = time.time()
            rng = np.random.default_rng(np.random.SeedSequence([spec.seed, k, r]))
            out = spec.solver(dict(cfg), rng, r)
            wall += time.time() - t0
            if r == r0 and done and set(out) != set(done):
                raise ValueError(f"checkpoint {ckpt} stores {sorted(done)} but the solver now "
                                 f"returns {sorted(out)}; delete the checkpoint to start over")
            if B == 1:
                for key, val in out.items():
                    done.setdefault(key, []).append(val)
            else:
                for key, val in out.items():
                    val = np.asarray(val)
                    if val.dtype == bool:
                        val = val.astype(np.int64)
                    acc[key] = acc[key] + val if key in acc else val.copy()
                if (r + 1) % B == 0:
                    for key, val in acc.items():
                        done.setdefault(key, []).append(val)
                    acc = {}
            if bar is not None:
                bar.update(1)
            if ((time.time() - last_ckpt > checkpoint_every and (r + 1) % B == 0)
                    or r == R - 1):
                data.save_npz(ckpt, {**{kk: np.array(v) for kk, v in done.items()},
                                     "wall": np.array(wall)}, {})
                last_ckpt = time.time()
        if bar is not None:
            bar.close()
        for key, val in done.items():
            arrays[f"{key}_{k}"] = np.array(val)
        if B == 1:
            conv = np.array(done.get("converged", [True] * R))
            not_conv = int((~conv.astype(bool)).sum())
        else:
            not_conv = int(R - np.sum(done["converged"])) if "converged" in done else 0
        meta_configs.append({**cfg, "realizations": R, "wall_time_s": round(wall, 1),
                             "not_converged": not_conv})
    if generator is None:
        generator = f"{spec.solver.__module__}.{spec.solver.__qualname__}"
    meta = {
        "generator": generator, "seed": spec.seed, "version": __version__,
        "configs": meta_configs, "wall_time_s": round(time.time() - t_start, 1),
        "units": spec.units, "block": B,
    }
    return data.save_npz(output, arrays, meta)


def generate(name: str, spec: RunSpec, *, realizations: int | None = None, output=None,
             checkpoint_dir=None, progress: bool = True) -> Path:
    """Run `spec` as the registry dataset `name`, never replacing a registered file.

    The ``generate`` of the paper modules whose datasets are :class:`RunSpec` runs.  Without
    `output` the file goes to the local data folder under `name` and is registered (its sha256
    recorded); if a file of that name is already there, a ValueError is raised before anything
    runs (a registered file is never modified in place).

    Parameters
    ----------
    name : str
        Registry name of the dataset.
    spec : RunSpec
        What to run.
    realizations : int, optional
        Realizations per configuration instead of the spec's counts (e.g. a quick test).
    output : path-like, optional
        Where to write instead of the data folder (nothing is then registered).
    checkpoint_dir : path-like, optional
        Folder for checkpoints (default in the pooch cache).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    from . import data

    command = f"tlspaper generate {name}"
    if realizations is not None:
        spec = spec.with_realizations(realizations)
        command += f" --realizations {realizations}"
    register = output is None
    if register:
        folder = data.data_dir()
        if folder is None:
            raise ValueError("no data folder found; pass output=PATH")
        output = folder / name
        if output.exists():
            raise ValueError(f"{output} exists and is registered; write elsewhere with "
                             "output=PATH (a registered file is never modified in place)")
    path = run(spec, output, generator=command, checkpoint_dir=checkpoint_dir, progress=progress)
    if register:
        data.register(path)
    return path


def load(name) -> tuple[list[dict], dict]:
    """Load a dataset written by :func:`run`: one dict of arrays per configuration, plus meta.

    Parameters
    ----------
    name : str or path-like
        Registry file name (a bare ``str``), or the path of a file written by :func:`run`
        (a :class:`pathlib.Path`, or a ``str`` with a folder).

    Returns
    -------
    configs : list of dict
        For configuration k: its parameters (from the provenance) and its arrays with the
        ``_k`` suffix removed (e.g. ``E_hist``, ``converged``; one row per realization, or
        per block of realizations when the spec had ``block > 1``).
    meta : dict
        The provenance stored in the file.

    Examples
    --------
    >>> cfgs, meta = load("meanfield_tls_size.npz")
    >>> cfgs[0]["label"], meta["block"], cfgs[0]["E_hist"].shape  # 1000 realizations, 25 blocks
    ('N=100 [paper]', 40, (25, 400))
    """
    from . import data

    path = Path(name)
    if isinstance(name, str) and path.parent == Path("."):
        arrays, meta = data.load_npz(name)
    else:
        with np.load(path, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files if k != "meta"}
            meta = json.loads(str(f["meta"])) if "meta" in f.files else {}
    out = []
    for k, cfg in enumerate(meta["configs"]):
        entry = dict(cfg)
        for key, val in arrays.items():
            stem, _, idx = key.rpartition("_")
            if idx == str(k):
                entry[stem] = val
        out.append(entry)
    return out, meta

