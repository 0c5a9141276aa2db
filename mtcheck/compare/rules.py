"""The ``model`` rule family: findings that only a second-opinion model can produce.

``mtcheck compare FEED --mt-model MODEL`` emits them (see :mod:`second_opinion`). They
are registered like every other rule so that ``mtcheck rules``, ``explain``,
``--select`` and ``--ignore`` know them, but they carry status ``model``: a plain
``mtcheck check`` has no second translation to compare with, so this family's
``check`` yields nothing there and the rules are off unless selected.

Each example's second-opinion reading is in :data:`EXAMPLE_READINGS` (keyed by the
example text); tests/test_compare.py runs every example through the same comparison
code with that reading.
"""

from __future__ import annotations

from typing import Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo, Status
from mtcheck.document import Document
from mtcheck.findings import Category, Severity

DIVERGENCE, PRONOUN, NAME, NUMBER = "model.divergence", "model.pronoun", "model.name", "model.number"

_HOW = """
## How it works
A sequence-to-sequence model (Marian/opus-mt, NLLB or M2M100; per language pair from
`models/registry.yaml`, or `--mt-model PATH`) translates the record's `src`, line by
line when source and translation have the same number of lines. The two translations
are compared with sacrebleu's sentence chrF (and BLEU/TER on request). Results are
cached on disk by model id, revision and input. Only `mtcheck compare` runs the
model; `mtcheck check` never does.
"""

_EX_DIV = Example("Farmers were thanked for a record harvest.", True,
                  text="Farmers were thanked for a record harvest.",
                  src="Міністр заявив, що порт закрито до понеділка.", src_lang="uk")
_EX_DIV_OK = Example("The port is closed until Monday, the minister said.", False,
                     src="Міністр заявив, що порт закрито до понеділка.", src_lang="uk")
_EX_PRO = Example("The ministry published the report. She said prices were stable.", True,
                  text="She", suggestion="It", src="Міністерство оприлюднило звіт. Воно заявило, "
                  "що ціни стабільні.", src_lang="uk")
_EX_PRO_OK = Example("The minister published the report. She said prices were stable.", False,
                     src="Міністерка оприлюднила звіт. Вона заявила, що ціни стабільні.", src_lang="uk")
_EX_NAME = Example("Officials in Kiev said the bridge had reopened.", True, text="Kiev",
                   suggestion="Kyiv", src="Посадовці в Києві заявили, що міст відкрили.", src_lang="uk")
_EX_NAME_OK = Example("Officials in Kyiv said the bridge had reopened.", False,
                      src="Посадовці в Києві заявили, що міст відкрили.", src_lang="uk")
_EX_NUM = Example("The convoy carried 120 tonnes of grain.", True, text="120", suggestion="210",
                  src="Колона везла 210 тонн зерна.", src_lang="uk")
_EX_NUM_OK = Example("The convoy carried 1,200 tonnes of grain.", False,
                     src="Колона везла 1200 тонн зерна.", src_lang="uk")

# example document -> what the second-opinion model translated
EXAMPLE_READINGS: dict[str, str] = {
    _EX_DIV.document: "The minister said the port was closed until Monday.",
    _EX_DIV_OK.document: "The minister said the port was closed until Monday.",
    _EX_PRO.document: "The ministry published the report. It said prices were stable.",
    _EX_PRO_OK.document: "The minister published the report. She said that prices were stable.",
    _EX_NAME.document: "Officials in Kyiv said the bridge had been reopened.",
    _EX_NAME_OK.document: "Officials in Kyiv said the bridge was opened.",
    _EX_NUM.document: "The convoy was carrying 210 tonnes of grain.",
    _EX_NUM_OK.document: "The column carried 1200 tons of grain.",
}

DIVERGENCE_RULE = RuleInfo(
    id=DIVERGENCE, category=Category.MODEL_DISAGREEMENT, severity=Severity.INFO,
    status=Status.MODEL, needs_source=True,
    summary="The translation and a second-opinion model translation diverge (chrF below the threshold).",
    explanation="""\
## What it does
Flags a translated line whose sentence chrF against an independent model translation
of the same source is below `--min-chrf` (default 30; `--min-bleu` / `--max-ter` add
gates on those metrics). The finding quotes the model's reading and the scores.

## Why is this bad?
Two competent translations of one sentence share most character n-grams (chrF 50-70
is typical). Far below that, one of them has dropped, added or invented content: a
reviewer should compare the line with its source.
""" + _HOW,
    examples=(_EX_DIV, _EX_DIV_OK),
)

PRONOUN_RULE = RuleInfo(
    id=PRONOUN, category=Category.MODEL_DISAGREEMENT, severity=Severity.WARNING,
    status=Status.MODEL, needs_source=True,
    summary="The translation has he/she where the second-opinion model has another pronoun.",
    explanation="""\
## What it does
Flags a gendered pronoun (he, she, him, her, his, hers, himself, herself) when the
model's translation of the same line has fewer pronouns of that gender and uses
it/its/they or the other gender instead; the suggestion is the neuter form when the
model used one.

## Why is this bad?
Literal MT carries the grammatical gender of institutions and things into English.
A second translation that reads "it" is independent evidence for the pronoun rules.
""" + _HOW,
    examples=(_EX_PRO, _EX_PRO_OK),
)

NAME_RULE = RuleInfo(
    id=NAME, category=Category.MODEL_DISAGREEMENT, severity=Severity.INFO,
    status=Status.MODEL, needs_source=True,
    summary="A capitalised name spelled differently from the second-opinion model's spelling.",
    explanation="""\
## What it does
Flags a capitalised word that the model's translation does not contain while it has a
close variant of it (same first letter, rapidfuzz similarity of at least 70):
"Kiev" against "Kyiv", "Kharkov" against "Kharkiv". The suggestion is the model's form.

## Why is this bad?
Transliteration variants of one name confuse readers and search; the two systems
disagree, so one of them does not follow the current spelling.
""" + _HOW,
    examples=(_EX_NAME, _EX_NAME_OK),
)

NUMBER_RULE = RuleInfo(
    id=NUMBER, category=Category.MODEL_DISAGREEMENT, severity=Severity.WARNING,
    status=Status.MODEL, needs_source=True,
    summary="A number in the translation that the second-opinion model translated differently.",
    explanation="""\
## What it does
Flags a number of the translation that does not occur in the model's translation of
the same line (thousands separators and the words one to twelve are normalised).
When exactly one number differs on each side, the model's number is the suggestion.

## Why is this bad?
A changed number is the costliest error in news; a second, independent translation
that reads another number is strong evidence that one of them is wrong.
""" + _HOW,
    examples=(_EX_NUM, _EX_NUM_OK),
)

RULES = (DIVERGENCE_RULE, PRONOUN_RULE, NAME_RULE, NUMBER_RULE)


def check(doc: Document, data: object) -> Iterator[Hit]:
    # No second translation exists in a plain check run: `mtcheck compare` makes one.
    return iter(())


FAMILY = Family(name="model", rules=RULES, check=check)
