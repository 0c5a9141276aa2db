"""Declined forms of the style guide's names, for targets that decline them.

A Russian or Ukrainian target writes "в Киеве", "з Зеленським", where the guide lists
the nominative. For such a target (``morphology`` in ``data/names/inflection.yaml``)
every form of the guide in that language's script gets its singular case forms from
pymorphy3's dictionary, built the first time a document in the language is checked (an
English run never loads the analyser). A person keeps their gender ("Зеленская" is
another person). A finding's fix is the target's own form in the same case: "у Киеве"
in a Ukrainian target -> "у Києві"; a case form that can be two cases ("Харкові":
dative or locative) is read as the locative after a preposition that governs it.

German writes a genitive -s straight after a name ("Kiews Bürgermeister"): the endings
a language adds to any name are ``suffixes`` in the same file; the mention covers the
name and the fix keeps the ending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from mtcheck.datafiles import load_yaml_resource
from mtcheck.errors import PackError
from mtcheck.morphology import require_analyzer

if TYPE_CHECKING:
    from mtcheck.style_guides import Entity

CASES = ("gent", "datv", "accs", "ablt", "loct", "loc2")  # loc2: Russian "в Крыму"
LOCATIVES = ("loct", "loc2")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class InflectionData:
    path: str
    cyrillic: frozenset[str]
    capitalised_nouns: frozenset[str]
    capital_accents_optional: frozenset[str]
    suffixes: dict[str, tuple[str, ...]]
    morphology: dict[str, str]  # target language -> pymorphy3 dictionary
    locative_after: dict[str, frozenset[str]]


@lru_cache(maxsize=2)
def load_inflection(relative: str = "names/inflection.yaml") -> InflectionData:
    path, data = load_yaml_resource(relative)
    if not isinstance(data, dict):
        raise PackError("expected a mapping at the top level", str(path))
    suffixes = data.get("suffixes") or {}
    morphology = data.get("morphology") or {}
    after = data.get("locative-after") or {}
    for key, value in (("suffixes", suffixes), ("locative-after", after)):
        if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(s, str) for s in v)
                                                  for v in value.values()):
            raise PackError(f"'{key}' must map a language to a list of strings", str(path))
    if not isinstance(morphology, dict) or not all(isinstance(v, str) for v in morphology.values()):
        raise PackError("'morphology' must map a language to a pymorphy3 dictionary (ru, uk)", str(path))
    cyrillic = data.get("cyrillic") or []
    if not isinstance(cyrillic, list) or not all(isinstance(v, str) for v in cyrillic):
        raise PackError("'cyrillic' must be a list of language codes", str(path))
    nouns = data.get("capitalised-nouns") or []
    if not isinstance(nouns, list) or not all(isinstance(v, str) for v in nouns):
        raise PackError("'capitalised-nouns' must be a list of language codes", str(path))
    accents = data.get("capital-accents-optional") or []
    if not isinstance(accents, list) or not all(isinstance(v, str) for v in accents):
        raise PackError("'capital-accents-optional' must be a list of language codes", str(path))
    return InflectionData(str(path), frozenset(cyrillic), frozenset(nouns), frozenset(accents), {k: tuple(v) for k, v in suffixes.items()}, dict(morphology),
                          {k: frozenset(w.lower() for w in v) for k, v in after.items()})


_UKRAINIAN = frozenset("іїєґІЇЄҐ")


def dictionary_of(form: str, languages: Iterable[str], data: InflectionData) -> tuple[str, ...]:
    """The pymorphy3 dictionaries that decline ``form``: those of the languages whose
    canonical form it is, else uk's for a form with a Ukrainian letter, else ru's."""
    own = tuple(dict.fromkeys(data.morphology[lang] for lang in languages if lang in data.morphology))
    if own:
        return own
    guess = "uk" if _UKRAINIAN & set(form) else "ru"
    return (guess,) if guess in data.morphology.values() else ()


def is_cyrillic(form: str) -> bool:
    """A form written mostly in Cyrillic (a Latin form with one Cyrillic homoglyph is Latin)."""
    letters = [c for c in form if c.isalpha()]
    return sum(1 for c in letters if _CYRILLIC.match(c)) * 2 > len(letters)


def _like(word: str, model: str) -> str:
    """``word`` (lower case) capitalised as ``model`` is."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] if m[:1].isupper() else part
                    for part, m in zip(word.split("-"), model.split("-") + [""] * word.count("-")))


def _parse(word: str, dictionary: str, kind: str, gender: str | None) -> Any:
    """The reading of ``word`` as a singular noun in the nominative: for a place a
    geographical name first, for a person a surname or first name of their gender."""
    wanted = {"female": "femn", "male": "masc"}.get(gender or "")
    best, best_score = None, -1
    for parse in require_analyzer(dictionary).parse(word):
        tag = parse.tag
        if tag.POS != "NOUN" or "nomn" not in tag or "plur" in tag:
            continue
        if kind == "person" and ((wanted and wanted not in tag) or "inan" in tag):
            continue
        score = 2 if ({"Geox"} if kind == "place" else {"Surn", "Name"}) & set(tag.grammemes) else 1
        if score > best_score:
            best, best_score = parse, score
    return best


@lru_cache(maxsize=4096)
def _word_cases(word: str, dictionary: str, kind: str, gender: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """case -> the singular forms of ``word`` in that case, of its gender, the one a fix
    writes first (a person's locative the one the dative shares: "Зеленському", not the
    archaic "Зеленськім")."""
    parse = _parse(word.lower(), dictionary, kind, gender)
    if parse is None:
        return ()
    forms: dict[str, list[str]] = {}
    for form in parse.lexeme:
        tag = form.tag
        if "plur" in tag or tag.case not in CASES or (parse.tag.gender and tag.gender not in (None, parse.tag.gender)):
            continue
        if form.word != word.lower():
            forms.setdefault(tag.case, []).append(_like(form.word, word))
    dative = set(forms.get("datv", ())) if kind == "person" else set()
    for case in LOCATIVES:
        if case in forms:
            forms[case].sort(key=lambda f: f not in dative)
    return tuple((case, tuple(dict.fromkeys(forms[case]))) for case in CASES if case in forms)


def declensions(form: str, dictionary: str, kind: str, gender: str | None) -> dict[str, str]:
    """case -> the form in that case, for the cases in which it differs from ``form``;
    each word of a name declined on its own ("Володимира Зеленського"), a word the
    dictionary cannot decline kept as it is ("Шойгу")."""
    words = form.split(" ")
    per_word = [dict(_word_cases(w, dictionary, kind, gender)) for w in words]
    out: dict[str, str] = {}
    for case in CASES:
        phrase = " ".join(cases[case][0] if case in cases else w for w, cases in zip(words, per_word))
        if phrase != form:
            out[case] = phrase
    return out


def surfaces(form: str, dictionary: str, kind: str, gender: str | None) -> dict[str, tuple[str, ...]]:
    """Every declined surface of ``form`` -> the cases it can be ("Харкові": dative,
    locative); a name of several words has each word in one case ("Володимира
    Зеленського"); a single word also alone in every form the dictionary gives."""
    words = form.split(" ")
    per_word = [dict(_word_cases(w, dictionary, kind, gender)) for w in words]
    out: dict[str, list[str]] = {}
    for case in CASES:
        if len(words) == 1:
            phrases = list(per_word[0].get(case, ()))
        else:
            phrases = [" ".join(cases[case][0] if case in cases else w for w, cases in zip(words, per_word))]
        for phrase in phrases:
            if phrase != form:
                out.setdefault(phrase, []).append(case)
    return {phrase: tuple(cases) for phrase, cases in out.items()}


def inflect(form: str, dictionary: str, kind: str, gender: str | None, cases: tuple[str, ...]) -> str:
    """``form`` in the first of ``cases`` it has (``form`` itself for the nominative)."""
    declined = declensions(form, dictionary, kind, gender)
    for case in cases:
        if case in declined:
            return declined[case]
    return form


def declined_forms(forms: Mapping[str, "Entity"], data: InflectionData
                   ) -> dict[str, tuple[str, "Entity", tuple[str, ...]]]:
    """surface -> (the guide's form, its entity, the cases the surface can be) for the
    Cyrillic ``forms`` and every declined form of them; a guide's own form wins over a
    declined one, and a surface two entries decline to is left out."""
    values: dict[str, tuple[str, Entity, tuple[str, ...]]] = {form: (form, entity, ()) for form, entity in forms.items()}
    declined: dict[str, tuple[str, Entity, tuple[str, ...]] | None] = {}
    for form, entity in forms.items():
        langs = [lang for lang, f in entity.canonical.items()
                 if f == form or (entity.type == "person" and " " in f and f.endswith(" " + form))]
        for dictionary in dictionary_of(form, langs, data):
            for surface, cases in surfaces(form, dictionary, entity.type, entity.gender).items():
                if surface in values:
                    continue
                earlier = declined.get(surface, False)
                if earlier is False:
                    declined[surface] = (form, entity, cases)
                elif earlier is not None and earlier[1] is not entity:
                    declined[surface] = None
    values.update({k: v for k, v in declined.items() if v is not None})
    return values
