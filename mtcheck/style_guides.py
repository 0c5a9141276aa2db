"""Style guides: canonical spellings of people, places and organisations, as data.

A style guide is a folder of YAML files shipped in ``mtcheck/data/styles/<name>/`` (the
active one is ``config.style``); users add single YAML files with ``--style FILE`` or
``styles = [...]``, later files win. Every entity's surface forms go into ONE
Aho-Corasick automaton, so a document is scanned once in C whatever the size of the
gazetteer; word boundaries, exceptions and overlaps are settled afterwards in Python,
only for the few places that matched.

Forms are judged in the target's language: ``canonical.<lang>`` is the form a target in
that language wants (the name style decides between it and ``traditional.<lang>``), the
forms of other languages are variants there, and an entry without a form for the
target's language passes no judgement on it (its English variants may be that
language's usage: "Kharkov" is French). A Cyrillic target (ru, uk) is matched against the
guide's Cyrillic forms and their declined forms (``mtcheck/name_inflection.py``), a
Latin one against the Latin forms.

Matching is case-sensitive ("Kiev", not "kiev": lower-case forms are usually ordinary
words, e.g. "may", "bush"), except that an ALL-CAPS copy of each form is matched too,
for wire headlines. Exception phrases ("chicken Kiev") match case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import ahocorasick  # type: ignore[import-not-found]  # no stubs published

from mtcheck.config import RunConfig
from mtcheck.datafiles import data_path
from mtcheck.errors import PackError
from mtcheck.name_inflection import LOCATIVES, declined_forms, inflect, is_cyrillic, load_inflection
from mtcheck.name_styles import apply_styles, kind_in, person_short_forms
from mtcheck.style_guides_schema import RawEntry, Spec, check_complete, read_style_file, style_files
from mtcheck.signature import short_hash

KINDS = ("canonical", "alias", "allowed", "variant")
_POSSESSIVES = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | place | organisation
    canonical: Mapping[str, str]  # language -> form; "en" always present
    aliases: tuple[str, ...]  # other correct names (surname alone, acronym)
    allowed: tuple[str, ...]  # tolerated spellings: not flagged, but count for consistency
    variants: tuple[str, ...]  # wrong spellings: flagged with the canonical form
    exceptions: tuple[str, ...]  # phrases in which a variant is right ("chicken Kiev")
    gender: str | None
    source: str
    # variants derived from the entry by rules in data, not written in it: the other
    # language's forms of a person's first name ("Alexander Syrskyi"); see checks/names/forms.py
    generated: tuple[str, ...] = ()
    # language -> established exonym ("Kiew", "Kiev"), as written in the entry
    traditional: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # language -> forms tolerated in that language only: the form the name style does
    # not prefer, when it allows it (set when the guide is built)
    allowed_in: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def __hash__(self) -> int:  # canonical is a mapping; the id identifies an entity
        return hash(self.id)

    def preferred(self, lang: str) -> str:
        return self.canonical.get(lang) or self.canonical["en"]

    def short_form(self, lang: str) -> str:
        """The form used alone after first mention: for a person the surname (the first
        alias that ends the full name, e.g. "von der Leyen", else its last word)."""
        full = self.preferred(lang)
        if self.type != "person" or " " not in full:
            return full
        tails = [a for a in self.aliases if full.endswith(" " + a)]
        return tails[0] if tails else full.rsplit(" ", 1)[1]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    entity: Entity
    kind: str  # canonical | alias | allowed | variant (for the language asked)
    form: str = ""  # the guide's form the surface declines ("Киев" for "Киеве"); "" = surface
    cases: tuple[str, ...] = ()  # the cases a declined surface can be (pymorphy3 grammemes)
    tail: str = ""  # an ending the language writes after a name, kept by the fix ("Kiews")

    @property
    def base(self) -> str:
        return self.form or self.surface


@dataclass(frozen=True)
class NameStyle:
    prefer: str = "canonical"  # canonical | traditional
    other: str = "allowed"  # allowed | variant


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class StyleGuide:
    """A compiled style guide: immutable, shared by every family that asks for it."""

    def __init__(self, entities: Mapping[str, Entity], guides: tuple[tuple[str, str, int], ...],
                 name_styles: Mapping[str, NameStyle] | None = None) -> None:
        self.name_styles: Mapping[str, NameStyle] = MappingProxyType(dict(name_styles or {}))
        self.entities: Mapping[str, Entity] = MappingProxyType(
            {k: apply_styles(e, self.name_styles) for k, e in entities.items()})
        # (name, version, entry count) of every file or folder that went into the guide
        self.guides = guides
        self._automaton = ahocorasick.Automaton()
        # surface -> entity, Latin-script forms (a form is owned by one entity: checked at
        # load); the Cyrillic ones are matched by their own automaton, built on first use
        self.forms: dict[str, Entity] = {}
        self.cyrillic_forms: dict[str, Entity] = {}
        for written in entities.values():  # as written: a style may set a form aside
            entity = self.entities[written.id]
            for form in (*written.canonical.values(), *written.traditional.values(), *written.aliases,
                         *written.allowed, *written.variants, *written.generated):
                (self.cyrillic_forms if is_cyrillic(form) else self.forms)[form] = entity
        # a person's surname alone in each language's form ("Selenskyj", "Зеленський"):
        # matched, but no Latin form of the guide (in English, "Jermak" stays an unknown
        # word that may be a near miss of Yermak)
        latin = dict(self.forms)
        for entity in self.entities.values():
            for form in person_short_forms(entity):
                (self.cyrillic_forms if is_cyrillic(form) else latin).setdefault(form, entity)
        _fill(self._automaton, {form: (form, entity, ()) for form, entity in latin.items()})
        self._cyrillic: Any = None  # the automaton of Cyrillic forms and their declensions
        self._inflection = load_inflection()
        self.pending_specs: list[tuple[RawEntry, Spec]] = []  # specs of Cyrillic targets
        digest = short_hash(sorted(f"{e.id}={e.canonical}{e.aliases}{e.allowed}{e.variants}{e.exceptions}"
                                   f"{e.generated}{e.allowed_in}" for e in self.entities.values()), 8)
        name = "+".join(f"{n}@{v}" if v else n for n, v, _ in guides)
        self.signature: dict[str, str] = {"style": f"{name}#{digest}"}

    def __len__(self) -> int:
        return len(self.entities)

    def kind_of(self, form: str, entity: Entity, lang: str = "en") -> str:
        """How a form of ``entity`` counts in language ``lang`` (see name_styles.kind_in).
        Another language's canonical form ("Kyjiw" in English) is a variant here."""
        return kind_in(form, entity, lang)

    def is_cyrillic_target(self, lang: str) -> bool:
        return lang in self._inflection.cyrillic

    def _automaton_for(self, lang: str) -> Any:
        if not self.is_cyrillic_target(lang):
            return self._automaton if self.forms else None  # (the automaton holds the surnames too)
        if self._cyrillic is None:
            self._cyrillic = self._build_cyrillic()
        return self._cyrillic

    def _build_cyrillic(self) -> Any:
        """The Cyrillic forms and every declined form of them; then the specs written
        for Cyrillic targets, which need it, run."""
        values = declined_forms(self.cyrillic_forms, self._inflection)
        automaton = ahocorasick.Automaton()
        _fill(automaton, values)
        self._cyrillic = automaton
        pending, self.pending_specs = self.pending_specs, []
        run_specs(self, pending)
        return automaton

    def mentions(self, text: str, lang: str = "en") -> list[Mention]:
        """Every word-boundary occurrence of a known form, longest-leftmost, outside
        exception phrases. A possessive ("Kiev's") or a hyphen compound ("Kiev-based",
        "pro-Kiev") still counts: the mention covers the name alone; so does an ending
        the language writes after names ("Kiews"), kept in ``tail``."""
        automaton = self._automaton_for(lang)
        if automaton is None:
            return []
        suffixes = self._inflection.suffixes.get(lang, ())
        found: list[tuple[int, int, str, Entity, tuple[str, ...], str, str]] = []
        size = len(text)
        for last, (surface, form, entity, cases) in automaton.iter(text):
            start, end = last - len(surface) + 1, last + 1
            if start > 0 and _is_word(text[start - 1]):
                continue
            tail = ""
            if end < size and _is_word(text[end]):
                tail = next((x for x in suffixes if text.startswith(x, end)
                             and (end + len(x) >= size or not _is_word(text[end + len(x)]))), "")
                if not tail:
                    continue
            found.append((start, end, form, entity, cases, tail, surface))
        if not found:
            return []
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        result: list[Mention] = []
        reach = -1
        for start, end, form, entity, cases, tail, surface in found:
            if start < reach:
                continue
            if entity.exceptions and self._in_exception(text, start, end, entity):
                continue
            reach = end + len(tail)
            kind = self.kind_of(form, entity, lang)
            if not kind:
                continue
            base = form if form != surface and form.upper() != surface else ""
            if cases and len(cases) > 1:
                cases = self._read_cases(text, start, lang, cases)
            result.append(Mention(start, end, text[start:end], entity, kind,
                                  base if cases else "", cases, tail))
        return result

    def _read_cases(self, text: str, start: int, lang: str, cases: tuple[str, ...]) -> tuple[str, ...]:
        """A form that can be dative or locative is locative after "в", "у", "на" ..."""
        after = self._inflection.locative_after.get(lang)
        if not after:
            return cases
        previous = text[max(0, start - 6):start].rstrip().rsplit(None, 1)
        if previous and previous[-1].lower() in after:
            return tuple(sorted(cases, key=lambda c: c not in LOCATIVES))
        return cases

    @staticmethod
    def _in_exception(text: str, start: int, end: int, entity: Entity) -> bool:
        surface = text[start:end].lower()
        for phrase in entity.exceptions:
            low = phrase.lower()
            at = low.find(surface)
            while at != -1:
                lo, hi = start - at, start - at + len(low)
                if lo >= 0 and text[lo:hi].lower() == low and (lo == 0 or not _is_word(text[lo - 1])) \
                        and (hi >= len(text) or not _is_word(text[hi])):
                    return True
                at = low.find(surface, at + 1)
        return False

    # -- fixes --------------------------------------------------------------

    def suggestion(self, mention: Mention, lang: str = "en") -> str:
        """The preferred spelling for a mention: the full name for a full-name variant
        ("Anthony Blinken" -> "Antony Blinken"), the surname for a surname ("Ermak" ->
        "Yermak"); ALL-CAPS is kept."""
        entity = mention.entity
        full = entity.preferred(lang)
        words = mention.surface.count(" ")
        if entity.type == "person" and words < full.count(" "):
            # "Tayip Erdogan" -> "Tayyip Erdogan": an alias as long as the surface first
            same = [a for a in entity.aliases if a.count(" ") == words and full.endswith(" " + a)]
            fix = same[0] if same else entity.short_form(lang)
        else:
            fix = full
        if mention.cases and is_cyrillic(fix):  # "у Киеве" -> "у Києві": the same case
            dictionary = self._inflection.morphology.get(lang)
            if dictionary:
                fix = inflect(fix, dictionary, entity.type, entity.gender, mention.cases)
        if mention.base not in self.forms and mention.base not in self.cyrillic_forms and mention.surface.isupper():
            fix = fix.upper()  # a headline's ALL-CAPS copy of a form, not an acronym
        return fix

    def fix_span(self, text: str, mention: Mention, lang: str = "en") -> tuple[int, int, str]:
        """(start, end, replacement) for a variant, the possessive included: "Kiev's" ->
        "Kyiv's", "Kiews" -> "Kyjiws"."""
        end = mention.end
        if mention.tail:
            return mention.start, end + len(mention.tail), self.suggestion(mention, lang) + mention.tail
        for mark in _POSSESSIVES:
            if text.startswith(mark, end) and (end + len(mark) >= len(text) or not _is_word(text[end + len(mark)])):
                if len(mark) == 1 and not mention.surface.endswith("s"):
                    continue  # a bare apostrophe is a possessive only after -s
                end += len(mark)
                return mention.start, end, self.suggestion(mention, lang) + mark
        return mention.start, end, self.suggestion(mention, lang)

    def apply_fixes(self, text: str, lang: str = "en") -> str:
        """The text with every variant replaced: what a spec's ``from`` must become."""
        pieces: list[str] = []
        pos = 0
        for mention in self.mentions(text, lang):
            if mention.kind != "variant":
                continue
            start, end, fix = self.fix_span(text, mention, lang)
            pieces.append(text[pos:start])
            pieces.append(fix)
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)


def _fill(automaton: Any, values: Mapping[str, tuple[str, Entity, tuple[str, ...]]]) -> None:
    """surface -> (surface, guide form, entity, cases), with an ALL-CAPS copy of each
    surface for wire headlines."""
    for surface, (form, entity, cases) in values.items():
        automaton.add_word(surface, (surface, form, entity, cases))
        upper = surface.upper()
        if upper != surface and len(surface) > 2 and upper not in values:
            automaton.add_word(upper, (upper, form, entity, cases))
    if values:
        automaton.make_automaton()


def run_specs(guide: StyleGuide, specs: Iterable[tuple[RawEntry, Spec]]) -> None:
    """Each spec's ``from`` must become its ``to``; a spec for a Cyrillic target waits
    until that target's automaton is built (an English run never declines a name)."""
    for raw, spec in specs:
        if guide.is_cyrillic_target(spec.lang) and guide._cyrillic is None:
            guide.pending_specs.append((raw, spec))
            continue
        got = guide.apply_fixes(spec.source, spec.lang)
        if got != spec.expected:
            where = "" if spec.lang == "en" else f" ({spec.lang})"
            raise PackError(f"entry {raw.id!r}: spec failed{where}: expected {spec.expected!r} "
                            f"but got {got!r}", raw.path, spec.line or raw.line)


def build_style_guide(entries: Iterable[RawEntry], guides: tuple[tuple[str, str, int], ...],
               name_styles: Mapping[str, NameStyle] | None = None,
               restyled: Mapping[str, str] | None = None) -> StyleGuide:
    """Merge entries (later ids update earlier ones), check surfaces, compile, run specs."""
    merged: dict[str, RawEntry] = {}
    for entry in entries:
        earlier = merged.get(entry.id)
        merged[entry.id] = earlier.updated_by(entry) if earlier else entry
    owner: dict[str, RawEntry] = {}
    entities: dict[str, Entity] = {}
    for raw in merged.values():
        check_complete(raw)
        entity = raw.to_entity()
        for form in {*entity.canonical.values(), *entity.traditional.values(), *entity.aliases, *entity.allowed,
                     *entity.variants}:
            other = owner.get(form)
            if other is not None:
                raise PackError(f"entry {raw.id!r}: form {form!r} is also a form of entry {other.id!r} "
                                f"({other.path}:{other.line})", raw.path, raw.line)
            owner[form] = raw
        entities[raw.id] = entity
    from mtcheck.checks.names.forms import with_generated_forms

    guide = StyleGuide(with_generated_forms(entities, owner), guides, name_styles)
    # A spec of a language whose name style a later file set was written for another
    # style: only that file's own specs hold for it.
    restyled = restyled or {}
    run_specs(guide, [(raw, spec) for raw in merged.values() for spec in raw.specs
                     if spec.lang not in restyled or spec.path == restyled[spec.lang]])
    return guide


_CACHE: dict[tuple[Any, ...], StyleGuide] = {}


def _stamp(path: Path) -> tuple[str, int]:
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        return str(path), -1  # reported by the loader with the path


def load_style_guide(config: RunConfig) -> StyleGuide:
    """The default guide (``config.style``) plus ``config.styles`` files, later wins;
    memoised on names, paths and mtimes, so every family of a run shares one guide."""
    builtin = data_path(f"styles/{config.style}")
    if not builtin.is_dir() and Path(config.style).is_dir():
        builtin = Path(config.style)  # a guide of one's own, laid out like ours
    if not builtin.is_dir():
        known = sorted(p.name for p in data_path("styles").iterdir() if p.is_dir()) \
            if data_path("styles").is_dir() else []
        raise PackError(f"unknown style guide {config.style!r} (built-in: {', '.join(known) or 'none'})",
                        config.source)
    files = style_files(builtin)
    key = (config.style, tuple(_stamp(p) for p in files), tuple(_stamp(Path(p)) for p in config.styles))
    guide = _CACHE.get(key)
    if guide is None:
        guide = load_files([builtin], list(config.styles))
        _CACHE.clear()  # one live configuration per process is the norm; don't hoard guides
        _CACHE[key] = guide
    return guide


def load_files(folders: list[Path], files: list[Path]) -> StyleGuide:
    """Compile folders of style YAML (each one guide) then single files, in order."""
    entries: list[RawEntry] = []
    guides: list[tuple[str, str, int]] = []
    styles: dict[str, NameStyle] = {}
    restyled: dict[str, str] = {}  # language -> the single file that set its name style last
    for folder in folders:
        name, version, count = folder.name, "", 0
        for path in style_files(folder):
            meta, raw = read_style_file(path)
            version = meta.get("version", version)
            name = meta.get("name", name) if meta.get("name") else name
            styles.update({lang: NameStyle(*style) for lang, style in meta["name-styles"].items()})
            entries.extend(raw)
            count += len(raw)
        guides.append((name, str(version), count))
    for path in files:
        meta, raw = read_style_file(Path(path))
        for lang, style in meta["name-styles"].items():
            styles[lang] = NameStyle(*style)
            restyled[lang] = str(path)
        entries.extend(raw)
        guides.append((str(meta.get("name") or Path(path).stem), str(meta.get("version", "")), len(raw)))
    return build_style_guide(entries, tuple(guides), styles, restyled)
