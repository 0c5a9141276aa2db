"""Numbers that differ between source and translation.

Both sides are reduced to sets of candidate values, so every way of writing a number
matches every other: locale grouping (6 000, 6,000, 6.000), decimal commas, Arabic-Indic
digits, scale words (1,5 млн = 1.5 million), English number words. A document whose
source has no digit costs one regex search.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from decimal import Decimal
from typing import Iterator

from mtcheck.checks.numbers import packs as number_packs
from mtcheck.checks.base import Family, Hit
from mtcheck.checks.numbers.values import (
    DIGITS,
    HAS_DIGIT_RE,
    Number,
    NumberData,
    ascii_digits,
    extract,
    from_match,
    load,
)
from mtcheck.document import Document, Span
from mtcheck.rules import rule

_MEMO_LIMIT = 50_000  # value sets memoised per (matched text, next character)

MISMATCH = rule("number.mismatch")


def check(doc: Document, data: NumberData) -> Iterator[Hit]:
    if not doc.src or HAS_DIGIT_RE.search(doc.src) is None:
        return
    if _all_found(_values(doc.src, data), _values(doc.text, data)):
        return  # the common case, decided without building a Number
    source = extract(doc.src, data, english_words=False)
    if not source:
        return
    target = extract(doc.text, data, english_words=False)
    unmatched, spare = _match(source, target)
    if unmatched and doc.target_language == "en":
        # Number words cost a scan with a long alternation: only when digits fall short.
        target = extract(doc.text, data, english_words=True)
        unmatched, spare = _match(source, target)
    elif unmatched and doc.target_language in data.target_words:
        # The target pack's number words ("trois", "fünf"), also only when digits fall short.
        words = number_packs.pack_words(doc.text, doc.target_language, data.target_words, target)
        target = sorted(target + words, key=lambda n: n.start)
        unmatched, spare = _match(source, target)
    if unmatched and spare:
        spare = _without_source_words(doc, data, spare)
    if unmatched and any(n.parts for n in unmatched + spare):
        # Second chance for space-grouped numbers that were two numbers after all.
        lost, left = _match(_split(unmatched), _split(spare))
        lost_ids = {id(n) for n in lost}
        unmatched = [
            n for n in unmatched
            if (any(id(p) in lost_ids for p in n.parts) if n.parts else id(n) in lost_ids)
        ]
        spare = _unsplit(spare, left)
    if unmatched:
        unmatched = _not_regrouped(doc.src, doc.text, unmatched)
    if unmatched:
        yield from _report(doc, unmatched, [n for n in spare if n.stand_in], data)


def _without_source_words(doc: Document, data: NumberData, spare: list[Number]) -> list[Number]:
    """``spare`` less the target numbers that translate a number word of the source
    ("neuf" or "9" for "nine"): source words are never reported, but the target number
    they explain is no stand-in for a changed digit number either."""
    src_lang = (doc.src_lang or "").split("-")[0]
    src = doc.src or ""
    digits = extract(src, data, english_words=False)
    if src_lang == "en":
        words = [n for n in extract(src, data, english_words=True)
                 if not any(d.start < n.end and n.start < d.end for d in digits)]
    else:
        words = number_packs.pack_words(src, src_lang, data.target_words, digits)
    if not words:
        return spare
    return _match(words, spare)[1]


# A phone number's digit groups follow the locale: "+380 44 123-45-67" is
# "+380 44 123 4567" in an English text and "(044) 123 45 67" in a Ukrainian one. The
# groups are separate numbers to the matcher, so a run of 7 to 15 digits written with
# spaces, hyphens, dots or brackets is also compared as one digit string: a source
# number inside such a run is found when the translation has a run with the same last
# seven digits (the subscriber number; country and trunk prefixes come and go), or
# is written as one block of digits.
_DIGIT_RUN_RE = re.compile(r"\+?\(?\d{1,12}\)?(?:[ \u00a0\u202f.\-]{1,2}\(?\d{1,12}\)?)*")
_NOT_DIGIT_RE = re.compile(r"\D")


def _digit_runs(text: str) -> list[tuple[int, int, str]]:
    runs = []
    for match in _DIGIT_RUN_RE.finditer(ascii_digits(text)):
        digits = _NOT_DIGIT_RE.sub("", match.group())
        if 7 <= len(digits) <= 15:
            runs.append((match.start(), match.end(), digits[-7:]))
    return runs


def _not_regrouped(src: str | None, text: str, unmatched: list[Number]) -> list[Number]:
    source_runs = _digit_runs(src or "")
    if not source_runs:
        return unmatched
    target_keys = {key for _, _, key in _digit_runs(text)}
    starts = [start for start, _, _ in source_runs]
    kept = []
    for number in unmatched:
        index = bisect.bisect_right(starts, number.start) - 1
        if index >= 0:
            start, end, key = source_runs[index]
            if number.end <= end and key in target_keys:
                continue  # the same phone number, grouped another way
        kept.append(number)
    return kept


def _values(text: str, data: NumberData) -> list[frozenset[Decimal]]:
    """The value sets of ``extract(text, data, english_words=False)``, in order, memoised.

    What a match yields depends only on the matched text and the character after it
    (the pattern looks one character ahead and its look-behind has already passed),
    so the memo key is exact; a feed repeats its numbers, so hits are the rule.
    """
    ascii_text = ascii_digits(text)
    memo = data.memo
    values: list[frozenset[Decimal]] = []
    for m in data.pattern.finditer(ascii_text):
        end = m.end()
        key = (m.group(), ascii_text[end:end + 1])
        found = memo.get(key)
        if found is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[key] = tuple(n.values for n in from_match(m, data))
        values.extend(found)
    return values


def _all_found(source: list[frozenset[Decimal]], target: list[frozenset[Decimal]]) -> bool:
    """Whether ``_match`` would leave no source number unmatched (the same greedy walk)."""
    return all(index is not None for index in _greedy(source, target))


def _greedy(source: list[frozenset[Decimal]], target: list[frozenset[Decimal]]) -> list[int | None]:
    """For each source value set in order, the first unused target index sharing a value
    (``None``: no partner). Each value keeps a queue of the target indices that may be
    it, used ones dropped lazily, so the walk is linear in the numbers (a pairwise scan
    was quadratic: minutes for a long document full of numbers)."""
    queues: dict[Decimal, deque[int]] = {}
    for index, values in enumerate(target):
        for value in values:
            queues.setdefault(value, deque()).append(index)
    used = [False] * len(target)
    chosen: list[int | None] = []
    for values in source:
        best: int | None = None
        for value in values:
            queue = queues.get(value)
            if not queue:
                continue
            while queue and used[queue[0]]:
                queue.popleft()
            if queue and (best is None or queue[0] < best):
                best = queue[0]
        if best is not None:
            used[best] = True
        chosen.append(best)
    return chosen


def _match(source: list[Number], target: list[Number]) -> tuple[list[Number], list[Number]]:
    """Source numbers in order, each taking the first unused target number it may equal."""
    chosen = _greedy([n.values for n in source], [n.values for n in target])
    taken = {index for index in chosen if index is not None}
    unmatched = [number for number, index in zip(source, chosen) if index is None]
    return unmatched, [n for index, n in enumerate(target) if index not in taken]


def _split(numbers: list[Number]) -> list[Number]:
    return [part for n in numbers for part in (n.parts or (n,))]


def _unsplit(numbers: list[Number], left: list[Number]) -> list[Number]:
    """The numbers still unused: whole where no part was used, else the unused parts."""
    kept = {id(n) for n in left}
    out: list[Number] = []
    for n in numbers:
        if not n.parts:
            out.extend([n] if id(n) in kept else [])
        elif all(id(p) in kept for p in n.parts):
            out.append(n)
        else:
            out.extend(p for p in n.parts if id(p) in kept)
    return out


def _report(doc: Document, unmatched: list[Number], spare: list[Number],
            data: NumberData | None = None) -> Iterator[Hit]:
    src_sentences = Document(doc.src or "").sentences
    mt_sentences = doc.sentences
    if not mt_sentences:
        mt_sentences = [Span(0, len(doc.text))] if doc.text else []
    if not mt_sentences:
        return  # an empty translation has nowhere to point

    def aligned(number: Number) -> int:
        index = _sentence_of(src_sentences, number.start)
        if len(src_sentences) == len(mt_sentences):
            return index
        return min(index * len(mt_sentences) // max(len(src_sentences), 1), len(mt_sentences) - 1)

    by_sentence: dict[int, tuple[list[Number], list[Number]]] = {}
    for number in unmatched:
        by_sentence.setdefault(aligned(number), ([], []))[0].append(number)
    for number in spare:
        index = _sentence_of(mt_sentences, number.start)
        if index in by_sentence:
            by_sentence[index][1].append(number)
    for index, (lost, stand_ins) in sorted(by_sentence.items()):
        if len(lost) == len(stand_ins):
            for number, stand_in in zip(lost, stand_ins):
                yield _changed(doc, number, stand_in, data)
        else:
            # One finding a sentence: findings are keyed by span, and the translator
            # fixes the sentence once.
            span = mt_sentences[index]
            shown = ", ".join(_show(number, doc.src or "") for number in lost)
            plural = "numbers" if len(lost) > 1 else "number"
            yield Hit(
                MISMATCH.id, span.start, span.end,
                f"The source {plural} {shown} cannot be found in this sentence of the translation.",
            )


def _sentence_of(sentences: list[Span], offset: int) -> int:
    """The last sentence starting at or before ``offset`` (0 when none does)."""
    return max(bisect.bisect_right(sentences, offset, key=lambda span: span.start) - 1, 0)


def _changed(doc: Document, number: Number, stand_in: Number, data: NumberData | None = None) -> Hit:
    suggestion = _suggest(number, stand_in, doc, data)
    return Hit(
        MISMATCH.id, stand_in.start, stand_in.end,
        f"The source says {_show(number, doc.src or '')} where the translation says "
        f"'{doc.text[stand_in.start:stand_in.end]}': check the number.",
        suggestion,
    )


def _show(number: Number, src: str) -> str:
    return src[number.start:number.end]


def _suggest(number: Number, stand_in: Number, doc: Document, data: NumberData | None = None) -> str:
    lang = doc.target_language
    if lang != "en" and data is not None and lang in data.conventions and not number.literal \
            and stand_in.scale_word is None:
        # in the target pack's notation: 25 000 (fr), 25.000 (de), 3,5 (fr, de, ru ...)
        return number_packs.suggest(_show(number, doc.src or "").translate(DIGITS), number.value,
                                    number.grouped or number.value >= 10000, data.conventions[lang])
    if doc.target_language != "en" or number.literal:
        return _show(number, doc.src or "").translate(DIGITS)
    if stand_in.scale_word is not None:
        coefficient = number.value / stand_in.scale
        if coefficient == coefficient.quantize(Decimal("0.01")) and coefficient >= 1:
            return f"{_english(coefficient, grouped=False)} {stand_in.scale_word}"
    grouped = number.grouped or number.value >= 10000
    return _english(number.value, grouped)


def _english(value: Decimal, grouped: bool) -> str:
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, ",f" if grouped else "f")


FAMILY = Family(name="number", rules=(MISMATCH,), check=check, load=load)
