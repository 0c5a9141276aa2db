#!/usr/bin/env python3
"""List the dev lines where mtcheck reports a pronoun finding: the ``flagged`` stratum.

The first sample (``enriched`` and ``random``) labels where artifacts concentrate, so
it says little about the findings a user actually sees on ordinary lines. This script
runs the checker as a user would (rules only, and with ``--lm`` when a model is named)
over every system file of the set and writes ``pronoun_flagged_lines.tsv``: the
(pair, line) of each dev document line with a pronoun finding that the first sample
does not already hold. ``pronoun_candidates.py`` then adds those lines, with every
gendered token of every system on them, as the stratum ``flagged``. ``--split test``
lists the test documents' lines instead (``pronoun_flagged_lines_test.tsv``), for
evaluation only: with them, test precision is that of the findings a user sees.

    python corpora/realdata/flagged_lines.py               # rules only
    python corpora/realdata/flagged_lines.py --lm gemma    # rules, and rules + model
    python corpora/realdata/flagged_lines.py --preview     # with pronoun.gender-mismatch

``--threshold 0.35`` reports below the shipped thresholds too, so the stratum also
holds the near misses on which a threshold is chosen (the lines this set was built with:
``--lm gemma --threshold 0.35``).

``--lm-alone MARGIN`` (with ``--lm``) adds the lines where the model alone prefers the
"it" form by at least MARGIN nats, whatever the rules say: the ordinary lines on which
a model's preference misleads, which the combination has to learn to discount. The
second round of the stratum was built with ``--lm gemma --lm-alone 1.0``. Rows already
in the file are always kept (their tokens are labelled); new lines are added.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.readers import ReadOptions
from mtcheck.readers.aligned import read_aligned

HERE = Path(__file__).resolve().parent


def file_documents(files: rx.PairFiles, path: Path):
    """The documents of one system file of a pair, read as a user's aligned run reads
    them (with source and document ids)."""
    for doc in read_aligned(path, src=files.src, docids=files.docids,
                            options=ReadOptions(src_lang=files.src_lang, tgt_lang="en")):
        if isinstance(doc, Document):
            yield doc


def pronoun_findings(files: rx.PairFiles, checker: Checker):
    """(system file, document, finding) for every pronoun finding of a pair's systems."""
    for path in files.systems:
        for doc, findings in checker.check_documents(file_documents(files, path)):
            for finding in findings:
                if finding.rule.startswith("pronoun"):
                    yield path, doc, finding


def flagged(root: Path, checker: Checker, pair: str) -> set[int]:
    return {rx.file_position(doc, finding.start)[0]
            for _, doc, finding in pronoun_findings(rx.pair_files(root, pair), checker)}


def model_prefers_it(root: Path, model: str, pair: str, margin: float, threads: int | None) -> set[int]:
    """Lines where the model alone scores some gendered pronoun's "it" form at least
    ``margin`` nats above the pronoun as written."""
    from mtcheck.checks.pronouns import check as family
    from mtcheck.checks.pronouns.resolver import resolve_pronouns
    from mtcheck.compare.lm_rescore import PronounRescorer

    rescorer = PronounRescorer(model, threads=threads)
    data = family.load(RunConfig())
    files = rx.pair_files(root, pair)
    lines: set[int] = set()
    docs = [doc for path in files.systems for doc in file_documents(files, path)]
    for start in range(0, len(docs), 32):
        work = [(doc, resolve_pronouns(doc, data)) for doc in docs[start:start + 32]]
        for (doc, decisions), margins in zip(work, rescorer.margins_many(work)):
            lines.update(rx.file_position(doc, d.start)[0] for d, m in zip(decisions, margins) if m.it >= margin)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    rx.add_run_options(parser, "also run with this model (gemma, smollm2 or a path)")
    parser.add_argument("--split", default="dev", choices=("dev", "test"),
                        help="whose lines to list; test lines are for evaluation only (never tuned on)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="report pronouns from this confidence (default: the shipped thresholds)")
    parser.add_argument("--lm-alone", type=float, default=None, metavar="MARGIN",
                        help="add lines where the --lm model alone prefers 'it' by MARGIN nats")
    args = parser.parse_args()
    root = rx.root_or_report()
    if root is None:
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pronoun_candidates import sampled_lines

    runs = {"rules": Checker(RunConfig(pronoun_threshold=args.threshold, preview=args.preview))}
    if args.lm:
        runs["lm"] = Checker(RunConfig(lm=args.lm, threads=args.threads,
                                       pronoun_threshold=args.threshold, preview=args.preview))
    out = HERE / ("pronoun_flagged_lines.tsv" if args.split == "dev" else "pronoun_flagged_lines_test.tsv")
    # Lines listed before stay listed: their tokens are labelled, and the merge expects them.
    kept = [tuple(raw.split("\t")) for raw in out.read_text(encoding="utf-8").splitlines()[1:]] \
        if out.exists() else []
    rows = [(pair, int(line), by) for pair, line, by in kept]
    for pair in rx.PAIRS:
        files = rx.pair_files(root, pair)
        docs = rx.doc_ids(files, len(rx.read_lines(files.src)))
        already = {line for line, _ in sampled_lines(files, flagged_extra=False)}
        by: dict[int, list[str]] = {}
        for name, checker in runs.items():
            for line in flagged(root, checker, pair):
                by.setdefault(line, []).append(name)
        if args.lm and args.lm_alone is not None:
            for line in model_prefers_it(root, args.lm, pair, args.lm_alone, args.threads):
                by.setdefault(line, []).append("lm-alone")
        known = {int(line) for p, line, _ in kept if p == pair}
        new = [line for line in sorted(by)
               if line not in already and line not in known and rx.split_of(pair, docs[line - 1]) == args.split]
        rows += [(pair, line, "+".join(by[line])) for line in new]
        print(f"{pair}: {len(by)} flagged lines, {len(new)} new {args.split} lines", file=sys.stderr)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("pair\tline\tflagged_by\n")
        for row in rows:
            handle.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} lines written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
