"""Speed of the name checks with the full default style guide.

    python benchmarks/bench_names.py                 # 20,000 segments (~4 MB)
    python benchmarks/bench_names.py --segments 100000

Reports: loading + compiling the default guide (cold), MB/s of the `name` family
alone, MB/s of the whole rules-only check (every stable rule, no models), and the
name family's share of that run. The corpus is generated here (gen_feed.py's wire
prose, with one segment in three carrying extra people and places from the guide,
a third of those misspelt), so nothing is read from disk but the guide itself.

Measured 2025-11 on the dev container (2 cores), 20,000 segments / 3.65 MB, default
guide 946 entities / 2,195 forms: load+compile+specs 0.27 s; name family 2.65 MB/s;
rules-only check 0.45 MB/s; the name family takes 17% of the rules-only run.

Names beyond the guide (2026-12, same container, CPU seconds, best of 3, target language
given so that its identification is not counted): this corpus 0.63 s before (5.8 MB/s),
0.93 s after (3.9 MB/s: the token pass for names outside the guide, case forms, generated
forms); the 24 real WMT22/WMT21 into-English files (13,320 documents, 3.5 MB) 1.31 s
before, 1.52 s after on a cold start, 0.66 s both warm. Without ``tgt_lang`` the first
family to ask pays for identifying the target language (mtcheck.langid), which this
script's wall-clock figure and the "share" include.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_feed import make_segment  # noqa: E402

from mtcheck import style_guides  # noqa: E402
from mtcheck.api import Checker  # noqa: E402
from mtcheck.config import RunConfig  # noqa: E402
from mtcheck.document import Document  # noqa: E402


def corpus(segments: int, seed: int = 13) -> list[Document]:
    rng = random.Random(seed)
    pack = style_guides.load_style_guide(RunConfig())
    people = [e for e in pack.entities.values() if e.type == "person"]
    places = [e for e in pack.entities.values() if e.type == "place"]
    docs = []
    for i in range(segments):
        src, mt, _ = make_segment(rng, 0.1)
        if rng.random() < 1 / 3:
            person, place = rng.choice(people), rng.choice(places)
            name = rng.choice(person.variants) if person.variants and rng.random() < 1 / 3 else person.preferred("en")
            where = rng.choice(place.variants) if place.variants and rng.random() < 1 / 3 else place.preferred("en")
            mt += f" {name} visited {where} on Thursday, where {person.short_form('en')} met local officials."
        docs.append(Document(mt, doc_id=f"s{i}", src=src, src_lang="ru"))
    return docs


def timed(checker: Checker, docs: list[Document]) -> tuple[float, int]:
    started = time.perf_counter()
    findings = sum(len(checker.check_document(doc)) for doc in docs)
    return time.perf_counter() - started, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=20000)
    args = parser.parse_args(argv)

    style_guides._CACHE.clear()
    started = time.perf_counter()
    pack = style_guides.load_style_guide(RunConfig())
    load_s = time.perf_counter() - started
    print(f"default guide: {len(pack)} entities, {len(pack.forms)} forms; load+compile+specs {load_s * 1000:.0f} ms")

    docs = corpus(args.segments)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} segments, {megabytes:.2f} MB")

    names = Checker(RunConfig(select=("name",)))
    everything = Checker(RunConfig())
    timed(names, docs[:200])  # warm-up: imports, wordfreq lists
    timed(everything, docs[:200])
    names_s, names_n = timed(names, docs)
    # Fresh documents, so cached tokens/sentences from the first run are not reused.
    docs = corpus(args.segments)
    all_s, all_n = timed(everything, docs)
    print(f"name family:      {names_s:6.2f} s  {megabytes / names_s:6.2f} MB/s  {names_n} findings")
    print(f"rules-only check: {all_s:6.2f} s  {megabytes / all_s:6.2f} MB/s  {all_n} findings "
          f"({', '.join(f.name for f in everything.families)})")
    print(f"name share of the rules-only run: {names_s / all_s:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
