"""The pronoun.agreement gold corpora (corpora/agreement/): they load, are big enough,
and their offsets, labels and source alignment are what the loader promises.

These tests check the corpora only; scoring the rule on them belongs to the rule's tests.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

AGREEMENT_DIR = Path(__file__).resolve().parent.parent / "corpora" / "agreement"
LANGUAGES = ["de", "fr", "es", "ru", "uk"]
SETS = {"dev": AGREEMENT_DIR, "blind": AGREEMENT_DIR / "blind"}
MIN_POSITIVES = 25
MIN_NEGATIVES = 25


def _loader() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_agreement_gold", AGREEMENT_DIR / "check_agreement_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLD = _loader()
CASES = [(lang, name) for lang in LANGUAGES for name in SETS]


def _path(lang: str, name: str) -> Path:
    return SETS[name] / f"{lang}.yaml"


@pytest.fixture(scope="module")
def all_documents():
    """Every file at once: ids must be unique across dev and blind sets."""
    return GOLD.load_agreement_gold(*(_path(lang, name) for lang, name in CASES))


@pytest.mark.parametrize("lang, name", CASES, ids=[f"{lang}-{name}" for lang, name in CASES])
def test_file_validates_and_is_big_enough(lang, name, all_documents):
    docs = [d for d in all_documents if d["file"] == str(_path(lang, name))]
    assert docs and all(d["language"] == lang for d in docs)
    positives = sum(len(d["positives"]) for d in docs)
    negatives = sum(len(d["negatives"]) for d in docs)
    assert positives >= MIN_POSITIVES, f"{lang} {name}: {positives} positives"
    assert negatives >= MIN_NEGATIVES, f"{lang} {name}: {negatives} negatives"


@pytest.mark.parametrize("lang, name", CASES, ids=[f"{lang}-{name}" for lang, name in CASES])
def test_some_documents_have_no_source(lang, name, all_documents):
    docs = [d for d in all_documents if d["file"] == str(_path(lang, name))]
    without = sum(1 for d in docs if d["src"] is None)
    assert 0 < without <= len(docs) // 2, f"{without} of {len(docs)} documents without src"


def test_offsets_are_exact_and_spans_are_whole_tokens(all_documents):
    word_char = re.compile(r"\w")
    for doc in all_documents:
        text = doc["text"]
        spans = sorted(doc["positives"] + doc["negatives"], key=lambda s: s["start"])
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], (doc["id"], span)
            after = text[span["end"]:span["end"] + 1]
            assert not word_char.match(after), (doc["id"], span, "token continues")
        for left, right in zip(spans, spans[1:]):
            assert left["end"] <= right["start"], (doc["id"], "overlapping spans")
        assert "[[" not in text and "]]" not in text and "=>" not in text


def test_positives_suggest_another_form_of_the_same_capitalisation(all_documents):
    for doc in all_documents:
        for pos in doc["positives"]:
            assert pos["suggestion"].lower() != pos["text"].lower(), (doc["id"], pos)
            assert pos["suggestion"][:1].isupper() == pos["text"][:1].isupper(), (doc["id"], pos)
            assert pos["gender"] in {"m", "f", "n"}


def test_source_and_text_have_the_same_number_of_lines(all_documents):
    with_src = [d for d in all_documents if d["src"] is not None]
    assert with_src
    for doc in with_src:
        assert len(doc["src"].rstrip("\n").split("\n")) == len(doc["text"].rstrip("\n").split("\n")), doc["id"]


def test_blind_files_say_they_are_held_out():
    for lang in LANGUAGES:
        header = _path(lang, "blind").read_text(encoding="utf-8").split("\nlanguage:")[0]
        assert "held out" in header.lower() and "must not read" in header.lower(), lang


def test_dev_and_blind_documents_are_different_texts(all_documents):
    dev = {d["text"] for d in all_documents if "/blind/" not in d["file"]}
    blind = {d["text"] for d in all_documents if "/blind/" in d["file"]}
    assert not dev & blind


# --- the loader rejects bad corpora, naming file and line -------------------------------

HEADER = """language: de
forms: [er, sie, es, ihm, ihr, sein]
genders: {er: [m], sie: [f], es: [n], ihm: [m, n], ihr: [f], sein: [m, n]}
documents:
"""
GOOD_DOC = """  - id: de-x-01
    topic: test
    src: |
      The army said it had won.
      It added that its losses were small.
    text: |
      Die Armee sagte, [[er=>sie|f]] habe gewonnen.
      Sie fügte hinzu, [[sein=>ihr|f]] Verlust sei gering, und es gebe keine Toten.
"""


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "de.yaml"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_good_document_loads_with_exact_offsets(tmp_path):
    (doc,) = GOLD.load_agreement_gold(_write(tmp_path, GOOD_DOC))
    assert [(p["text"], p["suggestion"], p["gender"]) for p in doc["positives"]] == [
        ("er", "sie", "f"), ("sein", "ihr", "f")]
    assert [n["text"] for n in doc["negatives"]] == ["Sie", "es"]
    first = doc["text"].index("er habe")
    assert (doc["positives"][0]["start"], doc["positives"][0]["end"]) == (first, first + 2)


@pytest.mark.parametrize("change, message", [
    (("[[er=>sie|f]]", "[[er=>sie|f]"), "malformed markup"),
    (("[[er=>sie|f]]", "[[der=>sie|f]]"), "not in forms"),
    (("[[er=>sie|f]]", "[[er=>die|f]]"), "suggestion 'die' is not in forms"),
    (("[[er=>sie|f]]", "[[er=>Sie|f]]"), "not capitalised"),
    (("[[er=>sie|f]]", "[[er=>es|f]]"), "cannot refer to a f noun"),
    (("[[er=>sie|f]]", "[[sie=>er|f]]"), "can already refer to a f noun"),
    (("[[er=>sie|f]]", "[[er=>sie|x]]"), "gender 'x'"),
    (("      It added that its losses were small.\n", ""), "src has 1 line(s), text has 2"),
    (("[[er=>sie|f]] habe", "[[er=>sie|f]]de habe"), "not a whole word"),
    (("Sie fügte", "[[Sie]] fügte"), "only for marked_forms"),
])
def test_bad_markup_is_reported_with_file_and_line(tmp_path, change, message):
    path = _write(tmp_path, GOOD_DOC.replace(*change))
    with pytest.raises(GOLD.AgreementGoldError) as info:
        GOLD.load_agreement_gold(path)
    problems = "\n".join(info.value.problems)
    assert message in problems
    assert str(path) in problems


def test_markup_problem_names_the_line_of_the_file(tmp_path):
    path = _write(tmp_path, GOOD_DOC.replace("[[sein=>ihr|f]]", "[[sein=>ihr|q]]"))
    with pytest.raises(GOLD.AgreementGoldError) as info:
        GOLD.load_agreement_gold(path)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "|q]]" in text)
    assert f"line {line}:" in info.value.problems[0]


def test_duplicate_ids_are_rejected(tmp_path):
    path = _write(tmp_path, GOOD_DOC + "\n" + GOOD_DOC)
    with pytest.raises(GOLD.AgreementGoldError, match="duplicate id 'de-x-01'"):
        GOLD.load_agreement_gold(path)


def test_header_must_give_genders_for_every_form(tmp_path):
    header = HEADER.replace(", sein: [m, n]", "")
    with pytest.raises(GOLD.AgreementGoldError, match="missing \\['sein'\\]"):
        GOLD.load_agreement_gold(_write(tmp_path, GOOD_DOC, header))


def test_marked_forms_are_labelled_only_where_marked(tmp_path):
    header = """language: fr
forms: [il, elle, lui]
marked_forms: [le, la]
genders: {il: [m], elle: [f], lui: [m], le: [m], la: [f]}
documents:
"""
    body = """  - id: fr-x-01
    topic: test
    text: |
      La loi est adoptée ; le Sénat [[la]] examine, et il [[la=>le|m]] vote après le texte.
"""
    path = tmp_path / "fr.yaml"
    path.write_text(header + body, encoding="utf-8")
    (doc,) = GOLD.load_agreement_gold(path)
    assert [p["text"] for p in doc["positives"]] == ["la"]
    assert [n["text"] for n in doc["negatives"]] == ["la", "il"]


def test_main_prints_counts_and_fails_on_a_bad_file(tmp_path, capsys):
    assert GOLD.main([str(_path("de", "dev"))]) == 0
    out = capsys.readouterr().out
    assert re.search(r"de\.yaml: \d+ documents, \d+ positives .* \d+ negatives", out)
    bad = _write(tmp_path, GOOD_DOC.replace("[[er=>sie|f]]", "[[er=>sie|f]"))
    assert GOLD.main([str(bad)]) == 1
    assert "malformed markup" in capsys.readouterr().err
