"""Gendered-pronoun resolution for the ``pronoun`` rule family.

``resolve_pronouns(doc, data)`` is the public hook: one :class:`PronounDecision` per
gendered pronoun, with candidates, evidence, the chosen antecedent and a confidence.
"""

from mtcheck.pronouns.resolver import (
    INANIMATE, INSTITUTION, MISMATCH, Candidate, PronounData, PronounDecision, resolve_pronouns,
)

__all__ = [
    "INANIMATE", "INSTITUTION", "MISMATCH", "Candidate", "PronounData", "PronounDecision",
    "resolve_pronouns",
]
