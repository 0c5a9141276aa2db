"""The human report: file columns an editor can jump to (feeds too), the checked line
with a caret, relative paths, wrapping, --color/FORCE_COLOR/NO_COLOR; concise; rule
documentation URLs in SARIF and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mtcheck import registry
from mtcheck.document import Document
from mtcheck.findings import Category, Finding, Severity
from mtcheck.reporters.snippet import location, snippet, wrap

ANSI = re.compile(r"\033\[[0-9;]*m")
SELECT = ["--select", "name.variant", "-j", "1"]


def _finding(doc: Document, start: int, end: int) -> Finding:
    line, column, input_line = doc.position(start)
    return Finding(doc.path, doc.doc_id, start, end, line, column, input_line, "name.variant",
                   Category.NAME_VARIANT, Severity.ERROR, doc.text[start:end], "m", "Kyiv")


def test_caret_sits_under_the_span_with_wide_characters():
    text = "Сказали 東京 and then Kiev again."
    doc = Document(text, path="a.txt")
    start = text.index("Kiev")
    label, line, carets = snippet(doc, _finding(doc, start, start + 4), width=100)
    assert label == "1" and line == text
    # 東京 takes four terminal cells, so the caret is two cells further right than the index
    assert carets == " " * (start + 2) + "^^^^"


def test_long_lines_are_cut_around_the_span():
    text = "word " * 100 + "Kiev" + " word" * 100
    doc = Document(text, path="a.txt")
    start = text.index("Kiev")
    _, line, carets = snippet(doc, _finding(doc, start, start + 4), width=80)
    assert line.startswith("…") and line.endswith("…") and len(line) <= 80
    assert line[carets.index("^"):carets.index("^") + 4] == "Kiev"


def test_messages_wrap_to_the_width_on_a_terminal_only():
    head = "a.txt:1:1  error  name.variant  "
    message = "a rather long message " * 8
    assert wrap(head, message, None) == [head + message]
    lines = wrap(head, message.strip(), 60)
    assert lines[0].startswith(head) and all(len(line) <= 60 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])
    assert " ".join(part.strip() for part in lines)[len(head):] == " ".join(message.split())


def test_report_paths_are_relative_to_the_working_directory(cli, tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Troops left Kiev.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli(["check", str(tmp_path / "news" / "a.txt"), *SELECT])
    lines = result.stdout.splitlines()
    assert lines[0] == "news/a.txt"
    assert lines[1].startswith("news/a.txt:1:13  error  name.variant  ")
    assert lines[2:4] == ["  1 | Troops left Kiev.", "    |             ^^^^"]
    concise = cli(["check", str(tmp_path / "news" / "a.txt"), "-f", "concise", *SELECT]).stdout
    assert concise.splitlines()[1].startswith("news/a.txt:1:13  error") and "^^^^" not in concise


def _column_points_at(path: Path, where: str, text: str) -> bool:
    _, line, column = where.rsplit(":", 2)
    raw = path.read_text(encoding="utf-8").splitlines()[int(line) - 1]
    return raw[int(column) - 1:].startswith(text)


def test_jsonl_locations_are_file_columns_through_json_escapes(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "1", "src": "Київ", "mt": "Troops left Kiev."},
        {"mt": 'He said "é\u00e9 \U0001f600"\nin Kiev.', "id": "2"},
    ]
    feed.write_text(json.dumps(records[0]) + "\n\n" + json.dumps(records[1]) + "\n", encoding="utf-8")
    result = cli(["check", "feed.jsonl", *SELECT])
    wheres = re.findall(r"^(feed\.jsonl:\d+:\d+)  error", result.stdout, re.M)
    assert len(wheres) == 2
    for where in wheres:
        assert _column_points_at(feed, where, "Kiev"), where
    assert wheres[1].startswith("feed.jsonl:3:")
    # the snippet shows the mt text, labelled, with its own line number inside mt
    assert "  mt 2 | in Kiev." in result.stdout


def test_tsv_locations_are_file_columns(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bitext = tmp_path / "b.tsv"
    bitext.write_text("id\tsrc\tmt\n7\tВійська залишили Київ.\tTroops left Kiev.\n", encoding="utf-8")
    result = cli(["check", "b.tsv", *SELECT])
    [where] = re.findall(r"^(b\.tsv:\d+:\d+)  error", result.stdout, re.M)
    assert _column_points_at(bitext, where, "Kiev")


def test_xliff_locations_name_the_unit_line_only(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.xlf").write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="uk" target-language="en">'
        '<body>\n<trans-unit id="u1"><source>Київ</source>\n<target>Troops left Kiev.</target>'
        '</trans-unit></body></file></xliff>\n', encoding="utf-8")
    result = cli(["check", "a.xlf", *SELECT])
    assert re.search(r"^a\.xlf:3  error  name\.variant", result.stdout, re.M)
    assert "  mt | Troops left Kiev." in result.stdout


def test_feed_record_location_with_a_record_built_by_the_api():
    doc = Document("Troops left Kiev.", path="feed.jsonl", doc_id="x", record_line=4)
    assert location(doc, _finding(doc, 12, 16)) == "feed.jsonl:4"


@pytest.mark.parametrize(("args", "env", "coloured"), [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {"NO_COLOR": ""}, False),  # not a terminal: auto is off
    (["--color", "always", "-f", "jsonl"], {}, False),  # only the text formats have colour
])
def test_color_option_and_environment(cli, tmp_path, monkeypatch, args, env, coloured):
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "a.txt"
    path.write_text("Troops left Kiev.\n", encoding="utf-8")
    result = cli(["check", path, *SELECT, *args])
    assert bool(ANSI.search(result.stdout)) is coloured
    if coloured:
        assert ANSI.sub("", result.stdout) == cli(["check", path, *SELECT, "--color", "never"]).stdout


def test_bad_color_value_exits_2(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x\n", encoding="utf-8")
    result = cli(["check", path, "--color", "sometimes"])
    assert result.exit_code == 2 and "--color" in result.stderr


# -- rule documentation URLs ---------------------------------------------------------


def test_every_rule_has_a_documentation_page_and_url(cli):
    from mtcheck.rule_docs import DOCS_DIR, rule_url

    for rule in registry.all_rules(include_removed=True):
        page = DOCS_DIR / f"{rule.id}.md"
        assert page.is_file(), f"run `python -m mtcheck.rule_docs` to write {page.name}"
        assert page.read_text(encoding="utf-8").startswith(f"# {rule.id}\n")
        assert rule_url(rule.id).endswith(f"/docs/rules/{rule.id}.md")


def test_sarif_and_json_carry_rule_urls(cli, tmp_path):
    from mtcheck.rule_docs import rule_url

    path = tmp_path / "a.txt"
    path.write_text("Troops left Kiev.\n", encoding="utf-8")
    sarif = json.loads(cli(["check", path, "-f", "sarif", *SELECT]).stdout)
    [rule] = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rule["helpUri"] == rule_url("name.variant")
    report = json.loads(cli(["check", path, "-f", "json", *SELECT]).stdout)
    assert report["rules"] == [{"id": "name.variant", "category": "name-variant", "severity": "error",
                                "status": "stable", "url": rule_url("name.variant")}]
    listed = json.loads(cli(["rules", "--format", "json"]).stdout)
    assert all(entry["url"] == rule_url(entry["id"]) for entry in listed)
