"""The L = 16 extension of the Monte Carlo DOS and its extrapolation to L → ∞."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from tlspaper import dos, finite_size
from tlspaper.data import registry
from tlspaper.papers import churkin2021
from tlspaper.papers.beyond import thermodynamic_limit as limit


def test_l16_specs_are_the_papers_protocol_at_a_larger_lattice():
    # everything but L (and the realization count) equals the paper's L = 12 quenched files
    for (L, J0), name in limit.LIMIT_DATASETS.items():
        spec = limit.DATASETS[name]
        ref = churkin2021.DATASETS[churkin2021.DOS_DATASETS[(12, J0)]]
        assert L == 16 and spec.realizations == limit.L16_REALIZATIONS == 4000
        assert spec.params.model.L == 16
        assert spec.params == replace(ref.params, model=replace(ref.params.model, L=16))
        assert spec.params.quench and spec.params.seed == churkin2021.MC_SEED


@pytest.mark.parametrize("J0", limit.LIMIT_J0)
def test_registered_l16_files_hold_the_spec(J0):
    name = limit.LIMIT_DATASETS[(16, J0)]
    assert name in registry()
    d = dos.load_simulated(name)
    m = d.meta
    assert d.n_tls == round(churkin2021.MC_X * 16**3) == 2048
    assert m["realizations"] == 4000 and m["complete"]
    assert m["stable_single_fraction_quench"] == m["stable_pair_fraction_quench"] == 1.0
    assert list(limit.size_series(J0)) == [8, 12, 16]


def test_pair_cutoff_energy_by_hand():
    # J0/(L/2)^3: a pair at half the box has the coupling J0/R^3
    assert limit.pair_cutoff_energy(16, 2.0) == pytest.approx(2.0 / 8**3)
    np.testing.assert_allclose(limit.pair_cutoff_energy([8, 12], 3.0), [3 / 64, 3 / 216])


def test_extrapolated_limit_follows_the_declared_rules():
    L = np.array([8.0, 12.0, 16.0])
    s = np.array([0.006, 0.003, 0.003])
    # on the assumed form the limit is exact and the band brackets it
    y = 0.25 - 20.0 * L**-3
    e, band = limit._extrapolated(L, y, s)
    assert e.value == pytest.approx(0.25, abs=1e-12) and e.omega == limit.CENTRAL_OMEGA
    assert band[0] <= y[-1] <= e.value <= band[1]
    # ω = 6 extrapolates less far than ω = 3, ω = 1 further: both ends of the band are used
    lo6 = finite_size.extrapolate(L, y, s, 6.0).value
    hi1 = finite_size.extrapolate(L, y, s, 1.0).value
    assert band == (pytest.approx(min(lo6, y[-1])), pytest.approx(hi1))
    # a form that fails at p < FIT_ALPHA gets its error scaled by sqrt(chi2 / dof)
    bad = np.array([0.20, 0.26, 0.22])
    raw = finite_size.extrapolate(L, bad, s, limit.CENTRAL_OMEGA)
    assert raw.p_value < limit.FIT_ALPHA
    e_bad, _ = limit._extrapolated(L, bad, s)
    assert e_bad.error == pytest.approx(raw.error * math.sqrt(raw.chi2))
    # the change between the two largest sizes and its error
    last = limit._last_step(L, bad, s)
    assert last["step"] == pytest.approx(-0.04)
    assert last["step_err"] == pytest.approx(0.003 * 2**0.5)
    assert last["pair"].dof == 0


def test_missing_field_variance_falls_as_the_box_volume():
    miss = {L: limit.field_variances(L, 2.0)[0] for L in (8, 16, 32)}
    # the sum over the outside of a cube of side L of R^-6 scales as L^-3
    assert miss[16] / miss[32] == pytest.approx(8.0, rel=0.05)
    assert miss[8] / miss[16] == pytest.approx(8.0, rel=0.10)
    total = limit.field_variances(16, 2.0)[1]
    assert churkin2021.MC_H0**2 < total < churkin2021.MC_H0**2 + 0.5 * 4.0 * 4.0
    # quadratic in J0
    assert limit.field_variances(8, 3.0)[0] == pytest.approx(2.25 * miss[8])


def test_block_correlation_of_a_file_with_itself_is_one():
    d = dos.load_simulated(churkin2021.DOS_DATASETS[(8, 2.0)])
    r = limit.block_correlations({8: d, 12: d}, (0.1,))
    assert r[0.1][(8, 12)] == pytest.approx(1.0)


def test_form_power_alternatives_pass_through_the_two_smallest_sizes():
    L, s = [8, 12, 16], [0.006, 0.003, 0.003]
    y = [0.17, 0.19, 0.0]  # the third value is not used by the alternatives
    p = limit.form_power(L, y, s)
    a = (0.17 - 0.19) / (1 / 8 - 1 / 12)
    line = [0.19 + a * (1 / n - 1 / 12) for n in L]
    assert p["omega = 1"] == pytest.approx(finite_size.form_test_power(L, line, s))
    assert p["converged"] == pytest.approx(
        finite_size.form_test_power(L, [0.17, 0.19, 0.19], s))
    assert 0.05 < p["converged"] < p["omega = 1"] < 1
