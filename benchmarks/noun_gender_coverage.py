"""How much of real target text the noun-gender sources cover, how often the tables agree
with the article in front of a noun, and how fast a lookup is. Prints figures, asserts
nothing.

    python benchmarks/noun_gender_coverage.py [--realdata /work/shared/realdata/wmt21]

* de (en-de references): capitalised words that do not start a sentence, nearly all
  nouns in German: the share with any reading (``reading_of``), with one gender
  (``gender_of``), and how many of those came from a compound's head. Agreement: a
  capitalised word right after *eine* must be feminine, right after *das* neuter.
* fr (de-fr references): words right after le/la/les/l'/un/une: the share with a
  reading and with one gender. Agreement: after *le*/*un* masculine, after *la*/*une*
  feminine (singular); a miss is either a table error or an adjective between.
* ru (wmt21 en-ru references), uk (wmt22 uk-en sources: no uk target text is at hand):
  words whose likeliest pymorphy3 reading is a noun: the share with one gender.
* Speed: microseconds a call, first calls (the lexicon's own lookup, no cache) and
  repeated ones (the per-word cache), after loading; and the load time of each table.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import regex

from mtcheck import noun_gender
from mtcheck.noun_gender import gender_of, lexicon_for, reading_of

WORD = regex.compile(r"[\p{L}][\p{L}\-]*")
SENTENCE_END = regex.compile(r"[.!?:»\"“”]$")
FR_DETERMINER = regex.compile(r"(?i)\b(le|la|les|un|une|l['’])(?:(?<=['’])|\s+)(\p{L}[\p{L}\-]*)")
DE_DETERMINER = regex.compile(r"\b(eine|das)\s+(\p{Lu}\p{L}*(?:-\p{L}+)*)")
EXPECTED = {"le": "m", "un": "m", "la": "f", "une": "f", "eine": "f", "das": "n"}


def _lines(folder: Path, pattern: str) -> list[str]:
    return [line for path in sorted(folder.glob(pattern))
            for line in path.read_text(encoding="utf-8").splitlines()]


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "0/0"


def german_coverage(lines: list[str]) -> None:
    seen = known = single = compound = 0
    for line in lines:
        tokens = line.split()
        for position, token in enumerate(tokens):
            word = token.strip("„“”\"'()[],.;:!?«»")
            if position == 0 or SENTENCE_END.search(tokens[position - 1]):
                continue
            if not WORD.fullmatch(word) or not word[0].isupper() or word.isupper():
                continue
            seen += 1
            reading = reading_of("de", word)
            if reading:
                known += 1
                single += len(reading.genders) == 1
                compound += reading.matched != word
    print(f"de capitalised non-initial tokens: any reading {_share(known, seen)}; "
          f"one gender {_share(single, seen)}; of the readings from a compound head "
          f"{_share(compound, known)}")
    agreement("de", lines, DE_DETERMINER)


def french_coverage(lines: list[str]) -> None:
    seen = known = single = 0
    for line in lines:
        for _det, word in FR_DETERMINER.findall(line):
            seen += 1
            reading = reading_of("fr", word)
            known += reading is not None
            single += reading is not None and len(reading.genders) == 1
    print(f"fr words after le/la/les/l'/un/une: any reading {_share(known, seen)}; "
          f"one gender {_share(single, seen)}")
    agreement("fr", lines, FR_DETERMINER)


def agreement(lang: str, lines: list[str], pattern: regex.Pattern) -> None:
    outcome: Counter[str] = Counter()
    for line in lines:
        for det, word in pattern.findall(line):
            expected = EXPECTED.get(det.lower())
            if expected is None:
                continue
            reading = reading_of(lang, word)
            if reading is None:
                outcome["unknown"] += 1
            elif len(reading.genders) > 1:
                outcome["ambiguous" if expected in reading.genders else "wrong"] += 1
            else:
                outcome["agrees" if reading.genders == expected else "wrong"] += 1
    decided = outcome["agrees"] + outcome["wrong"]
    dets = sorted({d for d, g in EXPECTED.items() if (lang == "de") == (d in ("eine", "das"))})
    print(f"{lang} article check ({'/'.join(dets)} + noun): agrees {_share(outcome['agrees'], decided)} "
          f"of the single-gender readings; ambiguous {outcome['ambiguous']}, unknown {outcome['unknown']}")


def cyrillic_coverage(lang: str, lines: list[str], what: str) -> None:
    nouns = single = 0
    lexicon = lexicon_for(lang)
    for line in lines:
        for word in regex.findall(r"\p{Cyrillic}+(?:['’]\p{Cyrillic}+)?", line):
            if not lexicon.is_noun(word):
                continue
            nouns += 1
            single += gender_of(lang, word) is not None
    print(f"{lang} tokens of {what} whose likeliest reading is a noun: one gender {_share(single, nouns)}")


def speed() -> None:
    words = {"de": ["Armee", "Bundesregierung", "Verbände", "Xyzkommission", "weg"],
             "fr": ["l'armée", "gouvernements", "Commission", "élève", "xyzzy"],
             "es": ["gobierno", "empresas", "Gobierno", "policía", "xyzzy"],
             "ru": ["Армия", "правительства", "суда", "заявил", "сирота"],
             "uk": ["армія", "уряду", "Міністерства", "заявив", "колега"]}
    for lang, sample in words.items():
        noun_gender._table.cache_clear()
        start = time.perf_counter()
        lexicon = lexicon_for(lang)
        loaded = time.perf_counter() - start
        runs = 2000
        start = time.perf_counter()
        for _ in range(runs):
            for word in sample:
                lexicon.read(word)
        first = (time.perf_counter() - start) / (runs * len(sample)) * 1e6
        start = time.perf_counter()
        for _ in range(runs):
            for word in sample:
                gender_of(lang, word)
        cached = (time.perf_counter() - start) / (runs * len(sample)) * 1e6
        size = f", {len(lexicon)} forms" if hasattr(lexicon, "__len__") else ""
        print(f"{lang}: load {loaded:.2f} s{size}; lookup {first:.1f} µs uncached, "
              f"{cached:.2f} µs cached (gender_of)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--realdata", type=Path, default=Path("/work/shared/realdata/wmt21"))
    args = parser.parse_args()
    speed()
    german_coverage(_lines(args.realdata / "en-de", "*.ref*"))
    french_coverage(_lines(args.realdata / "de-fr", "*ref*"))
    cyrillic_coverage("ru", _lines(args.realdata / "en-ru", "*.ref*"), "the en-ru references")
    cyrillic_coverage("uk", _lines(args.realdata.parent / "wmt22" / "uk-en", "*.src*"),
                      "the wmt22 uk-en sources")


if __name__ == "__main__":
    main()
