"""Gendered pronouns for institutions and things, and pronouns of the wrong gender.

The linguistics lives in :mod:`mtcheck.pronouns` (chunker, lexicons, resolver); this
module declares the rules and turns the resolver's decisions into hits. English
targets only: other targets yield nothing until a language pack provides their
lexicon (``data/pronouns/<lang>.yaml``) and pronoun forms.
"""

from __future__ import annotations

from typing import Any, Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo, Status
from mtcheck.config import RunConfig
from mtcheck.datafiles import data_path
from mtcheck.document import Document
from mtcheck.findings import Category, Severity
from mtcheck.pronouns.lexicon import load_lexicon
from mtcheck.pronouns.resolver import (
    INANIMATE, INSTITUTION, MISMATCH, PronounData, resolve_pronouns,
)
from mtcheck.signature import short_hash

_HOW = """
## How it decides
Each gendered pronoun is resolved, not matched in a window of words: sentences and
quotations are split; noun phrases are chunked and typed by their head noun (lexicons
in `mtcheck/data/pronouns/en.yaml`, the style guide's gazetteer, titles, first names);
the subject of a reporting verb ("X said", "..., said X", "according to X") and the
subject of the previous sentence are the most salient candidates. A pronoun inside a
quotation looks only inside the quotation. Plural phrases (forces, authorities) are
never candidates. When any person who could be meant is salient, the rule stays silent.
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
Fires only when the thing is the subject or object of the previous clause and no
person who could be meant appears in the last two sentences; a pronoun that is the
subject of "said" is never read as a thing.
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
    # Preview (runs only when selected): on WMT22 uk/ru-en output 14 of its 17 findings
    # fell on lines whose reference uses the same pronoun; names it cannot type and
    # persons named far back make it unreliable on real text.
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


def load(config: RunConfig) -> PronounData:
    lexicon = load_lexicon()
    pack = _load_pack(config)
    digest = short_hash(sorted(lexicon.nouns) + sorted(lexicon.first_names), 8)
    return PronounData(lexicon, pack, {"pronouns": f"en#{digest}"})


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
    for decision in resolve_pronouns(doc, data):
        if decision.rule is not None and decision.message is not None:
            yield Hit(decision.rule, decision.start, decision.end, decision.message,
                      decision.suggestion)


FAMILY = Family(
    name="pronoun",
    rules=(INSTITUTION_RULE, INANIMATE_RULE, MISMATCH_RULE),
    check=check,
    load=load,
)
