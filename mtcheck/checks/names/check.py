"""Names: spellings of people, places and organisations against the active style guide.

The style guide is a compiled :class:`~mtcheck.style_guides.StyleGuide` (one automaton over
every known form); this family only interprets its mentions: variants, documents that
spell one entity two ways, and unknown names that look like misspelt known ones.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from mtcheck.checks.base import Family, Hit
from mtcheck.checks.names.cluster import NameClusters, merge_adjacent
from mtcheck.checks.names.forms import CaseForms, find_case_forms, load_case_forms
from mtcheck.checks.names.nearmiss import _WORD_RE as _CAPITALISED
from mtcheck.checks.names.nearmiss import NearMissIndex
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.style_guides import Entity, Mention, StyleGuide, load_style_guide
from mtcheck.rules import rule

VARIANT = rule("name.variant")
INCONSISTENCY = rule("name.inconsistency")
NEAR_MISS = rule("name.near-miss")
CASE_FORM = rule("name.case-form")
RULES = (VARIANT, INCONSISTENCY, NEAR_MISS, CASE_FORM)


@dataclass(frozen=True)
class NamesData:
    pack: StyleGuide
    near_miss: NearMissIndex | None
    inconsistency: bool
    signature: dict[str, str] = field(default_factory=dict)
    clusters: NameClusters | None = None
    case_forms: CaseForms | None = None
    enabled: frozenset[str] = frozenset()


def load(config: RunConfig) -> NamesData:
    from mtcheck.api import select_rules

    enabled = frozenset(rid for rid in select_rules(config) if rid.startswith("name."))
    pack = load_style_guide(config)
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
    # words common in the target are no names: German capitalises every noun
    clusters = data.clusters.for_language(lang) if data.clusters is not None else None
    if data.inconsistency:
        if len(mentions) > 1:
            inconsistent.extend(_inconsistent(text, mentions, lang, pack, ConsistencyState()))
        if clusters is not None and clusters.worth_a_look(words, mentions):
            source = frozenset(_SOURCE_WORD.findall(doc.src)) if doc.src else None
            inconsistent.extend(_unknown_inconsistent(text, mentions, lang, clusters, source_words=source))
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
    if data.case_forms is not None and lang == "en":  # a target that declines names keeps its endings
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
        for miss in data.near_miss.for_language(lang).find(doc.text, mentions, doc.src, words):
            fix = _plain_fix(miss.entity, miss.known, lang)
            how = "another spelling or transliteration" if miss.distance == 0 else "a misspelling"
            hits.append(Hit(NEAR_MISS.id, miss.start, miss.end,
                            f"'{doc.text[miss.start:miss.end]}' is not in the style guide but looks like "
                            f"{how} of '{fix}' ({miss.entity.type}).", fix))
    return hits


def _variant_message(mention: Mention, pack: StyleGuide, lang: str) -> str:
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
    # a declined form counts as the form it declines: "Києва" and "Київ" agree
    surface = mention.entity.preferred(lang) if mention.kind in ("canonical", "alias") else mention.base
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


def _inconsistent(text: str, mentions: Iterable[Mention], lang: str, pack: StyleGuide,
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


_SOURCE_WORD = re.compile(r"[^\W\d_]+")


def _unknown_inconsistent(text: str, mentions: list[Mention], lang: str, clusters: NameClusters,
                          where: str = "this document",
                          source_words: frozenset[str] | None = None) -> Iterator[tuple[Hit, str]]:
    """Names outside the guide (or spelt outside it) written two ways."""
    tokens = clusters.tokens(text, mentions)
    if len(tokens) < 2:
        return
    for start, end, surface, fix, found in merge_adjacent(clusters.findings(tokens, lang)):
        if not clusters.follows_source(found, source_words):
            continue
        tail = found.tail if not found.first_name else ""
        yield (Hit(INCONSISTENCY.id, start, end + len(tail), found.message(where), fix + tail,
                   found.confidence), found.reference)


def _consistent_fix(text: str, mention: Mention, other: str, pack: StyleGuide, lang: str) -> tuple[int, int, str]:
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
        assert self.data.clusters is not None
        clusters = self.data.clusters.for_language(doc.target_language)
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
