"""Helpers shared by the reporter tests: documents with page residue ("Share",
"Related News"), which the boilerplate family flags as a warning, so the tests hold
whichever other families exist; and a way to run a reporter without the CLI."""

from __future__ import annotations

from pathlib import Path

from mtcheck.api import Checker
from mtcheck.document import Document
from mtcheck.findings import FailLevel
from mtcheck.reporters import RunInfo, Summary, make_reporter

ARTICLE = "Troops left the city.\nShare\nThe talks resumed on Monday.\nRelated News\n"
CLEAN = "The talks resumed on Monday.\n"


def residue_only(path: Path) -> list[str]:
    """Arguments that keep the run to the boilerplate family, whatever else exists."""
    return ["check", str(path), "--select", "boilerplate", "--quiet"]


def render(fmt: str, docs: list[Document], *, fail_on: FailLevel = FailLevel.ERROR,
           color: bool = False, select: tuple[str, ...] = ("boilerplate",), **config: object) -> str:
    """Run a reporter over documents the way the CLI does, without the CLI."""
    checker = Checker.from_config(select=select, **config)
    run = RunInfo(
        signature=checker.signature(), rules=checker.rules,
        severities={rid: checker.severity_of(rid) for rid in checker.rules},
        fail_on=fail_on, color=color,
    )
    reporter = make_reporter(fmt)
    summary = Summary()
    out = [reporter.start(run)]
    for doc in docs:
        findings = checker.check_document(doc)
        summary.add(doc, findings)
        out.append(reporter.document(doc, findings))
    out.append(reporter.finish(summary))
    return "".join(out)


def signature_of(select: tuple[str, ...] = ("boilerplate",)) -> str:
    return Checker.from_config(select=select).signature().format()


FEED_RECORD = Document("Kyiv said the talks resumed.\nShare", path="feed.jsonl", doc_id="story-7", record_line=4)


def parse_xml(text: str):
    from defusedxml import ElementTree

    return ElementTree.fromstring(text.encode("utf-8"))
