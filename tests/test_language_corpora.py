"""Each shipped language pack against a small corpus of our own (issue 12).

``corpora/languages/<lang>/``: ``clean.jsonl`` (translations that must give no finding
of a stable rule), ``planted.jsonl`` (translations with planted artifacts) and
``gold.jsonl`` (the findings the planted documents must give, by rule and exact text);
the format is in ``corpora/languages/README.md``. A gold entry with ``xfail`` is an
artifact the rule misses today for a reason in its code: the test is a strict xfail,
so it fails the day the rule is fixed and the mark must go.

``python tests/test_language_corpora.py`` prints, per language, how many planted
artifacts are found.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from mtcheck import registry
from mtcheck.api import Checker, document_from_record
from mtcheck.config import RunConfig
from mtcheck.findings import Finding

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "languages"
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "ru", "uk")
# every planted document set must cover these kinds of artifact (gold "artifact")
REQUIRED_ARTIFACTS = ("page residue", "fragment of another language", "segment left in the source language",
                      "number changed", "quotation")
# clean documents the target identification (no tgt_lang) gets wrong today, and why
IDENTIFICATION_MISSES: dict[str, str] = {}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def records(lang: str, kind: str) -> list[dict[str, Any]]:
    return _jsonl(CORPUS / lang / f"{kind}.jsonl")


def gold(lang: str) -> list[dict[str, Any]]:
    return _jsonl(CORPUS / lang / "gold.jsonl")


def _all_gold() -> list[tuple[str, dict[str, Any]]]:
    return [(lang, entry) for lang in LANGUAGES for entry in gold(lang)]


# by the status's value: the rule metadata is moving out of mtcheck.checks
STABLE = frozenset(r.id for r in registry.all_rules() if r.status.value == "stable")
# preview rules a gold entry names (French « » spacing) run too
GOLD_RULES = frozenset(entry["rule"] for _, entry in _all_gold())
REPORTED = STABLE | GOLD_RULES


@lru_cache(maxsize=1)
def checker() -> Checker:
    return Checker(RunConfig(extend_select=tuple(sorted(GOLD_RULES - STABLE))))


@lru_cache(maxsize=None)
def findings(lang: str, kind: str, doc_id: str) -> tuple[Finding, ...]:
    path = CORPUS / lang / f"{kind}.jsonl"
    for line_no, record in enumerate(records(lang, kind), start=1):
        if record["id"] == doc_id:
            found = checker().check_record(record, path=str(path), line=line_no)
            return tuple(f for f in found if f.rule in REPORTED)
    raise KeyError(doc_id)


def span(lang: str, entry: dict[str, Any]) -> tuple[int, int]:
    """Offsets of the gold text's n-th occurrence in its document's ``mt``."""
    mt = next(r["mt"] for r in records(lang, "planted") if r["id"] == entry["doc"])
    start = -1
    for _ in range(entry.get("occurrence", 1)):
        start = mt.find(entry["text"], start + 1)
        if start < 0:
            raise AssertionError(f"{lang}/gold.jsonl: {entry['text']!r} occurs fewer than "
                                 f"{entry.get('occurrence', 1)} times in {entry['doc']}")
    return start, start + len(entry["text"])


def is_found(lang: str, entry: dict[str, Any]) -> bool:
    start, end = span(lang, entry)
    return any(f.rule == entry["rule"] and (f.start, f.end) == (start, end)
               for f in findings(lang, "planted", entry["doc"]))


def overlaps(lang: str, entry: dict[str, Any], finding: Finding) -> bool:
    start, end = span(lang, entry)
    return finding.rule == entry["rule"] and finding.start < end and start < finding.end


def misplaced(lang: str, entry: dict[str, Any], finding: Finding) -> bool:
    """A finding of the entry's rule family over the entry's text: a missed sentence
    that comes out as fragments, a copied stretch that runs into the next line."""
    start, end = span(lang, entry)
    family = entry["rule"].split(".")[0]
    return finding.rule.split(".")[0] == family and finding.start < end and start < finding.end


def _params(expect: str) -> list[Any]:
    out = []
    for lang, entry in _all_gold():
        if entry.get("expect", "found") != expect:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=entry["xfail"])] if entry.get("xfail") else []
        ident = f"{lang}-{entry['rule']}-{entry['text'][:30]}"
        out.append(pytest.param(lang, entry, marks=marks, id=ident))
    return out


def _docs(kind: str) -> list[Any]:
    return [pytest.param(lang, r["id"], id=r["id"]) for lang in LANGUAGES for r in records(lang, kind)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_corpus(lang):
    clean, planted = records(lang, "clean"), records(lang, "planted")
    assert len(clean) >= 2 and planted
    for record in clean + planted:
        assert record["tgt_lang"] == lang and record["src_lang"] != lang and record["mt"].strip()
    for record in clean + planted[:1]:  # clean documents and the first planted one have a source
        assert record["src"].strip()
        # one line of the source per line of the translation: numbers align by sentence
        assert record["src"].count("\n") == record["mt"].count("\n"), record["id"]
    planted_ids = {r["id"] for r in planted}
    entries = gold(lang)
    assert {e["doc"] for e in entries} <= planted_ids
    for entry in entries:
        assert entry["rule"] in {r.id for r in registry.all_rules()}, entry
        span(lang, entry)  # the text is in the document
    kinds = {e["artifact"] for e in entries if e.get("expect", "found") == "found"}
    assert set(REQUIRED_ARTIFACTS) <= kinds, set(REQUIRED_ARTIFACTS) - kinds


@pytest.mark.parametrize("lang, doc_id", _docs("clean"))
def test_clean_document_gives_no_finding(lang, doc_id):
    assert [(f.rule, f.text) for f in findings(lang, "clean", doc_id)] == []


@pytest.mark.parametrize("lang, doc_id", [
    pytest.param(*p.values, marks=[pytest.mark.xfail(strict=True, reason=IDENTIFICATION_MISSES[p.values[1]])]
                 if p.values[1] in IDENTIFICATION_MISSES else [], id=p.id)
    for p in _docs("clean")
])
def test_clean_document_is_identified_as_its_language(lang, doc_id):
    record = next(r for r in records(lang, "clean") if r["id"] == doc_id)
    untagged = {k: v for k, v in record.items() if k != "tgt_lang"}
    assert document_from_record(untagged).target_language == lang


@pytest.mark.parametrize("lang, entry", _params("found"))
def test_planted_artifact_is_found(lang, entry):
    got = [(f.rule, f.text) for f in findings(lang, "planted", entry["doc"])]
    assert is_found(lang, entry), (entry["rule"], entry["text"], got)


@pytest.mark.parametrize("lang, entry", _params("absent"))
def test_known_false_positive_is_absent(lang, entry):
    hits = [f for f in findings(lang, "planted", entry["doc"]) if overlaps(lang, entry, f)]
    assert hits == []


@pytest.mark.parametrize("lang, doc_id", _docs("planted"))
def test_planted_document_gives_no_unexpected_finding(lang, doc_id):
    entries = [e for e in gold(lang) if e["doc"] == doc_id]
    expected = {(e["rule"], *span(lang, e)) for e in entries if e.get("expect", "found") == "found"}
    # where an xfail entry stands, its family's findings are its misplaced form, for the rule's owner
    known = [e for e in entries if e.get("xfail")]
    unexpected = [(f.rule, f.text) for f in findings(lang, "planted", doc_id)
                  if (f.rule, f.start, f.end) not in expected and not any(misplaced(lang, e, f) for e in known)]
    assert unexpected == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cli_reads_the_feeds_as_a_user_would(lang):
    from typer.testing import CliRunner

    from mtcheck.cli import app

    runner = CliRunner()
    clean = runner.invoke(app, ["check", str(CORPUS / lang / "clean.jsonl"), "--format", "jsonl", "--isolated"])
    assert clean.exit_code == 0, clean.output
    assert clean.stdout.strip() == ""
    planted = runner.invoke(app, ["check", str(CORPUS / lang / "planted.jsonl"), "--format", "jsonl",
                                  "--isolated", "--fail-on", "never"])
    assert planted.exit_code == 0, planted.output
    got = {(f["doc"], f["rule"], f["start"], f["end"]) for f in map(json.loads, planted.stdout.splitlines())}
    for entry in gold(lang):
        if entry.get("expect", "found") == "found" and not entry.get("xfail") and entry["rule"] in STABLE:
            assert (entry["doc"], entry["rule"], *span(lang, entry)) in got, entry


def measure() -> list[tuple[str, int, int, int, int]]:
    """(language, clean documents, clean documents with a finding, planted artifacts, found)."""
    rows = []
    for lang in LANGUAGES:
        clean = records(lang, "clean")
        noisy = sum(1 for r in clean if findings(lang, "clean", r["id"]))
        planted = [e for e in gold(lang) if e.get("expect", "found") == "found"]
        rows.append((lang, len(clean), noisy, len(planted), sum(is_found(lang, e) for e in planted)))
    return rows


def measure_by_artifact() -> dict[str, tuple[int, int]]:
    """artifact kind -> (planted, found), all languages together."""
    out: dict[str, tuple[int, int]] = {}
    for lang, entry in _all_gold():
        if entry.get("expect", "found") == "found":
            planted, found = out.get(entry["artifact"], (0, 0))
            out[entry["artifact"]] = (planted + 1, found + is_found(lang, entry))
    return out


if __name__ == "__main__":
    print("lang  clean  clean-with-findings  planted  found")
    total = [0, 0, 0, 0]
    for lang, clean, noisy, planted, found in measure():
        print(f"{lang:<5} {clean:>5}  {noisy:>19}  {planted:>7}  {found:>5}")
        total = [a + b for a, b in zip(total, (clean, noisy, planted, found))]
    print(f"{'all':<5} {total[0]:>5}  {total[1]:>19}  {total[2]:>7}  {total[3]:>5}")
    print("\nartifact                              planted  found")
    for artifact, (planted, found) in sorted(measure_by_artifact().items()):
        print(f"{artifact:<37} {planted:>7}  {found:>5}")
    sys.exit(0)
