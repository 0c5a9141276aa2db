"""Reading an unknown capitalised name for ``name.near-miss``: its transliteration keys
and the kind of name (person, place, organisation) its context asks for.

Both are data (``data/names/translit.yaml``, ``data/names/context.yaml``), validated at
load with errors naming the file. Neither runs on ordinary text: the near-miss index
asks only for words that are not known names and not ordinary English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from mtcheck.datafiles import data_path, load_yaml_file, load_yaml_resource
from mtcheck.errors import PackError

TYPES = ("person", "place", "organisation")
# context.yaml section -> the kinds of name it allows
_SECTIONS = {"person": frozenset({"person"}), "place": frozenset({"place"}),
             "organisation": frozenset({"organisation"}),
             "person_or_place": frozenset({"person", "place"}),
             "place_or_organisation": frozenset({"place", "organisation"})}
_PREV_TOKEN = re.compile(r"(\S+) $")
_NEXT_TOKEN = re.compile(r" ([^\W\d_]+)")
_WINDOW = 40  # characters looked at on either side: the longest cue phrase fits
_MEMO_LIMIT = 200_000


def _rewrites(value: Any, path: str, name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    if not isinstance(value, list):
        raise PackError(f"'{name}' must be a list of [pattern, replacement] pairs", path)
    compiled = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise PackError(f"'{name}': {pair!r} is not a [pattern, replacement] pair of strings", path)
        try:
            compiled.append((re.compile(pair[0]), pair[1]))
        except re.error as exc:
            raise PackError(f"'{name}': bad pattern {pair[0]!r}: {exc}", path) from None
    return tuple(compiled)


class Translit:
    """Comparison keys: spellings that differ by transliteration only share a key."""

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        letters = data.get("letters") or {}
        if not isinstance(letters, dict) or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str)
                                                    for k, v in letters.items()):
            raise PackError("'letters' must map single characters to their spelling", path)
        self._letters = str.maketrans(letters)
        self._key = _rewrites(data.get("key"), path, "key")
        readings = data.get("readings") or []
        if isinstance(readings, dict):  # scheme name -> rewrites applied together
            self._readings = tuple(_rewrites(steps, path, f"readings.{name}") for name, steps in readings.items())
        else:  # a bare list: each rewrite is a reading of its own
            self._readings = tuple((step,) for step in _rewrites(readings, path, "readings"))
        self._style = _rewrites(data.get("style") or [], path, "style")
        # memos: a feed repeats its names (bounded, they only save work)
        self._memo: dict[str, str] = {}
        self._keys_memo: dict[str, tuple[str, ...]] = {}
        cyrillic = data.get("cyrillic") or {}
        if not isinstance(cyrillic, dict) or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str)
                                                     for k, v in cyrillic.items()):
            raise PackError("'cyrillic' must map single Cyrillic letters to their Latin spelling", path)
        self._cyrillic = str.maketrans({**{k: v for k, v in cyrillic.items()},
                                        **{k.upper(): v for k, v in cyrillic.items() if k.upper() != k}})
        # A spelling made of these letters only could come from Cyrillic; "Morawiecki"
        # (w), "Scholz" (c, z at the end) could not: their Cyrillic form is a copy.
        units = sorted({v for v in cyrillic.values() if v} | {"ia", "iu", "ie", "'"}, key=len, reverse=True)
        self._native = re.compile("(?:" + "|".join(map(re.escape, units)) + ")+") if cyrillic else None

    def _fold(self, word: str) -> str:
        low = word.lower().translate(self._letters)
        if low.isascii():
            return low
        return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))

    def _rewrite(self, folded: str) -> str:
        memo = self._memo
        found = memo.get(folded)
        if found is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = folded
            for pattern, replacement in self._key:
                found = pattern.sub(replacement, found)
            memo[folded] = found
        return found

    def key(self, word: str) -> str:
        """The key of a known name: read the English way."""
        return self._rewrite(self._fold(word))

    def style_key(self, word: str) -> str:
        """The key under which spellings every style guide accepts agree ("Pavlyuk",
        "Pavliuk"); finer than :meth:`key`."""
        folded = self._fold(word)
        for pattern, replacement in self._style:
            folded = pattern.sub(replacement, folded)
        return folded

    def from_cyrillic(self, word: str) -> bool:
        """Whether a Latin spelling could be a romanisation of a Cyrillic name (a name
        whose Cyrillic form is the original), judged by its letters."""
        return self._native is not None and self._native.fullmatch(self._fold(word)) is not None

    def latin(self, word: str) -> str:
        """A Cyrillic word spelled in Latin letters (other letters unchanged)."""
        return word.translate(self._cyrillic)

    def keys(self, word: str) -> tuple[str, ...]:
        """The keys of an unknown word: the English reading first, then one per other
        reading that changes it ("Charkiw": "charkiv", then "harkiv")."""
        found = self._keys_memo.get(word)
        if found is None:
            if len(self._keys_memo) >= _MEMO_LIMIT:
                self._keys_memo.clear()
            found = self._keys_memo[word] = self._all_keys(word)
        return found

    def _all_keys(self, word: str) -> tuple[str, ...]:
        folded = self._fold(word)
        keys = [self._rewrite(folded)]
        for steps in self._readings:
            other = folded
            for pattern, replacement in steps:
                other = pattern.sub(replacement, other)
            if other != folded:
                key = self._rewrite(other)
                if key not in keys:
                    keys.append(key)
        return tuple(keys)


class ContextCues:
    """The kinds of name the words around an unknown name allow (None: any kind)."""

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        unknown = sorted(set(data) - set(_SECTIONS))
        if unknown:
            raise PackError(f"unknown section {unknown[0]!r} (known: {', '.join(_SECTIONS)})", path)
        # last word of a cue -> (cue, kinds), longest cue first; after-cues by their word
        self._before: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self._after: dict[str, frozenset[str]] = {}
        for section, kinds in _SECTIONS.items():
            cues = data.get(section) or {}
            if not isinstance(cues, dict) or set(cues) - {"before", "after"}:
                raise PackError(f"'{section}' must be a mapping with 'before' and/or 'after' lists", path)
            for where in ("before", "after"):
                words = cues.get(where) or []
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                    raise PackError(f"'{section}.{where}' must be a list of non-empty strings", path)
                for cue in words:
                    if where == "before":
                        self._before.setdefault(cue.rsplit(" ", 1)[-1], []).append((cue, kinds))
                    elif " " in cue.strip():
                        raise PackError(f"'{section}.after': {cue!r}: an after-cue is one word", path)
                    else:
                        self._after[cue] = kinds
        for entries in self._before.values():
            entries.sort(key=lambda e: -len(e[0]))

    def is_cue(self, word: str) -> bool:
        """Whether ``word`` is a context cue itself ("President", "Street"): no name."""
        return word in self._before or word in self._after

    def kinds(self, text: str, start: int, end: int, possessive: bool) -> frozenset[str] | None:
        """What the name at ``text[start:end]`` may be. A cue after the name is the head
        of its phrase and wins ("in Bandera Street"); a locative before a possessive
        says nothing ("in Macron's speech")."""
        after = text[end:end + _WINDOW]
        if after.startswith("-"):
            token = after[1:].split(" ", 1)[0].rstrip(".,;:!?")
            kinds = self._after.get("-" + token)
        else:
            match = _NEXT_TOKEN.match(after)
            kinds = self._after.get(match.group(1)) if match else None
        if kinds is not None:
            return kinds
        before = text[max(0, start - _WINDOW):start]
        match = _PREV_TOKEN.search(before)
        if match is None:
            return None
        token = match.group(1)
        for cue, cue_kinds in self._before.get(token, ()):
            head = len(before) - len(cue) - 2  # the character before the cue
            if before.endswith(cue + " ") and (head < 0 or not before[head].isalnum()):
                if possessive and "person" not in cue_kinds:
                    return None  # the preposition governs the possessive's noun
                return cue_kinds
        return None


@lru_cache(maxsize=4)
def load_translit(relative: str = "names/translit.yaml") -> Translit:
    path, data = load_yaml_resource(relative)
    return Translit(path, data)


@lru_cache(maxsize=4)
def load_cues(relative: str = "names/context.yaml") -> ContextCues:
    path, data = load_yaml_resource(relative)
    return ContextCues(path, data)


@lru_cache(maxsize=1)
def load_first_names() -> frozenset[str]:
    """Every first name of the lexicon, lower-case; a name on both gender lists is still
    a first name here."""
    path = data_path("lexicons/first_names.yaml")
    if not path.is_file():
        return frozenset()
    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise PackError("expected a mapping of name lists", str(path))
    return frozenset(n.lower() for names in data.values() if isinstance(names, list)
                     for n in names if isinstance(n, str))
