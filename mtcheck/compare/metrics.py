"""sacrebleu behind one small interface: corpus and sentence scores with signatures.

Segments are read exactly as the sacrebleu CLI reads them (UTF-8, split on ``\\n``
only, each line ``rstrip()``-ed, a byte-order mark kept) so that ``mtcheck score``
prints the CLI's numbers. sacrebleu is imported inside functions: importing its
metrics costs time that a rules-only ``mtcheck check`` never needs to pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from mtcheck.errors import InputError
from mtcheck.readers._io import decode, read_all

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric

METRIC_NAMES = ("bleu", "chrf", "ter")
# Direction of each metric: a gate is "at least" for BLEU/chrF and "at most" for TER.
HIGHER_IS_BETTER = {"bleu": True, "chrf": True, "ter": False}


@dataclass(frozen=True)
class MetricScore:
    name: str  # sacrebleu's display name: BLEU, chrF2, TER
    score: float
    signature: str
    verbose: str

    def format(self, width: int = 1) -> str:
        """The line the sacrebleu CLI prints in text mode."""
        line = f"{self.name}|{self.signature} = {self.score:.{width}f}"
        return f"{line} {self.verbose}" if self.verbose else line

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": self.score, "signature": self.signature,
                "verbose_score": self.verbose}


def parse_metrics(value: str | Sequence[str]) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else list(value)
    chosen: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name not in METRIC_NAMES:
            raise ValueError(f"unknown metric {raw.strip()!r} (known: {', '.join(METRIC_NAMES)})")
        if name not in chosen:
            chosen.append(name)
    if not chosen:
        raise ValueError("no metric given")
    return tuple(chosen)


def make_metric(name: str, references: Sequence[Sequence[str]] | None = None,
                sentence_level: bool = False) -> "Metric":
    """A sacrebleu metric with the CLI's default settings."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    if name == "bleu":
        # The CLI switches effective order on for sentence-level BLEU; so do we.
        return BLEU(references=references, effective_order=sentence_level)
    if name == "chrf":
        return CHRF(references=references)
    if name == "ter":
        return TER(references=references)
    raise ValueError(f"unknown metric {name!r}")


def corpus_scores(
    hypotheses: Sequence[str], references: Sequence[Sequence[str]], metrics: Sequence[str]
) -> dict[str, MetricScore]:
    """``references`` is a list of reference streams, each as long as ``hypotheses``."""
    results: dict[str, MetricScore] = {}
    for name in metrics:
        metric = make_metric(name, references)
        score = metric.corpus_score(list(hypotheses), None)
        results[name] = MetricScore(
            score.name, float(score.score), metric.get_signature().format(), score._verbose
        )
    return results


def sentence_scores(
    hypotheses: Sequence[str], references: Sequence[Sequence[str]], metrics: Sequence[str]
) -> list[dict[str, float]]:
    """One dict of metric -> score for each segment."""
    scorers = {name: make_metric(name, sentence_level=True) for name in metrics}
    rows: list[dict[str, float]] = []
    for index, hyp in enumerate(hypotheses):
        refs = [stream[index] for stream in references]
        rows.append({name: float(m.sentence_score(hyp, refs).score) for name, m in scorers.items()})
    return rows


def sentence_chrf(hypothesis: str, reference: str) -> float:
    return float(make_metric("chrf", sentence_level=True).sentence_score(hypothesis, [reference]).score)


def read_segments(path: str) -> list[str]:
    """Lines of a plain text file as the sacrebleu CLI reads them."""
    data = read_all(path)
    text = decode(data, path)
    if data.startswith(b"\xef\xbb\xbf"):
        # sacrebleu keeps a byte-order mark as part of the first segment, and official
        # scores (WMT22 uk-en PROMT, for one) were computed with it: keep it too.
        text = "\ufeff" + text
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def check_lengths(hyp_path: str, hypotheses: Sequence[str],
                  references: Sequence[tuple[str, Sequence[str]]]) -> None:
    if not hypotheses:
        raise InputError("no segments to score", hyp_path)
    for ref_path, stream in references:
        if len(stream) != len(hypotheses):
            raise InputError(
                f"{len(hypotheses)} segment(s) but reference {ref_path} has {len(stream)}", hyp_path
            )


def metric_signature(name: str) -> str:
    """The signature a metric would carry, for run signatures (no scoring needed)."""
    return make_metric(name).get_signature().format()
