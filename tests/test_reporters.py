"""Report formats json, junit, github, summary and text; colour; --output for every format.

SARIF has its own module (test_reporters_sarif.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from reporting_helpers import ARTICLE, CLEAN, FEED_RECORD, parse_xml, render, residue_only, signature_of

from mtcheck.api import Checker
from mtcheck.document import Document
from mtcheck.findings import FailLevel, Severity


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- json ---------------------------------------------------------------------


def test_json_is_one_document_with_findings_and_summary():
    docs = [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="b.txt")]
    data = json.loads(render("json", docs))
    assert set(data) == {"findings", "summary", "rules"}
    assert data["rules"] == [{
        "id": "boilerplate.residue", "category": "boilerplate", "severity": "warning", "status": "stable",
        "url": "https://example.invalid/mtcheck/docs/rules/boilerplate.residue.md"}]
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


# -- junit --------------------------------------------------------------------


@pytest.mark.parametrize("fail_on, failures, quiet", [
    (FailLevel.WARNING, 2, 0),  # residue is a warning: both lines fail
    (FailLevel.INFO, 2, 0),
    (FailLevel.ERROR, 0, 2),  # below the fail level: listed in system-out
    (FailLevel.NEVER, 0, 2),
])
def test_junit_counts_follow_the_fail_level(fail_on, failures, quiet):
    docs = [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="feed.jsonl", doc_id="s1", record_line=3)]
    suite = parse_xml(render("junit", docs, fail_on=fail_on))
    assert suite.tag == "testsuite" and suite.get("name") == "mtcheck"
    assert suite.get("tests") == "2"
    assert suite.get("failures") == ("1" if failures else "0")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [("a.txt", "a.txt"), ("feed.jsonl", "s1")]
    found = cases[0].findall("failure")
    assert len(found) == failures
    out = cases[0].find("system-out")
    assert (len(out.text.strip().splitlines()) if out is not None else 0) == quiet
    assert not cases[1].findall("failure") and cases[1].find("system-out") is None


def test_junit_failure_message_and_body():
    suite = parse_xml(render("junit", [Document(ARTICLE, path="a.txt")], fail_on=FailLevel.WARNING))
    first = suite.find("testcase/failure")
    assert first.get("message").startswith("boilerplate.residue: ")
    assert first.get("type") == "warning"
    assert first.text == "a.txt:2:1 'Share' -> ''"


def test_junit_properties_carry_the_signature():
    suite = parse_xml(render("junit", [Document(ARTICLE, path="a.txt")]))
    props = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert props["signature"] == signature_of()
    assert props["fail_on"] == "error"
    assert all(props[f"signature.{k}"] == v for k, v in
               Checker.from_config(select=("boilerplate",)).signature().as_dict().items())


def test_junit_survives_markup_and_control_characters():
    doc = Document("<b>&</b>\nShare\n", path="a&b<c>.txt", doc_id="id\x01\"quoted\"")
    suite = parse_xml(render("junit", [doc], fail_on=FailLevel.WARNING))
    case = suite.find("testcase")
    assert case.get("classname") == "a&b<c>.txt"
    assert case.get("name") == "id\ufffd\"quoted\""
    assert case.find("failure").text.startswith("a&b<c>.txt:2:1 ")


# -- github -------------------------------------------------------------------


def test_github_annotation_per_finding():
    out = render("github", [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="b.txt")])
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::warning file=a.txt,line=2,col=1,endColumn=6,title=boilerplate.residue::")
    assert lines[1].startswith("::warning file=a.txt,line=4,col=1,endColumn=13,title=boilerplate.residue::")
    assert lines[0].endswith(" -> ''")


@pytest.mark.parametrize("severity, command", [
    (Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice"),
])
def test_github_command_follows_the_configured_severity(severity, command):
    rule_id = next(iter(Checker.from_config(select=("boilerplate",)).rules))
    out = render("github", [Document(ARTICLE, path="a.txt")], severity={rule_id: severity})
    assert {line.split(" ", 1)[0] for line in out.splitlines()} == {f"::{command}"}


def unescape_like_the_runner(text: str, prop: bool) -> str:
    """The inverse the Actions runner applies (ActionCommand.cs), for round trips."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for token, char in pairs + [("%25", "%")]:
        text = text.replace(token, char)
    return text


def test_github_escaping():
    from mtcheck.findings import Category, Finding
    from mtcheck.reporters.github import annotation, escape_data, escape_property

    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"  # only properties escape : and ,
    assert escape_property("C:\\x,y%z\n") == "C%3A\\x%2Cy%25z%0A"
    assert escape_data("%0A") == "%250A"  # a literal %0A must not turn into a newline

    doc = Document("Share\n", path="odd, name: 50%.txt")
    finding = Finding(path=doc.path, doc=doc.doc_id, start=0, end=5, line=1, column=1, input_line=1,
                      rule="boilerplate.residue", category=Category.BOILERPLATE, severity=Severity.WARNING,
                      text="Share", message="Residue: 50% of\nthe line", suggestion=None)
    line = annotation(doc, finding)
    assert "\n" not in line
    head, message = line[2:].split("::", 1)
    command, props = head.split(" ", 1)
    assert command == "warning"
    parsed = dict(p.split("=", 1) for p in props.split(","))
    assert unescape_like_the_runner(parsed["file"], prop=True) == "odd, name: 50%.txt"
    assert unescape_like_the_runner(message, prop=False) == "Residue: 50% of\nthe line"


def test_github_feed_record_names_the_document():
    line = render("github", [FEED_RECORD]).strip()
    assert line.startswith("::warning file=feed.jsonl,line=4,title=boilerplate.residue::")
    assert "col=" not in line
    assert "[document story-7, line 2, column 1]" in line


# -- summary ------------------------------------------------------------------


def section(report: str, title: str) -> list[str]:
    """The indented lines under a heading of the summary report."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        body.append(line.split())
    return body


def test_summary_counts_rules_severities_and_top_documents():
    # Document k carries k residue lines, so the top list is known exactly.
    docs = [Document("Text.\n" + "Share\n" * k, path="feed.jsonl", doc_id=f"d{k}", record_line=k)
            for k in range(13)]
    report = render("summary", docs)
    assert "documents 13 " in report and "findings 78" in report
    assert section(report, "by severity") == [["error", "0"], ["warning", "78"], ["info", "0"]]
    assert ["boilerplate", "78"] in section(report, "by category")
    checker = Checker.from_config(select=("boilerplate",))
    rules = {row[0]: row[1:] for row in section(report, "by rule")}
    assert rules == {rid: [checker.severity_of(rid).value, "78" if rid == "boilerplate.residue" else "0"]
                     for rid in checker.rules}
    top = section(report, "top documents")
    assert [row[2] for row in top] == [f"d{k}" for k in range(12, 2, -1)]
    assert [int(row[0]) for row in top] == list(range(12, 2, -1))
    assert report.rstrip().endswith(f"signature: {signature_of()}")


def test_summary_lists_enabled_rules_that_found_nothing():
    report = render("summary", [Document(CLEAN, path="b.txt")])
    assert "findings 0" in report
    assert section(report, "by rule") == [["boilerplate.residue", "warning", "0"]]
    assert section(report, "top documents") == []


# -- text ---------------------------------------------------------------------

TEXT_LINE = re.compile(r"^(?P<where>\S+:\d+(?::\d+)?)  (?P<severity>error|warning|info)  (?P<rule>[a-z][\w.-]*)  "
                       r"(?P<message>.+?)(?:  -> (?P<suggestion>'.*'))?$")


def test_text_groups_findings_by_document():
    docs = [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="b.txt"), FEED_RECORD]
    report = render("text", docs)
    blocks = report.split("\n\n")
    assert blocks[0].splitlines()[0] == "a.txt"
    assert blocks[1].splitlines()[0] == "feed.jsonl (story-7)"  # the clean document has no block
    first = TEXT_LINE.match(blocks[0].splitlines()[1])
    assert first is not None
    assert first.group("where") == "a.txt:2:1"
    assert (first.group("severity"), first.group("rule"), first.group("suggestion")) == (
        "warning", "boilerplate.residue", "''")
    # under each finding: the checked line and a caret under the span
    assert blocks[0].splitlines()[2:4] == ["  2 | Share", "    | ^^^^^"]
    assert TEXT_LINE.match(blocks[0].splitlines()[4]).group("where") == "a.txt:4:1"
    # feed findings point at the record's line of the input file; a record built without
    # its raw line has no file column, so none is printed and the snippet is the mt text
    assert TEXT_LINE.match(blocks[1].splitlines()[1]).group("where") == "feed.jsonl:4"
    assert blocks[1].splitlines()[2:4] == ["  mt 2 | Share", "       | ^^^^^"]


def test_text_summary_counts_per_severity():
    report = render("text", [Document(ARTICLE, path="a.txt"), Document(CLEAN, path="b.txt")])
    head, signature = report.strip().splitlines()[-2:]
    assert head.startswith("2 finding(s) in 2 document(s): ")
    assert "0 errors" in head and "2 warnings" in head and "0 infos" in head
    assert signature == f"signature: {signature_of()}"


def test_text_colour_only_when_asked():
    docs = [Document(ARTICLE, path="a.txt")]
    plain = render("text", docs, color=False)
    coloured = render("text", docs, color=True)
    assert "\033[" not in plain
    assert "\033[33mwarning\033[0m" in coloured
    assert ANSI.sub("", coloured) == plain


ANSI = re.compile(r"\033\[[0-9;]*m")


def run_on_tty(args: list[str], cwd: Path, no_color: bool) -> str:
    """Run the real CLI with stdout on a pseudo-terminal (CliRunner's stdout is never a TTY)."""
    import os
    import pty
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-c", "from mtcheck.cli import main; main()", *args],
                              stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              cwd=cwd, env=env, timeout=60)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    assert proc.returncode == 0, proc.stderr
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a POSIX pseudo-terminal")
def test_cli_colours_a_tty_unless_no_color(article, tmp_path):
    args = residue_only(article) + ["--fail-on", "never"]
    coloured = run_on_tty(args, tmp_path, no_color=False)
    assert ANSI.search(coloured)
    assert "boilerplate.residue" in coloured
    assert not ANSI.search(run_on_tty(args, tmp_path, no_color=True))
    # --output goes to a file: no colour codes in it, even from a terminal
    report = tmp_path / "report.txt"
    run_on_tty(args + ["--output", report], tmp_path, no_color=False)
    assert "boilerplate.residue" in report.read_text(encoding="utf-8")
    assert not ANSI.search(report.read_text(encoding="utf-8"))


def test_cli_text_has_no_colour_when_piped(cli, article, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = cli(residue_only(article) + ["--fail-on", "never"])
    assert "boilerplate.residue" in result.stdout
    assert not ANSI.search(result.stdout)


# -- --output -----------------------------------------------------------------


def parses(fmt: str, text: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in text.splitlines())
    elif fmt == "junit":
        parse_xml(text)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "sarif", "junit", "github", "summary"])
def test_output_file_gets_the_report_and_stdout_stays_empty(cli, article, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    args = residue_only(article) + ["--format", fmt, "--fail-on", "never"]
    written = cli(args + ["--output", target])
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    content = target.read_text(encoding="utf-8")
    assert "Share" in content or "boilerplate.residue" in content
    parses(fmt, content)
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place
    if fmt not in ("junit", "summary"):  # the others hold no timings: byte-identical
        assert content == cli(args).stdout


def test_jsonl_keeps_each_finding_on_one_line_whatever_its_text() -> None:
    from mtcheck.findings import Category, Finding
    from mtcheck.reporters.jsonl import dumps

    text = "a\u0085b\u2028c\u2029d"
    finding = Finding(path="x.txt", doc="x.txt", start=0, end=7, line=1, column=1, input_line=1,
                      rule="untranslated.script", category=Category.UNTRANSLATED, severity=Severity.WARNING,
                      text=text, message=f"script run '{text}'", suggestion=None)
    line = dumps(finding)
    assert len(line.splitlines()) == 1
    assert json.loads(line)["text"] == text
