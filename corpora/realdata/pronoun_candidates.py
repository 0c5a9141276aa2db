#!/usr/bin/env python3
"""Write the labelling worksheets for the real-data pronoun set (outside the repo).

A (pair, line) is sampled when any system's line has more gendered pronouns than the
reference line (the stratum ``enriched``, where artifacts concentrate), or, among the
other lines holding a gendered pronoun, by a seeded 12% draw (``random``). Every
gendered token of every system on a sampled line is labelled. The worksheets show the
previous MT lines of the same document, the source and the reference; they hold the
data's sentences, so they are written to a folder outside this repository:

    python corpora/realdata/pronoun_candidates.py /tmp/label_work --batches 7

Labellers fill in the worksheets' LABEL lines as ``labels_batchNN.tsv`` (file, line,
token, occurrence, label, antecedent, note); ``--merge`` checks them against the
sample and writes ``pronoun_labels.tsv`` (positions and labels only, no notes):

    python corpora/realdata/pronoun_candidates.py /tmp/label_work --merge
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402

RANDOM_SHARE = 0.12
SEED = 20261201


FLAGGED = Path(__file__).resolve().parent / "pronoun_flagged_lines.tsv"


def flagged_lines(pair: str) -> list[int]:
    """Lines with a finding of an earlier mtcheck (``flagged_lines.py``): dev, and test
    (for evaluation only)."""
    out = []
    for path in (FLAGGED, FLAGGED.with_name("pronoun_flagged_lines_test.tsv")):
        if path.exists():
            rows = (raw.split("\t") for raw in path.read_text(encoding="utf-8").splitlines()[1:])
            out += [int(cols[1]) for cols in rows if cols[0] == pair]
    return sorted(set(out))


def sampled_lines(files: rx.PairFiles, flagged_extra: bool = True) -> list[tuple[int, str]]:
    ref = rx.read_lines(files.ref)
    hyps = [rx.read_lines(path) for path in files.systems]
    rng = random.Random(f"{SEED}|{files.pair}")
    out = []
    for i in range(len(ref)):
        counts = [len(rx.gendered_tokens(h[i])) if i < len(h) else 0 for h in hyps]
        ref_count = len(rx.gendered_tokens(ref[i]))
        draw = rng.random()
        if any(c > ref_count for c in counts):
            out.append((i + 1, "enriched"))
        elif any(counts) and draw < RANDOM_SHARE:
            out.append((i + 1, "random"))
    if flagged_extra:
        taken = {line for line, _ in out}
        out += [(line, "flagged") for line in flagged_lines(files.pair) if line not in taken]
        out.sort()
    return out


def context(lines: list[str], docs: list[str], index: int, before: int) -> list[str]:
    start = index
    while start > 0 and index - start < before and docs[start - 1] == docs[index]:
        start -= 1
    return lines[start:index]


def worksheet_items(root: Path):
    for pair in rx.PAIRS:
        files = rx.pair_files(root, pair)
        src = rx.read_lines(files.src)
        ref = rx.read_lines(files.ref)
        docs = rx.doc_ids(files, len(src))
        hyps = {path: rx.read_lines(path) for path in files.systems}
        for line, stratum in sampled_lines(files):
            i = line - 1
            systems = []
            for path, hyp in hyps.items():
                tokens = rx.gendered_tokens(hyp[i])
                if tokens:
                    systems.append((path, hyp, tokens))
            if not systems:
                continue
            yield pair, line, stratum, docs[i], src, ref, docs, systems


def render(root: Path, item) -> tuple[str, int]:
    pair, line, stratum, doc, src, ref, docs, systems = item
    i = line - 1
    out = [f"### {pair} line {line} (doc {doc}, {stratum}, split {rx.split_of(pair, doc)})", ""]
    for prev in context(src, docs, i, 2):
        out.append(f"SRC-prev: {prev}")
    out.append(f"SRC:      {src[i]}")
    for prev in context(ref, docs, i, 1):
        out.append(f"REF-prev: {prev}")
    out.append(f"REF:      {ref[i]}")
    n = 0
    for path, hyp, tokens in systems:
        rel = path.relative_to(root).as_posix()
        out.append("")
        out.append(f"FILE {rel}")
        for prev in context(hyp, docs, i, 3):
            out.append(f"  MT-prev: {prev}")
        marked, last = [], 0
        for token, occ, start, end in tokens:
            marked.append(hyp[i][last:start] + f"[{hyp[i][start:end]}#{occ}]")
            last = end
        marked.append(hyp[i][last:])
        out.append(f"  MT:      {''.join(marked)}")
        for token, occ, _, _ in tokens:
            out.append(f"  LABEL\t{rel}\t{line}\t{token}\t{occ}\t?\t?")
            n += 1
    out.append("")
    return "\n".join(out), n


LABELS = ("artifact", "mismatch", "ok", "unclear")
TYPES = ("person", "institution", "place", "thing", "abstract", "animal", "work", "group",
         "spurious", "unknown")


def existing_labels(path: Path) -> dict[tuple, tuple[str, str]]:
    """Labels already merged, so a new stratum is labelled without redoing the old."""
    if not path.exists():
        return {}
    rows = {}
    for raw in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = raw.split("\t")
        rows[(cols[0], int(cols[1]), cols[2], int(cols[3]))] = (cols[4], cols[5])
    return rows


def merge(root: Path, folder: Path) -> int:
    expected = {}
    for pair in rx.PAIRS:
        files = rx.pair_files(root, pair)
        docs = rx.doc_ids(files, len(rx.read_lines(files.src)))
        for line, stratum in sampled_lines(files):
            for path in files.systems:
                for token, occ, _, _ in rx.gendered_tokens(rx.read_lines(path)[line - 1]):
                    key = (path.relative_to(root).as_posix(), line, token, occ)
                    expected[key] = (stratum, rx.split_of(pair, docs[line - 1]))
    out = Path(__file__).resolve().parent / "pronoun_labels.tsv"
    rows, problems = existing_labels(out), []
    for tsv in sorted(folder.glob("labels_batch*.tsv")):
        for n, raw in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            cols = raw.split("\t")
            key = (cols[0], int(cols[1]), cols[2], int(cols[3]))
            if key not in expected or cols[4] not in LABELS or cols[5] not in TYPES or key in rows:
                problems.append(f"{tsv.name}:{n}: {raw[:120]}")
                continue
            rows[key] = (cols[4], cols[5])
    problems += [f"unlabelled: {key}" for key in expected if key not in rows]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    with out.open("w", encoding="utf-8") as handle:
        handle.write("file\tline\ttoken\toccurrence\tlabel\tantecedent\tstratum\tsplit\n")
        for key in sorted(rows):
            label, antecedent = rows[key]
            stratum, split = expected[key]
            handle.write("\t".join(map(str, key + (label, antecedent, stratum, split))) + "\n")
    print(f"{len(rows)} labels written to {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--merge", action="store_true", help="merge labels_batch*.tsv from OUT")
    parser.add_argument("--stratum", help="write worksheets for this stratum only (flagged)")
    args = parser.parse_args()
    root = rx.root_or_report()
    if root is None:
        return 2
    if args.merge:
        return merge(root, args.out)
    done = existing_labels(Path(__file__).resolve().parent / "pronoun_labels.tsv")

    def unlabelled(item) -> bool:
        line, systems = item[1], item[7]
        return any((path.relative_to(root).as_posix(), line, token, occ) not in done
                   for path, _, tokens in systems for token, occ, _, _ in tokens)

    rendered = [render(root, item) for item in worksheet_items(root)
                if args.stratum in (None, item[2]) and unlabelled(item)]
    total = sum(n for _, n in rendered)
    per_batch = total / args.batches
    args.out.mkdir(parents=True, exist_ok=True)
    batch, count, chunks = 1, 0, []
    for text, n in rendered:
        chunks.append(text)
        count += n
        if count >= per_batch * batch and batch < args.batches:
            (args.out / f"batch{batch:02d}.md").write_text("\n".join(chunks), encoding="utf-8")
            batch, chunks = batch + 1, []
    (args.out / f"batch{batch:02d}.md").write_text("\n".join(chunks), encoding="utf-8")
    print(f"{len(rendered)} lines, {total} tokens, {batch} batches in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
