"""Every report format: shape, counts, the run signature, escaping, --output.

The texts use page residue ("Share", "Related News"), which the boilerplate family
flags as a warning, so these tests hold whichever other families exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.api import Checker
from mtcheck.document import Document
from mtcheck.findings import FailLevel
from mtcheck.reporters import RunInfo, Summary, make_reporter

ARTICLE = "Troops left the city.\nShare\nThe talks resumed on Monday.\nRelated News\n"
CLEAN = "The talks resumed on Monday.\n"


def residue_only(path: Path) -> list[str]:
    """Arguments that keep the run to the boilerplate family, whatever else exists."""
    return ["check", str(path), "--select", "boilerplate", "--quiet"]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def render(fmt: str, docs: list[Document], *, fail_on: FailLevel = FailLevel.ERROR,
           color: bool = False, select: tuple[str, ...] = ("boilerplate",)) -> str:
    """Run a reporter over documents the way the CLI does, without the CLI."""
    checker = Checker.from_config(select=select)
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


# -- json ---------------------------------------------------------------------


def test_json_is_one_document_with_findings_and_summary():
    docs = [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="b.txt")]
    data = json.loads(render("json", docs))
    assert set(data) == {"findings", "summary"}
    assert [f["text"] for f in data["findings"]] == ["Share", "Related News"]
    for f in data["findings"]:
        assert ARTICLE[f["start"]:f["end"]] == f["text"]
        assert f["path"] == "a.txt"
    summary = data["summary"]
    assert summary["documents"] == 2
    assert summary["findings"] == 2
    assert summary["by_severity"] == {"error": 0, "warning": 2, "info": 0}
    assert summary["by_rule"] == {"boilerplate.residue": 2}
    assert summary["signature"] == signature_of()
    fields = summary["signature_fields"]
    assert "|".join(f"{k}:{v}" for k, v in fields.items()) == summary["signature"]


def test_json_without_findings_is_still_valid():
    data = json.loads(render("json", [Document(CLEAN, path="b.txt")]))
    assert data["findings"] == []
    assert data["summary"]["documents"] == 1


def test_json_keeps_non_ascii_text_readable():
    text = "Київ сьогодні.\nShare\n"
    out = render("json", [Document(text, path="ук.txt")])
    assert "ук.txt" in out  # not \u-escaped
    finding = json.loads(out)["findings"][0]
    assert text[finding["start"]:finding["end"]] == "Share"
