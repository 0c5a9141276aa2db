"""The findings contract on the bundled sample: field set, offsets, exit codes."""

from __future__ import annotations

from mtcheck.findings import FIELDS, OPTIONAL_FIELDS


def test_jsonl_fields_and_offsets(cli, corpora):
    sample = corpora / "articles" / "sample-wire.txt"
    result = cli(["check", sample, "--format", "jsonl", "--fail-on", "never"])
    assert result.exit_code == 0
    text = sample.read_text(encoding="utf-8")
    findings = result.jsonl()
    assert findings, "the sample has planted artifacts"
    for f in findings:
        assert tuple(f)[:len(FIELDS)] == FIELDS and set(tuple(f)[len(FIELDS):]) <= set(OPTIONAL_FIELDS)
        assert text[f["start"]:f["end"]] == f["text"]
        line_start = text.rfind("\n", 0, f["start"]) + 1
        assert f["line"] == text.count("\n", 0, f["start"]) + 1
        assert f["column"] == f["start"] - line_start + 1


def test_stdin_and_fail_levels(cli):
    text = "The talks resumed.\nShare\n"
    warn = cli(["check", "-", "--format", "jsonl", "--fail-on", "warning"], input=text)
    assert warn.exit_code == 1
    assert warn.jsonl()[0]["path"] == "-"
    never = cli(["check", "-", "--format", "jsonl", "--fail-on", "never"], input=text)
    assert never.exit_code == 0


def test_missing_file_is_input_error(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Share\n", encoding="utf-8")
    result = cli(["check", tmp_path / "missing.txt", good, "--format", "jsonl"])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert len(result.jsonl()) == 1  # the good file is still checked
