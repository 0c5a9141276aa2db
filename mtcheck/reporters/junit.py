"""JUnit XML (``--format junit``) for CI systems that show test reports.

One ``<testsuite name="mtcheck">``; one ``<testcase>`` per document (``classname`` =
path, ``name`` = document id); one ``<failure>`` per finding at or above the fail
level; findings below it are listed in the test case's ``<system-out>``, so they are
visible without failing the build. ``<properties>`` carry the run signature.
``tests`` counts documents, ``failures`` the documents with at least one failure;
unreadable inputs are counted in the ``input_errors`` property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mtcheck import __version__
from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.reporters import RunInfo, Summary

# Characters XML 1.0 cannot carry at all, even escaped; a stray control character in
# a translation must not make the whole report unparseable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _arrow(finding: Finding) -> str:
    return f" -> {finding.suggestion!r}" if finding.suggestion is not None else ""


class Reporter:
    def __init__(self) -> None:
        self.run: RunInfo | None = None
        self.suite = ET.Element("testsuite", name="mtcheck")
        self.properties = ET.SubElement(self.suite, "properties")
        self.failed_documents = 0

    def start(self, run: RunInfo) -> str:
        self.run = run
        values = {
            "signature": run.signature.format(),
            **{f"signature.{k}": v for k, v in run.signature.as_dict().items()},
            "fail_on": run.fail_on.value,
            "mtcheck_version": __version__,
        }
        for name, value in values.items():
            ET.SubElement(self.properties, "property", name=name, value=_clean(value))
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        assert self.run is not None, "start() comes first"
        case = ET.SubElement(self.suite, "testcase", classname=_clean(doc.path), name=_clean(doc.doc_id))
        below: list[str] = []
        failures = 0
        for f in findings:
            where = f"{f.path}:{f.input_line}:{f.column}"
            if self.run.fail_on.reached_by(f.severity):
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=_clean(f"{f.rule}: {f.message}"), type=f.severity.value,
                )
                failure.text = _clean(f"{where} {f.text!r}{_arrow(f)}")
            else:
                below.append(_clean(f"{where}  {f.severity.value}  {f.rule}  {f.message}{_arrow(f)}"))
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below) + "\n"
        if failures:
            self.failed_documents += 1
        return ""

    def finish(self, summary: Summary) -> str:
        self.suite.set("tests", str(summary.documents))
        self.suite.set("failures", str(self.failed_documents))
        # Unreadable inputs are not test cases; counting them as errors would make
        # tests - failures - errors negative in some viewers.
        self.suite.set("errors", "0")
        ET.SubElement(self.properties, "property", name="input_errors", value=str(summary.input_errors))
        self.suite.set("skipped", "0")
        self.suite.set("time", f"{summary.seconds:.3f}")
        ET.indent(self.suite)
        body = ET.tostring(self.suite, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
