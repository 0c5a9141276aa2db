"""Human-readable report, grouped by document:
``path:line:col  severity  rule  message  [-> suggestion]`` and a summary line."""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.reporters import RunInfo, Summary

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2"}


class Reporter:
    def __init__(self) -> None:
        self.color = False
        self.signature = ""

    def _paint(self, text: str, style: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if self.color else text

    def start(self, run: RunInfo) -> str:
        self.color = run.color
        self.signature = run.signature.format()
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        if not findings:
            return ""
        title = doc.path if doc.doc_id == doc.path else f"{doc.path} ({doc.doc_id})"
        lines = [self._paint(title, "bold")]
        for f in findings:
            where = f"{f.path}:{f.input_line}:{f.column}"
            suggestion = f"  -> {f.suggestion!r}" if f.suggestion is not None else ""
            sure = f" ({f.confidence_word}, {f.confidence:.2f})" if f.confidence is not None else ""
            lines.append(
                f"{where}  {self._paint(f.severity.value, f.severity.value)}  "
                f"{f.rule}{sure}  {f.message}{suggestion}"
            )
        return "\n".join(lines) + "\n\n"

    def finish(self, summary: Summary) -> str:
        counts = ", ".join(
            f"{summary.by_severity.get(s.value, 0)} {s.value}{'s' if summary.by_severity.get(s.value, 0) != 1 else ''}"
            for s in Severity
        )
        errors = f", {summary.input_errors} input error(s)" if summary.input_errors else ""
        head = f"{summary.findings} finding(s) in {summary.documents} document(s): {counts}{errors}"
        return f"{self._paint(head, 'bold')}\n{self._paint('signature: ' + self.signature, 'dim')}\n"
