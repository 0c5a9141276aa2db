"""Readers: TSV, XLIFF, aligned line files, directories, stdin and --input-format."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.document import Document
from mtcheck.errors import InputError
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
