#!/usr/bin/env python3
"""Score mtcheck's name findings on the labelled real-data set (name_labels.tsv).

Runs ``mtcheck check --select name`` on every into-English system output and
reference of ``../shared/realdata`` as a user would (aligned files, source, document
ids), matches each finding to the label of its position (same file, line and rule,
overlapping columns) and prints, per rule and split, how many findings there are, how
many carry a label, and the precision over the labelled ones (``true`` / (``true`` +
``false``); ``unclear`` left out). For ``name.near-miss`` it also says whether the true
garbles the rule found before this work (``baseline = yes``) are still found.

    python corpora/realdata/score_names.py                       # every rule, both splits
    python corpora/realdata/score_names.py --rule name.near-miss --split test
    python corpora/realdata/score_names.py --unlabelled          # positions to label next

Needs ``../shared/realdata`` (or ``$MTCHECK_REALDATA``); exits 3 when it is absent.
Prints positions and single names only, never a sentence of the data.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402
from name_findings import Position, name_findings  # noqa: E402

LABELS = Path(__file__).resolve().parent / "name_labels.tsv"
COLUMNS = ["file", "line", "column", "length", "rule", "subject", "label", "kind", "reason", "split", "baseline"]
RULES = ("name.near-miss", "name.inconsistency", "name.case-form")
NO_REALDATA = 3


@dataclass(frozen=True)
class NameLabel:
    file: str
    line: int
    column: int  # 1-based column of the labelled name's start
    length: int
    rule: str
    subject: str  # the name the finding points to (a single name)
    label: str  # true | false | unclear
    kind: str
    reason: str
    split: str
    baseline: bool  # flagged by mtcheck before the names-beyond-the-guide work

    def overlaps(self, found: Position) -> bool:
        return (found.file == self.file and found.line == self.line
                and found.column < self.column + self.length and self.column < found.column + len(found.text))


def load_labels(path: Path = LABELS) -> list[NameLabel]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [NameLabel(r["file"], int(r["line"]), int(r["column"]), int(r["length"]), r["rule"], r["subject"],
                          r["label"], r["kind"], r["reason"], r["split"], r["baseline"] == "yes") for r in rows]


@dataclass
class Score:
    findings: int = 0
    true: int = 0
    false: int = 0
    unclear: int = 0
    unlabelled: int = 0

    @property
    def precision(self) -> float:
        judged = self.true + self.false
        return self.true / judged if judged else float("nan")


def score(found: list[Position], labels: list[NameLabel]) -> tuple[dict[tuple[str, str], Score], list[Position]]:
    by_line: dict[tuple[str, int, str], list[NameLabel]] = defaultdict(list)
    for lab in labels:
        by_line[(lab.file, lab.line, lab.rule)].append(lab)
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    unlabelled = []
    for f in found:
        if f.rule not in RULES:
            continue
        if f.rule == "name.inconsistency" and "look like one" not in f.message:
            continue  # the guide's own consistency check: not part of this set
        for key in ((f.rule, f.split), (f.rule, "all")):
            scores[key].findings += 1
        lab = next((lab for lab in by_line.get((f.file, f.line, f.rule), ()) if lab.overlaps(f)), None)
        for key in ((f.rule, f.split), (f.rule, "all")):
            s = scores[key]
            if lab is None:
                s.unlabelled += 1
            elif lab.label == "true":
                s.true += 1
            elif lab.label == "false":
                s.false += 1
            else:
                s.unclear += 1
        if lab is None:
            unlabelled.append(f)
    return scores, unlabelled


def kept_garbles(found: list[Position], labels: list[NameLabel]) -> tuple[int, int, int, list[NameLabel]]:
    """(baseline true near misses, still found by near-miss, by another name rule, lost)."""
    wanted = [lab for lab in labels if lab.rule == "name.near-miss" and lab.baseline and lab.label == "true"]
    by_line: dict[tuple[str, int], list[Position]] = defaultdict(list)
    for f in found:
        by_line[(f.file, f.line)].append(f)
    same = other = 0
    lost = []
    for lab in wanted:
        here = [f for f in by_line.get((lab.file, lab.line), ()) if lab.overlaps(f)]
        if any(f.rule == "name.near-miss" for f in here):
            same += 1
        elif here:
            other += 1
        else:
            lost.append(lab)
    return len(wanted), same, other, lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", choices=RULES, action="append", help="rules to report (default: all three)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default=None)
    parser.add_argument("--unlabelled", action="store_true", help="list findings without a label (positions)")
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args(argv)
    root = rx.realdata_root()
    if root is None:
        print("score_names: ../shared/realdata not found (set MTCHECK_REALDATA)", file=sys.stderr)
        return NO_REALDATA
    labels = load_labels()
    found = name_findings(root, select="name", jobs=args.jobs)
    scores, unlabelled = score(found, labels)
    rules = args.rule or list(RULES)
    splits = [args.split] if args.split else ["dev", "test", "all"]
    print(f"{'rule':20} {'split':5} {'findings':>8} {'labelled':>8} {'true':>5} {'false':>5} {'unclear':>7}  precision")
    for rule in rules:
        for split in splits:
            s = scores.get((rule, split), Score())
            print(f"{rule:20} {split:5} {s.findings:8d} {s.findings - s.unlabelled:8d} {s.true:5d} {s.false:5d} "
                  f"{s.unclear:7d}  P {s.precision:.3f}")
    if "name.near-miss" in rules:
        total, same, other, lost = kept_garbles(found, labels)
        print(f"baseline true near misses still found: {same + other}/{total} "
              f"(by name.near-miss {same}, by another name rule {other})")
        for lab in lost:
            print(f"  lost: {lab.file}:{lab.line}:{lab.column} ({lab.subject})")
    if args.unlabelled:
        for f in unlabelled:
            if f.rule in rules and (args.split in (None, "all", f.split)):
                print(f"unlabelled: {f.rule} {f.file}:{f.line}:{f.column} len {len(f.text)} [{f.split}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
