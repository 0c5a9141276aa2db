"""Mentions: the noun phrases a pronoun may stand for, typed and given a role.

A light chunker (no tagger): a noun phrase is an optional determiner, modifiers and a
head; the head is the last noun of a compound ("the army chief" -> chief), the
possessed noun of a possessive chain ("the Prosecutor General's Office" -> Office),
the noun before "of" in an institution name ("Ministry of Defence"), or a name after
a title ("President Volodymyr Zelensky"). Types come from head-noun lexicons, the
style pack's gazetteer, titles and first names. Roles come from the words around the
phrase: subject of a reporting verb, clause subject, object, oblique, embedded.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from typing import Sequence

from mtcheck.document import Document, Span
from mtcheck.pronouns.lexicon import (
    OPENERS,
    ADVERBS, CLAUSE_JOINERS, DAYS, DETERMINERS, FEMALE, GENDERED, INDEFINITE, MALE, MODALS,
    MONTHS, NAME_LINKS, PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Noun, fold_accents,
)
from mtcheck.pronouns.names import MAY_BE_PERSON, female_by_ending, link_appositions, organisation_cue
from mtcheck.pronouns.nountype import common_noun_is_thing, compound_institution, initial_plural
from mtcheck.pronouns.quotes import QuoteIndex, quote_spans
from mtcheck.pronouns.roles import ROLE_WEIGHT, mention_role
from mtcheck.pronouns.tokens import Tok, sentence_tokens

__all__ = ["MAY_BE_PERSON", "ROLE_WEIGHT", "UNLISTED_THING", "Chunker", "Mention", "PackEntity", "QuoteIndex", "quote_spans"]

_FUNCTION = DETERMINERS | PREPOSITIONS | SUBORDINATORS | CLAUSE_JOINERS | PRONOUNS | ADVERBS

UNLISTED_THING = "not in the lexicon"
_OBJECT_STARTS = (DETERMINERS | frozenset(
    "him her it them himself herself itself themselves us me".split())) - frozenset(["that"])
_NOUN_FOLLOWERS = PREPOSITIONS | frozenset("that which who whose".split())
_NAME_NOUN = Noun("institution", None, False, "")
_NATIONALITY_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")
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


class Chunker:
    def __init__(self, doc: Document, lex: Lexicon, quotes: QuoteIndex,
                 pack: Sequence[PackEntity]) -> None:
        self.doc = doc
        self.lex = lex
        self.quotes = quotes
        self.pack = sorted(pack, key=lambda e: e.start)
        self._pack_starts = [e.start for e in self.pack]
        self._next_entity = 0
        self._tokens: dict[int, list[Tok]] = {}

    def tokens(self, index: int, span: Span) -> list[Tok]:
        """Sentence ``index``'s tokens, tokenised once and only when read."""
        toks = self._tokens.get(index)
        if toks is None:
            toks = self._tokens[index] = sentence_tokens(self.doc, span)
        return toks

    # -- per sentence ----------------------------------------------------------

    def sentence(self, index: int, span: Span) -> list[Mention]:
        toks = self.tokens(index, span)
        out: list[Mention] = []
        i, n = 0, len(toks)
        noun_low = self.lex.noun_low
        while i < n:
            t = toks[i]
            low = t.low
            if not t.word:
                i += 1
                continue
            if low in GENDERED:
                out.append(self._make(toks, i, i + 1, index, low, "pronoun", None, ["pronoun"]))
                out[-1].pronoun = True
                i += 1
                continue
            if low in self.lex.generic_words or (low == "no" and i + 1 < n and toks[i + 1].low == "one"):
                end = i + 2 if low == "no" else i + 1
                out.append(self._make(toks, i, end, index, low, "generic", None,
                                      [f"'{low}' is a generic person"]))
                i = end
                continue
            if low in PRONOUNS and low not in DETERMINERS:
                i += 1
                continue
            j = i + 1 if low in DETERMINERS else i
            if j == i and not t.text[0].isupper() and not low[0].isdigit() \
                    and noun_low(t.lbare) is None:
                i += 1  # what _collect would find: no phrase starts at this word
                continue
            end = self._collect(toks, i, j)
            if end == j:
                i += 1
                continue
            out.extend(self._build(toks, i, j, end, index))
            i = end
        link_appositions(out, self.doc.text, self.lex.reporting)
        return out

    def _collect(self, toks: Sequence[Tok], start: int, j: int) -> int:
        lex = self.lex
        n = len(toks)
        has_det = j > start
        quote = self.quotes.at(toks[start].start)
        have_head = False
        proper_only = True  # every body word so far is capitalised
        k = j
        while k < n and k - j < 10:
            t = toks[k]
            low = t.low
            if not t.word or self.quotes.at(t.start) != quote:
                break
            cap = t.cap
            if low in NAME_LINKS and k > j and low != "and" and (
                    toks[k - 1].cap or toks[k - 1].low in NAME_LINKS
                    or (low == "of" and self._of_head(toks[k - 1]))):
                nxt = toks[k + 1] if k + 1 < n else None
                nxt2 = toks[k + 2] if k + 2 < n else None
                if nxt is not None and (nxt.cap or (nxt.low == "the" and nxt2 is not None and nxt2.cap)):
                    k += 1
                    continue
                break
            if (low in _FUNCTION and not (t.text.isupper() and len(low) > 1)) or low in DAYS \
                    or (cap and low in MONTHS):
                break
            if not cap and low.endswith("ly") and len(low) > 4:
                break
            noun = lex.noun_low(t.lbare, toks[k - 1].low) if k > j else lex.noun_low(t.lbare)
            if noun is None and cap and t.lbare in lex.names:
                noun = _NAME_NOUN
            if lex.is_verb(low) and not cap and (noun is None or have_head):
                break
            if not cap and noun is None and k > j and proper_only and (
                    not has_det or (low.endswith("ed") and len(low) > 4)):
                break  # "China extended", "Ukrainian shelling", "The Bundesbank lowered"
            if (have_head and not cap and low.endswith("s") and k + 1 < n
                    and toks[k + 1].low in _OBJECT_STARTS):
                break  # a verb, not a plural head: "the company presents herself"
            if have_head and noun is None:
                if cap:
                    pass  # an appositive name ("the office Andrei Ermak") or a longer name
                elif k + 1 < n and lex.noun_low(toks[k + 1].low) is not None:
                    pass  # "ministry press service"
                elif (low.endswith("s") and not low.endswith("ss") and k + 1 < n
                      and (toks[k + 1].low in _NOUN_FOLLOWERS or not toks[k + 1].word)):
                    pass  # "the tourist flows that fell": a plural head, not a verb
                else:
                    break
            if k == j and not has_det and noun is None and not cap and not low[0].isdigit():
                break
            if (k == 0 or toks[k - 1].text == ":") and cap and noun is None \
                    and not self._known_proper(toks, k):
                break
            k += 1
            have_head = have_head or noun is not None
            proper_only = proper_only and cap
            if t.poss:
                have_head = False
        while k > j and toks[k - 1].low in NAME_LINKS:
            k -= 1
        return k

    def _person_of(self, toks: Sequence[Tok], part: list[int]) -> bool:
        for x, y in zip(part, part[1:]):
            if toks[y].low == "of":
                noun = self.lex.noun_low(toks[x].low)
                return noun is not None and noun.kind == "person"
        return False

    def _of_head(self, t: Tok) -> bool:
        """A person or institution noun whose 'of' names what it heads ("the city of
        Marseille", "the mayor of Kharkiv"): the name belongs to its phrase."""
        noun = self.lex.noun_low(t.low)
        return noun is not None and not t.poss and noun.kind in ("institution", "person")

    def _known_proper(self, toks: Sequence[Tok], k: int) -> bool:
        """A capitalised sentence-initial word is a name only with evidence for it."""
        low = toks[k].low
        if low in MODALS or low in OPENERS:
            return False  # "Can I ...", "Will it ...", "How can I ..."
        bare = toks[k].lbare
        if bare in self.lex.names or bare in self.lex.titles or bare in self.lex.first_names:
            return True
        if self._pack_at(toks[k].start, toks[k].end) is not None:
            return True
        if len(low) > 5 and low.endswith("ly") and low[-3] not in "aeiouy":
            return False  # an adverb opening the sentence: "Visibly moved, ..."
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return nxt is not None and nxt.text != "I" and (nxt.cap or self.lex.is_verb(nxt.low))

    # -- typing ------------------------------------------------------------------

    def _build(self, toks: Sequence[Tok], start: int, j: int, end: int, sent: int) -> list[Mention]:
        det = toks[start].low if j > start else None
        body = list(range(j, end))
        parts: list[list[int]] = [[]]
        for k in body:
            parts[-1].append(k)
            if toks[k].poss and k != body[-1]:
                parts.append([])
        out: list[Mention] = []
        if len(parts) > 1 and self._person_of(toks, parts[0]):
            # "the head of the Fund's mission": the person before "of" heads it all
            return [self._type(toks, start, end, body, det, sent)]
        main = parts[-1]
        main_is_name = all(toks[k].cap or toks[k].low in NAME_LINKS for k in main)
        for part in parts[:-1]:
            is_title_only = all(
                self.lex.noun_low(toks[k].lbare) is not None or toks[k].lbare in self.lex.titles
                or toks[k].lbare.endswith(_NATIONALITY_ENDINGS)
                for k in part
            )
            if main_is_name and is_title_only and all(toks[k].cap for k in part):
                continue  # "the Prosecutor General's Office": one name
            m = self._type(toks, part[0], part[-1] + 1, part, None, sent)
            m.role = "embedded"
            out.append(m)
        # The main mention spans the whole phrase, possessors included.
        out.extend(self._type_main(toks, start, main, det, sent))
        return out

    def _type_main(self, toks: Sequence[Tok], first: int, main: list[int], det: str | None,
                   sent: int) -> list[Mention]:
        lex = self.lex
        end = main[-1] + 1
        # Trailing capitalised words that are no known noun, title or name: a person's name.
        name_start = len(main)
        while name_start > 0:
            t = toks[main[name_start - 1]]
            low = t.lbare
            if not t.cap or lex.noun_low(low) is not None or low in lex.titles or low in lex.names:
                break
            name_start -= 1
        first_link = next((i for i, k in enumerate(main) if toks[k].low in ("of", "for")), None)
        if first_link:
            before_link = lex.noun(*[toks[k].text for k in main[:first_link]])
            if before_link is not None and before_link.kind == "institution":
                name_start = len(main)  # "the Ministry of Foreign Affairs of Saudi Arabia"
        if 0 < name_start < len(main):
            prefix, name = main[:name_start], main[name_start:]
            last = toks[prefix[-1]]
            if not last.cap and lex.noun_low(last.low) is not None:
                # apposition: "the French start-up Mistrelle", "the tennis player Lea Marchand"
                head_m = self._type(toks, first, prefix[-1] + 1, prefix, det, sent)
                if head_m.type == "person":
                    return [self._type(toks, first, end, main, det, sent, person_hint=True,
                                       title_words=[toks[k].low for k in prefix])]
                name_m = self._type(toks, name[0], end, name, None, sent)
                if head_m.type in ("institution", "thing"):
                    name_m.type = head_m.type
                name_m.role = head_m.role
                return [head_m, name_m]
            titled = [toks[k].text.rstrip(".").lower() for k in prefix]
            if any(w in lex.titles or (lex.noun(w) is not None and lex.noun(w).kind == "person")  # type: ignore[union-attr]
                   for w in titled):
                return [self._type(toks, first, end, main, det, sent, person_hint=True,
                                   title_words=titled)]
        return [self._type(toks, first, end, main, det, sent)]

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
        if entity is not None:
            mtype = "person" if entity.type == "person" else "institution"
            gender = entity.gender if entity.gender in (MALE, FEMALE) else None
            evidence.append(f"style guide: {entity.type} '{entity.canonical}'"
                            + (f" ({gender})" if gender else ""))
        elif organisation_cue(content, lex) is not None:
            mtype = "institution"
            evidence.append(f"'{' '.join(content)}' names an organisation "
                            f"('{organisation_cue(content, lex)}')")
        elif person_hint or title_words:
            mtype = "person"
            gender, why = self._person_gender(content, title_words or [])
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
            elif len(content) == 1 and low.endswith(_NATIONALITY_ENDINGS) and nxt[:1].islower():
                mtype = "none"  # an adjective: "Ukrainian shelling"
            elif det == "the" and low.endswith("s") and not low.endswith(("ss", "us", "is")):
                mtype = "plural"
            elif det == "the" and all(_cap_word(w) or w.lower() in NAME_LINKS for w in content):
                mtype = "institution"  # people take no article: "the Verkhovna Rada"
                evidence.append(f"'{' '.join(content)}' is a name with 'the'")
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
        if mtype in ("thing", "person") and det is None and len(content) == 1 and not _cap_word(head) \
                and (mtype == "thing" or (a > 0 and toks[a - 1].low in PREPOSITIONS)):
            mtype = "none"  # a bare singular noun is a mass, verb or manner use: "works fine", "by courier"
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


