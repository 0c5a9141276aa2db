"""The Python API the CLI is built on.

    >>> from mtcheck.api import Checker
    >>> checker = Checker.from_config()            # loads style data once
    >>> findings = checker.check_text("Troops left Kiev.", doc_id="a1")

A :class:`Checker` holds only what it loaded from its :class:`RunConfig`; checking is
a pure function of the documents given, so checkers can be built in worker processes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from mtcheck import registry
from mtcheck.checks.base import Family, FeedPass, Hit, RuleInfo, Status
from mtcheck.config import RunConfig, load_config
from mtcheck.document import Document
from mtcheck.errors import ConfigError, InputError
from mtcheck.findings import Category, Finding, Severity
from mtcheck.signature import Signature, short_hash

def select_rules(config: RunConfig) -> dict[str, RuleInfo]:
    """Rules enabled by ``select``/``extend-select`` minus ``ignore``/``extend-ignore``;
    selectors are ids, families or categories.

    Without ``select`` the base set is every stable rule (plus the preview rules with
    ``preview``). A preview rule is enabled only when a selector names its id, or when
    ``preview`` is on: selecting its family or category alone leaves it off, as ruff
    does, so a new rule never turns itself on in a CI gate.
    """
    rules = registry.all_rules()
    known = {r.id for r in rules} | {r.family for r in rules} | {c.value for c in Category}
    for selector in (*config.select, *config.extend_select, *config.ignore,
                     *config.extend_ignore, *config.severity):
        if selector not in known:
            raise ConfigError(f"unknown rule, family or category {selector!r}", config.source)

    def matches(rule: RuleInfo, selectors: tuple[str, ...]) -> bool:
        return any(s in (rule.id, rule.family, rule.category.value) for s in selectors)

    def selected(rule: RuleInfo, selectors: tuple[str, ...]) -> bool:
        if rule.status is Status.PREVIEW and not config.preview:
            return rule.id in selectors
        return matches(rule, selectors)

    ignored = (*config.ignore, *config.extend_ignore)
    chosen = {}
    for rule in rules:
        if config.select:
            enabled = selected(rule, config.select)
        else:
            enabled = rule.status is Status.STABLE or (config.preview and rule.status is Status.PREVIEW)
        enabled = enabled or selected(rule, config.extend_select)
        if enabled and not matches(rule, ignored):
            chosen[rule.id] = rule
    return chosen


class Checker:
    """Loaded rules and data for one run."""

    def __init__(self, config: RunConfig | None = None) -> None:
        self.config = config or RunConfig()
        self.rules = select_rules(self.config)
        self.families: list[Family] = [
            fam for fam in registry.families() if any(r.id in self.rules for r in fam.rules)
        ]
        self.data: dict[str, Any] = {fam.name: fam.load(self.config) for fam in self.families}
        self._severity = {
            rid: self.config.severity.get(rid, rule.severity) for rid, rule in self.rules.items()
        }
        # Each attached model's signature, e.g. {"lm": ...}; part of the run's signature.
        self.models: dict[str, str] = {}
        if self.config.lm and "pronoun" in self.data:
            # A language model named in the config re-scores the pronoun family here,
            # so library users get what `mtcheck check --lm` gives (it loads now: a
            # missing model fails before any document is read).
            from mtcheck.compare.lm_rescore import attach

            self.models["lm"] = attach(self, self.config.lm, self.config.device,
                                       threads=self.config.threads).signature

    @classmethod
    def from_config(cls, path: str | Path | None = None, **overrides: Any) -> "Checker":
        config = load_config(Path(path)) if path is not None else RunConfig()
        return cls(config.merged(**overrides))

    # -- checking ---------------------------------------------------------

    def check_document(self, doc: Document) -> list[Finding]:
        hits: list[Hit] = []
        for fam in self.families:
            hits.extend(fam.check(doc, self.data[fam.name]))
        return self.to_findings(doc, hits)

    def to_findings(self, doc: Document, hits: Iterable[Hit]) -> list[Finding]:
        from mtcheck.protected import unprotected

        findings = []
        seen: set[tuple[str, int, int]] = set()
        for hit in unprotected(doc, hits):  # XLIFF translate="no": context, no findings
            rule = self.rules.get(hit.rule)
            key = (hit.rule, hit.start, hit.end)
            if rule is None or key in seen:
                continue
            seen.add(key)
            line, column, input_line = doc.position(hit.start)
            findings.append(Finding(
                path=doc.path, doc=doc.doc_id, start=hit.start, end=hit.end,
                line=line, column=column, input_line=input_line,
                rule=hit.rule, category=rule.category, severity=self._severity[hit.rule],
                text=doc.text[hit.start:hit.end], message=hit.message,
                suggestion=hit.suggestion,
                confidence=None if hit.confidence is None else round(hit.confidence, 3),
            ))
        findings.sort(key=Finding.sort_key)
        return findings

    def check_text(self, text: str, **document_fields: Any) -> list[Finding]:
        return self.check_document(Document(text, **document_fields))

    def check_record(self, record: Mapping[str, Any], path: str = "-", line: int = 1) -> list[Finding]:
        return self.check_document(document_from_record(record, path, line))

    def check_documents(
        self, items: Iterable[Document | InputError], jobs: int = 1
    ) -> Iterator[tuple[Document | InputError, list[Finding]]]:
        """Check a stream in input order; input errors pass through so callers can
        report them. ``jobs > 1`` checks in worker processes, with the same output."""
        feed_passes = self.feed_passes()
        if jobs > 1:
            from mtcheck.parallel import check_parallel

            results = check_parallel(self, items, jobs)
        elif any(fam.prefetch is not None for fam in self.families):
            results = self._check_in_chunks(items)
        else:
            results = (
                (item, [] if isinstance(item, InputError) else self.check_document(item))
                for item in items
            )
        if not feed_passes:
            for item, findings in results:
                yield item, ([] if isinstance(item, InputError) else findings)
            return
        yield from self._feed_scope(results, feed_passes)

    def _check_in_chunks(
        self, items: Iterable[Document | InputError]
    ) -> Iterator[tuple[Document | InputError, list[Finding]]]:
        """Documents a chunk at a time (:meth:`check_batch`)."""
        from mtcheck.parallel import chunks

        for chunk in chunks(items):
            found = iter(self.check_batch([item for item in chunk if isinstance(item, Document)]))
            for item in chunk:
                yield item, ([] if isinstance(item, InputError) else next(found))

    def check_batch(self, docs: list[Document]) -> list[list[Finding]]:
        """Each document's findings, each family's ``prefetch`` seeing the whole batch
        first: a language model scores many documents' pronouns in one pass."""
        for fam in self.families:
            if fam.prefetch is not None and docs:
                fam.prefetch(docs, self.data[fam.name])
        return [self.check_document(doc) for doc in docs]

    def _feed_scope(
        self, results: Iterable[tuple[Document | InputError, list[Finding]]], feed_passes: list[FeedPass]
    ) -> Iterator[tuple[Document | InputError, list[Finding]]]:
        """``--scope feed``: findings that must not depend on the order of the documents.

        Every document is read first; the feed passes then see the documents in a
        canonical order (by id, then text), so a feed shuffled, split into other files
        or checked with other ``--jobs`` gives each document the same findings. Results
        still come in input order. This holds the feed in memory (feed scope compares
        every document with every other). Interrupted while reading, the documents read
        so far are judged and yielded, then the interrupt goes on.
        """
        held: list[tuple[Document | InputError, list[Finding]]] = []
        interrupt: BaseException | None = None
        try:
            for item, findings in results:
                held.append((item, [] if isinstance(item, InputError) else findings))
        except KeyboardInterrupt as stop:
            interrupt = stop
        order = sorted(
            (index for index, (item, _) in enumerate(held) if isinstance(item, Document)),
            key=lambda index: (held[index][0].doc_id, held[index][0].text, held[index][0].path),
        )
        for index in order:
            item, findings = held[index]
            assert isinstance(item, Document)
            extra = [hit for fp in feed_passes for hit in fp.observe(item)]
            if extra:
                held[index] = (item, sorted(
                    {(f.rule, f.start, f.end): f for f in findings + self.to_findings(item, extra)}.values(),
                    key=Finding.sort_key,
                ))
        for entry in held:
            yield entry
        if interrupt is not None:
            raise interrupt

    def feed_passes(self) -> list[FeedPass]:
        if self.config.scope != "feed":
            return []
        return [
            fam.feed_pass(self.data[fam.name]) for fam in self.families if fam.feed_pass is not None
        ]

    # -- reporting helpers -------------------------------------------------

    def severity_of(self, rule_id: str) -> Severity:
        return self._severity[rule_id]

    def signature(self, models: Mapping[str, str] | None = None) -> Signature:
        fields: dict[str, str] = {}
        for fam in self.families:
            data = self.data[fam.name]
            for key, value in getattr(data, "signature", {}).items():
                fields[key] = value
            # A family that reads the style guide (pronouns take persons, organisations
            # and places from it) has findings that change with it: sign the guide.
            for key, value in getattr(getattr(data, "pack", None), "signature", {}).items():
                fields.setdefault(key, value)
        rule_parts = sorted(f"{rid}={sev.value}" for rid, sev in self._severity.items())
        fields["rules"] = f"{len(rule_parts)}#{short_hash(rule_parts)}"
        fields["scope"] = self.config.scope
        for key, value in {**self.models, **(models or {})}.items():
            fields[key] = value
        return Signature(fields)


def document_from_record(record: Mapping[str, Any], path: str = "-", line: int = 1) -> Document:
    """A feed record (``id``, ``mt`` and optional ``src``, ``ref``, ``src_lang``, ``tgt_lang``)."""
    mt = record.get("mt")
    if not isinstance(mt, str):
        raise InputError("record has no 'mt' text", path, line)
    doc_id = record.get("id")
    return Document(
        mt,
        path=path,
        doc_id=str(doc_id) if doc_id is not None else f"{path}:{line}",
        src=_optional_str(record.get("src")),
        ref=_optional_str(record.get("ref")),
        src_lang=_optional_str(record.get("src_lang")),
        tgt_lang=_optional_str(record.get("tgt_lang")),
        record_line=line,
    )


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
