#!/usr/bin/env python3
"""Score mtcheck's pronoun findings on the labelled real-data set.

Runs ``mtcheck check`` on every system file that has labels, as a user would
(aligned files with source and document ids, ``--select pronoun``), maps each finding
to its (file, line, token, occurrence) and prints precision and recall per split,
per antecedent type and per pair. ``artifact`` and ``mismatch`` labels are positives,
``ok`` negatives, ``unclear`` is left out.

    python corpora/realdata/score_pronouns.py                 # rules only, both splits
    python corpora/realdata/score_pronouns.py --split test
    python corpora/realdata/score_pronouns.py -- --lm gemma --threads 2   # options after -- go to mtcheck
    python corpora/realdata/score_pronouns.py --sweep         # precision/recall by confidence threshold

Needs ``../shared/realdata`` (or ``$MTCHECK_REALDATA``); exits 3 when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402

LABELS = Path(__file__).resolve().parent / "pronoun_labels.tsv"
POSITIVE = {"artifact", "mismatch"}
NO_REALDATA = 3


@dataclass(frozen=True)
class Label:
    file: str
    line: int
    token: str
    occurrence: int
    label: str
    antecedent: str
    stratum: str
    split: str

    @property
    def key(self) -> tuple[str, int, str, int]:
        return (self.file, self.line, self.token, self.occurrence)


def load_labels(path: Path = LABELS) -> list[Label]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [Label(r["file"], int(r["line"]), r["token"], int(r["occurrence"]), r["label"],
                      r["antecedent"], r["stratum"], r["split"]) for r in rows]


def findings_for(root: Path, file: str, extra: list[str]) -> dict[tuple[str, int, str, int], dict]:
    """Pronoun findings on one system file, keyed like the labels."""
    pair = "/".join(file.split("/")[:2])
    files = rx.pair_files(root, pair)
    cmd = [sys.executable, "-m", "mtcheck", "check", "--mt", str(root / file), "--src", str(files.src),
           "--src-lang", files.src_lang, "--select", "pronoun", "--format", "jsonl",
           "--fail-on", "never", "--quiet", "--jobs", "1"]
    if files.docids is not None:
        cmd += ["--docids", str(files.docids)]
    run = subprocess.run(cmd + extra, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        raise SystemExit(f"mtcheck failed on {file}: {run.stderr.strip()[-500:]}")
    hyp = rx.read_lines(root / file)
    out = {}
    for raw in run.stdout.splitlines():
        finding = json.loads(raw)
        line = finding["input_line"]
        col = finding["column"] - 1
        for token, occ, start, _ in rx.gendered_tokens(hyp[line - 1]):
            if start == col:
                out[(file, line, token, occ)] = finding
    return out


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"P {p:.3f}  R {r:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def table(labels: list[Label], found: dict, threshold: float, group) -> dict[str, list[int]]:
    cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for lab in labels:
        if lab.label == "unclear":
            continue
        hit = found.get(lab.key)
        flagged = hit is not None and hit.get("confidence", 1.0) >= threshold
        cell = cells[group(lab)]
        if lab.label in POSITIVE:
            cell[0 if flagged else 2] += 1
        elif flagged:
            cell[1] += 1
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--threshold", type=float, default=0.0)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses (positions)")
    parser.add_argument("mtcheck_args", nargs="*")
    args = parser.parse_args()
    root = rx.realdata_root()
    if root is None:
        print("score_pronouns: ../shared/realdata not found (set MTCHECK_REALDATA)", file=sys.stderr)
        return NO_REALDATA
    labels = load_labels()
    found: dict = {}
    for file in sorted({lab.file for lab in labels}):
        found.update(findings_for(root, file, args.mtcheck_args))
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for split in splits:
        chosen = [lab for lab in labels if lab.split == split]
        counts = Counter(lab.label for lab in chosen)
        print(f"== {split}: {len(chosen)} tokens, labels {dict(sorted(counts.items()))}")
        total = table(chosen, found, args.threshold, lambda lab: "all")["all"]
        print(f"  all            {prf(*total)}")
        for name, group in (("antecedent", lambda lab: lab.antecedent),
                            ("pair", lambda lab: "/".join(lab.file.split("/")[:2])),
                            ("stratum", lambda lab: lab.stratum)):
            for key, cell in sorted(table(chosen, found, args.threshold, group).items()):
                print(f"  {name:10} {key:14} {prf(*cell)}")
        if args.sweep:
            for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
                print(f"  conf >= {t:.1f}  {prf(*table(chosen, found, t, lambda lab: 'all')['all'])}")
        if args.errors:
            for lab in chosen:
                hit = found.get(lab.key)
                flagged = hit is not None and hit.get("confidence", 1.0) >= args.threshold
                if flagged and lab.label == "ok":
                    print(f"  FP {lab.file}:{lab.line} {lab.token}#{lab.occurrence} ({lab.antecedent}) "
                          f"{hit['rule']} {hit.get('confidence')}")
                elif not flagged and lab.label in POSITIVE:
                    print(f"  FN {lab.file}:{lab.line} {lab.token}#{lab.occurrence} ({lab.antecedent})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
