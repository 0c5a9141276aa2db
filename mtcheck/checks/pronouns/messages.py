"""The message a fired pronoun finding carries: the antecedent, the evidence, the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtcheck.checks.pronouns.lexicon import GENDERED_SOURCE_LANGUAGES

if TYPE_CHECKING:
    from mtcheck.checks.pronouns.mentions import Mention
    from mtcheck.checks.pronouns.resolver import Candidate

INSTITUTION = "pronoun.institution"
INANIMATE = "pronoun.inanimate"
MISMATCH = "pronoun.gender-mismatch"
SOURCE_GENDER = "pronoun.source-gender"

_KIND_WORDS = {INSTITUTION: "an institution or place", INANIMATE: "a thing, not a person"}


def message(p: Mention, top: Candidate, rule: str, suggestion: str, src: str | None,
             root: tuple[str, int]) -> str:
    where = f"'{root[0]}' (sentence {root[1] + 1}"
    why = [e for e in top.evidence if e not in ("she-allowed", "pronoun")]
    if top.evidence and top.evidence[0] == "pronoun":
        why = [f"through '{top.text}' in sentence {top.sentence + 1}"]
    if why:
        where += f"; {why[0]}"
    where += ")"
    if rule == MISMATCH:
        kind = "a man" if top.gender == "male" else "a woman"
    else:
        kind = _KIND_WORDS[rule]
    text = f"'{p.text}' most likely refers to {where}, {kind}: use '{suggestion}'."
    if src in GENDERED_SOURCE_LANGUAGES and rule != MISMATCH:
        text += (f" The source language ({src}) gives such nouns grammatical gender, which a"
                 " literal translation carries over.")
    elif src:
        text += f" Source language: {src}."
    return text
