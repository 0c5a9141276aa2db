"""The style-guide file format, validated at load; every error names the file, the
entry id and its line.

A style guide folder holds a manifest ``pack.yaml`` (name, version, license, sources)
and entity files; a user's style is one file. A style file is a YAML mapping::

    name: default            # optional: shown by `mtcheck styles`
    version: "2026.11"       # optional
    entities:                # (or `entries`; a bare list of entries is accepted too)
      - id: kyiv             # stable; a later file with the same id updates this entry
        type: place          # person | place | organisation
        canonical: {en: Kyiv, de: Kyjiw, ru: Киев, uk: Київ}   # or a string: the English form
        traditional: {de: Kiew, es: Kiev}  # an established exonym per language (see name-styles)
        aliases: []          # other correct names: a surname alone, an acronym
        allowed: []          # tolerated spellings: not flagged, but must be consistent
        variants: [Kiev]     # wrong spellings, flagged with the canonical form
        exceptions: [chicken Kiev, Kievan Rus]   # phrases where a variant is right
        gender: null         # persons: female | male (| other)
        source: "..."        # where the spelling comes from
        specs:               # run at load: `from` must become `to` (prh-style)
          - {from: "Kiev's mayor", to: "Kyiv's mayor"}
          - {from: "chicken Kiev", to: "chicken Kiev"}

A file may also set ``name-styles``, per target language which of an entry's forms the
house style prefers where it has a canonical and a traditional one, and whether the
other is tolerated::

    name-styles:
      de: {prefer: canonical, other: allowed}     # Kyjiw; Kiew not flagged, not mixed
      es: {prefer: traditional, other: variant}   # Kiev; Kyiv flagged

Parsing uses the C loader (fast); line numbers come from a second, node-level parse
done only when there is an error to report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import yaml

from mtcheck.datafiles import load_yaml_file
from mtcheck.errors import PackError

if TYPE_CHECKING:
    from mtcheck.style_guides import Entity

TYPES = ("person", "place", "organisation")
GENDERS = ("female", "male", "other")
ENTRY_KEYS = frozenset({"id", "type", "canonical", "traditional", "aliases", "allowed", "variants", "exceptions",
                        "gender", "source", "specs", "note", "notes"})
FILE_KEYS = frozenset({"name", "version", "description", "language", "license", "licence", "source",
                       "sources", "entities", "entries", "schema", "$schema", "name-styles"})
PREFER = ("canonical", "traditional")
OTHER = ("allowed", "variant")
_LISTS = ("aliases", "allowed", "variants", "exceptions")
_FORM_LISTS = ("aliases", "allowed", "variants")


@lru_cache(maxsize=64)
def _entry_lines(path: str) -> dict[str, int]:
    """id -> 1-based line of every entry of a file (slow path: errors only)."""
    lines: dict[str, int] = {}
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return lines
    if isinstance(node, yaml.MappingNode):
        node = next((v for k, v in node.value if k.value in ("entities", "entries")), None)
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"#{index}"] = item.start_mark.line + 1
            if isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    if key.value == "id" and isinstance(value, yaml.ScalarNode):
                        lines.setdefault(value.value, item.start_mark.line + 1)
    return lines


def entry_line(path: str, entry_id: str, index: int | None = None) -> int | None:
    lines = _entry_lines(path)
    return lines.get(entry_id) or (lines.get(f"#{index}") if index is not None else None)


@dataclass(frozen=True)
class Spec:
    source: str
    expected: str
    lang: str = "en"
    line: int | None = None
    path: str = ""  # the file that wrote it


@dataclass(frozen=True)
class RawEntry:
    """One validated entry as written, before merging with entries of later files."""

    id: str
    path: str
    fields: frozenset[str]  # the keys this entry gave (an update changes only those)
    type: str
    canonical: tuple[tuple[str, str], ...]
    traditional: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...]
    allowed: tuple[str, ...]
    variants: tuple[str, ...]
    exceptions: tuple[str, ...]
    gender: str | None
    source: str
    specs: tuple[Spec, ...]

    @property
    def line(self) -> int | None:
        return entry_line(self.path, self.id)

    def updated_by(self, later: "RawEntry") -> "RawEntry":
        """A later file's entry with the same id: canonical forms merge per language,
        other given fields replace ours."""
        changes: dict[str, Any] = {"path": later.path, "fields": self.fields | later.fields}
        for name in later.fields & {"type", *_LISTS, "gender", "source", "specs"}:
            changes[name] = getattr(later, name)
        for name in ("canonical", "traditional"):
            if name in later.fields:
                changes[name] = tuple({**dict(getattr(self, name)), **dict(getattr(later, name))}.items())
        # A form the later file places somewhere leaves the lists it inherited from us,
        # so that moving "Zelensky" from our aliases to a house style's allowed list
        # needs no edit of ours.
        named = {form for name in _FORM_LISTS if name in later.fields for form in getattr(later, name)}
        named |= {form for _, form in later.canonical} if "canonical" in later.fields else set()
        named |= {form for _, form in later.traditional} if "traditional" in later.fields else set()
        for name in _FORM_LISTS:
            if name not in later.fields:
                changes[name] = tuple(f for f in getattr(self, name) if f not in named)
        # Our specs describe our spellings; once a later file changes the spellings,
        # only its own specs still hold.
        if "specs" not in later.fields and later.fields & {"canonical", "traditional", *_FORM_LISTS}:
            changes["specs"] = ()
        return replace(self, **changes)

    def to_entity(self) -> "Entity":
        from mtcheck.style_guides import Entity

        canonical = dict(self.canonical)
        # A form sits in one list only: canonical > alias > allowed > variant, so that a
        # user who promotes "Zelenskyy" need not also delete it from our variants.
        # (English: a form another language writes, "Dmitri Peskov" in French, may still be
        # an English list's; the language decides how it counts, see name_styles.kind_in)
        taken = {canonical["en"]} if "en" in canonical else set()
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("aliases", "allowed", "variants"):
            kept = tuple(dict.fromkeys(f for f in getattr(self, name) if f not in taken))
            taken.update(kept)
            lists[name] = kept
        return Entity(
            id=self.id, type=self.type, canonical=MappingProxyType(canonical),
            traditional=MappingProxyType(dict(self.traditional)),
            aliases=lists["aliases"], allowed=lists["allowed"], variants=lists["variants"],
            exceptions=self.exceptions, gender=self.gender, source=self.source,
        )


def style_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def read_style_file(path: Path) -> tuple[dict[str, Any], list[RawEntry]]:
    data = load_yaml_file(path)
    where = str(path)
    meta: dict[str, Any] = {"name-styles": {}}
    if isinstance(data, dict):
        unknown = sorted(set(map(str, data)) - FILE_KEYS)
        if unknown:
            raise PackError(f"unknown top-level key {unknown[0]!r} (known: {', '.join(sorted(FILE_KEYS))})", where)
        meta = {k: v for k, v in data.items() if k not in ("entities", "entries")}
        meta["name-styles"] = _name_styles(data.get("name-styles"), where)
        data = data.get("entities", data.get("entries", []))
    if data is None:
        data = []
    if not isinstance(data, list):
        raise PackError("expected a list of entries (or a mapping with 'entries')", where)
    return meta, [_entry(item, index, where) for index, item in enumerate(data)]


def _fail(message: str, where: str, entry_id: str, index: int) -> PackError:
    return PackError(f"entry {entry_id!r}: {message}", where, entry_line(where, entry_id, index))


def _entry(item: Any, index: int, where: str) -> RawEntry:
    if not isinstance(item, dict):
        raise PackError(f"entry #{index + 1} is not a mapping", where, entry_line(where, "", index))
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise PackError(f"entry #{index + 1} has no 'id' (a non-empty string)", where, entry_line(where, "", index))
    unknown = sorted(set(map(str, item)) - ENTRY_KEYS)
    if unknown:
        raise _fail(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(ENTRY_KEYS))})", where, entry_id, index)
    kind = item.get("type")
    if "type" in item and kind not in TYPES:
        raise _fail(f"'type' must be one of {', '.join(TYPES)}, not {kind!r}", where, entry_id, index)
    traditional = item.get("traditional") or {}
    if not isinstance(traditional, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                    for k, v in traditional.items()):
        raise _fail("'traditional' must be a mapping language -> form", where, entry_id, index)
    if "en" in traditional:
        raise _fail("'traditional' has no 'en': English has one canonical form (list others as allowed)",
                    where, entry_id, index)
    canonical = item.get("canonical")
    if isinstance(canonical, str):
        canonical = {"en": canonical}
    if "canonical" in item and (not isinstance(canonical, dict) or not canonical
                                or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                           for k, v in canonical.items())):
        raise _fail("'canonical' must be a form or a mapping language -> form", where, entry_id, index)
    lists: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        value = item.get(name) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(f"'{name}' must be a list of non-empty strings", where, entry_id, index)
        lists[name] = tuple(v.strip() for v in value)
    gender = item.get("gender")
    if gender is not None and gender not in GENDERS:
        raise _fail(f"'gender' must be one of {', '.join(GENDERS)} or null, not {gender!r}", where, entry_id, index)
    source = item.get("source", "")
    if not isinstance(source, str):
        raise _fail("'source' must be a string", where, entry_id, index)
    specs = _specs(item.get("specs") or [], where, entry_id, index)
    return RawEntry(
        id=entry_id, path=where, fields=frozenset(item),
        type=kind or "place", canonical=tuple((canonical or {}).items()), traditional=tuple(traditional.items()),
        aliases=lists["aliases"], allowed=lists["allowed"], variants=lists["variants"],
        exceptions=lists["exceptions"], gender=gender, source=source, specs=specs,
    )


def _name_styles(value: Any, where: str) -> dict[str, tuple[str, str]]:
    """language -> (prefer, other), validated."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PackError("'name-styles' must map a language to {prefer: ..., other: ...}", where)
    out = {}
    for lang, style in value.items():
        if not isinstance(style, dict) or set(style) - {"prefer", "other"}:
            raise PackError(f"name-styles: {lang!r} must be a mapping with 'prefer' and 'other'", where)
        prefer, other = style.get("prefer", "canonical"), style.get("other", "allowed")
        if prefer not in PREFER:
            raise PackError(f"name-styles: {lang}.prefer must be one of {', '.join(PREFER)}, not {prefer!r}", where)
        if other not in OTHER:
            raise PackError(f"name-styles: {lang}.other must be one of {', '.join(OTHER)}, not {other!r}", where)
        out[str(lang)] = (prefer, other)
    return out


def _specs(value: Any, where: str, entry_id: str, index: int) -> tuple[Spec, ...]:
    if not isinstance(value, list):
        raise _fail("'specs' must be a list of {from, to} mappings", where, entry_id, index)
    specs = []
    for spec in value:
        if not isinstance(spec, dict) or set(spec) - {"from", "to", "lang"} \
                or not isinstance(spec.get("from"), str) or not isinstance(spec.get("to"), str):
            raise _fail(f"spec {spec!r} must be a mapping with 'from' and 'to' strings (and 'lang')",
                        where, entry_id, index)
        specs.append(Spec(spec["from"], spec["to"], str(spec.get("lang", "en")), path=where))
    return tuple(specs)


def check_complete(entry: RawEntry) -> None:
    """A merged entry must say what it is and how to spell it in English."""
    canonical = dict(entry.canonical)
    if "en" not in canonical:
        raise PackError(f"entry {entry.id!r}: 'canonical' needs an 'en' form", entry.path, entry.line)
    if "type" not in entry.fields:
        raise PackError(f"entry {entry.id!r}: 'type' is required", entry.path, entry.line)
