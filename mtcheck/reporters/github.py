"""GitHub Actions workflow commands (``--format github``): one annotation a finding,

    ::warning file=news/a.txt,line=2,col=1,endColumn=6,title=boilerplate.residue::MESSAGE

``error`` / ``warning`` / ``notice`` for our error / warning / info. Escaping follows
the Actions runner (``ActionCommand`` in actions/toolkit ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D``, ``%0A``; in property values
``:`` and ``,`` also become ``%3A`` and ``%2C``, because they delimit properties.

In a JSONL/TSV record the column lies inside the ``mt`` field, not the file's line,
so there the annotation names the record's line only and the message says where.
"""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.reporters import RunInfo, Summary
from mtcheck.reporters.sarif import display_path

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(doc: Document, finding: Finding) -> str:
    props: dict[str, str | int] = {"file": display_path(finding.path), "line": finding.input_line}
    message = finding.message
    if doc.record_line is None:
        _, end_column, end_line = doc.position(finding.end)
        props["col"] = finding.column
        if end_line == finding.input_line:
            props["endColumn"] = end_column
        else:
            props["endLine"] = end_line
    else:
        message += f" [document {finding.doc}, line {finding.line}, column {finding.column}]"
    if finding.suggestion is not None:
        message += f" -> {finding.suggestion!r}"
    props["title"] = finding.rule
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{_COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


class Reporter:
    def start(self, run: RunInfo) -> str:
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        return "".join(annotation(doc, f) + "\n" for f in findings)

    def finish(self, summary: Summary) -> str:
        return ""
