"""Page residue: lines a scraper kept from the web page around a translated article.

Patterns are data (``data/boilerplate/<lang>.yaml``); the family compiles them into
one multi-line regex so a document is scanned once, in C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo
from mtcheck.config import RunConfig
from mtcheck.datafiles import load_yaml_resource
from mtcheck.document import Document
from mtcheck.errors import PackError
from mtcheck.findings import Category, Severity
from mtcheck.signature import short_hash

RESIDUE = RuleInfo(
    id="boilerplate.residue",
    category=Category.BOILERPLATE,
    severity=Severity.WARNING,
    summary="A line of web-page residue (Share, Related News, Comments) left in the article.",
    explanation="""\
## What it does
Flags whole lines that are navigation, sharing or comment widgets of the page the
article was scraped from: "Share", "Related News", "No Comments Found", "Read also: ...",
"Tags: ...", "Follow us on ...".

## Why is this bad?
Feeds that scrape a page before machine translation carry the page furniture into the
translated article. Readers see it at once; metrics never do.

## How it matches
Only whole lines (a paragraph a line) are compared, so the same words in prose ("Shares
fell 3%", "the leaders share a goal") are never flagged. The lists are data in
`mtcheck/data/boilerplate/en.yaml`; the suggestion is to delete the line.
""",
    examples=(
        Example("Troops advanced.\nShare\nRelated News", True, text="Share", suggestion=""),
        Example("Troops advanced.\n\nNo Comments Found\n", True, text="No Comments Found", suggestion=""),
        Example("Read also: Grain deal extended\nThe talks resumed.", True,
                text="Read also: Grain deal extended", suggestion=""),
        Example("Shares fell 3% in early trading.", False),
        Example("The two leaders share a common goal.", False),
    ),
)


PREFIX_LINE_MAX = 80


@dataclass(frozen=True)
class BoilerplateData:
    pattern: re.Pattern[str]
    signature: dict[str, str] = field(default_factory=dict)


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


def load(config: RunConfig) -> BoilerplateData:
    path, data = load_yaml_resource("boilerplate/en.yaml")
    for key in ("lines", "prefixes"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, str) for x in data[key]):
            raise PackError(f"'{key}' must be a list of strings", path)
    pattern = compile_patterns(data["lines"], data["prefixes"])
    _run_specs(pattern, data.get("specs", {}), path)
    digest = short_hash(data["lines"] + data["prefixes"], 8)
    return BoilerplateData(pattern, {"boilerplate": f"en#{digest}"})


def _run_specs(pattern: re.Pattern[str], specs: dict[str, list[str]], path: str) -> None:
    for text in specs.get("flag", []):
        if not pattern.search(text):
            raise PackError(f"spec failed: {text!r} must be flagged but is not", path)
    for text in specs.get("keep", []):
        if pattern.search(text):
            raise PackError(f"spec failed: {text!r} must not be flagged", path)


def check(doc: Document, data: BoilerplateData) -> Iterator[Hit]:
    for match in data.pattern.finditer(doc.text):
        start, end = match.span("line")
        yield Hit(
            RESIDUE.id, start, end,
            f"'{match.group('line')}' looks like web-page residue, not part of the article: delete the line.",
            "",
        )


FAMILY = Family(name="boilerplate", rules=(RESIDUE,), check=check, load=load)
