"""Language packs: what mtcheck knows about a target language, as data.

A pack is a folder ``<code>/`` holding ``pack.yaml`` (the manifest: code, name, scripts,
what it supports, its files) and the data files it names: ``boilerplate.yaml`` (page
residue), ``numbers.yaml`` (decimal and group separators, number words),
``punctuation.yaml`` (quotation marks and spacing) and ``words.yaml`` (stop-words for
language identification, established foreign phrases), and for ``noun-gender`` either
``noun_genders.tsv.gz`` (a table read by ``mtcheck.noun_gender``) or an analyser named
under ``analysers`` (``pymorphy3`` for ru and uk). The built-in packs live in
``mtcheck/data/languages/``; folders named by ``language-packs`` in the configuration
add packs or replace built-in ones (a user pack for ``fr`` replaces ours). See
``mtcheck/data/languages/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from mtcheck.datafiles import data_path, load_yaml_file
from mtcheck.errors import PackError
from mtcheck.signature import short_hash

FEATURES = ("boilerplate", "numbers", "quotes", "language-id", "fragments", "pronoun-agreement", "noun-gender")
# feature -> the file it needs
_NEEDS = {"boilerplate": "boilerplate", "numbers": "numbers", "quotes": "punctuation",
          "language-id": "words", "fragments": "words", "noun-gender": "noun-genders",
          "pronoun-agreement": "pronouns"}
_YAML_KINDS = ("boilerplate", "numbers", "punctuation", "words", "pronouns")
# file kinds that are not YAML: their path is kept, their reader loads them when used
_TABLE_KINDS = ("noun-genders",)
# feature -> the analysers (packages mtcheck depends on) that may stand in for its file
ANALYSERS = {"noun-gender": ("pymorphy3",)}


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    scripts: tuple[str, ...]
    supports: tuple[str, ...]
    folder: Path
    boilerplate: dict[str, Any] = field(default_factory=dict)
    boilerplate_path: str = ""
    numbers: dict[str, Any] = field(default_factory=dict)
    numbers_path: str = ""
    punctuation: dict[str, Any] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    established: tuple[str, ...] = ()
    # pronouns.yaml: pronoun forms by gender, impersonal phrases, institution nouns
    # (read by pronoun.agreement: mtcheck.checks.pronouns.agreement_pack)
    pronouns: dict[str, Any] = field(default_factory=dict)
    pronouns_path: str = ""
    builtin: bool = True
    noun_genders_path: str = ""
    noun_gender_analyser: str = ""

    @property
    def decimal(self) -> str:
        return str(self.numbers.get("decimal", "."))

    @property
    def group(self) -> str:
        groups = self.numbers.get("group") or [","]
        return str(groups[0])

    @property
    def digest(self) -> str:
        return short_hash([self.code, *sorted(self.stopwords), *self.established,
                           repr(sorted(self.boilerplate.items())), repr(sorted(self.numbers.items())),
                           repr(sorted(self.punctuation.items())),
                           Path(self.noun_genders_path).name, self.noun_gender_analyser], 8)


def builtin_dir() -> Path:
    return data_path("languages")


def _mapping(path: Path) -> dict[str, Any]:
    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise PackError("expected a mapping at the top level", str(path))
    return data


def _strings(value: Any, key: str, path: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"'{key}' must be a list of strings", str(path))
    return value


def load_pack(folder: Path, builtin: bool = True) -> LanguagePack:
    manifest_path = folder / "pack.yaml"
    manifest = _mapping(manifest_path)
    code = manifest.get("language")
    if not isinstance(code, str) or not code:
        raise PackError("'language' must name the language code (en, fr ...)", str(manifest_path))
    if code != folder.name:
        raise PackError(f"the pack for {code!r} must be in a folder named {code!r}", str(manifest_path))
    supports = tuple(_strings(manifest.get("supports"), "supports", manifest_path))
    unknown = [s for s in supports if s not in FEATURES]
    if unknown:
        raise PackError(f"unknown feature(s) {', '.join(unknown)} (known: {', '.join(FEATURES)})",
                        str(manifest_path))
    files = manifest.get("files") or {}
    if not isinstance(files, dict):
        raise PackError("'files' must map a kind (boilerplate, numbers, punctuation, words, pronouns, "
                        "noun-genders) to a file", str(manifest_path))
    loaded: dict[str, tuple[Path, dict[str, Any]]] = {}
    tables: dict[str, Path] = {}
    for kind, name in files.items():
        if kind not in _YAML_KINDS + _TABLE_KINDS:
            raise PackError(f"unknown file kind {kind!r}", str(manifest_path))
        path = (folder / str(name)).resolve()
        if kind in _TABLE_KINDS:
            if not path.is_file():
                raise PackError(f"{kind} file not found: {name}", str(manifest_path))
            tables[kind] = path
        else:
            loaded[kind] = (path, _mapping(path))
    analysers = _analysers(manifest.get("analysers"), manifest_path)
    for feature in supports:
        if _NEEDS[feature] not in loaded and _NEEDS[feature] not in tables and feature not in analysers:
            raise PackError(f"supports {feature} but names no {_NEEDS[feature]} file", str(manifest_path))
    words = loaded.get("words", (manifest_path, {}))
    boiler = loaded.get("boilerplate", (manifest_path, {}))
    if boiler[1]:
        for key in ("lines", "prefixes"):
            _strings(boiler[1].get(key), key, boiler[0])
    numbers = loaded.get("numbers", (manifest_path, {}))
    return LanguagePack(
        code=code,
        name=str(manifest.get("name") or code),
        scripts=tuple(_strings(manifest.get("scripts"), "scripts", manifest_path)) or ("Latin",),
        supports=supports,
        folder=folder,
        boilerplate=boiler[1],
        boilerplate_path=str(boiler[0]),
        numbers=numbers[1],
        numbers_path=str(numbers[0]),
        punctuation=loaded.get("punctuation", (manifest_path, {}))[1],
        stopwords=frozenset(w.lower() for w in _strings(words[1].get("stopwords"), "stopwords", words[0])),
        established=tuple(p.casefold() for p in _strings(words[1].get("established"), "established", words[0])),
        pronouns=loaded.get("pronouns", (manifest_path, {}))[1],
        pronouns_path=str(loaded.get("pronouns", (manifest_path, {}))[0]),
        builtin=builtin,
        noun_genders_path=str(tables.get("noun-genders", "")),
        noun_gender_analyser=analysers.get("noun-gender", ""),
    )


def _analysers(value: Any, path: Path) -> dict[str, str]:
    """``analysers: {noun-gender: pymorphy3}``: a packaged analyser instead of a file."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PackError("'analysers' must map a feature to an analyser (noun-gender: pymorphy3)", str(path))
    for feature, name in value.items():
        if name not in ANALYSERS.get(feature, ()):
            known = ", ".join(f"{f}: {'/'.join(n)}" for f, n in ANALYSERS.items())
            raise PackError(f"unknown analyser {name!r} for {feature!r} (known: {known})", str(path))
    return {str(feature): str(name) for feature, name in value.items()}


def _pack_folders(root: Path) -> Iterable[Path]:
    if not root.is_dir():
        raise PackError("language pack folder not found", str(root))
    if (root / "pack.yaml").is_file():  # the folder of one pack
        yield root
        return
    for child in sorted(root.iterdir()):
        if child.is_dir() and (child / "pack.yaml").is_file():
            yield child


@lru_cache(maxsize=16)
def _load_all(user_dirs: tuple[str, ...]) -> dict[str, LanguagePack]:
    packs: dict[str, LanguagePack] = {}
    for folder in _pack_folders(builtin_dir()):
        pack = load_pack(folder)
        packs[pack.code] = pack
    for root in user_dirs:
        for folder in _pack_folders(Path(root)):
            pack = load_pack(folder, builtin=False)
            packs[pack.code] = pack
    return packs


def load_packs(user_dirs: Iterable[Path | str] = ()) -> dict[str, LanguagePack]:
    """Every pack: the built-in ones, then the user's folders (later ones win)."""
    return _load_all(tuple(str(Path(d)) for d in user_dirs))


def packs_for(config: Any) -> dict[str, LanguagePack]:
    return load_packs(getattr(config, "language_packs", ()) or ())


def signature(packs: dict[str, LanguagePack]) -> str:
    return short_hash([f"{code}={pack.digest}" for code, pack in sorted(packs.items())], 8)


LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "nl": "Dutch",
    "cs": "Czech", "ro": "Romanian", "tr": "Turkish", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "be": "Belarusian", "bg": "Bulgarian", "sr": "Serbian",
}


def language_name(code: str, packs: dict[str, LanguagePack] | None = None) -> str:
    if packs and code in packs:
        return packs[code].name
    return LANGUAGE_NAMES.get(code, code)
