"""Antecedent resolution for gendered pronouns, and the decision each one gets.

Salience follows the usual centering intuition: the subject of a reporting clause and
the subject of the previous sentence come first, then other mentions of the previous
sentence, then mentions two sentences back. Quoted speech is resolved apart from the
narrative: a pronoun inside a quotation looks only at what the quotation said before
it; a narrative pronoun skips quoted material.

``resolve_pronouns`` is the model hook: it returns every pronoun with its candidates,
their salience and evidence, the chosen antecedent, the rule it would fire and a
confidence, so a language-model re-scorer can weigh in without re-parsing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from mtcheck.document import Document
from mtcheck.checks.pronouns import forms
from mtcheck.checks.pronouns.blocking import CORE_ROLES, chain, earlier_person, outranked_object
from mtcheck.checks.pronouns.blocking import speaker as find_speaker
from mtcheck.checks.pronouns.clauses import clause_subject, stance_bound
from mtcheck.checks.pronouns.decision import Candidate as Candidate
from mtcheck.checks.pronouns.decision import PronounData as PronounData
from mtcheck.checks.pronouns.decision import PronounDecision as PronounDecision
from mtcheck.checks.pronouns.messages import INANIMATE as INANIMATE
from mtcheck.checks.pronouns.messages import INSTITUTION as INSTITUTION
from mtcheck.checks.pronouns.messages import MISMATCH as MISMATCH
from mtcheck.checks.pronouns.messages import message as _message
from mtcheck.checks.pronouns.lexicon import GENDERED_SOURCE_LANGUAGES, PREPOSITIONS
from mtcheck.checks.pronouns.tokens import following_token
from mtcheck.checks.pronouns.mentions import (
    MAY_BE_PERSON, ROLE_WEIGHT, UNLISTED_THING, Chunker, Mention, QuoteIndex, pack_entities,
    quote_spans,
)


# The fast path: a document without any of these costs one regex scan. The pattern
# opens with a character class, not \b, so the engine jumps from one h/s to the next
# instead of trying every position; the look-behinds keep the \b at the start and the
# case rules of \b(?:[Hh]e|[Ss]he|...|HE|SHE|...)\b (4x faster on WMT22 output).
PRONOUN_RE = re.compile(r"[HhSs](?<!\w[HhSs])(?:(?<=[Hh])(?:e|im|er|is|ers|imself|erself)|(?<=[Ss])he"
                        r"|(?<=H)(?:E|IM|ER|IS|ERS|IMSELF|ERSELF)|(?<=S)HE)\b")

_DISTANCE = (1.0, 0.95, 0.6)
_ALIAS_LOOKBACK = 6000  # characters
_BLOCK = 0.3  # a compatible person this salient keeps the pronoun silent
_MARGIN = 0.15  # how far the institution/thing must lead an entity of unknown type
_CLAUSE_FIRST = 1.05  # the subject of the pronoun's own or preceding clause (clauses.py)
_NARRATOR = re.compile(r"\bI\b")
# A subject pronoun between a subject and an object pronoun opens another clause:
# "My son was taken, and since then I have not heard from him".
_OTHER_SUBJECT = re.compile(r"\b(?:I|we|you|they|We|You|They)\b")


_QUOTED_SPEAKER = re.compile(r"\s+as\s+(?:saying|telling|stating|writing|adding|noting)\b", re.IGNORECASE)

def resolve_pronouns(doc: Document, data: PronounData) -> list[PronounDecision]:
    """Every gendered pronoun of an English document with its resolution.

    Other target languages give nothing: a language pack for another target would
    provide its own lexicon and pronoun forms (the extension point is this function's
    ``doc.target_language`` test and ``data/pronouns/<lang>.yaml``).
    """
    if doc.target_language != "en" or PRONOUN_RE.search(doc.text) is None:
        return []
    return _Resolver(doc, data).run()


class _Resolver:
    def __init__(self, doc: Document, data: PronounData) -> None:
        self.doc = doc
        self.lex = data.lexicon
        quotes = QuoteIndex(quote_spans(doc))
        self.quotes = quotes
        self.chunker = Chunker(doc, data.lexicon, quotes, pack_entities(data.pack, doc.text))
        self.sentences = doc.sentences
        self._mentions: dict[int, list[Mention]] = {}
        self._narrative: dict[int, bool] = {}
        self._bound: set[int] = set()  # pronouns whose clause syntax names the referent
        self._fired: dict[int, PronounDecision] = {}  # by pronoun start: chains inherit

    def mentions(self, s: int) -> list[Mention]:
        if s not in self._mentions:
            found = self.chunker.sentence(s, self.sentences[s])
            self._mentions[s] = found
            for m in found:
                if m.type == "name" and not m.pronoun:
                    self._link_alias(m)
                elif m.type == "person" and m.gender is None and m.text.lower().startswith("the "):
                    self._link_role(m)
        return self._mentions[s]

    def _link_alias(self, m: Mention) -> None:
        """A bare surname ("Marchand") takes the type and gender of the earlier full
        mention it shortens ("the tennis player Léa Marchand"): the same entity."""
        word = m.text.split()[-1]
        if len(word) < 3 or not word[:1].isupper():
            return
        pattern = re.compile(r"\b" + re.escape(word) + r"\b")
        # A bounded look-back keeps the document linear: the full mention a surname
        # shortens is in the last few thousand characters, or the reader has lost it too.
        for hit in pattern.finditer(self.doc.text, max(0, m.start - _ALIAS_LOOKBACK), m.start):
            s = self.doc.sentence_index(hit.start())
            if s >= m.sentence:
                break
            for full in self.mentions(s):
                if (full.start <= hit.start() and hit.end() <= full.end and full.end - full.start > len(word)
                        and full.type in ("person", "institution") and full.text.endswith(word)):
                    m.type, m.gender, m.entity = full.type, full.gender, full.entity
                    m.evidence.append(f"'{full.text}' (sentence {full.sentence + 1})"
                                      + (f", {full.gender}" if full.gender else ""))
                    return

    def _link_role(self, m: Mention) -> None:
        """"The minister" repeats the last person with that role noun in the four
        sentences before ("The Minister of Agriculture, Paul Girard"): same gender."""
        for s in range(m.sentence - 1, max(m.sentence - 5, -1), -1):
            for full in reversed(self.mentions(s)):
                if full.type == "person" and full.head == m.head and full.gender is not None \
                        and not full.pronoun:
                    m.gender, m.entity = full.gender, full.entity
                    m.evidence.append(f"'{full.text}' (sentence {full.sentence + 1}), {full.gender}")
                    return

    def has_narrative(self, s: int) -> bool:
        if s not in self._narrative:
            toks = self.chunker.tokens(s, self.sentences[s])
            self._narrative[s] = any(t.word and self.quotes.at(t.start) == -1 for t in toks)
        return self._narrative[s]

    def run(self) -> list[PronounDecision]:
        decisions: list[PronounDecision] = []
        wanted = sorted({self.doc.sentence_index(m.start()) for m in PRONOUN_RE.finditer(self.doc.text)})
        for s in wanted:
            for m in self.mentions(s):
                if m.pronoun:
                    decision = self.decide(m)
                    if decision.rule is not None:
                        self._fired[decision.start] = decision
                    decisions.append(decision)
        return decisions

    # -- candidates --------------------------------------------------------------

    def candidates(self, p: Mention) -> list[Candidate]:
        out: list[Candidate] = []
        p_gender = forms.gender_of(p.text)
        if p.quote >= 0:
            windows = [(s, p.sentence - s) for s in range(p.sentence, max(p.sentence - 3, -1), -1)]
        else:
            windows, s, d = [], p.sentence, 0
            while s >= 0 and d <= 2:
                if s == p.sentence or self.has_narrative(s):
                    windows.append((s, d))
                    d += 1
                s -= 1
        for s, d in windows:
            for m in self.mentions(s):
                if m.quote != p.quote or m is p or m.type in ("plural", "none"):
                    continue
                role = "oblique" if m.role == "pobject" and m.type == "institution" else m.role
                weight = ROLE_WEIGHT[role] * _DISTANCE[d]  # "waited at the port": a place
                if m.start >= p.end:
                    # Cataphora only for people: "In his speech, the president said".
                    if (s != p.sentence or m.type not in ("person", "generic", "name")
                            or p.role in ("subject", "report") or m.role not in ("subject", "report")):
                        continue
                    weight *= 0.8
                if m.pronoun and (m.type == "pronoun" or forms.gender_of(m.text) != p_gender):
                    continue  # a pronoun of the other gender names someone else

                out.append(Candidate(m.start, m.end, m.text, m.type, m.gender, m.sentence, d,
                                     m.role, round(weight, 3), tuple(m.evidence), m.entity))
        out = [c for c in out if not self._complement_of(c, p)]
        if p.text.lower() == "him" or (p.text.lower() == "her" and not forms.is_possessive(p.text, self._following(p.end))):
            # An object pronoun is not its own clause's subject ("She sentenced him").
            subjects = [m for m in self.mentions(p.sentence) if m.end <= p.start and m.quote == p.quote
                        and m.role in ("subject", "report", "sub_subject")]
            if subjects and not _OTHER_SUBJECT.search(self.doc.text, subjects[-1].end, p.start):
                banned = subjects[-1].entity
                out = [c for c in out if c.entity != banned]
        following = self._following(p.end)
        determiner = forms.is_possessive(p.text, following) and p.text.lower() != "hers" and not (
            p.text.lower() == "his" and forms.his_is_independent(following))
        first = clause_subject(p, self.mentions(p.sentence), self.doc.text, determiner)
        if first is not None and stance_bound(p, first, self.doc.text):
            self._bound.add(p.start)
        if first is not None and UNLISTED_THING not in first.evidence:
            out = [replace(c, salience=_CLAUSE_FIRST) if c.start == first.start and c.end == first.end
                   else c for c in out]
        # Ties go to the earlier mention: first mention is the more prominent one.
        out.sort(key=lambda c: (-c.salience, c.distance, c.start))
        return out

    def _complement_of(self, c: Candidate, p: Mention) -> bool:
        """The pronoun is the complement of a preposition right after the candidate, so
        not the candidate itself: "the team of her predecessor", "a message from him".
        Only "of" always hangs on the noun; another preposition may hang on the verb
        ("bought a phone for my mother for her birthday"), so there only a thing or an
        institution is ruled out."""
        between = self.doc.text[c.end:p.start].strip().lower()
        if between == "of":
            return True
        return between in PREPOSITIONS and c.type in ("thing", "institution")

    # -- decision ----------------------------------------------------------------

    def decide(self, p: Mention) -> PronounDecision:
        g = forms.gender_of(p.text)
        cands = self.candidates(p)
        nxt = self._following(p.end)

        def compatible(c: Candidate) -> bool:
            if c.type == "animal":
                # An animal may be he or she, but it does not report ("He announced").
                return p.role != "report" and not (top.salience >= _CLAUSE_FIRST and top.role == "report")
            if c.type == "generic":
                # Generic "he" is old usage; a generic "she" two sentences back ("Hello
                # everyone. ...") is no referent.
                return g == "male" or c.distance <= 1
            if c.type == "name":  # a name of unknown type may be a person's
                return c.role in ("report", "subject", "sub_subject", "object")
            if c.type == "unknown" and MAY_BE_PERSON in c.evidence:
                return c.role in CORE_ROLES  # "the restorer", "the plumber"
            if c.type == "person":
                return c.gender in (None, g)
            return c.type == "thing" and g == "female" and "she-allowed" in c.evidence

        def silent(reason: str, chosen: Candidate | None, ptype: str, gender: str | None) -> PronounDecision:
            if ptype in ("person", "name"):
                ptype, gender = "person", gender or g  # the pronoun itself tells the gender
            p.type, p.gender = ptype, gender
            if chosen is not None and ptype != "unknown":
                p.entity = chosen.entity
            return PronounDecision(p.start, p.end, p.text, p.sentence, p.quote >= 0, tuple(cands),
                                   chosen, None, None, 0.0, None, reason)

        if not cands:
            return silent("no antecedent in reach", None, "person", g)
        if _QUOTED_SPEAKER.match(self.doc.text, p.end) and p.text.lower() in ("him", "her"):
            # "RIA Novosti quoted him as saying": the one quoted is a speaker, a person
            # named or implied before, whatever organisation is nearer.
            return silent("a quoted speaker", None, "person", g)
        top = cands[0]
        compat = [c for c in cands if compatible(c)]
        if p.start in self._bound:
            compat = [c for c in compat if c.distance == 0]
        speaker = find_speaker(p, cands, self.doc.text, self.lex.reporting)
        if speaker is not None:
            # "The shelter said that he would ...": the matrix speaker is the referent
            # unless a person in this very sentence could be meant.
            compat = [c for c in compat if c.distance == 0 and c.salience >= speaker.salience - 0.3]
            cands = [speaker] + [c for c in cands if c is not speaker]
            top = speaker
        else:
            chained = chain(p, g, cands, compat, self._fired)
            if chained is not None:
                link, fired = chained
                fix = forms.swapped(p.text, nxt) if fired.rule == MISMATCH else forms.neuter(p.text, nxt)
                assert fired.rule is not None
                return self._fire(p, cands, link, fired.rule, fix, link.salience - top.salience + 0.3)
        for c in compat:
            if outranked_object(p, c, g, cands):
                continue
            # Any person who could be meant and is salient keeps the pronoun silent:
            # a subject or object of this or the previous sentence, or anyone nearly
            # as salient as the best candidate.
            if c.salience >= max(_BLOCK, top.salience - 0.3) or (
                    c.distance <= 1 and c.role in CORE_ROLES):
                return silent("a compatible person is salient", c,
                              "person" if c.type == "thing" else c.type, c.gender or g)
        # Entities of unknown type compete unless they sit in a prepositional phrase
        # ("in Irpin", "the end of October"): there they are rarely what a pronoun means.
        unknown = max((c.salience for c in cands if c.type in ("unknown", "name")
                       and c.role not in ("oblique", "embedded")), default=0.0)
        if top.type in ("unknown", "name") or top.salience - unknown < _MARGIN:
            return silent("the most salient antecedent is of unknown type", top, "unknown", None)
        if top.type == "institution":
            if top.role in ("oblique", "pobject") and top.evidence[:1] != ("pronoun",) \
                    and (p.sentence > top.sentence or p.role in ("subject", "sub_subject", "report")):
                # "returned to the capital. Since 2014, he ...", "Since there was no sign
                # of an intrusion into the church, he ...": a place in a prepositional
                # phrase is where things happen, not who acts next; an organisation
                # the sentence is about may be ("Shares of the company rose on the
                # exchange after she reported").
                actor = next((c for c in cands[1:] if c.type == "institution" and c.distance <= 1
                              and c.role not in ("oblique", "pobject", "source")), None)
                if actor is None:
                    return silent("the institution is only a prepositional object", top, "unknown", None)
                top = actor
            if top.role == "source" and p.sentence == top.sentence:
                # "According to the police, he was going downhill": the institution
                # tells what happened to someone else.
                return silent("the institution is only the source of the report", top, "unknown", None)
            return self._fire(p, cands, top, INSTITUTION, forms.neuter(p.text, nxt),
                              top.salience - max(unknown, compat[0].salience if compat else 0.0))
        if top.type == "thing":
            if UNLISTED_THING in top.evidence:
                # Typed by shape only: enough to stop it hiding a listed antecedent,
                # not enough to call the pronoun wrong (a 'slave', a 'soul' ...).
                return silent("the most salient antecedent is a noun outside the lexicon", top,
                              "unknown", None)
            if compat:
                return silent("a person of matching gender is in the last two sentences", top, "unknown", None)
            if top.role not in CORE_ROLES or p.sentence - top.sentence > 1:
                return silent("the thing is not a salient antecedent", top, "unknown", None)
            if p.role == "report":
                return silent("a thing does not speak: the speaker is out of reach", top, "person", g)
            return self._fire(p, cands, top, INANIMATE, forms.neuter(p.text, nxt),
                              top.salience - unknown)
        if top.type == "person" and top.gender is not None and top.gender != g:
            # A name in a side phrase ("a teacher from Tver") is rarely the one meant.
            names = [c for c in cands if c.type == "name" and c.salience >= _BLOCK
                     and c.role not in ("oblique", "embedded")]
            if compat or names or top.role not in ("report", "subject", "sub_subject"):
                return silent("another person may be meant", top, "person", g)
            if not forms.is_possessive(p.text, nxt) and p.text.lower() in ("him", "her") and any(
                    c.type == "thing" and c.distance == 0 and c.start < p.start for c in cands):
                # "Visitors who bought a ticket can exchange him": an object pronoun
                # after a thing in its own sentence may be a gendered thing, not a person.
                return silent("a thing in the pronoun's sentence may be meant", top, "unknown", None)
            if _NARRATOR.search(self.doc.text, top.end, p.start):
                # "Your father said ..., but I ... she was baptised": a dropped "I"
                return silent("a first-person narrator intervenes", top, "person", g)
            if earlier_person(p, g, self.mentions):
                return silent("a person of this gender appears earlier in the text", top, "person", g)
            return self._fire(p, cands, top, MISMATCH, forms.swapped(p.text, nxt), top.salience)
        return silent("no rule applies", top, "unknown", None)

    def _fire(self, p: Mention, cands: list[Candidate], top: Candidate, rule: str,
              suggestion: str, margin: float) -> PronounDecision:
        src = self.doc.src_lang
        confidence = 0.5 + 0.4 * min(1.0, max(margin, 0.0) / 0.5)
        if p.sentence - top.sentence >= 2:
            confidence -= 0.1
        if src in GENDERED_SOURCE_LANGUAGES:
            confidence += 0.1
        confidence = round(min(max(confidence, 0.0), 1.0), 3)
        if rule == MISMATCH:
            p.type, p.gender = "person", top.gender
        else:
            p.type, p.gender = top.type, None
        p.entity = top.entity
        root = self._root(top)
        p.root = root
        message = _message(p, top, rule, suggestion, src, root)
        return PronounDecision(p.start, p.end, p.text, p.sentence, p.quote >= 0, tuple(cands), top,
                               rule, suggestion, confidence, message, "fired")

    def _root(self, c: Candidate) -> tuple[str, int]:
        for s in (c.sentence,):
            for m in self.mentions(s):
                if m.start == c.start and m.root is not None:
                    return m.root
        return c.text, c.sentence

    def _following(self, end: int) -> str | None:
        return following_token(self.doc, end)


def decisions_for(doc: Document, data: PronounData) -> Sequence[PronounDecision]:
    return [d for d in resolve_pronouns(doc, data) if d.rule is not None]
