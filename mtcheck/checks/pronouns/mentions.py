"""Mentions: the noun phrases a pronoun may stand for, typed and given a role.

A light chunker (no tagger): a noun phrase is an optional determiner, modifiers and a
head; the head is the last noun of a compound ("the army chief" -> chief), the
possessed noun of a possessive chain ("the Prosecutor General's Office" -> Office),
the noun before "of" in an institution name ("Ministry of Defence"), or a name after
a title ("President Volodymyr Zelensky"). Types come from head-noun lexicons, the
style guide's gazetteer, titles and first names (:mod:`mtcheck.checks.pronouns.phrase_types`). Roles
come from the words around the phrase: subject of a reporting verb, clause subject,
object, oblique, embedded (:mod:`mtcheck.checks.pronouns.roles`).
"""

from __future__ import annotations

from typing import Sequence

from mtcheck.document import Document, Span
from mtcheck.checks.pronouns.lexicon import (
    ADVERBS, CLAUSE_JOINERS, DAYS, DETERMINERS, GENDERED, MODALS, MONTHS, NAME_LINKS, OPENERS,
    PREPOSITIONS, PRONOUNS, SUBORDINATORS, Lexicon, Noun,
)
from mtcheck.checks.pronouns.names import MAY_BE_PERSON, link_appositions
from mtcheck.checks.pronouns.nountype import is_rare_word
from mtcheck.checks.pronouns.quotes import QuoteIndex, quote_spans
from mtcheck.checks.pronouns.roles import ROLE_WEIGHT
from mtcheck.checks.pronouns.tokens import Tok, sentence_tokens
from mtcheck.checks.pronouns.phrase_types import (
    NATIONALITY_ENDINGS, UNLISTED_THING, Mention, PackEntity, Typer, pack_entities,
)

__all__ = ["MAY_BE_PERSON", "ROLE_WEIGHT", "UNLISTED_THING", "Chunker", "Mention", "PackEntity",
           "QuoteIndex", "pack_entities", "quote_spans"]

_FUNCTION = DETERMINERS | PREPOSITIONS | SUBORDINATORS | CLAUSE_JOINERS | PRONOUNS | ADVERBS

_OBJECT_STARTS = (DETERMINERS | frozenset(
    "him her it them himself herself itself themselves us me".split())) - frozenset(["that"])
_NOUN_FOLLOWERS = PREPOSITIONS | frozenset("that which who whose".split())
_NAME_NOUN = Noun("institution", None, False, "")
_APOSTROPHES = ("'", "’")


def _pronoun_contraction(low: str) -> bool:
    """"I'm", "you've", "let's": a pronoun with its verb, never a name (capitalised at a
    sentence start, such a token read as one)."""
    for apostrophe in _APOSTROPHES:
        head, sep, tail = low.partition(apostrophe)
        if sep:
            return head in PRONOUNS or (head == "let" and tail == "s")
    return False




class Chunker(Typer):
    """Finds the noun phrases of a sentence; :class:`Typer` types them."""

    def __init__(self, doc: Document, lex: Lexicon, quotes: QuoteIndex,
                 pack: Sequence[PackEntity]) -> None:
        super().__init__(doc, lex, quotes, pack)
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
            if (low in PRONOUNS and low not in DETERMINERS) or _pronoun_contraction(low):
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
        if nxt is None or nxt.text == "I":
            return False
        if nxt.cap or self.lex.is_verb(nxt.low):
            return True
        # "Lisakovich scored twice": a rare word before a past verb the verb list lacks
        # is a name; a common one ("Everything changed") is not.
        return nxt.low.endswith("ed") and len(nxt.low) > 4 and is_rare_word(low)

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
                or toks[k].lbare.endswith(NATIONALITY_ENDINGS)
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
            if not t.cap or low in lex.titles or low in lex.names or (
                    lex.noun_low(low) is not None and low not in lex.organisation_words):
                break  # "Technologies" stays in the name: "the company Shavit Technologies"
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
