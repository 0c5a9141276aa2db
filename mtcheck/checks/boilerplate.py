"""Page residue: lines a scraper kept from the web page around a translated article.

Patterns are data, one file per language pack
(``data/languages/<lang>/boilerplate.yaml``); the family compiles one multi-line regex
per target language, so a document is scanned once, in C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from mtcheck.checks.base import Family, Hit
from mtcheck.config import RunConfig
from mtcheck.languages import LanguagePack, packs_for
from mtcheck.document import Document
from mtcheck.errors import PackError
from mtcheck.rules import rule
from mtcheck.signature import short_hash

RESIDUE = rule("boilerplate.residue")


PREFIX_LINE_MAX = 80


@dataclass(frozen=True)
class BoilerplateData:
    pattern: re.Pattern[str]  # the English pack's: every target without a pack of its own
    signature: dict[str, str] = field(default_factory=dict)
    # target language -> its pack's lines with English's (page templates are often English)
    by_language: dict[str, re.Pattern[str]] = field(default_factory=dict)


def compile_patterns(lines: list[str], prefixes: list[str]) -> re.Pattern[str]:
    bullet = r"[ \t]*(?:[-•*·][ \t]*)?"
    whole = "|".join(re.escape(line) for line in sorted(lines, key=len, reverse=True))
    starts = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(
        # A prefixed line stays short: "Source: ..." opening a long paragraph is
        # an attribution the article needs, not page furniture.
        rf"^{bullet}(?P<line>(?:{whole})[ \t]*[:.]?|(?:{starts})[^\n]{{0,{PREFIX_LINE_MAX}}}?)[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    )


def _lists(pack: LanguagePack) -> tuple[list[str], list[str]]:
    data = pack.boilerplate
    for key in ("lines", "prefixes"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) for x in data[key]):
            raise PackError(f"'{key}' must be a list of strings", pack.boilerplate_path)
    return data["lines"], data["prefixes"]


def load(config: RunConfig) -> BoilerplateData:
    """One pattern per language pack that supports boilerplate (``boilerplate.yaml`` in
    ``mtcheck/data/languages/<lang>/``), each with the English lines too."""
    packs = {code: p for code, p in packs_for(config).items() if "boilerplate" in p.supports}
    if "en" not in packs:
        raise PackError("the English language pack (boilerplate) is missing", "mtcheck/data/languages/en")
    en_lines, en_prefixes = _lists(packs["en"])
    by_language: dict[str, re.Pattern[str]] = {}
    parts: list[str] = []
    for code, pack in sorted(packs.items()):
        lines, prefixes = _lists(pack)
        if code == "en":
            pattern = compile_patterns(lines, prefixes)
        else:
            pattern = compile_patterns(lines + en_lines, prefixes + en_prefixes)
            # our specs: the pack's own lines must be found in this pattern alone
        _run_specs(pattern, pack.boilerplate.get("specs", {}), pack.boilerplate_path)
        by_language[code] = pattern
        parts.append(f"{code}:" + short_hash(lines + prefixes, 8))
    digest = short_hash(en_lines + en_prefixes, 8)
    signature = f"en#{digest}" if len(parts) == 1 else f"en#{digest}+{short_hash(parts, 8)}"
    return BoilerplateData(by_language["en"], {"boilerplate": signature}, by_language)


def _run_specs(pattern: re.Pattern[str], specs: dict[str, list[str]], path: str) -> None:
    for text in specs.get("flag", []):
        if not pattern.search(text):
            raise PackError(f"spec failed: {text!r} must be flagged but is not", path)
    for text in specs.get("keep", []):
        if pattern.search(text):
            raise PackError(f"spec failed: {text!r} must not be flagged", path)


def check(doc: Document, data: BoilerplateData) -> Iterator[Hit]:
    pattern = data.by_language.get(doc.target_language, data.pattern)
    for match in pattern.finditer(doc.text):
        start, end = match.span("line")
        yield Hit(
            RESIDUE.id, start, end,
            f"'{match.group('line')}' looks like web-page residue, not part of the article: delete the line.",
            "",
        )


FAMILY = Family(name="boilerplate", rules=(RESIDUE,), check=check, load=load)
