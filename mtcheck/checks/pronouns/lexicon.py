"""Word lists the pronoun resolver reads, compiled once per run.

The lists are data (``mtcheck/data/pronouns/en.yaml``, the first-name lexicon, the
style guide); this module only validates them and derives inflections (plurals of
head nouns, verb forms), so a lookup at check time is one set or dict probe.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from mtcheck.datafiles import data_path, load_yaml_file, load_yaml_resource
from mtcheck.errors import PackError

MALE = "male"
FEMALE = "female"

# Closed-class English words: grammar, not lexicon data, so they live in code.
DETERMINERS = frozenset(
    "the a an this that these those its their our your my his her some any each every no "
    "another both all either neither such".split()
)
INDEFINITE = frozenset("a an every each any no another".split())
PREPOSITIONS = frozenset(
    """of in on at by for from to with without into onto over under near about against
    between among through during before after since until towards toward across along
    around behind beyond despite inside outside via per within upon than like amid amidst
    following including regarding concerning""".split()
)
SUBORDINATORS = frozenset(
    """that which who whom whose while when whenever because although though since if
    as once unless whereas where after before until""".split()
)
CLAUSE_JOINERS = frozenset("and but or nor so yet then".split())
PRONOUNS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs himself herself itself themselves ourselves myself yourself yourselves
    there here this what everything something nothing anything""".split()
)
GENDERED = frozenset("he him his hers himself herself she her".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
ADVERBS = frozenset(
    """also not never already still just only even again later then now earlier recently
    previously officially publicly today yesterday tomorrow first last further however
    too very more most less least well soon once ever thus therefore meanwhile ago""".split()
)
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Dates are never what a pronoun stands for ("until August", "in June").
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A capitalised modal or auxiliary opening a question is no name ("Can I ...").
MODALS = frozenset("can could will would shall should may might must do does did is are was were "
                   "has have had".split())
# Sentence-initial words that open a question or a clause, never a name ("How can I ...").
OPENERS = frozenset("how what why when where who whom whose which whether while once "
                    "although though because since unless until after before".split())
POSSESSIVE_DETS = frozenset("my your his her its our their".split())
# Words allowed inside a capitalised name ("Institute for the Study of War").
NAME_LINKS = frozenset("of for the and de del da di von van al el bin ibn".split())
GENDERED_SOURCE_LANGUAGES = frozenset(
    "ar ru uk be fr es it pt de he pl cs sk sl hr sr bg ro lt lv ca".split()
)


# "commander-in-chief", "editor-at-large", "mother-in-law": the head comes first.
_HEAD_FIRST_LINKS = ("-in-", "-of-", "-at-", "-to-")


def hyphen_head(low: str) -> str:
    """The head of a hyphenated compound: its last part ("ex-minister", "horse-pony"),
    or its first before a linking preposition ("commander-in-chief")."""
    for link in _HEAD_FIRST_LINKS:
        if link in low:
            return low.partition(link)[0]
    return low.rstrip("-").rpartition("-")[2]


@dataclass(frozen=True)
class Noun:
    kind: str  # institution | thing | animal | person
    gender: str | None = None
    plural: bool = False
    lemma: str = ""


@dataclass(frozen=True)
class Lexicon:
    nouns: dict[str, Noun]
    names: frozenset[str]  # proper names of institutions and places, lower case
    titles: dict[str, str | None]  # title -> gender (None: neutral)
    generic_words: frozenset[str]
    generic_heads: frozenset[str]
    organisation_words: frozenset[str]  # words that make a capitalised name an organisation
    she_allowed: frozenset[str]
    reporting: frozenset[str]  # every inflected form, lower case
    reporting_base: frozenset[str]  # base forms: a subject only after an auxiliary
    verbs: frozenset[str]
    first_names: dict[str, str] = field(default_factory=dict)
    signature: dict[str, str] = field(default_factory=dict)

    def noun(self, *words: str) -> Noun | None:
        """The noun for the last one or two words (compounds first: 'washing machine')."""
        if not words:
            return None
        last = words[-1].lower().replace("’", "'")
        if len(words) >= 2:
            hit = self.nouns.get(words[-2].lower().replace("’", "'") + " " + last)
            if hit is not None:
                return hit
        hit = self.nouns.get(last)
        if hit is None and "-" in last.strip("-"):
            hit = self.nouns.get(hyphen_head(last))
        return hit

    def noun_low(self, low: str, prev: str | None = None) -> Noun | None:
        """``noun(prev, low)`` for words already in lower case: the chunker's hot path."""
        if "’" in low:
            low = low.replace("’", "'")
        if prev is not None:
            hit = self.nouns.get(prev.replace("’", "'") + " " + low)
            if hit is not None:
                return hit
        return self.nouns.get(low)

    def is_verb(self, word: str) -> bool:
        low = word.lower()
        return low in self.verbs or low in self.reporting


def _plural(word: str) -> str:
    if word.endswith("man") and not word.endswith(("human", "german")):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh", "z")):
        return word + "es"
    if word == "child":
        return "children"
    if word == "person":
        return "people"
    return word + "s"


def _verb_forms(base: str) -> set[str]:
    head, _, particle = base.partition(" ")
    if head.endswith("e"):
        forms = {head, head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith("y") and head[-2:-1] not in tuple("aeiou"):
        forms = {head, head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms = {head, head + "es", head + "ed", head + "ing"}
    else:
        forms = {head, head + "s", head + "ed", head + "ing"}
    return forms | _IRREGULAR.get(head, set())


_IRREGULAR: dict[str, set[str]] = {
    "say": {"said"}, "tell": {"told"}, "write": {"wrote", "written"},
    "speak": {"spoke", "spoken"}, "issue": {"issued"}, "release": {"released"},
    "publish": {"published"}, "call": {"called"}, "hold": {"held"},
}


def _strings(data: dict[str, Any], key: str, path: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"'{key}' must be a list of strings", path)
    return value


def _merge(data: dict[str, Any], extra: dict[str, Any], path: str) -> None:
    """Append the broad lists of ``en_nouns.yaml`` to en.yaml's lists of the same keys."""
    for key, value in extra.items():
        if isinstance(value, dict):
            target = data.setdefault(key, {})
            if not isinstance(target, dict):
                raise PackError(f"'{key}' must be a mapping", path)
            _merge(target, value, path)
        elif isinstance(value, list):
            target_list = data.setdefault(key, [])
            if not isinstance(target_list, list):
                raise PackError(f"'{key}' must be a list", path)
            target_list.extend(v for v in value if isinstance(v, str))


def load_lexicon() -> Lexicon:
    path, data = load_yaml_resource("pronouns/en.yaml")
    extra_path, extra = load_yaml_resource("pronouns/en_nouns.yaml")
    _merge(data, extra, extra_path)
    nouns: dict[str, Noun] = {}

    def add(words: list[str], kind: str, gender: str | None = None) -> None:
        for word in words:
            low = word.lower()
            nouns.setdefault(low, Noun(kind, gender, False, low))
            nouns.setdefault(_plural(low), Noun(kind, gender, True, low))

    persons = data.get("person", {})
    if not isinstance(persons, dict):
        raise PackError("'person' must map male/female/neutral to lists", path)
    # People first: a word in two lists ("general", "head") is read as a person,
    # which can only make the checker quieter.
    add(_strings(persons, MALE, path), "person", MALE)
    add(_strings(persons, FEMALE, path), "person", FEMALE)
    add(_strings(persons, "neutral", path), "person")
    add(_strings(data, "animal", path), "animal")
    add(_strings(data, "institution", path), "institution")
    add(_strings(data, "thing", path), "thing")
    for word in _strings(data, "non_referents", path):
        nouns[word.lower()] = Noun("none", None, False, word.lower())
        nouns[_plural(word.lower())] = Noun("none", None, True, word.lower())
    # Plurals that English treats as singular collectives stay institutions.
    nouns["police"] = Noun("institution", None, False, "police")
    nouns["headquarters"] = Noun("institution", None, False, "headquarters")

    titles_raw = data.get("titles", {})
    if not isinstance(titles_raw, dict):
        raise PackError("'titles' must map male/female/neutral to lists", path)
    titles: dict[str, str | None] = {}
    for key, gender in ((MALE, MALE), (FEMALE, FEMALE), ("neutral", None)):
        for title in _strings(titles_raw, key, path):
            titles.setdefault(title.rstrip(".").lower(), gender)

    reporting: set[str] = set()
    reporting_base: set[str] = set()
    for verb in _strings(data, "reporting_verbs", path):
        forms = _verb_forms(verb.lower())
        head = verb.lower().split()[0]
        if " " in verb:  # "point out": the bare "point(s)" is mostly a noun
            forms -= {head, head + "s"}
        reporting |= forms
        reporting_base.add(head)
    verbs: set[str] = set(w.lower() for w in _strings(data, "irregular_verb_forms", path))
    for verb in _strings(data, "verbs", path):
        verbs |= _verb_forms(verb.lower())

    lexicon = Lexicon(
        nouns=nouns,
        names=frozenset(n.lower() for n in _strings(data, "institution_names", path)),
        titles=titles,
        generic_words=frozenset(w.lower() for w in _strings(data, "generic_person", path)),
        generic_heads=frozenset(w.lower() for w in _strings(data, "generic_heads", path)),
        organisation_words=frozenset(w.lower() for w in _strings(data, "organisation_words", path)),
        she_allowed=frozenset(w.lower() for w in _strings(data, "she_allowed", path)),
        reporting=frozenset(reporting),
        reporting_base=frozenset(reporting_base),
        verbs=frozenset(verbs),
        first_names=load_first_names(),
    )
    # Common first names that the shared list trimmed as unisex in some language but
    # that English news uses for one gender only ("Claire", "Olivier").
    extra = data.get("first_names", {})
    if not isinstance(extra, dict):
        raise PackError("'first_names' must map male/female to lists", path)
    for gender in (MALE, FEMALE):
        for name in _strings(extra, gender, path):
            lexicon.first_names.setdefault(name.lower(), gender)
    return lexicon


def load_first_names() -> dict[str, str]:
    """``data/lexicons/first_names.yaml`` (male/female lists); a name on both lists
    tells nothing and is dropped. Missing file: no first-name evidence."""
    path = data_path("lexicons/first_names.yaml")
    if not path.is_file():
        return {}
    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise PackError("expected a mapping with 'male' and 'female' lists", str(path))
    genders: dict[str, str] = {}
    ambiguous: set[str] = set()
    for gender in (MALE, FEMALE):
        names = data.get(gender, [])
        if not isinstance(names, list):
            raise PackError(f"'{gender}' must be a list of names", str(path))
        for name in names:
            if not isinstance(name, str):
                continue
            low = name.lower()
            if genders.get(low, gender) != gender:
                ambiguous.add(low)
            genders[low] = gender
    for name in ambiguous:
        del genders[name]
    # "Martín" and "Martin" are one name: texts drop or add accents freely.
    for name, gender in list(genders.items()):
        genders.setdefault(fold_accents(name), gender)
    return genders


def fold_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
