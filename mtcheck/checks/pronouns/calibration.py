"""One calibrated combination of the evidence about a pronoun.

    confidence = sigmoid(bias + sum(weight[f] * feature[f]))

The features are :mod:`mtcheck.checks.pronouns.evidence`'s (English resolution, WordNet class,
source morphology) and, with ``--lm``, the language model's margins. The weights are
data (``data/pronouns/calibration.yaml``), fitted by ``scripts/fit_pronoun_calibration.py``
on the dev split of our labelled real MT; a section per mode (``rules``, ``lm``), each
with the threshold that held precision on that split. A regime may carry its own bias
and weights (``regimes:``): where the source is read, a few strong features selected on
the real dev split do better than every feature at once, which our own corpora (no
source) need. ``pronoun-threshold`` in the
configuration overrides it: a finding is reported when its confidence reaches it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from mtcheck.datafiles import data_path, load_yaml_file
from mtcheck.errors import PackError

FILE = "pronouns/calibration.yaml"
# What the source can tell: read (uk/ru morphology), present but unread (other source
# languages), absent. Each regime has its own threshold, fitted where it is measured.
REGIMES = ("source", "unread-source", "no-source")


def regime_of(features: dict[str, float]) -> str:
    if features.get("src_absent"):
        return "no-source"
    if features.get("src_unread"):
        return "unread-source"
    return "source"


@dataclass(frozen=True)
class Calibration:
    mode: str
    bias: float
    threshold: float
    weights: dict[str, float] = field(default_factory=dict)
    # With a model: pronouns whose rules-only confidence is below this are not scored.
    skip_below: float = 0.0
    thresholds: dict[str, float] = field(default_factory=dict)  # per regime; else threshold
    override: bool = False  # a user's threshold applies to every regime
    model: str | None = None  # the model whose margins the weights were fitted on
    # regime -> (bias, weights) where a regime has a combination of its own
    per_regime: dict[str, tuple[float, dict[str, float]]] = field(default_factory=dict)

    def fingerprint(self) -> list[str]:
        """Its weights as sorted strings, for a signature: other weights, other findings."""
        return (sorted(f"{k}={v}" for k, v in self.weights.items())
                + sorted(f"{r}:{k}={v}" for r, (b, w) in self.per_regime.items()
                         for k, v in [("bias", b), *w.items()]))

    def cut(self) -> str:
        """The thresholds for a signature: one per regime ("0.30/0.99/0.42"), or the
        user's one where it overrides them all."""
        if self.override:
            return f"{self.threshold:.2f}"
        return "/".join(f"{self.thresholds.get(r, self.threshold):.2f}" for r in REGIMES)

    def threshold_for(self, features: dict[str, float]) -> float:
        if self.override:
            return self.threshold
        return self.thresholds.get(regime_of(features), self.threshold)

    def combination(self, features: dict[str, float]) -> tuple[float, dict[str, float]]:
        return self.per_regime.get(regime_of(features), (self.bias, self.weights))

    def confidence(self, features: dict[str, float]) -> float:
        bias, weights = self.combination(features)
        z = bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def strongest(self, features: dict[str, float], n: int = 3) -> list[tuple[str, float]]:
        """The features that moved this confidence most, signed, for the message."""
        weights = self.combination(features)[1]
        parts = [(name, weights.get(name, 0.0) * value) for name, value in features.items()]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))[:n]


def lm_section(model_ref: str) -> str:
    """The calibration section of a model's margins: ``lm:<name>`` where the file has
    one for that packaged model (``lm:smollm2``), else ``lm`` (fitted on Gemma 3)."""
    named = f"lm:{model_ref}"
    raw = load_yaml_file(data_path(FILE)) or {}
    return named if isinstance(raw.get(named), dict) else "lm"


@lru_cache(maxsize=8)
def load_calibration(mode: str = "rules") -> Calibration:
    path = data_path(FILE)
    raw = load_yaml_file(path) or {}
    section = raw.get(mode)
    if not isinstance(section, dict):
        raise PackError(f"no '{mode}' section in the pronoun calibration", str(path))
    weights = section.get("weights") or {}
    per_regime = {}
    for regime, own in (section.get("regimes") or {}).items():
        if regime not in REGIMES or not isinstance(own, dict):
            raise PackError(f"unknown regime '{regime}' in the pronoun calibration ({mode})", str(path))
        per_regime[regime] = (float(own["bias"]), {str(k): float(v) for k, v in (own.get("weights") or {}).items()})
    return Calibration(mode, float(section["bias"]), float(section["threshold"]),
                       {str(k): float(v) for k, v in weights.items()},
                       float(section.get("skip_below", 0.0)),
                       {str(k): float(v) for k, v in (section.get("thresholds") or {}).items()},
                       model=section.get("model"), per_regime=per_regime)
