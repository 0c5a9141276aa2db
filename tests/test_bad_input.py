"""Bad input never gives a traceback: one line `mtcheck: path:line: message` on stderr,
everything else still checked and reported, exit status 2."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

GOOD_TEXT = "The talks resumed.\nShare\n"  # one boilerplate.residue finding


def check(cli, *args: object, input: str | bytes | None = None):
    return cli(["check", *args, "--format", "jsonl", "-q", "--select", "boilerplate", "-j", "1"],
               input=input)


def assert_one_error(result, path: Path | str, line: int | None, message: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert lines[0].startswith(f"mtcheck: {where}"), lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def test_invalid_utf8_is_reported_and_the_rest_checked(cli, tmp_path, good):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"First line.\nSecond \xe9 line.\nShare\n")
    result = check(cli, bad, good)
    assert_one_error(result, bad, 2, "not valid UTF-8 (byte 0xe9); checked with U+FFFD")
    found = result.jsonl()
    assert [f["path"] for f in found] == [str(bad), str(good)]
    # Offsets are exact into the checked text: the bad byte is one U+FFFD.
    checked = "First line.\nSecond \ufffd line.\nShare\n"
    assert (found[0]["start"], found[0]["end"], found[0]["line"]) == (checked.index("Share"), checked.index("Share") + 5, 3)


def test_nul_byte_is_reported_and_the_rest_checked(cli, tmp_path):
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b"The talks resumed.\nA \0 here.\nShare\n")
    result = check(cli, bad)
    assert_one_error(result, bad, 2, "a NUL byte; checked with U+FFFD")
    [finding] = result.jsonl()
    assert (finding["text"], finding["input_line"]) == ("Share", 3)


def test_binary_file(cli, tmp_path, good):
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    result = check(cli, good, bad)
    assert_one_error(result, bad, 3, "binary data (3 NUL bytes)")  # the NUL follows two newlines
    assert len(result.jsonl()) == 1


def test_unreadable_file(cli, tmp_path, good):
    bad = tmp_path / "secret.txt"
    bad.write_text("Share\n", encoding="utf-8")
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("running as root: a mode-000 file is still readable")
        result = check(cli, bad, good)
    finally:
        bad.chmod(0o644)
    assert_one_error(result, bad, None, "cannot read")
    assert [f["path"] for f in result.jsonl()] == [str(good)]


def test_permission_denied_even_as_root(cli, tmp_path, good, monkeypatch):
    # The same path as above, for machines where tests run as root.
    from mtcheck.readers import _io

    bad = tmp_path / "secret.txt"
    bad.write_text("Share\n", encoding="utf-8")
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(_io, "open", guarded_open, raising=False)
    result = check(cli, bad, good)
    assert_one_error(result, bad, None, "cannot read: Permission denied")
    assert [f["path"] for f in result.jsonl()] == [str(good)]


def test_directory_without_matching_files(cli, tmp_path, good):
    empty = tmp_path / "notes"
    empty.mkdir()
    (empty / "readme.md").write_text("Share\n", encoding="utf-8")
    result = check(cli, empty, good, "--glob", "*.txt")
    assert_one_error(result, empty, None, "no files match '*.txt'")
    assert [f["path"] for f in result.jsonl()] == [str(good)]


def test_malformed_jsonl_line(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "mt": GOOD_TEXT}) + "\n"
        '{"id": "b", "mt": "Share\n'  # unterminated string
        + json.dumps({"id": "c", "mt": GOOD_TEXT}) + "\n",
        encoding="utf-8",
    )
    result = check(cli, feed)
    assert_one_error(result, feed, 2, "not valid JSON")
    assert [(f["doc"], f["input_line"]) for f in result.jsonl()] == [("a", 1), ("c", 3)]


def test_jsonl_record_without_mt(cli, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "translation": "Share"}) + "\n"
        + json.dumps({"id": "b", "mt": GOOD_TEXT}) + "\n",
        encoding="utf-8",
    )
    result = check(cli, feed)
    assert_one_error(result, feed, 1, "no 'mt' field")
    assert [f["doc"] for f in result.jsonl()] == ["b"]


def test_broken_xml(cli, tmp_path):
    xlf = tmp_path / "job.xlf"
    xlf.write_text(
        '<xliff version="1.2"><file source-language="de" target-language="en"><body>\n'
        '<trans-unit id="u1"><source>Teilen</source><target>News.\nShare</target></trans-unit>\n'
        '<trans-unit id="u2"><source>x</source><target>oops</trans-unit>\n'
        "</body></file></xliff>\n",
        encoding="utf-8",
    )
    result = check(cli, xlf)
    assert_one_error(result, xlf, 4, "XML error")  # the target above spans two lines
    assert [(f["doc"], f["input_line"]) for f in result.jsonl()] == [("u1", 2)]


def test_xliff_untranslated_unit_is_skipped_with_a_count(cli, tmp_path):
    xlf = tmp_path / "job.xliff"
    xlf.write_text(
        '<xliff version="2.0" srcLang="de" trgLang="en"><file id="f">\n'
        '<unit id="u1"><segment><source>Nur Quelle</source></segment></unit>\n'
        '<unit id="u2"><segment><source>x</source><target>News.\nShare</target></segment></unit>\n'
        "</file></xliff>\n",
        encoding="utf-8",
    )
    result = check(cli, xlf)
    # not an input error: a file in translation has many untranslated units
    assert result.exit_code == 0, result.stderr
    assert "unit 'u1'" not in result.stderr
    assert [f["doc"] for f in result.jsonl()] == ["u2"]
    summary = cli(["check", xlf, "--format", "json"])
    assert '"skipped": 1' in summary.stdout
    text = cli(["check", xlf])
    assert "1 skipped (untranslated)" in text.stdout


def test_tsv_wrong_column_count(cli, tmp_path):
    tsv = tmp_path / "feed.tsv"
    tsv.write_text("id\tsrc\tmt\nr1\tQuelle\n\nr2\tQuelle\tNews.\\nShare\nr3\tQuelle\tShare\n",
                   encoding="utf-8")
    result = check(cli, tsv)
    assert_one_error(result, tsv, 2, "2 tab-separated column(s), expected 3")
    assert [(f["doc"], f["input_line"]) for f in result.jsonl()] == [("r3", 5)]


def test_mismatched_aligned_files(cli, tmp_path):
    hyp = tmp_path / "hyp.en"
    hyp.write_text("Talks resumed.\nShare\nMore text.\n", encoding="utf-8")
    src = tmp_path / "src.de"
    src.write_text("Gespräche.\nTeilen\n", encoding="utf-8")
    result = check(cli, "--mt", hyp, "--src", src)
    # Refused as a whole, before anything is checked: the segments are misaligned.
    assert_one_error(result, hyp, 3, f"aligned files need the same number of lines, but {hyp} has 3, {src} has 2")
    assert result.jsonl() == []


def test_missing_aligned_file(cli, tmp_path):
    hyp = tmp_path / "hyp.en"
    hyp.write_text("Share\n", encoding="utf-8")
    result = check(cli, "--mt", hyp, "--src", tmp_path / "nope.de")
    assert_one_error(result, tmp_path / "nope.de", None, "no such file")


def test_unknown_input_format(cli, good):
    result = check(cli, good, "--input-format", "docx")
    assert result.exit_code == 2
    assert re.fullmatch(r"mtcheck: .*unknown input format 'docx'.*\n", result.stderr)


def test_console_script_broken_file_has_no_traceback(tmp_path):
    exe = shutil.which("mtcheck")
    if exe is None:
        pytest.skip("the mtcheck console script is not installed")
    bad = tmp_path / "broken.jsonl"
    bad.write_bytes(b'{"id": "x", "mt": "ok"}\n{not json\n\xff\xfe\n')
    proc = subprocess.run(
        [exe, "check", str(bad), "--format", "jsonl", "-q"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"mtcheck: {bad}:2: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        f"mtcheck: {bad}:3: not valid UTF-8 (byte 0xff)",
    ]
