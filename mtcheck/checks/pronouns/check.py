"""Gendered pronouns for institutions and things, and pronouns of the wrong gender.

The linguistics lives in the other modules of this package (chunker, lexicons,
resolver); this module declares the rules and turns the resolver's decisions into
hits. English targets only: other targets yield nothing until a language pack provides
their lexicon (``data/pronouns/<lang>.yaml``) and pronoun forms.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo, Status
from mtcheck.config import RunConfig
from mtcheck.datafiles import data_path
from mtcheck.document import Document
from mtcheck.findings import Category, Severity
from mtcheck.checks.pronouns import forms
from mtcheck.checks.pronouns.calibration import REGIMES, Calibration, load_calibration, regime_of
from mtcheck.checks.pronouns.decision import PronounDecision
from mtcheck.checks.pronouns.evidence import SPURIOUS, Evidence, gather, rule_for
from mtcheck.checks.pronouns.lexicon import load_lexicon
from mtcheck.checks.pronouns.resolver import (
    INANIMATE, INSTITUTION, MISMATCH, PronounData, resolve_pronouns,
)
from mtcheck.checks.pronouns.source_evidence import DROPPED_I
from mtcheck.checks.pronouns.tokens import following_token
from mtcheck.checks.pronouns.agreement import AGREEMENT, check_agreement, load_agreement
from mtcheck.signature import short_hash

_HOW = """
## How it decides
Each gendered pronoun is resolved, not matched in a window of words: sentences and
quotations are split; noun phrases are chunked and typed by their head noun (lexicons
in `mtcheck/data/pronouns/en.yaml`, the style guide's gazetteer, titles, first names,
and WordNet's noun classes for every other noun); the subject of a reporting verb and
the subject of the previous sentence are the most salient candidates. A pronoun inside
a quotation looks only inside the quotation.

When the record has its source (Ukrainian, Russian), the source pronoun behind the
English one is found and its antecedent resolved by grammatical gender: an inanimate
feminine noun behind "she" is strong evidence of a literal gender, a person's name
strong evidence against it.

The evidence enters one calibrated combination (weights in
`mtcheck/data/pronouns/calibration.yaml`, fitted on labelled real MT); a finding
carries its `confidence` and is reported when it reaches the threshold
(`pronoun-threshold` in the configuration, `--pronoun-threshold`). With `--lm`, a
language model's preference for "it"/"its" (or "I"/"my") over the pronoun as written
is one more piece of evidence.
"""

INSTITUTION_RULE = RuleInfo(
    id=INSTITUTION,
    category=Category.PRONOUN,
    severity=Severity.WARNING,
    summary="He/she/his/her used for an institution, organisation, country or city.",
    explanation="""\
## What it does
Flags a gendered personal pronoun whose antecedent is an institution, organisation,
collective, country or city: "The General Staff counted forty raids. *She* spoke of
damage" (use *It*).

## Why is this bad?
Arabic, Russian, Ukrainian, French, Spanish, German and Hebrew give institutions a
grammatical gender; a literal machine translation carries it into English, where an
army or a ministry is *it*. Readers notice at once; the sentence seems to be about a
person who was never introduced.
""" + _HOW,
    examples=(
        Example("The defence ministry published new figures on Tuesday. She said that the "
                "harvest was safe.", True, text="She", suggestion="It", src_lang="ru"),
        Example("The national bank cut its key rate. He explained that inflation had slowed "
                "in his latest review.", True, text="He", suggestion="It"),
        Example("The national bank cut its key rate. He explained that inflation had slowed "
                "in his latest review.", True, text="his", suggestion="its"),
        Example("The electoral commission said that the count was over. The commission's "
                "chairman said that he was satisfied.", False),
        Example("The army spokeswoman spoke to reporters. She said the unit had withdrawn.", False),
        Example("The authorities said that they had moved the archive.", False),
    ),
)

INANIMATE_RULE = RuleInfo(
    id=INANIMATE,
    category=Category.PRONOUN,
    severity=Severity.WARNING,
    summary="He/she/his/her used for a thing, an abstraction or an unnamed animal.",
    explanation="""\
## What it does
Flags a gendered pronoun whose antecedent is a thing or an abstraction: "the draft law
... arguments for *his* support" (*its*), "the new strain ... *he* spreads faster"
(*it*), "the parcel has arrived; how can I collect *her*?" (*it*).

## Why is this bad?
Languages with grammatical gender call a bill, a virus or a parcel "he" or "she";
English does not. The literal pronoun makes the reader look for a person.

## Precision first
Without a source or a model, fires only when the thing is the subject or object of the
previous clause and no person who could be meant appears in the last two sentences; a
pronoun that is the subject of "said" is never read as a thing. With the source, the
source pronoun's antecedent (an inanimate noun, or a person) weighs in; with `--lm`, the
model's preference for "it" does.
""" + _HOW,
    examples=(
        Example("The new virus strain spreads quickly. He is more aggressive than the old one.",
                True, text="He", suggestion="It", src_lang="ru"),
        Example("My parcel arrived at the depot yesterday. Where can I pick her up?",
                True, text="her", suggestion="it", src_lang="uk"),
        Example("The painting hung in the hall for years. Her colours have faded.",
                True, text="Her", suggestion="Its"),
        Example("The painting was sold to a collector. He said it was a bargain.", False),
        Example("My sister sold her old car. She bought a bicycle instead.", False),
    ),
)

MISMATCH_RULE = RuleInfo(
    id=MISMATCH,
    category=Category.PRONOUN,
    severity=Severity.WARNING,
    # Preview (runs only when selected by id): on the labelled real MT of corpora/realdata
    # (both splits) the resolver's mismatch decisions were 0 right, 7 wrong, 7 missed;
    # names it cannot type and persons named far back make it unreliable on real text.
    status=Status.PREVIEW,
    summary="A pronoun whose gender contradicts the person it refers to.",
    explanation="""\
## What it does
Flags he/she forms whose gender contradicts a person antecedent of known gender (a
title such as Mr or Mrs, a gendered role noun such as spokeswoman or actress, a first
name from the packaged list, or the style guide's gazetteer): "Mrs Olga Petrenko said
the talks had failed. *He* added" (use *She*).

## Why is this bad?
Source languages that drop the subject, or mark gender on the verb instead, leave
the translation system to guess; a wrong guess changes who said what.

## Precision first
Fires only when that person is the subject of the previous or the same sentence and no
other person of matching or unknown gender could be meant.
""" + _HOW,
    examples=(
        Example("Mrs Olga Petrenko said the talks had failed. He added that a new round "
                "was planned.", True, text="He", suggestion="She", src_lang="uk"),
        Example("The actress left the festival early. He did not explain why.",
                True, text="He", suggestion="She"),
        Example("Mr Karim Haddad said the port would reopen. She added that the cranes "
                "were repaired.", True, text="She", suggestion="He", src_lang="ar"),
        Example("Mr Haddad met the minister on Monday. She promised new cranes.", False),
    ),
)


NO_REFERENT_RULE = RuleInfo(
    id=SPURIOUS,
    category=Category.PRONOUN,
    severity=Severity.WARNING,
    summary="He/she/his/her with no third-person referent: a dropped 'I', an idiom, an impersonal phrase.",
    explanation="""\
## What it does
Flags a gendered pronoun that stands for nobody in the text: a first-person verb whose
dropped "I" the translation read as "she" ("Сама бачила" -> "*She* saw it herself"),
an idiom ("who knows *him*"), an impersonal phrase ("there *he* writes" for "it says").

## Why is this bad?
Ukrainian and Russian drop subject pronouns and mark the past tense for gender, not
person; a literal translation invents a "he" or "she" the reader then looks for.

## Precision first
Fires only when the source shows the verb has no subject of its own and the speaker is
"I", or the evidence together reaches the confidence threshold.
""" + _HOW,
    examples=(
        Example("I went to the market on Sunday. She saw the prices herself.", True,
                text="She", suggestion="I", src_lang="uk",
                src="Я ходила на ринок у неділю. Сама бачила ціни."),
        Example("My sister went to the market on Sunday. She saw the prices herself.", False,
                src_lang="uk", src="Моя сестра ходила на ринок у неділю. Вона сама бачила ціни."),
    ),
)


AGREEMENT_RULE = RuleInfo(
    id=AGREEMENT,
    category=Category.PRONOUN,
    severity=Severity.WARNING,
    # Preview: dev precision 0.73-0.91 and a third of a WMT21 sample right (README).
    status=Status.PREVIEW,
    summary="A target pronoun (er/sie/es, il/elle, lo/la, он/она/оно ...) whose gender is not its antecedent noun's.",
    explanation="""\
## What it does
In a translation into German, French, Spanish, Russian or Ukrainian, flags a
third-person pronoun for a thing or an institution whose grammatical gender is not the
gender of the noun it refers to: "Die Armee teilte mit, dass *er* die Brücke
zurückerobert habe" (use *sie*), "L'armée a annoncé qu'*il* avait repris l'aéroport"
(use *elle*), "Армия заявила, что *он* ..." (use *она*).

## Why is this bad?
English "it" has no gender; the target pronoun must take the gender of the target
noun, and machine translation often takes it from another noun, from the English or
from nowhere. The reader looks for a man or a woman who is not there, or for the wrong
thing.

## How it decides
Pronoun forms, impersonal phrases, reporting verbs, prepositions and institution nouns
(with the English words they translate) are data in each language pack
(`mtcheck/data/languages/<lang>/pronouns.yaml`); noun genders come from
`mtcheck.noun_gender` (the packs' tables; pymorphy3 for Russian and Ukrainian).
Impersonal and expletive uses (es gibt, es ist, il faut, il y a, hieß es), the polite
"Sie" and a "sie" with a plural verb are never checked. With an English source, the
English pronoun behind the target one (by order in the line) must be "it"/"its": a
"he", "she" or "they" keeps it silent; the English antecedent of that "it" (the
English pronoun family's chunker) names the target noun when the pack lists its
translation ("army" -> Armee) or when the target repeats its name. Otherwise the
antecedent is the most salient target noun before the pronoun (the subject of its
clause or of the previous sentence first). It fires when that noun's gender is not one
the pronoun can have and no noun of the pronoun's gender is nearly as salient, or in a
core role of the same or previous sentence.

## Precision first
Without an English source it fires only for an institution noun in subject position with
no noun of the pronoun's gender and no person in a core role in reach. Preview: on our
development corpora its precision is 0.73 (es) to 0.91 (ru), its recall 0.20 to 0.50;
on real WMT21 output about a third of its findings were right (see the README).
""",
    examples=(
        Example("Die Armee teilte am Donnerstag mit, dass er die Brücke zurückerobert habe.", True,
                text="er", suggestion="sie", src_lang="en",
                src="The army said on Thursday that it had retaken the bridge."),
        Example("L'armée a annoncé jeudi qu'il avait repris le contrôle de l'aéroport et que la situation est calme dans la ville.", True,
                text="il", suggestion="elle", src_lang="en",
                src="The army announced on Thursday that it had regained control of the airport and that the situation in the city is calm."),
        Example("Армия заявила в четверг, что он полностью контролирует мост и что в городе сейчас спокойно.", True, text="он",
                suggestion="она", src_lang="en", src="The army said on Thursday that it fully controls the bridge and that the city is calm now."),
        Example("L'armée a annoncé jeudi qu'elle avait repris le contrôle de l'aéroport et que la situation est calme dans la ville.", False,
                src_lang="en",
                src="The army announced on Thursday that it had regained control of the airport and that the situation in the city is calm."),
        Example("Die Regierung hat den Haushalt beschlossen. Es gibt aber Kritik an dem Plan.", False,
                src_lang="en", src="The government approved the budget. But there is criticism of the plan."),
        Example("Verteidigungsminister Jonas Keller sagte, er sei mit dem Einsatz zufrieden.", False,
                src_lang="en", src="Defence Minister Jonas Keller said he was satisfied with the operation."),
    ),
)


def load(config: RunConfig) -> PronounData:
    lexicon = load_lexicon()
    pack = _load_pack(config)
    calibration = load_calibration("rules")
    if config.pronoun_threshold is not None:
        calibration = replace(calibration, threshold=config.pronoun_threshold, override=True)
    digest = short_hash(sorted(lexicon.nouns) + sorted(lexicon.first_names)
                        + sorted(f"{k}={v}" for k, v in calibration.weights.items()), 8)
    cut = "/".join(f"{calibration.thresholds.get(r, calibration.threshold):.2f}" for r in REGIMES) \
        if not calibration.override else f"{calibration.threshold:.2f}"
    return PronounData(lexicon, pack, {"pronouns": f"en#{digest}@{cut}"},
                       calibration, load_agreement(config, lexicon))


def _load_pack(config: RunConfig) -> Any:
    # The style pack supplies gazetteer persons (with gender), organisations and places.
    try:
        from mtcheck.packs import load_pack
    except ImportError:  # the names family is not installed in this build
        return None
    if config.style == "default" and not config.styles and not data_path("styles/default").is_dir():
        return None  # a build without the built-in guide: no gazetteer evidence
    return load_pack(config)


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
    if rule == MISMATCH:
        suggestion: str | None = forms.swapped(d.text, following)
    elif rule == SPURIOUS:
        from mtcheck.compare.lm_rescore import first_person

        suggestion = first_person(d.text, following) if dropped_i else None
    else:
        suggestion = forms.neuter(d.text, following)
    return Hit(rule, d.start, d.end, _message(d, ev, rule, suggestion, calibration, features, note),
               suggestion, confidence)


_FEATURE_WORDS = {
    "src_inanimate_antecedent": "the source pronoun's antecedent is inanimate",
    "src_dropped_first_person": "the source verb belongs to a dropped 'I'",
    "src_no_source_pronoun": "the source has no such pronoun",
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
             calibration: Calibration, features: dict[str, float], note: str | None) -> str:
    if d.rule is not None and d.message:
        head = d.message
    elif rule == SPURIOUS:
        head = f"'{d.text}' has no third-person referent here"
        head += f": use '{suggestion}'." if suggestion else "."
    else:
        what = d.antecedent.text if d.antecedent is not None else "a thing"
        kind = "an institution or organisation" if rule == INSTITUTION else "a thing, not a person"
        cls = f" (WordNet: {ev.head_class})" if ev.head_class else ""
        head = f"'{d.text}' seems to refer to '{what}'{cls}, {kind}: use '{suggestion}'."
    parts = [head]
    if ev.source is not None:
        parts.append(ev.source.note[:1].upper() + ev.source.note[1:] + ".")
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
    rules=(INSTITUTION_RULE, INANIMATE_RULE, NO_REFERENT_RULE, MISMATCH_RULE, AGREEMENT_RULE),
    check=check,
    load=load,
)
