"""Generate a realistic synthetic MT feed (JSONL) with artifacts planted at a known rate.

    python benchmarks/gen_feed.py --segments 100000 --out /tmp/feed.jsonl
    python benchmarks/gen_feed.py --megabytes 500 --out /tmp/feed-500mb.jsonl

Each record is one segment (a paragraph of a wire article) with ``id`` (article id
plus paragraph number), ``src`` (a pseudo-source carrying the same numbers),
``mt``, ``src_lang`` and ``tgt_lang``. About ``--rate`` of the segments carry one
planted artifact: a Russian-style place name, an institutional "he/she", page
residue, a Cyrillic fragment, a changed number or doubled punctuation. The text is
our own template prose; the seed makes the feed reproducible.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

PLACES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Mykolaiv", "Kherson",
          "Sumy", "Poltava", "Chernihiv", "Kupiansk", "Izium", "Sloviansk", "Kramatorsk",
          "Beirut", "Gaza", "Aleppo", "Tripoli", "Khartoum", "Brussels", "Ankara"]
VARIANTS = {"Kyiv": "Kiev", "Kharkiv": "Kharkov", "Odesa": "Odessa", "Lviv": "Lvov",
            "Zaporizhzhia": "Zaporozhye", "Mykolaiv": "Nikolaev", "Chernihiv": "Chernigov",
            "Izium": "Izyum", "Sloviansk": "Slavyansk", "Kupiansk": "Kupyansk"}
INSTITUTIONS = ["The Ministry of Defence", "The General Staff", "The army", "The government",
                "The central bank", "The electoral commission", "The health ministry",
                "The energy company", "The regional administration", "The court"]
PEOPLE = [("Foreign Minister Dmytro Kuleba", "He"), ("Prime Minister Giorgia Meloni", "She"),
          ("President Emmanuel Macron", "He"), ("Deputy Prime Minister Olha Stefanishyna", "She"),
          ("a senior Western official", "He"), ("the agency's spokeswoman", "She")]
VERBS = ["announced", "said", "reported", "stressed", "indicated", "confirmed", "noted"]
TOPICS = ["{n} drones were shot down overnight near {place}",
          "repairs to the power grid in {place} would take {n} days",
          "about {n} families had been evacuated from villages around {place}",
          "grain exports through {place} rose by {n} percent in the past month",
          "{n} new cases of the virus were recorded in {place} last week",
          "prices for bread in {place} had risen {n} percent since spring"]
FOLLOW = ["It added that the work would continue in the coming days.",
          "They said the situation remained difficult but under control.",
          "The statement gave no further details.",
          "Officials expect a decision before the end of the month."]
RESIDUE = ["Share", "Related News", "No Comments Found", "Read also: Talks resume in {place}"]
SOURCE_TEMPLATE = "Сообщение {n}: {place_src} — заявление ведомства."


def make_segment(rng: random.Random, rate: float) -> tuple[str, str, str | None]:
    place = rng.choice(PLACES)
    n = rng.choice([3, 7, 12, 40, 150, 2300, 6000, 15000])
    src_n = n
    who = rng.choice(INSTITUTIONS)
    topic = rng.choice(TOPICS).format(n=f"{n:,}", place=place)
    mt = f"{who} {rng.choice(VERBS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} that {topic}. {rng.choice(FOLLOW)}"
    planted = None
    if rng.random() < rate:
        planted = rng.choice(["variant", "pronoun", "residue", "cyrillic", "number", "punct"])
        if planted == "variant" and place in VARIANTS:
            mt = mt.replace(place, VARIANTS[place])
        elif planted == "pronoun":
            mt = mt.rsplit(". ", 1)[0] + f". {rng.choice(['He', 'She'])} stressed that the work would continue."
        elif planted == "residue":
            mt = mt + "\n" + rng.choice(RESIDUE).format(place=place)
        elif planted == "cyrillic":
            mt = mt.replace(" that ", " that заявление ", 1)
        elif planted == "number":
            src_n = n + 1
        elif planted == "punct":
            mt = mt.replace(". ", ".. ", 1)
        else:
            planted = None
    elif rng.random() < 0.15:
        person, pronoun = rng.choice(PEOPLE)
        mt = f"{person} {rng.choice(VERBS)} that {topic}. {pronoun} added that talks would continue."
    src = SOURCE_TEMPLATE.format(n=src_n, place_src=place)
    return src, mt, planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--segments", type=int, help="number of segments (records)")
    size.add_argument("--megabytes", type=float, help="approximate size of the output in MB")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rate", type=float, default=0.05, help="share of segments with a planted artifact")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--paragraphs", type=int, default=8, help="segments per article")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    limit_bytes = int(args.megabytes * 1e6) if args.megabytes else None
    written = segments = planted = 0
    with args.out.open("w", encoding="utf-8") as out:
        while True:
            if args.segments is not None and segments >= args.segments:
                break
            if limit_bytes is not None and written >= limit_bytes:
                break
            article, para = divmod(segments, args.paragraphs)
            src, mt, kind = make_segment(rng, args.rate)
            planted += kind is not None
            line = json.dumps({"id": f"a{article:07d}-p{para}", "src": src, "mt": mt,
                               "src_lang": "ru", "tgt_lang": "en"}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            segments += 1
    print(json.dumps({"segments": segments, "bytes": written, "planted": planted}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
