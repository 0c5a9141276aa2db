"""Reporters turn findings into text. They return strings; only the CLI writes.

A reporter sees the run once at the start, each document with its findings in input
order, and the summary at the end, so line-oriented formats stream and whole-file
formats (JSON, SARIF, JUnit, HTML) build their output in ``finish``.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Protocol

from mtcheck.document import Document
from mtcheck.findings import FailLevel, Finding, Severity
from mtcheck.rules import RuleInfo
from mtcheck.signature import Signature

REPORTER_MODULES: dict[str, str] = {
    "text": "mtcheck.reporters.text",
    "concise": "mtcheck.reporters.concise",
    "jsonl": "mtcheck.reporters.jsonl",
    "json": "mtcheck.reporters.json",
    "sarif": "mtcheck.reporters.sarif",
    "junit": "mtcheck.reporters.junit",
    "github": "mtcheck.reporters.github",
    "html": "mtcheck.reporters.html",
    "summary": "mtcheck.reporters.summary",
}


@dataclass(frozen=True)
class RunInfo:
    signature: Signature
    rules: Mapping[str, RuleInfo]
    severities: Mapping[str, Severity]
    fail_on: FailLevel
    color: bool = False
    width: int | None = None  # the terminal's width: text wraps messages to it


@dataclass
class Summary:
    documents: int = 0
    segments: int = 0
    input_errors: int = 0
    skipped: int = 0  # records not checked on purpose (XLIFF units without a target)
    bytes: int = 0
    seconds: float = 0.0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    by_document: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, doc: Document, findings: list[Finding]) -> None:
        self.documents += 1
        self.segments += max(len(doc.line_map or ()), 1)
        self.bytes += len(doc.text)
        for f in findings:
            self.by_severity[f.severity.value] += 1
            self.by_rule[f.rule] += 1
        if findings:
            self.by_document[(doc.path, doc.doc_id)] += len(findings)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "findings": self.findings,
            "input_errors": self.input_errors,
            "skipped": self.skipped,
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_rule": dict(sorted(self.by_rule.items())),
        }


class Reporter(Protocol):
    def start(self, run: RunInfo) -> str: ...

    def document(self, doc: Document, findings: list[Finding]) -> str: ...

    def finish(self, summary: Summary) -> str: ...


def make_reporter(name: str) -> Reporter:
    try:
        module = importlib.import_module(REPORTER_MODULES[name])
    except KeyError:
        raise ValueError(f"unknown format {name!r} (known: {', '.join(REPORTER_MODULES)})") from None
    reporter: Reporter = module.Reporter()
    return reporter
