"""Quoted passages: a pronoun inside a quotation is resolved inside it."""

from __future__ import annotations

import bisect
import re

from mtcheck.document import Document, Span

QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“"}
_QUOTE_MARK = re.compile('[“”«»„"]')


def quote_spans(doc: Document) -> list[Span]:
    """Quoted passages, paired inside each paragraph; an unpaired mark is ignored."""
    spans: list[Span] = []
    text = doc.text
    for para in doc.paragraphs:
        opened: tuple[str, int] | None = None
        # Only the quote marks are visited: a paragraph costs one regex scan.
        for hit in _QUOTE_MARK.finditer(text, para.start, para.end):
            ch, pos = hit.group(), hit.start()
            if opened is None:
                if ch in QUOTE_PAIRS or ch == '"':
                    opened = (ch, pos)
            elif ch == (QUOTE_PAIRS.get(opened[0], '"')):
                spans.append(Span(opened[1], pos + 1))
                opened = None
    return spans


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
