"""Counts only (``--format summary``), for a daily feed report::

    mtcheck summary
    documents 1200  segments 1200  characters 981234  input errors 0  findings 37
    time 2.1 s

    by severity
      error        3
      warning     34
      info         0

    by category
      boilerplate   34
      ...

    by rule                 severity  count
      boilerplate.residue   warning      34
      ...

    top documents
         5  feeds/day.jsonl  story-17
      ...

    signature: ...

Every enabled rule is listed, with 0 where it found nothing, so two days' reports
line up; the top-documents list keeps the 10 documents with most findings (input
order among equals).
"""

from __future__ import annotations

from collections import Counter

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.reporters import RunInfo, Summary

TOP_DOCUMENTS = 10


class Reporter:
    def __init__(self) -> None:
        self.run: RunInfo | None = None
        self.by_category: Counter[str] = Counter()

    def start(self, run: RunInfo) -> str:
        self.run = run
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        for f in findings:
            self.by_category[f.category.value] += 1
        return ""

    def finish(self, summary: Summary) -> str:
        assert self.run is not None, "start() comes first"
        run = self.run
        lines = [
            "mtcheck summary",
            f"documents {summary.documents}  segments {summary.segments}  characters {summary.bytes}  "
            f"input errors {summary.input_errors}  findings {summary.findings}",
            f"time {summary.seconds:.1f} s",
            "",
            "by severity",
        ]
        lines += [f"  {s.value:<8}{summary.by_severity.get(s.value, 0):>8}" for s in Severity]

        categories = {rule.category.value for rule in run.rules.values()} | set(self.by_category)
        if categories:
            width = max(len(c) for c in categories)
            lines += ["", "by category"]
            lines += [
                f"  {c:<{width}}  {self.by_category.get(c, 0):>8}"
                for c in sorted(categories, key=lambda c: (-self.by_category.get(c, 0), c))
            ]

        rule_ids = set(run.rules) | set(summary.by_rule)
        if rule_ids:
            width = max(len(r) for r in rule_ids)
            lines += ["", f"{'by rule':<{width + 2}}  {'severity':<8}  {'count':>8}"]
            for rid in sorted(rule_ids, key=lambda r: (-summary.by_rule.get(r, 0), r)):
                severity = run.severities[rid].value if rid in run.severities else "-"
                lines.append(f"  {rid:<{width}}  {severity:<8}  {summary.by_rule.get(rid, 0):>8}")

        top = summary.by_document.most_common(TOP_DOCUMENTS)
        lines += ["", f"top documents ({min(len(top), TOP_DOCUMENTS)} of {len(summary.by_document)} with findings)"]
        for (path, doc_id), count in top:
            name = path if doc_id == path else f"{path}  {doc_id}"
            lines.append(f"  {count:>6}  {name}")

        lines += ["", f"signature: {run.signature.format()}"]
        return "\n".join(lines) + "\n"
