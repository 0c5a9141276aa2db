"""Name styles per target language: which form of an entry a target in a language wants.

An entry gives ``canonical.<lang>`` (the form after the country's own name: Kyjiw, Kyiv)
and may give ``traditional.<lang>`` (the established exonym: Kiew, Kiev). The guide's
``name-styles`` say per language which one the house style prefers and whether the other
is tolerated (``allowed``: not flagged, but one document must not mix the two) or not
(``variant``). Once the guide is built, ``canonical[lang]`` is the preferred form and
``allowed_in[lang]`` the tolerated one, so every check asks one question: how does this
form count in this language (:func:`kind_in`)?
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from mtcheck.name_inflection import is_cyrillic

if TYPE_CHECKING:
    from mtcheck.style_guides import Entity, NameStyle


def apply_styles(entity: "Entity", styles: Mapping[str, "NameStyle"]) -> "Entity":
    """The entity with each language's preferred form as its canonical form."""
    if not entity.traditional:
        return entity
    from mtcheck.style_guides import NameStyle

    canonical = dict(entity.canonical)
    allowed: dict[str, tuple[str, ...]] = {}
    for lang, exonym in entity.traditional.items():
        style = styles.get(lang, NameStyle())
        national = canonical.get(lang)
        preferred, other = (exonym, national) if style.prefer == "traditional" or national is None \
            else (national, exonym)
        canonical[lang] = preferred
        if other and other != preferred and style.other == "allowed":
            allowed[lang] = (other,)
    return replace(entity, canonical=MappingProxyType(canonical), allowed_in=MappingProxyType(allowed))


def _tail_of(full: str, form: str) -> bool:
    return full.endswith(" " + form)


def kind_in(form: str, entity: "Entity", lang: str) -> str:
    """canonical | alias | allowed | variant: how ``form`` counts in a target in ``lang``
    ("" for a form not judged there: the mention is dropped).

    - A language the entry gives no form for gets no judgement: its forms all count as
      accepted spellings there (the English variants may be that language's usage), and
      must only agree with one another.
    - Otherwise the language's canonical form and, for a person, its surname alone are
      canonical; the form the name style tolerates is allowed; the English aliases and
      allowed spellings hold where the language writes the English form (a surname of the
      English form is a variant in German, which writes "Selenskyj"); every other form,
      another language's among them, is a variant.
    """
    english = entity.canonical["en"]
    own = entity.canonical.get(lang)
    if own is None:
        if form == english:
            return "canonical"
        return "alias" if form in entity.aliases else "allowed"
    if form == own:
        return "canonical"
    if lang != "en" and entity.type == "person" and " " in own and form == entity.short_form(lang):
        return "alias"
    if form in entity.allowed_in.get(lang, ()):
        return "allowed"
    writes_english = own == english
    if form in entity.aliases and (writes_english or not _tail_of(english, form) or _tail_of(own, form)):
        return "alias"
    if form in entity.allowed and writes_english:
        return "allowed"
    if not is_cyrillic(own) and form in person_short_forms(entity) and form not in entity.variants \
            and form not in entity.aliases:
        # another language's surname alone in a Latin target ("Poutine" in English, also a
        # dish): not judged; in a Cyrillic one it is ("Путин" in Ukrainian is "Путін")
        return ""
    return "variant"


def person_short_forms(entity: "Entity") -> set[str]:
    """A person's surname alone in every language the entry has a form for, English
    aside (its short forms are the aliases written in the entry)."""
    if entity.type != "person":
        return set()
    return {entity.short_form(lang) for lang, full in entity.canonical.items() if lang != "en" and " " in full}
