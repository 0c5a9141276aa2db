"""--fix, --diff and --unsafe-fixes on text and aligned files; overlapping edits;
atomic writes that keep CRLF, BOM and permissions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from mtcheck.document import Document
from mtcheck.findings import Category, Finding, Severity
from mtcheck.fixes import Edit, apply, plan

ARTICLE = (
    "Troops left Kiev on Monday.\n"
    "Share\n"
    "The General Staff counted forty raids. She said the damage was light.\n"
    "Officials in Zaporozhye confirmed it.\n"
)
FIXED = (
    "Troops left Kyiv on Monday.\n"
    "The General Staff counted forty raids. She said the damage was light.\n"
    "Officials in Zaporizhzhia confirmed it.\n"
)
SELECT = ["--select", "name,boilerplate,pronoun", "-j", "1"]


def article(tmp_path: Path, text: str = ARTICLE, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_fix_applies_safe_edits_and_reports_what_is_left(cli, tmp_path):
    path = article(tmp_path)
    result = cli(["check", path, "--fix", "-f", "jsonl", *SELECT])
    assert path.read_text(encoding="utf-8") == FIXED
    left = result.jsonl()
    assert [(f["rule"], f["text"]) for f in left] == [("pronoun.institution", "She")]  # unsafe: kept
    she = left[0]
    assert FIXED[she["start"]:she["end"]] == "She" and she["line"] == 2  # positions in the fixed file
    assert result.exit_code == 0  # only a warning is left; fail-on is error
    assert "mtcheck: fixed 3 finding(s) in 1 file(s)" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name != "a.txt"]  # no temporary file left
    # a second run has nothing safe left to do
    again = cli(["check", path, "--fix", "-f", "jsonl", *SELECT])
    assert path.read_text(encoding="utf-8") == FIXED and "fixed 0 finding(s)" in again.stderr


def test_unsafe_fixes_apply_pronoun_suggestions_too(cli, tmp_path):
    path = article(tmp_path)
    result = cli(["check", path, "--fix", "--unsafe-fixes", "-f", "jsonl", *SELECT])
    assert path.read_text(encoding="utf-8") == FIXED.replace("She said", "It said")
    assert result.jsonl() == []
    alone = cli(["check", path, "--unsafe-fixes"])
    assert alone.exit_code == 2 and "--fix or --diff" in alone.stderr


def test_diff_prints_a_unified_diff_and_changes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = article(tmp_path)
    result = cli(["check", "a.txt", "--diff", *SELECT])
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert result.exit_code == 1  # there is something to fix
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert "-Troops left Kiev on Monday." in lines and "+Troops left Kyiv on Monday." in lines
    assert "-Share" in lines and "+Share" not in lines
    assert not any("She" in line and line.startswith("+") for line in lines)
    assert "pronoun.institution" not in result.stdout  # the report is not mixed into the diff
    # the report can still go to a file, with the input's positions
    report = tmp_path / "report.jsonl"
    cli(["check", "a.txt", "--diff", "-f", "jsonl", "-o", report, *SELECT])
    assert len(report.read_text(encoding="utf-8").splitlines()) == 4
    clean = article(tmp_path, FIXED, "clean.txt")
    nothing = cli(["check", clean, "--diff", *SELECT])
    assert nothing.exit_code == 0 and nothing.stdout == ""


def test_diff_from_stdin_and_fix_refuses_stdin(cli):
    diff = cli(["check", "-", "--diff", *SELECT], input=ARTICLE)
    assert "+Troops left Kyiv on Monday." in diff.stdout
    fix = cli(["check", "-", "--fix", "-f", "jsonl", *SELECT], input=ARTICLE)
    assert "read from stdin, not fixed" in fix.stderr
    assert len(fix.jsonl()) == 4


def test_fix_keeps_crlf_bom_and_permissions(cli, tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o640)
    cli(["check", path, "--fix", *SELECT])
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_fix_writes_through_a_symlink(cli, tmp_path):
    real = article(tmp_path, name="real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    cli(["check", link, "--fix", *SELECT])
    assert link.is_symlink() and real.read_text(encoding="utf-8") == FIXED


def test_feeds_are_not_rewritten(cli, tmp_path):
    path = tmp_path / "feed.jsonl"
    content = json.dumps({"id": "1", "mt": "Troops left Kiev."}) + "\n"
    path.write_text(content, encoding="utf-8")
    result = cli(["check", path, "--fix", "-f", "jsonl", *SELECT])
    assert path.read_text(encoding="utf-8") == content
    assert [f["rule"] for f in result.jsonl()] == ["name.variant"]


def test_aligned_files_keep_their_lines(cli, tmp_path):
    hyp = tmp_path / "hyp.en"
    src = tmp_path / "src.uk"
    hyp.write_text("Troops left Kiev.\nShare\nThe talks resumed.\n", encoding="utf-8")
    src.write_text("Війська залишили Київ.\nПоділитися\nПереговори відновилися.\n", encoding="utf-8")
    diff = cli(["check", "--mt", hyp, "--src", src, "--diff", *SELECT])
    assert "-Troops left Kiev." in diff.stdout and "+Troops left Kyiv." in diff.stdout
    assert diff.exit_code == 1
    cli(["check", "--mt", hyp, "--src", src, "--fix", *SELECT])
    # the residue line is emptied, not removed: line 3 still pairs with line 3 of the source
    assert hyp.read_text(encoding="utf-8") == "Troops left Kyiv.\n\nThe talks resumed.\n"
    assert src.read_text(encoding="utf-8").count("\n") == 3


def test_fix_skips_a_file_changed_since_it_was_read(tmp_path):
    from mtcheck.fixes import Fixer

    path = article(tmp_path)
    doc = Document(ARTICLE, path=str(path))
    finding = _finding(doc, "name.variant", 12, 16, "Kyiv")
    path.write_text(ARTICLE + "More.\n", encoding="utf-8")
    warnings: list[str] = []
    fixer = Fixer(write=True, diff=None, unsafe=False, warn=warnings.append)
    fixer.fix(doc, [finding])
    assert path.read_text(encoding="utf-8") == ARTICLE + "More.\n"
    assert warnings and "changed since it was checked" in warnings[0]


def _finding(doc: Document, rule: str, start: int, end: int, suggestion: str | None) -> Finding:
    line, column, input_line = doc.position(start)
    return Finding(doc.path, doc.doc_id, start, end, line, column, input_line, rule,
                   Category.NAME_VARIANT, Severity.ERROR, doc.text[start:end], "m", suggestion)


def test_overlapping_edits_resolve_deterministically():
    text = "Kyіv-Kiev Share\nShare\nend"
    doc = Document(text, path="x.txt")
    findings = [
        _finding(doc, "untranslated.mixed-script", 0, 4, "Kyiv"),
        _finding(doc, "name.variant", 0, 4, "Kyiv"),           # the same edit: one edit
        _finding(doc, "name.near-miss", 0, 9, "Kyiv-Kyiv"),    # unsafe: not offered
        _finding(doc, "name.inconsistency", 2, 4, "iv"),        # overlaps the first: dropped
        _finding(doc, "name.variant", 5, 9, "Kyiv"),
        _finding(doc, "boilerplate.residue", 16, 21, ""),       # a whole line: deleted with its newline
    ]
    for order in (findings, list(reversed(findings))):
        edits, fixed = plan(doc, order, unsafe=False)
        assert edits == [Edit(0, 4, "Kyiv", "name.variant"), Edit(5, 9, "Kyiv", "name.variant"),
                         Edit(16, 22, "", "boilerplate.residue")]
        assert apply(text, edits) == "Kyiv-Kyiv Share\nend"
        assert {f.rule for f in fixed} == {"untranslated.mixed-script", "name.variant", "boilerplate.residue"}
    # with unsafe fixes the longer edit at the same start wins over the shorter ones
    edits, _ = plan(doc, findings, unsafe=True)
    assert edits[0] == Edit(0, 9, "Kyiv-Kyiv", "name.near-miss")
    assert apply(text, edits) == "Kyiv-Kyiv Share\nend"


def test_fix_writes_atomically_even_when_the_write_fails(tmp_path, monkeypatch):
    from mtcheck import fixes

    path = article(tmp_path)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    warnings: list[str] = []
    fixer = fixes.Fixer(write=True, diff=None, unsafe=False, warn=warnings.append)
    doc = Document(ARTICLE, path=str(path))
    fixer.fix(doc, [_finding(doc, "name.variant", 12, 16, "Kyiv")])
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert "cannot write" in warnings[0]
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fix_keeps_suppression_comments_and_respects_them(cli, tmp_path):
    text = "Chicken Kiev is served. <!-- mtcheck: ignore name.variant -->\nTroops left Kiev.\n"
    path = article(tmp_path, text)
    result = cli(["check", path, "--fix", "-f", "jsonl", *SELECT])
    assert path.read_text(encoding="utf-8") == text.replace("left Kiev", "left Kyiv")
    assert result.jsonl() == [] and "changed since" not in result.stderr


def test_stdin_filename_is_never_written_by_fix(cli, tmp_path):
    target = article(tmp_path)
    result = cli(["check", "-", "--stdin-filename", target, "--fix", *SELECT], input=ARTICLE.replace("Monday", "Sunday"))
    assert target.read_text(encoding="utf-8") == ARTICLE
    assert "read from stdin, not fixed" in result.stderr


def test_residue_between_paragraphs_leaves_one_blank_line(cli, tmp_path):
    path = article(tmp_path, "Troops left.\n\nShare\n\nThe talks resumed.\n\nRelated News\n\nNo Comments Found\n")
    cli(["check", path, "--fix", *SELECT])
    assert path.read_text(encoding="utf-8") == "Troops left.\n\nThe talks resumed.\n"
