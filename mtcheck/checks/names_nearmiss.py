"""Near-miss names: capitalised words that are not in the style guide but sit one or
two edits, or one transliteration step, from a name that is.

Both sides are reduced to a transliteration key first (kh->h, zh->z, ye->e, y->i,
g->h, apostrophes dropped, double letters single), so "Zaporizhia" and "Zaporizhzhia"
meet exactly and "Kubyansk" is one edit from "Kupiansk". Edits are counted by rapidfuzz
(OSA: a transposition is one edit) over keys of similar length and the same first
letter. Ordinary words and other real names are ruled out by their frequency in
English (wordfreq), not by a stop list; results are memoised per word, because a
feed repeats its capitalised words endlessly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from mtcheck.packs import Entity, Mention, StylePack

# A word in wordfreq's English list at all (Zipf >= 1: about once in 100 million
# words) is a real word or a real name ("Tartu", "Tokarev", "Borys"), not a garbled
# known name. Measured on the 12 WMT22 uk-en/ru-en hypothesis and reference files
# (~24k segments): at Zipf 2.5 with looser edit limits the rule flagged 252 words,
# mostly other real names; with 1.0 and the limits below, 40, about 30 of them true
# misspellings (Gelasimov, Ukroboronrom, Sakashvili, Hostomil).
COMMON_ZIPF = 1.0
MIN_LENGTH = 5  # shortest word matched by a transliteration step
MIN_EDIT_LENGTH = 6  # shortest word matched by an edit ("Kuril"/"Kiril", "Pawel"/"Patel")
TWO_EDITS_LENGTH = 9  # two edits only for long words ("Tokarev"/"Tokayev" is one name apart)
_MEMO_LIMIT = 200_000

# A word that does not start with a-z: a feed is mostly lower-case words, and skipping
# them in the regex engine halves the cost of the rule; capitals outside ASCII are
# tested in Python (str.isupper), since re has no Unicode upper-case class.
_WORD_RE = re.compile(r"(?<![\w'’ʼ])[^\W\d_a-z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*")
_POSSESSIVES = ("'s", "’s")
_STEPS = (("kh", "h"), ("zh", "z"), ("ye", "e"), ("yi", "i"), ("iy", "i"), ("y", "i"), ("g", "h"))
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")
_DOUBLE_RE = re.compile(r"(.)\1+")
_SENTENCE_END = frozenset(".!?…:\n")
_MISSING = object()
_DEPENDS = object()  # memo mark: the answer depends on the word's place in its sentence


def translit_key(word: str) -> str:
    key = word.lower().translate(_APOSTROPHES)
    for old, new in _STEPS:
        key = key.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", key)


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    entity: "Entity"
    known: str  # the form it is close to


class NearMissIndex:
    """Single-word forms of the pack, keyed for transliteration and bucketed for edits."""

    def __init__(self, pack: "StylePack") -> None:
        from wordfreq import zipf_frequency  # imported only when the rule is on

        self._zipf = zipf_frequency
        self._pack = pack
        self._by_key: dict[str, tuple[str, Entity]] = {}
        for form, entity in pack.forms.items():
            for word in self._words_of(form, entity):
                if len(word) >= 4:
                    self._by_key.setdefault(translit_key(word), (word, entity))
        # Bucketed by first letter and length: an edit changes the length by at most one.
        self._by_length: dict[tuple[str, int], list[str]] = {}
        for key in self._by_key:
            self._by_length.setdefault((key[0], len(key)), []).append(key)
        self._choices: dict[tuple[str, int, int], list[str]] = {}
        # word -> (form, entity), None, or _DEPENDS (see _lookup); then by position
        self._memo: dict[str, object] = {}
        self._by_position: dict[tuple[str, bool], tuple[str, Entity] | None] = {}
        # words (as matched, possessive included) that are no near miss wherever they stand
        self._quiet: set[str] = set()

    @staticmethod
    def _words_of(form: str, entity: "Entity") -> list[str]:
        if " " not in form:
            return [form]
        # A person's surname alone is a name too ("Pushilin"); other multi-word forms
        # (places, organisations, first names) are left to exact matching.
        if entity.type == "person":
            return [form.rsplit(" ", 1)[1]]
        return []

    def lookup(self, word: str, sentence_start: bool) -> tuple[str, "Entity"] | None:
        found = self._memo.get(word, _MISSING)
        if found is _MISSING:
            found = self._remember(word, self._lookup(word))
        if found is _DEPENDS:
            key = (word, sentence_start)
            found = self._by_position.get(key, _MISSING)
            if found is _MISSING:
                found = self._remember_at(key, self._edit_lookup(word, sentence_start))
        return found  # type: ignore[return-value]

    def _remember(self, word: str, found: object) -> object:
        # Bounded: a feed's vocabulary of capitalised words levels off, but a stream of
        # garbage must not grow the memo without end.
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[word] = found
        return found

    def _remember_at(self, key: tuple[str, bool], found: tuple[str, "Entity"] | None) -> tuple[str, "Entity"] | None:
        if len(self._by_position) >= _MEMO_LIMIT:
            self._by_position.clear()
        self._by_position[key] = found
        return found

    def _lookup(self, word: str) -> object:
        """The answer for ``word``, or ``_DEPENDS`` when it depends on whether the
        word starts a sentence (long words get two edits, but not sentence-initially)."""
        if len(word) < MIN_LENGTH or word.isupper() or word in self._pack.forms:
            return None
        if self._zipf(word.lower(), "en") >= COMMON_ZIPF:
            return None
        key = translit_key(word)
        exact = self._by_key.get(key)
        if exact is not None:
            return exact
        if len(word) < MIN_EDIT_LENGTH:
            return None
        if len(key) >= TWO_EDITS_LENGTH:
            return _DEPENDS
        return self._edit_lookup(word, False)

    def _edit_lookup(self, word: str, sentence_start: bool) -> tuple[str, "Entity"] | None:
        key = translit_key(word)
        limit = 2 if len(key) >= TWO_EDITS_LENGTH and not sentence_start else 1
        # Edits keep the first letter: "Karinka" is not "Marinka", "Nizhne" not "Snizhne".
        bucket = self._choices.get((key[0], len(key), limit))
        if bucket is None:
            bucket = [k for n in range(len(key) - limit, len(key) + limit + 1)
                      for k in self._by_length.get((key[0], n), ())]
            self._choices[(key[0], len(key), limit)] = bucket
        best = process.extractOne(key, bucket, scorer=OSA.distance, score_cutoff=limit) if bucket else None
        if best is None:
            return None
        shorter, longer = sorted((key, best[0]), key=len)
        if len(longer) > len(shorter) and longer.startswith(shorter[:-1]):
            return None  # an inflection or derivation ("Khersons", "Brovarsky" of Brovary)
        return self._by_key[best[0]]

    def find(self, text: str, mentions: list["Mention"]) -> Iterator[NearMiss]:
        quiet = self._quiet
        # Most documents hold only words already known to be no near miss anywhere:
        # one findall and one set test in C settle them.
        if quiet.issuperset(_WORD_RE.findall(text)):
            return
        if len(quiet) >= _MEMO_LIMIT:
            quiet.clear()
        spans = [(m.start, m.end) for m in mentions]
        count = len(spans)
        index = 0
        memo = self._memo
        for match in _WORD_RE.finditer(text):
            raw = word = match.group()
            if raw in quiet:
                continue
            if not word[0].isupper():
                quiet.add(raw)
                continue
            start, end = match.span()
            if word.endswith(_POSSESSIVES):
                end -= 2
                word = word[:-2]
            found = memo.get(word, _MISSING)
            if found is _MISSING:
                found = self._remember(word, self._lookup(word))
            if found is None:
                quiet.add(raw)
                continue
            while index < count and spans[index][1] <= start:
                index += 1
            if index < count and spans[index][0] < end:
                continue  # part of a known, longer form
            if found is _DEPENDS:
                # Where a word stands matters only for long unknown words: ask then.
                found = self.lookup(word, _starts_sentence(text, start))
            if found is not None:
                yield NearMiss(start, end, found[1], found[0])  # type: ignore[index]


def _starts_sentence(text: str, start: int) -> bool:
    pos = start - 1
    while pos >= 0 and text[pos] in " \t\"'“‘«([-–—":
        pos -= 1
    return pos < 0 or text[pos] in _SENTENCE_END
