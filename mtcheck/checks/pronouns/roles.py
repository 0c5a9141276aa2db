"""Grammatical roles of a mention, read from the words around it (no tagger)."""

from __future__ import annotations

from typing import Sequence

from mtcheck.checks.pronouns.tokens import Tok
from mtcheck.checks.pronouns.lexicon import (
    ADVERBS, CLAUSE_JOINERS, DAYS, MONTHS, POSSESSIVE_DETS, PREPOSITIONS, SUBORDINATORS, Lexicon,
)

# How salient each grammatical role makes a mention (before distance decay).
ROLE_WEIGHT = {
    "report": 1.0, "subject": 0.9, "source": 0.6, "sub_subject": 0.7, "object": 0.6,
    "pobject": 0.55, "oblique": 0.45, "embedded": 0.35, "dateline": 0.05,
}
_DASHES = frozenset("-–—")
_DATELINE_WORDS = frozenset(",()/.")
_VERB_PREPOSITIONS = frozenset("at for about with on into after over to from".split())
_BOUNDARY_PUNCT = frozenset(",;:()—–-\"“”«»„[]")
# "He was found", "it is said": a passive subject is not the one who reports.
_PASSIVE = frozenset("is was are were been be being".split())
_AUX = frozenset("has have had is was are were will would also has been can could may might".split())


def mention_role(toks: Sequence[Tok], a: int, b: int, lex: Lexicon) -> str:
    n = len(toks)
    if a == 0 and _is_dateline(toks, b):
        return "dateline"
    k = b
    while k < n and k - b < 4 and (toks[k].low in _AUX or toks[k].low in ADVERBS
                                   or toks[k].low in DAYS or toks[k].low == "on"):
        k += 1
    passive = any(toks[x].low in _PASSIVE for x in range(b, k))
    if k < n and toks[k].low in lex.reporting and not toks[k].low.endswith("ing") \
            and (k > b or toks[k].low not in lex.reporting_base) and not passive:
        return "report"
    prev = toks[a - 1] if a > 0 else None
    if prev is not None and prev.low in POSSESSIVE_DETS and a >= 1:
        # "that her foundation has ...": the phrase's role is read before its possessor
        return mention_role(toks, a - 1, b, lex)
    if prev is not None:
        plow = prev.low
        before = toks[a - 2] if a > 1 else None
        if plow in lex.reporting and (before is None or not before.word):
            return "report"  # '"...," said the ministry'
        if plow == "to" and before is not None and before.low == "according":
            return "source"  # a speaker, but not the subject of the clause it opens
    if prev is None or prev.text in _BOUNDARY_PUNCT or prev.low in CLAUSE_JOINERS:
        after = toks[b].low if b < n else "."
        couple = after == "and" and b + 1 < n and toks[b + 1].low in POSSESSIVE_DETS
        if prev is not None and prev.text == "," and after in (",", "and", "or", ")", ".", ";") \
                and not couple:  # "..., the minister and his wife visited": a subject
            return "oblique"  # an item of a list: "Kharkiv, Zaporizhia and Sloviansk"
        if prev is not None and prev.low in ("and", "or") and a > 1 and toks[a - 2].word \
                and (after in (".", ",", ";", ")") or after in PREPOSITIONS):
            return "object"  # a second conjunct, not a new clause: "the sentence and the order."
        return "subject"
    plow = prev.low
    if plow == "as" and toks[a].low in ("a", "an"):
        return "oblique"  # a predicative: "presents itself as an alternative"
    if plow in SUBORDINATORS:
        return "sub_subject"
    if plow == "of" or prev.poss:
        return "embedded"
    if plow in PREPOSITIONS:
        verb = toks[a - 2] if a > 1 else None
        if plow in _VERB_PREPOSITIONS and verb is not None and _verb_like(verb.low, lex):
            return "pobject"  # the object of a prepositional verb: "looked at the house"
        return "oblique"
    return "object"


def _is_dateline(toks: Sequence[Tok], b: int) -> bool:
    """A place opening a news item before a dash: "HANOI, May 3 (VNA) - The minister
    and his wife ...". It names where the story was filed, not who acts in it."""
    for k in range(b, min(len(toks), b + 10)):
        t = toks[k]
        if t.text in _DASHES:
            return k > b or t.text != "-"
        if not (t.text in _DATELINE_WORDS or t.cap or t.low in MONTHS or t.low[:1].isdigit()):
            return False
    return False


def _verb_like(low: str, lex: Lexicon) -> bool:
    return lex.is_verb(low) or (low.endswith("ed") and len(low) > 4)
