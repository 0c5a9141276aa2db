"""Names: spellings of people, places and organisations against the active style guide.

The style guide is a compiled :class:`~mtcheck.packs.StylePack` (one automaton over
every known form); this family only interprets its mentions: variants, documents that
spell one entity two ways, and unknown names that look like misspelt known ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo
from mtcheck.checks.names_nearmiss import NearMissIndex
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.findings import Category, Severity
from mtcheck.packs import Entity, Mention, StylePack, load_pack

_HOW_TO_EXTEND = """
## Your own style guide
The built-in guide lives in `mtcheck/data/styles/default/` (list it with `mtcheck styles`).
Add or override entries with `--style my-style.yaml` or `styles = ["my-style.yaml"]` in
mtcheck.toml; later files win. An entry with the same `id` updates ours: e.g. to prefer
AP's "Zelenskyy", give `canonical: {en: Volodymyr Zelenskyy}`, `aliases: [Zelenskyy]`,
`allowed: [Zelensky, Volodymyr Zelensky]`. Each entry may carry `specs` (`from` -> `to`)
that run when the guide loads, so a broken entry stops the run instead of misfiring.
"""

VARIANT = RuleInfo(
    id="name.variant",
    category=Category.NAME_VARIANT,
    severity=Severity.ERROR,
    summary="A known non-canonical spelling of a person, place or organisation (Kiev -> Kyiv).",
    explanation="""\
## What it does
Flags spellings the style guide lists as variants of a known entity and suggests the
canonical form for the document's target language: a full name for a full name
("Anthony Blinken" -> "Antony Blinken"), a surname for a surname ("Ermak" -> "Yermak").
Possessives and compounds count ("Kiev's" -> "Kyiv's", "Kiev-based", "pro-Kiev"); an
ALL-CAPS headline form gets an ALL-CAPS fix.

## Why is this bad?
MT systems trained on older or Russian-mediated text transliterate Ukrainian names
through Russian ("Lugansk", "Kharkov"), keep renamed places (Bombay) and garble names.
Editors keep a style guide; a variant in print is a correction waiting to happen.

## How it matches
Case-sensitive, on word boundaries ("Kievan" is not "Kiev"; "kiev" in lower case is not
a name). Phrases the guide lists as exceptions ("chicken Kiev", "Kievan Rus", "Dynamo
Kiev", "Odessa, Texas") are never flagged.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Shelling hit Kiev's outskirts overnight.", True, text="Kiev's", suggestion="Kyiv's"),
        Example("The talks in Kiev ended.", True, text="Kiev", suggestion="Kyiv"),
        Example("Anthony Blinken met his counterpart.", True, text="Anthony Blinken", suggestion="Antony Blinken"),
        Example("The envoy met Ermak on Monday.", True, text="Ermak", suggestion="Yermak"),
        Example("A pro-Kiev rally was held.", True, text="Kiev", suggestion="Kyiv"),
        Example("The menu offered chicken Kiev.", False),
        Example("Historians of Kievan Rus met in Kyiv.", False),
    ),
)

INCONSISTENCY = RuleInfo(
    id="name.inconsistency",
    category=Category.NAME_INCONSISTENCY,
    severity=Severity.WARNING,
    summary="One entity spelled two ways in one document (Kiev ... Kyiv, Zelensky ... Zelenskyy).",
    explanation="""\
## What it does
Groups the mentions of each entity by spelling (for a person the surname, so "Volodymyr
Zelensky" and "Zelensky" agree; for a place or organisation the whole name; an alias
such as an acronym counts as the canonical spelling) and flags every mention whose
spelling differs from the reference one, naming it. Spellings the guide allows
(Zelensky/Zelenskyy, Gaddafi/Kadhafi/Qaddafi) must still be used consistently.

## Which spelling is the reference
The guide's canonical spelling when the document uses it at all; otherwise the most
frequent spelling, and on a tie the one introduced first. So the finding points at the
minority or later spelling. With `--scope feed` the same holds across all documents of
one run, in input order: a document is compared with the feed so far.

A variant that is also inconsistent gets both findings (`name.variant` and
`name.inconsistency` are separate rules, selectable on their own); use
`--ignore name.inconsistency` for one finding per word.

## Why is this bad?
A reader who meets "Kiev" and "Kyiv" in one article wonders whether they are two places;
mixed spellings are a hallmark of machine translation stitched from several sources.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Kyiv said the attack failed. Officials in Kiev disagreed.", True,
                text="Kiev", suggestion="Kyiv"),
        Example("Zelensky spoke first. Later Zelenskyy added details.", True,
                text="Zelenskyy", suggestion="Zelensky"),
        Example("Kyiv said the attack failed. Officials in Kyiv agreed.", False),
        Example("Volodymyr Zelensky spoke. Zelensky added details.", False),
    ),
)

NEAR_MISS = RuleInfo(
    id="name.near-miss",
    category=Category.NAME_VARIANT,
    severity=Severity.WARNING,
    summary="A name not in the style guide that looks like a misspelling of one that is (Kupianks -> Kupiansk).",
    explanation="""\
## What it does
Looks at capitalised words that are not known forms and not part of one. A word that
is one transliteration step, or one or two edits (two only for long words), away from
a known name of the kind its context asks for is flagged with the known name as the
suggestion. With a first name before it the pair is compared with the person's full
name and the fix is the full name ("Sergey Lavrof" -> "Sergei Lavrov"); a garbled first
name before a known surname is found too ("Antoni Blinken" -> "Antony Blinken").

## Why is this bad?
The style guide cannot list every garbled spelling an MT system invents ("Pushlin",
"Zalznychny", "Jermak"); a near miss of a name in the guide is almost always that name.

## How it matches
- **Transliteration**: both words are reduced to a key that merges the spellings of
  one Cyrillic letter across romanisations (kh/h/German ch, g/h, j/y/i, ye/je/e, zh/z,
  ts/tz/c, shch/sch/szcz, tsch/tch/cz, w/v, x/ks, -skyi/-sky/-skiy, double letters,
  apostrophes); equal keys are one step apart, so "Jermak" is Yermak, "Charkiw"
  Kharkiv, "Tschernihiw" and "Chernigiv" Chernihiv. The table is data:
  `mtcheck/data/names/translit.yaml`.
- **Typos**: keys one edit apart (two for nine letters or more, not at the start of a
  sentence; a transposition is one edit), never in the first letter: "Markiv" is not
  Kharkiv.
- **Kind of name**: the words around it decide what it may be
  (`mtcheck/data/names/context.yaml`): a title or role before it ("President",
  "General", "spokesman", "Mr") means a person, "near", "village of", "region" or
  "-based" a place, "in" a place or an organisation, "Group", "Ministry", "Party" an
  organisation; "Street" or "Square" after it a person or a place (streets are named
  after people). No cue: any kind.
- **First names**: a first name before the word (from the first-name lexicon or the
  guide) must be one the known person goes by: "Andrey Gelasimov" is not Valery
  Gerasimov. A rare capitalised word after it makes it a first name itself
  ("Michkel Paisalu" is not Charles Michel).

## What it leaves alone
Ordinary English words and real names frequent enough to be in the `wordfreq` English
list (Zipf 1 or more), words shorter than five letters (six for a typo), ALL-CAPS
acronyms, inflections and derivations of known names ("Kupianskyi", "Khersons"), and
variants the guide lists (those are `name.variant`'s). It can still be wrong about a
real name that happens to be close to a known one: add that name to your style file as
an entry.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Shelling continued near Kupianks on Monday.", True, text="Kupianks", suggestion="Kupiansk"),
        Example("Separatist leader Denis Pushilinn spoke.", True, text="Denis Pushilinn",
                suggestion="Denis Pushilin"),
        Example("Jermak said the talks would go on.", True, text="Jermak", suggestion="Yermak"),
        Example("Sirens sounded in Chernigiv overnight.", True, text="Chernigiv", suggestion="Chernihiv"),
        Example("Sergey Lavrof arrived in Ankara.", True, text="Sergey Lavrof", suggestion="Sergei Lavrov"),
        Example("The President spoke on Monday in Kupiansk.", False),
        Example("Despite the weather, Ukrainian troops advanced.", False),
        Example("Jersey voted on Monday.", False),
        Example("The novelist Andrey Gelasimov won the prize.", False),
    ),
)


RULES = (VARIANT, INCONSISTENCY, NEAR_MISS)


@dataclass(frozen=True)
class NamesData:
    pack: StylePack
    near_miss: NearMissIndex | None
    inconsistency: bool
    signature: dict[str, str] = field(default_factory=dict)


def _enabled(config: RunConfig, rule: RuleInfo) -> bool:
    """The engine filters findings by rule; this only spares work for rules that are off."""
    keys = (rule.id, rule.family, rule.category.value)
    chosen = any(s in keys for s in config.select) if config.select else True
    return chosen and not any(s in keys for s in config.ignore)


def load(config: RunConfig) -> NamesData:
    pack = load_pack(config)
    near = NearMissIndex(pack) if _enabled(config, NEAR_MISS) else None
    return NamesData(pack, near, _enabled(config, INCONSISTENCY), dict(pack.signature))


def check(doc: Document, data: NamesData) -> Iterator[Hit]:
    lang = doc.target_language
    mentions = data.pack.mentions(doc.text, lang)
    pack = data.pack
    for mention in mentions:
        if mention.kind == "variant":
            start, end, fix = pack.fix_span(doc.text, mention, lang)
            yield Hit(VARIANT.id, start, end,
                      f"'{mention.surface}' is a variant spelling; the style guide has "
                      f"'{pack.suggestion(mention, lang)}'.", fix)
    if data.inconsistency and len(mentions) > 1:
        yield from _inconsistent(doc.text, mentions, lang, pack, ConsistencyState())
    if data.near_miss is not None:
        for miss in data.near_miss.find(doc.text, mentions):
            fix = _plain_fix(miss.entity, miss.known, lang)
            yield Hit(NEAR_MISS.id, miss.start, miss.end,
                      f"'{doc.text[miss.start:miss.end]}' is not in the style guide but looks like "
                      f"a misspelling of '{fix}' ({miss.entity.type}).", fix)


def _plain_fix(entity: Entity, known: str, lang: str) -> str:
    if entity.type == "person" and " " not in known:
        return entity.short_form(lang)
    return entity.preferred(lang)


# -- consistency ---------------------------------------------------------------

def spelling_key(mention: Mention, lang: str) -> str:
    """The spelling that must agree: a person's surname, a place's or organisation's
    whole name; canonical forms and aliases all count as the canonical spelling."""
    surface = mention.entity.preferred(lang) if mention.kind in ("canonical", "alias") else mention.surface
    if mention.entity.type == "person":
        surface = surface.rsplit(" ", 1)[-1]
    return surface.casefold()


@dataclass
class ConsistencyState:
    """Spellings seen per entity: counts, first appearance, one surface each."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    surfaces: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, mention: Mention, lang: str) -> str:
        key = spelling_key(mention, lang)
        per = self.counts.setdefault(mention.entity.id, {})
        per[key] = per.get(key, 0) + 1  # dicts keep first-appearance order for ties
        self.surfaces.setdefault((mention.entity.id, key), mention.surface)
        return key

    def reference(self, entity: Entity, lang: str) -> str:
        per = self.counts[entity.id]
        canonical = entity.preferred(lang)
        canonical_key = (canonical.rsplit(" ", 1)[-1] if entity.type == "person" else canonical).casefold()
        if canonical_key in per:
            return canonical_key
        return max(per, key=lambda k: per[k])  # max keeps the first of equal counts


def _inconsistent(text: str, mentions: Iterable[Mention], lang: str, pack: StylePack,
                  state: ConsistencyState, where: str = "this document") -> Iterator[Hit]:
    keyed = [(m, state.add(m, lang)) for m in mentions]
    for mention, key in keyed:
        entity = mention.entity
        if len(state.counts[entity.id]) < 2:
            continue
        ref = state.reference(entity, lang)
        if key == ref:
            continue
        other = state.surfaces[(entity.id, ref)]
        start, end, fix = _consistent_fix(text, mention, other, pack, lang)
        yield Hit(INCONSISTENCY.id, start, end,
                  f"'{mention.surface}' and '{other}' both appear in {where}; the style guide "
                  f"prefers '{pack.suggestion(mention, lang)}'.",
                  fix)


def _consistent_fix(text: str, mention: Mention, other: str, pack: StylePack, lang: str) -> tuple[int, int, str]:
    start, end, fix = pack.fix_span(text, mention, lang)
    if mention.kind == "variant":
        return start, end, fix
    # An allowed spelling: align it with the reference spelling, word for word.
    tail = text[mention.end:end]
    if mention.entity.type == "person":
        head = mention.surface.rsplit(" ", 1)
        replacement = other.rsplit(" ", 1)[-1]
        fix = (head[0] + " " + replacement) if len(head) == 2 else replacement
    else:
        fix = other
    if mention.surface.isupper() and len(mention.surface) > 1:
        fix = fix.upper()
    return start, end, fix + tail


class FeedConsistency:
    """``--scope feed``: one spelling per entity across every document of the run."""

    def __init__(self, data: NamesData) -> None:
        self.data = data
        self.state = ConsistencyState()

    def observe(self, doc: Document) -> Iterable[Hit]:
        lang = doc.target_language
        mentions = self.data.pack.mentions(doc.text, lang)
        if not mentions:
            return []
        return list(_inconsistent(doc.text, mentions, lang, self.data.pack, self.state, "this feed"))


FAMILY = Family(name="name", rules=RULES, check=check, load=load, feed_pass=FeedConsistency)
