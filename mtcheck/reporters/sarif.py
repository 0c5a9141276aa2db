"""SARIF 2.1.0 (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One run: ``tool.driver`` lists every enabled rule (help from its explanation, level
from its configured severity), each finding is a result with a physical location
in the input file, a logical location naming the feed document, a fingerprint that
survives unrelated edits, and a fix where the finding has a suggestion. The run
signature goes in ``runs[0].properties`` and ``tool.driver.properties``.

Columns: our columns count Unicode code points, so the run says
``columnKind: "unicodeCodePoints"`` (SARIF's default is UTF-16 code units, which
would shift every column after an astral character). SARIF columns are 1-based, as
ours are, and ``endColumn`` is the column just after the region, as our exclusive
``end`` is.

Only a plain-text or aligned-line document maps its columns onto the input file. In
a JSONL/TSV record the column lies inside the ``mt`` field, not the file line, so
there the region is the record's line alone and the exact position is in the
result's ``properties`` (the contract's fields).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from mtcheck import __version__
from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.reporters import RunInfo, Summary
from mtcheck.rule_docs import rule_url
from mtcheck.rules import RuleInfo

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "mtcheckFinding/v1"
SRCROOT = "%SRCROOT%"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Context around the match that goes into the fingerprint: enough to tell two "Share"
# lines apart by their neighbours, small enough that edits elsewhere leave it alone.
_CONTEXT = 24


def display_path(path: str) -> str:
    """The input path relative to the working directory, with forward slashes
    (absolute when it lies outside it; ``-`` for stdin)."""
    if path == "-":
        return path
    pure = Path(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            return pure.as_posix()
    return PurePath(os.path.normpath(pure)).as_posix()


def artifact_location(path: str) -> dict[str, str]:
    shown = display_path(path)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it names one."""
    try:
        urls = metadata.metadata("mtcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository"):
            return url.strip()
    return None


def rule_name(rule_id: str) -> str:
    """SARIF's ``name`` is an identifier-like label: ``boilerplate.residue`` ->
    ``BoilerplateResidue``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[.\-_]", rule_id))


def _section(explanation: str, heading: str) -> str:
    match = re.search(rf"^##\s*{heading}\s*\n(.*?)(?=^##\s|\Z)", explanation, re.M | re.S | re.I)
    return " ".join(match.group(1).split()) if match else ""


def rule_descriptor(rule: RuleInfo, severity: Severity) -> dict[str, Any]:
    full = _section(rule.explanation, "What it does") or rule.summary
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.explanation.strip(), "markdown": rule.explanation.strip()},
        "helpUri": rule_url(rule.id),  # docs/rules/<id>.md (mtcheck.rule_docs)
        "defaultConfiguration": {"level": _LEVELS[severity]},
        "properties": {
            "category": rule.category.value,
            "tags": sorted({rule.category.value, rule.family}),
            "status": rule.status.value,
        },
    }


def message_text(finding: Finding) -> str:
    if finding.suggestion is None:
        return finding.message
    if finding.suggestion == "":
        return f"{finding.message} Suggestion: delete {finding.text!r}."
    return f"{finding.message} Suggestion: {finding.suggestion!r}."


def fingerprint(doc: Document, finding: Finding) -> str:
    """A hash of what the finding is about, never where it sits: doc id, rule, the
    matched text and its neighbours on the same line. Raw offsets would change with
    every edit above the finding and make code scanning open duplicate alerts."""
    text = doc.text
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, finding.start - _CONTEXT):finding.start]
    after = text[finding.end:min(line_end, finding.end + _CONTEXT)]
    digest = hashlib.sha256()
    for part in (finding.doc, finding.rule, finding.text, " ".join(before.split()), " ".join(after.split())):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


class Reporter:
    def __init__(self) -> None:
        self.run: RunInfo | None = None
        self.rule_index: dict[str, int] = {}
        self.results: list[dict[str, Any]] = []

    def start(self, run: RunInfo) -> str:
        self.run = run
        self.rule_index = {rid: i for i, rid in enumerate(sorted(run.rules))}
        return ""

    def document(self, doc: Document, findings: list[Finding]) -> str:
        occurrences: dict[str, int] = {}
        for finding in findings:
            base = fingerprint(doc, finding)
            occurrence = occurrences.get(base, 0) + 1
            occurrences[base] = occurrence
            self.results.append(self._result(doc, finding, f"{base}:{occurrence}"))
        return ""

    def _region(self, doc: Document, finding: Finding) -> dict[str, Any]:
        if doc.record_line is not None:
            return {"startLine": finding.input_line}
        _, end_column, end_input_line = doc.position(finding.end)
        region: dict[str, Any] = {
            "startLine": finding.input_line,
            "startColumn": finding.column,
            "endLine": end_input_line,
            "endColumn": end_column,
        }
        return region

    def _result(self, doc: Document, finding: Finding, print_: str) -> dict[str, Any]:
        region = self._region(doc, finding)
        if finding.text:
            region["snippet"] = {"text": finding.text}
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region},
        }
        if finding.doc != finding.path:
            location["logicalLocations"] = [{"name": finding.doc, "kind": "object"}]
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": _LEVELS[finding.severity],
            "message": {"text": message_text(finding)},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: print_},
            "properties": {
                "category": finding.category.value,
                "doc": finding.doc,
                "start": finding.start,
                "end": finding.end,
                "line": finding.line,
                "column": finding.column,
                "suggestion": finding.suggestion,
            },
        }
        if finding.rule in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.rule]
        if finding.suggestion is not None and doc.record_line is None:
            # A fix needs a region in the file itself, which a feed record lacks.
            deleted = {k: v for k, v in region.items() if k != "snippet"}
            result["fixes"] = [{
                "description": {"text": message_text(finding)},
                "artifactChanges": [{
                    "artifactLocation": artifact_location(finding.path),
                    "replacements": [{
                        "deletedRegion": deleted,
                        "insertedContent": {"text": finding.suggestion},
                    }],
                }],
            }]
        return result

    def finish(self, summary: Summary) -> str:
        assert self.run is not None, "start() comes first"
        run = self.run
        signature = run.signature.format()
        driver: dict[str, Any] = {
            "name": "mtcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [
                rule_descriptor(run.rules[rid], run.severities[rid]) for rid in self.rule_index
            ],
            "properties": {"signature": signature},
        }
        uri = information_uri()
        if uri:
            driver["informationUri"] = uri
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": summary.input_errors == 0}],
                "results": self.results,
                "properties": {
                    "signature": signature,
                    "signatureFields": run.signature.as_dict(),
                    "failOn": run.fail_on.value,
                    "summary": summary.as_dict(),
                },
            }],
        }
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
