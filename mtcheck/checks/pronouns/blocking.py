"""Who else could be meant: the checks that keep a pronoun silent or hand it an
earlier decision, apart from the ranking itself (:mod:`mtcheck.checks.pronouns.resolver`).

* ``speaker``: "X said (that) he ..." -- the reporting subject is the referent;
* ``chain``: a pronoun continuing a same-gender pronoun already flagged inherits it;
* ``outranked_object``: an unmarked role noun in object position does not block a
  feminine subject pronoun when an institution or thing subjects that clause;
* ``earlier_person``: a person of the pronoun's gender earlier in the text.
"""

from __future__ import annotations

from typing import Callable

from mtcheck.checks.pronouns.decision import Candidate, PronounDecision
from mtcheck.checks.pronouns.phrase_types import Mention

# Roles that make a mention a likely antecedent of the next clause's pronoun.
CORE_ROLES = ("report", "subject", "sub_subject", "object", "pobject")


def chain(p: Mention, g: str, cands: list[Candidate], compat: list[Candidate],
          fired_at: dict[int, PronounDecision]) -> tuple[Candidate, PronounDecision] | None:
    """A pronoun that continues a same-gender pronoun already flagged in this or the
    previous sentence ("The agency said it ... He added that his ...") takes that
    decision, unless a person whose gender matches is at least as salient."""
    top = cands[0]
    for c in cands:
        if c.distance > 1 or c.evidence[:1] != ("pronoun",) or c.start >= p.start:
            continue
        fired = fired_at.get(c.start)
        if fired is None or fired.in_quote != (p.quote >= 0):
            return None
        if c.salience < top.salience - 0.1:
            return None
        # A person who may be meant and subjects a clause of this sentence before
        # the pronoun ("The chief executive, X, said that she") takes over.
        if any(o.evidence[:1] != ("pronoun",) and (
                o.salience >= c.salience or (o.type == "person" and o.gender == g)
                or (o.distance == 0 and o.start < p.start
                    and o.role in ("subject", "report", "sub_subject"))) for o in compat):
            return None
        return c, fired
    return None


def outranked_object(p: Mention, c: Candidate, g: str, cands: list[Candidate]) -> bool:
    """A role noun of unmarked gender in object position ("detained an agent") does
    not keep a feminine subject or source pronoun silent when an institution or a
    thing is the subject of that clause: the subject continues ("According to her"),
    and English readers would have been told if the agent were a woman."""
    if (g != "female" or c.type not in ("person", "unknown", "name") or c.gender is not None
            or c.role not in ("object", "pobject", "oblique") or c.distance == 0
            or p.role not in ("report", "source")):
        return False
    return any(o.sentence == c.sentence and o.type in ("institution", "thing")
               and o.role in ("subject", "report") and o.start < c.start for o in cands)


def earlier_person(p: Mention, gender: str, mentions: Callable[[int], list[Mention]]) -> bool:
    """A person of the pronoun's gender (or a name, or a pronoun of that gender)
    in the eight sentences before: the pronoun may well be about them."""
    for s in range(max(p.sentence - 8, 0), p.sentence + 1):
        for m in mentions(s):
            if m.start >= p.start:
                break
            if (m.type == "name" and m.role in CORE_ROLES) or (
                    m.type == "person" and m.gender in (None, gender)):
                return True
    return False


def speaker(p: Mention, cands: list[Candidate], text: str, reporting: frozenset[str]) -> Candidate | None:
    """The reporting subject of the same sentence when the pronoun subjects its
    complement clause: "X said (on Monday) (that) he ..."."""
    for c in cands:
        if c.distance != 0 or c.role != "report" or c.end > p.start:
            continue
        between = text[c.end:p.start].lower().split()
        if 0 < len(between) <= 6 and any(w in reporting for w in between) and (
                between[-1] == "that" or between[-1] in reporting):
            return c
    return None
