"""``pronoun.agreement``: a target pronoun whose gender is not its antecedent noun's.

The mirror of the English check: English "it" for an army, a law or a company is er,
sie or es in German, il or elle in French, он, она or оно in Russian, by the
grammatical gender of the target noun ("Die Armee ... Sie erklärte"); machine
translation often picks another. For each pronoun of the pack's paradigm
(``pronouns.yaml``) in a gendered target:

1. impersonal and expletive uses (es gibt, il faut, hieß es), the polite "Sie" and a
   plural "sie" (a plural verb) are skipped;
2. with an English source, the English pronoun behind it (by order in the line) must
   be "it"/"its" and not an expletive "it": a person's "he"/"she" keeps it silent; the
   English antecedent of that "it" (the English family's chunker) finds the target
   noun the pack says translates it ("army" -> Armee);
3. otherwise the antecedent is the most salient noun before it (subject of its
   clause or of the previous sentence first), as the target-side candidates say
   (:mod:`target_nouns`); without a source only an institution noun as subject, with
   no noun of the pronoun's gender and no person in reach, may be one;
4. it fires when that noun's gender is not one the pronoun can have, and no noun of
   the pronoun's gender is nearly as salient.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mtcheck.checks.base import Hit
from mtcheck.checks.pronouns.agreement_pack import AgreementData, AgreementLang, Slot, load_agreement
from mtcheck.checks.pronouns.agreement_source import IT_FORMS, PLURAL, EnglishPronoun, english_pronoun
from mtcheck.checks.pronouns.forms import match_case
from mtcheck.checks.pronouns.target_nouns import (
    JOINERS, TargetNoun, Tok, clause_of, sentence_nouns, tokens,
)
from mtcheck.document import Document

__all__ = ["AGREEMENT", "AgreementData", "check_agreement", "load_agreement"]

AGREEMENT = "pronoun.agreement"
_GENDER_WORD = {"m": "masculine", "f": "feminine", "n": "neuter"}
_MARGIN = 0.3  # how far the antecedent must lead a noun of the pronoun's gender
_LINKED_MARGIN = 0.0  # ... when the English antecedent names it
STRICT = True
_CORE = frozenset({"subject", "object"})
# ru, uk: a possessive for the clause's own subject is свой/свій, so его/її never mean it
_REFLEXIVE_POSSESSIVE = frozenset({"ru", "uk"})
_BOUND_USES = frozenset({"object", "dative", "clitic"})
_VERB_END = ("er", "ir", "re")  # French infinitives after a clitic


@dataclass
class _Pronoun:
    start: int
    end: int
    text: str
    slot: Slot
    genders: frozenset[str]
    sentence: int
    index: int  # among the third-person pronouns of its line
    count: int


def check_agreement(doc: Document, data: AgreementData | None) -> Iterator[Hit]:
    if data is None:
        return
    lang = data.languages.get(doc.target_language)
    if lang is None:
        return  # English and every target without pronouns.yaml: one dictionary probe
    pattern = data.pattern(lang)
    if pattern.search(doc.text) is None:
        return
    yield from _Agreement(doc, data, lang).run()


class _Agreement:
    def __init__(self, doc: Document, data: AgreementData, lang: AgreementLang) -> None:
        self.doc, self.data, self.lang = doc, data, lang
        self._toks: dict[int, list[Tok]] = {}
        self._nouns: dict[int, list[TargetNoun]] = {}
        self._chain: list[TargetNoun] = []  # earlier pronouns, standing for their antecedents

    def toks(self, s: int) -> list[Tok]:
        if s not in self._toks:
            span = self.doc.sentences[s]
            self._toks[s] = tokens(self.doc.text, span.start, span.end)
        return self._toks[s]

    def nouns(self, s: int) -> list[TargetNoun]:
        if s not in self._nouns:
            self._nouns[s] = sentence_nouns(self.toks(s), s, self.lang, self.data.gender_of)
        return self._nouns[s]

    def run(self) -> Iterator[Hit]:
        for p in self._pronouns():
            hit = self._decide(p)
            if hit is not None:
                yield hit

    # -- pronouns ----------------------------------------------------------------

    def _pronouns(self) -> list[_Pronoun]:
        doc, lang = self.doc, self.lang
        found: list[tuple[int, int, str, Slot]] = []
        for m in self.data.pattern(lang).finditer(doc.text):
            slot = self._slot(m.start(), m.end(), m.group())
            if slot is not None:
                found.append((m.start(), m.end(), m.group(), slot))
        found += self._enclitics()
        found.sort()
        out = []
        for start, end, text, slot in found:
            line = doc.position(start)[0]
            same = [f for f in found if doc.position(f[0])[0] == line]
            out.append(_Pronoun(start, end, text, slot, slot.genders_of(text.lower()),
                                doc.sentence_index(start), same.index((start, end, text, slot)), len(same)))
        return out

    def _around(self, start: int) -> tuple[list[Tok], int]:
        s = self.doc.sentence_index(start)
        toks = self.toks(s)
        i = next((k for k, t in enumerate(toks) if t.start <= start < t.end), -1)
        return toks, i

    def _slot(self, start: int, end: int, text: str) -> Slot | None:
        """The paradigm row a pronoun is in here, None when it is no pronoun here."""
        lang, low = self.lang, text.lower()
        toks, i = self._around(start)
        if i < 0:
            return None
        prev = toks[i - 1].low if i > 0 else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        slots = lang.slots_of(low)
        if low in lang.clitics and not self._clitic(toks, i):
            return None
        if self._impersonal(toks, i) or self._polite(text, toks, i):
            return None
        uses = {s.use: s for s in slots}
        if "stressed" in uses:
            return uses["stressed"] if prev.rstrip("'") in lang.prepositions else uses.get("subject")
        if lang.code == "de" and set(uses) == {"possessive"} and (nxt is None or not _noun_follows(toks, i)):
            return None  # "sein würde", "ihre" alone: the verb sein, or no noun to own
        if "possessive" in uses and "dative" in uses:
            return uses["possessive"] if nxt is not None and nxt.text[:1].isupper() else uses["dative"]
        if "subject" in uses and "object" in uses:
            first = i == 0 or toks[i - 1].text in ",;:–—\"„“”«»" or prev in ("dass", "und", "aber", "weil",
                                                                           "wenn", "ob", "als") \
                or (i > 1 and prev in lang.relative and toks[i - 2].text == ",")
            return uses["subject"] if first or prev in lang.reporting or prev in lang.singular_verbs \
                or prev in lang.plural_verbs else uses["object"]
        if low in lang.clitics:
            return uses.get("clitic")
        return slots[0] if slots else None

    def _clitic(self, toks: list[Tok], i: int) -> bool:
        """fr/es le, la, lo as an object pronoun: after a subject pronoun or a negation
        and before a verb ("elle la présente", "no la aprobó"), or before an infinitive."""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not nxt.text[:1].isalpha() or not nxt.text.islower():
            return False
        if nxt.low in self.lang.clitic_before:
            return True  # "lo ha autorizado": no article stands before an auxiliary
        if self.data.gender_of(self.lang.code, nxt.text) is not None or self.data.is_noun(self.lang.code, nxt.text):
            return False  # an article before a noun (or an adjective the table lists)
        prev = toks[i - 1].low if i > 0 else ""
        if prev in self.lang.clitic_after:
            return True
        # fr "doit la valider", "pour le soutenir": before an infinitive that is no noun
        return self.lang.code == "fr" and nxt.low.endswith(_VERB_END)

    def _enclitics(self) -> list[tuple[int, int, str, Slot]]:
        """es "aprobarla", "publicándolo": the clitic at the end of an infinitive or gerund."""
        lang = self.lang
        if not lang.enclitic_endings:
            return []
        slot = next((s for s in lang.slots if s.use == "clitic"), None)
        if slot is None:
            return []
        out = []
        forms = sorted(slot.forms.values(), key=len, reverse=True)
        ends = tuple(lang.enclitic_endings)
        for m in re.finditer(r"\b[^\W\d_]{4,}\b", self.doc.text):
            word = m.group()
            if not word.islower():
                continue
            for form in forms:
                stem = word[:-len(form)]
                if word.endswith(form) and len(stem) >= 4 and stem.endswith(ends):
                    out.append((m.end() - len(form), m.end(), word[-len(form):], slot))
                    break
        return out

    def _impersonal(self, toks: list[Tok], i: int) -> bool:
        words = [t.low for t in toks]
        low = words[i]
        for pattern in self.lang.impersonal:
            for j, w in enumerate(pattern):
                if w != low:
                    continue
                a = i - j
                if a >= 0 and words[a:a + len(pattern)] == list(pattern):
                    return True
        return False

    def _polite(self, text: str, toks: list[Tok], i: int) -> bool:
        """de "Sie" inside a sentence is the polite 'you'."""
        return self.lang.code == "de" and text == "Sie" and i > 0 and toks[i - 1].text not in "„“\"«»‚(–—:"

    # -- decision ----------------------------------------------------------------

    def _decide(self, p: _Pronoun) -> Hit | None:
        lang = self.lang
        english = english_pronoun(self.doc, p.start, p.index, p.count, self.data.lexicon)
        if english is not None and (english.word not in IT_FORMS or english.expletive):
            if english.word in PLURAL or not english.word:
                return None
            return None  # a person's he/she, or no source pronoun: nothing to agree with
        low = p.text.lower()
        if low in lang.expletive and (english is None or p.slot.use != "subject" or self._expletive_clause(p)):
            return None  # "es", "il", "оно" may stand for nothing: "es ist", "il faut", "es gibt"
        if low in lang.plural_too and self._plural(p):
            return None
        cands = self._candidates(p, english)
        if not cands:
            return None
        top, linked = self._antecedent(cands, english)
        if top is None:
            return None
        noun, distance = top
        self._chain.append(TargetNoun(p.start, p.end, self._phrase(noun), noun.gender, noun.plural, False,
                                      "subject" if p.slot.use == "subject" else "object", p.sentence,
                                      noun.institution, noun.english, True, noun.entity,
                                      clause_of(self.toks(p.sentence), p.start)))
        if noun.gender is None or noun.plural or noun.person or noun.gender in p.genders:
            return None
        if english is not None and not linked and _proper(english):
            return None  # a name ("Liverpool") the target gives no noun for: its gender is unknown
        if low in lang.expletive and not linked:
            return None  # "es", "il", "оно" for a situation or a clause: only a named antecedent
        salience = noun.salience(distance)
        margin = _LINKED_MARGIN if linked else _MARGIN
        for c, d in cands:
            if c is noun:
                continue
            if c.person and english is None and c.salience(d) >= salience - _MARGIN:
                return None  # a person who could be meant
            if c.gender in p.genders and not c.plural and c.entity != noun.entity and (
                    c.salience(d) >= salience - margin or (not linked and d <= 1 and c.role in _CORE)):
                return None  # a noun of the pronoun's gender is nearly as salient, or in a core role
            if low in lang.plural_too and c.plural and (c.salience(d) >= salience - _MARGIN
                                                         or (d <= 1 and c.role in _CORE)):
                return None  # a plural noun "sie" may stand for
            if STRICT and not linked and c.gender in p.genders and not c.plural and not c.person \
                    and c.entity != noun.entity:
                return None  # unnamed antecedent: any noun of the pronoun's gender in reach may be it
        if english is None and not (noun.institution and noun.role == "subject" and not any(
                (c.gender in p.genders and not c.plural or c.person) and c.role in _CORE for c, _ in cands)):
            return None  # no source: only a clear institution subject, nothing else in reach
        suggestion = match_case(p.text, p.slot.forms[noun.gender])
        return Hit(AGREEMENT, p.start, p.end, self._message(p, noun, suggestion, english, linked),
                   suggestion, self._confidence(english, linked, noun, distance))

    def _expletive_clause(self, p: _Pronoun) -> bool:
        toks, i = self._around(p.start)
        a = i
        while a > 0 and toks[a - 1].text not in ",;:–—\"„“”«»" and toks[a - 1].low not in ("dass", "que"):
            a -= 1
        b = i + 1
        while b < len(toks) and toks[b].text not in ",;:.–—\"„“”«»" and toks[b].low not in JOINERS:
            b += 1
        return any(t.low in self.lang.expletive_verbs for t in toks[a:b])

    def _plural(self, p: _Pronoun) -> bool:
        """de "sie" with a plural verb after it ("sie sagten", "dass sie ... haben")."""
        toks, i = self._around(p.start)
        for t in toks[i + 1:i + 12]:
            if t.text in ",;:." or t.low in ("und", "aber", "oder"):
                break
            if t.low in self.lang.plural_verbs:
                return True
            if t.low in self.lang.singular_verbs:
                return False
        return False

    def _candidates(self, p: _Pronoun, english: EnglishPronoun | None) -> list[tuple[TargetNoun, int]]:
        out = []
        for s in range(p.sentence, max(p.sentence - 3, -1), -1):
            for n in self.nouns(s):
                if n.start < p.start:
                    out.append((n, p.sentence - s))
        for n in self._chain:
            if n.start < p.start and p.sentence - n.sentence <= 2:
                out.append((n, p.sentence - n.sentence))
        if p.slot.use in _BOUND_USES or (self.lang.code in _REFLEXIVE_POSSESSIVE and p.slot.use == "genitive"):
            # An object pronoun is not its own clause's subject ("Sie werde ihn ...").
            clause = clause_of(self.toks(p.sentence), p.start)
            subjects = [c for c, d in out if d == 0 and c.role == "subject" and c.clause == clause]
            if subjects:
                bound = max(subjects, key=lambda c: c.start).entity
                out = [(c, d) for c, d in out if c.entity != bound]
        if english is not None:
            out = [(c, d) for c, d in out if not c.person]  # "it" is no person's pronoun
        return out

    def _antecedent(self, cands: list[tuple[TargetNoun, int]], english: EnglishPronoun | None
                    ) -> tuple[tuple[TargetNoun, int] | None, bool]:
        # ties: the nearer sentence, then the earlier mention (a clause's first noun)
        ranked = sorted(cands, key=lambda c: (-c[0].salience(c[1]), c[1], c[0].start))
        if english is not None and english.antecedent:
            linked = [c for c in ranked if english.antecedent in c[0].english or self._names(c[0], english)]
            if linked:
                return linked[0], True
        return (ranked[0] if ranked else None), False

    def _names(self, noun: TargetNoun, english: EnglishPronoun) -> bool:
        """The target noun heads the name the English antecedent has ("le constructeur
        Valmont" for "the carmaker Valmont"): the name follows it in the target."""
        names = [w for w in re.findall(r"\b[A-Z][\w-]+", english.antecedent_text or "")[1:]
                 if w.lower() != english.antecedent] if english.antecedent_type != "name" else \
            re.findall(r"\b[A-Z][\w-]+", (english.antecedent_text or "").removeprefix("The "))
        if not names or noun.pronoun or noun.gender is None or noun.person or noun.role == "oblique":
            return False
        after = self.doc.text[noun.end:noun.end + 40]
        # the name right after its noun, or after one more word: "le constructeur automobile Valmont"
        return any(re.match(r"[ \t]+(?:[^\W\d_]+[ \t]+)?[«„“\"]?" + re.escape(n) + r"\b", after) for n in names)

    def _message(self, p: _Pronoun, noun: TargetNoun, suggestion: str, english: EnglishPronoun | None,
                 linked: bool) -> str:
        phrase = self._phrase(noun)
        head = (f"'{p.text}' refers to '{phrase}' ({_GENDER_WORD[noun.gender or 'n']}): "
                f"use '{suggestion}'.")
        if english is None:
            return head + " The antecedent is an institution, the subject before it."
        src = f"The source has '{english.word}'"
        if linked and english.antecedent_text:
            src += f" for '{english.antecedent_text}'"
        return f"{head} {src}, a thing or an institution, not a person."

    def _phrase(self, noun: TargetNoun) -> str:
        if noun.pronoun:
            return noun.text
        toks = self.toks(noun.sentence)
        i = next((k for k, t in enumerate(toks) if t.start == noun.start), -1)
        if i > 0 and (toks[i - 1].low in self.lang.determiners or toks[i - 1].low in ("die", "das", "der",
                                                                                       "l'", "les")):
            start = toks[i - 1].start
            return self.doc.text[start:noun.end]
        return noun.text

    @staticmethod
    def _confidence(english: EnglishPronoun | None, linked: bool, noun: TargetNoun, distance: int) -> float:
        value = 0.55
        if english is not None:
            value += 0.2
        if linked:
            value += 0.1
        if noun.role == "subject":
            value += 0.05
        if distance >= 2:
            value -= 0.1
        return round(min(value, 0.95), 3)


def _proper(english: EnglishPronoun) -> bool:
    words = (english.antecedent_text or "").split()
    return english.antecedent_type == "name" or any(
        w[:1].isupper() for w in words if w.lower() not in ("the", "a", "an"))


def _noun_follows(toks: list[Tok], i: int) -> bool:
    """A capitalised noun after a German possessive, right after it or after an adjective."""
    for t in toks[i + 1:i + 4]:
        if t.text[:1].isupper():
            return True
        if not t.text[:1].isalpha():
            return t.text.isdigit()
    return False
