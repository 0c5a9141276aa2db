"""Nouns of a gendered target sentence: the antecedents a pronoun may agree with.

No tagger: German nouns are the capitalised words a noun-gender table knows (a
capitalised word it does not know is a name); French and Spanish nouns follow a
determiner, which often shows the gender itself; Russian and Ukrainian words are read
by pymorphy3, which gives gender, number, case and animacy. A noun's role comes from
the words before it: after a preposition it is oblique, the first other noun of a
clause is its subject (in Russian and Ukrainian, the nominative), the rest objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mtcheck.checks.pronouns.agreement_pack import AgreementLang

# Words, with an elided article or pronoun split off ("l'" + "armée", "qu'" + "elle").
TOKEN_RE = re.compile(r"[^\W\d_]+['’](?=[^\W\d_])|[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_CLAUSE_BREAK = frozenset(",;:()–—\"„“”«»")
JOINERS = frozenset(["dass", "und", "aber", "oder", "weil", "wenn", "als", "ob", "denn", "sondern", "während", "nachdem", "bevor", "que", "qui", "et", "mais", "ou", "car", "quand", "lorsque", "si", "dont", "y", "pero", "o", "porque", "cuando", "donde", "si", "aunque", "и", "а", "но", "что", "чтобы", "когда", "если", "который", "которая", "которое", "або", "але", "що", "щоб", "коли", "якщо", "який", "яка", "яке"])
_DE_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"])
ROLE_WEIGHT = {"subject": 1.0, "object": 0.6, "embedded": 0.35, "oblique": 0.3}
_MORPH = ("ru", "uk")
_NAME_TAGS = ("Name", "Surn", "Patr")


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass
class TargetNoun:
    start: int
    end: int
    text: str
    gender: str | None  # m f n; None: unknown or a plural-only noun
    plural: bool
    person: bool  # animate, a person noun, or a name that may be a person's
    role: str
    sentence: int
    institution: bool = False
    english: frozenset[str] = frozenset()  # English words the pack says it translates
    pronoun: bool = False  # an earlier pronoun standing for its antecedent
    entity: int = -1  # the antecedent an earlier pronoun stands for (its start); else own start
    clause: int = 0  # clauses before it in its sentence (commas, conjunctions)

    def __post_init__(self) -> None:
        if self.entity < 0:
            self.entity = self.start

    def salience(self, distance: int) -> float:
        return ROLE_WEIGHT[self.role] * (1.0, 0.9, 0.5)[min(distance, 2)]


def clause_of(toks: list[Tok], offset: int) -> int:
    """How many clause breaks come before ``offset`` in a sentence's tokens."""
    return sum(1 for t in toks if t.start < offset and (t.text in _CLAUSE_BREAK or t.low in JOINERS))


def tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


GenderOf = Callable[[str, str], Any]  # (lang, word) -> NounGender | None


def sentence_nouns(toks: list[Tok], sentence: int, lang: AgreementLang, gender_of: GenderOf) -> list[TargetNoun]:
    found = _morph_nouns(toks, sentence, lang) if lang.code in _MORPH else _latin_nouns(toks, sentence, lang, gender_of)
    for n in found:
        n.clause = clause_of(toks, n.start)
    return found


def _latin_nouns(toks: list[Tok], sentence: int, lang: AgreementLang, gender_of: GenderOf) -> list[TargetNoun]:
    out: list[TargetNoun] = []
    subject_seen = False
    pending_oblique = False
    articles = 0
    for i, t in enumerate(toks):
        low = t.low
        if t.text in _CLAUSE_BREAK or low in JOINERS:
            subject_seen = False
            pending_oblique = False
            continue
        if low in lang.prepositions or low.rstrip("'") in lang.prepositions:
            pending_oblique = True
            articles = 0
            continue
        if pending_oblique and (low in lang.determiners or (lang.code == "de" and low in _DE_ARTICLES)):
            articles += 1
            if articles == 2:
                pending_oblique = False  # "in der das Unternehmen": a relative clause opens
            continue
        if low in lang.forms and low not in lang.clitics and not pending_oblique:
            subject_seen = True  # a pronoun subject: the next noun is an object
            continue
        noun = _noun_at(toks, i, lang, gender_of)
        if noun is None:
            continue
        gender, plural, person = noun
        if pending_oblique:
            role = "oblique"
        elif not subject_seen:
            role = "subject"
            subject_seen = True
        elif _genitive(toks, i, lang):
            role = "embedded"
        else:
            role = "object"
        pending_oblique = False
        inst = lang.institution(t.text)
        out.append(TargetNoun(t.start, t.end, t.text, gender, plural, person, role, sentence,
                              inst is not None, inst.english if inst else frozenset()))
    return out


def _genitive(toks: list[Tok], i: int, lang: AgreementLang) -> bool:
    """de "die Kosten des Werks": a noun after a genitive article after a noun."""
    if lang.code != "de" or i < 2:
        return False
    return toks[i - 1].low in ("des", "der") and toks[i - 2].text[:1].isupper()


def _noun_at(toks: list[Tok], i: int, lang: AgreementLang,
             gender_of: GenderOf) -> tuple[str | None, bool, bool] | None:
    t = toks[i]
    if not t.text[:1].isalpha() or t.low in lang.function_words:
        return None
    if lang.code == "de":
        return _german_noun(toks, i, lang, gender_of)
    prev = toks[i - 1].low if i > 0 else ""
    det_gender = lang.determiners.get(prev)
    is_det = det_gender is not None or prev in ("l'", "les", "des", "los", "las", "su", "sus",
                                                "son", "sa", "ses", "leur", "leurs")
    if not is_det:
        if t.text[:1].isupper() and i > 0 and not toks[i - 1].text[:1].isupper():
            return None if _in_name(toks, i) else (None, False, True)  # a name: may be a person
        return None
    found = gender_of(lang.code, t.text)
    inst = lang.institution(t.text)
    if found is None and inst is not None:
        return det_gender or inst.gender, False, False  # l'OTAN: the pack knows its gender
    if found is None and not t.text[:1].isupper():
        return None  # "qui la précède": no noun after this "la"
    plural = prev in ("les", "des", "los", "las", "ses", "sus", "leurs")
    gender = det_gender or (found.gender if found is not None and found.gender in "mfn" else None)
    if found is not None and found.number == "pl":
        plural = True
    person = lang.is_person(t.text) or (t.text[:1].isupper() and found is None)
    return gender, plural, person


def _in_name(toks: list[Tok], i: int) -> bool:
    return i > 0 and toks[i - 1].text[:1].isupper()


def _german_noun(toks: list[Tok], i: int, lang: AgreementLang,
                 gender_of: GenderOf) -> tuple[str | None, bool, bool] | None:
    t = toks[i]
    if not t.text[:1].isupper() or t.low in lang.forms or t.low in lang.prepositions \
            or t.low in lang.function_words:
        return None
    found = gender_of("de", t.text)
    first = i == 0 or toks[i - 1].text in _CLAUSE_BREAK or toks[i - 1].text in ".!?"
    after_noun = i > 0 and not first and toks[i - 1].text[:1].isupper() \
        and toks[i - 1].low not in lang.function_words
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.low not in lang.function_words \
            and gender_of("de", nxt.text) is not None and _adjective_here(toks, i, found):
        return None  # "die Leipziger Stadtverwaltung", "die Europäische Zentralbank"
    inst = lang.institution(t.text) if found is None else None
    if inst is not None:
        return inst.gender, False, False  # die NATO: the pack knows its gender
    if found is None:
        if first or after_noun:
            return None  # sentence-initial word, or part of a longer name
        return (None, False, True)  # a name: a person, or an organisation of unknown gender
    if after_noun and found.matched != t.text:
        return None  # a name after its head noun: "der Autohersteller Nordwerk"
    gender = found.gender if found.gender in "mfn" else None
    plural = found.number == "pl" or found.gender == "p" or (
        i > 0 and toks[i - 1].low == "die" and gender in ("m", "n"))  # "die Taliban": a plural
    return gender, plural, lang.is_person(t.text)


_ARTICLE_GENDERS = {"die": "fp", "das": "n", "der": "mfp", "den": "mp", "dem": "mn", "des": "mn",
                    "eine": "f", "ein": "mn", "einen": "m", "einem": "mn", "einer": "f", "eines": "mn"}
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _adjective_here(toks: list[Tok], i: int, found: Any) -> bool:
    """A capitalised word before a noun is an adjective when no table knows it as a
    noun, or when the article before it rules out its gender ("Die Leipziger")."""
    if not toks[i].low.endswith(_ADJECTIVE_ENDINGS):
        return False
    if found is None:
        return True
    article = _ARTICLE_GENDERS.get(toks[i - 1].low) if i > 0 else None
    return article is not None and found.gender not in article and found.number != "pl"


def _morph_nouns(toks: list[Tok], sentence: int, lang: AgreementLang) -> list[TargetNoun]:
    out: list[TargetNoun] = []
    prep = False
    subject_seen = False
    for k, t in enumerate(toks):
        if t.text in _CLAUSE_BREAK or t.low in JOINERS:
            prep = False
            subject_seen = subject_seen and t.text in "«»\"„“”"
            if t.text not in "«»\"„“”":
                subject_seen = False
            continue
        if k > 0 and toks[k - 1].text in "«\"„“" and t.text[:1].isupper():
            continue  # a quoted name after its noun: музей «Сфера»
        if t.low in lang.forms:
            subject_seen = subject_seen or t.low in {s.forms.get(g) for s in lang.slots[:1] for g in s.forms}
            continue
        parses = _parses(lang.code, t.text)
        if not parses:
            prep = False
            continue
        if any(p.tag.POS in _FUNCTION_POS for p in parses[:3]):
            prep = prep or any(p.tag.POS == "PREP" for p in parses[:3])  # до, про: never nouns
            continue
        parse = _agreeing(parses, toks[k - 1].text if k > 0 else "", lang.code)
        tag = parse.tag
        if tag.POS != "NOUN":
            if tag.POS not in ("ADJF", "PRTF", "NUMR", "ADVB"):
                prep = False
            continue
        grams = set(str(tag).replace(" ", ",").split(","))  # the uk tag set lacks some grammemes
        name = bool(grams.intersection(_NAME_TAGS))
        gender = {"masc": "m", "femn": "f", "neut": "n"}.get(str(tag.gender or ""))
        case = str(tag.case or "")
        role = "oblique" if prep else {"nomn": "subject", "accs": "object", "gent": "embedded",
                                       "ablt": "object", "datv": "object"}.get(case, "oblique")
        if role == "subject":
            role = "object" if subject_seen else role
            subject_seen = True
        prep = False
        inst = lang.institution(parse.normal_form)
        out.append(TargetNoun(t.start, t.end, t.text, gender, tag.number == "plur",
                              name or "anim" in grams or (t.text[:1].isupper() and "Geox" not in grams
                                                          and "Orgn" not in grams and inst is None
                                                          and gender is None and tag.number != "plur"),
                              role, sentence, inst is not None, inst.english if inst else frozenset()))
    return out


_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO"})


@lru_cache(maxsize=65536)
def _parses(lang: str, word: str) -> tuple[Any, ...]:
    from mtcheck.checks.pronouns.source_evidence import _parse

    return tuple(_parse(lang, word))


def _agreeing(parses: tuple[Any, ...], before: str, lang: str) -> Any:
    """The noun reading whose case agrees with the adjective before it ("Верховна Рада":
    nominative feminine, not the genitive of another noun); else the likeliest reading."""
    top = parses[0]
    if top.tag.POS != "NOUN" or not before:
        return top
    adjective = next((p for p in _parses(lang, before)[:1] if p.tag.POS in ("ADJF", "PRTF")), None)
    if adjective is None:
        return top
    for p in parses:
        if p.tag.POS == "NOUN" and p.tag.case == adjective.tag.case and (
                adjective.tag.number == "plur" or p.tag.gender == adjective.tag.gender):
            return p
    return top
