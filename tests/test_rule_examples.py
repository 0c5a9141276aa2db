"""Every rule's own examples, run through the public API with only that rule selected."""

from __future__ import annotations

import pytest

from mtcheck import registry
from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.rules import Example, RuleInfo, Status

CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{i}-{'flag' if example.flag else 'pass'}")
    for rule in registry.all_rules()
    # Rules with status "model" need a second translation; tests/test_compare.py runs
    # their examples through the comparison with the model reading they document.
    if rule.status is not Status.MODEL
    for i, example in enumerate(rule.examples)
]


# Families whose briefs ask for at least two examples each way.
_TWO_EACH = {"untranslated", "punctuation", "number"}


def test_every_rule_has_examples_both_ways():
    for rule in registry.all_rules():
        flags = [e for e in rule.examples if e.flag]
        passes = [e for e in rule.examples if not e.flag]
        least = 2 if rule.family in _TWO_EACH else 1
        assert len(flags) >= least and len(passes) >= least, rule.id
        assert all(e.text for e in flags), f"{rule.id}: a must-flag example names no text"
        assert "## What it does" in rule.explanation and "## Why is this bad?" in rule.explanation


@pytest.mark.parametrize("rule, example", CASES)
def test_rule_example(rule: RuleInfo, example: Example):
    checker = Checker(RunConfig(select=(rule.id,)))
    findings = checker.check_text(
        example.document, doc_id="example", src=example.src, src_lang=example.src_lang
    )
    own = [f for f in findings if f.rule == rule.id]
    for f in own:
        assert example.document[f.start:f.end] == f.text
    if example.flag:
        matching = [f for f in own if f.text == example.text]
        assert matching, f"{rule.id} did not flag {example.text!r} in {example.document!r}: {own}"
        assert matching[0].suggestion == example.suggestion
    else:
        assert not own, f"{rule.id} flagged a must-pass example: {own}"
