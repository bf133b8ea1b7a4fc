"""Churkin et al. (2013): published values, equations, dataset specs and the scorecard rows."""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from tlspaper import _runs, data
from tlspaper import electron_glass as eg
from tlspaper import meanfield as mf
from tlspaper.papers import churkin2013 as paper


@pytest.fixture(scope="module")
def rows():
    """The paper's rows, computed once for this file (Table I is cached per process too)."""
    return paper.rows()


def test_scorecard_rows_on_the_cached_datasets(rows):
    assert all(r.paper == "churkin2013" for r in rows)
    assert [r.item for r in rows] == ["Table I"] * 6 + ["Fig. 3(b)", "Fig. 9(b)"]
    signs = rows[:6]  # 2 models x (disorder, interaction, system size)
    assert all(r.published in (-1.0, 1.0) and r.ours in (-1.0, 0.0, 1.0) for r in signs)
    # Figs. 3(b), 9(b): the paper's p(λ) ∝ 1/λ; a mean-field rate spectrum is close to it
    for r in rows[6:]:
        assert r.published == 1.0 and 0 < r.uncertainty < 0.1 and abs(r.ours - 1.0) < 0.15
    assert paper.table_one_rows() == signs and paper.rate_exponent_rows() == rows[6:]


def test_table_one_published_signs_and_order(rows):
    table = paper.table_one()
    assert [(t["model"], t["quantity"], t["published"]) for t in table] == [
        ("TG", "disorder", 1), ("TG", "interaction", 1), ("TG", "system size", -1),
        ("EG", "disorder", 1), ("EG", "interaction", -1), ("EG", "system size", -1),
    ]
    assert [float(t["ours"]) for t in table] == [r.ours for r in rows[:6]]
    assert table[2]["parameter"] == ("N=100", "N=10000")


def test_rate_exponents_come_from_figs_3_and_9():
    assert paper.FIG3_RATES == ("meanfield_tls_N10000.npz", "fig3")
    assert paper.FIG9_RATES == ("meanfield_eg_disorder.npz", "W=1")
    assert paper.find_config(*paper.FIG3_RATES)["T"] == 0.1


def test_published_values():
    pub = paper.PUBLISHED
    assert {k: v.value for k, v in pub.items() if k.startswith("table1_")} == {
        "table1_EG_disorder": 1, "table1_EG_interaction": -1, "table1_EG_system size": -1,
        "table1_TG_disorder": 1, "table1_TG_interaction": 1, "table1_TG_system size": -1,
    }
    assert all(v.where for v in pub.values())
    assert paper.DELTA0_RANGE == (1e-7, 0.1) and paper.XI == 0.1


def test_equations_cite_this_paper_and_are_public():
    for key, func in paper.EQUATIONS.items():
        module = importlib.import_module(func.__module__)
        assert func.__name__ in module.__all__, (key, func)
        first = func.__doc__.strip().splitlines()[0]
        cited = re.search(r"Eq\. (\w+) of Churkin et al\. \(2013\)", first)
        assert cited and f"Eq. {cited.group(1)}" == key, (key, first)


def test_config_rates_tls_branch_by_hand_and_eg_round_off_dropped():
    # Eq. 12 with a = 1: |λ| = Δ0² |E| coth(|E| / 2T)
    cfg = {"T": 0.1, "E": np.array([[0.3, -0.5]], np.float32),
           "delta0": np.array([[1e-3, 2e-2]], np.float32)}
    E, d0 = cfg["E"].astype(float), cfg["delta0"].astype(float)
    np.testing.assert_allclose(paper.config_rates(cfg),
                               d0**2 * np.abs(E) / np.tanh(np.abs(E) / 0.2), rtol=1e-12)
    out = paper.config_rates({"rates": [np.array([1e-3, -1e-17, 2.0]), np.array([5.0])]})
    assert [r.tolist() for r in out] == [[1e-3, 2.0], [5.0]]
    with pytest.raises(ValueError, match="has no configuration 'nope'"):
        paper.find_config("meanfield_tls_size.npz", "nope")


def test_every_spec_matches_its_registered_file():
    assert set(paper.DATASETS) <= set(data.registry())
    for name, spec in paper.DATASETS.items():
        configs, meta = _runs.load(name)
        assert meta["seed"] == spec.seed == paper.MASTER_SEED, name
        recorded = [{k: v for k, v in c.items()
                     if k in spec.configs[i] or k == "realizations"}
                    for i, c in enumerate(meta["configs"])]
        assert recorded == [{**c, "realizations": n}
                            for c, n in zip(spec.configs, spec.realizations, strict=True)], name
        assert all(set(c) - {"realizations", "wall_time_s", "not_converged"} == set(s)
                   for c, s in zip(meta["configs"], spec.configs, strict=True)), name


SMALL_FILES = ("meanfield_tls_size.npz", "meanfield_eg_size.npz",
               "meanfield_lattice_churkin2021.npz")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The first realization of each of SMALL_FILES, regenerated from its spec.

    Run in a subprocess with single-threaded BLAS, as the registered files were made: the
    smallest eigenvalues of the electron-glass rate matrices (~1e-15 Γ0, round-off level)
    depend on the BLAS thread count.
    """
    out = tmp_path_factory.mktemp("regenerated")
    code = ("import sys; from pathlib import Path; from tlspaper.papers import churkin2013 as p\n"
            "for n in sys.argv[2:]:\n"
            "    p.generate(n, realizations=1, output=Path(sys.argv[1]) / n,\n"
            "               checkpoint_dir=Path(sys.argv[1]) / 'ck', progress=False)\n")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-c", code, str(out), *SMALL_FILES], env=env, check=True,
                   timeout=600)
    return out


@pytest.mark.parametrize("name", SMALL_FILES)
def test_spec_reproduces_the_first_realization_of_the_registered_file(name, regenerated):
    new, meta = _runs.load(regenerated / name)
    old, _ = _runs.load(name)
    assert meta["generator"] == f"tlspaper generate {name} --realizations 1"
    for a, b in zip(new, old, strict=True):
        for key, val in a.items():
            if isinstance(val, np.ndarray):
                assert val.dtype == b[key].dtype, (name, a["label"], key)
                np.testing.assert_array_equal(val[0], b[key][0], err_msg=f"{a['label']} {key}")


def test_generate_matches_the_driver_on_a_small_spec(tmp_path):
    name = "meanfield_tls_size.npz"
    small = dataclasses.replace(paper.DATASETS[name], realizations=(3, 1))
    direct = _runs.run(small, tmp_path / "direct.npz", checkpoint_dir=tmp_path / "ck1")
    spec = paper.DATASETS[name]
    # generate(name) with its spec cut to the same counts: the same arrays, bit for bit
    via = paper.generate(name, realizations=1, output=tmp_path / "via.npz",
                         checkpoint_dir=tmp_path / "ck2", progress=False)
    a, _ = _runs.load(direct)
    b, _ = _runs.load(via)
    for k in range(len(spec.configs)):
        for key in ("E", "delta0", "converged", "sweeps", "residual"):
            np.testing.assert_array_equal(a[k][key][:1], b[k][key])
    # and realization r of configuration k is SeedSequence([3, k, r]) of the solver
    rng = np.random.default_rng(np.random.SeedSequence([paper.MASTER_SEED, 0, 2]))
    ref = mf.solve_tls_glass(100, 1.0, 1.0, 0.1, rng, paper.DELTA0_RANGE)
    np.testing.assert_array_equal(a[0]["E"][2], ref.E.astype(np.float32))


def test_electron_glass_solver_on_a_tiny_spec(tmp_path):
    cfg = dict(label="tiny", N=10, W=1.0, J=1.0, T=0.1, xi=0.1)
    spec = dataclasses.replace(paper.DATASETS["meanfield_eg_disorder.npz"], configs=(cfg,),
                               realizations=(2,), seed=5)
    (got,), meta = _runs.load(_runs.run(spec, tmp_path / "tiny_eg.npz",
                                        checkpoint_dir=tmp_path / "ck"))
    assert meta["seed"] == 5 and got["E"].shape == (2, 10) and got["rates"].shape == (2, 9)
    # realization r of configuration k is seeded by SeedSequence([seed, k, r])
    for r in range(2):
        rng = np.random.default_rng(np.random.SeedSequence([5, 0, r]))
        ref = eg.solve_electron_glass(10, 1.0, 1.0, 0.1, rng, xi=0.1)
        np.testing.assert_array_equal(got["E"][r], ref["E"].astype(np.float32))
        np.testing.assert_array_equal(got["rates"][r], ref["rates"].astype(np.float32))


def test_generate_unknown_name_and_registering(tmp_path, monkeypatch):
    with pytest.raises(KeyError, match="'nope.npz' is not a dataset of churkin2013"):
        paper.generate("nope.npz")
    # default output: the data folder (here an empty one), and the file is registered
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    (tmp_path / "registry.txt").write_text("# name sha256:HASH\n")
    path = paper.generate("meanfield_tls_size.npz", realizations=1,
                          checkpoint_dir=tmp_path / "ck", progress=False)
    assert path == tmp_path / "meanfield_tls_size.npz"
    assert "meanfield_tls_size.npz" in data.registry()
