"""CPU time of each rule family over one feed, in one process (never asserted in tests).

    python benchmarks/profile_families.py FEED.jsonl
    python benchmarks/profile_families.py --mt HYP.en --src SRC.uk --src-lang uk --repeat 5
    python benchmarks/profile_families.py FEED.jsonl --family number --cprofile

Reads the whole input into Documents first (timed as "read"), then for each family
runs its ``check`` over every document on fresh copies (so no family profits from
another's cached tokens or sentences), then the engine (hits to findings) and the
JSONL reporter. Prints CPU seconds and MB/s (input file bytes) per stage. The input is
held in memory: use a feed of tens of MB at most.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mtcheck.api import Checker  # noqa: E402
from mtcheck.config import RunConfig  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.readers import ReadOptions, read_inputs  # noqa: E402
from mtcheck.readers.aligned import read_aligned  # noqa: E402
from mtcheck.reporters.jsonl import Reporter  # noqa: E402


def _fresh(doc: Document) -> Document:
    return Document(doc.text, path=doc.path, doc_id=doc.doc_id, src=doc.src, ref=doc.ref,
                    src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, record_line=doc.record_line,
                    line_map=doc.line_map, first_line=doc.first_line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--mt")
    parser.add_argument("--src")
    parser.add_argument("--src-lang")
    parser.add_argument("--repeat", type=int, default=1, help="check the input this many times")
    parser.add_argument("--family", action="append", default=[], help="only these families")
    parser.add_argument("--cprofile", action="store_true", help="cProfile each family (top 15 by tottime)")
    args = parser.parse_args()

    started = time.process_time()
    if args.mt:
        items = read_aligned(args.mt, src=args.src, options=ReadOptions(src_lang=args.src_lang))
    else:
        items = read_inputs(args.inputs, ReadOptions(src_lang=args.src_lang))
    docs = [d for d in items if isinstance(d, Document)] * args.repeat
    read_s = time.process_time() - started
    files = [args.mt, args.src] if args.mt else args.inputs
    # MB/s of input bytes, as benchmarks/run_bench.py counts them
    megabytes = sum(Path(f).stat().st_size for f in files if f) * args.repeat / 1e6
    print(f"{len(docs)} documents, {megabytes:.1f} MB of input")
    print(f"| stage | CPU s | MB/s |\n|---|---:|---:|\n| read | {read_s:.2f} | {megabytes / max(read_s, 1e-9):.1f} |")

    checker = Checker(RunConfig().merged(select=tuple(args.family)) if args.family else None)
    total = 0.0
    all_hits: list[list] = [[] for _ in docs]
    for fam in checker.families:
        data = checker.data[fam.name]
        copies = [_fresh(d) for d in docs]
        profiler = cProfile.Profile() if args.cprofile else None
        started = time.process_time()
        if profiler:
            profiler.enable()
        for i, doc in enumerate(copies):
            all_hits[i].extend(fam.check(doc, data))
        if profiler:
            profiler.disable()
        seconds = time.process_time() - started
        total += seconds
        print(f"| {fam.name} | {seconds:.2f} | {megabytes / max(seconds, 1e-9):.1f} |")
        if profiler:
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
    started = time.process_time()
    findings = [checker.to_findings(doc, hits) for doc, hits in zip(docs, all_hits)]
    engine_s = time.process_time() - started
    started = time.process_time()
    reporter = Reporter()
    size = sum(len(reporter.document(doc, found)) for doc, found in zip(docs, findings))
    report_s = time.process_time() - started
    print(f"| engine | {engine_s:.2f} | {megabytes / max(engine_s, 1e-9):.1f} |")
    print(f"| jsonl report ({size} chars) | {report_s:.2f} | {megabytes / max(report_s, 1e-9):.1f} |")
    checks = total + engine_s + report_s
    print(f"| all checks + engine + report | {checks:.2f} | {megabytes / max(checks, 1e-9):.1f} |")


if __name__ == "__main__":
    main()
