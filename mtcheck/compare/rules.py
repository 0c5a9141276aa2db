"""The ``model`` rule family: findings that only a second-opinion model can produce.

``mtcheck compare FEED --mt-model MODEL`` emits them (see :mod:`second_opinion`). They
are registered like every other rule so that ``mtcheck rules``, ``explain``,
``--select`` and ``--ignore`` know them, but they carry status ``model``: a plain
``mtcheck check`` has no second translation to compare with, so this family's
``check`` yields nothing there and the rules are off unless selected.

Their metadata and examples are in the rule table (:mod:`mtcheck.rules`); each
example's second-opinion reading is in :data:`EXAMPLE_READINGS` (keyed by the example
text); tests/test_compare.py runs every example through the same comparison
code with that reading.
"""

from __future__ import annotations

from typing import Iterator

from mtcheck.checks.base import Family, Hit
from mtcheck.document import Document
from mtcheck.rules import rule

DIVERGENCE, PRONOUN, NAME, NUMBER = "model.divergence", "model.pronoun", "model.name", "model.number"

# example document (mtcheck/data/rules.yaml) -> what the second-opinion model translated
EXAMPLE_READINGS: dict[str, str] = {
    "Farmers were thanked for a record harvest.":
        "The minister said the port was closed until Monday.",
    "The port is closed until Monday, the minister said.":
        "The minister said the port was closed until Monday.",
    "The ministry published the report. She said prices were stable.":
        "The ministry published the report. It said prices were stable.",
    "The minister published the report. She said prices were stable.":
        "The minister published the report. She said that prices were stable.",
    "Officials in Kiev said the bridge had reopened.":
        "Officials in Kyiv said the bridge had been reopened.",
    "Officials in Kyiv said the bridge had reopened.":
        "Officials in Kyiv said the bridge was opened.",
    "The convoy carried 120 tonnes of grain.":
        "The convoy was carrying 210 tonnes of grain.",
    "The convoy carried 1,200 tonnes of grain.":
        "The column carried 1200 tons of grain.",
}

RULES = tuple(rule(rule_id) for rule_id in (DIVERGENCE, PRONOUN, NAME, NUMBER))


def check(doc: Document, data: object) -> Iterator[Hit]:
    # No second translation exists in a plain check run: `mtcheck compare` makes one.
    return iter(())


FAMILY = Family(name="model", rules=RULES, check=check)
