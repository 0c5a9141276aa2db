"""Our foundation corpora: the wire feed finds exactly its gold; articles find what was planted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

FAMILIES = ["untranslated", "punctuation", "number"]
ARTICLES = Path(__file__).resolve().parent.parent / "corpora" / "articles"


def _select(families: list[str]) -> list[str]:
    return [arg for fam in families for arg in ("--select", fam)]


def _run(cli, path: Path, families: list[str]) -> list[dict]:
    result = cli(["check", path, "--format", "jsonl", "--fail-on", "never", *_select(families)])
    assert result.exit_code == 0, result.stderr
    return result.jsonl()


def test_feed_finds_exactly_the_gold(cli, corpora):
    feed = corpora / "feeds" / "wire-sample.jsonl"
    records = {r["id"]: r for r in map(json.loads, feed.read_text(encoding="utf-8").splitlines())}
    assert 15 <= len(records) <= 30
    assert {r["src_lang"] for r in records.values()} == {"ru", "uk", "ar", "fr"}
    gold_path = corpora / "gold" / "wire-sample.findings.jsonl"
    gold = Counter(
        (g["id"], g["rule"], g["text"], g["suggestion"])
        for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
    )
    findings = _run(cli, feed, FAMILIES)
    for f in findings:
        assert records[f["doc"]]["mt"][f["start"]:f["end"]] == f["text"]
    got = Counter((f["doc"], f["rule"], f["text"], f["suggestion"]) for f in findings)
    assert got - gold == Counter(), "false alarms"
    assert gold - got == Counter(), "missed gold findings"
    # Clean records are part of the test: at least a third of the feed has no gold line.
    assert len(records) - len({key[0] for key in gold}) >= len(records) // 3


CLEAN = sorted(ARTICLES.glob("clean-*.txt"))
PLANTED = {
    "mt-kharkiv-night-attack.txt": [
        ("punctuation.doubled", ",,"), ("punctuation.unbalanced", '"'),
        ("untranslated.script", "всё чисто"), ("punctuation.unbalanced", "("),
        ("boilerplate.residue", "Share"), ("boilerplate.residue", "Related News"),
    ],
    "mt-grain-port-talks.txt": [
        ("punctuation.placeholder", "&nbsp;"), ("punctuation.placeholder", "{0}"),
        ("punctuation.doubled", " ,"), ("untranslated.script", "إن شاء الله"),
        ("boilerplate.residue", "Read also: Wheat prices fall on export news"),
    ],
    "mt-energy-grid-repairs.txt": [
        ("punctuation.doubled", ".."), ("untranslated.mixed-script", "Kyіv"),
        ("untranslated.mixed-script", "WНO"), ("punctuation.placeholder", "<b>"),
        ("punctuation.placeholder", "</b>"), ("punctuation.unbalanced", "["),
        ("punctuation.placeholder", "%s"), ("boilerplate.residue", "Tags: energy, grid, winter"),
    ],
    "mt-harbour-fire.txt": [
        ("untranslated.script", "火災警報"), ("punctuation.doubled", ";;"),
        ("punctuation.unbalanced", '"'), ("punctuation.placeholder", "[[Harbour inquiry]]"),
    ],
}


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_articles_have_no_findings(cli, path):
    assert _run(cli, path, [*FAMILIES, "boilerplate"]) == []


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_articles_find_what_was_planted(cli, name):
    path = ARTICLES / name
    text = path.read_text(encoding="utf-8")
    findings = _run(cli, path, [*FAMILIES, "boilerplate"])
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
    assert [(f["rule"], f["text"]) for f in findings] == PLANTED[name]


def test_corpora_sizes():
    assert 2 <= len(CLEAN) <= 3
    assert 4 <= len(PLANTED) <= 6
