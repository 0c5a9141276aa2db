"""Tokens of the sentences the resolver reads, with the lower-case and bare forms the
chunker asks for many times per token.

Only the sentences a pronoun's window reaches are tokenised, one at a time: a long
document with one pronoun does not pay for tokenising all of it.
"""

from __future__ import annotations

from mtcheck.document import Document, Span

_POSSESSIVE_ENDINGS = ("'s", "’s")


class Tok:
    """A document token (same text and offsets as ``Document.tokens``) with
    ``low`` (lower case), ``bare`` (text without a possessive 's), ``lbare`` (both) and
    ``poss`` (it ends in a possessive 's); ``word`` (not punctuation) and ``cap``
    (capitalised) read its first character."""

    __slots__ = ("text", "start", "end", "low", "bare", "lbare", "poss", "word", "cap")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        low = text.lower()
        self.low = low
        self.poss = low.endswith(_POSSESSIVE_ENDINGS)
        self.bare = text[:-2] if self.poss else text
        self.lbare = low[:-2] if self.poss else low
        self.word = text[0].isalnum()
        self.cap = text[0].isupper()


def sentence_tokens(doc: Document, span: Span) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in doc.token_matches(span)]


def following_token(doc: Document, end: int) -> str | None:
    """The token that starts at ``end``, or after spaces and tabs there: the word after
    a pronoun (a newline or the end of the text: None)."""
    text = doc.text
    pos = end
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    m = next(doc.token_matches(Span(pos, len(text))), None)
    if m is None or m.start() != pos:
        return None
    return m.group()
