"""Unit tests of tlspaper.measured: the κ(T) CSV and loss-table readers and their errors."""

import math

import numpy as np
import pytest

from tlspaper.data import fetch
from tlspaper.measured import (
    MeasuredDataError,
    interaction_scale,
    interpolate_mu,
    read_kappa_csv,
    read_loss_table,
)

SOURCE = "A title,A. Author,Some Journal 1999\n"
HEADER = "T(K),k(W/m/K),k/T\n"


def _write(tmp_path, text, name="k.csv", bom=False):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_bom_tolerated_and_sorted(tmp_path):
    path = _write(tmp_path, SOURCE + HEADER + "0.2,4.0E-04,2.0E-03\n0.1,1.0E-04,1.0E-03", bom=True)
    d = read_kappa_csv(path)
    assert d.source == SOURCE.strip()  # no BOM left in the source line
    np.testing.assert_allclose(d.T, [0.1, 0.2])
    np.testing.assert_allclose(d.kappa, [1e-4, 4e-4])
    assert d.lines.tolist() == [4, 3]


def test_runyan_jones_header(tmp_path):
    path = _write(tmp_path, "ROD,RunyanJones,2008\nT_bar,k (W/m*K),k/T\n0.3,6e-4,2e-3\n")
    assert read_kappa_csv(path).kappa[0] == 6e-4


@pytest.mark.parametrize("header, column", [
    ("T(mK),k(W/m/K),k/T\n", "column 1"),
    ("T(K),k(mW/cm/K),k/T\n", "column 2"),
])
def test_wrong_units_header(tmp_path, header, column):
    path = _write(tmp_path, SOURCE + header + "0.1,1e-4,1e-3\n")
    with pytest.raises(MeasuredDataError, match=rf"k\.csv, line 2, {column}"):
        read_kappa_csv(path)


def test_ragged_row(tmp_path):
    path = _write(tmp_path, SOURCE + HEADER + "0.1,1e-4,1e-3\n0.2,4e-4\n")
    with pytest.raises(MeasuredDataError, match=r"k\.csv, line 4: 2 column\(s\), the header has 3"):
        read_kappa_csv(path)


def test_text_cell(tmp_path):
    path = _write(tmp_path, SOURCE + HEADER + "0.1,1e-4,1e-3\n0.2,n/a,2e-3\n")
    with pytest.raises(MeasuredDataError, match=r"k\.csv, line 4, column 2: .* got 'n/a'"):
        read_kappa_csv(path)


def test_nonpositive_and_inconsistent_ratio(tmp_path):
    with pytest.raises(MeasuredDataError, match="line 3, column 2: κ must be > 0"):
        read_kappa_csv(_write(tmp_path, SOURCE + HEADER + "0.1,0,0\n"))
    with pytest.raises(MeasuredDataError, match="line 3, column 3: k/T"):
        read_kappa_csv(_write(tmp_path, SOURCE + HEADER + "0.1,1e-4,1e-2\n"))


def test_missing_header_and_file(tmp_path):
    with pytest.raises(MeasuredDataError, match="expected a source line"):
        read_kappa_csv(_write(tmp_path, HEADER))
    with pytest.raises(MeasuredDataError, match="no such file"):
        read_kappa_csv(tmp_path / "missing.csv")


def test_registered_files_read():
    d = read_kappa_csv(fetch("kappa_olson1993_stycast1266.csv"))
    assert len(d) == 13 and d.T[0] == 0.0609 and d.source.startswith("Phonon Scattering")
    d = read_kappa_csv(fetch("kappa_anderson1963_teflon_sample1.csv"))
    assert np.all(np.diff(d.T) >= 0)  # the file is not sorted; the reader sorts it


TABLE = """Some text
|  Material  | Reference | Dep. | Geom. | δ_LP [x 10^-5] | Fδ^0_TLS [x 10^-5] |
| ---------- | --------- | ---- | ----- | ----------- | --------------- |
| a-Si | Doe 2020[^Doe2020] | PECVD | LE PPC | 15-50 | |
| SiO2 | Doe 2020[^Doe2020] | Therm. ox. | CPW |  | 0.34 |
{extra}
[^Doe2020]: Doe, J., "A title," J. 1, 2 (2020)
"""


def test_loss_table(tmp_path):
    rows = read_loss_table(_write(tmp_path, TABLE.format(extra=""), "t.md"))
    assert [r.material for r in rows] == ["a-Si", "SiO2"]
    assert rows[0].delta_lp == (15e-5, 50e-5) and math.isnan(rows[0].f_delta_tls[0])
    assert rows[1].f_delta_tls == (0.34e-5, 0.34e-5)
    assert rows[0].reference.startswith("Doe, J.") and rows[0].line == 4


def test_loss_table_text_cell(tmp_path):
    extra = "| AlOx | Doe 2020[^Doe2020] | ox | CPW | | F x 100 |"
    path = _write(tmp_path, TABLE.format(extra=extra), "t.md")
    with pytest.raises(MeasuredDataError, match=r"t\.md, line 6, column 6: .*'F x 100'"):
        read_loss_table(path)
    rows = read_loss_table(path, on_text="skip")
    assert rows[-1].notes == ("column 6: 'F x 100'",)


def test_loss_table_ragged_and_units(tmp_path):
    path = _write(tmp_path, TABLE.format(extra="| AlOx | Doe | ox | CPW | 3 |"), "t.md")
    with pytest.raises(MeasuredDataError, match=r"t\.md, line 6: 5 column\(s\), the header has 6"):
        read_loss_table(path)
    path = _write(tmp_path, TABLE.format(extra="").replace("δ_LP [x 10^-5]", "δ_LP"), "t.md")
    with pytest.raises(MeasuredDataError, match=r"line 2, column 5: .* no unit scale"):
        read_loss_table(path)


def test_registered_loss_table():
    rows = read_loss_table(fetch("tls_loss_mcrae2020_materials.md"), on_text="skip")
    assert len(rows) == 38
    skipped = [r for r in rows if r.notes]
    assert [(r.material, r.reference_key) for r in skipped] == [("AlOx", "Pappas2011")]


def test_interaction_scale_and_interpolation():
    assert interaction_scale(0.0, 0.03) == pytest.approx(0.03)
    assert interaction_scale(np.array([3.0]), 0.01)[0] == pytest.approx(0.01 * math.sqrt(10))
    with pytest.raises(ValueError, match="combine"):
        interaction_scale(1.0, 0.03, "sum")
    with pytest.raises(ValueError, match="r must be"):
        interaction_scale(-1.0, 0.03)
    mu, err, out = interpolate_mu(0.05, [0.03, 0.1], [0.04, 0.09])
    assert mu[0] == pytest.approx(0.04 + 0.05 * 2 / 7) and math.isnan(err[0]) and not out[0]
