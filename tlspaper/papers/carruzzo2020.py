"""Carruzzo & Yu (2020): the universal coupling constant C from material parameters."""

from __future__ import annotations

import numpy as np

from ..constants import HBAR, K_B
from ..universal import (
    GAMMA_MAX_PREFACTOR,
    asymmetry_dos,
    c_high_temperature,
    c_theory,
    c_theory_uncertainty,
    coupling_constant,
    coupling_scale,
    debye_temperature,
    formula_unit_volume,
    gamma_max,
    gamma_o,
    gaussian_asymmetry_dos,
    mean_free_path_ratio,
    pbar,
    to_ev,
    tunneling_alpha,
    v_o_for_c,
    wkb_barrier_height,
)
from .scorecard import Published, Row, half_unit

__all__ = [
    "ALPHA",
    "DATASETS",
    "DELTA0_MAX",
    "EQUATIONS",
    "INPUT_ROUNDING",
    "M_SIO2",
    "PUBLISHED",
    "SIO2_ROUNDED",
    "TABLE_FILE",
    "barrier_rows",
    "c_theory_rows",
    "coupling_rows",
    "debye_temperature_rows",
    "eq7_prefactors",
    "eq7_rows",
    "formula_unit_rows",
    "glass_table",
    "high_temperature_rows",
    "printed_table",
    "rows",
    "spreads",
    "v_o_log_slopes",
]

#: Numbers printed in the paper: name -> Published(value, where printed).  Table I itself is
#: the registry file :data:`TABLE_FILE` (transcribed as printed), read by :func:`glass_table`.
#: The book's convention for analytic coefficients: an exact coefficient printed by the paper
#: (1/6, the 1/3 of Eq. 7) is exact, σ_pub = 0; an approximate number printed with "about" or
#: "~" (0.57 eV, 0.23, 1.5, 5, 1.6, 5 K, 20 K, 0.3, 1) keeps half a unit of its last digit.
PUBLISHED: dict[str, Published] = {
    # "For concreteness, we will use α = 2.5" (α = γ_eff/γ_o, "in the range from 1 to 5")
    "alpha": Published(2.5, "text after Eq. 11"),
    # "With Δ_o^max ~ 10 K" [K]
    "delta0_max_K": Published(10.0, "text after Eq. 11", text="10"),
    # ln^(1/2)(Δmax/Δ°) "varies from about 1.5 for Δ° = 1 K ...
    "alpha_at_1K": Published(1.5, "text after Eq. 11"),
    # ... to about 5 for Δ° = 5e-11 K"
    "alpha_at_5e-11K": Published(5.0, "text after Eq. 11", text="5"),
    # Eq. 13: γ_max "~ 0.23 ρ v² v_o"
    "gamma_max_prefactor": Published(0.23, "Eq. 13"),
    # the rounded SiO2 inputs of the estimate "γ ~ 0.57 eV"
    "sio2_rho_kg_m3": Published(2200.0, "text after Table I", text="2200"),
    "sio2_v_m_s": Published(4200.0, "text after Table I", text="4200"),
    "sio2_v_o_m3": Published(45e-30, "text after Table I", text="45e-30"),
    "sio2_hbar_omega_D_K": Published(350.0, "text after Table I", text="350"),
    # "we find γ ~ 0.57 eV" for SiO2 [eV]
    "gamma_scale_sio2_eV": Published(0.57, "text after Table I"),
    # "1.6 √V d ~ ln(35)" (V in K, d in Å), SiO2, ħω_D ~ 350 K [K^-1/2 Å^-1]
    "wkb_coefficient": Published(1.6, "text after Eq. 14"),
    # "V ~ 5 K for d = 1 Å" [K]
    "barrier_1A_K": Published(5.0, "text after Eq. 14", text="5"),
    # "V ~ 20 K for d = 0.5 Å" [K]
    "barrier_half_A_K": Published(20.0, "text after Eq. 14", text="20"),
    # "C = P̄<γ²>/ρv² = 1/6 and is universal" for k_B T >> V
    "c_high_temperature": Published(1.0 / 6.0, "text before Eq. 15", sigma=0.0),
    # Eq. 15: ℓ/λ = 1/(2π² C) "~ 0.3"
    "mean_free_path_ratio": Published(0.3, "Eq. 15"),
    # closing paragraph: "At high temperatures ... we predict ℓ/λ ~ 1"
    "mean_free_path_ratio_closing": Published(1.0, "closing paragraph", text="1"),
    # Eq. 7: ñ_o ≈ ρv²/3γ_max², the "3" of the denominator: an analytic coefficient (the "≈"
    # is the random-mean-field approximation, not a rounding), exact by the book's convention
    "eq7_denominator": Published(3.0, "Eq. 7", sigma=0.0),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {
    "Eq. 1": coupling_constant,
    "Eq. 5": gamma_o,
    "Eq. 7": asymmetry_dos,
    "Eq. 7, prefactor re-derived from the stated variance": gaussian_asymmetry_dos,
    "Eq. 9": pbar,
    "Eq. 10": tunneling_alpha,
    "Eq. 12": c_theory,
    "Eq. 13": gamma_max,
    "Eq. 14": wkb_barrier_height,
    "Eq. 15": mean_free_path_ratio,
}

#: Datasets of this paper that the package regenerates: registry name -> generation spec.
DATASETS: dict = {}

#: Registry file holding Table I of the paper (ρ, v, v_o, T_D, C_exp, C_th as printed).
TABLE_FILE = "glasses_carruzzo_yu_2020.csv"

#: α = γ_eff/γ_o the paper uses for Table I (dimensionless).
ALPHA = PUBLISHED["alpha"].value
#: Largest bare tunneling element Δ_o^max [K] the paper assumes.
DELTA0_MAX = PUBLISHED["delta0_max_K"].value

#: The paper's rounded SiO2 inputs of "γ ~ 0.57 eV": ρ [kg/m³], v [m/s], v_o [m³], ħω_D/k_B [K].
SIO2_ROUNDED = {
    "rho": PUBLISHED["sio2_rho_kg_m3"].value,
    "v": PUBLISHED["sio2_v_m_s"].value,
    "v_o": PUBLISHED["sio2_v_o_m3"].value,
    "T_D": PUBLISHED["sio2_hbar_omega_D_K"].value,
}

#: Rounding of the printed Table I inputs, half a unit of their last digit, used as standard
#: errors: ρ [kg/m³], v [m/s], v_o [m³].
INPUT_ROUNDING = {"rho": 5.0, "v": 0.5, "v_o": 0.05e-30}

#: Molar mass of SiO2 [kg/mol] from the IUPAC standard atomic weights (Si 28.085, O 15.999);
#: the paper obtains v_o = M/(N_A ρ) "from the material's chemical formula".
M_SIO2 = (28.085 + 2 * 15.999) * 1e-3

#: Row index of SiO2 in Table I.
_SIO2 = 0


def glass_table(alpha=ALPHA, name: str = TABLE_FILE) -> dict[str, np.ndarray]:
    """Table I of Carruzzo & Yu (2020) with this book's values beside the published ones.

    Parameters
    ----------
    alpha : float
        γ_eff/γ_o, default :data:`ALPHA` (2.5, as in the paper).
    name : str
        Registry CSV (or a path to a user CSV) with columns ``glass, rho_kg_m3, v_m_s, v0_A3``
        and, optionally, the published ``T_D_K, C_exp_1e4, C_th_1e4``.

    Returns
    -------
    dict of str to numpy.ndarray
        ``glass``; inputs ``rho`` [kg/m³], ``v`` [m/s], ``v_o`` [m³]; published ``T_D_pub`` [K],
        ``C_exp``, ``C_th_pub`` (plain, not ×10⁴); ours ``T_D`` [K], ``C_th``, ``C_th_TDpub``
        (Eq. 12 with the printed T_D), ``sigma_T_D`` [K] and ``sigma_C_th`` (from rounding of
        the printed inputs, :data:`INPUT_ROUNDING`, treated as standard errors), and the
        extension ``v_o_match`` [m³] and ``alpha_match``: the v_o (at α = `alpha`) or the α
        (at the printed v_o) for which C_th = C_exp.

    Examples
    --------
    >>> t = glass_table()
    >>> str(t["glass"][0]), round(float(t["C_th"][0]) * 1e4, 2)
    ('SiO2', 2.94)
    """
    from ..data import load_csv

    raw = load_csv(name, required=("glass", "rho_kg_m3", "v_m_s", "v0_A3"))
    n = len(raw["glass"])
    nan = np.full(n, np.nan)
    rho, v, v_o = raw["rho_kg_m3"], raw["v_m_s"], raw["v0_A3"] * 1e-30
    out = {"glass": raw["glass"], "rho": rho, "v": v, "v_o": v_o}
    out["T_D_pub"] = raw.get("T_D_K", nan)
    out["C_exp"] = raw.get("C_exp_1e4", nan) * 1e-4
    out["C_th_pub"] = raw.get("C_th_1e4", nan) * 1e-4
    out["T_D"] = debye_temperature(v, v_o)
    out["C_th"] = c_theory(rho, v, v_o, alpha)
    has_td = np.isfinite(out["T_D_pub"])
    out["C_th_TDpub"] = nan.copy()
    if has_td.any():
        out["C_th_TDpub"][has_td] = c_theory(
            rho[has_td], v[has_td], v_o[has_td], alpha, out["T_D_pub"][has_td]
        )
    r = INPUT_ROUNDING
    out["sigma_C_th"] = c_theory_uncertainty(rho, v, v_o, r["rho"], r["v"], r["v_o"], alpha)
    # T_D ∝ v v_o^(-1/3)
    out["sigma_T_D"] = out["T_D"] * np.hypot(r["v"] / v, r["v_o"] / (3.0 * v_o))
    has_c = np.isfinite(out["C_exp"])
    out["v_o_match"] = nan.copy()
    out["alpha_match"] = nan.copy()
    if has_c.any():
        out["v_o_match"][has_c] = v_o_for_c(out["C_exp"][has_c], rho[has_c], v[has_c], alpha)
        out["alpha_match"][has_c] = alpha * np.sqrt(out["C_exp"][has_c] / out["C_th"][has_c])
    return out


def printed_table(name: str = TABLE_FILE) -> dict[str, list[str]]:
    """Table I as printed: every cell of the registry CSV as text, for its printed precision.

    Parameters
    ----------
    name : str
        Registry CSV (or a path), as in :func:`glass_table`.

    Returns
    -------
    dict of str to list of str
        Column -> cells exactly as written (e.g. ``"2.75"``, ``"348"``).

    Examples
    --------
    >>> t = printed_table()
    >>> t["C_exp_1e4"][2], half_unit(t["T_D_K"][0])
    ('2.75', 0.5)
    """
    import csv

    from ..data import read_lines, resolve

    lines = [ln for ln in read_lines(resolve(name))
             if ln.strip() and not ln.lstrip().startswith("#")]
    header, *body = list(csv.reader(lines))
    return {col: [row[j].strip() for row in body] for j, col in enumerate(header)}


def _table_rows(label, col, sigma_col, scale, section, note, band_col=None, band_over=""):
    """One Table I row per glass: ours ``t[col]`` against the printed ``t[col + "_pub"]``.

    `label` is formatted with the glass name; values (and the uncertainty ``t[sigma_col]``)
    are multiplied by `scale`; σ_pub is half a unit of the last digit of the printed cell
    `printed` column; `band_col` (optional) is ours under the other documented choice.
    """
    t = glass_table()
    printed = printed_table()[{"T_D": "T_D_K", "C_th": "C_th_1e4"}[col]]
    rows = []
    for i, g in enumerate(t["glass"]):
        ours = float(t[col][i]) * scale
        band = None
        if band_col is not None:
            other = float(t[band_col][i]) * scale
            band = (min(ours, other), max(ours, other))
        rows.append(Row(
            "carruzzo2020", "Table I", label.format(g), float(t[col + "_pub"][i]) * scale, ours,
            float(t[sigma_col][i]) * scale, published_sigma=half_unit(printed[i]),
            band=band, band_over=band_over, section=section, note=note,
        ))
    return rows


def debye_temperature_rows() -> list[Row]:
    """Table I: the Debye temperature of every glass, from the printed v and v_o.

    Returns
    -------
    list of Row
        One row per glass; uncertainty from the rounding of the printed v and v_o, σ_pub half
        a unit of the printed T_D (0.5 K).
    """
    return _table_rows(
        "T_D ({}) [K]", "T_D", "sigma_T_D", 1.0, "c-table1",
        "k_B T_D = ħ v (6π²/v_o)^(1/3) from the printed v, v_o",
    )


def c_theory_rows() -> list[Row]:
    """Table I: C_th (Eq. 12, α = 2.5) of every glass, from the printed ρ, v and v_o.

    Returns
    -------
    list of Row
        One row per glass, in units of 10⁻⁴, with the uncertainty from the rounding of the
        printed inputs; σ_pub half a unit of the printed C_th (0.05e-4); band: T_D computed
        from v, v_o (the paper's stated formula, our default) or the printed T_D.
    """
    return _table_rows(
        "C_th ({}) x 1e4", "C_th", "sigma_C_th", 1e4, "c-table1",
        "Eq. 12, α = 2.5; unc. from rounding of printed ρ, v, v_o",
        band_col="C_th_TDpub", band_over="T_D from v, v_o or printed",
    )


def _text_row(item, quantity, key, ours, section, note="", uncertainty=0.0, band=None,
              band_over=""):
    """A row for the printed number ``PUBLISHED[key]`` with its printed precision."""
    pub = PUBLISHED[key]
    return Row("carruzzo2020", item, quantity, pub.value, float(ours), float(uncertainty),
               published_sigma=pub.precision, band=band, band_over=band_over, section=section,
               note=note)


def coupling_rows() -> list[Row]:
    """The coupling scale "γ ~ 0.57 eV", the prefactor 0.23 of Eq. 13 and the range of α.

    Returns
    -------
    list of Row
        Four rows: (ρv²v_oħω_D)^½ for the rounded SiO2 inputs, a of γ_max = a ρ v² v_o, and
        ln^½(Δmax/Δ°) for Δ° = 1 K and 5e-11 K.
    """
    s = SIO2_ROUNDED
    rows = [
        _text_row("text after Table I", "γ ~ (ρv²v_o ħω_D)^½ (SiO2) [eV]", "gamma_scale_sio2_eV",
                  to_ev(coupling_scale(s["rho"], s["v"], s["v_o"], s["T_D"])), "c-alpha",
                  "paper's rounded inputs; = (3/√2) γ_o, not γ_o or γ_eff"),
        _text_row("Eq. 13", "a in γ_max = a ρ v² v_o", "gamma_max_prefactor", GAMMA_MAX_PREFACTOR,
                  "c-chain", "(4/3)(2/9π)^(2/3)"),
    ]
    for key, delta in (("alpha_at_1K", 1.0), ("alpha_at_5e-11K", 5e-11)):
        rows.append(_text_row("text after Eq. 11", f"ln^½(Δmax/Δ°), Δ° = {delta:g} K", key,
                              tunneling_alpha(delta, DELTA0_MAX), "c-chain", "Δmax = 10 K"))
    return rows


def _sio2_inputs() -> tuple[float, float, float]:
    """ρ [kg/m³], v [m/s], v_o [m³] of SiO2 as printed in Table I."""
    t = glass_table()
    return t["rho"][_SIO2], t["v"][_SIO2], t["v_o"][_SIO2]


def high_temperature_rows() -> list[Row]:
    """C = 1/6 above the tunneling barrier and ℓ/λ of Eq. 15 and of the closing paragraph.

    All three use Eq. 7 as printed (ñ_o = ρv²/3γ_max²) and are conditional on it: with the
    prefactor derived from the stated variance (:func:`eq7_prefactors`) C would be k/2.

    Returns
    -------
    list of Row
        Three rows: C for k_B T ≫ V (exact 1/6; our σ: double-precision rounding), ℓ/λ =
        1/(2π² C) at that C against Eq. 15's "~ 0.3" and the closing "~ 1".  The last is an
        inconsistency inside the paper (the same ℓ/λ printed as ~ 0.3 and ~ 1); by the rule
        "~ 1" (σ_pub = 0.5) still covers 0.30.
    """
    rho, v, v_o = _sio2_inputs()
    c_hi = float(c_high_temperature(rho, v, v_o))
    ratio = float(mean_free_path_ratio(c_hi))
    return [
        _text_row("text before Eq. 15", "C for k_B T ≫ V", "c_high_temperature", c_hi,
                  "c-high-t", "P̄ = ñ_o, <γ²> = γ_max²/2; Eq. 7 as printed",
                  uncertainty=16 * np.finfo(float).eps * c_hi),
        _text_row("Eq. 15", "ℓ/λ for k_B T ≫ V", "mean_free_path_ratio", ratio, "c-high-t",
                  "= 3/π²; Eq. 7 as printed"),
        _text_row("closing paragraph", "ℓ/λ for k_B T ≫ V ('~ 1')", "mean_free_path_ratio_closing",
                  ratio, "c-high-t",
                  "inconsistent inside the paper: its Eq. 15 says ~ 0.3 for the same ℓ/λ"),
    ]


def barrier_rows() -> list[Row]:
    """The WKB estimate after Eq. 14: the coefficient 1.6 and the barriers V for SiO2.

    The paper says "using the numbers for SiO2" with ħω_D ~ 350 K: our default is ρ and v_o
    of Table I with ħω_D = 350 K; the band also uses the rounded v_o = 45 Å³ of the text and
    the printed T_D = 348 K.

    Returns
    -------
    list of Row
        Three rows: √(2ρv_o k_B)·1Å/ħ, and V for d = 1 Å and 0.5 Å (Δmax = 10 K).
    """
    rho, _, v_o = _sio2_inputs()
    volumes = (v_o, SIO2_ROUNDED["v_o"])
    t_debye = (PUBLISHED["sio2_hbar_omega_D_K"].value, float(glass_table()["T_D_pub"][_SIO2]))

    def coeff(vol):  # √(2MV) d/ħ per √K per Å, M = ρ v_o
        return float(np.sqrt(2 * rho * vol * K_B) * 1e-10 / HBAR)

    c_all = [coeff(vol) for vol in volumes]
    rows = [_text_row("after Eq. 14", "√(2ρv_o k_B)·1Å/ħ (SiO2) [K^-½]", "wkb_coefficient",
                      c_all[0], "c-high-t", band=(min(c_all), max(c_all)),
                      band_over="v_o 45.3 (Table I) or 45 Å³ (text)")]
    for key, d in (("barrier_1A_K", 1e-10), ("barrier_half_A_K", 0.5e-10)):
        v_all = [float(wkb_barrier_height(d, rho, vol, td, DELTA0_MAX))
                 for vol in volumes for td in t_debye]
        rows.append(_text_row("after Eq. 14", f"V (SiO2, d = {d * 1e10:g} Å) [K]", key, v_all[0],
                              "c-high-t", "Δmax = 10 K; the paper says '~'",
                              band=(min(v_all), max(v_all)),
                              band_over="v_o 45.3 or 45 Å³; ħω_D 350 or 348 K"))
    return rows


def formula_unit_rows() -> list[Row]:
    """Table I: v_o of SiO2 from its chemical formula, v_o = M/(N_A ρ).

    Returns
    -------
    list of Row
        One row: our v_o [Å³] from :data:`M_SIO2` and the printed ρ against the printed v_o;
        uncertainty from the rounding of the printed ρ (5 kg/m³).
    """
    rho, _, v_o = _sio2_inputs()
    ours = float(formula_unit_volume(M_SIO2, rho)) * 1e30
    return [
        Row("carruzzo2020", "Table I", "v_o = M/(N_A ρ) (SiO2) [Å³]", float(v_o * 1e30), ours,
            ours * INPUT_ROUNDING["rho"] / rho,
            published_sigma=half_unit(printed_table()["v0_A3"][_SIO2]), section="c-vo",
            note="M = 60.083 g/mol (IUPAC weights); ρ printed to ±5 kg/m³")
    ]


def eq7_prefactors() -> dict[str, float]:
    """The prefactor k of ñ_o = k ρv²/γ_max² (Eq. 7): printed, and from the stated variance.

    Returns
    -------
    dict of str to float
        ``printed`` (1/3), ``positive_eps`` (6/(2π)^(3/2), ε > 0 as in Eq. 3, the book's
        default) and ``both_signs`` (3/(2π)^(3/2)), from
        :func:`tlspaper.universal.gaussian_asymmetry_dos`; and ``as_printed_intermediate``
        (3/(2π)^(2/3)), what the printed P(ε_i) before Eq. 7 gives per unit volume.

    Examples
    --------
    >>> [round(v, 4) for v in eq7_prefactors().values()]
    [0.3333, 0.381, 0.1905, 0.8811]
    """
    rho, v, v_o = _sio2_inputs()  # k does not depend on the material
    unit = float(rho * v**2 / gamma_max(rho, v, v_o) ** 2)
    return {
        "printed": float(asymmetry_dos(rho, v, v_o)) / unit,
        "positive_eps": float(gaussian_asymmetry_dos(rho, v, v_o)) / unit,
        "both_signs": float(gaussian_asymmetry_dos(rho, v, v_o, positive_asymmetry=False)) / unit,
        "as_printed_intermediate": 3.0 / (2.0 * np.pi) ** (2.0 / 3.0),
    }


def eq7_rows() -> list[Row]:
    """Eq. 7: the denominator 3 of ñ_o = ρv²/3γ_max² against the one from the stated variance.

    The printed 3 is an analytic coefficient, exact (σ_pub = 0). The two readings of the
    derivation are discrete (2.62 for ε > 0, 5.25 for both signs): no reading lies between
    them, so they are not given as a band (an interval would contain 3, which neither reading
    gives); the other reading is stated in the note.

    Returns
    -------
    list of Row
        One row: 1/k with k from :func:`eq7_prefactors` (ε > 0, the convention of Eq. 3).
    """
    k = eq7_prefactors()
    return [_text_row("Eq. 7", "ρv²/(ñ_o γ_max²), Gaussian field of the stated variance",
                      "eq7_denominator", 1 / k["positive_eps"], "c-eq7",
                      f"ε > 0 (Eq. 3); both signs give {1 / k['both_signs']:.2f}, the printed "
                      f"(2π)^(2/3) gives {1 / k['as_printed_intermediate']:.2f}; C_th ∝ 1/this")]


def v_o_log_slopes(step: float = 1e-4) -> dict[str, np.ndarray]:
    """d ln C_th / d ln v_o of every glass of Table I, computed from :func:`c_theory`.

    Two estimates, each with T_D recomputed from v_o (k_B T_D = ħv(6π²/v_o)^(1/3); the scaling
    law gives −8/3)
    and with T_D held at its value at the printed v_o (−2): the centred difference
    [ln C(v_o e^h) − ln C(v_o e^−h)]/(2h) at h = `step`, and the chord
    ln[C(1.1 v_o)/C(0.9 v_o)] / ln(1.1/0.9) over ±10 %.

    Parameters
    ----------
    step : float
        Step h in ln v_o of the centred difference (dimensionless), default 1e-4.

    Returns
    -------
    dict of str to numpy.ndarray
        ``centred``, ``centred_fixed_TD``, ``chord_10pct``, ``chord_10pct_fixed_TD``: one
        slope per glass (dimensionless), in the order of :func:`glass_table`.

    Examples
    --------
    >>> s = v_o_log_slopes()
    >>> round(float(s["centred"][0]), 6), round(float(s["centred_fixed_TD"][0]), 6)
    (-2.666667, -2.0)
    """
    t = glass_table()
    rho, v, v_o, t_d = t["rho"], t["v"], t["v_o"], t["T_D"]

    def slope(lo, hi, fixed):
        c_lo = c_theory(rho, v, v_o * lo, ALPHA, t_d if fixed else None)
        c_hi = c_theory(rho, v, v_o * hi, ALPHA, t_d if fixed else None)
        return np.log(c_hi / c_lo) / np.log(hi / lo)

    e = np.exp(step)
    return {
        "centred": slope(1 / e, e, False),
        "centred_fixed_TD": slope(1 / e, e, True),
        "chord_10pct": slope(0.9, 1.1, False),
        "chord_10pct_fixed_TD": slope(0.9, 1.1, True),
    }


def spreads() -> dict[str, dict[str, float]]:
    """Spread of C across the ten glasses of Table I: measured, published theory, ours.

    Returns
    -------
    dict
        For ``C_exp``, ``C_th_pub`` and ``C_th``: ``sd_log10`` (standard deviation of log10 C
        over the glasses, ddof = 1, in decades) and ``max_over_min`` (largest over smallest C).

    Examples
    --------
    >>> s = spreads()
    >>> round(s["C_exp"]["max_over_min"], 2), round(s["C_th"]["max_over_min"], 2)
    (1.78, 9.43)
    """
    t = glass_table()
    out = {}
    for key in ("C_exp", "C_th_pub", "C_th"):
        c = np.asarray(t[key], dtype=float)
        out[key] = {"sd_log10": float(np.std(np.log10(c), ddof=1)),
                    "max_over_min": float(c.max() / c.min())}
    return out


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
        :func:`debye_temperature_rows`, :func:`c_theory_rows`, :func:`coupling_rows`,
        :func:`eq7_rows`, :func:`high_temperature_rows`, :func:`barrier_rows`,
        :func:`formula_unit_rows`.
    """
    return (
        debye_temperature_rows()
        + c_theory_rows()
        + coupling_rows()
        + eq7_rows()
        + high_temperature_rows()
        + barrier_rows()
        + formula_unit_rows()
    )
