"""One JSON object per finding, one per line, nothing else: the findings contract."""

from __future__ import annotations

import json

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reporters import RunInfo, Summary


# Characters that str.splitlines() and many JSONL readers take for line ends; json.dumps
# keeps them raw inside strings, so one finding's text could split its record.
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(finding: Finding) -> str:
    return json.dumps(finding.to_dict(), ensure_ascii=False).translate(_LINE_BREAKS)


class Reporter:
    def start(self, run: RunInfo) -> str:
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        return "".join(dumps(f) + "\n" for f in findings)

    def finish(self, summary: Summary) -> str:
        return ""
