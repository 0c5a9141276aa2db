"""Suppression: comments in text, record fields (JSONL, TSV), XLIFF notes, per-file-ignores,
and warnings for suppressions that match nothing or name unknown rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SELECT = ["--select", "boilerplate,name.variant,punctuation", "-f", "jsonl", "-j", "1"]


def check(cli, *args, input=None):
    result = cli(["check", *map(str, args), *SELECT], input=input)
    return result, [(f["rule"], f["text"]) for f in result.jsonl()]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- comments ---------------------------------------------------------------------


def test_trailing_comment_covers_its_line(cli, tmp_path):
    path = write(tmp_path, "a.txt",
                 "Chicken in Kiev sauce. <!-- mtcheck: ignore name.variant -->\nTroops left Kiev.\n")
    result, found = check(cli, path)
    assert found == [("name.variant", "Kiev")]
    assert result.jsonl()[0]["line"] == 2
    assert "warning" not in result.stderr


def test_comment_alone_covers_the_next_nonblank_line(cli, tmp_path):
    path = write(tmp_path, "a.txt",
                 "<!-- mtcheck: ignore boilerplate -->\n\nShare\nTroops left.\nShare\n")
    _, found = check(cli, path)
    assert found == [("boilerplate.residue", "Share")]


def test_ignore_file_and_disable_enable_blocks(cli, tmp_path):
    whole = write(tmp_path, "whole.txt", "Share\nKiev.\n<!-- mtcheck: ignore-file boilerplate.residue -->\nShare\n")
    _, found = check(cli, whole)
    assert found == [("name.variant", "Kiev")]
    block = write(tmp_path, "block.txt",
                  "Kiev one.\n<!-- mtcheck: disable name -->\nKiev two.\nKiev three.\n"
                  "<!-- mtcheck: enable -->\nKiev four.\n")
    result, found = check(cli, block)
    assert [f["line"] for f in result.jsonl()] == [1, 6]
    everything = write(tmp_path, "all.txt", "Kiev. Share <!-- mtcheck: ignore -->\nShare\n")
    _, found = check(cli, everything)
    assert found == [("boilerplate.residue", "Share")]


def test_the_comment_is_blanked_before_checking(cli, tmp_path):
    # punctuation.placeholder would flag markup such as <b>; the directive is never read
    text = "Troops left Kyiv. <!-- mtcheck: ignore name.variant -->\nKiev fell silent.\n"
    path = write(tmp_path, "a.txt", text)
    result, found = check(cli, path)
    assert found == [("name.variant", "Kiev")]
    for finding in result.jsonl():
        assert text[finding["start"]:finding["end"]] == finding["text"]  # offsets unchanged
    from mtcheck.document import Document
    from mtcheck.suppression import prepare

    doc = Document(text)
    prepare(doc)
    assert len(doc.text) == len(text) and "mtcheck" not in doc.text
    assert doc.text.splitlines()[0].rstrip() == "Troops left Kyiv."


def test_unused_and_unknown_suppressions_warn_without_changing_the_exit_status(cli, tmp_path):
    path = write(tmp_path, "a.txt",
                 "Troops left Kyiv. <!-- mtcheck: ignore name.variant -->\n"
                 "Share <!-- mtcheck: ignore boilerplate, name.varient -->\n")
    result, found = check(cli, path, "--fail-on", "never")
    assert found == []
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("mtcheck: warning:")]
    assert any(f"{path}:1: unused suppression" in w and "name.variant matches no finding" in w for w in warnings)
    assert any(f"{path}:2:" in w and "unknown rule 'name.varient'" in w for w in warnings)
    assert len(warnings) == 2
    # a suppression for a rule this run does not enable is not "unused"
    quiet = write(tmp_path, "b.txt", "Troops left. <!-- mtcheck: ignore pronoun -->\n")
    result, _ = check(cli, quiet)
    assert "warning" not in result.stderr


# -- records ------------------------------------------------------------------------


def feed(tmp_path: Path, records: list[dict], name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_record_field(cli, tmp_path):
    path = feed(tmp_path, [
        {"id": "1", "mt": "Troops left Kiev.\nShare", "mtcheck_ignore": ["name.variant"]},
        {"id": "2", "mt": "Troops left Kiev.\nShare", "mtcheck_ignore": "all"},
        {"id": "3", "mt": "Troops left Kiev.\nShare", "mtcheck_ignore": "boilerplate, name"},
        {"id": "4", "mt": "Troops left Kiev.\nShare"},
    ])
    result, _ = check(cli, path)
    by_doc = {}
    for f in result.jsonl():
        by_doc.setdefault(f["doc"], []).append(f["rule"])
    assert by_doc == {"1": ["boilerplate.residue"], "4": ["name.variant", "boilerplate.residue"]}
    assert "warning" not in result.stderr


def test_record_field_name_is_configurable_and_bad_values_warn(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mtcheck.toml").write_text('ignore-field = "qa_skip"\n', encoding="utf-8")
    path = feed(tmp_path, [
        {"id": "1", "mt": "Troops left Kiev.", "qa_skip": ["name"]},
        {"id": "2", "mt": "Troops left Kiev.", "mtcheck_ignore": ["name"]},  # not the field now
        {"id": "3", "mt": "Troops left Kiev.", "qa_skip": {"rule": "name"}},
        {"id": "4", "mt": "Troops left.", "qa_skip": ["name.variant"]},
    ])
    result, _ = check(cli, path)
    assert [f["doc"] for f in result.jsonl()] == ["2", "3"]
    assert f"{path}:3: field 'qa_skip' must be a list" in result.stderr
    assert f"{path}:4: unused suppression field 'qa_skip'" in result.stderr


def test_tsv_header_column(cli, tmp_path):
    path = write(tmp_path, "bitext.tsv",
                 "id\tsrc\tmt\tmtcheck_ignore\n1\tx\tTroops left Kiev.\tname.variant\n2\tx\tTroops left Kiev.\t\n")
    result, _ = check(cli, path)
    assert [f["doc"] for f in result.jsonl()] == ["2"]


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="uk" target-language="en" datatype="plaintext" original="a">
    <body>
      <trans-unit id="u1">
        <source>Київ</source>
        <target state="final">Troops left Kiev.</target>
        <note>mtcheck: ignore name.variant</note>
      </trans-unit>
      <trans-unit id="u2">
        <source>Київ</source>
        <target state="final">Troops left Kiev.</target>
        <note>Reviewed by the desk.</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="uk" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <notes><note category="qa">mtcheck: ignore name</note></notes>
      <segment><source>Київ</source><target>Troops left Kiev.</target></segment>
    </unit>
    <unit id="u2">
      <segment state="final"><source>Київ</source><target>Troops left Kiev.</target></segment>
    </unit>
  </file>
</xliff>
"""


@pytest.mark.parametrize("content", [XLIFF12, XLIFF20], ids=["1.2", "2.0"])
def test_xliff_note_suppresses_and_state_does_not(cli, tmp_path, content):
    path = write(tmp_path, "a.xlf", content)
    result, _ = check(cli, path)
    assert [f["doc"] for f in result.jsonl()] == ["u2"]  # final units are still checked


# -- per-file-ignores ---------------------------------------------------------------------


def test_per_file_ignores_globs_relative_to_the_config(cli, tmp_path, monkeypatch):
    project = tmp_path / "proj"
    (project / "legacy" / "2019").mkdir(parents=True)
    (project / "news").mkdir()
    write(project / "legacy" / "2019", "a.txt", "Troops left Kiev.\nShare\n")
    write(project / "news", "b.txt", "Troops left Kiev.\nShare\n")
    write(project / "news", "c.txt", "Troops left.\n")
    (project / "mtcheck.toml").write_text(
        '[per-file-ignores]\n"legacy/**" = ["name"]\n"c.txt" = ["boilerplate"]\n"nothing/*.txt" = ["all"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, _ = check(cli, project)
    got = sorted((Path(f["path"]).name, f["rule"]) for f in result.jsonl())
    assert got == [("a.txt", "boilerplate.residue"), ("b.txt", "boilerplate.residue"), ("b.txt", "name.variant")]
    # c.txt had no residue to ignore: a warning; nothing/*.txt matched no checked file: silent
    assert "per-file-ignores: 'c.txt' = boilerplate matches no finding" in result.stderr
    assert "nothing/" not in result.stderr
    # the signature says per-file-ignores were in force
    plain = cli(["check", str(project / "news" / "b.txt"), "-f", "json", "-q", "--isolated", "--fail-on", "never"])
    ignored = cli(["check", str(project / "news" / "b.txt"), "-f", "json", "-q", "--fail-on", "never"])
    assert "per-file-ignores" not in json.loads(plain.stdout)["summary"]["signature"]
    assert "per-file-ignores" in json.loads(ignored.stdout)["summary"]["signature"]


def test_per_file_ignores_must_be_a_table_of_lists(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.txt", "Share\n")
    (tmp_path / "mtcheck.toml").write_text('per-file-ignores = ["x"]\n', encoding="utf-8")
    result, _ = check(cli, tmp_path / "a.txt")
    assert result.exit_code == 2 and "per-file-ignores" in result.stderr
