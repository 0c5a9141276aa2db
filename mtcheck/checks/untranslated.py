"""Source-language text left in a translation: foreign-script runs, homoglyph words,
source phrases copied verbatim.

A document whose text has no letter outside the target's scripts costs one regex
search (in C); copied-source needs a source and costs one pass over each side.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import regex

from mtcheck import languages
from mtcheck.checks import language as language_rules
from mtcheck.checks.base import Family, Hit
from mtcheck.config import RunConfig
from mtcheck.datafiles import load_yaml_resource
from mtcheck.document import Document
from mtcheck.errors import PackError
from mtcheck.rules import rule
from mtcheck.signature import short_hash

SCRIPT = rule("untranslated.script")
MIXED = rule("untranslated.mixed-script")
COPIED = rule("untranslated.copied-source")

# Scripts a target language is written in, besides Latin (allowed everywhere: names,
# brands and URLs stay Latin in every script).
_TARGET_SCRIPTS: dict[str, tuple[str, ...]] = {
    **{lang: ("Cyrillic",) for lang in ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn")},
    **{lang: ("Arabic",) for lang in ("ar", "fa", "ur", "ps")},
    "he": ("Hebrew",), "yi": ("Hebrew",), "el": ("Greek",),
    "zh": ("Han",), "ja": ("Han", "Hiragana", "Katakana"), "ko": ("Hangul", "Han"),
    "hi": ("Devanagari",), "mr": ("Devanagari",), "ne": ("Devanagari",),
    "ka": ("Georgian",), "hy": ("Armenian",), "th": ("Thai",),
}
# Source languages whose text is not in Latin script (copied-source skips them).
_NON_LATIN_SOURCES = frozenset(_TARGET_SCRIPTS)

# Named in messages; CJK scripts are one group so Japanese kana and kanji form one run.
_SCRIPT_NAMES = (
    "Cyrillic", "Arabic", "Hebrew", "Greek", "Han", "Hiragana", "Katakana", "Hangul",
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Telugu", "Kannada",
    "Malayalam", "Sinhala", "Georgian", "Armenian", "Thai", "Lao", "Khmer", "Myanmar",
    "Tibetan", "Ethiopic", "Syriac", "Thaana", "Mongolian",
)
_GROUP = {"Han": "CJK", "Hiragana": "CJK", "Katakana": "CJK", "Hangul": "CJK"}
_SCRIPT_RES = tuple((name, regex.compile(rf"\p{{Script={name}}}")) for name in _SCRIPT_NAMES)

_WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
_LATIN_RE = regex.compile(r"\p{Script=Latin}")
# Between two words of a run: spaces, punctuation, digits, but never a line break.
_GAP_RE = regex.compile(r"[^\S\n]*(?:[\p{P}\p{N}][^\S\n]*)*")
_SRC_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*")


@lru_cache(maxsize=64)
def _foreign_re(allowed: tuple[str, ...]) -> regex.Pattern[str]:
    minus = "".join(f"--\\p{{Script={s}}}" for s in ("Latin", "Common", "Inherited", *allowed))
    return regex.compile(rf"[\p{{L}}{minus}]", flags=regex.V1)


def _script_of(char: str) -> str:
    for name, pattern in _SCRIPT_RES:
        if pattern.match(char):
            return _GROUP.get(name, name)
    return "non-Latin"


@dataclass(frozen=True)
class UntranslatedData:
    homoglyphs: dict[str, str]
    signature: dict[str, str] = field(default_factory=dict)
    # the same-script rules (untranslated.language, untranslated.fragment)
    language: language_rules.LanguageData | None = None


def load(config: RunConfig) -> UntranslatedData:
    path, raw = load_yaml_resource("untranslated/homoglyphs.yaml")
    table: dict[str, str] = {}
    for key in ("cyrillic", "greek"):
        section = raw.get(key)
        if not isinstance(section, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) == 1 for k, v in section.items()
        ):
            raise PackError(f"'{key}' must map single letters to Latin letters", path)
        table.update(section)
    lang_data = language_rules.load(config)
    data = UntranslatedData(table, {"homoglyphs": short_hash([k + v for k, v in sorted(table.items())], 8),
                                    "languages": languages.signature(lang_data.packs)}, lang_data)
    for word, expected in (raw.get("specs") or {}).items():
        got = _repair(str(word), table)
        if got != expected:
            raise PackError(f"spec failed: {word!r} should repair to {expected!r}, got {got!r}", path)
    return data


def _repair(word: str, table: dict[str, str]) -> str | None:
    out = []
    for char in word:
        if _LATIN_RE.match(char) or not char.isalpha():
            out.append(char)
        elif char in table:
            out.append(table[char])
        else:
            return None
    return "".join(out)


def check(doc: Document, data: UntranslatedData) -> Iterator[Hit]:
    lang = doc.target_language
    allowed = _TARGET_SCRIPTS.get(lang, ())
    foreign = _foreign_re(allowed)
    if foreign.search(doc.text) is not None:
        yield from _script_hits(doc.text, foreign, latin_target=not allowed, table=data.homoglyphs)
    if doc.src and doc.src_lang and doc.src_lang.split("-")[0] not in _NON_LATIN_SOURCES \
            and doc.src_lang.split("-")[0] != lang:
        copied = list(_copied_hits(doc.text, doc.src, doc.src_lang))
        yield from copied
    else:
        copied = []
    if data.language is not None:
        for hit in language_rules.check(doc, data.language):
            # words copied from the source are untranslated.copied-source, the more specific
            if any(
                    c.start < hit.end and hit.start < c.end for c in copied):
                continue
            yield hit


def _script_hits(
    text: str, foreign: regex.Pattern[str], latin_target: bool, table: dict[str, str]
) -> Iterator[Hit]:
    run: list[tuple[int, int]] = []  # (start, end) of the words of the current run
    run_script = ""
    for match in _WORD_RE.finditer(text):
        word = match.group()
        alien = foreign.search(word)
        if alien is None:
            continue
        has_latin = _LATIN_RE.search(word) is not None
        if has_latin:
            if latin_target:
                hit = _mixed_hit(match.start(), match.end(), word, foreign, table)
                if hit is not None:
                    yield hit
            continue
        script = _script_of(alien.group())
        if run and script == run_script and _joins(text, run[-1][1], match.start()):
            run.append(match.span())
            continue
        if run:
            yield from _run_hit(text, run, run_script)
        run, run_script = [match.span()], script
    if run:
        yield from _run_hit(text, run, run_script)


def _joins(text: str, end: int, start: int) -> bool:
    gap = _GAP_RE.fullmatch(text, end, start)
    return gap is not None


def _run_hit(text: str, run: list[tuple[int, int]], script: str) -> Iterator[Hit]:
    start, end = run[0][0], run[-1][1]
    if script == "Greek" and end - start == 1:
        return  # a lone Greek letter is a symbol (β-blocker, Delta)
    fragment = text[start:end]
    yield Hit(
        SCRIPT.id, start, end,
        f"'{fragment}' is {script} text left untranslated in the translation: translate or transliterate it.",
    )


def _mixed_hit(
    start: int, end: int, word: str, foreign: regex.Pattern[str], table: dict[str, str]
) -> Hit | None:
    aliens = foreign.findall(word)
    # Greek letters with no Latin twin in a Latin word are symbols (μm, βeta-test).
    if all(_script_of(c) == "Greek" and c not in table for c in aliens):
        return None
    repair = _repair(word, table)
    scripts = ", ".join(sorted({_script_of(c) for c in aliens}))
    advice = f"write '{repair}'" if repair else "retype it in Latin letters"
    return Hit(
        MIXED.id, start, end,
        f"'{word}' mixes Latin with {scripts} letters that look alike: {advice}.",
        repair,
    )


_MIN_NGRAM = 4
_MIN_LOWER = 3


def _is_lower_word(token: str) -> bool:
    return token[0].isalpha() and not token[0].isupper()


def _copied_hits(text: str, src: str, src_lang: str) -> Iterator[Hit]:
    src_match = list(_SRC_TOKEN_RE.finditer(src))
    if len(src_match) < _MIN_NGRAM:
        return
    src_tokens = [m.group().casefold() for m in src_match]
    src_clause = _clause_ids(src, src_match)
    # n-grams never cross a line or sentence end: a line copied next to a translated one
    # must not take in the name or number the neighbour shares with the source
    grams = {
        hash(tuple(src_tokens[i:i + _MIN_NGRAM])) for i in range(len(src_tokens) - _MIN_NGRAM + 1)
        if src_clause[i] == src_clause[i + _MIN_NGRAM - 1]
    }
    mt = list(_SRC_TOKEN_RE.finditer(text))
    folded = [m.group().casefold() for m in mt]
    clause = _clause_ids(text, mt)
    covered_to = -1  # index of the last mt token inside the current stretch
    first = -1
    stretches: list[tuple[int, int]] = []
    for i in range(len(mt) - _MIN_NGRAM + 1):
        if clause[i] != clause[i + _MIN_NGRAM - 1] or hash(tuple(folded[i:i + _MIN_NGRAM])) not in grams:
            continue
        if first >= 0 and i <= covered_to + 1 and clause[covered_to] == clause[i]:
            covered_to = i + _MIN_NGRAM - 1
            continue
        if first >= 0:
            stretches.append((first, covered_to))
        first, covered_to = i, i + _MIN_NGRAM - 1
    if first >= 0:
        stretches.append((first, covered_to))
    for lo, hi in stretches:
        if sum(_is_lower_word(mt[k].group()) for k in range(lo, hi + 1)) < _MIN_LOWER:
            continue
        start, end = mt[lo].start(), mt[hi].end()
        yield Hit(
            COPIED.id, start, end,
            f"'{text[start:end]}' is copied unchanged from the {src_lang} source: translate it.",
        )


# A line break, or a full stop, question or exclamation mark before a space: the end of
# a sentence ("3.5" and "U.S.A" stay one).
_SENTENCE_END_RE = regex.compile(r"\n|[.!?…]+[\"'”»)\]]*(?:\s|$)")


def _clause_ids(text: str, tokens: list[regex.Match[str]]) -> list[int]:
    """For each token, the number of sentence ends before it (no token holds one)."""
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
    return [bisect_left(ends, token.start()) for token in tokens]


FAMILY = Family(name="untranslated", rules=(SCRIPT, MIXED, COPIED, *language_rules.RULES),
                check=check, load=load)
