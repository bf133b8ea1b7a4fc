"""The dataset driver: explicit spec, SeedSequence seeding, checkpoints, resume, load."""

from __future__ import annotations

import numpy as np
import pytest

from tlspaper import _runs
from tlspaper import meanfield as mf

D0 = (1e-7, 1e-1)


def _tls_solver(cfg, rng, r):
    res = mf.solve_tls_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng, D0)
    return {"E": res.E.astype(np.float32), "delta0": res.delta0.astype(np.float32),
            "converged": res.converged, "sweeps": res.sweeps}


def _spec(realizations=2, seed=7):
    configs = ({"label": "tiny", "N": 12, "W": 1.0, "J": 1.0, "T": 0.1},
               {"label": "hot", "N": 10, "W": 1.0, "J": 1.0, "T": 1.0})
    return _runs.RunSpec(configs, (realizations, realizations + 1), seed, _tls_solver,
                         "energies in J")


def test_run_and_load_a_tiny_spec(tmp_path):
    path = _runs.run(_spec(), tmp_path / "tiny.npz", checkpoint_dir=tmp_path / "ck")
    assert path == tmp_path / "tiny.npz"
    configs, meta = _runs.load(path)
    assert meta["seed"] == 7 and meta["units"] == "energies in J"
    assert meta["generator"].endswith("_tls_solver")
    assert [c["label"] for c in configs] == ["tiny", "hot"]
    got = configs[0]
    assert got["realizations"] == 2 and got["E"].shape == (2, 12) and got["not_converged"] == 0
    assert configs[1]["E"].shape == (3, 10)
    # realization r of configuration k is seeded by SeedSequence([seed, k, r])
    for k, (cfg, R) in enumerate(((configs[0], 2), (configs[1], 3))):
        for r in range(R):
            rng = np.random.default_rng(np.random.SeedSequence([7, k, r]))
            ref = mf.solve_tls_glass(cfg["N"], 1.0, 1.0, cfg["T"], rng, D0)
            np.testing.assert_array_equal(cfg["E"][r], ref.E.astype(np.float32))
            np.testing.assert_array_equal(cfg["delta0"][r], ref.delta0.astype(np.float32))
    # a str with a folder is a path too
    assert _runs.load(str(path))[1] == meta


def test_same_spec_gives_the_same_arrays_and_resumes_from_checkpoints(tmp_path):
    calls = []

    def counting(cfg, rng, r):
        calls.append(r)
        return _tls_solver(cfg, rng, r)

    spec = _runs.RunSpec(_spec().configs[:1], (2,), 7, counting)
    a = _runs.run(spec, tmp_path / "a.npz", checkpoint_dir=tmp_path / "ck")
    assert calls == [0, 1]
    # same spec, same checkpoints: nothing recomputed, same arrays
    b = _runs.run(spec, tmp_path / "a.npz", checkpoint_dir=tmp_path / "ck")
    assert calls == [0, 1]
    # more realizations: only the new one is computed, and equals a fresh run's
    c = _runs.run(spec.with_realizations(3), tmp_path / "a.npz", checkpoint_dir=tmp_path / "ck")
    assert calls == [0, 1, 2]
    fresh = _runs.run(spec.with_realizations(3), tmp_path / "fresh.npz",
                      checkpoint_dir=tmp_path / "ck2")
    assert a == b == c
    (cfg,), _ = _runs.load(c)
    (ref,), _ = _runs.load(fresh)
    for key in ("E", "delta0", "converged", "sweeps"):
        np.testing.assert_array_equal(cfg[key], ref[key])
    assert calls == [0, 1, 2, 0, 1, 2]  # the fresh run in its own checkpoint folder
    # fewer realizations than checkpointed: the first ones, nothing recomputed
    _runs.run(spec.with_realizations(1), tmp_path / "a.npz", checkpoint_dir=tmp_path / "ck")
    assert calls == [0, 1, 2, 0, 1, 2]
    (first,), _ = _runs.load(tmp_path / "a.npz")
    np.testing.assert_array_equal(first["E"], ref["E"][:1])
    # another seed does not reuse the checkpoints of this one
    other = _runs.RunSpec(spec.configs, (2,), 8, counting)
    _runs.run(other, tmp_path / "a.npz", checkpoint_dir=tmp_path / "ck")
    assert calls[-2:] == [0, 1]
    (cfg8,), meta = _runs.load(tmp_path / "a.npz")
    assert meta["seed"] == 8 and not np.array_equal(cfg8["E"], cfg["E"][:2])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(configs=()), "non-empty sequence of dicts with a 'label'"),
        (dict(configs=({"N": 3},)), "with a 'label'"),
        (dict(configs=({"label": "a"}, {"label": "a"}), realizations=(1, 1)), "unique"),
        (dict(realizations=(1, 2)), r"one count per config \(1\), got 2"),
        (dict(realizations=(0,)), "realizations must be an integer >= 1"),
        (dict(seed=-1), "seed must be an integer >= 0"),
        (dict(solver=3), "solver must be callable"),
    ],
)
def test_bad_specs_raise_clear_errors(kwargs, match):
    args = dict(configs=({"label": "a"},), realizations=(1,), seed=0, solver=_tls_solver)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        _runs.RunSpec(**args)


def _hist_solver(cfg, rng, r):
    return {"h": np.histogram(rng.normal(size=50), np.linspace(-3, 3, 7))[0].astype(np.int32),
            "converged": r != 2}


def test_blocks_sum_the_realizations_and_resume_from_a_checkpoint(tmp_path):
    spec = _runs.RunSpec(({"label": "a"},), (6,), 3, _hist_solver, block=3)
    (got,), meta = _runs.load(_runs.run(spec, tmp_path / "b.npz", checkpoint_dir=tmp_path / "c"))
    assert got["h"].shape == (2, 6) and meta["block"] == 3
    # block k is the sum of realizations 3k .. 3k + 2, each seeded by SeedSequence([3, 0, r])
    per = [_hist_solver({}, np.random.default_rng(np.random.SeedSequence([3, 0, r])), r)["h"]
           for r in range(6)]
    np.testing.assert_array_equal(got["h"], [sum(per[:3]), sum(per[3:])])
    assert got["converged"].tolist() == [2, 3] and meta["configs"][0]["not_converged"] == 1
    # extending to 9 realizations resumes: the first two blocks come from the checkpoint
    calls = []

    def counting(cfg, rng, r):
        calls.append(r)
        return _hist_solver(cfg, rng, r)

    spec = _runs.RunSpec(({"label": "a"},), (6,), 3, counting, block=3)
    _runs.run(spec, tmp_path / "b.npz", checkpoint_dir=tmp_path / "d")
    (more,), _ = _runs.load(_runs.run(spec.with_counts((9,)), tmp_path / "b.npz",
                                      checkpoint_dir=tmp_path / "d"))
    assert calls == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    np.testing.assert_array_equal(more["h"][:2], got["h"])
    np.testing.assert_array_equal(more["h"][2], sum(
        _hist_solver({}, np.random.default_rng(np.random.SeedSequence([3, 0, r])), r)["h"]
        for r in (6, 7, 8)))
    with pytest.raises(ValueError, match="multiples of block = 3"):
        _runs.RunSpec(({"label": "a"},), (4,), 3, _hist_solver, block=3)
    assert spec.with_realizations(4).block == 1


def test_a_checkpoint_of_an_edited_solver_is_not_resumed(tmp_path):
    def solver(cfg, rng, r):
        return {"x": rng.normal(), "converged": True}

    def grown(cfg, rng, r):  # the same solver after it gained an output array
        return {"x": rng.normal(), "y": 1.0, "converged": True}

    keys = [_runs._checkpoint_key(_runs.RunSpec(({"label": "a"},), (1,), 0, s), 0)
            for s in (solver, grown)]
    assert keys[0] != keys[1]
    # the body, not the name, makes the key: a renamed copy of `grown` still differs
    grown.__qualname__ = solver.__qualname__
    assert _runs._checkpoint_key(_runs.RunSpec(({"label": "a"},), (1,), 0, grown), 0) != keys[0]
    # and a checkpoint whose stored keys differ from the solver's output is refused
    spec = _runs.RunSpec(({"label": "a"},), (2,), 0, solver)
    _runs.run(spec, tmp_path / "s.npz", checkpoint_dir=tmp_path / "c")
    ckpt = next((tmp_path / "c").glob("s.0.*.npz"))
    with np.load(ckpt) as f:
        np.savez(ckpt, **{k: f[k] for k in f.files if k != "x"})
    with pytest.raises(ValueError, match="stores .* but the solver now returns"):
        _runs.run(spec.with_realizations(3), tmp_path / "s.npz", checkpoint_dir=tmp_path / "c")
