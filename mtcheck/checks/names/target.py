"""What the target's language changes for names outside the guide.

Capitalisation marks a name in English, French, Spanish, Italian or Portuguese, except
at a sentence start; in German it marks every noun. So a word counts as an ordinary
word by its frequency in English and, in German, also in German ("Flughafen",
"Menschen"); after an elided article by the word's frequency in the target ("L’année").
Names are frequent in their own language ("Muñoz", "Lucía", "Nicolò"), so other targets
do not judge them by their own language's frequencies. French may leave the accent off a capital ("Etats" for "États"):
a difference there is typography, no second spelling. The language lists are data
(``capitalised-nouns``, ``capital-accents-optional`` in ``data/names/inflection.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from mtcheck.name_inflection import load_inflection

Zipf = Callable[[str, str], float]
_ELISION = re.compile(r"['’ʼ]")


def _elided(word: str, lang: str, zipf_of: Zipf) -> float:
    tail = _ELISION.split(word, maxsplit=1)[-1]
    return zipf_of(tail, lang) if tail != word else 0.0


def word_zipf(word: str, lang: str, zipf_of: Zipf) -> float:
    """How common ``word`` (lower case) is as an ordinary word in a target in ``lang``."""
    zipf = zipf_of(word, "en")
    if lang == "en":
        return zipf
    if lang in load_inflection().capitalised_nouns:
        zipf = max(zipf, zipf_of(word, lang))
    return max(zipf, _elided(word, lang, zipf_of))


def _strip_accents(letter: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


def typographic_pair(one: str, other: str, lang: str) -> bool:
    """Two spellings that differ only in the accent of a capital initial, in a language
    that may leave it off ("Etats"/"États")."""
    if lang not in load_inflection().capital_accents_optional or one[1:] != other[1:] or one[:1] == other[:1]:
        return False
    return one[:1].isupper() and other[:1].isupper() and _strip_accents(one[:1]) == _strip_accents(other[:1])
