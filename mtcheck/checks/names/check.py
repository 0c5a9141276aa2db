"""Names: spellings of people, places and organisations against the active style guide.

The style guide is a compiled :class:`~mtcheck.packs.StylePack` (one automaton over
every known form); this family only interprets its mentions: variants, documents that
spell one entity two ways, and unknown names that look like misspelt known ones.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo
from mtcheck.checks.names.cluster import NameClusters, merge_adjacent
from mtcheck.checks.names.forms import CaseForms, find_case_forms, load_case_forms
from mtcheck.checks.names.nearmiss import _WORD_RE as _CAPITALISED
from mtcheck.checks.names.nearmiss import NearMissIndex
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

## Generated variants
The other language's forms of a person's first name are variants without being listed
(`mtcheck/data/names/given_names.yaml`): a person whose first names are all Ukrainian
("Oleksandr", "Mykhailo", "Yuliia") gets the Russian forms ("Alexander", "Mikhail",
"Yulia") and substitutions ("Michael") before each of their surname spellings, and a
Russian the Ukrainian forms ("Serhiy Lavrov"). A person known by both forms ("Yulia" and
"Yuliia Tymoshenko") gets none, and a generated form that is already another entry's is
dropped. So a new person needs one entry.

## How it matches
Case-sensitive, on word boundaries ("Kievan" is not "Kiev"; "kiev" in lower case is not
a name). Phrases the guide lists as exceptions ("chicken Kiev", "Kievan Rus", "Dynamo
Kiev", "Odessa, Texas") are never flagged.

## One finding per span
A variant in a document that also has the right spelling is one finding, this one, and
its message says so ("This document also writes 'Kyiv'"); `name.inconsistency` reports
the span only when this rule is off.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Shelling hit Kiev's outskirts overnight.", True, text="Kiev's", suggestion="Kyiv's"),
        Example("Commander Alexander Syrskyi visited the front.", True, text="Alexander Syrskyi",
                suggestion="Oleksandr Syrskyi"),
        Example("Minister Mikhail Fedorov spoke.", True, text="Mikhail Fedorov", suggestion="Mykhailo Fedorov"),
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
    summary="One name spelled two ways in one document (Kiev ... Kyiv, Haddadin ... Haddadeen).",
    explanation="""\
## What it does
Flags every mention of a name whose spelling differs from the spelling the document
uses for it elsewhere, names the other spelling, and suggests it. Two kinds of name:

- **Entries of the style guide.** The mentions of each entry are grouped by spelling
  (for a person the surname, so "Volodymyr Zelensky" and "Zelensky" agree; for a place
  or organisation the whole name; an alias such as an acronym counts as the canonical
  spelling). Spellings the guide allows (Zelensky/Zelenskyy, Gaddafi/Kadhafi/Qaddafi)
  must still be used consistently.
- **Any other proper name.** Capitalised names are clustered by spelling: two spellings
  are one name when their transliteration keys agree ("Khomenko"/"Homenko",
  "Aydın"/"Aydin", "Kryzhanovskyi"/"Kryzhanovsky"; the steps are data,
  `mtcheck/data/names/translit.yaml`) or sit one edit apart, two for long names, with
  the same first letter ("Haddadin"/"Haddadeen"), measured with rapidfuzz. A spelling
  near a guide entry's joins it ("Nasrullah" beside "Nasrallah"). First names of one
  person are compared too: "Oleksandr" and "Aleksandr Moroziuk" (forms of one given
  name, `mtcheck/data/names/given_names.yaml`).

The message lists every spelling seen, with counts.

## Which spelling is the reference
The guide's spelling when the cluster has one (its canonical spelling if the document
uses it); otherwise the most frequent spelling, on a tie the one introduced first, and
never a spelling with an oblique case ending ("Krzkovsku" beside "Krzkovska"). With
`--scope feed` the same holds across all documents of one run, in input order: a
document is compared with the feed so far (names outside the guide by transliteration
key only, not by edits).

## What it leaves alone
- Words that are not names: ordinary English words, and anything common enough to be
  one at the start of a sentence (wordfreq); ALL-CAPS words; words of other scripts.
- Two established spellings of two names, both frequent in English and with different
  keys ("Iran"/"Iraq", "Austria"/"Australia"); an accented spelling beside a different
  word ("Coruña"/"Corona").
- Derivations, plurals and inflections ("Ukraine"/"Ukrainian", "Emirate"/"Emirati",
  "KDBist"/"KDBists"), and the masculine and feminine of one surname ("Sokolov"/
  "Sokolova": husband and wife); the endings are data (`case_forms.yaml`).
- Different people with one surname: when both spellings come with first names and no
  first name of one is a form of one of the other's.
- A company and a person: when the words around the spellings say one is an
  organisation ("the Tinkoff group") and the other a person ("Oleg Tinkov").

## One finding per span
A span that another name rule flags (a variant, a case form, a near miss) gets that
finding only, and its message adds the other spelling; this rule reports such a span
when that rule is off.

## Why is this bad?
A reader who meets "Kiev" and "Kyiv", or "Haddadin" and "Haddadeen", in one article
wonders whether they are two places or two people; mixed spellings are a hallmark of
machine translation stitched from several sources.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Kyiv said the attack failed. Officials in Kiev disagreed.", True,
                text="Kiev", suggestion="Kyiv"),
        Example("Zelensky spoke first. Later Zelenskyy added details.", True,
                text="Zelenskyy", suggestion="Zelensky"),
        Example("Mediator Jamal Haddadin spoke. Haddadin left. Later Haddadeen returned.", True,
                text="Haddadeen", suggestion="Haddadin"),
        Example("Governor Yevhen Khomenko spoke. Later Homenko added details.", True,
                text="Homenko", suggestion="Khomenko"),
        Example("Kyiv said the attack failed. Officials in Kyiv agreed.", False),
        Example("Volodymyr Zelensky spoke. Zelensky added details.", False),
        Example("Hennadiy Sokolov and his wife Natalia Sokolova attended.", False),
        Example("Delegations from Austria and Australia met.", False),
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
- **Accepted spellings**: a word that differs from a known name only in spellings every
  guide accepts (yu/iu, ya/ia, ye/ie, y/i for Й, -yi/-iy/-y endings, x/ks: "Pavlyuk" for
  Pavliuk) is another accepted spelling, never a near miss (`style` in translit.yaml).
- **Kind of name**: the words around it decide what it may be
  (`mtcheck/data/names/context.yaml`): a title or role before it ("President",
  "General", "spokesman", "Mr") means a person, "near", "village of", "region" or
  "-based" a place, "in" a place or an organisation, "Group", "Ministry", "Party" an
  organisation; "Street" or "Square" after it a person or a place (streets are named
  after people). No cue: any kind.
- **First names**: a name before the word (from the first-name lexicons, or any rare
  capitalised word that is no title) must be one the known person goes by, a middle
  name included: "Andrey Gelasimov" is not Valery Gerasimov, "Tamas Rohonyi" not Hassan
  Rouhani. A rare capitalised word after it makes it a first name itself ("Michkel
  Paisalu" is not Charles Michel).
- **The source**, when the input has one: a word the source spells so while it does not
  spell the known name is another name ("Kuratovo" for Куратово is not Kurakhove;
  "Hawbeck" for хавбек, a half-back, is not Habeck), and a match two edits away needs
  the source to name the known entity. For a name whose Cyrillic form is itself a
  transliteration (Моравецкий for Morawiecki) a faithful copy can still be a garble.
- **Place adjectives**: an adjective made from a place ("Belorusskaya" Street) is no
  garble of it.

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
        Example("Rich people gathered on Belorusskaya Street.", False),
        Example("The road goes on to Kuratovo.", False, src="Дорога идёт до Куратово.", src_lang="ru"),
    ),
)


CASE_FORM = RuleInfo(
    id="name.case-form",
    category=Category.NAME_VARIANT,
    severity=Severity.WARNING,
    summary="A place name left with a Ukrainian or Russian case ending or made into its adjective (in Buchi -> in Bucha).",
    explanation="""\
## What it does
Flags a place name of the style guide written with the ending of a Ukrainian or Russian
case ("in Buchi", "in Kharkove", "near Irpeni") or as the adjective the source language
makes from it before a word for a district or region ("Brovarsky district", "Kharkivska
oblast"), and suggests the name itself ("Bucha", "Kharkiv", "Brovary district").

## Why is this bad?
English does not decline place names. An MT system that transliterates the inflected
source word ("в Бучі", "в Харькове", "Броварський район") instead of naming the place
leaves a word no reader can look up, and a second spelling of the place beside the right
one.

## How it matches
The endings and stems are data (`mtcheck/data/names/case_forms.yaml`): every single-word
place form of the guide (canonical, allowed and variant spellings) gives stems
("Kharkiv": Kharkiv-, Kharkov-; "Bucha": Buch-; "Irpin": Irpen-), and a word that is a
stem plus a case ending, or a stem plus an adjective ending, is a case form. So a new
place in your style file gets its case forms without listing them.

## What it leaves alone
- Known forms of any entry, and words common in English (wordfreq).
- A noun form is flagged only where the source names the place too (a source word starts
  with the stem), or, without a source, after a word that introduces a place ("in",
  "of", "near", "from" ...). A word copied from the source as it stands ("Homsu", a
  brand) is no case form.
- An adjective is flagged only before "district", "region", "oblast", "raion",
  "community" and the like: "Tverskaya Street" is the street's name.
- A first name ("Georgiy" is not Georgia) before a surname.
""" + _HOW_TO_EXTEND,
    examples=(
        Example("Shelling was reported in Buchi overnight.", True, text="Buchi", suggestion="Bucha"),
        Example("Residents of Kharkove spent the night in shelters.", True, text="Kharkove", suggestion="Kharkiv"),
        Example("Villages of the Brovarsky district were shelled.", True, text="Brovarsky", suggestion="Brovary"),
        Example("Shelling was reported in Bucha overnight.", False),
        Example("Rich people gathered on Belorusskaya Street.", False),
    ),
)


RULES = (VARIANT, INCONSISTENCY, NEAR_MISS, CASE_FORM)


@dataclass(frozen=True)
class NamesData:
    pack: StylePack
    near_miss: NearMissIndex | None
    inconsistency: bool
    signature: dict[str, str] = field(default_factory=dict)
    clusters: NameClusters | None = None
    case_forms: CaseForms | None = None
    enabled: frozenset[str] = frozenset()


def load(config: RunConfig) -> NamesData:
    from mtcheck.api import select_rules

    enabled = frozenset(rid for rid in select_rules(config) if rid.startswith("name."))
    pack = load_pack(config)
    near = NearMissIndex(pack) if NEAR_MISS.id in enabled else None
    clusters = NameClusters(pack) if INCONSISTENCY.id in enabled else None
    forms = load_case_forms(pack) if CASE_FORM.id in enabled else None
    return NamesData(pack, near, INCONSISTENCY.id in enabled, dict(pack.signature), clusters, forms, enabled)


def check(doc: Document, data: NamesData) -> Iterator[Hit]:
    lang = doc.target_language
    text = doc.text
    pack = data.pack
    mentions = pack.mentions(text, lang)
    words = set(_CAPITALISED.findall(text)) if data.near_miss or data.case_forms or data.clusters else set()
    specific = _specific(doc, data, mentions, words)
    inconsistent: list[tuple[Hit, str]] = []
    if data.inconsistency:
        if len(mentions) > 1:
            inconsistent.extend(_inconsistent(text, mentions, lang, pack, ConsistencyState()))
        if data.clusters is not None and data.clusters.worth_a_look(words, mentions):
            inconsistent.extend(_unknown_inconsistent(text, mentions, lang, data.clusters))
    yield from _one_per_span(specific, inconsistent, "this document")


def _specific(doc: Document, data: NamesData, mentions: list[Mention],
              words: set[str] | None = None) -> list[Hit]:
    """Variants, case forms and near misses: what is wrong with a spelling by itself."""
    lang = doc.target_language
    pack = data.pack
    hits: list[Hit] = []
    if VARIANT.id in data.enabled:
        for mention in mentions:
            if mention.kind == "variant":
                start, end, fix = pack.fix_span(doc.text, mention, lang)
                hits.append(Hit(VARIANT.id, start, end, _variant_message(mention, pack, lang), fix))
    if data.case_forms is not None:
        for found in find_case_forms(doc, mentions, data.case_forms, words):
            fix = found.entity.preferred(lang)
            if found.adjective:
                message = (f"'{found.surface}' is the Ukrainian or Russian adjective of '{fix}' left by MT; "
                           f"English names the {found.region} after the place: '{fix}'.")
            else:
                message = (f"'{found.surface}' looks like '{found.base}' with a Ukrainian or Russian case "
                           f"ending left by MT; English uses the name's base form, '{fix}'.")
            hits.append(Hit(CASE_FORM.id, found.start, found.end, message, fix + found.tail))
    if data.near_miss is not None:
        for miss in data.near_miss.find(doc.text, mentions, doc.src, words):
            fix = _plain_fix(miss.entity, miss.known, lang)
            how = "another spelling or transliteration" if miss.distance == 0 else "a misspelling"
            hits.append(Hit(NEAR_MISS.id, miss.start, miss.end,
                            f"'{doc.text[miss.start:miss.end]}' is not in the style guide but looks like "
                            f"{how} of '{fix}' ({miss.entity.type}).", fix))
    return hits


def _variant_message(mention: Mention, pack: StylePack, lang: str) -> str:
    fix = pack.suggestion(mention, lang)
    if mention.surface in mention.entity.generated:
        return (f"'{mention.surface}' gives the first name in another language's form; the style guide "
                f"has '{fix}'.")
    return f"'{mention.surface}' is a variant spelling; the style guide has '{fix}'."


def _one_per_span(specific: list[Hit], inconsistent: list[tuple[Hit, str]], where: str) -> Iterator[Hit]:
    """One finding per span: a variant (case form, near miss) that is also an
    inconsistency is one finding whose message says both."""
    if not inconsistent:
        yield from specific
        return
    if not specific:
        yield from (hit for hit, _ in inconsistent)
        return
    specific = sorted(specific, key=lambda h: (h.start, h.end))
    starts = [h.start for h in specific]
    reach: list[int] = []  # the furthest end of any span up to each index
    for h in specific:
        reach.append(max(h.end, reach[-1]) if reach else h.end)
    others: dict[int, list[str]] = {}
    for hit, other in inconsistent:
        owner = None
        i = bisect_left(starts, hit.end) - 1
        while i >= 0 and reach[i] > hit.start:
            if specific[i].end > hit.start:
                owner = i
                break
            i -= 1
        if owner is None:
            yield hit
        else:
            seen = others.setdefault(owner, [])
            if other not in seen:
                seen.append(other)
    for i, hit in enumerate(specific):
        if i in others:
            also = " and ".join(f"'{o}'" for o in others[i])
            hit = replace(hit, message=f"{hit.message} {where[0].upper()}{where[1:]} also writes {also}.")
        yield hit


class _Spans:
    """The spans of some hits, for overlap questions in logarithmic time."""

    def __init__(self, hits: Iterable[Hit]) -> None:
        self._spans = sorted((h.start, h.end) for h in hits)
        self._starts = [start for start, _ in self._spans]
        self._reach: list[int] = []  # the furthest end up to each index
        for _, end in self._spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._spans[i][1] > start:
                return True
            i -= 1
        return False


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
                  state: ConsistencyState, where: str = "this document",
                  skip: frozenset[int] = frozenset()) -> Iterator[tuple[Hit, str]]:
    """(hit, the other spelling) for every guide mention spelled unlike the reference."""
    keyed = [(m, state.add(m, lang)) for m in mentions]
    for mention, key in keyed:
        entity = mention.entity
        if len(state.counts[entity.id]) < 2 or mention.start in skip:
            continue
        ref = state.reference(entity, lang)
        if key == ref:
            continue
        other = state.surfaces[(entity.id, ref)]
        start, end, fix = _consistent_fix(text, mention, other, pack, lang)
        yield (Hit(INCONSISTENCY.id, start, end,
                   f"'{mention.surface}' and '{other}' both appear in {where}; the style guide "
                   f"prefers '{pack.suggestion(mention, lang)}'.",
                   fix), other)


def _unknown_inconsistent(text: str, mentions: list[Mention], lang: str, clusters: NameClusters,
                          where: str = "this document") -> Iterator[tuple[Hit, str]]:
    """Names outside the guide (or spelt outside it) written two ways."""
    tokens = clusters.tokens(text, mentions)
    if len(tokens) < 2:
        return
    for start, end, surface, fix, found in merge_adjacent(clusters.findings(tokens, lang)):
        tail = found.tail if not found.first_name else ""
        yield (Hit(INCONSISTENCY.id, start, end + len(tail), found.message(where), fix + tail,
                   found.confidence), found.reference)


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
    """``--scope feed``: one spelling per entity, and per unknown name, across every
    document of the run. A span that has a finding of its own (a variant, a case form, a
    near miss) gets no second one: that finding's fix is the guide's spelling."""

    def __init__(self, data: NamesData) -> None:
        self.data = data
        self.state = ConsistencyState()
        self.names: dict[str, dict[str, int]] = {}  # key -> unknown spelling -> count

    def observe(self, doc: Document) -> Iterable[Hit]:
        lang = doc.target_language
        data = self.data
        mentions = data.pack.mentions(doc.text, lang)
        specific = _specific(doc, data, mentions) if mentions or data.clusters is not None else []
        spans = _Spans(specific)
        covered = frozenset(m.start for m in mentions if spans.overlaps(m.start, m.start + 1))
        hits = [hit for hit, _ in _inconsistent(doc.text, mentions, lang, data.pack, self.state, "this feed",
                                                covered)] if mentions else []
        if data.clusters is not None:
            hits.extend(self._unknown(doc, mentions, spans))
        return hits

    def _unknown(self, doc: Document, mentions: list[Mention], specific: "_Spans") -> Iterator[Hit]:
        """Unknown names against the spellings of earlier documents: one transliteration
        key, a different spelling (edits are compared within a document only)."""
        clusters = self.data.clusters
        assert clusters is not None
        tokens = [t for t in clusters.tokens(doc.text, mentions) if t.entity is None]
        earlier = {key: dict(per) for key, per in self.names.items()}
        for token in tokens:
            key = clusters.keys(token.surface).key
            per = earlier.get(key)
            if per and token.surface not in per and not specific.overlaps(token.start, token.end):
                ref = max(per, key=lambda s: per[s])
                seen = ", ".join(f"{s} ({n})" for s, n in per.items())
                yield Hit(INCONSISTENCY.id, token.start, token.end + len(token.tail),
                          f"'{token.surface}' and '{ref}' look like one name spelled two ways in this feed "
                          f"(seen before: {seen}); '{ref}' is the more frequent spelling.",
                          ref + token.tail, 0.9)
        if len(self.names) >= 200_000:
            self.names.clear()
        for token in tokens:
            per = self.names.setdefault(clusters.keys(token.surface).key, {})
            per[token.surface] = per.get(token.surface, 0) + 1


FAMILY = Family(name="name", rules=RULES, check=check, load=load, feed_pass=FeedConsistency)
