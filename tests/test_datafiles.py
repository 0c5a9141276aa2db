"""The parsed-YAML cache: same data as parsing, invalidated by edits, optional."""

from __future__ import annotations

import os

import pytest

from mtcheck.datafiles import load_yaml_file
from mtcheck.errors import PackError


def test_cache_returns_parsed_data_and_follows_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    data_file = tmp_path / "guide.yaml"
    data_file.write_text("entries:\n  - id: kyiv\n    variants: [Kiev]\n", encoding="utf-8")
    first = load_yaml_file(data_file)
    assert list((tmp_path / "cache" / "yaml").glob("*.pickle")), "the parse was cached"
    assert load_yaml_file(data_file) == first == {"entries": [{"id": "kyiv", "variants": ["Kiev"]}]}
    data_file.write_text("entries:\n  - id: kyiv\n    variants: [Kiev, Kieff]\n", encoding="utf-8")
    os.utime(data_file, ns=(1, 1))  # a different mtime even on coarse clocks
    assert load_yaml_file(data_file)["entries"][0]["variants"] == ["Kiev", "Kieff"]


def test_unwritable_cache_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(blocker))
    data_file = tmp_path / "a.yaml"
    data_file.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml_file(data_file) == {"a": 1}


def test_yaml_errors_name_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\nb: [\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_yaml_file(bad)
    assert info.value.path == str(bad) and info.value.line == 3
