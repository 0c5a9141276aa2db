"""One JSON document for the whole run (``--format json``)::

    {
      "findings": [ {finding}, ... ],
      "summary": {
        "documents": 12, "findings": 3, "input_errors": 0,
        "by_severity": {"error": 0, "warning": 3, "info": 0},
        "by_rule": {"boilerplate.residue": 3},
        "fail_on": "error",
        "signature": "boilerplate:en#...|rules:1#...|scope:document|version:0.1.0",
        "signature_fields": {"boilerplate": "en#...", "rules": "1#...", "scope": "document", "version": "0.1.0"}
      }
    }

``rules`` (after ``summary``) lists the enabled rules: ``id``, ``category``,
configured ``severity``, ``status`` and the documentation ``url``
(:mod:`mtcheck.rule_docs`). Each finding is an object of the findings contract (``docs/findings.md``), in input
order. ``summary`` is :meth:`Summary.as_dict` plus the fail level and the run
signature, whole and split into its fields (as sacrebleu's JSON output does).

The findings array is streamed document by document, so memory does not grow with
the feed; the output is still one JSON value once ``finish`` has run.
"""

from __future__ import annotations

import json

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reporters import RunInfo, Summary
from mtcheck.rule_docs import rule_url


class Reporter:
    def __init__(self) -> None:
        self.run: RunInfo | None = None
        self.count = 0

    def start(self, run: RunInfo) -> str:
        self.run = run
        return '{\n  "findings": ['

    def document(self, doc: Document, findings: list[Finding]) -> str:
        parts = []
        for finding in findings:
            separator = "," if self.count else ""
            self.count += 1
            parts.append(f"{separator}\n    {json.dumps(finding.to_dict(), ensure_ascii=False)}")
        return "".join(parts)

    def finish(self, summary: Summary) -> str:
        assert self.run is not None, "start() comes first"
        data = {
            **summary.as_dict(),
            "fail_on": self.run.fail_on.value,
            "signature": self.run.signature.format(),
            "signature_fields": self.run.signature.as_dict(),
        }
        body = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        closing = "\n  ]" if self.count else "]"
        rules = ",".join(
            "\n    " + json.dumps({
                "id": rid, "category": info.category.value,
                "severity": self.run.severities[rid].value, "status": info.status.value,
                "url": rule_url(rid),
            }, ensure_ascii=False)
            for rid, info in sorted(self.run.rules.items())
        )
        return f'{closing},\n  "summary": {body},\n  "rules": [{rules}\n  ]\n}}\n'
