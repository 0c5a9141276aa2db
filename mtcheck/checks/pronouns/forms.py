"""Pronoun forms: which replacement keeps the sentence grammatical and the case."""

from __future__ import annotations

from mtcheck.checks.pronouns.lexicon import (
    CLAUSE_JOINERS, DETERMINERS, PREPOSITIONS, PRONOUNS, SUBORDINATORS,
)

# Words after "her" that show it is an object ("pick her up", "told her that").
_AFTER_OBJECT = (
    PREPOSITIONS | SUBORDINATORS | CLAUSE_JOINERS | DETERMINERS | PRONOUNS
    | frozenset("""up down out off away back again there here too either as also not never
    now then already still yet today yesterday tomorrow well very so""".split())
)

_NEUTER = {
    "he": "it", "him": "it", "his": "its", "himself": "itself",
    "she": "it", "hers": "its", "herself": "itself",
}
_FIRST = {"he": "I", "she": "I", "him": "me", "his": "my", "hers": "mine",
          "himself": "myself", "herself": "myself"}
_SWAP = {
    "he": "she", "she": "he", "him": "her", "hers": "his",
    "himself": "herself", "herself": "himself",
}


def match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def her_is_possessive(following: str | None) -> bool:
    """'her' followed by a noun or adjective is a determiner ('her progress')."""
    if following is None or not following[:1].isalnum():
        return False
    return following.lower() not in _AFTER_OBJECT


def his_is_independent(following: str | None) -> bool:
    """'his' with no noun after it stands alone ('the choice was his')."""
    return following is None or not following[:1].isalnum() or following.lower() in _AFTER_OBJECT


def neuter(pronoun: str, following: str | None) -> str:
    low = pronoun.lower()
    if low == "her":
        word = "its" if her_is_possessive(following) else "it"
    else:
        word = _NEUTER[low]
    return match_case(pronoun, word)


def first_person(pronoun: str, following: str | None) -> str:
    """The first-person form in the same slot: a dropped "I" read as "she"."""
    low = pronoun.lower()
    if low == "her":
        word = "my" if her_is_possessive(following) else "me"
    elif low == "his" and his_is_independent(following):
        word = "mine"
    else:
        word = _FIRST[low]
    return word if word == "I" else match_case(pronoun, word)


def swapped(pronoun: str, following: str | None) -> str:
    low = pronoun.lower()
    if low == "her":
        word = "his" if her_is_possessive(following) else "him"
    elif low == "his":
        word = "hers" if his_is_independent(following) else "her"
    else:
        word = _SWAP[low]
    return match_case(pronoun, word)


def gender_of(pronoun: str) -> str:
    return "male" if pronoun.lower() in ("he", "him", "his", "himself") else "female"


def is_possessive(pronoun: str, following: str | None) -> bool:
    low = pronoun.lower()
    return low in ("his", "hers") or (low == "her" and her_is_possessive(following))
