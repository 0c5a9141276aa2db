"""The one table of rule families and rules. ``mtcheck rules`` and ``explain`` read it.

Families are imported lazily by module name, so ``mtcheck rules`` never pays for a
family's dependencies and an unknown name is an error, never a silent skip.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache

from mtcheck.checks.base import Family, RuleInfo, Status

# Family name -> module. Order is the order of `mtcheck rules`.
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
    rules = [rule for fam in families() for rule in fam.rules]
    if not include_removed:
        rules = [rule for rule in rules if rule.status is not Status.REMOVED]
    return rules


def rule(rule_id: str) -> RuleInfo:
    for info in all_rules(include_removed=True):
        if info.id == rule_id:
            return info
    raise KeyError(rule_id)
