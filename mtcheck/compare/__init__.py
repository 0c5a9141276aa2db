"""Model comparison: sacrebleu metrics, LM pronoun re-scoring, second-opinion MT.

Nothing here imports torch or transformers at import time; model code is loaded
inside functions, so the rules-only install never needs them.

Scorers share one small protocol and one registry (name -> "module:attribute"), as
sacrebleu's metrics do; ``scorer(name)`` imports only the one asked for.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any, Protocol

from mtcheck.errors import ModelError


class Scorer(Protocol):
    """Something that scores text with a model and can say which model it used."""

    model_ref: str

    @property
    def spec(self) -> Any: ...  # a loading.ModelSpec: id, revision, signature


SCORERS: dict[str, str] = {
    "lm-rescore": "mtcheck.compare.lm_rescore:PronounRescorer",
    "second-opinion": "mtcheck.compare.second_opinion:Translator",
}

TASKS = ("translate", "lm_rescore")


def scorer(name: str) -> Any:
    try:
        module, attr = SCORERS[name].split(":")
    except KeyError:
        raise ModelError(f"unknown scorer {name!r} (known: {', '.join(SCORERS)})") from None
    return getattr(importlib.import_module(module), attr)


def registry_path() -> Path | None:
    """models/registry.yaml: $MTCHECK_MODEL_REGISTRY, ./models/, or the source checkout."""
    candidates = [os.environ.get("MTCHECK_MODEL_REGISTRY"), "models/registry.yaml",
                  str(Path(__file__).resolve().parents[2] / "models" / "registry.yaml")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def default_model(task: str, src_lang: str | None, tgt_lang: str = "en") -> str:
    """The registry's model for a task and language pair (``translate``: ``uk-en``;
    ``lm_rescore``: the target language), falling back to the ``*`` entry."""
    import yaml

    path = registry_path()
    if path is None:
        raise ModelError("no model registry found (models/registry.yaml); give the model "
                         "explicitly or set MTCHECK_MODEL_REGISTRY")
    try:
        table = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(task) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read the model registry: {exc}", str(path)) from None
    key = f"{src_lang}-{tgt_lang}" if task == "translate" else tgt_lang
    entry = table.get(key) or table.get("*")
    if not isinstance(entry, dict) or not isinstance(entry.get("model"), str):
        raise ModelError(f"the model registry has no {task} model for {key!r}", str(path))
    model: str = entry["model"]
    return model
