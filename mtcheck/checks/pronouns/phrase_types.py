"""Typing a noun phrase: person, institution, thing, name ..., with its gender and
the evidence for both; and the mention records the chunker builds.

The chunker (:mod:`mtcheck.checks.pronouns.mentions`) finds the phrases; this module decides
what each one is, from the style guide's gazetteer, organisation cue words, titles,
role nouns, head-noun lexicons, first names and, for nouns no list has, word shape.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from mtcheck.document import Document
from mtcheck.checks.pronouns.lexicon import (
    FEMALE, INDEFINITE, MALE, NAME_LINKS, PREPOSITIONS, Lexicon, fold_accents,
)
from mtcheck.checks.pronouns.names import MAY_BE_PERSON, female_by_ending, organisation_cue
from mtcheck.checks.pronouns.nountype import common_noun_is_thing, compound_institution, initial_plural
from mtcheck.checks.pronouns.quotes import QuoteIndex
from mtcheck.checks.pronouns.roles import mention_role
from mtcheck.checks.pronouns.tokens import Tok

UNLISTED_THING = "not in the lexicon"
NATIONALITY_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")
_NOT_MAN = ("human", "german", "oman", "roman", "shaman")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    head: str
    type: str  # person institution thing animal generic plural name unknown
    gender: str | None
    role: str
    sentence: int
    quote: int  # -1: narrative; else the index of the enclosing quotation
    evidence: list[str] = field(default_factory=list)
    pronoun: bool = False
    entity: int = 0  # coreference chain: a pronoun takes its antecedent's entity
    root: tuple[str, int] | None = None  # a pronoun's first full antecedent: (text, sentence)


@dataclass(frozen=True)
class PackEntity:
    start: int
    end: int
    type: str
    gender: str | None
    canonical: str


class Typer:
    """Types phrases of one document; the chunker builds on it."""

    def __init__(self, doc: Document, lex: Lexicon, quotes: QuoteIndex,
                 pack: Sequence[PackEntity]) -> None:
        self.doc = doc
        self.lex = lex
        self.quotes = quotes
        self.pack = sorted(pack, key=lambda e: e.start)
        self._pack_starts = [e.start for e in self.pack]
        self._next_entity = 0

    def _type(self, toks: Sequence[Tok], a: int, b: int, content_idx: list[int], det: str | None,
              sent: int, person_hint: bool = False, title_words: list[str] | None = None) -> Mention:
        lex = self.lex
        content = [toks[k].bare for k in content_idx if toks[k].low != det] or \
            [toks[k].bare for k in content_idx]
        # In a capitalised name, "of"/"for" ends the head part: "Ministry of Defence".
        head_words = content
        for idx, w in enumerate(content):
            if idx > 0 and w.lower() in ("of", "for") and (
                    _cap_word(content[0]) or lex.noun(content[idx - 1]) is not None):
                head_words = content[:idx]
                break
        head = head_words[-1]
        low = head.lower()
        evidence: list[str] = []
        mtype, gender = "unknown", None
        # "the head of Naftogaz": the gazetteer name after "of" is not the head.
        entity = None if len(head_words) < len(content) and not _cap_word(content[0]) else \
            self._pack_at(toks[content_idx[0]].start, toks[content_idx[-1]].end)
        noun = lex.noun(*head_words)
        nxt = toks[b].text if b < len(toks) else ""
        # "The General Secretary of the Centre Party", "the Commander-in-Chief of the
        # Armed Forces": a person heads the phrase, whatever organisation closes it.
        person_head = len(head_words) < len(content) and (
            (noun is not None and noun.kind == "person" and not noun.plural) or low in lex.titles)
        after_title = self._after_title(toks, a, head)
        if person_head:
            gender, why = self._person_gender(head_words, [])
            mtype = "person"
            evidence.append(why or f"'{low}' heads the phrase (a person)")
        elif entity is not None:
            mtype = "person" if entity.type == "person" else "institution"
            gender = entity.gender if entity.gender in (MALE, FEMALE) else None
            evidence.append(f"style guide: {entity.type} '{entity.canonical}'"
                            + (f" ({gender})" if gender else ""))
        elif organisation_cue(content, lex) is not None:
            mtype = "institution"
            evidence.append(f"'{' '.join(content)}' names an organisation "
                            f"('{organisation_cue(content, lex)}')")
        elif person_hint or title_words or after_title:
            mtype = "person"
            titles = title_words or ([toks[a - 2].lbare] if after_title else [])
            gender, why = self._person_gender(content, titles)
            evidence.append(why or "a name after a title or role")
        elif noun is not None:
            mtype = "plural" if noun.plural else noun.kind
            gender = noun.gender
            evidence.append(f"head noun '{low}' ({'plural' if noun.plural else noun.kind})")
        elif low in lex.names:
            mtype = "institution"
            evidence.append(f"'{head}' is a known institution or place")
        elif low in lex.titles:
            mtype, gender = "person", lex.titles[low]
            evidence.append(f"title '{head}'")
        elif not _cap_word(head) and low.endswith(("woman", "man")) and not low.endswith(_NOT_MAN):
            mtype, gender = "person", FEMALE if low.endswith("woman") else MALE
            evidence.append(f"'{low}' ({'female' if gender == FEMALE else 'male'})")
        elif _cap_word(head) and len(content) == 1 and a == 0 and det is None \
                and initial_plural(low, self.lex.first_names):
            mtype = "plural"  # "Critics argue that ..."
        elif _cap_word(head):
            g, why = self._person_gender(content, [])
            if g is not None:
                mtype, gender = "person", g
                evidence.append(why)
            elif head.isupper() and len(head) > 1 and len(content) == 1:
                mtype = "institution"
                evidence.append(f"'{head}' is an acronym")
            elif len(content) == 1 and low.endswith(NATIONALITY_ENDINGS) and nxt[:1].islower():
                mtype = "none"  # an adjective: "Ukrainian shelling"
            elif det == "the" and low.endswith("s") and not low.endswith(("ss", "us", "is")):
                mtype = "plural"
            elif det == "the" and all(_cap_word(w) or w.lower() in NAME_LINKS for w in content):
                mtype = "institution"  # people take no article: "the Verkhovna Rada"
                evidence.append(f"'{' '.join(content)}' is a name with 'the'")
            elif len(content) == 1 and _brand_shaped(head):
                mtype = "thing"  # "NanoSound", "PlayStation": a product or company, no person
                evidence.append(f"'{head}' is shaped like a brand name (a capital inside the word)")
            else:
                mtype = "name"
                evidence.append(f"'{head}' is a name of unknown type")
        elif low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
            mtype = "plural"
        elif common_noun_is_thing(low):
            mtype = "thing"
            evidence += [f"common noun '{low}' (not a person noun)", UNLISTED_THING]
        elif not _cap_word(head) and low.isalpha() and len(low) >= 3:
            evidence.append(MAY_BE_PERSON)
        if (mtype in ("person", "generic") and low in lex.generic_heads and len(content) == 1
                and (det is None or det in INDEFINITE)):
            mtype, gender = "generic", None
            evidence.append(f"'{(det + ' ') if det else ''}{head}' is generic")
        if mtype in ("thing", "person", "institution") and det is None and len(content) == 1 \
                and not _cap_word(head) and (mtype == "thing" or (a > 0 and toks[a - 1].low in PREPOSITIONS)):
            # a bare singular noun is a mass, verb or manner use: "works fine", "by courier",
            # "heads of state", "learning at school"
            mtype = "none"
        if low[:1].isdigit():
            mtype = "none"  # "from 18:00 to 22:00": numbers are not referents
        if a == 0 and b < len(toks) and toks[b].text == ":" and len(content) == 1:
            mtype = "none"  # a speaker label ("Customer: ..."): the voice, not a referent
        if mtype == "name" and len(content) == 1 and compound_institution(low, lex):
            mtype = "institution"  # "Bundesbank", "Sberbank": a name ending in an institution noun
            evidence.append(f"'{head}' ends in an institution noun")
        if mtype == "thing" and low in lex.she_allowed:
            evidence.append("she-allowed")
        return self._make(toks, a, b, sent, low, mtype, gender, evidence)

    def _after_title(self, toks: Sequence[Tok], a: int, head: str) -> bool:
        """"Mr. Market": a capitalised word after a title and its full stop is a surname,
        whatever noun it also is."""
        return a >= 2 and _cap_word(head) and toks[a - 1].text == "." and toks[a - 2].lbare in self.lex.titles

    def _person_gender(self, words: list[str], titles: list[str]) -> tuple[str | None, str]:
        for w in titles + [x.lower() for x in words]:
            w = w.rstrip(".")
            if self.lex.titles.get(w):
                return self.lex.titles[w], f"title '{w}'"
            noun = self.lex.noun(w)
            if noun is not None and noun.kind == "person" and noun.gender:
                return noun.gender, f"'{w}' ({noun.gender})"
        for w in words:
            g = self.lex.first_names.get(w.lower()) or self.lex.first_names.get(fold_accents(w.lower()))
            if g is not None:
                return g, f"first name '{w}' ({g})"
        if titles:  # known to be a person: a first name may still tell the gender
            return female_by_ending(words, self.lex)
        return None, ""

    def _pack_at(self, start: int, end: int) -> PackEntity | None:
        i = bisect.bisect_right(self._pack_starts, end) - 1
        while i >= 0 and self.pack[i].end > start:
            e = self.pack[i]
            if e.end == end or (e.start >= start and e.end <= end and e.end >= end - 2):
                return e
            i -= 1
        return None

    def _make(self, toks: Sequence[Tok], a: int, b: int, sent: int, head: str, mtype: str,
              gender: str | None, evidence: list[str]) -> Mention:
        start, end = toks[a].start, toks[b - 1].end
        if toks[b - 1].poss:
            end -= 2
        self._next_entity += 1
        return Mention(start, end, self.doc.text[start:end], head, mtype, gender,
                       mention_role(toks, a, b, self.lex), sent, self.quotes.at(start), evidence,
                       entity=self._next_entity)



def _cap_word(word: str) -> bool:
    return bool(word) and word[0].isupper()


_BRAND_SHAPE = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]")


def _brand_shaped(word: str) -> bool:
    """A capital after three or more lower-case letters inside one word ("NanoSound",
    "WhatsApp", "LinkedIn"). Surnames put their inner capital after a short particle
    (McCarthy, MacArthur, DeSantis, DiCaprio, LeBron), so they do not match; FitzGerald
    is the one long particle."""
    return _BRAND_SHAPE.match(word) is not None and not word.startswith("Fitz")



def pack_entities(pack: Any, text: str) -> list[PackEntity]:
    """The style guide's persons, organisations and places found in ``text``."""
    if pack is None or not hasattr(pack, "mentions"):
        return []
    out = []
    for m in pack.mentions(text):
        entity = getattr(m, "entity", None)
        etype = getattr(entity, "type", None)
        if etype not in ("person", "organisation", "organization", "place"):
            continue
        preferred = getattr(entity, "preferred", None)
        canonical = preferred("en") if callable(preferred) else m.surface
        out.append(PackEntity(m.start, m.end, str(etype), getattr(entity, "gender", None),
                              str(canonical)))
    return out
