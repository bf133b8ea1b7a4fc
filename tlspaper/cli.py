"""The ``tlspaper`` command line: simulate, generate and register datasets, print the scorecard."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

__all__ = ["build_parser", "main"]


def _schedule(text: str):
    try:
        return tuple(float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--schedule must be comma-separated temperatures in kelvin, got {text!r}"
        ) from None


#: help and description of each subcommand.
_SUBCOMMANDS = {
    "simulate": (
        "Monte Carlo DOS dataset of Eq. 2 (resumes an interrupted run, extends a finished)",
        "Simulated-annealing Monte Carlo of the single-TLS DOS (Churkin et al. 2021, Eq. 2). "
        "Writes DATA/dos_mc_L{L}_J{J0}K.npz atomically, checkpointing to a hidden "
        ".NAME.partial.npz next to it; re-running the same command resumes, and a larger "
        "--realizations extends an existing dataset.",
    ),
    "generate": (
        "regenerate a registered dataset from the spec recorded by its paper",
        "Regenerate the dataset NAME (a file name of the data registry) from the spec its "
        "paper module records (tlspaper.papers.<paper>.DATASETS), with a progress bar, "
        "checkpoints and resume where the generator supports them.",
    ),
    "register": (
        "record a data file's sha256 in the data registry",
        "Add or update PATH (a file directly in the data folder) in registry.txt.",
    ),
    "scorecard": (
        "compute every published-vs-ours comparison and print the table",
        "Compute the scorecard rows of every paper from the cached datasets.",
    ),
}


def _subcommand(sub, name: str, func) -> argparse.ArgumentParser:
    """Add the subcommand `name` (help and description from :data:`_SUBCOMMANDS`) running `func`."""
    help_, description = _SUBCOMMANDS[name]
    p = sub.add_parser(name, help=help_, description=description)
    p.set_defaults(func=func)
    return p


def _add_simulate(sub) -> None:
    p = _subcommand(sub, "simulate", _run_simulate)
    p.add_argument("--L", type=int, required=True, help="lattice size (>= 2)")
    p.add_argument("--J0", type=float, required=True, help="interaction scale [K]")
    p.add_argument("--x", type=float, default=0.5, help="TLS concentration (default 0.5)")
    p.add_argument("--h0", type=float, default=10.0, help="random-field scale [K] (default 10)")
    p.add_argument("--C", type=float, default=1.0, help="short-distance cutoff (default 1)")
    p.add_argument("--sweeps", type=int, default=257, help="sweeps per temperature (default 257)")
    p.add_argument("--schedule", type=_schedule, default=None,
                   help="comma-separated decreasing temperatures [K] (default: the book's 43)")
    p.add_argument("--realizations", type=int, default=10000, help="total realizations wanted")
    p.add_argument("--seed", type=int, default=2021, help="master seed (default 2021)")
    p.add_argument("--n-blocks", type=int, default=100, help="blocks for bootstrap (default 100)")
    p.add_argument("--output", type=Path, default=None,
                   help="dataset path (default: the data folder, registry name)")
    p.add_argument("--chunk", type=int, default=None, help="realizations per task")
    p.add_argument("--threads", type=int, default=None, help="Numba threads (default: all)")
    p.add_argument("--scheduler", default=None,
                   help="Dask scheduler ADDRESS to distribute chunks over (default: local threads)")
    p.add_argument("--checkpoint-every", type=float, default=60.0, help="seconds (default 60)")
    p.add_argument("--meta-json", type=Path, default=None,
                   help="JSON file merged into the provenance (e.g. benchmark figures)")
    p.add_argument("--register", action="store_true",
                   help="record the file's sha256 in the data registry when done")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _run_simulate(args) -> int:
    from . import data
    from . import montecarlo as mc

    model = mc.Model(L=args.L, J0=args.J0, x=args.x, h0=args.h0, C=args.C)
    kwargs = {} if args.schedule is None else {"temperatures": args.schedule}
    params = mc.RunParams(model, sweeps=args.sweeps, seed=args.seed, n_blocks=args.n_blocks,
                          **kwargs)
    if args.realizations < 1:
        raise ValueError(f"--realizations must be >= 1, got {args.realizations}")
    output = args.output
    if output is None:
        folder = data.data_dir()
        if folder is None:
            raise ValueError("no data folder found; pass --output PATH")
        output = folder / mc.default_output_name(model)
    extra = {"command": "tlspaper " + " ".join(sys.argv[1:]), **mc.environment()}
    if args.meta_json is not None:
        extra["benchmark"] = json.loads(args.meta_json.read_text())
    acc = mc.simulate(
        params, args.realizations, output=output, chunk=args.chunk, threads=args.threads,
        scheduler=args.scheduler, progress=not args.no_progress,
        checkpoint_every=args.checkpoint_every, extra_meta=extra,
    )
    print(
        f"{output}: {acc.realizations} realizations, stable (single, pair) = "
        f"{acc.stable[:, 0].mean():.4f}, {acc.stable[:, 1].mean():.4f}, "
        f"wall time {acc.wall_time:.0f} s"
    )
    if args.register:
        print(f"registered sha256:{data.register(output)}")
    return 0


def _add_generate(sub) -> None:
    p = _subcommand(sub, "generate", _run_generate)
    p.add_argument("name", help="registry file name, e.g. meanfield_tls_size.npz")
    p.add_argument("--realizations", type=int, default=None,
                   help="override the spec's realization count")
    p.add_argument("--output", type=Path, default=None,
                   help="where to write (default: the generator's default location)")


def _run_generate(args) -> int:
    from . import papers

    try:
        papers.find_dataset(args.name)
    except KeyError as exc:
        raise ValueError(f"NAME: {exc.args[0]}") from None
    if args.realizations is not None and args.realizations < 1:
        raise ValueError(f"--realizations must be an integer >= 1, got {args.realizations}")
    path = papers.generate(args.name, realizations=args.realizations, output=args.output)
    print(f"dataset: {path}")
    return 0


def _add_register(sub) -> None:
    p = _subcommand(sub, "register", _run_register)
    p.add_argument("path", type=Path, help="the data file")


def _run_register(args) -> int:
    from . import data

    if not args.path.is_file():
        raise ValueError(f"PATH: no such file {str(args.path)!r}")
    try:
        digest = data.register(args.path)
    except data.DataError as exc:
        raise ValueError(str(exc)) from None
    print(f"{args.path.name} sha256:{digest}")
    return 0


def _add_scorecard(sub) -> None:
    _subcommand(sub, "scorecard", _run_scorecard)


def _run_scorecard(args) -> int:
    from . import papers

    rows = papers.rows()
    print(papers.scorecard.to_markdown(rows))
    n_within = sum(r.within for r in rows)
    print(f"\n{len(rows)} comparisons, {n_within} within tolerance, {len(rows) - n_within} outside")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> args = build_parser().parse_args(["simulate", "--L", "8", "--J0", "2"])
    >>> args.command, args.L, args.J0, args.realizations
    ('simulate', 8, 2.0, 10000)
    """
    parser = argparse.ArgumentParser(
        prog="tlspaper", description="Long computations behind the tlspaper book."
    )
    parser.add_argument("--version", action="version", version=f"tlspaper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_simulate(sub)
    _add_generate(sub)
    _add_register(sub)
    _add_scorecard(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``tlspaper`` console script.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 2 on bad input (the message names the argument).

    Examples
    --------
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     status = main(["simulate", "--L", "1", "--J0", "2", "--no-progress"])
    >>> status, err.getvalue().strip()
    (2, 'tlspaper simulate: error: L must be an integer >= 2 (lattice size), got 1')
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"tlspaper {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
