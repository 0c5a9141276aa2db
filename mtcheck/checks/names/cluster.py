"""``name.inconsistency`` for any proper name, not only the style guide's.

The capitalised names of a document are clustered by spelling: two spellings belong to
one name when their transliteration keys agree (``data/names/translit.yaml``:
"Erdogan"/"Erdoğan", "Syrsky"/"Syrskyi", "Sinegubov"/"Synehubov") or sit one edit
apart (two for long names) with the same first letter ("Nasrallah"/"Nasrullah"). A
name of the guide joins the cluster of its spellings and wins it. Guards keep apart:

- words that are not names: frequent English words, and at a sentence start anything
  common enough to be an ordinary word (wordfreq);
- two established spellings of two names ("Iran"/"Iraq", "Austria"/"Australia"): both
  frequent in English, their keys different;
- derivations and the feminine of a surname ("Ivanov"/"Ivanova", "Zelensky"/"Zelenska";
  ``case_forms.yaml`` ``genders``): a wife, a daughter, an adjective;
- different people with one surname: when both spellings come with first names and no
  first name of one is a form of one of the other's ("Tamara Petrenko"/"Ivan Petrenka").

First names are compared within one person's cluster: "Oleksandr Kovalenko" and
"Aleksandr Kovalenko" (forms of one name, ``given_names.yaml``), "Olexandr" and
"Oleksandr" (one key).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Iterable, Iterator

from rapidfuzz.distance import OSA

from mtcheck.checks.names.context import load_cues, load_first_names, load_translit
from mtcheck.checks.names.forms import load_given_names, load_morphology
from mtcheck.checks.names.target import typographic_pair, word_zipf
from mtcheck.name_inflection import load_inflection

if TYPE_CHECKING:
    from mtcheck.style_guides import Entity, Mention, StyleGuide

COMMON_ZIPF = 4.0  # an ordinary word or a household name: never clustered
ESTABLISHED_ZIPF = 2.5  # two spellings both this frequent are two names, unless their keys agree
SENTENCE_START_ZIPF = 2.5  # a word at a sentence start must be rarer than this to count
MIN_LENGTH = 5  # shortest name compared at all
MIN_EDIT_LENGTH = 6  # shortest key compared by an edit
TWO_EDITS_LENGTH = 11  # two edits only for long keys
MAX_EDIT_WORDS = 2000  # distinct names in one document beyond which only keys are compared
_MEMO_LIMIT = 200_000

_WORD_RE = re.compile(r"(?<![\w'’ʼ])[^\W\d_a-z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*")
_PREVIOUS_RE = re.compile(r"(?<![\w'’ʼ.-])([^\W\d_][^\W\d_'’ʼ]*) $")
_POSSESSIVES = ("'s", "’s")
_SENTENCE_END = frozenset(".!?…:\n\"“”")
_QUOTES = frozenset("\"'“”‘’«»„")


@dataclass
class NameToken:
    start: int
    end: int  # the name's end, a possessive left out
    surface: str
    entity: "Entity | None"  # a mention of a guide entry
    first: str | None = None  # the first name before it
    first_start: int = -1
    tail: str = ""  # a possessive after the name
    kinds: frozenset[str] = frozenset()  # what its context says it is (empty: anything)


@dataclass(frozen=True)
class Keys:
    key: str
    readings: tuple[str, ...]
    style: str
    zipf: float
    letters: frozenset[str]  # first letters of every key: spellings of one name share one


class NameClusters:
    """Spelling clusters of the names of one document (or, with a state, a feed)."""

    def __init__(self, pack: "StyleGuide") -> None:
        from wordfreq import zipf_frequency

        self._zipf_of = zipf_frequency
        self._pack = pack
        self._translit = load_translit()
        self._cues = load_cues()
        self._given = load_given_names()
        self._morphology = load_morphology()
        self._lexicon_first = load_first_names()
        self._candidate_memo: dict[str, bool] = {}
        self._keys: dict[str, Keys] = {}
        self._quiet: set[str] = set()  # capitalised words (as matched) that are no name candidate
        self._pairs: dict[tuple[str, str], bool] = {}  # spellings -> one name?
        self.language = "en"  # the target's: a word common in it is no name (see for_language)
        self._views: dict[str, "NameClusters"] = {}

    def for_language(self, lang: str) -> "NameClusters":
        """The clusters for a target in ``lang``: a word frequent in English or in ``lang``
        is an ordinary word ("Flughafen", "Menschen" in German, which capitalises every
        noun); memos of its own, the data shared."""
        if lang == self.language:
            return self
        view = self._views.get(lang)
        if view is None:
            view = copy.copy(self)
            view.language, view._views = lang, {}
            view._candidate_memo, view._keys, view._quiet, view._pairs = {}, {}, set(), {}
            self._views[lang] = view
        return view

    def follows_source(self, found: "Inconsistent", source_words: frozenset[str] | None) -> bool:
        """In a language that capitalises every noun, two spellings outside the guide
        count only when the source writes one of them (names cross languages, nouns do
        not); without a source, or in another language, always."""
        if source_words is None or self.language not in load_inflection().capitalised_nouns:
            return True
        return found.entity is not None or found.surface in source_words or found.reference in source_words


    # -- words --------------------------------------------------------------------

    def keys(self, word: str) -> Keys:
        found = self._keys.get(word)
        if found is None:
            if len(self._keys) >= _MEMO_LIMIT:
                self._keys.clear()
            all_keys = self._translit.keys(word)
            style = self._translit.style_key(word)
            found = Keys(all_keys[0], all_keys[1:], style, word_zipf(word.lower(), self.language, self._zipf_of),
                         frozenset({style[:1], *(k[:1] for k in all_keys)}))
            self._keys[word] = found
        return found

    def _candidate(self, word: str) -> bool:
        """Whether a capitalised word (possessive removed) may be a name at all."""
        found = self._candidate_memo.get(word)
        if found is None:
            found = (len(word) >= MIN_LENGTH and word.isalpha() and word[0].isupper() and not word.isupper()
                     and _latin(word)
                     and word not in self._pack.forms and not self._cues.is_cue(word)
                     and self.keys(word).zipf < COMMON_ZIPF)
            if len(self._candidate_memo) >= _MEMO_LIMIT:
                self._candidate_memo.clear()
            self._candidate_memo[word] = found
        return found

    # -- a quick look -------------------------------------------------------------

    def worth_a_look(self, words: Iterable[str], mentions: list["Mention"]) -> bool:
        """Whether two spellings of the document (its capitalised ``words``, its guide
        mentions) may be one name, at least one of them unknown; most documents have no
        such pair, and the token pass is spared."""
        quiet = self._quiet
        fresh = (words if isinstance(words, (set, frozenset)) else set(words)) - quiet
        if not fresh:
            return False
        if len(quiet) >= _MEMO_LIMIT:
            quiet.clear()
        candidate = self._candidate
        unknown: set[str] = set()
        for raw in fresh:
            word = raw[:-2] if raw.endswith(_POSSESSIVES) else raw
            if candidate(word):
                unknown.add(word)
            else:
                quiet.add(raw)
        if not unknown or (len(unknown) == 1 and not mentions):
            return False
        known = {self._anchor(m.surface, m.entity.type) for m in mentions} - unknown - {""}
        # Spellings of one name share a first letter of some key: count the letters
        # first, and compare only words that share one.
        letters = self._letters
        counts: dict[str, int] = {}
        for word in (*unknown, *known):
            for letter in letters(word):
                counts[letter] = counts.get(letter, 0) + 1
        given = [w for w in unknown if self._given.is_given_name(w)]
        if len(given) > 1 and any(self._given.same_name(a, b) for i, a in enumerate(given) for b in given[i + 1:]):
            return True  # "Oleksandr" and "Aleksandr" (one person's first name, maybe)
        shared = {letter for letter, n in counts.items() if n > 1}
        if not shared:
            return False
        if len(unknown) + len(known) > MAX_EDIT_WORDS:
            return True  # a huge vocabulary: let the key-only pass decide
        seen: dict[str, list[str]] = {}
        for word in (*unknown, *known):
            for letter in letters(word) & shared:
                bucket = seen.setdefault(letter, [])
                for other in bucket:
                    if (word in unknown or other in unknown) and self._pair(word, other):
                        return True
                bucket.append(word)
        return False

    def _letters(self, word: str) -> frozenset[str]:
        return self.keys(word).letters

    def _anchor(self, surface: str, kind: str) -> str:
        """The word of a guide mention that spells it: a person's surname, a one-word
        place or organisation ("" for longer names)."""
        if kind == "person":
            return surface.rsplit(" ", 1)[-1]
        return "" if " " in surface or "-" in surface else surface

    def _pair(self, one: str, other: str) -> bool:
        key = (one, other) if one < other else (other, one)
        found = self._pairs.get(key)
        if found is None:
            if len(self._pairs) >= _MEMO_LIMIT:
                self._pairs.clear()
            found = self._pairs[key] = (one != other and not typographic_pair(one, other, self.language)
                                        and self.same_spelling_family(one, other))
        return found

    # -- tokens -------------------------------------------------------------------

    def tokens(self, text: str, mentions: list["Mention"]) -> list[NameToken]:
        """The surnames and single-word names of a document, guide mentions included,
        each with the first name written before it."""
        spans = [(m.start, m.end) for m in mentions]
        starts = {m.start for m in mentions}
        words: list[tuple[int, int, str, str]] = []  # start, end, word, possessive
        index = 0
        for match in _WORD_RE.finditer(text):
            raw = match.group()
            word, tail = raw, ""
            if raw.endswith(_POSSESSIVES):
                word, tail = raw[:-2], raw[-2:]
            if not self._candidate(word):
                continue
            start = match.start()
            while index < len(spans) and spans[index][1] <= start:
                index += 1
            if index < len(spans) and spans[index][0] < match.end():
                continue  # part of a guide mention
            if self.keys(word).zipf >= SENTENCE_START_ZIPF and _starts_sentence(text, start):
                continue  # an ordinary word, capitalised by its place
            words.append((start, start + len(word), word, tail))
            starts.add(start)
        out: list[NameToken] = []
        for start, end, word, tail in words:
            if not tail and text.startswith(" ", end) and (end + 1) in starts:
                continue  # a first name: compared with its surname's
            token = NameToken(start, end, word, None, tail=tail)
            self._attach_first(text, token)
            out.append(token)
        for mention in mentions:
            entity = mention.entity
            surface = mention.surface
            if entity.type == "person":
                if mention.end < len(text) and text.startswith(" ", mention.end) and (mention.end + 1) in starts:
                    continue
                if " " in surface:
                    head, last = surface.rsplit(" ", 1)
                    token = NameToken(mention.end - len(last), mention.end, last, entity,
                                      head.split(" ", 1)[0], mention.start)
                else:
                    token = NameToken(mention.start, mention.end, surface, entity)
                    self._attach_first(text, token)
            elif " " not in surface and "-" not in surface and not surface.isupper():
                token = NameToken(mention.start, mention.end, surface, entity)
            else:
                continue
            token.tail = _possessive(text, mention.end)
            out.append(token)
        for token in out:
            start, end = token.start, token.end + len(token.tail)
            while start > 0 and text[start - 1] in _QUOTES:  # the group "Tinkoff"
                start -= 1
            while end < len(text) and text[end] in _QUOTES:
                end += 1
            kinds = self._cues.kinds(text, start, end, bool(token.tail))
            if token.first is not None and token.entity is None:
                kinds = frozenset({"person"})
            token.kinds = kinds or frozenset()
        out.sort(key=lambda t: t.start)
        return out

    def _attach_first(self, text: str, token: NameToken) -> None:
        match = _PREVIOUS_RE.search(text, max(0, token.start - 40), token.start)
        if match is not None and self.looks_like_first_name(text, match.start(1), match.group(1)):
            token.first = match.group(1)
            token.first_start = match.start(1)

    def looks_like_first_name(self, text: str, start: int, word: str) -> bool:
        """A capitalised word before a name that is itself a name, not a title: a first
        name of the lexicons, or a rare word that is no cue and no known place."""
        if not word[:1].isupper() or word.isupper() or self._cues.is_cue(word):
            return False
        if self._given.is_given_name(word) or word.lower() in self._lexicon_first:
            return True
        if not word.isalpha() or len(word) < 3 or word in self._pack.forms:
            return False
        zipf = self.keys(word).zipf
        return zipf < COMMON_ZIPF and (zipf < SENTENCE_START_ZIPF or not _starts_sentence(text, start))

    # -- similarity -----------------------------------------------------------------

    def same_spelling_family(self, one: str, other: str) -> bool:
        """Whether two spellings are one name: one key, or an edit apart."""
        if one.lower() == other.lower():
            return False
        a, b = self.keys(one), self.keys(other)
        if a.key == b.key or a.key in b.readings or b.key in a.readings or a.style == b.style:
            return not self._morphology.genders_differ(one, other)
        if a.key[:1] != b.key[:1]:
            return False
        shorter, longer = sorted((a.key, b.key), key=len)
        if len(shorter) < MIN_EDIT_LENGTH:
            return False
        limit = 2 if len(shorter) >= TWO_EDITS_LENGTH else 1
        if OSA.distance(a.key, b.key, score_cutoff=limit) > limit:
            return False
        if len(longer) > len(shorter) and longer.startswith(shorter[:-1]):
            return False  # a derivation or an inflection: Ukraine / Ukrainian
        if self._morphology.genders_differ(one, other) or self._morphology.derived(one, other):
            return False  # a wife or a daughter; "Imagist" / "Imagism", "KDBist" / "KDBists"
        if not (one.isascii() and other.isascii()):
            return False  # "Coruña" is spelled as its own language has it: "Corona" is another word
        return not (a.zipf >= ESTABLISHED_ZIPF and b.zipf >= ESTABLISHED_ZIPF)

    def _confidence(self, one: str, other: str) -> float:
        """0.9 for spellings with one transliteration key, 0.7 for an edit apart."""
        a, b = self.keys(one), self.keys(other)
        same = a.key == b.key or a.style == b.style or a.key in b.readings or b.key in a.readings
        return 0.9 if same else 0.7

    def same_first_name(self, one: str, other: str) -> bool:
        if one == other or self._given.same_name(one, other):
            return True
        a, b = self.keys(one), self.keys(other)
        if a.key == b.key or a.style == b.style or a.key in b.readings or b.key in a.readings:
            return True
        shorter, longer = sorted((a.key, b.key), key=len)
        return (len(shorter) >= 5 and a.key[:1] == b.key[:1] and not longer.startswith(shorter)
                and OSA.distance(a.key, b.key, score_cutoff=1) <= 1)

    def _people_differ(self, firsts_a: set[str], firsts_b: set[str]) -> bool:
        return bool(firsts_a and firsts_b) and not any(
            self.same_first_name(x, y) for x in firsts_a for y in firsts_b)

    # -- clusters -------------------------------------------------------------------

    def findings(self, tokens: list[NameToken], lang: str) -> Iterator["Inconsistent"]:
        """Every token whose spelling differs from its cluster's reference."""
        by_surface: dict[str, list[NameToken]] = {}
        for token in tokens:
            by_surface.setdefault(token.surface, []).append(token)
        surfaces = list(by_surface)
        firsts = {s: {t.first for t in by_surface[s] if t.first} for s in surfaces}
        kinds = {s: frozenset().union(*(t.kinds for t in by_surface[s])) for s in surfaces}
        entity_of = {s: next((t.entity for t in by_surface[s] if t.entity is not None), None) for s in surfaces}
        parent = list(range(len(surfaces)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        edges: set[tuple[int, int]] = set()
        for i, j in self._candidate_pairs(surfaces):
            one, other = surfaces[i], surfaces[j]
            if entity_of[one] is not None and entity_of[other] is not None:
                continue  # two guide spellings: the guide's own check
            if self._people_differ(firsts[one], firsts[other]):
                continue
            if kinds[one] and kinds[other] and not kinds[one] & kinds[other]:
                continue  # "the Tinkoff group" and "Oleg Tinkov": a company and a person
            if self._pair(one, other):
                edges.add((i, j))
                parent[root(j)] = root(i)
        groups: dict[int, list[int]] = {}
        for i in range(len(surfaces)):
            groups.setdefault(root(i), []).append(i)
        for members in groups.values():
            yield from self._surnames(members, surfaces, by_surface, entity_of, edges, lang)
            yield from self._first_names(members, surfaces, by_surface, entity_of)

    def _candidate_pairs(self, words: list[str]) -> Iterator[tuple[int, int]]:
        """(i, j), i < j, for every two words that may be spellings of one name: one
        key (exact, by dictionary), or keys of the same first letter and lengths within
        two (edits). A document with more than MAX_EDIT_WORDS distinct names (a list, a
        whole feed in one record) is compared by key only, so time stays linear."""
        seen: set[tuple[int, int]] = set()
        by_key: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            keys = self.keys(word)
            for key in {keys.key, "=" + keys.style, *keys.readings}:
                by_key.setdefault(key, []).append(i)
        for group in by_key.values():
            for a in range(len(group)):
                for b in range(a + 1, len(group)):
                    pair = (min(group[a], group[b]), max(group[a], group[b]))
                    if pair not in seen:
                        seen.add(pair)
                        yield pair
        if len(words) > MAX_EDIT_WORDS:
            return
        by_shape: dict[tuple[str, int], list[int]] = {}
        for i, word in enumerate(words):
            key = self.keys(word).key
            if len(key) >= MIN_EDIT_LENGTH:
                by_shape.setdefault((key[:1], len(key)), []).append(i)
        for (letter, size), group in by_shape.items():
            for other_size in range(size, size + 3):
                others = group if other_size == size else by_shape.get((letter, other_size), ())
                for a, i in enumerate(group):
                    for j in (others[a + 1:] if other_size == size else others):
                        pair = (min(i, j), max(i, j))
                        if pair not in seen:
                            seen.add(pair)
                            yield pair

    def _surnames(self, members: list[int], surfaces: list[str], by_surface: dict[str, list[NameToken]],
                  entity_of: dict[str, "Entity | None"], edges: set[tuple[int, int]],
                  lang: str) -> Iterator["Inconsistent"]:
        if len(members) < 2:
            return
        entities = {entity_of[surfaces[i]] for i in members} - {None}
        if len(entities) > 1:
            return  # spellings near two guide entries: not ours to pick
        entity = next(iter(entities), None)
        counts = {surfaces[i]: len(by_surface[surfaces[i]]) for i in members}
        order = sorted(members, key=lambda i: by_surface[surfaces[i]][0].start)
        if entity is not None:
            anchors = [i for i in order if entity_of[surfaces[i]] is not None]
            short = entity.short_form(lang)
            preferred = short.rsplit(" ", 1)[-1] if entity.type == "person" else short
            ref = next((i for i in anchors if surfaces[i] == preferred),
                       max(anchors, key=lambda i: counts[surfaces[i]]))
            why = "the style guide's spelling" if surfaces[ref] == preferred else "the guide's spelling used here"
            linked = set(anchors)
        else:
            # a spelling with an oblique-case ending is never the reference ("Krzkovsku")
            plain = [i for i in order if not any(self._morphology.oblique(surfaces[i], surfaces[k])
                                                 for k in order if k != i)] or order
            ref = max(plain, key=lambda i: counts[surfaces[i]])
            tied = sum(1 for i in plain if counts[surfaces[i]] == counts[surfaces[ref]]) > 1
            why = "the first spelling used" if tied else "the more frequent spelling"
            if len(plain) < len(order) and (tied or counts[surfaces[ref]] < max(counts.values())):
                why = "the name without a case ending"
            linked = {ref}
        seen = ", ".join(f"{surfaces[i]} ({counts[surfaces[i]]})" for i in order)
        for i in order:
            if i in linked or entity_of[surfaces[i]] is not None:
                continue
            if not any((min(i, k), max(i, k)) in edges for k in linked):
                continue
            # what the other spellings are, by their contexts
            others = frozenset().union(*(t.kinds for k in order if k != i for t in by_surface[surfaces[k]]))
            confidence = None if entity is not None else self._confidence(surfaces[i], surfaces[ref])
            for token in by_surface[surfaces[i]]:
                if token.kinds and others and not token.kinds & others:
                    continue  # this mention is something else: "the group Tinkoff" beside "Oleg Tinkov"
                yield Inconsistent(token.start, token.end, token.surface, surfaces[ref], token.tail, seen, why,
                                   entity, confidence=confidence)

    def _first_names(self, members: list[int], surfaces: list[str], by_surface: dict[str, list[NameToken]],
                     entity_of: dict[str, "Entity | None"]) -> Iterator["Inconsistent"]:
        if any(entity_of[surfaces[i]] is not None for i in members):
            return  # a guide person's first names are the guide's (and its generated variants')
        tokens = sorted((t for i in members for t in by_surface[surfaces[i]] if t.first), key=lambda t: t.start)
        names = list(dict.fromkeys(t.first for t in tokens if t.first))
        if len(names) < 2:
            return
        counts = {n: sum(1 for t in tokens if t.first == n) for n in names}
        done: set[str] = set()
        for name in names:
            if name in done:
                continue
            family = [n for n in names if n == name or (n not in done and self.same_first_name(name, n))]
            done.update(family)
            if len(family) < 2:
                continue
            ref = max(family, key=lambda n: counts[n])
            tied = sum(1 for n in family if counts[n] == counts[ref]) > 1
            why = "the first spelling used" if tied else "the more frequent spelling"
            seen = ", ".join(f"{n} ({counts[n]})" for n in family)
            for token in tokens:
                if token.first in family and token.first != ref:
                    confidence = 0.8 if self._given.same_name(token.first, ref) else self._confidence(token.first, ref)
                    yield Inconsistent(token.first_start, token.first_start + len(token.first), token.first,
                                       ref, "", seen, why, None, first_name=True, confidence=confidence)


@dataclass(frozen=True)
class Inconsistent:
    start: int
    end: int
    surface: str
    reference: str
    tail: str  # a possessive kept in the fix
    seen: str  # every spelling with its count, in order of appearance
    why: str  # why the reference is the reference
    entity: "Entity | None"
    first_name: bool = False
    # how sure the cluster is, for a name outside the guide (its fix is the document's
    # own majority spelling, so --fix leaves it to --unsafe-fixes); None: the guide's
    confidence: float | None = None

    def message(self, where: str) -> str:
        what = "first name" if self.first_name else "name"
        return (f"'{self.surface}' and '{self.reference}' look like one {what} spelled two ways in {where} "
                f"(seen: {self.seen}); '{self.reference}' is {self.why}.")


def merge_adjacent(found: Iterable[Inconsistent]) -> list[tuple[int, int, str, str, Inconsistent]]:
    """(start, end, surface, fix, finding): a first name and its surname both flagged
    become one finding over both."""
    items = sorted(found, key=lambda f: f.start)
    out: list[tuple[int, int, str, str, Inconsistent]] = []
    for item in items:
        if out and out[-1][4].first_name and not item.first_name and out[-1][1] + 1 == item.start:
            start, _, surface, fix, first = out.pop()
            confidence = min((c for c in (first.confidence, item.confidence) if c is not None), default=None)
            out.append((start, item.end, f"{surface} {item.surface}", f"{fix} {item.reference}",
                        replace(item, confidence=confidence)))
            continue
        out.append((item.start, item.end, item.surface, item.reference, item))
    return out


@dataclass
class FeedNames:
    """``--scope feed``: the spellings of unknown names seen so far, by key."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> surface -> count

    def add(self, key: str, surface: str) -> None:
        if len(self.counts) >= _MEMO_LIMIT:
            self.counts.clear()
        per = self.counts.setdefault(key, {})
        per[surface] = per.get(surface, 0) + 1


def _latin(word: str) -> bool:
    """Latin letters, accents included ("Erdoğan"): an untranslated Cyrillic word is no
    spelling of an English name."""
    return word.isascii() or all(ord(c) < 0x250 for c in word)


def _possessive(text: str, end: int) -> str:
    for mark in _POSSESSIVES:
        if text.startswith(mark, end):
            return mark
    return ""


def _starts_sentence(text: str, start: int) -> bool:
    pos = start - 1
    while pos >= 0 and text[pos] in " \t'‘«([-–—":
        pos -= 1
    return pos < 0 or text[pos] in _SENTENCE_END
