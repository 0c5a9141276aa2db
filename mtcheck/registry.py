"""Where each rule family is implemented, and the rules they implement.

What the rules are (``all_rules``, ``rule``) comes from the rule table,
:mod:`mtcheck.rules`, which imports no check: ``mtcheck rules``, ``explain`` and the
reporters read it without loading a family. Families are imported lazily by module
name, only to check documents, and an unknown name is an error, never a silent skip.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from mtcheck import rules as rule_table
from mtcheck.rules import RuleInfo

if TYPE_CHECKING:
    from mtcheck.checks.base import Family

# Family name -> the module whose FAMILY implements its rules (`mtcheck rules` lists
# them in the rule table's order).
FAMILY_MODULES: dict[str, str] = {
    "pronoun": "mtcheck.checks.pronouns",
    "name": "mtcheck.checks.names",
    "boilerplate": "mtcheck.checks.boilerplate",
    "untranslated": "mtcheck.checks.untranslated",
    "number": "mtcheck.checks.numbers",
    "punctuation": "mtcheck.checks.punctuation",
    "model": "mtcheck.compare.rules",  # status "model": produced by `mtcheck compare` only
}


@lru_cache(maxsize=None)
def family(name: str) -> Family:
    module = importlib.import_module(FAMILY_MODULES[name])
    fam: Family = module.FAMILY
    return fam


def available_families() -> list[str]:
    names = []
    for name, module in FAMILY_MODULES.items():
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names


def families() -> list[Family]:
    return [family(name) for name in available_families()]


def all_rules(include_removed: bool = False) -> list[RuleInfo]:
    return rule_table.all_rules(include_removed)


def rule(rule_id: str) -> RuleInfo:
    return rule_table.rule(rule_id)
