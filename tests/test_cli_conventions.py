"""stdin sniffed or named (--stdin-filename), stats on --format json, duplicate record ids,
--help metavars as words, and what the README promises about them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtcheck.stdin import sniff

ROOT = Path(__file__).resolve().parent.parent
SELECT = ["--select", "name.variant,boilerplate", "-f", "jsonl", "-j", "1"]
RECORD = json.dumps({"id": "r1", "mt": "Troops left Kiev."}) + "\n"
XLIFF = ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="uk" target-language="en"><body>'
         '<trans-unit id="u1"><source>Київ</source><target>Troops left Kiev.</target></trans-unit>'
         '</body></file></xliff>\n')


@pytest.mark.parametrize(("head", "fmt"), [
    (b'{"id": 1}', "jsonl"), (b'\xef\xbb\xbf\n  {"id": 1, "mt": "a long li', "jsonl"),
    (b"{0} was left in the text.\nMore.", "text"), (b"{{name}} said", "text"), (b"{0}", "text"),
    (b"<?xml version", "xliff"),
    (b"<xliff", "xliff"), (b"Troops left Kiev.", "text"), (b"a\tb\tc", "text"), (b"", "text"),
])
def test_sniff(head, fmt):
    assert sniff(head) == fmt


def test_stdin_is_sniffed(cli):
    jsonl = cli(["check", "-", *SELECT], input=RECORD)
    assert [(f["doc"], f["input_line"]) for f in jsonl.jsonl()] == [("r1", 1)]
    xliff = cli(["check", "-", *SELECT], input=XLIFF)
    assert [f["doc"] for f in xliff.jsonl()] == ["u1"]
    text = cli(["check", "-", *SELECT], input="Troops left Kiev.\nShare\n")
    assert [f["doc"] for f in text.jsonl()] == ["-", "-"]


def test_stdin_filename_names_paths_and_format(cli):
    named = cli(["check", "-", "--stdin-filename", "desk/story.txt", *SELECT], input=RECORD)
    # .txt says text: the JSON line is read as an article, and the path is the name
    [finding] = named.jsonl()
    assert (finding["path"], finding["doc"], finding["column"]) == ("desk/story.txt", "desk/story.txt", RECORD.index("Kiev") + 1)
    feed = cli(["check", "-", "--stdin-filename", "feeds/today.jsonl", *SELECT],
               input=RECORD + "not json\n")
    assert [(f["path"], f["doc"]) for f in feed.jsonl()] == [("feeds/today.jsonl", "r1")]
    assert "mtcheck: feeds/today.jsonl:2: not valid JSON" in feed.stderr
    forced = cli(["check", "-", "--stdin-filename", "x.txt", "--input-format", "jsonl", *SELECT], input=RECORD)
    assert [f["doc"] for f in forced.jsonl()] == ["r1"]


def test_stats_reads_its_own_json_report(cli, tmp_path):
    article = ROOT / "corpora" / "articles" / "sample-wire.txt"
    as_jsonl = tmp_path / "f.jsonl"
    as_json = tmp_path / "f.json"
    as_jsonl.write_text(cli(["check", article, "-f", "jsonl", "-q"]).stdout, encoding="utf-8")
    as_json.write_text(cli(["check", article, "-f", "json", "-q"]).stdout, encoding="utf-8")
    from_jsonl = json.loads(cli(["stats", as_jsonl, "-f", "json"]).stdout)
    from_json = json.loads(cli(["stats", as_json, "-f", "json"]).stdout)
    assert from_json == from_jsonl and from_json["findings"] > 0
    from_stdin = cli(["stats", "-", "-f", "json"], input=as_json.read_text(encoding="utf-8"))
    assert json.loads(from_stdin.stdout) == from_jsonl
    empty = tmp_path / "empty.json"
    empty.write_text(cli(["check", ROOT / "corpora" / "articles" / "clean-river-crossing.txt",
                          "-f", "json", "-q", "--select", "boilerplate"]).stdout, encoding="utf-8")
    assert json.loads(cli(["stats", empty, "-f", "json"]).stdout)["findings"] == 0
    other = tmp_path / "other.json"
    other.write_text('{\n  "results": []\n}\n', encoding="utf-8")
    refused = cli(["stats", other])
    assert refused.exit_code == 2 and "neither mtcheck JSONL findings nor" in refused.stderr


def test_duplicate_record_ids_are_a_warning(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(RECORD + json.dumps({"id": "r2", "mt": "Calm."}) + "\n" + RECORD, encoding="utf-8")
    result = cli(["check", feed, *SELECT, "--fail-on", "never"])
    assert result.exit_code == 0
    assert len(result.jsonl()) == 2  # both records are still checked
    assert f"mtcheck: warning: {feed}:3: duplicate id 'r1' (first at line 1)" in result.stderr
    # the same id in two files is not a duplicate
    other = tmp_path / "other.jsonl"
    other.write_text(RECORD, encoding="utf-8")
    result = cli(["check", feed, other, *SELECT])
    assert result.stderr.count("duplicate id") == 1


COMMANDS = ["check", "rules", "explain", "styles", "stats", "score", "compare"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_metavars_are_words_not_python_types(command, monkeypatch):
    from typer.testing import CliRunner

    from mtcheck.cli import app

    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(app, [command, "--help"] if command else ["--help"])
    assert result.exit_code == 0
    out = result.stdout
    assert not re.search(r"<[a-z_\[\], ]+>", out), out  # <bool>, <list[str]>, <int>
    assert not re.search(r"\b(TEXT|INTEGER|FLOAT|BOOLEAN)\b", out), out
    if command == "check":
        for word in ("FILE", "RULE", "N", "PATTERN", "LEVEL", "FORMAT", "WHEN"):
            assert re.search(rf"\b{word}\b", out), word


def test_readme_documents_the_conventions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```", 2)[1]
    assert "mtcheck check corpora/articles/sample-wire.txt" in first
    intro = readme.split("## ", 1)[0]
    assert re.search(r"sample.*exits\s+with\s+status\s+1", intro, re.S)  # it has planted errors
    for heading in ("## Configuration", "## Suppressing findings", "## Fixing", "**Exit status**"):
        assert heading in readme, heading
    for term in ("--isolated", "--extend-select", "--preview", "mtcheck_ignore", "<!-- mtcheck: ignore",
                 "per-file-ignores", "respect-gitignore", "--fix", "--diff", "--unsafe-fixes",
                 "--stdin-filename", "--color", "docs/rules/"):
        assert term in readme, term
