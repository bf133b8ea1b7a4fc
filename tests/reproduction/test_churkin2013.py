"""Churkin et al. (2013): published values, equations, dataset specs and the scorecard rows."""

from __future__ import annotations

import dataclasses
import importlib
import math
import re

import numpy as np
import pytest

from tlspaper import _runs, data
from tlspaper import meanfield as mf
from tlspaper import rate_statistics as rs
from tlspaper.papers import churkin2013 as paper


@pytest.fixture(scope="module")
def rows():
    """The paper's rows, computed once for this file (Table I is cached per process too)."""
    return paper.rows()


def test_default_density_convention_of_every_dataset_is_the_papers():
    # App. A: r̄ = L / (N^(1/d) - 1) = r_nn = 1; a configuration without an explicit
    # convention, or labelled "[paper]", must use that box
    assert mf.DEFAULT_CONVENTION == "paper"
    for name, spec in paper.DATASETS.items():
        for cfg in spec.configs:
            if "lattice" in name:
                continue
            conv = cfg.get("convention", mf.DEFAULT_CONVENTION)
            assert conv in mf.CONVENTIONS, (name, cfg["label"])
            if "[poisson]" not in cfg["label"]:
                assert conv == "paper", (name, cfg["label"])
    dim3 = mf.box_length(1000, 1.0, 3)
    assert dim3 == pytest.approx(1000 ** (1 / 3) - 1)


def test_table_one_signs_follow_the_rule_from_the_cached_data(rows):
    assert [r.item for r in rows[:6]] == ["Table I"] * 6
    for conv in mf.CONVENTIONS:
        for t in paper.table_one(conv):
            assert len(t["shifts"]) == len(paper.QUANTILES) + len(paper.LEVELS)
            # the rule: a sign only if every usable estimator has it at >= 3 sigma
            z = np.array([s.z for s in t["shifts"] if s.name in t["usable"]])
            expected = (1 if np.all(z >= 3) else -1 if np.all(z <= -3) else 0)
            assert t["sign"] == expected, (conv, t["model"], t["quantity"])
            assert set(t["usable"]) | set(t["flagged"]) == {s.name for s in t["shifts"]}
            for s in t["shifts"]:
                assert s.error > 0 and math.isfinite(s.shift)
    # only ln λ_min(0.1) is ever left out; at W = 100, T = 10 (every g >= 2T) it is pinned to
    # the floor ln(2 T Δ0_min²) of ln λ = ln(Δ0² g), within one bin of the histogram
    flagged = {(conv, t["model"], t["quantity"]): t["flagged"]
               for conv in mf.CONVENTIONS for t in paper.table_one(conv) if t["flagged"]}
    assert {name for f in flagged.values() for name in f} == {"ln λ_min(0.1)"}
    floor = math.log(2 * 10 * paper.DELTA0_RANGE[0] ** 2)
    why = flagged[("paper", "TG", "disorder")]["ln λ_min(0.1)"]
    edge = float(why.split("(")[1].split(")")[0])
    step = paper.LNRATE_EDGES[1] - paper.LNRATE_EDGES[0]
    assert why.startswith("W=100: pinned") and abs(edge - floor) <= step
    for r, t in zip(rows[:6], paper.table_one("paper"), strict=True):
        assert r.published == t["published"] and r.section == "mf-table-one"
        signs = {int(np.sign(s.shift)) for s in t["shifts"] if s.name in t["usable"]}
        if len(signs) > 1:  # estimators point both ways: no single sign
            assert r.verdict == "not comparable" and "both ways" in r.not_comparable
            continue
        # ours = the common direction, resolved (t["sign"]) or not, at σ = 1/|z|_min
        assert r.ours == signs.pop() and (t["sign"] in (0, r.ours))
        zmin = min(abs(s.z) for s in t["shifts"] if s.name in t["usable"])
        assert r.uncertainty == pytest.approx(1 / zmin)
        if r.ours == r.published:
            assert r.verdict == "agrees"
        else:  # opposite direction: disagrees at 2 |z|_min
            assert r.verdict == "disagrees" and r.z == pytest.approx(2 * zmin)
        assert (f"{paper.SIGN_THRESHOLD:g}σ" in r.note)


def test_shift_estimators_are_logs_of_the_same_rate_scale():
    # one configuration measured twice: every shift is exactly zero with a positive error
    cfg = paper.find_config("meanfield_tls_size.npz", "N=100 [paper]")
    for s in paper.scheme_shifts("TG", cfg, cfg):
        assert s.shift == 0.0 and s.error > 0
    # λ_min at half height sits at 2 ln Δ0_min + (about) the median of ln g, as derived
    h = cfg["lnrate_hist"].sum(axis=0)
    med_g = rs.hist_quantile(cfg["lng_hist"].sum(axis=0), paper.LNG_EDGES, 0.5)
    lmin = math.log(rs.lambda_min_hist(h, paper.LNRATE_EDGES, 0.5, 0.5))
    assert abs(lmin - (2 * math.log(paper.DELTA0_RANGE[0]) + med_g)) < 1.0


def test_rate_exponent_rows(rows):
    assert [r.item for r in rows[6:]] == ["Fig. 3(b)", "Fig. 9(b)"]
    for r in rows[6:]:
        # "1/λ" is a functional form: the exponent 1 is exact, σ_pub = 0 by the rule
        assert r.published == 1 and r.published_sigma == 0.0
        assert 0 < r.uncertainty < 0.1 and r.band[0] <= r.ours <= r.band[1]


def test_published_values():
    pub = paper.PUBLISHED
    assert {k: v.value for k, v in pub.items() if k.startswith("table1_")} == {
        "table1_EG_disorder": 1, "table1_EG_interaction": -1, "table1_EG_system size": -1,
        "table1_TG_disorder": 1, "table1_TG_interaction": 1, "table1_TG_system size": -1,
    }
    assert all(v.where for v in pub.values())
    assert paper.DELTA0_RANGE == (1e-7, 0.1) and paper.XI == 0.1
    assert paper.PAPER_COUNTS == {"fig1": 300, "fig3": 1000, "fig8": 300, "N=1000": 1000}


def test_chi_of_the_conventions_cannot_be_the_papers():
    chis = {c["convention"]: c["chi"] for c in paper.convention_summary(1000)}
    assert chis["paper"] > 30 * 1e-3 and chis["poisson"] > 4 * 1e-3


def test_equations_cite_this_paper_and_are_public():
    for key, func in paper.EQUATIONS.items():
        module = importlib.import_module(func.__module__)
        assert func.__name__ in module.__all__, (key, func)
        first = func.__doc__.strip().splitlines()[0]
        cited = re.search(r"Eq\. (\w+) of Churkin et al\. \(2013\)", first)
        assert cited and f"Eq. {cited.group(1)}" == key.split(",")[0], (key, first)


def test_every_spec_matches_its_registered_file():
    assert set(paper.DATASETS) <= set(data.registry())
    for name, spec in paper.DATASETS.items():
        configs, meta = _runs.load(name)
        assert meta["seed"] == spec.seed == paper.MASTER_SEED, name
        assert len(meta["configs"]) == len(spec.configs), name
        for c, s, n in zip(meta["configs"], spec.configs, spec.realizations, strict=True):
            # parameters as in the spec, and the spec's count (the paper's, where it gives one)
            assert {k: v for k, v in c.items() if k in s} == s, (name, s["label"])
            assert c["realizations"] == n, (name, s["label"])


@pytest.mark.parametrize(("name", "label"), [("meanfield_tls_size.npz", "N=100 [paper]"),
                                             ("meanfield_eg_size.npz", "N=10 [paper]")])
def test_spec_reproduces_the_first_block_of_the_registered_file(name, label, tmp_path):
    spec = paper.DATASETS[name]
    k = [c["label"] for c in spec.configs].index(label)
    assert k == 0  # the seed of realization r is SeedSequence([3, k, r]): keep k
    one = dataclasses.replace(spec, configs=spec.configs[:1], realizations=(spec.block,))
    (new,), _ = _runs.load(_runs.run(one, tmp_path / name, checkpoint_dir=tmp_path / "ck"))
    old = paper.find_config(name, label)
    for key, val in new.items():
        if isinstance(val, np.ndarray) and key != "sweeps":
            np.testing.assert_array_equal(val[0], old[key][0], err_msg=f"{label} {key}")


def test_generate_unknown_name_and_registering(tmp_path, monkeypatch):
    with pytest.raises(KeyError, match="'nope.npz' is not a dataset of churkin2013"):
        paper.generate("nope.npz")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    (tmp_path / "registry.txt").write_text("# name sha256:HASH\n")
    path = paper.generate("meanfield_eg_size.npz", realizations=1,
                          checkpoint_dir=tmp_path / "ck", progress=False)
    assert path == tmp_path / "meanfield_eg_size.npz"
    assert "meanfield_eg_size.npz" in data.registry()
    (first, *_), meta = _runs.load(path)
    assert meta["block"] == 1 and first["E_hist"].shape == (1, len(paper.E_EDGES) - 1)
    # a registered file is never replaced in place
    with pytest.raises(ValueError, match="exists and is registered; write elsewhere"):
        paper.generate("meanfield_eg_size.npz", realizations=1, checkpoint_dir=tmp_path / "ck")


def test_the_n10000_datasets_hold_the_papers_counts():
    # Figs. 1, 3 (TLS) and 8 (EG) at N = 10^4 with the paper's realization counts
    counts = {c["label"]: (c["N"], c["realizations"])
              for name in ("meanfield_tls_N10000.npz", "meanfield_eg_N10000.npz")
              for c in _runs.load(name)[0]}
    for label in ("fig1", "fig3", "fig8"):
        assert counts[label] == (10000, paper.PAPER_COUNTS[label]), label
    assert paper.FIG3_RATES == ("meanfield_tls_N10000.npz", "fig3")


def test_tg_size_cell_to_n10000_follows_the_rule(rows):
    size_row = next(r for r in rows if r.quantity.startswith("TG system size"))
    for conv in mf.CONVENTIONS:
        t = paper.tg_size_large(conv)
        assert t["labels"] == ("N=1000", "N=10000")
        cfgs = [paper.find_config(*pair) for pair in paper.TG_SIZE_LARGE[conv]]
        assert [c["N"] for c in cfgs] == [1000, 10000]
        # same W, J, T and density convention at both ends: only N changes
        for key in ("W", "J", "T"):
            assert cfgs[0][key] == cfgs[1][key], key
        assert {c.get("convention", mf.DEFAULT_CONVENTION) for c in cfgs} == {conv}
        z = np.array([s.z for s in t["shifts"] if s.name in t["usable"]])
        assert t["sign"] == (1 if np.all(z >= 3) else -1 if np.all(z <= -3) else 0)
        assert "1000 → 10 000" in size_row.note
    # the Poisson N = 1000 end is pinned at the 0.1 level: left out, and the note says so
    assert list(paper.tg_size_large("poisson")["flagged"]) == ["ln λ_min(0.1)"]
    assert "without ln λ_min(0.1) (pinned)" in size_row.note
    with pytest.raises(ValueError, match="convention must be one of"):
        paper.tg_size_large("dense")
