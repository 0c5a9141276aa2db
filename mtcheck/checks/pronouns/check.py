"""Gendered pronouns for institutions and things, and pronouns of the wrong gender.

The linguistics lives in the other modules of this package (chunker, lexicons,
resolver); this module declares the rules and turns the resolver's decisions into
hits. English targets only: other targets yield nothing until a language pack provides
their lexicon (``data/pronouns/<lang>.yaml``) and pronoun forms.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator

from mtcheck.checks.base import Family, Hit
from mtcheck.config import RunConfig
from mtcheck.datafiles import data_path
from mtcheck.document import Document
from mtcheck.checks.pronouns import forms
from mtcheck.checks.pronouns.calibration import Calibration, load_calibration, regime_of
from mtcheck.checks.pronouns.decision import PronounDecision
from mtcheck.checks.pronouns.evidence import SOURCE_GENDER, SPURIOUS, Evidence, gather, rule_for
from mtcheck.checks.pronouns.lexicon import load_lexicon
from mtcheck.checks.pronouns.resolver import (
    INANIMATE, INSTITUTION, MISMATCH, PronounData, resolve_pronouns,
)
from mtcheck.checks.pronouns.source_evidence import DROPPED_I
from mtcheck.checks.pronouns.source_note import source_note
from mtcheck.checks.pronouns.tokens import following_token
from mtcheck.checks.pronouns.agreement import AGREEMENT, check_agreement, load_agreement
from mtcheck.rules import rule
from mtcheck.signature import short_hash

INSTITUTION_RULE = rule(INSTITUTION)
INANIMATE_RULE = rule(INANIMATE)
MISMATCH_RULE = rule(MISMATCH)
SOURCE_GENDER_RULE = rule(SOURCE_GENDER)
NO_REFERENT_RULE = rule(SPURIOUS)
AGREEMENT_RULE = rule(AGREEMENT)


def load(config: RunConfig) -> PronounData:
    lexicon = load_lexicon()
    pack = _load_style_guide(config)
    calibration = load_calibration("rules")
    if config.pronoun_threshold is not None:
        calibration = replace(calibration, threshold=config.pronoun_threshold, override=True)
    digest = short_hash(sorted(lexicon.nouns) + sorted(lexicon.first_names) + calibration.fingerprint(), 8)
    return PronounData(lexicon, pack, {"pronouns": f"en#{digest}@{calibration.cut()}"},
                       calibration, load_agreement(config, lexicon))


def _load_style_guide(config: RunConfig) -> Any:
    # The style guide supplies gazetteer persons (with gender), organisations and places.
    try:
        from mtcheck.style_guides import load_style_guide
    except ImportError:  # the names family is not installed in this build
        return None
    if config.style == "default" and not config.styles and not data_path("styles/default").is_dir():
        return None  # a build without the built-in guide: no gazetteer evidence
    return load_style_guide(config)


def check(doc: Document, data: PronounData) -> Iterator[Hit]:
    # Gendered targets (pronouns.yaml in their pack); an English target costs one lookup.
    yield from check_agreement(doc, data.agreement)
    calibration = data.calibration or load_calibration("rules")
    for d in resolve_pronouns(doc, data):
        hit = decide(doc, d, gather(doc, d), calibration)
        if hit is not None:
            yield hit


def decide(doc: Document, d: PronounDecision, ev: Evidence, calibration: Calibration,
           extra: dict[str, float] | None = None, note: str | None = None) -> Hit | None:
    """The finding for one pronoun, if the combined evidence reaches the threshold."""
    features = dict(ev.features, **(extra or {}))
    confidence = calibration.confidence(features)
    if confidence < calibration.threshold_for(features):
        return None
    if d.rule is None and not extra and regime_of(features) != "source":
        # Without source evidence or a model, a pronoun the resolution left alone
        # has nothing new to weigh: the rules decide alone, precision first.
        return None
    rule = rule_for(d, ev)
    following = following_token(doc, d.end)
    dropped_i = ev.source is not None and ev.source.kind == DROPPED_I
    if rule in (MISMATCH, SOURCE_GENDER):
        suggestion: str | None = forms.swapped(d.text, following)
    elif rule == SPURIOUS:
        suggestion = forms.first_person(d.text, following) if dropped_i else None
    else:
        suggestion = forms.neuter(d.text, following)
    # de/fr/es sources: a clause for the message only (uk/ru evidence has its own note)
    src_note = source_note(doc, d.start, d.text, forms.gender_of(d.text)) if ev.source is None else None
    return Hit(rule, d.start, d.end,
               _message(d, ev, rule, suggestion, calibration, features, note, src_note),
               suggestion, confidence)


_FEATURE_WORDS = {
    "src_inanimate_antecedent": "the source pronoun's antecedent is inanimate",
    "src_dropped_first_person": "the source verb belongs to a dropped 'I'",
    "src_no_source_pronoun": "the source has no such pronoun",
    "src_subjectless_verb": "the source verb has no subject of its own",
    "src_idiom": "the source pronoun is part of a fixed phrase",
    "src_other_gender_verb": "the source verb has the other gender",
    "src_other_gender_no_person": "the source verb has the other gender and no one of this gender is named",
    "rule_institution": "the antecedent is an institution",
    "rule_inanimate": "the antecedent is a thing",
    "top_animal": "the antecedent is an animal",
    "wn_group": "WordNet: the antecedent names a group or organisation",
    "near_group": "an organisation is in reach",
    "near_thing": "a thing is in reach",
    "first_person_near": "the text around it is first person",
    "lm_it_prefers": "the language model prefers 'it'",
    "lm_first_prefers": "the language model prefers the first person",
    "lm_it": "the language model's margin for 'it'",
    "lm_first": "the language model's margin for the first person",
}


def _message(d: PronounDecision, ev: Evidence, rule: str, suggestion: str | None,
             calibration: Calibration, features: dict[str, float], note: str | None,
             src_note: str | None = None) -> str:
    if d.rule == rule and d.message:
        head = d.message
    elif rule == SOURCE_GENDER:
        head = f"'{d.text}' has the wrong gender for its subject in the source: use '{suggestion}'."
    elif rule == SPURIOUS:
        where = "in its quotation" if d.in_quote else "here"
        head = f"'{d.text}' has no third-person referent {where}"
        head += f": use '{suggestion}'." if suggestion else "."
    else:
        what = d.antecedent.text if d.antecedent is not None else "a thing"
        kind = "an institution or organisation" if rule == INSTITUTION else "a thing, not a person"
        cls = f" (WordNet: {ev.head_class})" if ev.head_class else ""
        head = f"'{d.text}' seems to refer to '{what}'{cls}, {kind}: use '{suggestion}'."
    parts = [head]
    if ev.source is not None:
        parts.append(ev.source.note[:1].upper() + ev.source.note[1:] + ".")
    elif src_note:
        parts.append(src_note[:1].upper() + src_note[1:] + ".")
    first_person = ("first_person_near", "lm_first", "lm_first_prefers", "src_dropped_first_person")
    reasons = [_FEATURE_WORDS[name] for name, weight in calibration.strongest(features, 4)
               if weight > 0 and name in _FEATURE_WORDS
               and (rule == SPURIOUS or name not in first_person)]
    if reasons:
        parts.append("Evidence: " + "; ".join(dict.fromkeys(reasons)) + ".")
    if note:
        parts.append(note + ".")
    return " ".join(parts)


FAMILY = Family(
    name="pronoun",
    rules=(INSTITUTION_RULE, INANIMATE_RULE, NO_REFERENT_RULE, MISMATCH_RULE, SOURCE_GENDER_RULE,
           AGREEMENT_RULE),
    check=check,
    load=load,
)
