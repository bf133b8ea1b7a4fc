"""The ``tlspaper`` command line: simulate, generate and register datasets, fit your own data."""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
from pathlib import Path

from . import __version__

__all__ = ["build_parser", "main"]


class _Interrupted(Exception):
    """Ctrl-C during a long run: the message says where the work is saved and how to resume."""


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
        "Writes OUTPUT (default ./dos_mc_L{L}_J{J0}K.npz) atomically, checkpointing to a "
        "hidden .NAME.partial.npz next to it; re-running the same command resumes, and a "
        "larger --realizations extends OUTPUT. A registered data file is never modified: "
        "to extend one, write a new file with --extend NAME --output NEW.npz.",
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
    "fit": (
        "fit your own δv/v(T) or κ(T) CSV file; write a report and a figure",
        "Fit a measured curve: 'fit velocity FILE' (δv/v or δε/ε by Eqs. 7 + 8 of Churkin et "
        "al. 2021, format of tlspaper.velocity_fit.load_curve) or 'fit kappa FILE' (κ(T) by "
        "Eq. 5, a power law and the STM, format of tlspaper.measured.read_kappa_csv). Prints "
        "value ± error, chi2/dof and correlations, and writes PREFIX.txt and PREFIX.png.",
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
    p.add_argument("--realizations", type=int, default=None,
                   help="total realizations wanted (required; the book's datasets have 10000)")
    p.add_argument("--seed", type=int, default=2021, help="master seed (default 2021)")
    p.add_argument("--n-blocks", type=int, default=100, help="blocks for bootstrap (default 100)")
    p.add_argument("--output", type=Path, default=None,
                   help="dataset path, .npz (default: ./dos_mc_L{L}_J{J0}K.npz)")
    p.add_argument("--extend", default=None, metavar="SOURCE",
                   help="start from a copy of SOURCE (registry name or path) with the same "
                        "parameters, e.g. to extend a registered dataset into --output")
    p.add_argument("--chunk", type=int, default=None, help="realizations per task (>= 1)")
    p.add_argument("--threads", type=int, default=None, help="Numba threads (default: all)")
    p.add_argument("--scheduler", default=None,
                   help="Dask scheduler ADDRESS to distribute chunks over (default: local threads)")
    p.add_argument("--checkpoint-every", type=float, default=60.0,
                   help="seconds between checkpoints, > 0 (default 60)")
    p.add_argument("--meta-json", type=Path, default=None,
                   help="JSON file merged into the provenance (e.g. benchmark figures)")
    p.add_argument("--register", action="store_true",
                   help="record the file's sha256 in the data registry when done (OUTPUT must "
                        "be a new file directly in the data folder)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


#: Seconds allowed for the connection test of ``--scheduler``.
SCHEDULER_TIMEOUT = 5.0


def _check_scheduler(address: str) -> None:
    """One-line error unless dask.distributed is installed and `address` accepts connections."""
    import importlib.util
    import socket
    from urllib.parse import urlsplit

    if importlib.util.find_spec("dask") is None or importlib.util.find_spec(
            "dask.distributed") is None:
        raise ValueError("--scheduler needs dask.distributed, which is not installed: "
                         "pip install 'tlspaper[sim]' (or omit --scheduler to use local threads)")
    url = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = url.hostname, url.port or 8786
    except ValueError:
        host = None
    if not host:
        raise ValueError(f"--scheduler must be an address like tcp://HOST:8786, got {address!r}")
    reason = None
    try:
        socket.create_connection((host, port), timeout=SCHEDULER_TIMEOUT).close()
    except OSError as exc:
        reason = type(exc).__name__ if isinstance(exc, TimeoutError) else (
            exc.strerror or type(exc).__name__)
    if reason is None:  # something listens: is it a Dask scheduler? (a full handshake)
        from dask.distributed import Client

        try:
            Client(address, timeout=f"{SCHEDULER_TIMEOUT:g}s").close()
        except Exception as exc:  # noqa: BLE001 - any failure means: not a usable scheduler
            reason = f"no Dask scheduler answers: {type(exc).__name__}"
    if reason is not None:
        raise ValueError(
            f"--scheduler {address!r}: cannot connect to {host}:{port} within "
            f"{SCHEDULER_TIMEOUT:g} s ({reason}); start one with 'dask scheduler' or omit "
            "--scheduler to run on local threads"
        )


def _registered_path(path: Path) -> str | None:
    """The registry name if `path` is a registered file of the local data folder, else None."""
    from . import data

    folder = data.data_dir()
    if folder is None or path.resolve().parent != folder.resolve():
        return None
    try:
        return path.name if path.name in data.registry() else None
    except data.DataError:
        return None


def _check_simulate_args(args, output: Path) -> None:
    """Every check that can fail before a run starts, each a one-line error."""
    from . import data

    if args.realizations is None:
        raise ValueError("--realizations is required: the total number of realizations wanted "
                         "(e.g. --realizations 1000; the book's datasets have 10000)")
    if args.realizations < 1:
        raise ValueError(f"--realizations must be an integer >= 1, got {args.realizations}")
    if args.chunk is not None and args.chunk < 1:
        raise ValueError(f"--chunk must be an integer >= 1 (realizations per task), "
                         f"got {args.chunk}")
    if args.threads is not None and args.threads < 1:
        raise ValueError(f"--threads must be an integer >= 1, got {args.threads}")
    if args.n_blocks < 1:
        raise ValueError(f"--n-blocks must be an integer >= 1, got {args.n_blocks}")
    if not (math.isfinite(args.checkpoint_every) and args.checkpoint_every > 0):
        raise ValueError(f"--checkpoint-every must be a number of seconds > 0, "
                         f"got {args.checkpoint_every:g}")
    if output.suffix != ".npz":
        raise ValueError(f"--output must be a .npz file, got {str(output)!r}")
    if not output.parent.is_dir():
        raise ValueError(f"--output: the folder {output.parent} does not exist "
                         f"(create it first), got {str(output)!r}")
    if output.is_dir():
        raise ValueError(f"--output must be a file, got the folder {str(output)!r}")
    name = _registered_path(output)
    if name is not None:
        raise ValueError(
            f"--output {output} is the registered data file {name!r}, which is never modified "
            f"in place; to extend it write a new file: --extend {name} --output NEW.npz"
        )
    if args.meta_json is not None:
        if not args.meta_json.is_file():
            raise ValueError(f"--meta-json: no such file {str(args.meta_json)!r}")
        try:
            meta = json.loads(args.meta_json.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"--meta-json {str(args.meta_json)!r} is not valid JSON "
                             f"({exc})") from None
        if not isinstance(meta, dict):
            raise ValueError(f"--meta-json {str(args.meta_json)!r} must hold a JSON object "
                             f"({{...}}), got a {type(meta).__name__}")
        args.meta = meta
    if args.register:
        folder = data.data_dir()
        if folder is None or output.resolve().parent != folder.resolve():
            raise ValueError(
                f"--register: {output} is not directly in the data folder "
                f"{folder or '(none: set ' + data.DATA_DIR_ENV + ')'}; write it there with "
                "--output, or register it later with 'tlspaper register PATH'"
            )
    if args.scheduler is not None:
        _check_scheduler(args.scheduler)


def _existing(mc, path: Path, params, what: str):
    """The Accumulator stored in `path` (None if absent), checked to have `params`."""
    if not path.is_file():
        return None
    try:
        old = mc.Accumulator.from_file(path)
    except Exception as exc:  # any unreadable file ends the same way for a user
        raise ValueError(f"{what} {path} is not a tlspaper simulate dataset "
                         f"({type(exc).__name__}); choose another --output") from None
    if old.params != params:
        m = old.params.model
        raise ValueError(
            f"{what} {path} holds a run with other parameters (L={m.L}, J0={m.J0:g} K, "
            f"x={m.x:g}, h0={m.h0:g} K, seed={old.params.seed}, ...); use the same parameters "
            "or choose another --output"
        )
    return old


def _run_simulate(args) -> int:
    import importlib.util
    import shutil

    from . import data
    from . import montecarlo as mc
    from ._io import atomic_path

    model = mc.Model(L=args.L, J0=args.J0, x=args.x, h0=args.h0, C=args.C)
    kwargs = {} if args.schedule is None else {"temperatures": args.schedule}
    params = mc.RunParams(model, sweeps=args.sweeps, seed=args.seed, n_blocks=args.n_blocks,
                          **kwargs)
    output = args.output if args.output is not None else Path(mc.default_output_name(model))
    args.meta = None
    _check_simulate_args(args, output)
    checkpoint = mc._checkpoint_path(output)
    if args.extend is not None:
        source = data.resolve(args.extend)
        if output.exists():
            raise ValueError(f"--extend: --output {output} already exists; --extend starts a "
                             "new file (give a new --output, or drop --extend to continue it)")
        have = _existing(mc, source, params, "--extend").realizations
        if have >= args.realizations:
            print(f"{source}: already holds {have} realizations (>= --realizations "
                  f"{args.realizations}); nothing to do, nothing written.")
            return 0
        with atomic_path(output) as tmp:
            shutil.copyfile(source, tmp)
        print(f"{output}: copied from {source}")
    old = max((a for a in (_existing(mc, checkpoint, params, "checkpoint"),
                           _existing(mc, output, params, "--output")) if a is not None),
              key=lambda a: a.realizations, default=None)
    done = 0 if old is None else old.realizations
    if done >= args.realizations and output.is_file():
        print(f"{output}: already holds {done} realizations (>= --realizations "
              f"{args.realizations}); nothing to do. A larger --realizations extends it.")
        return 0
    if done:
        print(f"{output}: {done} realizations found, running {args.realizations - done} more")
    progress = not args.no_progress
    if progress and importlib.util.find_spec("tqdm") is None:
        print("tlspaper simulate: tqdm is not installed, so no progress bar "
              "(pip install 'tlspaper[sim]')", file=sys.stderr)
        progress = False
    extra = {"command": "tlspaper " + " ".join(sys.argv[1:]), **mc.environment()}
    if args.meta is not None:
        extra["benchmark"] = args.meta
    try:
        acc = mc.simulate(
            params, args.realizations, output=output, chunk=args.chunk, threads=args.threads,
            scheduler=args.scheduler, progress=progress,
            checkpoint_every=args.checkpoint_every, extra_meta=extra,
        )
    except KeyboardInterrupt:
        resume = "tlspaper " + " ".join(shlex.quote(a) for a in args.argv)
        if checkpoint.is_file():
            saved = mc.Accumulator.from_file(checkpoint).realizations
            where = (f"{saved} realizations are saved in the checkpoint {checkpoint}; resume "
                     f"with the same command: {resume}")
        else:
            where = (f"no checkpoint was written yet (one is written every "
                     f"{args.checkpoint_every:g} s); the same command starts again: {resume}")
        raise _Interrupted(f"interrupted; {where}") from None
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
                   help="where to write (default: NAME in the data folder, then registered; "
                        "a registered file is never replaced)")


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

    sc = papers.scorecard
    rows = papers.rows()
    print(sc.to_markdown(rows, names=papers.CITATIONS))
    total = {v: sum(c[v] for c in sc.counts(rows).values()) for v in sc.VERDICTS}
    print(f"\n{len(rows)} comparisons: " + ", ".join(f"{n} {v}" for v, n in total.items()))
    print(f"\nThe rule: {sc.RULE}")
    return 0


def _add_fit(sub) -> None:
    p = _subcommand(sub, "fit", None)
    kinds = p.add_subparsers(dest="kind", required=True, metavar="{velocity,kappa}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("file", help="CSV file (path, or a registry name)")
    common.add_argument("--prefix", type=Path, default=None,
                        help="write PREFIX.txt and PREFIX.png (default: ./FILESTEM_fit)")
    common.add_argument("--no-figure", action="store_true", help="write no figure")
    v = kinds.add_parser(
        "velocity", parents=[common], help="δv/v(T) or δε/ε(T) by Eqs. 7 + 8 with Eq. 3",
        description="Fit a curve CSV (header lines quantity, frequency_Hz, source, doi; "
                    "columns T_K, y, sigma; see tlspaper.velocity_fit.load_curve) by Eqs. 7 + 8 "
                    "of Churkin et al. (2021) with the DOS of Eq. 3.")
    v.add_argument("--mu", type=float, default=None, help="fix μ (0: the STM); default fitted")
    v.add_argument("--A", type=float, default=None,
                   help="fix A [rad s^-1 K^-3] (A = ω/T0³); default fitted")
    v.add_argument("--relative-sigma", action="store_true",
                   help="sigma are relative weights only: scale the errors by chi2/dof")
    v.set_defaults(func=_run_fit_velocity)
    k = kinds.add_parser(
        "kappa", parents=[common], help="κ(T) by Eq. 5 + Eq. 3, a power law and the STM",
        description="Fit a κ(T) CSV (line 1 the source, line 2 the header T(K),k(W/m/K); see "
                    "tlspaper.measured.read_kappa_csv) by Eq. 5 with the DOS of Eq. 3, a power "
                    "law κ ∝ T^(2-β) and the STM, in one temperature window.")
    k.add_argument("--T-min", type=float, default=0.0, help="lower edge of the window [K]")
    k.add_argument("--T-max", type=float, default=None,
                   help="upper edge [K] (default: the largest window a single power law fits)")
    k.add_argument("--errors", choices=("relative", "absolute", "scatter"), default="relative",
                   help="error model of the points (default relative)")
    k.add_argument("--error-size", type=float, default=0.05,
                   help="relative error, or absolute error [W/m/K] (default 0.05)")
    k.set_defaults(func=_run_fit_kappa)


def _prefix(args) -> Path:
    prefix = args.prefix if args.prefix is not None else Path(f"{Path(args.file).stem}_fit")
    if not prefix.parent.is_dir():
        raise ValueError(f"--prefix: the folder {prefix.parent} does not exist (create it "
                         f"first), got {str(prefix)!r}")
    return prefix


def _write_outputs(prefix: Path, report: str, draw) -> None:
    """Print `report`, write it to PREFIX.txt and, unless `draw` is None, the figure PREFIX.png."""
    from ._io import atomic_path

    print(report)
    txt = prefix.with_name(prefix.name + ".txt")
    with atomic_path(txt) as tmp:
        tmp.write_text(report + "\n")
    written = [str(txt)]
    if draw is not None:
        png = prefix.with_name(prefix.name + ".png")
        try:
            draw(png)
            written.append(str(png))
        except ImportError as exc:
            print(f"no figure: {exc}", file=sys.stderr)
    print("wrote " + ", ".join(written))


def _run_fit_velocity(args) -> int:
    import warnings

    from . import velocity_fit as vf

    prefix = _prefix(args)
    if args.mu is not None and not (math.isfinite(args.mu) and args.mu > -1):
        raise ValueError(f"--mu must be a number > -1 (0: the STM), got {args.mu:g}")
    if args.A is not None and not (math.isfinite(args.A) and args.A > 0):
        raise ValueError(f"--A must be a number > 0 [rad s^-1 K^-3], got {args.A:g}")
    curve = vf.load_curve(args.file)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", vf.FitWarning)  # the notes are in the report
        fit = vf.fit_velocity(curve.T, curve.y, curve.sigma, curve.omega, mu=args.mu, A=args.A,
                              absolute_sigma=not args.relative_sigma, quantity=curve.quantity)
    head = [f"file: {args.file}",
            f"source: {curve.source}" + (" (SYNTHETIC)" if curve.synthetic else ""),
            f"quantity: {curve.quantity}, frequency {curve.frequency_Hz:g} Hz "
            f"(omega = 2 pi f = {curve.omega:.6g} rad/s, A in rad s^-1 K^-3)"]
    report = "\n".join(head) + "\n" + fit.report()

    def draw(path):
        from .plotting import plot_velocity_fit

        plot_velocity_fit(curve.T, curve.y, curve.sigma, fit, path, title=Path(args.file).name)

    _write_outputs(prefix, report, None if args.no_figure else draw)
    return 0


def _kappa_report(path, data, fits) -> str:
    from .velocity_fit import format_value_error

    f0 = fits[0]
    lines = [f"file: {path}", f"source: {data.source}",
             f"window {f0.T_min:.4g} to {f0.T_max:.4g} K: {f0.n} of {len(data)} points; errors "
             f"{f0.error_model.label}; amplitude = κ at T_ref = {f0.T_ref:.4g} K [W/m/K]"]
    names = {"eq5": "Eq. 5 + Eq. 3", "power_law": "power law κ ∝ T^(2-β)", "stm": "STM (μ = 0)"}
    rows = []
    for f in fits:
        mu = format_value_error(f.mu, f.mu_err) if f.model != "stm" else "0 (fixed)"
        p = "" if math.isnan(f.p_value) else f" (p = {f.p_value:.2g})"
        rows.append((names[f.model], ("β = " if f.model == "power_law" else "μ = ") + mu,
                     format_value_error(f.amplitude, f.amplitude_err),
                     f"chi2/dof = {f.chi2:.4g}/{f.dof} = {f.chi2_dof:.3g}{p}",
                     f"rms {100 * f.rms_rel:.2g} %"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths + [0], strict=True)).rstrip()
              for r in rows]
    best = fits[0]
    if best.dof > 0 and not math.isnan(best.p_value) and best.p_value < 1e-3:
        lines.append(f"warning: poor fit of {names[best.model]} (p = {best.p_value:.1e}): the "
                     "model or the error model does not describe the data in this window")
    return "\n".join(lines)


def _run_fit_kappa(args) -> int:
    from . import data as _data
    from . import kappa_fit as kf
    from .measured import read_kappa_csv

    prefix = _prefix(args)
    error_model = kf.ErrorModel(args.errors, args.error_size)
    if not (math.isfinite(args.T_min) and args.T_min >= 0):
        raise ValueError(f"--T-min must be a temperature >= 0 [K], got {args.T_min:g}")
    path = _data.resolve(args.file)
    measured = read_kappa_csv(path)
    T_max = args.T_max
    if T_max is None:
        T_max = kf.power_law_upper_edge(measured, error_model, args.T_min)
        if not math.isfinite(T_max):
            raise ValueError(f"{args.file}: no window from the lowest 5 points is a single power "
                             "law; give --T-max")
    elif not (math.isfinite(T_max) and T_max > args.T_min):
        raise ValueError(f"--T-max must be a temperature > --T-min = {args.T_min:g} K, "
                         f"got {T_max:g}")
    fits = [kf.fit_eq5(measured, None, error_model, args.T_min, T_max),
            kf.fit_power_law(measured, None, error_model, args.T_min, T_max),
            kf.fit_stm(measured, None, error_model, args.T_min, T_max)]
    report = _kappa_report(args.file, measured, fits)

    def draw(png):
        from .plotting import plot_kappa_fit

        plot_kappa_fit(measured, fits, png, title=Path(args.file).name)

    _write_outputs(prefix, report, None if args.no_figure else draw)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> args = build_parser().parse_args(["simulate", "--L", "8", "--J0", "2",
    ...                                   "--realizations", "100"])
    >>> args.command, args.L, args.J0, args.realizations
    ('simulate', 8, 2.0, 100)
    >>> args = build_parser().parse_args(["fit", "velocity", "my.csv", "--mu", "0"])
    >>> args.command, args.kind, args.file, args.mu
    ('fit', 'velocity', 'my.csv', 0.0)
    """
    parser = argparse.ArgumentParser(
        prog="tlspaper",
        description="Long computations behind the tlspaper book, and fits of your own data.",
    )
    parser.add_argument("--version", action="version", version=f"tlspaper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_simulate(sub)
    _add_generate(sub)
    _add_register(sub)
    _add_scorecard(sub)
    _add_fit(sub)
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
        Exit status: 0 on success, 2 on bad input or unusable data (a one-line message on
        stderr names the argument or file, the value and what is allowed), 130 after Ctrl-C
        (the message says where the work is saved and how to resume).

    Examples
    --------
    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     status = main(["simulate", "--L", "1", "--J0", "2", "--no-progress"])
    >>> status, err.getvalue().strip()
    (2, 'tlspaper simulate: error: L must be an integer >= 2 (lattice size), got 1')
    """
    from .data import DataError

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.argv = argv
    where = f"tlspaper {args.command}" + (f" {args.kind}" if getattr(args, "kind", None) else "")
    try:
        return args.func(args)
    except (ValueError, DataError) as exc:
        print(f"{where}: error: {exc}", file=sys.stderr)
        return 2
    except _Interrupted as exc:
        print(f"{where}: {exc}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
