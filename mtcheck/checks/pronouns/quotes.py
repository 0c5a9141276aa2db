"""Quoted passages: a pronoun inside a quotation is resolved inside it."""

from __future__ import annotations

import bisect
import re

from mtcheck.document import Document, Span

QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", "'": "'"}
_QUOTE_MARK = re.compile("[“”«»„\"‘’']")
# Single quotes are apostrophes far more often than quotation marks (it's, the
# players' union, rock 'n' roll): only an opening-shaped one before a capital opens,
# and only a closing-shaped one closes.
_SINGLE = frozenset("‘’'")


def quote_spans(doc: Document) -> list[Span]:
    """Quoted passages. Marks pair inside a paragraph; a quotation that opens and does not
    close there runs on through the next paragraphs up to its closing mark (MT feeds
    split one quoted paragraph into sentence lines; a quote of several paragraphs opens
    each with a mark and closes only in its last). Where no closing mark comes within
    ``_CARRY`` paragraphs, or another quotation opens first, it ends with its own
    paragraph. An unpaired mark not shaped like an opening one (a straight quote after
    a word) is ignored: it may close a quote opened before the text begins."""
    spans: list[Span] = []
    text = doc.text
    paragraphs = doc.paragraphs
    carried: tuple[str, int, int] | None = None  # (mark, offset, paragraph it opened in)
    for index, para in enumerate(paragraphs):
        opened: tuple[str, int] | None = None
        # Only the quote marks are visited: a paragraph costs one regex scan.
        for hit in _QUOTE_MARK.finditer(text, para.start, para.end):
            ch, pos = hit.group(), hit.start()
            if carried is not None:
                if ch == carried[0] and pos == para.start:
                    carried = (carried[0], carried[1], index)  # the quotation's next paragraph
                    continue
                if _closes(text, pos, para.end, carried[0]) and not (ch == '"' and _opening_shaped(text, pos, para.end)):
                    spans.append(Span(carried[1], pos + 1))
                    carried = None
                    continue
                if not _opens(text, pos, para.end):
                    continue  # an apostrophe (I'm), or a stray closing mark
                spans.append(Span(carried[1], paragraphs[index - 1].end + 1))  # another one opens
                carried = None
            if opened is None:
                if _opens(text, pos, para.end):
                    opened = (ch, pos)
            elif _closes(text, pos, para.end, opened[0]):
                spans.append(Span(opened[1], pos + 1))
                opened = None
        if carried is not None and index - carried[2] >= _CARRY:
            spans.append(Span(carried[1], paragraphs[carried[2]].end + 1))
            carried = None
        if opened is not None and carried is None and _opening_shaped(text, opened[1], para.end):
            carried = (opened[0], opened[1], index)
    if carried is not None:
        spans.append(Span(carried[1], paragraphs[carried[2]].end + 1))
    return spans


_CARRY = 8  # paragraphs a quotation may run on without closing


def _closer(mark: str) -> str:
    return QUOTE_PAIRS.get(mark, '"')


def _opens(text: str, pos: int, end: int) -> bool:
    ch = text[pos]
    if ch not in QUOTE_PAIRS and ch != '"':
        return False  # a closing mark (”, », ’: also the apostrophe of "we’ll")
    if ch == '"' or ch in _SINGLE:
        if _closing_shaped(text, pos, end):
            return False
        return ch != "'" or (_opening_shaped(text, pos, end) and text[pos + 1].isupper())
    return ch in QUOTE_PAIRS


def _closes(text: str, pos: int, end: int, opener: str) -> bool:
    ch = text[pos]
    if ch != _closer(opener):
        return False
    return ch not in _SINGLE or _closing_shaped(text, pos, end)


def _around(text: str, pos: int, end: int) -> tuple[str, str]:
    """The characters either side of the mark at ``pos``; a space past the paragraph."""
    return (text[pos - 1] if pos > 0 else " "), (text[pos + 1] if pos + 1 < end else " ")


def _closing_shaped(text: str, pos: int, end: int) -> bool:
    before, after = _around(text, pos, end)
    return not before.isspace() and before not in "([" and not after.isalnum()


def _opening_shaped(text: str, pos: int, end: int) -> bool:
    before, after = _around(text, pos, end)
    return (before.isspace() or before in "([\u2014\u2013-:") and after.isalnum()


class QuoteIndex:
    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]

    def at(self, offset: int) -> int:
        if not self.spans:
            return -1
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.spans[i].start < offset < self.spans[i].end - 1:
            return i
        return -1
