"""Grammatical gender of target-language nouns, one API for every language.

``gender_of("de", "Bundesregierung")`` answers ``NounGender(gender="f", number="sg", ...)``:
what a pronoun referring to the noun must agree with. Where the answer comes from is
the language pack's business (``noun-gender`` in ``pack.yaml``, see
``mtcheck/data/languages/README.md``):

* a table (``noun-genders: noun_genders.tsv.gz``, built by
  ``scripts/build_noun_genders.py`` from a lexicon, its licence beside it): one row per
  noun form, ``form<TAB>gender<TAB>number``. Lookups strip elided articles (fr ``l'armée``,
  it ``l'esercito``), try the lower-case form for a capitalised one outside German, and
  in German take a compound's head: the longest known suffix noun of at least
  ``MIN_HEAD`` letters after a part that is a noun too (*Bundesregierung* -> *Bund·es* +
  *Regierung*; *EU-Kommission* -> *Kommission*);
* an analyser (``analysers: {noun-gender: pymorphy3}``, ru and uk): the noun reading
  with the highest score, its gender (that of its nominative lemma for plural forms),
  number and animacy.

A form that belongs to nouns of different genders, or to a noun of common gender
(de *Leiter*, fr *élève*, es *periodista*, ru *сирота*), has no single gender:
``gender_of`` answers None, ``genders_of`` every gender it may have, ``is_noun`` True.
Tables and analysers load on first use and are kept per language; a lookup is a few
dictionary probes.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

from mtcheck.errors import PackError
from mtcheck.morphology import require_analyzer

MIN_HEAD = 4  # letters of a German compound's head: shorter tails (-ei, -ung) are no nouns
MIN_MODIFIER = 2  # letters left before the head, which must be a noun (see _is_modifier)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
# articles and prepositions that elide before a vowel, by language (longest first)
_ELISIONS = {
    "fr": ("jusqu'", "lorsqu'", "puisqu'", "quoiqu'", "qu'", "l'", "d'", "j'", "m'", "n'",
           "s'", "t'", "c'"),
    "it": ("dell'", "dall'", "nell'", "sull'", "all'", "coll'", "quest'", "quell'", "un'",
           "l'", "d'"),
}
_EDGE_PUNCTUATION = " \t\n\"'«»„“”‹›()[]{}.,;:!?"
_CASED_NOUNS = {"de"}  # languages whose nouns are capitalised: no lower-case retry
_COMPOUNDING = {"de"}


@dataclass(frozen=True)
class NounGender:
    gender: str  # "m", "f", "n", or "p" for a plural-only noun (de Eltern, ru ножницы)
    number: str | None  # "sg", "pl", or None when the form is both (de Leiter, fr prix)
    animate: bool | None  # known from analysers only (ru, uk)
    source: str  # the resource that said so: "german-nouns", "pymorphy3", ...
    matched: str  # what was found: "Regierung" for Bundesregierung, "armée" for l'armée


@dataclass(frozen=True)
class NounReading:
    """All a source says of a form, ambiguous ones included (``reading_of``)."""

    genders: str  # "f", or several letters when the form is ambiguous ("mf")
    number: str | None
    animate: bool | None
    source: str
    matched: str


def _clean(word: str) -> str:
    """The word without quotes and punctuation around it, apostrophes made plain."""
    return word.translate(_APOSTROPHES).strip(_EDGE_PUNCTUATION)


Lookup = Callable[[str], "tuple[str, str] | None"]


def compound_head(word: str, lookup: Lookup) -> tuple[str, tuple[str, str]] | None:
    """The longest known proper suffix noun of a German word, capitalised as a noun:
    ``("Regierung", ("f", "sg"))`` for *Bundesregierung*; after a hyphen, the last part."""
    if "-" in word.strip("-"):
        head = word.rstrip("-").rsplit("-", 1)[1]
        if len(head) >= 2:
            hit = lookup(head) or lookup(head[:1].upper() + head[1:])
            if hit:
                return head, hit
            return compound_head(head, lookup)
        return None
    if _ADJECTIVE.search(word):
        return None
    for start in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        if not word[start].isalpha():
            continue
        tail = word[start].upper() + word[start + 1:]
        hit = lookup(tail)
        if hit and _is_modifier(word[:start], lookup):
            return tail, hit
    return None


# the linking elements (Fugenelemente) between a German compound's parts, longest first
_LINKS = ("ens", "es", "en", "er", "ns", "s", "n", "e")
# an inflected adjective (Islamische, Republikanischen, tugendhaften) ends like a noun
# (Nische, Haften) but takes no head; the nouns so ending are in the tables (Holztische)
_ADJECTIVE = re.compile(r"(isch|lich|haft|bar)(e|en|er|es|em)$")


def _is_modifier(part: str, lookup: Lookup) -> bool:
    """Whether the part before a compound's head is a noun, maybe with a linking element
    (Bundes-, Krankheits-, Schienen-) or a compound itself. Without this test a word
    that merely ends like a noun takes its gender: Obwohl (Wohl), Norwegen (Wegen)."""
    if lookup(part):
        return True
    for link in _LINKS:
        if part.endswith(link) and len(part) - len(link) >= MIN_MODIFIER and lookup(part[:-len(link)]):
            return True
    return len(part) >= MIN_MODIFIER + MIN_HEAD and compound_head(part, lookup) is not None


class TableLexicon:
    """A noun-gender table of one language (see the module docstring)."""

    def __init__(self, lang: str, path: Path) -> None:
        self.lang = lang
        self.path = path
        self.source, self._forms = _read_table(path)

    def __len__(self) -> int:
        return len(self._forms)

    def _exact(self, form: str) -> tuple[str, str] | None:
        return self._forms.get(form)

    def read(self, word: str) -> NounReading | None:
        word = _clean(word)
        for candidate in self._candidates(word):
            hit = self._forms.get(candidate)
            if hit:
                return NounReading(hit[0], hit[1] or None, None, self.source, candidate)
        if self.lang in _COMPOUNDING and word[:1].isupper():
            found = compound_head(word, self._exact)
            if found:
                return NounReading(found[1][0], found[1][1] or None, None, self.source, found[0])
        return None

    def _candidates(self, word: str) -> list[str]:
        lowered = word.lower()
        for prefix in _ELISIONS.get(self.lang, ()):
            if lowered.startswith(prefix) and len(word) > len(prefix):
                word = word[len(prefix):]
                break
        if self.lang in _CASED_NOUNS:
            # an ALL-CAPS heading word; a lower-case German word is not a noun (weg/Weg)
            return [word, word[:1] + word[1:].lower()] if word.isupper() and len(word) > 1 else [word]
        return [word, word.lower()] if word != word.lower() else [word]


def _read_table(path: Path) -> tuple[str, dict[str, tuple[str, str]]]:
    forms: dict[str, tuple[str, str]] = {}
    source = path.parent.name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.startswith("#"):
                    source = _source_name(line) or source
                    continue
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 3 or not fields[0] or not fields[1] or set(fields[1]) - set("mfnp"):
                    raise PackError(f"line {number}: expected form<TAB>gender (m, f, n, p)<TAB>number",
                                    str(path))
                forms[fields[0]] = (fields[1], fields[2])
    except FileNotFoundError:
        raise PackError("noun-gender table not found", str(path)) from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read the noun-gender table: {exc}", str(path)) from None
    return source, forms


def _source_name(header: str) -> str:
    """The resource a table names in its header: 'derived from <name> ...'."""
    _, found, rest = header.partition("derived from ")
    if not found:
        return ""
    name = rest.split(" (")[0].split(",")[0].split(" as ")[0].strip()
    return name.removeprefix("the ")


class MorphLexicon:
    """Nouns as pymorphy3 analyses them (ru, uk)."""

    source = "pymorphy3"

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._analyzer = require_analyzer(lang)  # pymorphy3 is a runtime dependency

    def _parses(self, word: str) -> list[Any]:
        try:
            return list(self._analyzer.parse(_clean(word)))
        except (KeyError, ValueError):  # its shape tests fail on characters without a Unicode name
            return []

    def read(self, word: str) -> NounReading | None:
        parses = [p for p in self._parses(word) if "NOUN" in p.tag]
        if not parses:
            return None
        lower_case = word[:1].islower()
        best = max(parses, key=lambda p: (_rank(p, lower_case), _lemma_frequency(p.normal_form, self.lang)))
        # readings of the same lemma as likely as the best (all of uk's score alike) that
        # differ in gender or number make the form ambiguous (uk колега m/f; Міністерства
        # singular genitive or plural nominative)
        tied = [p for p in parses if p.normal_form == best.normal_form
                and _rank(p, lower_case) == _rank(best, lower_case)]
        genders = _morph_genders(best.tag) or _morph_genders(best.normalized.tag)
        genders = _merge_genders(genders + "".join(_morph_genders(p.tag) for p in tied))
        if not genders:
            return None
        number = _morph_number(best.tag)
        if any(_morph_number(p.tag) != number for p in tied):
            number = None
        animacy = str(best.tag.animacy) if best.tag.animacy else ""
        return NounReading(genders, number, {"anim": True, "inan": False}.get(animacy),
                           self.source, best.normal_form)

    def is_noun(self, word: str) -> bool:
        parses = self._parses(word)
        return bool(parses) and "NOUN" in parses[0].tag


_NAME_LIKE = frozenset({"Name", "Surn", "Patr"})
_MARGINAL = frozenset({"Infr", "Slng", "Arch", "Erro", "Dist"})


def _rank(parse: Any, lower_case: bool) -> tuple[float, bool, bool]:
    """Score first; among equals (uk scores all alike) a common noun before a name when
    the word is in lower case (uk люди: людина, not the name Люда), and a standard word
    before an informal, archaic or misspelt one."""
    grammemes = parse.tag.grammemes
    return (parse.score, not (lower_case and grammemes & _NAME_LIKE), not grammemes & _MARGINAL)


@lru_cache(maxsize=65536)
def _lemma_frequency(lemma: str, lang: str) -> float:
    """wordfreq's Zipf frequency: between equally scored readings of different lemmas (uk
    роботу: робота, not робот) the commoner lemma wins."""
    from wordfreq import zipf_frequency  # a dependency of mtcheck

    return zipf_frequency(lemma, lang)


def _merge_genders(letters: str) -> str:
    genders = "".join(g for g in "mfnp" if g in letters)
    return genders.replace("p", "") if "p" in genders and len(genders) > 1 else genders


def _morph_number(tag: Any) -> str | None:
    if tag.number:
        return {"sing": "sg", "plur": "pl"}.get(str(tag.number))
    return "sg" if _morph_genders(tag) not in ("", "p") else None  # uk marks plural only


def _morph_genders(tag: Any) -> str:
    if "ms-f" in tag.grammemes:  # common gender (сирота); not a grammeme of every dictionary
        return "mf"
    if {"Pltm", "GNdr"} & tag.grammemes:
        return "p"
    return {"masc": "m", "femn": "f", "neut": "n"}.get(str(tag.gender or ""), "")


ANALYSERS = {"pymorphy3": MorphLexicon}


def lexicon_for(lang: str, packs: Mapping[str, Any] | None = None) -> TableLexicon | MorphLexicon | None:
    """The noun-gender source of a language, per its pack; None where it has none."""
    if packs is None:
        from mtcheck.languages import load_packs

        packs = load_packs()
    pack = packs.get(lang)
    if pack is None or "noun-gender" not in pack.supports:
        return None
    if pack.noun_gender_analyser:
        return _analyser(pack.noun_gender_analyser, lang)
    return _table(lang, pack.noun_genders_path)


@lru_cache(maxsize=16)
def _table(lang: str, path: str) -> TableLexicon:
    return TableLexicon(lang, Path(path))


@lru_cache(maxsize=4)
def _analyser(name: str, lang: str) -> MorphLexicon:
    return ANALYSERS[name](lang)


@lru_cache(maxsize=65536)
def _read(lang: str, word: str) -> NounReading | None:
    lexicon = lexicon_for(lang)
    return lexicon.read(word) if lexicon is not None and word else None


def reading_of(lang: str, word: str, packs: Mapping[str, Any] | None = None) -> NounReading | None:
    """What the language's source says of a noun form, ambiguous genders included; None
    when it does not know the form. ``packs`` (user packs) bypasses the cache."""
    if packs is None:
        return _read(lang, word)
    lexicon = lexicon_for(lang, packs)
    return lexicon.read(word) if lexicon is not None and word else None


def gender_of(lang: str, word: str, packs: Mapping[str, Any] | None = None) -> NounGender | None:
    """The gender of a noun form, None when unknown or ambiguous (see ``genders_of``)."""
    reading = reading_of(lang, word, packs)
    if reading is None or len(reading.genders) != 1:
        return None
    return NounGender(reading.genders, reading.number, reading.animate, reading.source, reading.matched)


def genders_of(lang: str, word: str, packs: Mapping[str, Any] | None = None) -> frozenset[str]:
    """Every gender the form may have: ``{"m", "f"}`` for de *Leiter*; empty when unknown."""
    reading = reading_of(lang, word, packs)
    return frozenset(reading.genders) if reading else frozenset()


def is_noun(lang: str, word: str, packs: Mapping[str, Any] | None = None) -> bool:
    """Whether the language's source knows the form as a noun (pymorphy3: its first reading)."""
    lexicon = lexicon_for(lang, packs)
    if isinstance(lexicon, MorphLexicon):
        return lexicon.is_noun(word)
    return reading_of(lang, word, packs) is not None


T = TypeVar("T")


def lenient(lookup: Callable[[str, str], T], default: T) -> Callable[[str, str], T]:
    """``lookup`` (``reading_of``, ``gender_of``, ``is_noun``) for a check: a table that
    cannot be read answers ``default``, so the check stays silent instead of stopping
    the run."""
    def answer(lang: str, word: str) -> T:
        try:
            return lookup(lang, word)
        except PackError:
            return default
    return answer
