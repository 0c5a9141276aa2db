#!/usr/bin/env python3
"""Quality and speed of the pronoun decision, rules only and with a language model
(figures only, never asserted in tests).

    python benchmarks/bench_lm_rescore.py --model gemma [--model smollm2] [--split test]
        [--speed-docs 40] [--threads 1 2] [--json FILE]

Quality, on the labelled real MT of corpora/realdata (positions only; the text is read
from ../shared/realdata at run time): precision and recall of

* the rules' combination (calibration section ``rules``),
* the model alone: flag where log P(it/its) > log P(as written),
* the combination with the model (section ``lm``), and the share of pronouns the
  model scores (the rest are settled by the rules: ``skip_below``, or no margin could
  lift them to the threshold and the rules report no 'use it' there:
  ``PronounRescorer.wants_margin``).

Speed: pronoun decisions per second over the first ``--speed-docs`` documents of the
WMT22 uk-en Lan-Bridge output with the result cache off, at each ``--threads``, with
the model load time and the 1-minute load average beside each figure. Every pronoun is
decided as ``mtcheck check --lm`` decides it (``prefetch`` then ``check``): those no
margin could move are decided without a model call, and how many the model scored is
shown beside. A .gguf is
dequantised once into the cache folder; the load time shown is the cached load.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpora" / "realdata"))

import realdata_index as rx  # noqa: E402
from labelled import labelled_decisions  # noqa: E402

from mtcheck.checks.pronouns import check as family  # noqa: E402
from mtcheck.compare.cache import ResultCache  # noqa: E402
from mtcheck.compare.lm_rescore import PronounRescorer  # noqa: E402
from mtcheck.config import RunConfig  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.parallel import chunks  # noqa: E402
from mtcheck.checks.pronouns.calibration import load_calibration  # noqa: E402
from mtcheck.checks.pronouns.evidence import gather  # noqa: E402
from mtcheck.readers import ReadOptions  # noqa: E402
from mtcheck.readers.aligned import read_aligned  # noqa: E402

POSITIVE = ("artifact", "mismatch")


def prf(flags: list[bool], labels: list[bool]) -> dict[str, float]:
    tp = sum(f and y for f, y in zip(flags, labels))
    fp = sum(f and not y for f, y in zip(flags, labels))
    fn = sum(y and not f for f, y in zip(flags, labels))
    return {"precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
            "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"), "tp": tp, "fp": fp, "fn": fn}


def quality(model: str, split: str) -> dict[str, object]:
    rules = load_calibration("rules")
    rescorer = PronounRescorer(model, "cpu")
    rows = []
    by_doc: dict[int, list[int]] = {}
    for lab, doc, d in labelled_decisions(split):
        rows.append([lab, doc, d, gather(doc, d), None])
        by_doc.setdefault(id(doc), []).append(len(rows) - 1)
    groups = list(by_doc.values())
    for chunk in chunks(groups):
        found = rescorer.margins_many([(rows[ix[0]][1], [rows[i][2] for i in ix]) for ix in chunk])
        for ix, margins in zip(chunk, found):
            for i, m in zip(ix, margins):
                rows[i][4] = m
    labels = [r[0].label in POSITIVE for r in rows]
    # The same decision the check makes (family.decide): thresholds per source regime.
    rules_flags = [family.decide(doc, d, ev, rules) is not None for _, doc, d, ev, _ in rows]
    scored = [rescorer.wants_margin(doc, d, ev, rules) for _, doc, d, ev, _ in rows]
    # As the re-scorer decides (PronounRescorer.decide), with a margin only where it scores.
    combined = [rescorer.decide(doc, d, ev, m if s else None, rules) is not None
                for s, (_, doc, d, ev, m) in zip(scored, rows)]
    methods = {"rules": rules_flags, "lm alone: it > written": [r[4].it > 0 for r in rows],
               "rules + lm": combined}
    out: dict[str, object] = {"split": split, "pronouns": len(rows), "artifacts": sum(labels)}
    out.update({name: prf(flags, labels) for name, flags in methods.items()})
    out["share scored by the model"] = round(sum(scored) / len(rows), 3)
    # The strata were sampled differently (PROTOCOL.md): "enriched" lines are where
    # artifacts are likely, "flagged" where mtcheck reports; each reads on its own.
    out["by stratum"] = {
        stratum: {name: prf(*_subset(flags, labels, keep)) for name, flags in methods.items()}
        for stratum in sorted({r[0].stratum for r in rows})
        for keep in [[r[0].stratum == stratum for r in rows]]
    }
    # Recall per antecedent type: the it-test cannot see a dropped "I" ("spurious").
    out["recall by antecedent"] = {
        ante: {name: prf(*_subset(flags, labels, keep))["recall"] for name, flags in methods.items()}
        for ante in sorted({r[0].antecedent for r, y in zip(rows, labels) if y})
        for keep in [[r[0].antecedent == ante for r in rows]]
    }
    return out


def _subset(flags: list[bool], labels: list[bool], keep: list[bool]) -> tuple[list[bool], list[bool]]:
    return [f for f, k in zip(flags, keep) if k], [y for y, k in zip(labels, keep) if k]


def speed(model: str, threads: int, n_docs: int) -> dict[str, object]:
    import torch

    torch.set_num_threads(threads)
    root = rx.realdata_root()
    files = rx.pair_files(root, "wmt22/uk-en")
    docs = [d for d in read_aligned(files.systems[1], src=files.src, docids=files.docids,
                                    options=ReadOptions(src_lang="uk")) if isinstance(d, Document)][:n_docs]
    data = family.load(RunConfig())
    rescorer = PronounRescorer(model, "cpu", ResultCache(enabled=False))
    started = time.perf_counter()
    rescorer._model()
    load = time.perf_counter() - started
    started = time.perf_counter()
    for chunk in chunks(docs):  # as `mtcheck check --lm` batches: plan, score what can move
        rescorer.prefetch(chunk, data)
        for doc in chunk:
            list(rescorer.check(doc, data))  # decide every pronoun, as the check does
    decisions = rescorer.scored + rescorer.skipped
    seconds = time.perf_counter() - started
    return {"model": model, "threads": threads, "documents": len(docs), "decisions": decisions,
            "scored by the model": rescorer.scored,
            "decisions_per_s": round(decisions / seconds, 2), "seconds": round(seconds, 1),
            "load_s": round(load, 1), "loadavg_1min": round(os.getloadavg()[0], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", help="smollm2, gemma, a directory or a .gguf")
    parser.add_argument("--split", default="test", choices=("dev", "test", "all"))
    parser.add_argument("--speed-docs", type=int, default=40)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if rx.realdata_root() is None:
        print("bench_lm_rescore: ../shared/realdata not found", file=sys.stderr)
        return 3
    results = []
    for model in args.model or ["gemma"]:
        if not args.no_quality:
            results.append({"model": model, **quality(model, args.split)})
            print(json.dumps(results[-1]))
        for threads in args.threads:
            results.append(speed(model, threads, args.speed_docs))
            print(json.dumps(results[-1]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
