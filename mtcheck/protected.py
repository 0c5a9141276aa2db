"""Protected text: spans of a document that are checked as context but get no
findings (XLIFF ``translate="no"``, ``<mrk mtype="protected">``; see the XLIFF reader).

Readers attach the spans; the engine drops every hit that falls on one. A hit that
reaches beyond protected text on both sides (a whole-sentence number finding around a
protected product name) is kept: it is about the text around it.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Iterator, Sequence

from mtcheck.checks.base import Hit
from mtcheck.document import Document

PROTECTED = "_mtcheck_protected"  # sorted, disjoint (start, end) spans in doc.__dict__


def attach(doc: Document, spans: Iterable[tuple[int, int]]) -> None:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    doc.__dict__[PROTECTED] = merged


def spans(doc: Document) -> Sequence[tuple[int, int]]:
    return doc.__dict__.get(PROTECTED, ())


def unprotected(doc: Document, hits: Iterable[Hit]) -> Iterator[Hit]:
    protected = spans(doc)
    if not protected:
        yield from hits
        return
    ends = [end for _, end in protected]
    for hit in hits:
        index = bisect.bisect_right(ends, hit.start)
        if index < len(protected):
            start, end = protected[index]
            overlaps = start < max(hit.end, hit.start + 1) and hit.start < end
            surrounds = hit.start < start and hit.end > end
            if overlaps and not surrounds:
                continue
        yield hit
