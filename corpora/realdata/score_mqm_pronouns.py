#!/usr/bin/env python3
"""mtcheck's pronoun findings against expert MQM error spans (WMT23 zh-en, side by side).

``../shared/realdata/mqm`` holds Google's MQM annotations of WMT23 General MT zh->en,
filtered to segments with a gender-mismatch, name-format, fragment or inconsistency
error, or an error span that is exactly a pronoun (its README). Raters there were
not told about mtcheck, and we never labelled these segments: they are a held-out
check on text of another source language and another year.

A gendered token (he, she, him, her, his, hers, himself, herself) is **positive** when
any rater's error span is exactly that token, and negative otherwise. A negative is
only approximately right: a rater could file the error under a longer span. Each
system's segments of one document are checked as one document, in segment order; the
slice keeps only some segments of each document, so earlier context is missing. The
source is Chinese, which mtcheck does not read, so the runs are without a source (the
"no-source" regime) and with it (the "unread-source" regime, rules silent by design).

    python corpora/realdata/score_mqm_pronouns.py             # rules only
    python corpora/realdata/score_mqm_pronouns.py --lm gemma   # and with the model
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.document import Document

SLICE = "mqm/sxs_mqm_generalMT2023_zhen.pronoun_name_fragment_slice.tsv"
GENDERED = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
MARK = re.compile(r"</?v>")


@dataclass
class Segment:
    text: str
    source: str
    errors: dict[int, str]  # offset of an erroneous pronoun -> MQM category


def read_slice(path: Path) -> dict[tuple[str, str], list[Segment]]:
    """Documents (system, doc) -> their segments in order, with pronoun error offsets."""
    csv.field_size_limit(1 << 30)
    by_segment: dict[tuple[str, str, int], Segment] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["system"], row["doc"], int(row["docSegId"]))
            marked = row["target"]
            seg = by_segment.setdefault(key, Segment(MARK.sub("", marked), row["source"], {}))
            start = marked.find("<v>")
            span = row["error_span"].strip()
            if start >= 0 and GENDERED.fullmatch(span) and marked[start + 3:].startswith(span):
                offset = len(MARK.sub("", marked[:start]))
                seg.errors.setdefault(offset, row["category"])
    docs: dict[tuple[str, str], list[Segment]] = defaultdict(list)
    for (system, doc, _), seg in sorted(by_segment.items()):
        docs[(system, doc)].append(seg)
    return docs


def score(checker: Checker, docs: dict[tuple[str, str], list[Segment]], with_source: bool) -> dict:
    tp = fp = fn = 0
    found_by_category: Counter[str] = Counter()
    total_by_category: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for (system, doc_id), segments in docs.items():
        text = "\n".join(s.text for s in segments)
        fields = {"src": "\n".join(s.source for s in segments), "src_lang": "zh"} if with_source else {}
        doc = Document(text, doc_id=f"{system}/{doc_id}", tgt_lang="en", **fields)
        flagged = {f.start: f.rule for f in checker.check_document(doc) if f.rule.startswith("pronoun")}
        base = 0
        for seg in segments:
            for m in GENDERED.finditer(seg.text):
                at, category = base + m.start(), seg.errors.get(m.start())
                if category is not None:
                    total_by_category[category] += 1
                if at in flagged:
                    rules[flagged[at]] += 1
                    if category is not None:
                        tp += 1
                        found_by_category[category] += 1
                    else:
                        fp += 1
                elif category is not None:
                    fn += 1
            base += len(seg.text) + 1
    return {"tp": tp, "fp": fp, "fn": fn, "found": found_by_category,
            "total": total_by_category, "rules": rules}


def report(name: str, result: dict) -> None:
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"{name}: {tp + fp} findings, {tp} on a rater's pronoun error; "
          f"P {precision:.3f} R {recall:.3f} ({tp + fn} pronoun errors)")
    for category, total in result["total"].most_common():
        print(f"    {category}: {result['found'][category]}/{total}")
    if result["rules"]:
        print("    by rule: " + ", ".join(f"{r} {n}" for r, n in result["rules"].most_common()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lm", help="also run with this model (gemma, smollm2 or a path)")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    root = rx.realdata_root()
    if root is None or not (root / SLICE).is_file():
        print("the MQM slice was not found (../shared/realdata/mqm; set MTCHECK_REALDATA)", file=sys.stderr)
        return 2
    docs = read_slice(root / SLICE)
    tokens = sum(len(GENDERED.findall(s.text)) for segs in docs.values() for s in segs)
    errors = sum(len(s.errors) for segs in docs.values() for s in segs)
    print(f"{len(docs)} documents, {sum(map(len, docs.values()))} segments, "
          f"{tokens} gendered tokens, {errors} marked as errors")
    runs = [("rules, no source", RunConfig(select=("pronoun",)), False),
            ("rules, source given (zh, unread)", RunConfig(select=("pronoun",)), True),
            ("gender mismatch (a preview rule, by id)", RunConfig(select=("pronoun.gender-mismatch",)), False)]
    if args.lm:
        runs.append((f"rules + {args.lm}, no source",
                     RunConfig(select=("pronoun",), lm=args.lm, threads=args.threads), False))
    for name, config, with_source in runs:
        report(name, score(Checker(config), docs, with_source))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
