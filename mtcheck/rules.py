"""The rule table: every rule's id, family, category, default severity, status, one-line
summary, explanation and examples, read from ``mtcheck/data/rules.yaml``.

Why a data file, and why here: the metadata is prose and example text (over a thousand
lines for two dozen rules) that people edit as documentation; kept beside the check
code it made each family module long, and ``mtcheck rules``, ``mtcheck explain``, the
reporters and ``rule_docs`` had to import every check (and pymorphy3, rapidfuzz, the
language identifier) to print a line about a rule. This module imports no check: it
needs only :mod:`mtcheck.findings` and :mod:`mtcheck.datafiles`. A family binds its
check function to ids (``rule("name.variant")`` gives it the table's entry), and
``tests/test_rule_table.py`` holds the two sides together: every rule a family
implements is in the table, every table entry is implemented.

The file's top level maps a family name to its rules, in the order ``mtcheck rules``
lists them; each rule's id starts with its family name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from mtcheck.datafiles import load_yaml_resource
from mtcheck.errors import PackError
from mtcheck.findings import Category, Severity

TABLE_FILE = "rules.yaml"  # under mtcheck/data/


class Status(str, Enum):
    STABLE = "stable"
    PREVIEW = "preview"
    REMOVED = "removed"
    # Needs a model run (`mtcheck compare`): listed and selectable, never produced by
    # a plain `mtcheck check`, whose family check yields nothing for these rules.
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class Example:
    """A rule's executable example. ``flag`` says whether it must trigger the rule.

    When it must, ``text`` is what the finding covers and ``suggestion`` its fix.
    """

    document: str
    flag: bool
    text: str | None = None
    suggestion: str | None = None
    src: str | None = None
    src_lang: str | None = None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    category: Category
    severity: Severity
    summary: str
    explanation: str
    examples: tuple[Example, ...] = ()
    status: Status = Status.STABLE
    needs_source: bool = False

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


_RULE_KEYS = {"id", "category", "severity", "status", "needs_source", "summary", "explanation",
              "examples"}
_EXAMPLE_KEYS = {"document", "flag", "text", "suggestion", "src", "src_lang"}


@lru_cache(maxsize=None)
def table() -> tuple[RuleInfo, ...]:
    """Every rule, removed ones included, in the table's order."""
    path, data = load_yaml_resource(TABLE_FILE)
    rules: list[RuleInfo] = []
    for family_name, entries in data.items():
        if not isinstance(entries, list):
            raise PackError(f"family {family_name!r}: expected a list of rules", path)
        rules += [_rule(family_name, entry, path) for entry in entries]
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise PackError(f"rule ids listed twice: {sorted({i for i in ids if ids.count(i) > 1})}", path)
    return tuple(rules)


def _rule(family_name: str, entry: Any, path: str) -> RuleInfo:
    if not isinstance(entry, dict) or "id" not in entry:
        raise PackError(f"family {family_name!r}: a rule is not a mapping with an id", path)
    rule_id = str(entry["id"])
    unknown = set(entry) - _RULE_KEYS
    if unknown or not rule_id.startswith(family_name + "."):
        problem = f"unknown keys {sorted(unknown)}" if unknown else f"id not in family {family_name!r}"
        raise PackError(f"rule {rule_id}: {problem}", path)
    try:
        return RuleInfo(
            id=rule_id,
            category=Category(entry["category"]),
            severity=Severity(entry["severity"]),
            summary=str(entry["summary"]),
            explanation=str(entry["explanation"]),
            examples=tuple(_example(rule_id, ex, path) for ex in entry.get("examples") or ()),
            status=Status(entry.get("status", "stable")),
            needs_source=bool(entry.get("needs_source", False)),
        )
    except (KeyError, ValueError) as exc:
        raise PackError(f"rule {rule_id}: missing or invalid {exc}", path) from None


def _example(rule_id: str, entry: Any, path: str) -> Example:
    if not isinstance(entry, dict) or set(entry) - _EXAMPLE_KEYS or "document" not in entry:
        raise PackError(f"rule {rule_id}: an example needs a document and only {sorted(_EXAMPLE_KEYS)}", path)
    return Example(**entry)


def all_rules(include_removed: bool = False) -> list[RuleInfo]:
    return [r for r in table() if include_removed or r.status is not Status.REMOVED]


def rule(rule_id: str) -> RuleInfo:
    """The table's entry for ``rule_id``; KeyError for an id the table lacks."""
    for info in table():
        if info.id == rule_id:
            return info
    raise KeyError(rule_id)


def family_rules(family_name: str) -> tuple[RuleInfo, ...]:
    return tuple(r for r in table() if r.family == family_name)
