#!/usr/bin/env python3
"""Load and validate the mtcheck pronoun gold corpus (corpora/pronouns/*.yaml).

Markup inside a document's ``text``:

* ``[[Pronoun=>Suggestion|kind]]`` marks a POSITIVE: a gendered pronoun the
  checker must flag, with the replacement it should suggest. ``kind`` is one of
  ``institution``, ``inanimate`` or ``mismatch``.
* Every other he/she/him/her/his/hers/himself/herself token (whole word, any
  case) is a NEGATIVE: the checker must not flag it.

``load_gold(path_or_dir)`` returns one dict per document::

    {"id": str, "src_lang": str | None, "topic": str, "file": str,
     "text": str,                      # markup stripped
     "positives": [{"start", "end", "text", "suggestion", "kind"}],
     "negatives": [{"start", "end", "text"}]}

Offsets are code-point offsets into the stripped ``text``;
``text[start:end]`` is the pronoun. Any malformed markup, invalid suggestion,
unknown field or duplicate id raises ``GoldError`` listing every problem.

Run ``python corpora/pronouns/check_gold.py [PATH ...]`` to validate and print
counts (default: the directory of this script).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TypedDict

import yaml

__all__ = [
    "GENDERED_PRONOUNS",
    "KINDS",
    "SRC_LANGS",
    "GoldError",
    "Span",
    "Positive",
    "GoldDocument",
    "strip_markup",
    "valid_suggestions",
    "load_gold",
    "summarize",
    "main",
]

GENDERED_PRONOUNS: frozenset[str] = frozenset(
    {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
)
KINDS: frozenset[str] = frozenset({"institution", "inanimate", "mismatch"})
SRC_LANGS: frozenset[str] = frozenset({"ar", "ru", "uk", "fr", "es", "de", "he"})

REQUIRED_FIELDS: frozenset[str] = frozenset({"id", "src_lang", "topic", "text"})
OPTIONAL_FIELDS: frozenset[str] = frozenset({"note"})

# Lower-case pronoun -> allowed lower-case suggestions, per kind group.
_NEUTER: dict[str, frozenset[str]] = {
    "he": frozenset({"it"}),
    "she": frozenset({"it"}),
    "him": frozenset({"it"}),
    "her": frozenset({"its", "it"}),  # possessive -> its, object -> it
    "his": frozenset({"its"}),
    "hers": frozenset({"its"}),
    "himself": frozenset({"itself"}),
    "herself": frozenset({"itself"}),
}
_SWAPPED: dict[str, frozenset[str]] = {
    "he": frozenset({"she"}),
    "she": frozenset({"he"}),
    "him": frozenset({"her"}),
    "her": frozenset({"his", "him"}),  # possessive -> his, object -> him
    "his": frozenset({"her", "hers"}),  # determiner -> her, independent -> hers
    "hers": frozenset({"his"}),
    "himself": frozenset({"herself"}),
    "herself": frozenset({"himself"}),
}

MARKUP_RE = re.compile(r"\[\[([^\[\]|]*?)=>([^\[\]|]*?)\|([^\[\]|]*?)\]\]")
PRONOUN_RE = re.compile(
    r"\b(?:" + "|".join(sorted(GENDERED_PRONOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class GoldError(ValueError):
    """The gold corpus is malformed; ``problems`` lists every issue found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in pronoun gold corpus:\n  "
            + "\n  ".join(self.problems)
        )


class Span(TypedDict):
    start: int
    end: int
    text: str


class Positive(Span):
    suggestion: str
    kind: str


class GoldDocument(TypedDict):
    id: str
    src_lang: str | None
    topic: str
    file: str
    text: str
    positives: list[Positive]
    negatives: list[Span]


def valid_suggestions(pronoun: str, kind: str) -> frozenset[str]:
    """Allowed suggestions for ``pronoun`` (any case) under ``kind``, in the
    pronoun's own case (``He`` -> ``It``; ``HIS`` -> ``ITS``)."""
    table = _SWAPPED if kind == "mismatch" else _NEUTER
    options = table.get(pronoun.lower(), frozenset())
    return frozenset(_match_case(pronoun, option) for option in options)


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def strip_markup(text: str, where: str = "") -> tuple[str, list[Positive], list[str]]:
    """Remove positive markup from ``text``.

    Returns (stripped text, positives with offsets into it, problems).
    """
    problems: list[str] = []
    positives: list[Positive] = []
    out: list[str] = []
    length = 0
    pos = 0
    for match in MARKUP_RE.finditer(text):
        out.append(text[pos : match.start()])
        length += match.start() - pos
        pronoun, suggestion, kind = match.group(1), match.group(2), match.group(3)
        label = f"{where}: {match.group(0)!r}"
        if pronoun.lower() not in GENDERED_PRONOUNS:
            problems.append(f"{label}: {pronoun!r} is not a gendered pronoun")
        if kind not in KINDS:
            problems.append(f"{label}: unknown kind {kind!r} (expected one of {sorted(KINDS)})")
        elif pronoun.lower() in GENDERED_PRONOUNS:
            allowed = valid_suggestions(pronoun, kind)
            if suggestion not in allowed:
                problems.append(
                    f"{label}: suggestion {suggestion!r} is not valid for {pronoun!r} "
                    f"as {kind} (expected one of {sorted(allowed)})"
                )
        positives.append(
            Positive(
                start=length,
                end=length + len(pronoun),
                text=pronoun,
                suggestion=suggestion,
                kind=kind,
            )
        )
        out.append(pronoun)
        length += len(pronoun)
        pos = match.end()
    out.append(text[pos:])
    stripped = "".join(out)
    for bad in ("[[", "]]", "=>"):
        if bad in stripped:
            idx = stripped.index(bad)
            problems.append(
                f"{where}: malformed markup, stray {bad!r} near {stripped[max(0, idx - 30) : idx + 30]!r}"
            )
    # Each positive must be exactly one whole-word pronoun token.
    tokens = {(m.start(), m.end()) for m in PRONOUN_RE.finditer(stripped)}
    for p in positives:
        if (p["start"], p["end"]) not in tokens and p["text"].lower() in GENDERED_PRONOUNS:
            problems.append(
                f"{where}: positive {p['text']!r} at {p['start']} is not a whole word "
                f"(context {stripped[max(0, p['start'] - 15) : p['end'] + 15]!r})"
            )
    return stripped, positives, problems


def _negatives(text: str, positives: list[Positive]) -> list[Span]:
    marked = {(p["start"], p["end"]) for p in positives}
    return [
        Span(start=m.start(), end=m.end(), text=m.group(0))
        for m in PRONOUN_RE.finditer(text)
        if (m.start(), m.end()) not in marked
    ]


def _files(path_or_dir: str | Path) -> list[Path]:
    path = Path(path_or_dir)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not files:
            raise GoldError([f"{path}: no .yaml files"])
        return files
    if path.is_file():
        return [path]
    raise GoldError([f"{path}: no such file or directory"])


def load_gold(path_or_dir: str | Path) -> list[GoldDocument]:
    """Parse one gold YAML file, or every ``*.yaml`` in a directory.

    Raises ``GoldError`` on any problem (all problems are reported at once).
    """
    problems: list[str] = []
    documents: list[GoldDocument] = []
    seen: dict[str, str] = {}
    for file in _files(path_or_dir):
        try:
            data: Any = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{file}: invalid YAML: {exc}")
            continue
        if not isinstance(data, dict) or set(data) != {"documents"}:
            problems.append(f"{file}: top level must be a mapping with the single key 'documents'")
            continue
        docs = data["documents"]
        if not isinstance(docs, list) or not docs:
            problems.append(f"{file}: 'documents' must be a non-empty list")
            continue
        for index, doc in enumerate(docs):
            where = f"{file.name}#{index}"
            if not isinstance(doc, dict):
                problems.append(f"{where}: document must be a mapping")
                continue
            missing = REQUIRED_FIELDS - set(doc)
            unknown = set(doc) - REQUIRED_FIELDS - OPTIONAL_FIELDS
            if missing:
                problems.append(f"{where}: missing field(s) {sorted(missing)}")
            if unknown:
                problems.append(f"{where}: unknown field(s) {sorted(unknown)}")
            if missing:
                continue
            doc_id, src_lang, topic, text = doc["id"], doc["src_lang"], doc["topic"], doc["text"]
            if not isinstance(doc_id, str) or not ID_RE.match(doc_id):
                problems.append(f"{where}: bad id {doc_id!r} (lower-case, digits, hyphens)")
                continue
            where = f"{file.name}:{doc_id}"
            if doc_id in seen:
                problems.append(f"{where}: duplicate id (also in {seen[doc_id]})")
            seen[doc_id] = file.name
            if src_lang is not None and src_lang not in SRC_LANGS:
                problems.append(f"{where}: src_lang {src_lang!r} not in {sorted(SRC_LANGS)} or null")
            if not isinstance(topic, str) or not topic.strip():
                problems.append(f"{where}: topic must be a non-empty string")
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: text must be a non-empty string")
                continue
            stripped, positives, doc_problems = strip_markup(text, where)
            problems.extend(doc_problems)
            for p in positives:
                if stripped[p["start"] : p["end"]] != p["text"]:  # internal consistency
                    problems.append(f"{where}: offset error for {p['text']!r}")
            documents.append(
                GoldDocument(
                    id=doc_id,
                    src_lang=src_lang,
                    topic=topic,
                    file=file.name,
                    text=stripped,
                    positives=positives,
                    negatives=_negatives(stripped, positives),
                )
            )
    if problems:
        raise GoldError(problems)
    return documents


def summarize(documents: list[GoldDocument]) -> dict[str, Any]:
    """Counts for reporting: documents, positives per kind, negatives, ..."""
    kinds = Counter(p["kind"] for d in documents for p in d["positives"])
    return {
        "documents": len(documents),
        "positives": sum(kinds.values()),
        "positives_by_kind": {k: kinds.get(k, 0) for k in sorted(KINDS)},
        "negatives": sum(len(d["negatives"]) for d in documents),
        "documents_without_gendered_pronoun": sum(
            1 for d in documents if not d["positives"] and not d["negatives"]
        ),
        "documents_with_only_negatives": sum(
            1 for d in documents if not d["positives"] and d["negatives"]
        ),
        "src_langs": dict(sorted(Counter(str(d["src_lang"]) for d in documents).items())),
        "topics": len({d["topic"] for d in documents}),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = args or [str(Path(__file__).resolve().parent)]
    try:
        documents = [d for p in paths for d in load_gold(p)]
        ids = Counter(d["id"] for d in documents)
        dupes = sorted(i for i, n in ids.items() if n > 1)
        if dupes:
            raise GoldError([f"duplicate id across paths: {i}" for i in dupes])
    except GoldError as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    summary = summarize(documents)
    print(f"documents: {summary['documents']}")
    print(f"positives: {summary['positives']}")
    for kind, n in summary["positives_by_kind"].items():
        print(f"  {kind}: {n}")
    print(f"negatives: {summary['negatives']}")
    print(f"documents without any gendered pronoun: {summary['documents_without_gendered_pronoun']}")
    print(f"documents with negatives only: {summary['documents_with_only_negatives']}")
    print(f"src_lang: {summary['src_langs']}")
    print(f"distinct topics: {summary['topics']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
