"""The data registry: hashes, errors for missing/corrupted files, CSV loading, atomic writes."""

from __future__ import annotations

import shutil

import numpy as np
import pooch
import pytest

from tlspaper import data
from tlspaper._io import atomic_path

CHECKOUT = data.data_dir()


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    """A copy of the data folder that a test may damage."""
    for f in data.data_dir().iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    return tmp_path


def test_every_registry_file_matches_its_hash():
    reg = data.registry()
    assert reg, "registry is empty"
    for name, digest in reg.items():
        assert pooch.file_hash(str(data.fetch(name)), alg="sha256") == digest


def test_every_tracked_data_file_is_registered():
    reg = data.registry()
    for f in data.data_dir().iterdir():
        if (
            f.is_file()
            and f.name not in {"registry.txt", "README.md"}
            and not f.name.startswith(".")
        ):
            assert f.name in reg, f"data/{f.name} is not listed in data/registry.txt"


def test_every_registry_file_is_described_in_readme():
    readme = (data.data_dir() / "README.md").read_text()
    for name in data.registry():
        assert f"`{name}`" in readme, f"data/README.md does not describe {name}"


def test_corrupted_file_error_names_file_hashes_and_remedy(scratch_data):
    name = "glasses_carruzzo_yu_2020.csv"
    expected = data.registry()[name]
    with open(scratch_data / name, "a") as fh:
        fh.write("tampered,1,2,3,4,5,6\n")
    with pytest.raises(data.DataError) as err:
        data.fetch(name)
    msg = str(err.value)
    assert name in msg and expected in msg and "git checkout" in msg
    assert pooch.file_hash(str(scratch_data / name), alg="sha256") in msg


def test_missing_file_error(scratch_data):
    name = "glasses_carruzzo_yu_2020.csv"
    (scratch_data / name).unlink()
    with pytest.raises(data.DataError, match="missing"):
        data.fetch(name)


def test_unknown_name_lists_known_files():
    with pytest.raises(data.DataError, match="glasses_carruzzo_yu_2020.csv"):
        data.fetch("no_such_file.csv")


def test_load_csv_types_and_missing_column(tmp_path):
    table = data.load_csv("glasses_carruzzo_yu_2020.csv")
    assert table["glass"].dtype.kind == "U" and len(table["glass"]) == 10
    assert table["rho_kg_m3"][0] == 2200.0
    user = tmp_path / "mine.csv"
    user.write_text("# my data\nT_K,y\n0.1,1e-4\n0.2,2e-4\n")
    got = data.load_csv(str(user), required=("T_K", "y"))
    np.testing.assert_allclose(got["y"], [1e-4, 2e-4])
    with pytest.raises(data.DataError, match=r"missing column\(s\) \['sigma'\]"):
        data.load_csv(str(user), required=("T_K", "sigma"))


def test_register_and_npz_round_trip(scratch_data):
    path = data.save_npz(scratch_data / "x_synthetic.npz", {"a": np.arange(3)}, {"seed": 7})
    digest = data.register(path)
    assert data.registry()["x_synthetic.npz"] == digest
    arrays, meta = data.load_npz("x_synthetic.npz")
    np.testing.assert_array_equal(arrays["a"], [0, 1, 2])
    assert meta == {"seed": 7}


def test_atomic_path_leaves_target_untouched_on_error(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.fixture
def installed_only(tmp_path, monkeypatch):
    """As an installed package sees it: no checkout, an empty cache, an unreachable mirror."""
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(data, "_CHECKOUT_DATA", tmp_path / "no_checkout")
    packaged = tmp_path / "_data"  # what a wheel installs: the registry and the small tables
    packaged.mkdir()
    for f in CHECKOUT.iterdir():
        if f.name == "registry.txt" or f.suffix == ".csv":
            shutil.copy(f, packaged / f.name)
    monkeypatch.setattr(data, "_PACKAGED", packaged)
    monkeypatch.setattr(data.pooch, "os_cache", lambda project: tmp_path / "cache")
    monkeypatch.setenv(data.BASE_URL_ENV, "http://127.0.0.1:9/")  # discard port: refused
    return tmp_path


def test_installed_package_reads_registry_and_tables_offline(installed_only):
    assert data.data_dir() is None
    reg = data.registry()
    assert "glasses_carruzzo_yu_2020.csv" in reg and "dos_mc_L12_J2K.npz" in reg
    path = data.fetch("glasses_carruzzo_yu_2020.csv")  # shipped inside the package
    assert pooch.file_hash(str(path), alg="sha256") == reg["glasses_carruzzo_yu_2020.csv"]


def test_installed_package_without_large_file_says_how_to_get_it(installed_only):
    with pytest.raises(data.DataError) as err:
        data.fetch("dos_mc_L12_J2K.npz")
    msg = str(err.value)
    assert "\n" not in msg and "Traceback" not in msg
    assert "dos_mc_L12_J2K.npz" in msg and data.DATA_DIR_ENV in msg
    assert "tlspaper generate dos_mc_L12_J2K.npz" in msg and "127.0.0.1:9" in msg


def test_installed_package_uses_a_verified_cache_copy(installed_only):
    name = "dos_mc_L8_J2K.npz"
    cache = installed_only / "cache"
    cache.mkdir()
    shutil.copy(CHECKOUT / name, cache / name)
    assert data.fetch(name) == cache / name
    with open(cache / name, "ab") as fh:  # a damaged cache copy is not used
        fh.write(b"x")
    with pytest.raises(data.DataError, match="could not be downloaded"):
        data.fetch(name)


def test_default_url_is_pinned_to_the_package_version():
    import tlspaper

    assert f"/v{tlspaper.__version__}/data/" in data.DEFAULT_BASE_URL


# ------------------------------------------------------------------------------ your own files
def test_resolve_registry_name_path_and_clean_errors(tmp_path, monkeypatch):
    assert data.resolve("table2_churkin2021.csv") == data.fetch("table2_churkin2021.csv")
    mine = tmp_path / "mine.csv"
    mine.write_text("a,b\n1,2\n")
    assert data.resolve(str(mine)) == mine and data.resolve(mine) == mine
    monkeypatch.chdir(tmp_path)
    with pytest.raises(data.DataError) as err:
        data.resolve("table2_churkin2O21.csv")
    assert str(err.value) == (f"no such file {tmp_path / 'table2_churkin2O21.csv'}, and "
                              "'table2_churkin2O21.csv' is not a registry name either; did you "
                              "mean 'table2_churkin2021.csv'?")
    with pytest.raises(data.DataError, match=r"^no such file .*/nowhere/x.csv: the folder "
                                             r".*/nowhere does not exist$"):
        data.resolve(tmp_path / "nowhere" / "x.csv")
    with pytest.raises(data.DataError, match="is a folder"):
        data.resolve(tmp_path)


def test_load_csv_bom_ragged_rows_and_numeric_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf# note\nT_K,y\n0.1,1\n\n0.2,2,\n")  # BOM, blank, trailing ,
    table = data.load_csv(path, required=("T_K",), numeric=("T_K", "y"))
    assert table["T_K"].tolist() == [0.1, 0.2] and table["y"].tolist() == [1.0, 2.0]
    path.write_text("T_K,y\n0.1,1\n0.2\n")
    with pytest.raises(data.DataError) as err:
        data.load_csv(path)
    assert str(err.value) == f"{path}, line 3: 1 cell(s), but the header (line 1) has 2: T_K,y"
    path.write_text("T_K,y\n0.1,1\n0.2,x\n")
    assert data.load_csv(path)["y"].tolist() == ["1", "x"]  # text columns stay text
    with pytest.raises(data.DataError) as err:
        data.load_csv(path, numeric=("y",))
    assert str(err.value) == f"{path}, line 3, column 2 (y): the cell is 'x', not a number"
    path.write_bytes("T_K,y\n0.1,\xb0\n".encode("latin-1"))
    with pytest.raises(data.DataError, match=r"not UTF-8 text .*'CSV UTF-8'"):
        data.load_csv(path)


def test_load_npz_from_a_path_and_a_clean_error_for_other_files(tmp_path):
    path = data.save_npz(tmp_path / "x.npz", {"a": np.arange(3)}, {"k": 1})
    arrays, meta = data.load_npz(path)
    assert arrays["a"].tolist() == [0, 1, 2] and meta == {"k": 1}
    bad = tmp_path / "bad.npz"
    bad.write_text("not a zip")
    with pytest.raises(data.DataError, match=rf"^{bad}: not a readable .npz dataset"):
        data.load_npz(str(bad))
