"""The English source behind a target pronoun, for ``pronoun.agreement``.

The English pronoun that a target pronoun translates is found by order: the k-th
third-person pronoun of the target line is the k-th of the source line when the lines
have as many; otherwise the one at the nearest relative place. "it"/"its" there says
the target pronoun stands for a thing or an institution, "he"/"she"/"they" that it
does not. The antecedent of that "it" is resolved on the English source with the
English family's chunker (noun phrases typed by their head, salience by role and
distance): its head noun ("army") finds the target noun the pack says translates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtcheck.checks.pronouns.lexicon import Lexicon
from mtcheck.checks.pronouns.mentions import (
    ROLE_WEIGHT,
    Chunker,
    QuoteIndex,
    quote_spans,
)
from mtcheck.checks.pronouns.source_evidence import aligned_source
from mtcheck.document import Document

EN_PRONOUN_RE = re.compile(
    r"\b(?:it|its|itself|he|him|his|himself|she|her|hers|herself|they|them|their|theirs|themselves)\b",
    re.IGNORECASE)
IT_FORMS = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
# "it is possible that", "it is expected to rain": an "it" that stands for nothing.
_EXPLETIVE_IT = re.compile(
    r"\b(?:it\s+(?:is|was|'s|’s|(?:will|would|might|may|could|should|must|can)\s+be|has\s+been|had\s+been|seems|seemed|appears|"
    r"appeared|remains|takes|took|rains|rained|snows|means|matters)\b(?:\s+\w+){0,6}?\s+(?:that|to|whether|if|"
    r"for|when|how|why|what)\b|it\s+(?:seems|seemed|appears|appeared|rains|rained|snows|snowed)\b)",
    re.IGNORECASE)
_DISTANCE = (1.0, 0.9, 0.5)
_CLEAR_LEAD = 0.0  # how far the English antecedent must lead the next mention (0.3 lost recall, no precision)


@dataclass(frozen=True)
class EnglishPronoun:
    word: str  # lower case
    expletive: bool
    antecedent: str | None  # head noun of the resolved antecedent, lower case
    antecedent_text: str | None
    antecedent_type: str | None  # institution, thing, name, unknown


def english_pronoun(doc: Document, start: int, index: int, count: int,
                    lexicon: Lexicon | None) -> EnglishPronoun | None:
    """The source pronoun behind the target pronoun at ``start``, the ``index``-th of
    ``count`` third-person pronouns of its line; None without an aligned English source."""
    if doc.src_lang not in (None, "en") or not doc.src:
        return None
    window = aligned_source(doc, start)
    if window is None:
        return None
    segments, current = window
    seg = segments[current]
    found = list(EN_PRONOUN_RE.finditer(seg))
    if not found:
        return EnglishPronoun("", False, None, None, None)
    if len(found) == count:
        m = found[index]
    else:
        line = doc.line_starts
        rel = _relative_place(doc, start, line)
        m = min(found, key=lambda x: abs(x.start() / max(1, len(seg)) - rel))
    word = m.group().lower()
    expletive = word == "it" and _EXPLETIVE_IT.match(seg, m.start()) is not None
    if word not in IT_FORMS or expletive or lexicon is None:
        return EnglishPronoun(word, expletive, None, None, None)
    if word == "it" and _object_it(seg, m.start()):
        return EnglishPronoun(word, False, None, None, None)  # "It will keep it": not the subject's
    offset = sum(len(s) + 1 for s in segments[:current]) + m.start()
    ante = _antecedent("\n".join(segments), offset, lexicon)
    if ante is None:
        return EnglishPronoun(word, False, None, None, None)
    return EnglishPronoun(word, False, ante[0], ante[1], ante[2])


_SUBJECT_IT = re.compile(r"\b(?:it|he|she|they)\b[^.;!?]*$", re.IGNORECASE)
_OPENERS = re.compile(r"(?:^|[,;:(\"“]|\b(?:that|and|but|because|if|when|while|as|so|which|where|though|"
                      r"although|after|before|until|since|unless|whether))\s*$", re.IGNORECASE)


def _object_it(seg: str, start: int) -> bool:
    """An object "it" after a subject pronoun of its sentence ("It will keep it at 3.5
    percent"): its antecedent is not the subject's, which the chunker cannot tell."""
    before = seg[:start]
    return _OPENERS.search(before) is None and _SUBJECT_IT.search(before) is not None


def _relative_place(doc: Document, start: int, starts: list[int]) -> float:
    import bisect

    i = bisect.bisect_right(starts, start) - 1
    end = starts[i + 1] - 1 if i + 1 < len(starts) else len(doc.text)
    return (start - starts[i]) / max(1, end - starts[i])


def _antecedent(text: str, offset: int, lexicon: Lexicon) -> tuple[str, str, str] | None:
    """(head, text, type) of the most salient non-person singular mention before the
    English "it" at ``offset``, in its sentence and the two before."""
    doc = Document(text)
    chunker = Chunker(doc, lexicon, QuoteIndex(quote_spans(doc)), [])
    here = doc.sentence_index(offset)
    best: tuple[float, int, str, str, str] | None = None
    weights: list[float] = []
    for s in range(here, max(here - 3, -1), -1):
        for m in chunker.sentence(s, doc.sentences[s]):
            if m.end > offset or m.pronoun or m.type not in ("institution", "thing", "name", "unknown", "animal"):
                continue
            weight = ROLE_WEIGHT.get(m.role, 0.3) * _DISTANCE[here - s]
            weights.append(weight)
            key = (round(weight, 3), m.start)  # ties: the nearer mention
            if best is None or key > (best[0], best[1]):
                best = (key[0], m.start, m.head.lower(), m.text, m.type)
    if best is None:
        return None
    runner_up = sorted(weights, reverse=True)[1] if len(weights) > 1 else 0.0
    if best[0] - runner_up < _CLEAR_LEAD:
        return None  # "The ministry presented a new programme. It provides ...": either may be meant
    return best[2], best[3], best[4]
