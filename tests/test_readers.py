"""Readers: TSV, XLIFF, aligned line files, directories, stdin and --input-format."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.errors import InputError, SkippedInput
from mtcheck.readers import ReadOptions, read_inputs

DATA = Path(__file__).parent / "data"


def read(path: Path | str, **options: object) -> list[Document | InputError]:
    return list(read_inputs([str(path)], ReadOptions(**options)))  # type: ignore[arg-type]


def docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# -- TSV ----------------------------------------------------------------------


def test_tsv_header_columns_by_name(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text(
        "tgt_lang\tmt\tid\tsrc\tscore\n"
        "de\tDer Stab tagte.\tn1\tThe staff met.\t0.9\n"
        "\n"
        "\tThe \"board\" met.\tn2\tLa junta.\t0.4\n",
        encoding="utf-8",
    )
    got = docs(read(path, src_lang="es"))
    assert [(d.doc_id, d.text, d.src, d.tgt_lang, d.record_line) for d in got] == [
        ("n1", "Der Stab tagte.", "The staff met.", "de", 2),
        # QUOTE_NONE: quotes are ordinary characters; empty tgt_lang falls back to the default
        ("n2", 'The "board" met.', "La junta.", "en", 4),
    ]
    assert got[1].src_lang == "es"


def test_tsv_field_rename(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("key\tsource\ttranslation\nk7\tQuelle\tThe source.\n", encoding="utf-8")
    got = read(path, fields={"mt": "translation", "id": "key", "src": "source"})
    assert [(d.doc_id, d.text, d.src) for d in docs(got)] == [("k7", "The source.", "Quelle")]
    assert not errors(got)


def test_tsv_header_without_mt_column_is_an_error(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("id\tsrc\ttranslation\na\tb\tc\n", encoding="utf-8")
    got = read(path)
    assert not docs(got)
    [err] = errors(got)
    assert (err.path, err.line) == (str(path), 1)
    assert "'mt'" in err.message and "--field" in err.message


def test_tsv_without_header_two_and_three_columns(tmp_path):
    two = tmp_path / "two.tsv"
    two.write_text("Quelle eins\tFirst line.\nQuelle zwei\tSecond line.\n", encoding="utf-8")
    got = docs(read(two))
    assert [(d.doc_id, d.src, d.text, d.record_line) for d in got] == [
        (f"{two}:1", "Quelle eins", "First line.", 1),
        (f"{two}:2", "Quelle zwei", "Second line.", 2),
    ]
    three = tmp_path / "three.tsv"
    three.write_text("d1\tQuelle\tTarget text.\n", encoding="utf-8")
    assert [(d.doc_id, d.src, d.text) for d in docs(read(three))] == [
        ("d1", "Quelle", "Target text.")
    ]


def test_tsv_wrong_column_count_reports_line_and_goes_on(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("a\tA.\nb\tB.\textra\nc\tC.\n", encoding="utf-8")
    got = read(path)
    assert [d.text for d in docs(got)] == ["A.", "C."]
    [err] = errors(got)
    assert (err.line, "3 tab-separated column(s), expected 2" in err.message) == (2, True)


def test_tsv_one_column_without_header_is_an_error(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("just text\n", encoding="utf-8")
    [err] = read(path)
    assert isinstance(err, InputError) and err.line == 1


# -- XLIFF --------------------------------------------------------------------


def test_xliff_12_units_inline_tags_and_languages():
    got = read(DATA / "sample-1.2.xlf")
    by_id = {d.doc_id: d for d in docs(got)}
    assert list(by_id) == ["t1", "t2", "t5"]  # t3 is skipped (no target), t4 is translate="no"
    t1 = by_id["t1"]
    # <g> keeps its text, <x/> becomes nothing (not its equiv-text), <alt-trans> is not read
    assert t1.text == "The staff reported shelling in the east."  # "in <x/>the": a space is there
    assert t1.src == "Штаб повідомив про обстріли."
    assert (t1.src_lang, t1.tgt_lang, t1.record_line) == ("uk", "en-gb", 6)
    assert by_id["t2"].text == "Share"  # <mrk> keeps its text
    assert by_id["t5"].text == "Code here."  # native code inside <ph> is dropped
    [err] = errors(got)
    assert isinstance(err, SkippedInput)  # a count, not an input error
    assert (err.line, err.message) == (16, "unit 't3' has no target (untranslated): skipped")


def test_xliff_2_segments_joined_and_empty_target_reported():
    got = read(DATA / "sample-2.0.xlf", tgt_lang="de")
    by_id = {d.doc_id: d for d in docs(got)}
    u1 = by_id["u1"]
    assert u1.text == "First sentence. Second important sentence."
    assert u1.src == "Первое предложение. Второе важное предложение."
    assert (u1.src_lang, u1.tgt_lang, u1.record_line) == ("ru", "en", 4)  # the file wins
    assert by_id["u2"].text == "Line\twith a tab."
    [err] = errors(got)
    assert isinstance(err, SkippedInput)
    assert "'u3'" in err.message and "empty target" in err.message and err.line == 23


def test_xliff_broken_xml_keeps_units_before_the_error():
    got = read(DATA / "broken.xlf")
    assert [d.doc_id for d in docs(got)] == ["ok1"]
    [err] = errors(got)
    assert (err.path, err.line) == (str(DATA / "broken.xlf"), 11)
    assert "XML error" in err.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html><body/></html>", "not an XLIFF file"),
        (b"", "XML error"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff/>', "entity declarations"),
    ],
)
def test_xliff_not_xliff_empty_and_entities_are_errors(tmp_path, content, expected):
    path = tmp_path / "in.xlf"
    path.write_bytes(content)
    [err] = read(path)
    assert isinstance(err, InputError) and expected in err.message and err.line is not None


def test_xliff_streams_many_units(tmp_path):
    path = tmp_path / "big.xliff"
    units = "".join(
        f'<unit id="n{i}"><segment><source>s</source><target>Text {i}.</target></segment></unit>\n'
        for i in range(3000)
    )
    path.write_text(
        f'<xliff version="2.0" srcLang="de" trgLang="en"><file id="f">\n{units}</file></xliff>\n',
        encoding="utf-8",
    )
    got = read(path)
    assert not errors(got)
    assert [d.doc_id for d in got][-1] == "n2999" and len(got) == 3000
    assert docs(got)[1234].record_line == 1236  # one unit a line after the <file> line


# -- aligned line files -----------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def aligned(tmp_path: Path, mt: list[str], **others: list[str]) -> dict[str, Path]:
    paths = {"mt": write_lines(tmp_path / "hyp.en", mt)}
    for role, lines in others.items():
        paths[role] = write_lines(tmp_path / f"{role}.txt", lines)
    return paths


def test_aligned_without_docids_one_document_a_line(tmp_path):
    from mtcheck.readers.aligned import read_aligned

    p = aligned(tmp_path, ["First.", "Second."], src=["Erste.", "Zweite."])
    got = list(read_aligned(p["mt"], src=p["src"], options=ReadOptions(src_lang="de")))
    assert [(d.doc_id, d.text, d.src, d.src_lang, d.position(0)[2]) for d in got] == [
        (f"{p['mt']}:1", "First.", "Erste.", "de", 1),
        (f"{p['mt']}:2", "Second.", "Zweite.", "de", 2),
    ]


def test_aligned_docids_group_consecutive_lines(tmp_path):
    from mtcheck.readers.aligned import read_aligned

    p = aligned(
        tmp_path,
        ["A one.", "A two.", "B one.", "A again."],
        src=["a1", "a2", "b1", "a3"],
        ref=["ra1", "ra2", "rb1", "ra3"],
        docids=["doc-a", "doc-a", "doc-b", "doc-a"],
    )
    got = list(read_aligned(p["mt"], src=p["src"], ref=p["ref"], docids=p["docids"]))
    assert [(d.doc_id, d.text, d.src, d.ref, list(d.line_map)) for d in got] == [
        ("doc-a", "A one.\nA two.", "a1\na2", "ra1\nra2", [1, 2]),
        ("doc-b", "B one.", "b1", "rb1", [3]),
        # ids are grouped by run, as WMT orders them; a later run is a new document
        ("doc-a", "A again.", "a3", "ra3", [4]),
    ]
    # a finding on the second segment is reported on the second input line
    assert got[0].position(got[0].text.index("two"))[1:] == (3, 2)


def test_aligned_wmt_docids_header(tmp_path):
    from mtcheck.readers.aligned import read_aligned

    p = aligned(
        tmp_path,
        ["x1", "y1", "y2"],
        docids=["line\tdoc_id\torig_lang\tseg_id", "1\tdx\tuk\t1", "2\tdy\tuk\t1", "3\tdy\tuk\t2"],
    )
    got = list(read_aligned(p["mt"], docids=p["docids"]))
    assert [(d.doc_id, d.text, list(d.line_map)) for d in got] == [
        ("dx", "x1", [1]), ("dy", "y1\ny2", [2, 3]),
    ]


def test_aligned_mismatched_lengths_name_both_files(tmp_path):
    from mtcheck.readers.aligned import read_aligned

    p = aligned(tmp_path, ["one", "two", "three"], src=["eins", "zwei"])
    got = list(read_aligned(p["mt"], src=p["src"]))
    assert docs(got) == []  # refused before anything is checked
    [err] = errors(got)
    assert (err.path, err.line) == (str(p["mt"]), 3)
    assert f"{p['mt']} has 3, {p['src']} has 2" in err.message and "nothing was checked" in err.message
    # the shorter file may be the translation; a docids header is not a segment
    p = aligned(tmp_path, ["one"], src=["eins", "zwei"], docids=["line\tdoc_id", "1\td", "2\td"])
    [err] = errors(list(read_aligned(p["mt"], src=p["src"], docids=p["docids"])))
    assert (err.path, err.line) == (str(p["src"]), 2)
    assert "has 2 (after its header)" in err.message


def test_aligned_files_from_pipes_are_counted_then_read(tmp_path):
    import subprocess
    import sys

    from mtcheck.readers.aligned import read_aligned

    p = aligned(tmp_path, ["one", "two"], src=["eins", "zwei"])
    code = ("import sys; from mtcheck.readers.aligned import read_aligned; "
            "print([(d.text, d.src) if hasattr(d, 'text') else d.message[:25] "
            "for d in read_aligned(sys.argv[1], src='-')])")
    run = subprocess.run([sys.executable, "-c", code, str(p["mt"])], input=p["src"].read_bytes(),
                         capture_output=True)
    assert run.stdout.decode().strip() == "[('one', 'eins'), ('two', 'zwei')]", run.stderr.decode()
    short = subprocess.run([sys.executable, "-c", code, str(p["mt"])], input=b"eins\n",
                           capture_output=True, check=True).stdout
    assert short.decode().strip() == "['aligned files need the sa']"


def test_aligned_bad_utf8_line_keeps_alignment(tmp_path):
    from mtcheck.readers.aligned import read_aligned

    mt = tmp_path / "hyp.en"
    mt.write_bytes(b"good\nbad \xff byte\nlast\n")
    got = list(read_aligned(mt))
    # reported, and checked with U+FFFD in place of the bad byte
    assert [(d.text, d.position(0)[2]) for d in docs(got)] == [
        ("good", 1), ("bad \ufffd byte", 2), ("last", 3)]
    [err] = errors(got)
    assert err.line == 2 and "UTF-8" in err.message and "U+FFFD" in err.message


def test_aligned_cli_input_line_is_the_segment_line(cli, tmp_path):
    p = aligned(
        tmp_path, ["The talks resumed.", "Share", "Other news."], docids=["d", "d", "e"]
    )
    result = cli(["check", "--mt", p["mt"], "--docids", p["docids"], "--format", "jsonl",
                  "--select", "boilerplate"])
    [finding] = result.jsonl()
    assert (finding["doc"], finding["line"], finding["input_line"], finding["text"]) == (
        "d", 2, 2, "Share")


def test_src_without_mt_is_a_usage_error(cli, tmp_path):
    src = write_lines(tmp_path / "src.uk", ["x"])
    result = cli(["check", "--src", src])
    assert result.exit_code == 2 and "--mt" in result.stderr


# -- directories, stdin, --input-format ---------------------------------------------


def test_directory_recursive_sorted_and_glob(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / "b" / "deep" / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b" / "feed.jsonl").write_text('{"id": "j1", "mt": "J."}\n', encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text("M.", encoding="utf-8")
    every = read(tmp_path)
    assert [d.doc_id for d in docs(every)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "deep" / "z.txt"), "j1",
        str(tmp_path / "b" / "notes.md"),  # sorted by path; unknown suffixes read as text
    ]
    only_txt = read(tmp_path, glob="*.txt")
    assert [d.text for d in docs(only_txt)] == ["A.", "Z."]


def test_input_format_overrides_extension(tmp_path):
    path = tmp_path / "feed.txt"
    path.write_text('{"id": "r1", "mt": "Text."}\n', encoding="utf-8")
    assert [d.doc_id for d in docs(read(path))] == [str(path)]  # by extension: plain text
    assert [(d.doc_id, d.text) for d in docs(read(path, input_format="jsonl"))] == [("r1", "Text.")]


def test_stdin_with_input_format(cli):
    feed = '{"id": "s1", "mt": "The talks resumed.\\nShare"}\n'
    result = cli(["check", "-", "--input-format", "jsonl", "--format", "jsonl", "-q",
                  "--select", "boilerplate", "-j", "1"], input=feed)
    [finding] = result.jsonl()
    assert (finding["path"], finding["doc"], finding["line"], finding["input_line"]) == (
        "-", "s1", 2, 1)
    tsv = "Quelle\tThe talks resumed.\nQuelle\tShare\n"
    result = cli(["check", "-", "--input-format", "tsv", "--format", "jsonl", "-q",
                  "--select", "boilerplate", "-j", "1"], input=tsv)
    assert [(f["doc"], f["input_line"]) for f in result.jsonl()] == [("-:2", 2)]


# -- one text, three ways in ----------------------------------------------------------

SAMPLE = (
    "Officials in Kyiv said the talks resumed on Monday.\n"
    "Представник міністерства підтвердив це.\n"
    "The WНO team arrived later.\n"
    "Share\n"
    "Related News\n"
)


def test_same_findings_from_txt_jsonl_and_stdin(cli, tmp_path):
    txt = tmp_path / "article.txt"
    txt.write_text(SAMPLE, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x"}\n' + json_record("a1", SAMPLE) + "\n", encoding="utf-8")
    common = ["--format", "jsonl", "-q", "--fail-on", "never", "-j", "1"]

    def strip(findings: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in f.items() if k not in ("path", "doc", "input_line")}
                for f in findings]

    from_txt = cli(["check", txt, *common])
    from_jsonl = cli(["check", feed, *common])
    from_stdin = cli(["check", "-", *common], input=SAMPLE)
    assert from_txt.exit_code == 0 and from_stdin.exit_code == 0
    assert from_jsonl.exit_code == 2  # the first record has no mt
    assert len(from_txt.jsonl()) >= 2, "the sample has planted artifacts"
    assert strip(from_txt.jsonl()) == strip(from_jsonl.jsonl()) == strip(from_stdin.jsonl())
    assert {f["input_line"] for f in from_jsonl.jsonl()} == {2}
    assert [f["input_line"] for f in from_txt.jsonl()] == [f["line"] for f in from_txt.jsonl()]


def json_record(doc_id: str, text: str) -> str:
    import json

    return json.dumps({"id": doc_id, "mt": text}, ensure_ascii=False)
