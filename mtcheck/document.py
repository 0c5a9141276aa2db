"""The document model that every check shares: text, spans, tokens, positions.

Offsets are Unicode code points into ``Document.text``. Sentences, paragraphs and
tokens are computed lazily and cached, because most checks on most documents never
need them (a fast regex pre-scan decides), and a feed of a million segments must not
pay for tokenising what nobody reads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Sequence


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    index: int


# Words keep inner apostrophes and hyphens ("Kiev's", "Kiev-based"); everything else
# that is not space is a one-character punctuation token.
_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt maj capt sgt adm gov sen rep st mt jr sr inc ltd co corp
    no vs etc approx jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
    al fig vol pp ft""".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|\n")


def _split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.end()
        if match.group() != "\n" and _ends_with_abbreviation(text, match.start()):
            continue
        if match.group() != "\n" and not _next_starts_sentence(text, end):
            continue
        _add_trimmed(spans, text, start, end)
        start = end
    _add_trimmed(spans, text, start, len(text))
    return spans


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return False
    # Single capital initials ("J. Smith") do not end sentences either.
    return word in _ABBREVIATIONS or (len(word) == 1 and text[word_start].isupper())


def _next_starts_sentence(text: str, pos: int) -> bool:
    rest = text[pos:pos + 40].lstrip(" \t")
    if not rest or rest[0] == "\n":
        return True
    first = rest.lstrip("\"'“‘«([-–— ")
    return not first or not first[0].islower()


# Text without sentence punctuation (chat, scraped lists) would otherwise be one
# "sentence" of megabytes, and every window a check opens over sentences would be
# the whole document: longer runs are cut at the last space before this length.
MAX_SENTENCE = 1000


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add_trimmed(spans, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append(Span(start, end))


class Document:
    """One checked text with its optional source and reference.

    ``line_map`` maps a 1-based line of ``text`` to the 1-based line of the input
    file (aligned line files); ``record_line`` pins every finding to one input line
    (a JSONL or TSV record); otherwise the input line is ``first_line + line - 1``.
    """

    __slots__ = (
        "text", "path", "doc_id", "src", "ref", "src_lang", "tgt_lang",
        "record_line", "line_map", "first_line", "__dict__",
    )

    def __init__(
        self,
        text: str,
        *,
        path: str = "-",
        doc_id: str | None = None,
        src: str | None = None,
        ref: str | None = None,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        record_line: int | None = None,
        line_map: Sequence[int] | None = None,
        first_line: int = 1,
    ) -> None:
        self.text = text
        self.path = path
        self.doc_id = doc_id if doc_id is not None else path
        self.src = src
        self.ref = ref
        self.src_lang = src_lang.lower() if src_lang else None
        self.tgt_lang = (tgt_lang or "en").lower()
        # Without a tgt_lang, target_language is identified from the text (mtcheck.langid).
        self.tgt_lang_given = bool(tgt_lang)
        self.record_line = record_line
        self.line_map = line_map
        self.first_line = first_line

    def __repr__(self) -> str:
        return f"Document(doc_id={self.doc_id!r}, chars={len(self.text)})"

    @property
    def target_language(self) -> str:
        """Primary subtag of the target language: ``en-GB`` -> ``en``. Without a
        ``tgt_lang`` it is the language pack the text is identified as (``en`` when
        unsure or when the text is in its source language): see mtcheck.langid."""
        found = self.__dict__.get("_target_language")
        if found is None:
            found = self.tgt_lang.split("-")[0].split("_")[0]
            if not self.__dict__.get("tgt_lang_given", True):
                from mtcheck.langid import identify_target

                found = identify_target(self.text, self.src_lang) or found
            self.__dict__["_target_language"] = found
        return found

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int, int]:
        """(line, column, input_line), all 1-based, of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        line = index + 1
        column = offset - self.line_starts[index] + 1
        if self.record_line is not None:
            input_line = self.record_line
        elif self.line_map is not None and index < len(self.line_map):
            input_line = self.line_map[index]
        else:
            input_line = self.first_line + index
        return line, column, input_line

    @cached_property
    def lines(self) -> list[Span]:
        """Every line, without its newline, including empty ones."""
        ends = [s - 1 for s in self.line_starts[1:]] + [len(self.text)]
        return [Span(s, e) for s, e in zip(self.line_starts, ends)]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Non-empty lines: MT feeds put one paragraph on a line."""
        return [span for span in self.lines if self.text[span.start:span.end].strip()]

    @cached_property
    def sentences(self) -> list[Span]:
        return _split_sentences(self.text)

    def sentence_index(self, offset: int) -> int:
        starts = self._sentence_starts
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [span.start for span in self.sentences]

    @cached_property
    def tokens(self) -> list[Token]:
        return [
            Token(m.group(), m.start(), m.end(), i)
            for i, m in enumerate(_TOKEN_RE.finditer(self.text))
        ]

    def tokens_in(self, span: Span) -> list[Token]:
        starts = self._token_starts
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        return self.tokens[lo:hi]

    def token_matches(self, span: Span) -> Iterator[re.Match[str]]:
        """Matches of the token pattern inside ``span`` only, without building
        ``tokens`` for the whole document: for a check that reads a few sentences of a
        long text. Sentence spans cut no token, so the matches of a sentence are the
        tokens ``tokens_in`` returns for it."""
        return _TOKEN_RE.finditer(self.text, span.start, span.end)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.start for token in self.tokens]

    def token_at(self, offset: int) -> Token | None:
        starts = self._token_starts
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and self.tokens[index].start <= offset < self.tokens[index].end:
            return self.tokens[index]
        return None
