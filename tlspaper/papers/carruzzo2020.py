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
    mean_free_path_ratio,
    pbar,
    to_ev,
    tunneling_alpha,
    v_o_for_c,
    wkb_barrier_height,
)
from .scorecard import Published, Row

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
    "formula_unit_rows",
    "glass_table",
    "high_temperature_rows",
    "rows",
]

#: Numbers printed in the paper: name -> Published(value, where printed).  Table I itself is
#: the registry file :data:`TABLE_FILE` (transcribed as printed), read by :func:`glass_table`.
PUBLISHED: dict[str, Published] = {
    # "For concreteness, we will use α = 2.5" (α = γ_eff/γ_o, "in the range from 1 to 5")
    "alpha": Published(2.5, "text after Eq. 11"),
    # "With Δ_o^max ~ 10 K" [K]
    "delta0_max_K": Published(10.0, "text after Eq. 11"),
    # ln^(1/2)(Δmax/Δ°) "varies from about 1.5 for Δ° = 1 K ...
    "alpha_at_1K": Published(1.5, "text after Eq. 11"),
    # ... to about 5 for Δ° = 5e-11 K"
    "alpha_at_5e-11K": Published(5.0, "text after Eq. 11"),
    # Eq. 13: γ_max "~ 0.23 ρ v² v_o"
    "gamma_max_prefactor": Published(0.23, "Eq. 13"),
    # the rounded SiO2 inputs of the estimate "γ ~ 0.57 eV"
    "sio2_rho_kg_m3": Published(2200.0, "text after Table I"),
    "sio2_v_m_s": Published(4200.0, "text after Table I"),
    "sio2_v_o_m3": Published(45e-30, "text after Table I"),
    "sio2_hbar_omega_D_K": Published(350.0, "text after Table I"),
    # "we find γ ~ 0.57 eV" for SiO2 [eV]
    "gamma_scale_sio2_eV": Published(0.57, "text after Table I"),
    # "1.6 √V d ~ ln(35)" (V in K, d in Å), SiO2, ħω_D ~ 350 K [K^-1/2 Å^-1]
    "wkb_coefficient": Published(1.6, "text after Eq. 14"),
    # "V ~ 5 K for d = 1 Å" [K]
    "barrier_1A_K": Published(5.0, "text after Eq. 14"),
    # "V ~ 20 K for d = 0.5 Å" [K]
    "barrier_half_A_K": Published(20.0, "text after Eq. 14"),
    # "C = P̄<γ²>/ρv² = 1/6 and is universal" for k_B T >> V
    "c_high_temperature": Published(1.0 / 6.0, "text before Eq. 15"),
    # Eq. 15: ℓ/λ = 1/(2π² C) "~ 0.3"
    "mean_free_path_ratio": Published(0.3, "Eq. 15"),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {
    "Eq. 1": coupling_constant,
    "Eq. 5": gamma_o,
    "Eq. 7": asymmetry_dos,
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
        (Eq. 12 with the printed T_D), ``sigma_C_th`` (from rounding of the printed inputs,
        :data:`INPUT_ROUNDING`, treated as standard errors), and the extension ``v_o_match``
        [m³] and ``alpha_match``: the v_o (at α = `alpha`) or the α (at the printed v_o) for
        which C_th = C_exp.

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
    has_c = np.isfinite(out["C_exp"])
    out["v_o_match"] = nan.copy()
    out["alpha_match"] = nan.copy()
    if has_c.any():
        out["v_o_match"][has_c] = v_o_for_c(out["C_exp"][has_c], rho[has_c], v[has_c], alpha)
        out["alpha_match"][has_c] = alpha * np.sqrt(out["C_exp"][has_c] / out["C_th"][has_c])
    return out


def _half_unit(x: float) -> float:
    """Half a unit of the last printed digit of a published number (its rounding error)."""
    text = f"{x:g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-decimals


def _rel_rounding(key: str) -> float:
    """Relative rounding error of the published number ``PUBLISHED[key]``."""
    pub = PUBLISHED[key].value
    return _half_unit(pub) / pub


def _table_rows(label, col, sigma_col, scale, tolerance, note) -> list[Row]:
    """One Table I row per glass: ours ``t[col]`` against the printed ``t[col + "_pub"]``.

    `label` is formatted with the glass name; values (and the uncertainty ``t[sigma_col]``,
    0 if None) are multiplied by `scale`; `tolerance` maps the published value to the row's
    tolerance.
    """
    t = glass_table()
    rows = []
    for i, g in enumerate(t["glass"]):
        pub = float(t[col + "_pub"][i]) * scale  # x * 1.0 == x exactly
        ours = float(t[col][i]) * scale
        unc = 0.0 if sigma_col is None else float(t[sigma_col][i]) * scale
        rows.append(Row("carruzzo2020", "Table I", label.format(g), pub, ours, unc,
                        tolerance(pub), note))
    return rows


def debye_temperature_rows() -> list[Row]:
    """Table I: the Debye temperature of every glass, from the printed v and v_o.

    Returns
    -------
    list of Row
        One row per glass; tolerance: the printed rounding (0.5 K) or 1 %, if larger.
    """
    return _table_rows(
        "T_D ({}) [K]", "T_D", None, 1.0, lambda pub: max(0.01, 0.5 / pub),
        "k_B T_D = ħ v (6π²/v_o)^(1/3) from the printed v, v_o",
    )


def c_theory_rows() -> list[Row]:
    """Table I: C_th (Eq. 12, α = 2.5) of every glass, from the printed ρ, v and v_o.

    Returns
    -------
    list of Row
        One row per glass, in units of 10⁻⁴, with the uncertainty from the rounding of the
        printed inputs; tolerance: the printed rounding (0.05e-4) or 5 %, if larger.
    """
    return _table_rows(
        "C_th ({}) x 1e4", "C_th", "sigma_C_th", 1e4, lambda pub: max(0.05, 0.05 / pub),
        "Eq. 12, α = 2.5; unc. from rounding of printed ρ, v, v_o",
    )


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
        Row(
            "carruzzo2020",
            "text after Table I",
            "γ ~ (ρv²v_o ħω_D)^½ (SiO2) [eV]",
            PUBLISHED["gamma_scale_sio2_eV"].value,
            float(to_ev(coupling_scale(s["rho"], s["v"], s["v_o"], s["T_D"]))),
            0.0,
            0.02,
            "paper's rounded inputs; = (3/√2) γ_o, not γ_o or γ_eff",
        ),
        Row(
            "carruzzo2020",
            "Eq. 13",
            "a in γ_max = a ρ v² v_o",
            PUBLISHED["gamma_max_prefactor"].value,
            GAMMA_MAX_PREFACTOR,
            0.0,
            _rel_rounding("gamma_max_prefactor"),
        ),
    ]
    for key, delta in (("alpha_at_1K", 1.0), ("alpha_at_5e-11K", 5e-11)):
        rows.append(
            Row(
                "carruzzo2020",
                "text after Eq. 11",
                f"ln^½(Δmax/Δ°), Δ° = {delta:g} K",
                PUBLISHED[key].value,
                float(tunneling_alpha(delta, DELTA0_MAX)),
                0.0,
                _rel_rounding(key),
                "Δmax = 10 K",
            )
        )
    return rows


def _sio2_inputs() -> tuple[float, float, float]:
    """ρ [kg/m³], v [m/s], v_o [m³] of SiO2 as printed in Table I."""
    t = glass_table()
    return t["rho"][_SIO2], t["v"][_SIO2], t["v_o"][_SIO2]


def high_temperature_rows() -> list[Row]:
    """C = 1/6 above the tunneling barrier and ℓ/λ ~ 0.3 of Eq. 15 (SiO2 inputs).

    Returns
    -------
    list of Row
        Two rows: C for k_B T ≫ V and ℓ/λ = 1/(2π² C) at that C.
    """
    rho, v, v_o = _sio2_inputs()
    c_hi = float(c_high_temperature(rho, v, v_o))
    return [
        Row(
            "carruzzo2020",
            "text before Eq. 15",
            "C for k_B T ≫ V",
            PUBLISHED["c_high_temperature"].value,
            c_hi,
            0.0,
            1e-9,
            "P̄ = ñ_o, <γ²> = γ_max²/2",
        ),
        Row(
            "carruzzo2020",
            "Eq. 15",
            "ℓ/λ for k_B T ≫ V",
            PUBLISHED["mean_free_path_ratio"].value,
            float(mean_free_path_ratio(c_hi)),
            0.0,
            _rel_rounding("mean_free_path_ratio"),
            "= 3/π²",
        ),
    ]


def barrier_rows() -> list[Row]:
    """The WKB estimate after Eq. 14: the coefficient 1.6 and the barriers V for SiO2.

    Returns
    -------
    list of Row
        Three rows: √(2ρv_o k_B)·1Å/ħ, and V for d = 1 Å and 0.5 Å (ħω_D = 350 K, Δmax = 10 K).
    """
    rho, _, v_o = _sio2_inputs()
    coeff = float(np.sqrt(2 * rho * v_o * K_B) * 1e-10 / HBAR)  # √(2MV) d/ħ per √K per Å
    rows = [
        Row(
            "carruzzo2020",
            "after Eq. 14",
            "√(2ρv_o k_B)·1Å/ħ (SiO2) [K^-½]",
            PUBLISHED["wkb_coefficient"].value,
            coeff,
            0.0,
            _rel_rounding("wkb_coefficient"),
        )
    ]
    hbar_omega_d = PUBLISHED["sio2_hbar_omega_D_K"].value
    for key, d in (("barrier_1A_K", 1e-10), ("barrier_half_A_K", 0.5e-10)):
        rows.append(
            Row(
                "carruzzo2020",
                "after Eq. 14",
                f"V (SiO2, d = {d * 1e10:g} Å) [K]",
                PUBLISHED[key].value,
                float(wkb_barrier_height(d, rho, v_o, hbar_omega_d, DELTA0_MAX)),
                0.0,
                0.1,
                "ħω_D = 350 K, Δmax = 10 K; paper says '~'",
            )
        )
    return rows


def formula_unit_rows() -> list[Row]:
    """Table I: v_o of SiO2 from its chemical formula, v_o = M/(N_A ρ).

    Returns
    -------
    list of Row
        One row: our v_o [Å³] from :data:`M_SIO2` and the printed ρ against the printed v_o.
    """
    rho, _, v_o = _sio2_inputs()
    return [
        Row(
            "carruzzo2020",
            "Table I",
            "v_o = M/(N_A ρ) (SiO2) [Å³]",
            float(v_o * 1e30),
            float(formula_unit_volume(M_SIO2, rho)) * 1e30,
            0.0,
            0.01,
            "M = 60.083 g/mol (IUPAC weights); ρ printed to ±5 kg/m³",
        )
    ]


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
        :func:`debye_temperature_rows`, :func:`c_theory_rows`, :func:`coupling_rows`,
        :func:`high_temperature_rows`, :func:`barrier_rows`, :func:`formula_unit_rows`.
    """
    return (
        debye_temperature_rows()
        + c_theory_rows()
        + coupling_rows()
        + high_temperature_rows()
        + barrier_rows()
        + formula_unit_rows()
    )
