#!/usr/bin/env python3
"""Precision and recall of ``pronoun.agreement`` on the agreement gold corpora.

Runs the rule as a user would (the public API, only ``pronoun.agreement`` selected,
``tgt_lang`` from the file, ``src_lang`` en where a document has its English source)
and compares its findings with the gold spans (``check_agreement_gold.py``):

* a finding on a positive is a true positive; ``fix`` counts those whose suggestion is
  the gold one;
* any other finding is a false positive (a negative, or a token the corpus does not
  label, such as an article ``la`` read as a pronoun);
* a positive without a finding is a false negative.

    python corpora/agreement/score_agreement.py                 # the development sets
    python corpora/agreement/score_agreement.py corpora/agreement/blind   # held out: once
    python corpora/agreement/score_agreement.py -v corpora/agreement/de.yaml   # list errors
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from check_agreement_gold import load_agreement_gold

from mtcheck.api import Checker
from mtcheck.config import RunConfig

RULE = "pronoun.agreement"


def score(paths: list[str], verbose: bool = False) -> dict[str, dict[str, int]]:
    """Counts per language: tp, fp, fn, fix (true positives with the gold suggestion)."""
    checker = Checker(RunConfig(select=(RULE,)))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "fix": 0})
    for doc in load_agreement_gold(*paths):
        c = counts[doc["language"]]
        findings = checker.check_text(doc["text"], doc_id=doc["id"], src=doc["src"],
                                      src_lang="en" if doc["src"] else None, tgt_lang=doc["language"])
        found = {(f.start, f.end): f for f in findings if f.rule == RULE}
        gold = {(p["start"], p["end"]): p for p in doc["positives"]}
        for key, f in found.items():
            if key in gold:
                c["tp"] += 1
                c["fix"] += f.suggestion == gold[key]["suggestion"]
            else:
                c["fp"] += 1
                _say(verbose, "FP", doc, f.start, f.end, f.message)
        for key, p in gold.items():
            if key not in found:
                c["fn"] += 1
                _say(verbose, "FN", doc, p["start"], p["end"], f"-> {p['suggestion']}")
    return dict(counts)


def _say(verbose: bool, kind: str, doc: Any, start: int, end: int, note: str) -> None:
    if verbose:
        context = doc["text"][max(0, start - 60):end + 20].replace("\n", " ")
        print(f"{kind} {doc['id']} {doc['text'][start:end]!r} {note} | {context}")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"] or [str(p) for p in sorted(HERE.glob("*.yaml"))]
    counts = score(paths, verbose)
    print(f"{'lang':5} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'fix ok':>7}")
    for lang, c in sorted(counts.items()):
        flagged, gold = c["tp"] + c["fp"], c["tp"] + c["fn"]
        p = c["tp"] / flagged if flagged else 0.0
        r = c["tp"] / gold if gold else 0.0
        print(f"{lang:5} {c['tp']:4} {c['fp']:4} {c['fn']:4} {p:6.2f} {r:6.2f} {c['fix']:4}/{c['tp']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
