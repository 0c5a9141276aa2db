"""Typing fallbacks for nouns the lexicon does not list.

The head-noun lexicon cannot list every English noun, and an untyped head used to
block every finding near it. A lower-case common noun is a person only if it looks
like a person noun (agent suffixes such as -er, -ist, -ian, -ent); otherwise it is a
thing. A capitalised word at the start of a sentence is a plural common noun
("Critics", "Officials") when its singular is a frequent English word and no first
name: capitalisation there says nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mtcheck.checks.pronouns.lexicon import Lexicon

# Endings of person nouns (-ment is excluded: agreement, statement are things).
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eur", "ed", "ier", "yer",
                   "man", "woman", "ling", "arch", "crat", "phile", "ic", "ar")
_THING_ENDINGS = ("ment", "tion", "sion", "ness", "ity", "ship", "ism", "ure", "ance", "ence",
                  "age", "ery", "ing", "ics", "dom", "hood", "ogy", "ology", "cy", "ty")
# Nominalised adjectives that name people ("the accused", "the young").
_ADJECTIVE_PEOPLE = frozenset("young old poor rich sick dead accused deceased elderly".split())
_FREQUENT = 3.0  # wordfreq Zipf: a common English word


def common_noun_is_thing(low: str) -> bool:
    """A lower-case head outside the lexicon: a thing unless it may name a person."""
    if not low.isalpha() or len(low) < 3 or low in _ADJECTIVE_PEOPLE:
        return False
    if low.endswith(_THING_ENDINGS):
        return True
    return not low.endswith(_PERSON_ENDINGS)


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word, "en"))


def is_rare_word(low: str) -> bool:
    """Not a common English word: at a sentence start, more likely a name."""
    return low.isalpha() and _zipf(low) < _FREQUENT


def initial_plural(low: str, first_names: dict[str, str] | frozenset[str]) -> bool:
    """'Critics' opening a sentence: a plural common noun, not a name."""
    if len(low) < 5 or not low.isalpha() or not low.endswith("s") or low.endswith(("ss", "us", "is")):
        return False
    singular = low[:-3] + "y" if low.endswith("ies") else low[:-1]
    if singular in first_names:
        return False
    return _zipf(singular) >= _FREQUENT


def compound_institution(low: str, lex: Lexicon) -> bool:
    """A one-word name closed by an institution noun, as German and Slavic names are
    built ("Bundesbank", "Sberbank", "Europol" does not count: 'pol' is no noun)."""
    for n in range(4, len(low) - 2):
        noun = lex.nouns.get(low[-n:])
        if noun is not None and noun.kind == "institution" and not noun.plural:
            return True
    return False
