"""Human-readable report, grouped by document:
``path:line:col  severity  rule  message  [-> suggestion]``, the checked line with a
caret under the span (see :mod:`mtcheck.reporters.snippet`), and a summary line.
``--format concise`` is the same without the snippets: one line a finding, never wrapped.
"""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.reporters import RunInfo, Summary
from mtcheck.reporters.snippet import location, shown_path, snippet, wrap

_COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2"}


class Reporter:
    snippets = True

    def __init__(self) -> None:
        self.color = False
        self.signature = ""
        self.width: int | None = None

    def _paint(self, text: str, style: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if self.color else text

    def start(self, run: RunInfo) -> str:
        self.color = run.color
        self.width = run.width if self.snippets else None
        self.signature = run.signature.format()
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        if not findings:
            return ""
        shown = shown_path(doc.path)
        title = shown if doc.doc_id == doc.path else f"{shown} ({doc.doc_id})"
        lines = [self._paint(title, "bold")]
        for f in findings:
            where = location(doc, f)
            suggestion = f"  -> {f.suggestion!r}" if f.suggestion is not None else ""
            sure = f" ({f.confidence_word}, {f.confidence:.2f})" if f.confidence is not None else ""
            plain = f"{where}  {f.severity.value}  {f.rule}{sure}  "
            painted = f"{where}  {self._paint(f.severity.value, f.severity.value)}  {f.rule}{sure}  "
            wrapped = wrap(plain, f"{f.message}{suggestion}", self.width)
            lines.append(painted + wrapped[0][len(plain):] if wrapped[0].startswith(plain)
                         else wrapped[0].replace(plain.rstrip(), painted.rstrip(), 1))
            lines.extend(wrapped[1:])
            if self.snippets:
                label, line, carets = snippet(doc, f, self.width)
                gutter = " " * len(label)
                lines.append(f"  {self._paint(label, 'dim')} {self._paint('|', 'dim')} {line}")
                lines.append(f"  {gutter} {self._paint('|', 'dim')} {self._paint(carets, f.severity.value)}")
        return "\n".join(lines) + "\n\n"

    def finish(self, summary: Summary) -> str:
        counts = ", ".join(
            f"{summary.by_severity.get(s.value, 0)} {s.value}{'s' if summary.by_severity.get(s.value, 0) != 1 else ''}"
            for s in Severity
        )
        errors = f", {summary.input_errors} input error(s)" if summary.input_errors else ""
        if summary.skipped:
            errors += f", {summary.skipped} skipped (untranslated)"
        head = f"{summary.findings} finding(s) in {summary.documents} document(s): {counts}{errors}"
        return f"{self._paint(head, 'bold')}\n{self._paint('signature: ' + self.signature, 'dim')}\n"
