#!/usr/bin/env python3
"""Are the pronoun findings users see all labelled? Precision on the labelled set is
that of the tool only when they are.

Runs mtcheck as a user would (rules only, or with ``--lm``) over every system file of
the set and matches each pronoun finding to ``pronoun_labels.tsv`` by position. Prints
how many findings there are, how many fall on labelled tokens and how many of those
are right (dev and test together: a count, not a tuning signal), and the (pair, line,
split) of any unlabelled one, which ``flagged_lines.py`` would then add.

    python corpora/realdata/finding_coverage.py             # rules only
    python corpora/realdata/finding_coverage.py --lm gemma  # rules + model
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402
from flagged_lines import pronoun_findings  # noqa: E402
from score_pronouns import POSITIVE, load_labels  # noqa: E402

from mtcheck.api import Checker
from mtcheck.config import RunConfig


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rx.add_run_options(parser, "run with this model (gemma, smollm2 or a path)")
    args = parser.parse_args()
    root = rx.root_or_report()
    if root is None:
        return 2
    labels = {lab.key: lab for lab in load_labels()}
    checker = Checker(RunConfig(lm=args.lm, threads=args.threads, preview=args.preview))
    total = labelled = right = 0
    by_split: dict[str, list[int]] = {}  # split -> [labelled, right]
    missing: set[tuple[str, int, str]] = set()
    for pair in rx.PAIRS:
        files = rx.pair_files(root, pair)
        for path, doc, finding in pronoun_findings(files, checker):
            hyp = rx.read_lines(path)
            line, column = rx.file_position(doc, finding.start)
            total += 1
            keys = [(path.relative_to(root).as_posix(), line, token, occ)
                    for token, occ, start, _ in rx.gendered_tokens(hyp[line - 1]) if start == column]
            lab = labels.get(keys[0]) if keys else None
            if lab is None:
                missing.add((pair, line, rx.split_of(pair, rx.doc_ids(files, len(hyp))[line - 1])))
                continue
            labelled += 1
            right += lab.label in POSITIVE
            counts = by_split.setdefault(lab.split, [0, 0])
            counts[0] += 1
            counts[1] += lab.label in POSITIVE
    mode = ("rules + " + args.lm if args.lm else "rules") + (", preview" if args.preview else "")
    print(f"{mode}: {total} pronoun findings, "
          f"{labelled} on labelled tokens, {right} of those right"
          + "".join(f"; {split} {n[1]} of {n[0]}" for split, n in sorted(by_split.items())))
    for pair, line, split in sorted(missing):
        print(f"  unlabelled: {pair} line {line} ({split})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
