"""A clause for the message of an English pronoun finding: what a German, French or
Spanish source's pronoun may refer to.

These languages' third-person pronouns agree in grammatical gender with their
antecedent, so a "she" for a government often comes from "sie" for *die Regierung*
(fr *elle* for *l'armée*, es *la* for *la empresa*). The clause names the one source
noun of the pronoun's gender in its sentence and the one before; it says nothing when
two such nouns compete, when the noun is a person's, or when German "sie" is plural or
the polite "Sie". The noun tables have no animacy, so it says "may refer to".

It only adds words to the message: the decision and its evidence do not see it
(``source_evidence`` is the evidence for uk and ru). Pronoun forms, determiners and
person nouns come from the packs' ``pronouns.yaml``; genders from ``noun_gender`` (a
form of several genders competes but is never named).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from mtcheck.checks.pronouns.agreement_pack import AgreementLang, load_languages
from mtcheck.checks.pronouns.source_evidence import _relative_place, aligned_source
from mtcheck.document import Document
from mtcheck.noun_gender import lenient, reading_of

LANGS = ("de", "es", "fr")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*'?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# The English pronoun's gender, and the source genders a form of it may stand for
# (de "sein" and "ihm" are masculine and neuter alike; "es" alone is not "he").
_WANT = {"male": ("m", "n"), "female": ("f",)}
_PRIMARY = {"male": "m", "female": "f"}
_GENDER_WORD = {"m": "masculine", "f": "feminine", "n": "neuter"}
_ELIDED = ("l'", "l’")


@lru_cache(maxsize=1)
def _packs() -> dict[str, AgreementLang]:
    from mtcheck.languages import load_packs

    return load_languages(load_packs())


_noun_reading = lenient(reading_of, None)


def source_note(doc: Document, start: int, pronoun: str, gender: str) -> str | None:
    """"source 'sie' may refer to Regierung (feminine)" for the English pronoun at
    ``start`` (``gender``: "male" or "female"), or None."""
    pack = _packs().get(doc.src_lang or "") if doc.src_lang in LANGS else None
    window = aligned_source(doc, start) if pack is not None else None
    if window is None or gender not in _WANT:
        return None
    segments, current = window
    before = "\n".join(segments[:current])
    here = segments[current]
    matches = list(_WORD_RE.finditer(here))
    words = [m.group() for m in matches]
    initial = {i for i, m in enumerate(matches) if _opens_sentence(here, m.start())}
    found = _source_pronoun(pack, words, initial, gender, _relative_place(doc, start))
    if found is None:
        return None
    index, genders = found
    preceding = here[:matches[index].start()]
    context, joined = _last_sentences(before + "\n" + preceding if before else preceding)
    nouns = _nouns(pack, context, joined, genders)
    if len(nouns) != 1:
        return None
    (word, noun_gender, unfit), = nouns.values()
    if unfit or _cataphora_possible(pack, here[matches[index].end():], genders):
        return None
    return f"source '{words[index]}' may refer to {word} ({_GENDER_WORD[noun_gender]})"


def _cataphora_possible(pack: AgreementLang, rest: str, genders: frozenset[str]) -> bool:
    """A noun of the pronoun's gender later in its sentence may be what it refers to
    ("sie ... die 39-Jährige"); so may a German noun the table does not know. The word
    right after the pronoun is skipped: after a possessive it is the thing possessed."""
    sentence = _SENTENCE_END.split(rest.replace("\n", " "), maxsplit=1)[0]
    words = [m.group() for m in _WORD_RE.finditer(sentence)][1:]
    if _nouns(pack, words, set(), genders):
        return True
    return pack.code == "de" and any(w[:1].isupper() and _noun_reading("de", w) is None for w in words)


def _last_sentences(text: str) -> tuple[list[str], set[int]]:
    """The words of the pronoun's sentence (up to it) and of the sentence before, and
    the indices of those that run straight into a capitalised word ("Sozialen Medien")."""
    sentences = [s for s in _SENTENCE_END.split(text.replace("\n", " ")) if s.strip()]
    tail = " ".join(sentences[-2:])
    matches = list(_WORD_RE.finditer(tail))
    joined = {i for i, (m, n) in enumerate(pairwise(matches))
              if tail[m.end():n.start()].isspace() and n.group()[:1].isupper()}
    return [m.group() for m in matches], joined


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'„“”«»(")
    return not before or before[-1] in ".!?:"


def _source_pronoun(pack: AgreementLang, words: list[str], initial: set[int], gender: str,
                    place: float) -> tuple[int, frozenset[str]] | None:
    """The source pronoun nearest the English one's relative place whose forms include
    the English gender, with the genders its antecedent may have."""
    found = []
    for i, word in enumerate(words):
        low = word.lower()
        genders = frozenset(g for slot in pack.slots_of(low) for g in slot.genders_of(low))
        if _PRIMARY[gender] in genders and _is_pronoun(pack, words, i, i in initial):
            found.append((i, genders & frozenset(_WANT[gender])))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] / max(1, len(words)) - place))


def _is_pronoun(pack: AgreementLang, words: list[str], i: int, initial: bool) -> bool:
    low = words[i].lower()
    prev = words[i - 1].lower() if i > 0 else ""
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if low in pack.clitics:  # le, la, lo are articles too: only in a clitic's place
        return prev in pack.clitic_after or nxt in pack.clitic_before
    if pack.code == "fr" and low == "lui" and prev not in pack.prepositions:
        return False  # "il lui a écrit": a dative of either gender
    if low in pack.expletive and _impersonal(pack, words, i):
        return False
    if low in pack.plural_too:
        return not _plural_or_polite(pack, words, i, initial)
    return True


def _impersonal(pack: AgreementLang, words: list[str], i: int) -> bool:
    ahead = tuple(w.lower().replace("’", "'") for w in words[i:i + 4])
    return any(ahead[:len(p)] == p for p in pack.impersonal)


def _plural_or_polite(pack: AgreementLang, words: list[str], i: int, initial: bool) -> bool:
    """German "sie" with a plural verb beside it ("sie haben", "haben sie"), or "Sie"
    capitalised inside a sentence (the polite form)."""
    if words[i][:1].isupper() and not initial:
        return True
    near = [w.lower() for w in words[max(0, i - 1):i] + words[i + 1:i + 4]]
    return any(w in pack.plural_verbs for w in near)


def _nouns(pack: AgreementLang, words: list[str], joined: set[int],
           genders: frozenset[str]) -> dict[str, tuple[str, str, bool]]:
    """Singular nouns that may be of one of ``genders``: key -> (word, gender, unfit),
    unfit when the noun is a person's or its gender is not one (de *Haus* is m or n in
    the table: ``gender_of`` gives no gender, yet it competes)."""
    out: dict[str, tuple[str, str, bool]] = {}
    for i, word in enumerate(words):
        candidate = _noun_at(pack, words, i, i in joined)
        reading = _noun_reading(pack.code, candidate) if candidate else None
        if reading is None or not set(reading.genders) & genders or reading.number == "pl":
            continue
        unfit = len(reading.genders) != 1 or reading.animate is True or pack.is_person(candidate)
        out.setdefault(reading.matched.lower(), (candidate, reading.genders, unfit))
    return out


def _noun_at(pack: AgreementLang, words: list[str], i: int, joined: bool) -> str | None:
    """The word at ``i`` if its place makes it a noun: German capitalised words, French
    and Spanish words after a determiner (or an elided l')."""
    word = words[i]
    low = word.lower()
    if pack.code == "de":
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if joined and nxt not in pack.function_words:
            return None  # an attributive adjective or a title: "Sozialen Medien", "Präsident Biden"
        if word[:1].isupper() and low not in pack.function_words and low not in pack.forms:
            return word
        return None
    if low.startswith(_ELIDED) and len(word) > 2:
        rest = word[2:]
        return rest if rest.lower() not in pack.function_words else None
    prev = words[i - 1].lower() if i > 0 else ""
    if prev in pack.determiners and low not in pack.function_words and low not in pack.forms:
        before = words[i - 2].lower() if i > 1 else ""
        if prev in pack.clitics and before in pack.clitic_after:
            return None  # "elle la présente": a pronoun, not an article
        return word
    return None
