"""The check interface: every rule family is a module with one ``FAMILY``.

What a rule is (id, category, severity, explanation, examples) is not here but in the
rule table, :mod:`mtcheck.rules`; a family lists the table entries it implements.

A family loads its data once (``load``: config -> compiled data) and then checks
documents with a pure function (``check``: document, data -> hits). The engine turns
hits into findings (path, positions, severity from config), so families never deal
with the contract's bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, Sequence

from mtcheck.document import Document
from mtcheck.rules import Example, RuleInfo, Status

# Example, RuleInfo and Status live in the rule table's module; they are named here too
# so that a family imports its whole interface from one place.
__all__ = ["Example", "FeedPass", "Family", "Hit", "RuleInfo", "Status"]

if TYPE_CHECKING:
    from mtcheck.config import RunConfig


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: the rule, the span, the message, the fix."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    confidence: float | None = None  # 0..1, for rules that weigh evidence


def _no_data(config: "RunConfig") -> None:
    return None


class FeedPass(Protocol):
    """Cross-document state for ``--scope feed``: sees every document in input order,
    in the main process, after the per-document checks."""

    def observe(self, doc: Document) -> Iterable[Hit]: ...


@dataclass(frozen=True)
class Family:
    name: str
    rules: tuple[RuleInfo, ...]
    check: Callable[[Document, Any], Iterable[Hit]]
    load: Callable[["RunConfig"], Any] = _no_data
    # Families that compare documents of a whole feed (name consistency with
    # --scope feed) build a FeedPass from their loaded data.
    feed_pass: Callable[[Any], FeedPass] | None = field(default=None)
    # Families that batch model work across documents (pronouns with --lm) see each
    # chunk of documents before any of them is checked.
    prefetch: Callable[[Sequence[Document], Any], None] | None = field(default=None)
