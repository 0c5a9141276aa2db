"""Clause-level salience inside one sentence (no parser: punctuation and joiners).

Two configurations make the subject of a clause in the pronoun's own sentence the
most likely antecedent, ahead of any subject of the previous sentence:

* a possessive determiner or a reflexive pronoun in a clause refers first to that clause's
  subject: "He added that the Kingdom would continue *her* efforts" (the Kingdom);
* a subject pronoun opening a coordinated clause continues the subject of the clause
  just before it: "... that her foundation had sent 300 drones, and *he* plans" (the
  foundation).

Only the ranking changes: a compatible person still keeps the pronoun silent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from mtcheck.checks.pronouns.mentions import Mention

_SUBJECT_ROLES = ("subject", "sub_subject", "report")
# What ends a clause between a subject and a possessive that belongs to it.
_BOUNDARY = re.compile(r"[,;:()\"“”«»]|\b(?:and|but|or|that|which|who|whom|while|when|because|if|"
                       r"although|whereas|after|before|since|until)\b", re.IGNORECASE)
_STANCE = re.compile(r",\s*(?:for|on|from|in)\s+(?:his|her|its|their)\s+(?:part|side)\s*,",
                     re.IGNORECASE)
_STANCE_OPEN = re.compile(r"\s*,\s*(?:for|on|from|in)\s*", re.IGNORECASE)
_COORDINATION = re.compile(r"(?:,\s*(?:and|but|while|whereas)|;)\s*$", re.IGNORECASE)


def clause_subject(p: Mention, mentions: Sequence[Mention], text: str,
                   possessive: bool) -> Mention | None:
    """The mention a clause-level reading ranks first for pronoun ``p``, or None."""
    low = p.text.lower()
    before = [m for m in mentions if m.end <= p.start and m.quote == p.quote and m is not p
              and m.sentence == p.sentence]
    if possessive or low in ("himself", "herself"):
        first_start = before[0].start if before else p.start
        stances = [h.span() for h in _STANCE.finditer(text, first_start, p.start)] \
            if "part" in text[first_start:p.start] or "side" in text[first_start:p.start] else []
        for m in reversed(before):
            if any(a <= m.start < b for a, b in stances):
                continue  # the 'her' of "for her part" is the subject's own
            # "The league, for her part, expressed her concern": a stance phrase set
            # off by commas belongs to the subject it follows.
            between = _STANCE.sub(" ", text[m.end:p.start])
            if _STANCE_OPEN.fullmatch(between):
                return m if m.role in _SUBJECT_ROLES and not m.pronoun else None
            if _BOUNDARY.search(between):
                return None
            if m.role in _SUBJECT_ROLES and (not m.pronoun or m.text.lower() in ("he", "she")):
                return m  # a subject pronoun is its clause's subject too ("but she keeps her call")
        return None
    if low not in ("he", "she"):
        return None
    sentence_start = before[0].start if before else p.start
    joiner = _COORDINATION.search(text, sentence_start, p.start)
    if joiner is None:
        return None
    if any(m.pronoun and m.text.lower() == low and m.role in ("subject", "report") for m in before):
        return None  # "She said that ..., and she added": parallel subjects
    for m in reversed(before):
        if m.end <= joiner.start() and m.role in _SUBJECT_ROLES:
            return None if m.pronoun else m
    return None


def stance_bound(p: Mention, subject: Mention, text: str) -> bool:
    """The pronoun sits in, or right after, a stance phrase of its subject ("The league,
    for her part, expressed her ..."): no one else can be meant."""
    between = text[subject.end:p.start]
    return subject.sentence == p.sentence and (
        _STANCE_OPEN.fullmatch(between) is not None or _STANCE.search(between) is not None)
