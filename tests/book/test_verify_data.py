"""The book build refuses to run on a corrupted data file and reruns chapters on new data."""

from __future__ import annotations

import importlib.util
import shutil
import types
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from tlspaper import data

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("verify_data", ROOT / "book/_ext/verify_data.py")
verify_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(verify_data)


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    for f in (ROOT / "data").iterdir():
        if f.is_file():
            shutil.copy(f, folder / f.name)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    return folder


def test_intact_registry_passes(scratch_data):
    assert verify_data.verify_registry() == len(data.registry())


def test_corrupted_file_stops_the_build_naming_it(scratch_data):
    name = "table2_churkin2021.csv"
    with open(scratch_data / name, "ab") as fh:
        fh.write(b"\n# tampered\n")
    with pytest.raises(ExtensionError) as err:
        verify_data.verify_registry()
    assert name in str(err.value) and "corrupted" in str(err.value)


def test_new_registry_or_version_drops_the_execution_cache(scratch_data, tmp_path):
    out = tmp_path / "_build" / "html"
    cache = tmp_path / "_build" / ".jupyter_cache"
    app = types.SimpleNamespace(outdir=str(out),
                                config=types.SimpleNamespace(nb_execution_cache_path=""))
    cache.mkdir(parents=True)
    assert verify_data.invalidate_stale_cache(app) is True  # no stamp yet: start afresh
    cache.mkdir()
    assert verify_data.invalidate_stale_cache(app) is False  # same registry: cache kept
    assert cache.is_dir()
    with open(scratch_data / "registry.txt", "a") as fh:  # a newly registered file
        fh.write("extra.csv sha256:" + "0" * 64 + "\n")
    assert verify_data.invalidate_stale_cache(app) is True and not cache.exists()
