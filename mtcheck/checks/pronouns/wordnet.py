"""Open-world noun typing from WordNet 3.0 noun supersenses.

Hand-kept lists cannot cover the parcels, washing machines, ticks, virus strains and
films that real text calls "he" or "she". WordNet files every noun sense under a
supersense (person, group, artifact, food, animal, plant, act, event, ...); the table
``data/lexicons/en_noun_supersenses.tsv.gz`` (built by
``scripts/build_noun_supersenses.py`` from Debian's wordnet-base, licence beside it)
lists each lemma's senses in frequency order with their tag counts. A noun's class is
the weighted vote of its senses, so "house" is a thing and "minister" a person.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from mtcheck.checks.pronouns.lexicon import hyphen_head
from mtcheck.datafiles import data_path

TABLE = "lexicons/en_noun_supersenses.tsv.gz"
PERSON, ANIMAL, GROUP, THING = "person", "animal", "group", "thing"
# Everything else (artifact, food, plant, act, event, communication, cognition,
# location, state, ...) is a thing for a pronoun: English calls it "it".
_CLASS = {"person": PERSON, "animal": ANIMAL, "group": GROUP}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    path = data_path(TABLE)
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            lemma, _, senses = line.rstrip("\n").partition("\t")
            out[lemma] = senses
    return out


def _singulars(low: str) -> list[str]:
    out = [low]
    if low.endswith("ies") and len(low) > 4:
        out.append(low[:-3] + "y")
    if low.endswith("es") and len(low) > 3:
        out.append(low[:-2])
    if low.endswith("s") and len(low) > 3:
        out.append(low[:-1])
    return out


def _senses(table: dict[str, str], low: str) -> str | None:
    for form in _singulars(low):
        senses = table.get(form)
        if senses:
            return senses
    return None


@lru_cache(maxsize=32768)
def noun_class(word: str) -> tuple[str, float] | None:
    """(class, share of the sense weight behind it) for an English noun, or None."""
    table = _table()
    low = word.lower().replace("’", "'")
    senses = _senses(table, low)
    if senses is None and "-" in low.strip("-"):
        # A hyphenated compound WordNet lacks takes its head's class: "horse-pony",
        # "ex-minister", "T-shirt".
        senses = _senses(table, hyphen_head(low))
    if senses is None:
        return None
    weights: dict[str, float] = {}
    for rank, item in enumerate(senses.split()):
        supersense, _, count = item.rpartition(":")
        cls = _CLASS.get(supersense, THING)
        # Tag counts are thin below the first senses; the rank keeps order informative.
        weights[cls] = weights.get(cls, 0.0) + int(count) + 1.0 / (rank + 1)
    total = sum(weights.values())
    best = max(weights, key=lambda k: weights[k])
    return best, weights[best] / total


def person_share(word: str) -> float:
    found = noun_class(word)
    if found is None:
        return 0.0
    cls, share = found
    return share if cls == PERSON else 0.0
