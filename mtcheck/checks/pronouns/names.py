"""Names the lexicons cannot type on their own: organisations by their cue words,
a woman's first name by its ending, and one person named twice in apposition.

These run on the chunker's output, so they see typed mentions, never raw words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from mtcheck.checks.pronouns.lexicon import FEMALE, NAME_LINKS, Lexicon

if TYPE_CHECKING:
    from mtcheck.checks.pronouns.mentions import Mention

# First names in -a that are men's or either sex's (Slavic, Italian, Arabic, Biblical):
# the -a rule below must not read them as women's.
_MALE_IN_A = frozenset("""nikita ilya ilia luca andrea sasha misha kosta mustafa musa isa
yahya joshua jonah noa akira dana kuzma foma savva danila gavrila mykola mykyta
zakaria zakariya hamza osama usama taha ata oba""".split())


_CHAIN = frozenset("of in at from for to of the".split()) | {"of the", "in the", "at the", "to the"}
# Evidence of a role noun typed by its shape ("the restorer"): it may be a person.
MAY_BE_PERSON = "shaped like a person noun"


def organisation_cue(words: Sequence[str], lex: Lexicon) -> str | None:
    """The cue word when a capitalised multiword name is an organisation's:
    "Meridian Holdings", "Banco Andino", "Helios Energy"."""
    content = [w for w in words if w.lower() not in NAME_LINKS]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return None
    for w in (content[-1], content[0]):
        if w.lower() in lex.organisation_words:
            return w
    return None


def first_name_by_ending(words: Sequence[str], lex: Lexicon) -> str | None:
    """A first name outside the packaged list, read by its ending, for a mention that
    is already known to be a person (a title or role precedes it): in most European
    languages a first name in -a is a woman's ("Katharina Berger", "Liliana Restrepo").
    Returns the name; the surname (the last word) is never read."""
    names = [w for w in words if w[:1].isupper()]
    for w in names[:-1]:
        low = w.lower()
        if (len(low) >= 4 and low.isalpha() and low.endswith("a") and low not in _MALE_IN_A
                and low not in lex.titles and lex.noun(low) is None and low not in lex.names):
            return w
    return None


def link_appositions(mentions: list[Mention], text: str, reporting: frozenset[str]) -> None:
    """One person named twice, side by side between commas: "The Minister of Health,
    Carmen Ortega, said" / "Olena Marchenko, a volunteer from Dnipro, has". The role
    noun takes the name's gender (and the name the role's), both share one entity, and
    the second keeps the first's grammatical role: it is the same subject; a reporting
    verb after the closing comma makes both its speaker ("..., Dmitry Peskov, stressed")."""
    for i, (first, second) in enumerate(zip(mentions, mentions[1:])):
        if first.pronoun or second.pronoun or first.sentence != second.sentence:
            continue
        if text[first.end:second.start].strip() not in (",", ".,"):
            continue  # ".,": a name ending in an initial, "Yelena K., an accountant"
        if i > 0 and text[mentions[i - 1].end:first.start].strip() == ",":
            continue  # an item of a list: "Kyiv, Kharkiv, Odesa"
        if text[second.end:second.end + 5].lstrip().lower().startswith(("and ", "or ")):
            continue  # "the minister, Ortega and Serrano"
        if first.type != "person" and second.type == "person":
            # "The head of a laboratory of the institute, Dr Elena Sokolova": the name
            # stands beside the person the whole "of" chain belongs to.
            k = i
            while k > 0 and text[mentions[k - 1].end:mentions[k].start].strip().lower() in _CHAIN \
                    and mentions[k - 1].sentence == first.sentence:
                k -= 1
            if k < i and mentions[k].type == "person" and not mentions[k].pronoun:
                first = mentions[k]
        # "the actor X, the great star of ...": a role noun typed by shape is that person
        kinds = {"person" if m.type == "unknown" and MAY_BE_PERSON in m.evidence else m.type
                 for m in (first, second)}
        if not kinds <= {"person", "name"} or "person" not in kinds:
            continue
        genders = {m.gender for m in (first, second)} - {None}
        if len(genders) != 1:
            continue  # no gender to share, or two people: "Mr Ivanov, Mrs Petrova"
        gender = genders.pop()
        for m, other in ((first, second), (second, first)):
            if m.gender is None:
                m.type, m.gender = "person", gender
                m.evidence.append(f"'{other.text}' in apposition ({gender})")
        after = text[second.end:second.end + 40].split(maxsplit=2)
        if len(after) >= 2 and after[0] == "," and after[1].lower() in reporting:
            first.role = "report"
        second.role = first.role
        second.entity = first.entity


def female_by_ending(words: Sequence[str], lex: Lexicon) -> tuple[str | None, str]:
    name = first_name_by_ending(words, lex)
    if name is None:
        return None, ""
    return FEMALE, f"first name '{name}' ends in -a (female)"
