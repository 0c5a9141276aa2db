"""Precision and recall of the pronoun family on the gold corpus (corpora/pronouns).

A true positive is a finding on a positive's exact span with the gold suggestion. A
right-span finding with another pronoun rule (institution for inanimate, say) counts
for recall but is reported. Any other finding is a false positive. Run with ``-s`` to
see the figures and every miss.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mtcheck.checks.pronouns import check as pronoun_family
from mtcheck.checks.pronouns.check import load
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.checks.pronouns.resolver import INANIMATE, INSTITUTION, MISMATCH, resolve_pronouns

GOLD_DIR = Path(__file__).resolve().parent.parent / "corpora" / "pronouns"
RULE_OF_KIND = {"institution": INSTITUTION, "inanimate": INANIMATE, "mismatch": MISMATCH}
MIN_PRECISION = 0.9
MIN_RECALL = 0.9


def _load_gold(directory: Path = GOLD_DIR) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("check_gold", GOLD_DIR / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs: list[dict[str, Any]] = module.load_gold(directory)
    return docs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong_suggestion: int = 0
    other_rule: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_gold(docs: list[dict[str, Any]], data: Any) -> Score:
    score = Score()
    for gold in docs:
        doc = Document(gold["text"], doc_id=gold["id"], src_lang=gold.get("src_lang"))
        # What a user gets: the family's findings (resolution, evidence, calibrated threshold).
        fired = {(h.start, h.end): h for h in pronoun_family.check(doc, data)}
        for pos in gold["positives"]:
            decision = fired.pop((pos["start"], pos["end"]), None)
            where = f"{gold['id']}@{pos['start']} {pos['text']!r}"
            if decision is None:
                score.fn += 1
                score.misses.append(f"{where} ({pos['kind']}) not flagged")
            elif decision.suggestion != pos["suggestion"]:
                score.fp += 1
                score.fn += 1
                score.wrong_suggestion += 1
                score.misses.append(f"{where} suggested {decision.suggestion!r}, gold {pos['suggestion']!r}")
            else:
                score.tp += 1
                if decision.rule != RULE_OF_KIND[pos["kind"]]:
                    score.other_rule[f"{pos['kind']}->{decision.rule}"] += 1
        for decision in fired.values():
            score.fp += 1
            score.alarms.append(f"{gold['id']}@{decision.start} {doc.text[decision.start:decision.end]!r}: "
                                f"{decision.message}")
    return score


def test_gold_precision_and_recall():
    docs = _load_gold()
    positives = sum(len(d["positives"]) for d in docs)
    negatives = sum(len(d["negatives"]) for d in docs)
    assert positives >= 60 and negatives >= 40, "the gold corpus is smaller than required"
    score = score_gold(docs, load(RunConfig()))
    summary = (
        f"pronoun gold: {len(docs)} documents, {positives} positives, {negatives} negatives; "
        f"TP={score.tp} FP={score.fp} FN={score.fn} precision={score.precision:.3f} "
        f"recall={score.recall:.3f}; wrong suggestions={score.wrong_suggestion}; "
        f"right span, other pronoun rule={dict(score.other_rule)}"
    )
    print("\n" + summary)
    for line in score.misses:
        print("  MISS ", line)
    for line in score.alarms:
        print("  FALSE", line)
    assert score.precision >= MIN_PRECISION and score.recall >= MIN_RECALL, summary


@pytest.mark.parametrize("bad_text", ["", "He said.", "\n\n\"\"\"", "« She »"])
def test_degenerate_documents_do_not_crash(bad_text):
    data = load(RunConfig())
    assert isinstance(resolve_pronouns(Document(bad_text), data), list)


# Floors per held-out corpus. blind and blind2 were written apart from the resolver and
# then became the development sets of rounds 4 and 5: their floors are what those rounds
# reached. blind3 was never used for tuning: its misses are not printed, and its floor
# only guards against regressions on unseen text.
HELD_OUT = [
    # (folder, min precision, min recall, print misses)
    ("blind", 0.9, 0.8, True),
    ("blind2", 0.9, 0.81, True),
    ("blind3", 0.88, 0.63, False),
]


def _summary(name: str, docs: list[dict[str, Any]], score: Score) -> str:
    positives = sum(len(d["positives"]) for d in docs)
    negatives = sum(len(d["negatives"]) for d in docs)
    return (f"pronoun {name}: {len(docs)} documents, {positives} positives, {negatives} negatives; "
            f"TP={score.tp} FP={score.fp} FN={score.fn} precision={score.precision:.3f} "
            f"recall={score.recall:.3f}")


@pytest.mark.parametrize("folder, min_precision, min_recall, show_misses", HELD_OUT,
                         ids=[h[0] for h in HELD_OUT])
def test_held_out_precision_and_recall(folder, min_precision, min_recall, show_misses):
    directory = GOLD_DIR / folder
    if not directory.is_dir() or not any(directory.glob("*.yaml")):
        pytest.skip(f"corpora/pronouns/{folder} is not there")
    docs = _load_gold(directory)
    score = score_gold(docs, load(RunConfig()))
    summary = _summary(folder, docs, score)
    print("\n" + summary)
    if show_misses:
        for line in score.misses:
            print("  MISS ", line)
        for line in score.alarms:
            print("  FALSE", line)
    assert score.precision >= min_precision and score.recall >= min_recall, summary
