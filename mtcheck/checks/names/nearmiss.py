"""Near-miss names: capitalised words that are not in the style guide but sit one or
two edits, or one transliteration step, from a name that is.

Both sides are reduced to a transliteration key (data/names/translit.yaml: kh/h, g/h,
j/y/i, ye/e, zh/z, ts/c, shch/sch, w/v, double letters, apostrophes), so "Zaporizhia"
and "Zaporizhzhia", "Jermak" and "Yermak" meet exactly and "Kubyansk" is one edit from
"Kupiansk". Edits are counted by rapidfuzz (OSA: a transposition is one edit) over keys
of similar length and the same first letter, so a typo never changes the first letter
but a transliteration may. Ordinary words and other real names are ruled out by their
frequency in English (wordfreq), not by a stop list. The words around a candidate say
what kind of name it must be (data/names/context.yaml: "President X" is a person, "near
X" a place), and a first name before it must be the known person's ("Andrey Gelasimov"
is not Valery Gerasimov; "Sergey Lavrof" is Sergei Lavrov). Results are memoised per
word, because a feed repeats its capitalised words endlessly.
"""

from __future__ import annotations

import copy

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from mtcheck.checks.names.context import load_cues, load_first_names, load_translit
from mtcheck.checks.names.forms import SourceWords, load_given_names
from mtcheck.checks.names.target import word_zipf
from mtcheck.datafiles import load_yaml_resource

if TYPE_CHECKING:
    from mtcheck.style_guides import Entity, Mention, StyleGuide

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
RARE_ZIPF = 3.0  # a capitalised word rarer than this right after a name is a surname
FIRST_NAME_EDITS = ((6, 2), (0, 1))  # (key length at least, edits) for a first name
# A capitalised word before an unknown name, rarer than this and no title, is someone's
# first name ("Tamas Rohonyi" is not Hassan Rouhani).
OTHER_FIRST_ZIPF = 4.0
_MEMO_LIMIT = 200_000

# A word that does not start with a-z: a feed is mostly lower-case words, and skipping
# them in the regex engine halves the cost of the rule; capitals outside ASCII are
# tested in Python (str.isupper), since re has no Unicode upper-case class.
_WORD_RE = re.compile(r"(?<![\w'’ʼ])[^\W\d_a-z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*")
_PREVIOUS_RE = re.compile(r"(?<![\w'’ʼ.-])([^\W\d_][^\W\d_'’ʼ]*) $")
_NEXT_NAME_RE = re.compile(r" ([^\W\d_a-z][^\W\d_]{2,})\b")
_NOT_A_SURNAME = frozenset({"place", "organisation"})
_POSSESSIVES = ("'s", "’s")
_SENTENCE_END = frozenset(".!?…:\n")
_MISSING = object()
_DEPENDS = object()  # memo mark: the answer depends on the word's place in its sentence


def translit_key(word: str) -> str:
    """The comparison key of a known name (the English reading)."""
    return load_translit().key(word)


@dataclass(frozen=True)
class Candidate:
    known: str  # the form it is close to
    entity: "Entity"
    distance: int  # edits between the keys (0: transliteration only)


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    entity: "Entity"
    known: str  # the form it is close to: a full name when a first name came with it
    distance: int = 0  # edits between the keys (0: another transliteration)


Found = tuple[Candidate, ...]


class NearMissIndex:
    """Single-word forms of the pack, keyed for transliteration and bucketed for edits;
    the first names of every known person, keyed the same way."""

    def __init__(self, pack: "StyleGuide") -> None:
        from wordfreq import zipf_frequency  # imported only when the rule is on

        self._zipf = zipf_frequency
        self._pack = pack
        self._translit = load_translit()
        self._cues = load_cues()
        key = self._translit.key
        self._by_key: dict[str, list[tuple[str, Entity]]] = {}
        self._first_keys: dict[str, tuple[str, ...]] = {}  # person id -> first-name keys
        for form, entity in pack.forms.items():
            for word in self._words_of(form, entity):
                if len(word) >= 4:
                    same = self._by_key.setdefault(key(word), [])
                    if all(e is not entity for _, e in same):
                        same.append((word, entity))
            if entity.type == "person" and " " in form and form[0].isupper():
                # every given name before the surname: "Tedros Adhanom Ghebreyesus"
                for given in form.split(" ")[:-1]:
                    if not given[:1].isupper():
                        break
                    first = key(given)
                    keys = self._first_keys.get(entity.id, ())
                    if first not in keys:
                        self._first_keys[entity.id] = (*keys, first)
        self._known_first = frozenset(k for keys in self._first_keys.values() for k in keys)
        self._lexicon_first = load_first_names()
        self._given = load_given_names()
        # Spellings every guide accepts ("Pavlyuk" for Pavliuk): style keys of the
        # canonical, alias and allowed forms. An unknown word with one of them is
        # another accepted spelling, no near miss (name.inconsistency still compares it).
        style = self._translit.style_key
        self._accepted: set[str] = set()
        for form, entity in pack.forms.items():
            if pack.kind_of(form, entity) != "variant":
                for word in self._words_of(form, entity):
                    self._accepted.add(style(word))
        _, forms_data = load_yaml_resource("names/case_forms.yaml")
        self._adjective_endings = tuple(forms_data.get("adjective") or ())
        # Bucketed by first letter and length: an edit changes the length by at most one.
        self._by_length: dict[tuple[str, int], list[str]] = {}
        for k in self._by_key:
            self._by_length.setdefault((k[0], len(k)), []).append(k)
        self._choices: dict[tuple[str, int, int], list[str]] = {}
        # word -> candidates, None, or _DEPENDS (see _lookup); then by position
        self._memo: dict[str, object] = {}
        self._by_position: dict[tuple[str, bool], Found | None] = {}
        # words (as matched, possessive included) that are no near miss wherever they stand
        self._quiet: set[str] = set()
        self.language = "en"  # the target's: a word common in it is no name (see for_language)
        self._views: dict[str, "NearMissIndex"] = {}

    def for_language(self, lang: str) -> "NearMissIndex":
        """The index for a target in ``lang``: a word frequent in English or in ``lang`` is
        an ordinary word ("Jedoch" is no Jeddah in German); memos of its own."""
        if lang == self.language:
            return self
        view = self._views.get(lang)
        if view is None:
            view = copy.copy(self)
            view.language, view._views, view._memo, view._by_position, view._quiet = lang, {}, {}, {}, set()
            self._views[lang] = view
        return view

    def _word_zipf(self, word: str) -> float:
        return word_zipf(word, self.language, self._zipf)

    @staticmethod
    def _words_of(form: str, entity: "Entity") -> list[str]:
        if " " not in form:
            return [form]
        # A person's surname alone is a name too ("Pushilin"); other multi-word forms
        # (places, organisations, first names) are left to exact matching.
        if entity.type == "person":
            return [form.rsplit(" ", 1)[1]]
        return []

    # -- single words ---------------------------------------------------------

    def lookup(self, word: str, sentence_start: bool) -> Found | None:
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

    def _remember_at(self, key: tuple[str, bool], found: Found | None) -> Found | None:
        if len(self._by_position) >= _MEMO_LIMIT:
            self._by_position.clear()
        self._by_position[key] = found
        return found

    def _lookup(self, word: str) -> object:
        """The candidates for ``word``, or ``_DEPENDS`` when they depend on whether the
        word starts a sentence (long words get two edits, but not sentence-initially)."""
        if len(word) < MIN_LENGTH or word.isupper() or word in self._pack.forms:
            return None
        if self._word_zipf(word.lower()) >= COMMON_ZIPF:
            return None
        if self._translit.style_key(word) in self._accepted:
            return None  # an accepted romanisation of a known name
        exact = {entity.id: Candidate(form, entity, 0) for key in reversed(self._translit.keys(word))
                 for form, entity in self._by_key.get(key, ())
                 if entity.type == "person" or not self._derived(word, form)}
        if exact:
            return tuple(reversed(exact.values()))
        if len(word) < MIN_EDIT_LENGTH:
            return None
        if len(self._translit.key(word)) >= TWO_EDITS_LENGTH:
            return _DEPENDS
        return self._edit_lookup(word, False)

    def _edit_lookup(self, word: str, sentence_start: bool) -> Found | None:
        found: dict[str, Candidate] = {}
        for key in self._translit.keys(word):
            limit = 2 if len(key) >= TWO_EDITS_LENGTH and not sentence_start else 1
            for other, distance, _ in process.extract(key, self._bucket(key, limit), scorer=OSA.distance,
                                                      score_cutoff=limit, limit=None):
                shorter, longer = sorted((key, other), key=len)
                if len(longer) > len(shorter) and longer.startswith(shorter[:-1]):
                    # An inflection or derivation of a known name ("Khersons", "Brovarsky"
                    # of Brovary, "Kupianskyi") is no garble of another one.
                    return None
                for form, entity in self._by_key[other]:
                    if entity.type != "person" and self._derived(word, form):
                        continue
                    if entity.id not in found or found[entity.id].distance > distance:
                        found[entity.id] = Candidate(form, entity, int(distance))
        return tuple(sorted(found.values(), key=lambda c: c.distance)) or None

    def _derived(self, word: str, form: str) -> bool:
        """A place's or organisation's adjective ("Belorusskaya" beside Belorussia) is
        a word made from a name, not a garble of it; case forms are name.case-form's."""
        low, known = word.lower(), form.lower()
        endings = self._adjective_endings
        return any(low.endswith(e) for e in endings) and not any(known.endswith(e) for e in endings)

    def _bucket(self, key: str, limit: int) -> list[str]:
        # Edits keep the key's first letter: "Karinka" is not "Marinka", "Nizhne" not "Snizhne".
        bucket = self._choices.get((key[0], len(key), limit))
        if bucket is None:
            bucket = [k for n in range(len(key) - limit, len(key) + limit + 1)
                      for k in self._by_length.get((key[0], n), ())]
            self._choices[(key[0], len(key), limit)] = bucket
        return bucket

    # -- first names ------------------------------------------------------------

    def _is_first_name(self, word: str) -> bool:
        return word.lower() in self._lexicon_first or self._translit.key(word) in self._known_first

    def _first_name_of(self, word: str, entity: "Entity") -> bool:
        """Whether ``word`` is, or is a near miss of, a first name ``entity`` goes by."""
        keys = self._first_keys.get(entity.id)
        if not keys:
            return False
        key = self._translit.key(word)
        limit = next(edits for length, edits in FIRST_NAME_EDITS if len(key) >= length)
        return any(OSA.distance(key, k, score_cutoff=limit) <= limit
                   or (len(key) >= 4 and k.startswith(key))  # cut short: "Adhan" of Adhanom
                   for k in keys if k[0] == key[0])

    # -- documents --------------------------------------------------------------

    def find(self, text: str, mentions: list["Mention"], src: str | None = None,
             words: Iterable[str] | None = None) -> list[NearMiss]:
        """Near misses in ``text``; ``words``: its capitalised words (``_WORD_RE``), when
        the caller has them already."""
        spans = [(m.start, m.end) for m in mentions]
        ends = [end for _, end in spans]
        found = list(self._first_names_of_known(text, mentions, spans, ends))
        found.extend(self._single_words(text, spans, ends, words))
        if found and src:
            source = SourceWords(src, self._translit)
            found = [m for m in found if not self._follows_source(text, m, source)
                     and (m.distance < 2 or self._in_source(m.known, source))]
        if len(found) < 2:
            return found
        # A first name and surname found as a pair are one finding, not two.
        found.sort(key=lambda m: (m.start, -m.end))
        kept = [found[0]]
        for miss in found[1:]:
            if miss.start >= kept[-1].end:
                kept.append(miss)
        return kept

    def _single_words(self, text: str, spans: list[tuple[int, int]], ends: list[int],
                      words: Iterable[str] | None = None) -> Iterator[NearMiss]:
        quiet = self._quiet
        # Most documents hold only words already known to be no near miss anywhere:
        # one findall and one set test in C settle them.
        if quiet.issuperset(_WORD_RE.findall(text) if words is None else words):
            return
        if len(quiet) >= _MEMO_LIMIT:
            quiet.clear()
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
            if found:
                miss = self._choose(text, start, end, raw != word, found, spans, ends)  # type: ignore[arg-type]
                if miss is not None:
                    yield miss

    def _choose(self, text: str, start: int, end: int, possessive: bool, found: Found,
                spans: list[tuple[int, int]], ends: list[int]) -> NearMiss | None:
        first = _previous_word(text, start, spans, ends)
        if first is not None:
            for candidate in found:
                if candidate.entity.type == "person" and self._first_name_of(first[1], candidate.entity):
                    full = candidate.entity.preferred("en")
                    return NearMiss(first[0], end, candidate.entity, full, candidate.distance)
            if self._looks_like_first_name(text, first[0], first[1]):
                return None  # someone else's name: "Andrey Gelasimov" is not Valery Gerasimov
        kinds = self._cues.kinds(text, start, end, possessive)
        if kinds is None and not possessive and self._rare_name_follows(text, end):
            kinds = _NOT_A_SURNAME  # "Michkel Paisalu": a first name, not Charles Michel
        for candidate in found:
            if kinds is None or candidate.entity.type in kinds:
                return NearMiss(start, end, candidate.entity, candidate.known, candidate.distance)
        return None

    def _follows_source(self, text: str, miss: NearMiss, source: SourceWords) -> bool:
        """Whether the translation spells a name of its source faithfully and the known
        name is not there: "Kuratovo" for Куратово is another place, not Kurakhove."""
        word = text[miss.start:miss.end].rsplit(" ", 1)[-1]
        known = miss.known.rsplit(" ", 1)[-1]
        here = source.distance(self._translit.key(word), 2)
        if here > 1:
            return False  # the source does not spell it so: no evidence either way
        there = min(source.distance(k, 2) for k in self._translit.keys(known))
        if there >= 2:
            return True  # the source names something else: хавбек is no Habeck
        # The source spells it exactly so and the known name not. For a name whose
        # Cyrillic form is itself a transliteration ("Моравецкий" for Morawiecki) a
        # faithful copy may still garble the name: only names native to Cyrillic.
        return here == 0 < there and (word in source.latin or self._translit.from_cyrillic(known))

    def _in_source(self, known: str, source: SourceWords) -> bool:
        """Whether the source spells the known name, within an edit: what a match two
        edits away needs where there is a source ("Drohozhichi" is not Drohobych
        unless the source says so)."""
        return min(source.distance(k, 1) for k in self._translit.keys(known.rsplit(" ", 1)[-1])) <= 1

    def _looks_like_first_name(self, text: str, start: int, word: str) -> bool:
        """A capitalised word before an unknown name that is a name itself ("Tamas
        Rohonyi"): a first name of the lexicons, or a rare word that is no cue and no
        known form."""
        if self._is_first_name(word) or self._given.is_given_name(word):
            return True
        if word.isupper() or not word.isalpha() or len(word) < 3 or word in self._pack.forms \
                or self._cues.is_cue(word):
            return False
        zipf = self._word_zipf(word.lower())
        return zipf < OTHER_FIRST_ZIPF and (zipf < RARE_ZIPF or not _starts_sentence(text, start))

    def _rare_name_follows(self, text: str, end: int) -> bool:
        match = _NEXT_NAME_RE.match(text, end)
        return match is not None and self._word_zipf(match.group(1).lower()) < RARE_ZIPF

    def _first_names_of_known(self, text: str, mentions: Sequence["Mention"],
                              spans: list[tuple[int, int]], ends: list[int]) -> Iterator[NearMiss]:
        """A garbled first name before a known surname ("Antoni Blinken"): the pair is
        no known form, so only the surname matched. Variants are name.variant's."""
        for mention in mentions:
            if mention.entity.type != "person" or mention.kind == "variant" or " " in mention.surface:
                continue
            first = _previous_word(text, mention.start, spans, ends)
            if first is not None and first[1] not in self._pack.forms \
                    and self._first_name_of(first[1], mention.entity):
                yield NearMiss(first[0], mention.end, mention.entity, mention.entity.preferred("en"), 1)


def _previous_word(text: str, start: int, spans: list[tuple[int, int]],
                   ends: list[int]) -> tuple[int, str] | None:
    """The capitalised word just before ``start`` (one space between), when it is not
    part of a known form: a first name, possibly."""
    match = _PREVIOUS_RE.search(text, max(0, start - 40), start)
    if match is None or not match.group(1)[0].isupper():
        return None
    at = match.start(1)
    # the last known form ending at or before the word's end must end before it
    i = bisect_right(ends, start) - 1
    if i >= 0 and spans[i][1] > at:
        return None
    return at, match.group(1)


def _starts_sentence(text: str, start: int) -> bool:
    pos = start - 1
    while pos >= 0 and text[pos] in " \t\"'“‘«([-–—":
        pos -= 1
    return pos < 0 or text[pos] in _SENTENCE_END
