"""Source-side evidence from Russian/Ukrainian morphology (pymorphy3).

A literal "she" for an army usually comes from a feminine source noun (армія,
femn, inanimate). For the source text aligned with the pronoun we list the nouns
whose grammatical gender matches the pronoun: an inanimate one (or an
organisation) supports "a literal gender", an animate one (a person, an animal)
speaks against it. pymorphy3 is optional; without it there is no evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtcheck.morphology import morph_analyzer

LANGS = ("ru", "uk")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_GENDER = {"male": "masc", "female": "femn"}
_NAMES = {"masc": "masculine", "femn": "feminine"}
_FUNCTION = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ"}


@dataclass(frozen=True)
class MorphEvidence:
    score: float  # > 0: the source explains the pronoun as grammatical gender
    note: str  # for the finding message: "армія = feminine, inanimate: a literal 'she'"


def source_gender_evidence(source: str, src_lang: str | None, pronoun: str, gender: str) -> MorphEvidence | None:
    """``gender`` is the English pronoun's: "male" or "female"."""
    if src_lang not in LANGS or not source:
        return None
    morph = morph_analyzer(src_lang)
    if morph is None:
        return None
    want = _GENDER[gender]
    inanimate: list[str] = []
    animate: list[str] = []
    for match in _WORD_RE.finditer(source):
        word = match.group()
        parses = morph.parse(word)
        parse = parses[0]
        tag = parse.tag
        grams = set(str(tag).replace(" ", ",").split(","))  # 'in tag' rejects grammemes a dictionary lacks
        # Function words with a rare noun reading ("про") are not antecedents.
        if any(p.tag.POS in _FUNCTION for p in parses[:3]):
            continue
        if tag.POS != "NOUN" or tag.gender != want or grams & {"Surn", "Name", "Patr"}:
            continue
        target = inanimate if grams & {"inan", "Orgn"} else animate
        if parse.normal_form not in target:
            target.append(parse.normal_form)
    if inanimate and not animate:
        return MorphEvidence(1.0, f"source {', '.join(inanimate[:3])} = {_NAMES[want]}, inanimate: "
                                  f"a literal '{pronoun.lower()}'")
    if animate and not inanimate:
        return MorphEvidence(-1.0, f"source {', '.join(animate[:3])} = {_NAMES[want]}, animate")
    if animate and inanimate:
        return MorphEvidence(0.0, f"source has {_NAMES[want]} nouns both inanimate "
                                  f"({', '.join(inanimate[:2])}) and animate ({', '.join(animate[:2])})")
    return MorphEvidence(-0.5, f"no {_NAMES[want]} noun in the source")
