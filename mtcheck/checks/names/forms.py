"""Forms of known names that the style guide need not list: generated, not written.

- **Given names** (``data/names/given_names.yaml``): the Ukrainian and Russian forms of
  one first name. A person whose first names are all Ukrainian gets the Russian forms
  as variants, and the other way round, so "Alexander Syrskyi" is a variant of
  Oleksandr Syrskyi without anyone listing it; a new person needs one entry.
- **Case forms** (``data/names/case_forms.yaml``): a place's name with a Ukrainian or
  Russian case ending ("in Buchi", "in Kharkove") or made into the district adjective
  ("Brovarsky district"), which MT leaves when it transliterates instead of translating.
- **Source words**: the names of a document's source, in Latin letters and keyed like
  the translation's, so a check can ask whether the translation follows the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from rapidfuzz.distance import OSA

from mtcheck.datafiles import load_yaml_resource
from mtcheck.errors import PackError

if TYPE_CHECKING:
    from mtcheck.checks.names.context import Translit
    from mtcheck.style_guides import Entity, StyleGuide


def _names(value: Any, path: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() and " " not in v.strip()
                                              for v in value):
        raise PackError(f"'{where}' must be a list of single words", path)
    return tuple(v.strip() for v in value)


# -- given names ---------------------------------------------------------------------

@dataclass(frozen=True)
class NameGroup:
    uk: tuple[str, ...]
    ru: tuple[str, ...]
    other: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.uk, *self.ru, *self.other)))


class GivenNames:
    """Groups of one given name's Ukrainian, Russian and substituted forms."""

    def __init__(self, path: str, data: Any) -> None:
        groups = data.get("groups") if isinstance(data, dict) else None
        if not isinstance(groups, list):
            raise PackError("expected a mapping with a 'groups' list", path)
        self.groups: list[NameGroup] = []
        for index, raw in enumerate(groups):
            if not isinstance(raw, dict) or set(raw) - {"uk", "ru", "other"} or not raw.get("uk") or not raw.get("ru"):
                raise PackError(f"group #{index + 1} must give 'uk' and 'ru' lists (and 'other')", path)
            self.groups.append(NameGroup(_names(raw["uk"], path, f"groups[{index}].uk"),
                                         _names(raw["ru"], path, f"groups[{index}].ru"),
                                         _names(raw.get("other"), path, f"groups[{index}].other")))
        self._of: dict[str, list[int]] = {}
        for index, group in enumerate(self.groups):
            for name in group.forms:
                self._of.setdefault(name.lower(), []).append(index)

    def same_name(self, one: str, other: str) -> bool:
        """Whether two different spellings are forms of one given name."""
        first = self._of.get(one.lower())
        return bool(first) and any(i in first for i in self._of.get(other.lower(), ()))

    def is_given_name(self, word: str) -> bool:
        return word.lower() in self._of

    def variants_of(self, first_names: Iterable[str]) -> tuple[str, ...]:
        """The wrong forms for a person who goes by ``first_names``: the Russian ones for
        a Ukrainian first name, the Ukrainian ones for a Russian one, and the
        substitutions for either; nothing for a person known by both."""
        names = set(first_names)
        out: list[str] = []
        for group in self.groups:
            uk, ru = names & set(group.uk), names & set(group.ru)
            if names & set(group.other):
                continue
            if uk and not ru:
                wrong = [w for w in (*group.ru, *group.other) if w not in group.uk]
            elif ru and not uk:
                wrong = [w for w in (*group.uk, *group.other) if w not in group.ru]
            else:
                continue
            out.extend(w for w in wrong if w not in names)
        return tuple(dict.fromkeys(out))


@lru_cache(maxsize=2)
def load_given_names(relative: str = "names/given_names.yaml") -> GivenNames:
    path, data = load_yaml_resource(relative)
    return GivenNames(path, data)


def with_generated_forms(entities: Mapping[str, "Entity"], taken: Iterable[str]) -> dict[str, "Entity"]:
    """Every person with the other language's forms of their first name as generated
    variants: the surname forms of the entry (canonical, allowed and variant full names)
    after each wrong first name. A generated form that is already a form of any entry,
    or that two entries would generate, is dropped."""
    given = load_given_names()
    owned = set(taken)
    proposed: dict[str, list[str]] = {}
    for entity in entities.values():
        if entity.type != "person":
            continue
        full = [f for f in (entity.canonical.get("en", ""), *entity.aliases, *entity.allowed) if " " in f]
        if not full:
            continue
        wrong = given.variants_of(f.split(" ", 1)[0] for f in full)
        if not wrong:
            continue
        surnames = dict.fromkeys(f.split(" ", 1)[1] for f in (*full, *entity.variants) if " " in f)
        for first in wrong:
            for surname in surnames:
                proposed.setdefault(f"{first} {surname}", []).append(entity.id)
    generated: dict[str, list[str]] = {}
    for form, owners in proposed.items():
        if form not in owned and len(set(owners)) == 1:
            generated.setdefault(owners[0], []).append(form)
    out = dict(entities)
    for entity_id, forms in generated.items():
        out[entity_id] = replace(out[entity_id], generated=tuple(forms))
    return out


# -- case forms ----------------------------------------------------------------------

@dataclass(frozen=True)
class CaseForm:
    entity: "Entity"
    base: str  # the guide's form the stem came from
    adjective: bool
    stem: str  # lower case, as found in the word


@dataclass(frozen=True)
class FoundCaseForm:
    start: int
    end: int  # the word's end, a possessive left out
    surface: str
    entity: "Entity"
    base: str
    adjective: bool
    region: str  # the district word after an adjective
    tail: str  # a possessive after the word


# A case form must be rarer in English than this ("Buche" 1.5, "Indie" 3.9).
CASE_FORM_ZIPF = 2.0
# Source languages whose case endings these are; any other source says "not this rule".
CASE_LANGUAGES = frozenset({"uk", "ru", "be"})


class CaseForms:
    """Stems of every single-word place form of a pack, and the endings MT leaves on them."""

    def __init__(self, pack: "StyleGuide", path: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise PackError("expected a mapping", path)
        from mtcheck.checks.names.context import _rewrites

        self._stem_rules = _rewrites(data.get("stems") or [], path, "stems")
        self._noun = tuple(sorted(_endings(data.get("noun"), path, "noun"), key=len, reverse=True))
        self._adjective = tuple(sorted(_endings(data.get("adjective"), path, "adjective"), key=len, reverse=True))
        self._links = tuple(_endings(data.get("links"), path, "links", empty=True))
        self.regions = frozenset(_endings(data.get("regions"), path, "regions"))
        self.places = frozenset(_endings(data.get("places"), path, "places"))
        stems: dict[str, tuple[Entity, str] | None] = {}
        for form, entity in pack.forms.items():
            if entity.type != "place" or " " in form or "-" in form or not form[:1].isupper():
                continue
            for stem in self._stems(form):
                if len(stem) < 4:
                    continue
                earlier = stems.get(stem, False)
                if earlier is False:
                    stems[stem] = (entity, form)
                elif earlier is not None and earlier[0] is not entity:
                    stems[stem] = None  # two places share it: say nothing
        self._by_stem = {k: v for k, v in stems.items() if v is not None}
        self._forms = frozenset(f.lower() for f in pack.forms)
        self._memo: dict[str, CaseForm | None] = {}
        self.quiet: set[str] = set()  # words (as matched) that are no case form

    def lookup(self, word: str) -> CaseForm | None:
        """The place a rare capitalised word inflects; memoised."""
        found = self._memo.get(word, _MISSING)
        if found is _MISSING:
            found = None
            if len(word) >= 5 and not word.isupper() and word.isalpha():
                found = self.analyse(word)
                if found is not None and self._ordinary(word):
                    found = None
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found  # type: ignore[return-value]

    @staticmethod
    def _ordinary(word: str) -> bool:
        from wordfreq import zipf_frequency

        from mtcheck.checks.names.context import load_first_names

        return (zipf_frequency(word.lower(), "en") >= CASE_FORM_ZIPF or load_given_names().is_given_name(word)
                or word.lower() in load_first_names())

    def _stems(self, form: str) -> list[str]:
        low = form.lower()
        out = [low]
        for pattern, replacement in self._stem_rules:
            other = pattern.sub(replacement, low)
            if other != low and other not in out:
                out.append(other)
        return out

    def analyse(self, word: str) -> CaseForm | None:
        """The place ``word`` inflects, if it is a stem of one plus an ending."""
        low = word.lower()
        if low in self._forms:
            return None
        for ending in self._adjective:
            if low.endswith(ending) and len(low) > len(ending) + 3:
                base = low[:-len(ending)]
                for link in self._links:
                    if link and not base.endswith(link):
                        continue
                    stem = base[:-len(link)] if link else base
                    for candidate in (stem, stem + "s", stem + "sk"):
                        found = self._by_stem.get(candidate)
                        if found is not None:
                            return CaseForm(found[0], found[1], True, candidate)
        for ending in self._noun:
            if low.endswith(ending) and len(low) > len(ending) + 3:
                found = self._by_stem.get(low[:-len(ending)])
                if found is not None:
                    return CaseForm(found[0], found[1], False, low[:-len(ending)])
        return None


def _endings(value: Any, path: str, where: str, empty: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and (v or empty) for v in value):
        raise PackError(f"'{where}' must be a list of strings", path)
    return list(value)


def load_case_forms(pack: "StyleGuide", relative: str = "names/case_forms.yaml") -> CaseForms:
    path, data = load_yaml_resource(relative)
    return CaseForms(pack, path, data)


class Morphology:
    """How two spellings of one stem relate (case_forms.yaml ``genders``, ``oblique``,
    ``suffixes``): a surname's masculine and feminine, a case form and its name, an
    English derivation."""

    def __init__(self, path: str, data: Any) -> None:
        pairs = data.get("genders") if isinstance(data, dict) else None
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 and all(
                isinstance(e, str) and e for e in p) for p in pairs):
            raise PackError("'genders' must be a list of [masculine, feminine] ending pairs", path)
        self._pairs = tuple((m.lower(), f.lower()) for m, f in pairs)
        self._oblique = tuple(sorted(_endings(data.get("oblique"), path, "oblique"), key=len, reverse=True))
        self._suffixes = ("", *sorted(_endings(data.get("suffixes"), path, "suffixes"), key=len, reverse=True))

    def genders_differ(self, one: str, other: str) -> bool:
        """Whether two spellings are the masculine and feminine of one surname."""
        a, b = one.lower(), other.lower()
        for male, female in self._pairs:
            for x, y in ((a, b), (b, a)):
                if x.endswith(male) and y.endswith(female) and x[:-len(male)] == y[:-len(female)]:
                    return True
        return False

    def derived(self, one: str, other: str) -> bool:
        """Whether two words differ only in English suffixes: "Imagist"/"Imagism"."""
        a, b = one.lower(), other.lower()
        stems_a = {a[:-len(x)] if x else a for x in self._suffixes if a.endswith(x) and len(a) - len(x) >= 3}
        return any((b[:-len(x)] if x else b) in stems_a for x in self._suffixes
                   if b.endswith(x) and len(b) - len(x) >= 3)

    def oblique(self, word: str, other: str) -> bool:
        """Whether ``word`` is ``other`` with an oblique-case ending in place of its own
        ("Krzkovsku" of "Krzkovska", "Dzyube" of "Dzyuba")."""
        a, b = word.lower(), other.lower()
        for ending in self._oblique:
            if a.endswith(ending) and len(a) - len(ending) >= 3:
                stem = a[:-len(ending)]
                if b.startswith(stem) and len(b) - len(stem) <= 2 and not b.endswith(ending):
                    return True
        return False


@lru_cache(maxsize=2)
def load_morphology(relative: str = "names/case_forms.yaml") -> Morphology:
    path, data = load_yaml_resource(relative)
    return Morphology(path, data)


_MISSING = object()
_MEMO_LIMIT = 200_000
_WORD_RE = re.compile(r"(?<![\w'’ʼ])[^\W\d_a-z][^\W\d_]*(?:['’ʼ][^\W\d_]+)*")
_NEXT_RE = re.compile(r" ([^\W\d_]+)")
_LISTED_RE = re.compile(r"(?:(?:,| and| or|, and) [^\W\d_a-z][^\W\d_'’-]*){1,4} ([^\W\d_]+)")
_PREV_RE = re.compile(r"(\S+) $")
_POSSESSIVES = ("'s", "’s")


def find_case_forms(doc: Any, mentions: list[Any], forms: CaseForms,
                    words: Iterable[str] | None = None) -> list[FoundCaseForm]:
    """Case forms of known places in a document (see ``name.case-form``); ``words``: its
    capitalised words, when the caller has them."""
    if doc.src_lang and doc.src_lang.split("-")[0] not in CASE_LANGUAGES:
        return []
    text = doc.text
    quiet = forms.quiet
    if quiet.issuperset(_WORD_RE.findall(text) if words is None else words):
        return []
    if len(quiet) >= _MEMO_LIMIT:
        quiet.clear()
    spans = [(m.start, m.end) for m in mentions]
    source: SourceWords | None = None
    out: list[FoundCaseForm] = []
    index = 0
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        if raw in quiet:
            continue
        word, tail = (raw[:-2], raw[-2:]) if raw.endswith(_POSSESSIVES) else (raw, "")
        found = forms.lookup(word) if word[:1].isupper() else None
        if found is None:
            quiet.add(raw)
            continue
        start = match.start()
        end = start + len(word)
        while index < len(spans) and spans[index][1] <= start:
            index += 1
        if index < len(spans) and spans[index][0] < end:
            continue
        after = _NEXT_RE.match(text, end + len(tail))
        following = after.group(1) if after else ""
        if found.adjective and following not in forms.regions:
            # "Brovarsky, Vyshhorodsky and Buchansky districts"
            listed = _LISTED_RE.match(text, end + len(tail))
            following = listed.group(1) if listed else following
        if doc.src and source is None:
            from mtcheck.checks.names.context import load_translit

            source = SourceWords(doc.src, load_translit())
        if source is not None and word in source.latin:
            continue  # copied from the source as it stands: a brand, a foreign name
        if found.adjective:
            if following not in forms.regions:
                continue  # "Belorusskaya Street" is the street's name
        else:
            if following[:1].isupper() and following not in forms.regions:
                continue  # a first name or part of a longer name
            if source is not None:
                from mtcheck.checks.names.context import load_translit

                if not source.mentions_stem(load_translit().key(found.stem)):
                    continue
            else:
                before = _PREV_RE.search(text, max(0, start - 20), start)
                if before is None or before.group(1) not in forms.places:
                    continue
        out.append(FoundCaseForm(start, end, word, found.entity, found.base, found.adjective,
                                 following if found.adjective else "", tail))
    return out


# -- source words --------------------------------------------------------------------

_SOURCE_WORD = re.compile(r"[^\W\d_][^\W\d_'’ʼ-]{3,}")


class SourceWords:
    """The words of a document's source, keyed as the translation's names are."""

    def __init__(self, src: str, translit: "Translit") -> None:
        self._translit = translit
        self.latin: set[str] = set()  # words written in Latin letters, as they stand
        keys: set[str] = set()
        memo: dict[str, str] = translit.__dict__.setdefault("_source_keys", {})  # word -> key, every document
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        for word in set(_SOURCE_WORD.findall(src)):
            if word.isascii():
                self.latin.add(word)
            key = memo.get(word)
            if key is None:
                key = memo[word] = translit.key(translit.latin(word.lower()))
            keys.add(key)
        self.keys = keys
        self._by_first: dict[str, list[str]] = {}
        for key in keys:
            self._by_first.setdefault(key[:1], []).append(key)

    def distance(self, key: str, limit: int = 3) -> int:
        """Edits from ``key`` to the nearest beginning of a source word (so a case
        ending or a suffix there is ignored: "danilev" in "danilevskoho"); ``limit + 1``
        when none is that close."""
        best = limit + 1
        size = len(key)
        for other in self._by_first.get(key[:1], ()):
            if len(other) < size - limit:
                continue
            for length in sorted({min(len(other), n) for n in range(max(3, size - 1), size + 2)}):
                d = OSA.distance(key, other[:length], score_cutoff=best - 1 if best > 0 else 0)
                if d < best:
                    best = d
                    if best == 0:
                        return 0
        return best

    def mentions_stem(self, stem_key: str) -> bool:
        """Whether some source word begins with ``stem_key``: the source names the place."""
        return any(k.startswith(stem_key) for k in self._by_first.get(stem_key[:1], ()))
