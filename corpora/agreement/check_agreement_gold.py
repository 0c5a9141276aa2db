#!/usr/bin/env python3
"""Load and validate the gold corpora for ``pronoun.agreement`` (corpora/agreement/).

One YAML file per target language (``de.yaml``, ``fr.yaml``, ...; held-out sets in
``blind/``). The file format is described in ``corpora/agreement/README.md``; in
short, inside a document's ``text``:

* ``[[Token=>Suggestion|g]]`` marks a POSITIVE: a third-person pronoun that refers
  to a non-person antecedent and disagrees with that noun's grammatical gender
  ``g`` (m, f, n); ``Suggestion`` is the right form.
* Every other whole-word occurrence of a token in ``forms`` is a NEGATIVE.
* Tokens in ``marked_forms`` (fr/es ``le``/``la``/``lo``, mostly articles) are
  labelled only where marked: ``[[la=>le|m]]`` is a positive, ``[[la]]`` a
  negative (a correct object pronoun); unmarked ones are not labelled.

``load_agreement_gold(path_or_dir)`` returns one dict per document::

    {"id", "language", "topic", "file", "src": str | None,
     "text": str,                                   # markup stripped
     "positives": [{"start", "end", "text", "suggestion", "gender"}],
     "negatives": [{"start", "end", "text"}]}

Offsets are code points into the stripped ``text`` (``text[start:end]`` is the
token). Every problem (malformed markup, a token or suggestion outside the
file's forms, a suggestion of the wrong gender, duplicate ids, ``src`` and
``text`` with different line counts, ...) is collected and raised at once as
``AgreementGoldError``, each naming its file and line.

Run ``python corpora/agreement/check_agreement_gold.py [PATH ...]`` to validate and
print counts per file (default: this directory and ``blind/``).
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TypedDict

import yaml

LANGUAGES: dict[str, frozenset[str]] = {
    # language -> genders its nouns have (plural antecedents are not covered)
    "de": frozenset({"m", "f", "n"}),
    "ru": frozenset({"m", "f", "n"}),
    "uk": frozenset({"m", "f", "n"}),
    "fr": frozenset({"m", "f"}),
    "es": frozenset({"m", "f"}),
}
TOP_REQUIRED = frozenset({"language", "forms", "genders", "documents"})
TOP_OPTIONAL = frozenset({"marked_forms", "enclitics"})
DOC_REQUIRED = frozenset({"id", "topic", "text"})
DOC_OPTIONAL = frozenset({"src", "note"})

# [[Token=>Suggestion|g]] (positive) or [[Token]] (labelled negative of a marked form)
MARKUP_RE = re.compile(r"\[\[([^\[\]|=>]+?)(?:=>([^\[\]|]*?)\|([^\[\]|]*?))?\]\]")
ID_RE = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
WORD_CHAR_RE = re.compile(r"\w")


class AgreementGoldError(ValueError):
    """The corpus is malformed; ``problems`` lists every issue found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"{len(self.problems)} problem(s) in agreement gold corpus:\n  " + "\n  ".join(self.problems)
        )


class Span(TypedDict):
    start: int
    end: int
    text: str


class Positive(Span):
    suggestion: str
    gender: str


class AgreementDocument(TypedDict):
    id: str
    language: str
    topic: str
    file: str
    src: str | None
    text: str
    positives: list[Positive]
    negatives: list[Span]


class _Lexicon:
    """A file's header: which tokens are labelled and which genders each can express."""

    def __init__(self, language: str, forms: list[str], marked: list[str],
                 genders: dict[str, list[str]], enclitics: bool) -> None:
        self.language = language
        self.forms = frozenset(forms)
        self.marked = frozenset(marked)
        self.genders = {form: frozenset(g) for form, g in genders.items()}
        self.enclitics = enclitics
        self.form_re = _word_re(self.forms)

    def known(self, token: str) -> bool:
        return token.lower() in self.forms or token.lower() in self.marked


def _word_re(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _same_case(model: str, word: str) -> bool:
    """``word`` is capitalised as ``model`` is (Er/Sie, ER/SIE, er/sie)."""
    if model.isupper() and len(model) > 1:
        return word.isupper()
    if model[:1].isupper():
        return word[:1].isupper() and word[1:] == word[1:].lower()
    return word == word.lower()


def _read_lexicon(data: dict[str, Any], where: str, problems: list[str]) -> _Lexicon | None:
    language = data.get("language")
    if language not in LANGUAGES:
        problems.append(f"{where}: language {language!r} not in {sorted(LANGUAGES)}")
        return None
    forms, marked = data.get("forms"), data.get("marked_forms", [])
    genders, enclitics = data.get("genders"), data.get("enclitics", False)
    for name, value in (("forms", forms), ("marked_forms", marked)):
        if not isinstance(value, list) or not all(isinstance(f, str) and f == f.lower() and f for f in value):
            problems.append(f"{where}: {name} must be a list of lower-case tokens")
            return None
    if not isinstance(genders, dict) or not all(isinstance(v, list) for v in genders.values()):
        problems.append(f"{where}: genders must map each form to a list of genders")
        return None
    if set(genders) != set(forms) | set(marked):
        problems.append(f"{where}: genders must list exactly forms + marked_forms "
                        f"(missing {sorted((set(forms) | set(marked)) - set(genders))}, "
                        f"extra {sorted(set(genders) - set(forms) - set(marked))})")
        return None
    if set(forms) & set(marked):
        problems.append(f"{where}: {sorted(set(forms) & set(marked))} in both forms and marked_forms")
    for form, values in genders.items():
        bad = set(values) - LANGUAGES[language]
        if bad:
            problems.append(f"{where}: genders of {form!r}: {sorted(bad)} not a gender of {language}")
    if not isinstance(enclitics, bool):
        problems.append(f"{where}: enclitics must be true or false")
    return _Lexicon(language, forms, marked, genders, bool(enclitics))


def _check_positive(lex: _Lexicon, token: str, suggestion: str, gender: str, label: str) -> list[str]:
    problems = []
    if not lex.known(token):
        problems.append(f"{label}: {token!r} is not in forms or marked_forms")
    if gender not in LANGUAGES[lex.language]:
        problems.append(f"{label}: gender {gender!r} is not one of {sorted(LANGUAGES[lex.language])}")
    if not lex.known(suggestion):
        problems.append(f"{label}: suggestion {suggestion!r} is not in forms or marked_forms")
    if problems:
        return problems
    if gender in lex.genders[token.lower()]:
        problems.append(f"{label}: {token!r} can already refer to a {gender} noun: not a disagreement")
    if gender not in lex.genders[suggestion.lower()]:
        problems.append(f"{label}: suggestion {suggestion!r} cannot refer to a {gender} noun")
    if not _same_case(token, suggestion):
        problems.append(f"{label}: suggestion {suggestion!r} is not capitalised as {token!r}")
    return problems


def _is_token(text: str, start: int, end: int, lex: _Lexicon, token: str) -> bool:
    """Whole word, or (enclitic languages, marked forms) the end of a verb: aprobar[[la]]."""
    before = start > 0 and WORD_CHAR_RE.match(text[start - 1]) is not None
    after = end < len(text) and WORD_CHAR_RE.match(text[end]) is not None
    if after:
        return False
    return not before or (lex.enclitics and token.lower() in lex.marked)


def strip_markup(text: str, lex: _Lexicon, where: str, first_line: int
                 ) -> tuple[str, list[Positive], list[Span], list[str]]:
    """Remove markup. Returns (stripped text, positives, marked negatives, problems)."""
    problems: list[str] = []
    positives: list[Positive] = []
    marked_negatives: list[Span] = []
    out: list[str] = []
    pos = length = 0
    for match in MARKUP_RE.finditer(text):
        out.append(text[pos:match.start()])
        length += match.start() - pos
        token, suggestion, gender = match.group(1), match.group(2), match.group(3)
        label = f"{where} line {first_line + text.count(chr(10), 0, match.start())}: {match.group(0)!r}"
        if suggestion is None:
            if token.lower() not in lex.marked:
                problems.append(f"{label}: [[{token}]] (a labelled negative) is only for marked_forms "
                                f"{sorted(lex.marked)}; other forms are negatives unmarked")
            marked_negatives.append(Span(start=length, end=length + len(token), text=token))
        else:
            problems.extend(_check_positive(lex, token, suggestion, gender, label))
            positives.append(Positive(start=length, end=length + len(token), text=token,
                                      suggestion=suggestion, gender=gender))
        out.append(token)
        length += len(token)
        pos = match.end()
    out.append(text[pos:])
    stripped = "".join(out)
    for bad in ("[[", "]]", "=>"):
        index = stripped.find(bad)
        if index >= 0:
            line = first_line + stripped.count("\n", 0, index)
            problems.append(f"{where} line {line}: malformed markup, stray {bad!r} near "
                            f"{stripped[max(0, index - 30):index + 30]!r}")
    for span in positives + marked_negatives:
        if stripped[span["start"]:span["end"]] != span["text"]:
            problems.append(f"{where}: offset error for {span['text']!r}")  # internal consistency
        elif lex.known(span["text"]) and not _is_token(stripped, span["start"], span["end"], lex, span["text"]):
            line = first_line + stripped.count("\n", 0, span["start"])
            problems.append(f"{where} line {line}: {span['text']!r} is not a whole word "
                            f"(context {stripped[max(0, span['start'] - 15):span['end'] + 15]!r})")
    return stripped, positives, marked_negatives, problems


def _negatives(text: str, lex: _Lexicon, positives: list[Positive], marked: list[Span]) -> list[Span]:
    taken = {(p["start"], p["end"]) for p in positives}
    spans = [Span(start=m.start(), end=m.end(), text=m.group(0))
             for m in lex.form_re.finditer(text) if (m.start(), m.end()) not in taken]
    return sorted(spans + marked, key=lambda s: s["start"])


def _line_counts(value: str) -> int:
    return len(value.rstrip("\n").split("\n"))


def _document_lines(raw: str) -> tuple[list[int], list[int]]:
    """1-based line of each document and of the first line of its text, from the YAML nodes."""
    root = yaml.compose(raw, Loader=yaml.SafeLoader)
    doc_lines: list[int] = []
    text_lines: list[int] = []
    if not isinstance(root, yaml.MappingNode):
        return doc_lines, text_lines
    for key, value in root.value:
        if key.value != "documents" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            doc_lines.append(item.start_mark.line + 1)
            text_line = item.start_mark.line + 1
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    if k.value == "text":
                        block = getattr(v, "style", None) in ("|", ">")
                        text_line = v.start_mark.line + (2 if block else 1)
            text_lines.append(text_line)
    return doc_lines, text_lines


def _load_document(doc: Any, lex: _Lexicon, where: str, text_line: int,
                   file: Path, problems: list[str]) -> AgreementDocument | None:
    if not isinstance(doc, dict):
        problems.append(f"{where}: document must be a mapping")
        return None
    missing, unknown = DOC_REQUIRED - set(doc), set(doc) - DOC_REQUIRED - DOC_OPTIONAL
    if missing:
        problems.append(f"{where}: missing field(s) {sorted(missing)}")
    if unknown:
        problems.append(f"{where}: unknown field(s) {sorted(unknown)}")
    if missing:
        return None
    doc_id, topic, text, src = doc["id"], doc["topic"], doc["text"], doc.get("src")
    if not isinstance(doc_id, str) or not ID_RE.match(doc_id) or not doc_id.startswith(lex.language + "-"):
        problems.append(f"{where}: bad id {doc_id!r} (starts with '{lex.language}-'; lower-case, digits, hyphens)")
        return None
    where = f"{where} ({doc_id})"
    if not isinstance(topic, str) or not topic.strip():
        problems.append(f"{where}: topic must be a non-empty string")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text must be a non-empty string")
        return None
    if src is not None and (not isinstance(src, str) or not src.strip()):
        problems.append(f"{where}: src must be a non-empty string or absent")
        src = None
    stripped, positives, marked, doc_problems = strip_markup(text, lex, where, text_line)
    problems.extend(doc_problems)
    if src is not None and _line_counts(src) != _line_counts(stripped):
        problems.append(f"{where}: src has {_line_counts(src)} line(s), text has {_line_counts(stripped)}")
    return AgreementDocument(id=doc_id, language=lex.language, topic=topic, file=str(file), src=src,
                             text=stripped, positives=positives,
                             negatives=_negatives(stripped, lex, positives, marked))


def _load_file(file: Path, problems: list[str]) -> list[AgreementDocument]:
    try:
        raw = file.read_text(encoding="utf-8")
        data: Any = yaml.safe_load(raw)
        doc_lines, text_lines = _document_lines(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{file}: cannot read: {exc}")
        return []
    if not isinstance(data, dict):
        problems.append(f"{file}: top level must be a mapping")
        return []
    missing, unknown = TOP_REQUIRED - set(data), set(data) - TOP_REQUIRED - TOP_OPTIONAL
    if missing or unknown:
        problems.append(f"{file}: missing key(s) {sorted(missing)}, unknown key(s) {sorted(unknown)}")
        return []
    lex = _read_lexicon(data, str(file), problems)
    docs = data["documents"]
    if lex is None or not isinstance(docs, list) or not docs:
        if lex is not None:
            problems.append(f"{file}: 'documents' must be a non-empty list")
        return []
    loaded = []
    for index, doc in enumerate(docs):
        where = f"{file}:{doc_lines[index] if index < len(doc_lines) else '?'}"
        text_line = text_lines[index] if index < len(text_lines) else 0
        result = _load_document(doc, lex, where, text_line, file, problems)
        if result is not None:
            loaded.append(result)
    return loaded


def _files(path_or_dir: str | Path) -> list[Path]:
    path = Path(path_or_dir)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not files:
            raise AgreementGoldError([f"{path}: no .yaml files"])
        return files
    if path.is_file():
        return [path]
    raise AgreementGoldError([f"{path}: no such file or directory"])


def load_agreement_gold(*paths: str | Path) -> list[AgreementDocument]:
    """Parse gold files or directories (not recursive). Ids must be unique across all of them."""
    problems: list[str] = []
    documents: list[AgreementDocument] = []
    for path in paths:
        for file in _files(path):
            documents.extend(_load_file(file, problems))
    seen: dict[str, str] = {}
    for doc in documents:
        if doc["id"] in seen:
            problems.append(f"{doc['file']}: duplicate id {doc['id']!r} (also in {seen[doc['id']]})")
        seen.setdefault(doc["id"], doc["file"])
    if problems:
        raise AgreementGoldError(problems)
    return documents


def summarize(documents: list[AgreementDocument]) -> dict[str, Any]:
    genders = Counter(p["gender"] for d in documents for p in d["positives"])
    return {
        "documents": len(documents),
        "positives": sum(genders.values()),
        "positives_by_gender": dict(sorted(genders.items())),
        "negatives": sum(len(d["negatives"]) for d in documents),
        "without_src": sum(1 for d in documents if d["src"] is None),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    here = Path(__file__).resolve().parent
    paths = args or [str(here), str(here / "blind")]
    try:
        files = [f for p in paths for f in _files(p)]
        documents = load_agreement_gold(*files)
    except AgreementGoldError as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    for file in files:
        s = summarize([d for d in documents if d["file"] == str(file)])
        shown = os.path.relpath(file) if file.is_absolute() else file
        print(f"{shown}: {s['documents']} documents, {s['positives']} positives "
              f"{s['positives_by_gender']}, {s['negatives']} negatives, {s['without_src']} without src")
    return 0


if __name__ == "__main__":
    sys.exit(main())
