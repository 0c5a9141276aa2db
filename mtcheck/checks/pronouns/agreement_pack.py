"""What ``pronoun.agreement`` reads from a language pack's ``pronouns.yaml``.

The file (see ``mtcheck/data/languages/README.md``) gives the pronoun paradigm (one row
per case or use: the form for each gender), the forms that also stand for a plural or
for nothing (expletive "es", "il"), impersonal phrases, reporting verbs, prepositions,
determiners that show a gender, person nouns, and institution head nouns with the
English words they translate. It is validated once per run; an error names the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mtcheck.errors import PackError
from mtcheck.noun_gender import gender_of, is_noun, lenient

GENDERS = ("m", "f", "n")


@dataclass(frozen=True)
class Slot:
    """One paradigm row: the form each gender takes in one case or use."""

    use: str
    forms: Mapping[str, str]  # gender -> form (lower case)

    def genders_of(self, form: str) -> frozenset[str]:
        return frozenset(g for g, f in self.forms.items() if f == form)


@dataclass(frozen=True)
class Institution:
    gender: str
    english: frozenset[str]


@dataclass(frozen=True)
class AgreementLang:
    code: str
    path: str
    slots: tuple[Slot, ...]
    plural_too: frozenset[str] = frozenset()
    expletive: frozenset[str] = frozenset()
    impersonal: tuple[tuple[str, ...], ...] = ()
    reporting: frozenset[str] = frozenset()
    singular_verbs: frozenset[str] = frozenset()
    plural_verbs: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    determiners: Mapping[str, str] = field(default_factory=dict)
    clitics: frozenset[str] = frozenset()
    clitic_after: frozenset[str] = frozenset()
    clitic_before: frozenset[str] = frozenset()
    enclitic_endings: tuple[str, ...] = ()
    persons: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    expletive_verbs: frozenset[str] = frozenset()
    person_endings: tuple[str, ...] = ()
    institutions: Mapping[str, Institution] = field(default_factory=dict)

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(f for slot in self.slots for f in slot.forms.values())

    def slots_of(self, form: str) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if form in s.forms.values())

    def institution(self, word: str) -> Institution | None:
        """The institution noun a word is, or ends in (de compounds: Bundesregierung)."""
        hit = self.institutions.get(word) or self.institutions.get(word.lower())
        if hit is not None or self.code != "de":
            return hit
        for start in range(2, len(word) - 2):
            tail = word[start].upper() + word[start + 1:]
            hit = self.institutions.get(tail)
            if hit is not None:
                return hit
        return None

    def is_person(self, word: str) -> bool:
        low = word.lower()
        if low in self.persons:
            return True
        if self.code == "de" and any(low.endswith(p) and len(low) > len(p) for p in self.persons):
            return True  # Verteidigungsminister, Oppositionsführerin
        return any(low.endswith(e) for e in self.person_endings)


def _strings(raw: Mapping[str, Any], key: str, path: str) -> list[str]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"'{key}' must be a list of strings", path)
    return value


def _words(raw: Mapping[str, Any], key: str, path: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _strings(raw, key, path))


def _slots(raw: Mapping[str, Any], path: str) -> tuple[Slot, ...]:
    rows = raw.get("paradigm")
    if not isinstance(rows, list) or not rows:
        raise PackError("'paradigm' must be a list of rows ({use: subject, m: er, f: sie, n: es})", path)
    out = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("use"), str):
            raise PackError(f"paradigm row {row!r} needs a 'use' and a form per gender", path)
        forms = {g: str(row[g]).lower() for g in GENDERS if g in row}
        if len(forms) < 2 or any(" " in f for f in forms.values()):
            raise PackError(f"paradigm row {row!r}: one-word forms for at least two genders", path)
        out.append(Slot(row["use"], forms))
    return tuple(out)


def _institutions(raw: Mapping[str, Any], path: str) -> dict[str, Institution]:
    value = raw.get("institutions") or {}
    if not isinstance(value, dict):
        raise PackError("'institutions' must map a noun to {gender, en}", path)
    out = {}
    for noun, entry in value.items():
        if not isinstance(entry, dict) or entry.get("gender") not in GENDERS:
            raise PackError(f"institution {noun!r}: needs gender m, f or n", path)
        english = entry.get("en") or []
        if not isinstance(english, list):
            raise PackError(f"institution {noun!r}: 'en' must be a list of English words", path)
        out[str(noun)] = Institution(entry["gender"], frozenset(str(e).lower() for e in english))
    return out


def parse(code: str, raw: Mapping[str, Any], path: str) -> AgreementLang:
    determiners = raw.get("determiners") or {}
    if not isinstance(determiners, dict) or any(g not in GENDERS for g in determiners.values()):
        raise PackError("'determiners' must map a determiner to its gender (m, f, n)", path)
    impersonal = tuple(tuple(p.lower().replace("’", "'").split()) for p in _strings(raw, "impersonal", path))
    return AgreementLang(
        code=code, path=path, slots=_slots(raw, path),
        plural_too=_words(raw, "plural_too", path),
        expletive=_words(raw, "expletive", path),
        impersonal=impersonal,
        reporting=_words(raw, "reporting", path),
        singular_verbs=_words(raw, "singular_verbs", path),
        plural_verbs=_words(raw, "plural_verbs", path),
        prepositions=_words(raw, "prepositions", path),
        determiners={str(k).lower(): v for k, v in determiners.items()},
        clitics=_words(raw, "clitics", path),
        clitic_after=_words(raw, "clitic_after", path),
        clitic_before=_words(raw, "clitic_before", path),
        enclitic_endings=tuple(_strings(raw, "enclitic_endings", path)),
        persons=_words(raw, "persons", path),
        function_words=_words(raw, "function_words", path),
        relative=_words(raw, "relative", path),
        expletive_verbs=_words(raw, "expletive_verbs", path),
        person_endings=tuple(_strings(raw, "person_endings", path)),
        institutions=_institutions(raw, path),
    )


def load_languages(packs: Mapping[str, Any]) -> dict[str, AgreementLang]:
    """Every pack that supports ``pronoun-agreement``, parsed."""
    out = {}
    for code, pack in packs.items():
        raw = getattr(pack, "pronouns", None)
        if "pronoun-agreement" in getattr(pack, "supports", ()) and raw:
            out[code] = parse(code, raw, getattr(pack, "pronouns_path", code))
    return out


@dataclass
class AgreementData:
    languages: dict[str, AgreementLang]
    gender_of: Callable[[str, str], Any]
    lexicon: Any = None  # the English lexicon, for the source's antecedent
    is_noun: Callable[[str, str], bool] = lambda lang, word: False  # nouns of any or no single gender
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def pattern(self, lang: AgreementLang) -> re.Pattern[str]:
        found = self._patterns.get(lang.code)
        if found is None:
            words = sorted(lang.forms, key=len, reverse=True)
            found = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
            self._patterns[lang.code] = found
        return found


def load_agreement(config: Any, lexicon: Any) -> AgreementData:
    """The packs' pronoun data; the noun-gender source is imported on first use, so that
    a run on English targets does not pay for it."""
    from mtcheck.languages import packs_for

    return AgreementData(load_languages(packs_for(config)), _gender_of, lexicon, is_noun=_is_noun)


_gender_of = lenient(gender_of, None)
_is_noun = lenient(is_noun, False)
