"""One JSON object per finding, one per line, nothing else: the findings contract."""

from __future__ import annotations

import json

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reporters import RunInfo, Summary


def dumps(finding: Finding) -> str:
    return json.dumps(finding.to_dict(), ensure_ascii=False)


class Reporter:
    def start(self, run: RunInfo) -> str:
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        return "".join(dumps(f) + "\n" for f in findings)

    def finish(self, summary: Summary) -> str:
        return ""
