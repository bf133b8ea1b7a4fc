"""The package as a user installs it: a wheel in a fresh venv, used outside the checkout."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

import tlspaper

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

pytestmark = pytest.mark.slow


def run(args, cwd, env=None, check=True):
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        pytest.fail(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel installed; its dependencies come from the test's venv.

    The dependencies (numpy, scipy, numba, pooch) are made visible through a ``.pth`` line to
    this interpreter's site-packages; that line does not run the checkout's editable-install
    hook, so ``import tlspaper`` can only find the installed wheel.
    """
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(ROOT)], cwd=tmp)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                    cwd=tmp).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    wheel = next(wheels.glob("tlspaper-*.whl"))
    run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)], cwd=tmp)
    away = tmp / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLSPAPER_")}
    env["TLSPAPER_DATA_URL"] = "http://127.0.0.1:9/"  # the discard port: refused at once
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    return {"py": py, "bin": env_dir / "bin", "site": site, "cwd": away, "env": env, "tmp": tmp}


def test_wheel_is_imported_not_the_checkout(installed):
    out = run([str(installed["py"]), "-c", "import tlspaper; print(tlspaper.__file__)"],
              cwd=installed["cwd"], env=installed["env"]).stdout
    assert out.startswith(str(installed["site"]))


def test_version_from_both_entry_points(installed):
    script = installed["site"] / "bin" / "tlspaper"  # the console script of the wheel
    assert script.is_file()
    for cmd in ([str(installed["py"]), "-m", "tlspaper", "--version"],
                [str(installed["py"]), str(script), "--version"]):
        out = run(cmd, cwd=installed["cwd"], env=installed["env"]).stdout.strip()
        assert out == f"tlspaper {tlspaper.__version__}"


def test_tables_ship_with_the_package(installed):
    code = "from tlspaper.papers import carruzzo2020 as c; print(len(c.glass_table()['glass']))"
    out = run([str(installed["py"]), "-c", code], cwd=installed["cwd"], env=installed["env"])
    assert int(out.stdout.strip()) >= 10


def test_large_file_from_a_local_mirror_or_a_clean_error(installed):
    name = "dos_mc_L8_J2K.npz"
    code = f"from tlspaper import dos; d = dos.load_simulated({name!r}); print(d(0.5, [1.0]))"
    proc = run([str(installed["py"]), "-c", code], cwd=installed["cwd"], env=installed["env"],
               check=False)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("tlspaper.data.DataError:") and "TLSPAPER_DATA_DIR" in last
    assert f"tlspaper generate {name}" in last and "ConnectionError" not in proc.stderr[:-len(last)]
    mirror = installed["tmp"] / "mirror"
    mirror.mkdir()
    shutil.copy(DATA / "registry.txt", mirror)
    shutil.copy(DATA / name, mirror)
    env = {**installed["env"], "TLSPAPER_DATA_DIR": str(mirror)}
    out = run([str(installed["py"]), "-c", code], cwd=installed["cwd"], env=env).stdout
    assert float(out.strip().strip("[]")) > 0


def test_fit_your_own_csv_from_the_wheel(installed):
    """``tlspaper fit velocity`` and ``fit kappa`` on a user's CSV, outside the checkout."""
    script = installed["site"] / "bin" / "tlspaper"
    work = installed["cwd"]
    shutil.copy(DATA / "dv_v_synthetic_fig5a_parameters.csv", work / "my_velocity.csv")
    for argv in (["fit", "velocity", "my_velocity.csv"],
                 ["fit", "velocity", "my_velocity.csv", "--mu", "0", "--prefix", "stm"]):
        out = run([str(installed["py"]), str(script), *argv], cwd=work,
                  env=installed["env"]).stdout
        assert "chi2/dof = " in out and "correlations: A-C" in out, out
    assert "mu      0.1019 ± 0.0019" in (work / "my_velocity_fit.txt").read_text()
    assert "warning: poor fit" in (work / "stm.txt").read_text()
    if importlib.util.find_spec("matplotlib") is not None:
        assert (work / "my_velocity_fit.png").stat().st_size > 1000
    # a κ(T) file shipped with the package, by its registry name; a mistyped file: one line
    out = run([str(installed["py"]), "-m", "tlspaper", "fit", "kappa",
               "kappa_olson1993_stycast1266.csv", "--no-figure"], cwd=work,
              env=installed["env"]).stdout
    assert "Eq. 5 + Eq. 3" in out
    proc = run([str(installed["py"]), "-m", "tlspaper", "fit", "velocity", "my_velocty.csv"],
               cwd=work, env=installed["env"], check=False)
    assert proc.returncode == 2 and proc.stderr.strip() == (
        f"tlspaper fit velocity: error: no such file {work / 'my_velocty.csv'}, and "
        "'my_velocty.csv' is not a registry name either; did you mean 'my_velocity.csv'?"
    ), proc.stderr
