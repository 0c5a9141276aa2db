"""The evidence about one gendered pronoun, as named features for the combination.

Three sources inform each pronoun:

* the English resolution (:mod:`mtcheck.checks.pronouns.resolver`): which rule it would fire,
  or why it stayed silent; the type of the most salient antecedent; whether a person
  of a compatible gender is in reach; a first-person narrator nearby;
* WordNet's class of the antecedent's head noun (:mod:`mtcheck.checks.pronouns.wordnet`);
* the source (:mod:`mtcheck.checks.pronouns.source_evidence`): the source pronoun's
  antecedent and its animacy, or the lack of a source pronoun.

Features are 0/1 (or a share in [0, 1]) and named, so the calibrated weights in
``data/pronouns/calibration.yaml`` read as a table and a finding can say which
evidence carried it. ``mtcheck.compare.lm_rescore`` adds the language model's margin
as one more feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtcheck.document import Document
from mtcheck.checks.pronouns import forms, source_evidence, wordnet
from mtcheck.checks.pronouns.decision import Candidate, PronounDecision
from mtcheck.checks.pronouns.lexicon import GENDERED
from mtcheck.checks.pronouns.messages import INANIMATE, INSTITUTION, MISMATCH, SOURCE_GENDER
from mtcheck.checks.pronouns.tokens import following_token

SPURIOUS = "pronoun.no-referent"
_MALE = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b")
_FEMALE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)\b")
_REASONS = {
    "a compatible person is salient": "person_salient",
    "a person of matching gender is in the last two sentences": "person_salient",
    "a person of this gender appears earlier in the text": "person_salient",
    "another person may be meant": "person_salient",
    "a first-person narrator intervenes": "person_salient",
    "a quoted speaker": "person_salient",
    "no antecedent in reach": "no_antecedent",
    "the most salient antecedent is of unknown type": "unknown_type",
    "the most salient antecedent is a noun outside the lexicon": "unknown_type",
}
TOP_TYPES = ("person", "institution", "thing", "animal", "name", "unknown", "generic")
SOURCE_KINDS = (source_evidence.INANIMATE, source_evidence.ANIMATE, source_evidence.MIXED,
                source_evidence.NO_NOUN, source_evidence.CHAIN, source_evidence.DROPPED_I,
                source_evidence.NO_PRONOUN, source_evidence.SUBJECTLESS, source_evidence.IDIOM)


@dataclass(frozen=True)
class Evidence:
    features: dict[str, float]
    source: source_evidence.SourceEvidence | None
    head_class: str | None  # WordNet class of the antecedent's head noun

    def names(self) -> list[str]:
        return [k for k, v in self.features.items() if v]


def _head(c: Candidate) -> str:
    words = c.text.replace("’", "'").split()
    return words[-1].removesuffix("'s") if words else c.text


def gather(doc: Document, d: PronounDecision) -> Evidence:
    g = forms.gender_of(d.text)
    f: dict[str, float] = {}
    if d.rule is not None:
        f[f"rule_{d.rule.split('.')[-1].replace('-', '_')}"] = 1.0
    else:
        f["silent_" + _REASONS.get(d.reason, "other")] = 1.0
    top = d.antecedent
    head_class = None
    if top is not None:
        f[f"top_{top.type if top.type in TOP_TYPES else 'unknown'}"] = 1.0
        if top.distance == 0:
            f["top_same_sentence"] = 1.0
        # A capitalised head is a name WordNet cannot type ("Peter"); "The pony" opening
        # a sentence is a common noun.
        found = wordnet.noun_class(_head(top)) if not _head(top)[:1].isupper() or top.type == "thing" \
            else None
        if found is not None:
            head_class = found[0]
            f[f"wn_{head_class}"] = round(found[1], 3)
    for c in d.candidates:
        if c.distance > 1 or c.type in ("person", "name", "generic") or _head(c)[:1].isupper():
            continue
        found = wordnet.noun_class(_head(c))
        if found is not None and found[1] >= 0.6:
            f[f"near_{found[0]}"] = 1.0
    persons = [c for c in d.candidates if c.type in ("person", "name") and c.gender in (None, g)]
    if any(c.distance == 0 and c.start < d.start for c in persons):
        f["person_same_sentence"] = 1.0
    if any(c.distance == 1 for c in persons):
        f["person_previous_sentence"] = 1.0
    if any(c.type == "person" and c.gender is not None and c.gender != g for c in d.candidates):
        f["person_other_gender"] = 1.0
    sentences = doc.sentences
    if sentences:
        first = sentences[max(0, d.sentence - 1)].start
        if _FIRST_PERSON.search(doc.text, first, sentences[min(d.sentence, len(sentences) - 1)].end):
            f["first_person_near"] = 1.0
    if d.in_quote:
        f["in_quote"] = 1.0
    if sentences and d.sentence < len(sentences):
        back = sentences[max(0, d.sentence - 3)].start
        same = _MALE if g == "male" else _FEMALE
        if same.search(doc.text, back, d.start):
            f["same_gender_pronoun_before"] = 1.0
    if d.start < 3 or doc.text[:d.start].rstrip()[-1:] in ("", "\n", ".", "!", "?", "\"", "”"):
        f["sentence_initial"] = 1.0
    f[f"slot_{_slot(doc, d)}"] = 1.0
    source = source_evidence.source_evidence(doc, d.start, d.text, g) if g else None
    if source is not None:
        f["src_" + source.kind.replace("-", "_")] = 1.0
        if source.name:
            f["src_personal_name"] = 1.0
        # Two independent readings that agree are worth more than the sum of either.
        # On the dev lines (every line where mtcheck reports or nearly reports), an
        # English rule that fired beside a source showing a literal gender was right 12
        # times in 12, and a dropped 'I' where the English has no salient person 8 in 9;
        # either reading alone was right far less often.
        if source.supports_literal_gender and d.rule is not None:
            f["rule_agrees_with_source"] = 1.0
        if source.kind in (source_evidence.DROPPED_I, source_evidence.IDIOM) \
                and d.reason != "a compatible person is salient":
            f["src_first_person_no_person"] = 1.0
        # A source verb of the other gender where the English names no one of the
        # pronoun's own gender (only a chain of pronouns): "... she is careless. Then
        # he forgets his phone" for "не написала мені".
        if source.kind == source_evidence.OTHER_GENDER and not any(
                c.type in ("person", "name") and c.text.lower() not in GENDERED and c.gender in (None, g)
                for c in d.candidates):
            f["src_other_gender_no_person"] = 1.0
    elif doc.src:
        f["src_unread"] = 1.0
    else:
        f["src_absent"] = 1.0
    return Evidence(f, source, head_class)


def _slot(doc: Document, d: PronounDecision) -> str:
    low = d.text.lower()
    if low in ("he", "she"):
        return "subject"
    if low in ("himself", "herself"):
        return "reflexive"
    if low == "him":
        return "object"
    nxt = following_token(doc, d.end)
    if low == "her":
        return "possessive" if forms.her_is_possessive(nxt) else "object"
    return "possessive"


def rule_for(d: PronounDecision, ev: Evidence) -> str:
    """The rule a combined flag reports under: the rules' own, else by antecedent type.
    A source showing a dropped "I" or an idiom outranks an English thing or institution:
    "returned to Kyiv ... he" with a subjectless повернувся is "I", not "it" (on the dev
    split, all 5 such findings were dropped "I"s). A source verb of the other gender
    makes it ``pronoun.source-gender``: the English-only gender mismatch stays its own
    (preview) rule."""
    src = ev.source
    if src is not None and src.kind == source_evidence.OTHER_GENDER and d.rule in (None, MISMATCH):
        return SOURCE_GENDER  # the source confirms an English mismatch, or finds one
    dropped = src is not None and src.kind in (source_evidence.DROPPED_I, source_evidence.IDIOM)
    if d.rule is not None and not (dropped and d.rule in (INANIMATE, INSTITUTION)):
        return d.rule
    if dropped:
        return SPURIOUS
    top = d.antecedent
    if top is not None and (top.type == "institution" or ev.head_class == wordnet.GROUP):
        return INSTITUTION
    if top is None or ev.features.get("silent_no_antecedent"):
        return SPURIOUS
    return INANIMATE


__all__ = ["Evidence", "gather", "rule_for", "SPURIOUS", "MISMATCH", "SOURCE_GENDER"]
