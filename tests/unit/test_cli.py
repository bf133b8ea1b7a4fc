"""The ``tlspaper`` command for a user with their own data: guards, messages, fits, Ctrl-C."""

from __future__ import annotations

import importlib.util
import shutil

import numpy as np
import pytest

from tlspaper import cli, data
from tlspaper import montecarlo as mc
from tlspaper import velocity_fit as vf

TINY = ["--L", "2", "--J0", "1", "--x", "1", "--schedule", "5,0.5", "--sweeps", "5",
        "--no-progress"]


def error_of(capsys, argv, status=2) -> str:
    """Run the command, check its exit status, return its one-line stderr message."""
    assert cli.main(argv) == status
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    return err


# ------------------------------------------------------------------------------ simulate: guards
@pytest.mark.parametrize(
    "extra, message",
    [
        ([], "tlspaper simulate: error: --realizations is required: the total number of "
             "realizations wanted (e.g. --realizations 1000; the book's datasets have 10000)"),
        (["--realizations", "3", "--chunk", "0"],
         "tlspaper simulate: error: --chunk must be an integer >= 1 (realizations per task), "
         "got 0"),
        (["--realizations", "3", "--checkpoint-every", "-5"],
         "tlspaper simulate: error: --checkpoint-every must be a number of seconds > 0, got -5"),
        (["--realizations", "0"],
         "tlspaper simulate: error: --realizations must be an integer >= 1, got 0"),
        (["--realizations", "3", "--threads", "0"],
         "tlspaper simulate: error: --threads must be an integer >= 1, got 0"),
    ],
)
def test_simulate_bad_numbers(tmp_path, monkeypatch, capsys, extra, message):
    monkeypatch.chdir(tmp_path)
    assert error_of(capsys, ["simulate", *TINY, *extra]) == message
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_simulate_missing_output_folder_and_meta_json(tmp_path, capsys):
    out = tmp_path / "no" / "x.npz"
    assert error_of(capsys, ["simulate", *TINY, "--realizations", "2", "--output", str(out)]) == (
        f"tlspaper simulate: error: --output: the folder {out.parent} does not exist (create it "
        f"first), got '{out}'")
    meta = tmp_path / "bench.json"
    msg = error_of(capsys, ["simulate", *TINY, "--realizations", "2", "--output",
                            str(tmp_path / "x.npz"), "--meta-json", str(meta)])
    assert msg == f"tlspaper simulate: error: --meta-json: no such file '{meta}'"
    meta.write_text("{not json")
    msg = error_of(capsys, ["simulate", *TINY, "--realizations", "2", "--output",
                            str(tmp_path / "x.npz"), "--meta-json", str(meta)])
    assert msg.startswith(f"tlspaper simulate: error: --meta-json '{meta}' is not valid JSON")
    assert not (tmp_path / "x.npz").exists()


def test_register_outside_the_data_folder_is_refused_before_the_run(tmp_path, capsys,
                                                                      monkeypatch):
    calls = []
    monkeypatch.setattr(mc, "simulate", lambda *a, **k: calls.append(a))
    out = tmp_path / "x.npz"
    msg = error_of(capsys, ["simulate", *TINY, "--realizations", "2", "--output", str(out),
                            "--register"])
    assert msg == (f"tlspaper simulate: error: --register: {out} is not directly in the data "
                   f"folder {data.data_dir()}; write it there with --output, or register it "
                   "later with 'tlspaper register PATH'")
    assert calls == []


def test_unreachable_scheduler_fails_fast(tmp_path, capsys, monkeypatch):
    if importlib.util.find_spec("dask.distributed") is None:
        pytest.skip("dask.distributed is not installed")
    calls = []
    monkeypatch.setattr(mc, "simulate", lambda *a, **k: calls.append(a))
    msg = error_of(capsys, ["simulate", *TINY, "--realizations", "2", "--output",
                            str(tmp_path / "x.npz"), "--scheduler", "tcp://127.0.0.1:9"])
    assert msg.startswith("tlspaper simulate: error: --scheduler 'tcp://127.0.0.1:9': cannot "
                          "connect to 127.0.0.1:9 within 5 s (")
    assert msg.endswith("start one with 'dask scheduler' or omit --scheduler to run on local "
                        "threads")
    assert calls == []


def test_registered_file_is_never_written_and_extend_writes_a_new_file(tmp_path, capsys):
    registered = data.fetch("dos_mc_L8_J1K.npz")
    before = registered.stat().st_mtime_ns
    msg = error_of(capsys, ["simulate", "--L", "8", "--J0", "1", "--realizations", "6001",
                            "--output", str(registered)])
    assert msg == (f"tlspaper simulate: error: --output {registered} is the registered data "
                   "file 'dos_mc_L8_J1K.npz', which is never modified in place; to extend it "
                   "write a new file: --extend dos_mc_L8_J1K.npz --output NEW.npz")
    # --extend with nothing to add says so and writes nothing
    new = tmp_path / "more.npz"
    assert cli.main(["simulate", "--L", "8", "--J0", "1", "--realizations", "10", "--extend",
                     "dos_mc_L8_J1K.npz", "--output", str(new)]) == 0
    assert "nothing to do, nothing written" in capsys.readouterr().out and not new.exists()
    assert registered.stat().st_mtime_ns == before


def test_default_output_is_the_current_folder_and_done_work_says_so(tmp_path, monkeypatch,
                                                                   capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["simulate", *TINY, "--realizations", "2"]) == 0
    out = tmp_path / "dos_mc_L2_J1K.npz"
    assert out.is_file() and "2 realizations" in capsys.readouterr().out
    assert cli.main(["simulate", *TINY, "--realizations", "2"]) == 0
    assert capsys.readouterr().out.strip() == (
        "dos_mc_L2_J1K.npz: already holds 2 realizations (>= --realizations 2); nothing to do. "
        "A larger --realizations extends it.")
    # extending into a new file copies, then runs only the missing realizations
    assert cli.main(["simulate", *TINY, "--realizations", "3", "--extend", str(out),
                     "--output", "more.npz"]) == 0
    text = capsys.readouterr().out
    assert "copied from" in text and "2 realizations found, running 1 more" in text
    assert mc.Accumulator.from_file(tmp_path / "more.npz").realizations == 3
    assert mc.Accumulator.from_file(out).realizations == 2
    msg = error_of(capsys, ["simulate", "--L", "3", "--J0", "1", "--x", "1", "--schedule",
                            "5,0.5", "--sweeps", "5", "--realizations", "3", "--output",
                            str(out)])
    assert msg.startswith(f"tlspaper simulate: error: --output {out} holds a run with "
                          "other parameters (L=2, J0=1 K")


def test_ctrl_c_says_where_the_checkpoint_is_and_how_to_resume(tmp_path, capsys, monkeypatch):
    out = tmp_path / "run.npz"
    params = mc.RunParams(mc.Model(L=2, J0=1.0, x=1.0), temperatures=(5.0, 0.5), sweeps=5)

    run = mc.simulate

    def interrupted(*args, **kwargs):  # Ctrl-C after the first checkpoint
        mc.write_dataset(mc._checkpoint_path(out), run(params, 2, progress=False))
        raise KeyboardInterrupt

    monkeypatch.setattr(mc, "simulate", interrupted)
    argv = ["simulate", *TINY, "--realizations", "9", "--output", str(out)]
    msg = error_of(capsys, argv, status=130)
    assert msg == (f"tlspaper simulate: interrupted; 2 realizations are saved in the "
                   f"checkpoint {tmp_path / '.run.npz.partial.npz'}; resume with the same "
                   f"command: tlspaper {' '.join(argv)}")


def test_missing_tqdm_runs_without_a_bar_and_says_so(tmp_path, capsys, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tqdm" else real(name, *a))
    argv = ["simulate", *[a for a in TINY if a != "--no-progress"], "--realizations", "2",
            "--output", str(tmp_path / "x.npz")]
    assert cli.main(argv) == 0
    err = capsys.readouterr().err
    assert err.strip() == ("tlspaper simulate: tqdm is not installed, so no progress bar "
                           "(pip install 'tlspaper[sim]')")


# ------------------------------------------------------------------------------ fit
@pytest.fixture
def curve_csv(tmp_path):
    path = tmp_path / "my_velocity.csv"
    shutil.copy(data.fetch("dv_v_synthetic_fig5a_parameters.csv"), path)
    return path


def test_fit_velocity_writes_report_and_figure(curve_csv, tmp_path, monkeypatch, capsys):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fit", "velocity", str(curve_csv)]) == 0
    out = capsys.readouterr().out
    assert "mu      0.1019 ± 0.0019" in out and "chi2/dof = 26.57/26 = 1.02" in out
    assert "correlations: A-C +0.19, A-mu -0.95" in out
    report = (tmp_path / "my_velocity_fit.txt").read_text()
    assert report.strip() in out and (tmp_path / "my_velocity_fit.png").stat().st_size > 1000
    # the STM fit of the same curve is poor, and says so in the report
    assert cli.main(["fit", "velocity", str(curve_csv), "--mu", "0", "--prefix",
                     str(tmp_path / "stm"), "--no-figure"]) == 0
    out = capsys.readouterr().out
    assert "mu      0 (fixed)" in out and "warning: poor fit: chi2/dof = 142" in out
    assert not (tmp_path / "stm.png").exists()


def test_fit_kappa_writes_report_and_figure(tmp_path, monkeypatch, capsys):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["fit", "kappa", "kappa_olson1993_stycast1266.csv"]) == 0
    out = capsys.readouterr().out
    assert "Eq. 5 + Eq. 3" in out and "μ = 0.080 ± 0.023" in out and "STM (μ = 0)" in out
    assert (tmp_path / "kappa_olson1993_stycast1266_fit.png").is_file()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["fit", "velocity", "no_such.csv"],
         "tlspaper fit velocity: error: no such file {cwd}/no_such.csv, and 'no_such.csv' is "
         "not a registry name either; registry names are listed by tlspaper.data.registry()"),
        (["fit", "velocity", "my_velocity.csv", "--mu", "-2"],
         "tlspaper fit velocity: error: --mu must be a number > -1 (0: the STM), got -2"),
        (["fit", "velocity", "my_velocity.csv", "--prefix", "no/where"],
         "tlspaper fit velocity: error: --prefix: the folder no does not exist (create it "
         "first), got 'no/where'"),
        (["fit", "kappa", "my_velocity.csv"],
         "tlspaper fit kappa: error: my_velocity.csv, line 2: the header must have at least two "
         "columns (T [K], κ [W/m/K]), got '# A_rad_per_s_K3: 59061941.88748811'"),
        (["fit", "kappa", "kappa_olson1993_stycast1266.csv", "--T-max", "-1"],
         "tlspaper fit kappa: error: --T-max must be a temperature > --T-min = 0 K, got -1"),
        (["fit", "kappa", "kappa_olson1993_stycast1266.csv", "--T-max", "0.01"],
         "tlspaper fit kappa: error: only 0 point(s) in the window 0-0.01 K; need >= 4 for "
         "model 'eq5'"),
    ],
)
def test_fit_bad_input_one_line(curve_csv, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(curve_csv.parent)
    msg = error_of(capsys, argv)
    assert msg == message.format(cwd=curve_csv.parent)


def test_fit_velocity_text_cell_names_file_line_and_column(curve_csv, capsys):
    lines = curve_csv.read_text().splitlines()
    row = next(i for i, ln in enumerate(lines) if ln.startswith("T_K")) + 2
    lines[row] = lines[row].split(",")[0] + ",abc," + lines[row].split(",")[2]
    curve_csv.write_text("\n".join(lines) + "\n")
    msg = error_of(capsys, ["fit", "velocity", str(curve_csv), "--no-figure"])
    assert msg == (f"tlspaper fit velocity: error: {curve_csv}, line {row + 1}, column 2 (y): "
                   "the cell is 'abc', not a number")


def test_fit_result_matches_the_library(curve_csv, tmp_path, capsys):
    assert cli.main(["fit", "velocity", str(curve_csv), "--no-figure", "--prefix",
                     str(tmp_path / "r")]) == 0
    c = vf.load_curve(curve_csv)
    fit = vf.fit_velocity(c.T, c.y, c.sigma, c.omega)
    assert fit.report() in capsys.readouterr().out
    assert np.isfinite(list(fit.errors.values())).all()
