"""Punctuation artifacts: unbalanced quotes and brackets, doubled punctuation,
leftover software placeholders and markup.

Each rule is one compiled regex over the whole text; only the characters it finds
are looked at, so clean prose costs a few scans in C.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from mtcheck.checks.base import Family, Hit
from mtcheck.document import Document
from mtcheck.rules import rule

if TYPE_CHECKING:
    from mtcheck.config import RunConfig

UNBALANCED = rule("punctuation.unbalanced")
DOUBLED = rule("punctuation.doubled")
PLACEHOLDER = rule("punctuation.placeholder")
QUOTE_SPACING = rule("punctuation.quote-spacing")


@dataclass(frozen=True)
class PunctuationData:
    space_inside: frozenset[str] = frozenset()  # targets that set a space inside « »
    quote_space: str = "\u00a0"
    signature: dict[str, str] = field(default_factory=dict)


def load(config: "RunConfig") -> PunctuationData:
    from mtcheck.languages import packs_for

    packs = packs_for(config)
    inside = frozenset(code for code, pack in packs.items()
                       if "quotes" in pack.supports and pack.punctuation.get("space-inside") is True)
    space = "\u202f" if getattr(config, "quote_space", "nbsp") == "nnbsp" else "\u00a0"
    return PunctuationData(inside, space,
                           {"quote-space": getattr(config, "quote_space", "nbsp")} if inside else {})


_GUILLEMET_RE = re.compile(r"«[ \t\u00a0\u202f\u2009]*|[ \t\u00a0\u202f\u2009]*»")


def _quote_spacing(text: str, space: str) -> Iterator[Hit]:
    name = "narrow no-break space (U+202F)" if space == "\u202f" else "no-break space (U+00A0)"
    for match in _GUILLEMET_RE.finditer(text):
        found = match.group()
        opening = found.startswith("«")
        spaces = found[1:] if opening else found[:-1]
        if spaces == space:
            continue
        if opening:
            after = text[match.end():match.end() + 1]
            if not after or after == "\n":
                continue
            fix = "«" + space
        else:
            before = text[match.start() - 1:match.start()] if match.start() else ""
            if not before or before == "\n":
                continue
            fix = space + "»"
        yield Hit(QUOTE_SPACING.id, match.start(), match.end(),
                  f"French sets a {name} inside « »: write '{fix}'.", fix)


_TAGS = "a|abbr|b|big|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|s|small|span|strike|strong|sub|sup|table|td|th|tr|u|ul"
_PLACEHOLDER_RE = re.compile(
    r"\{\d+\}|\{\{?[A-Za-z_][A-Za-z0-9_.]*\}\}?"                       # {0} {name} {{name}}
    r"|\$\{[A-Za-z_]\w*\}"                                             # ${name}
    r"|(?<![\w%])%(?:\d+\$)?[sdif](?![A-Za-z])|%\([A-Za-z_]\w*\)[sd]"  # %s %1$s %(name)s
    rf"|</?(?:{_TAGS})(?:\s+[a-z-]+=\"[^\"<>]*\")*\s*/?>"             # <b> </i> <br/>
    r"|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});"              # &nbsp; &#8217;
    r"|\[\[[^\[\]\n]{1,60}\]\]"                                        # [[x]]
)

_FRENCH_SPACED = "fr"
_DOUBLED_RE = re.compile(
    r"(?P<commas>,{2,})"
    r"|(?<=[^\s.])(?P<dots>\.\.)(?=[\s\"”’»)\]]|$)"
    r"|(?P<semis>;{2,})|(?P<colons>::)(?=\s)"
    r"|(?P<commadot>,\.)(?!\.)"
    r"|(?<=\w)(?P<space>[ \t\u00a0]+[,.])(?![.\w])"
    r"|(?<=\S)(?P<spacemark>[ \t]+[;:!?])(?=\s|$)"
)
# Every match of _DOUBLED_RE contains one of these. One alternation of the literals,
# scanned once, costs half of 23 `in` tests (measured on WMT22 and synthetic feeds).
_DOUBLED_PAIRS = (",,", "..", ";;", "::", ",.", *(f"{space}{mark}" for space in " \t\u00a0" for mark in ",.;:!?"))
_DOUBLED_PRESCAN = re.compile("|".join(re.escape(pair) for pair in _DOUBLED_PAIRS))
_SINGLE = {"commas": ",", "dots": ".", "semis": ";", "colons": ":", "commadot": "."}

# Brackets and quotes that close only what they opened; each kind is counted apart.
_PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_MARK_RE = re.compile(r"[()\[\]{}«»\"“”„‘’]")


def check(doc: Document, data: PunctuationData | None) -> Iterator[Hit]:
    text = doc.text
    if data is not None and ("«" in text or "»" in text) and doc.target_language in data.space_inside:
        yield from _quote_spacing(text, data.quote_space)
    if _MARK_RE.search(text) is not None:
        yield from _unbalanced(text, doc.src)
    if _DOUBLED_PRESCAN.search(text) is not None:
        yield from _doubled(text, doc.target_language)
    if "%" in text or "{" in text or "<" in text or "&" in text or "[[" in text:
        yield from _placeholders(text, doc.src)


# -- unbalanced -----------------------------------------------------------------


def _unbalanced(text: str, src: str | None = None) -> Iterator[Hit]:
    """Unmatched marks of the translation, less those the source leaves unmatched too:
    per class of mark (any quote mark, each kind of bracket), as many of the
    translation's unmatched marks as the source has are its own, not the MT's, and are
    not reported (the earliest first)."""
    bad = _unmatched(text)
    if bad and src:
        allowed = Counter(_CLASS[kind] for _, kind in _unmatched(src))
        kept = []
        for pos, kind in bad:
            if allowed[_CLASS[kind]] > 0:
                allowed[_CLASS[kind]] -= 1
                continue
            kept.append((pos, kind))
        bad = kept
    for pos, _ in bad:
        yield _hit_unmatched(text, pos)


def _unmatched(text: str) -> list[tuple[int, str]]:
    """(position, kind) of every unmatched mark, in order.

    Per-line leftovers, then one pass that lets a quotation run over lines: an
    opener left at the end of a line is matched by the next line's stray closer, or
    excused when a later line opens with the same mark (the news style for quotes that
    run over several paragraphs; MT feeds also split one quoted passage into segments)."""
    events: list[tuple[int, str, bool]] = []  # (position, kind, is_opener) per line
    line_starts: list[tuple[int, int]] = []
    last_apostrophe = text.rfind("’")
    for match in re.finditer(r"[^\n]+", text):
        line_starts.append((match.start(), len(events)))
        events.extend(_unbalanced_line(text, match.start(), match.end(), last_apostrophe))
    pending: dict[str, int] = {}
    bad: list[tuple[int, str]] = []
    line_index = 0
    for index, (pos, kind, opener) in enumerate(events):
        while line_index < len(line_starts) and line_starts[line_index][1] <= index:
            _continuation(text, line_starts[line_index][0], pending)
            line_index += 1
        if opener:
            if kind in pending:
                bad.append((pending[kind], kind))
            pending[kind] = pos
        elif kind in pending:
            del pending[kind]
        else:
            bad.append((pos, kind))
    for start, _ in line_starts[line_index:]:
        _continuation(text, start, pending)
    bad.extend((pos, kind) for kind, pos in pending.items())
    return sorted(bad)


def _continuation(text: str, line_start: int, pending: dict[str, int]) -> None:
    first = text[line_start:line_start + 8].lstrip()[:1]
    kind = _KIND.get(first)
    if kind is not None and kind in pending and first in _OPENING:
        del pending[kind]


_KIND = {'"': '"', "“": "“", "„": "“", "”": "“", "‘": "‘", **{c: c for c in _PAIRS}, **_CLOSERS}
# Compared with the source by class: a Russian « » is an English “ ” or " ".
_CLASS = {'"': "quote", "“": "quote", "‘": "quote", "«": "quote", "(": "(", "[": "[", "{": "{"}
_OPENING = frozenset('"“„‘') | frozenset(_PAIRS)


def _unbalanced_line(text: str, start: int, end: int, last_apostrophe: int) -> list[tuple[int, str, bool]]:
    stacks: dict[str, list[int]] = {}
    straight: list[int] = []
    curly: list[int] = []  # “ or „ opened
    single: list[int] = []
    events: list[tuple[int, str, bool]] = []
    for match in _MARK_RE.finditer(text, start, end):
        char, pos = match.group(), match.start()
        if char in "()" and (text[pos - 1:pos] == char or text[pos + 1:pos + 2] == char):
            continue  # "((((" and "))" are chat emoticons, not brackets
        if char in _PAIRS:
            stacks.setdefault(char, []).append(pos)
        elif char in _CLOSERS:
            opened = stacks.get(_CLOSERS[char])
            if opened:
                opened.pop()
            elif not _not_a_bracket(text, start, pos):
                events.append((pos, _CLOSERS[char], False))
        elif char == '"':
            straight.append(pos)
        elif char == "„" or (char == "“" and not (curly and text[curly[-1]] == "„")):
            curly.append(pos)
        elif char in "“”":
            if curly:
                curly.pop()
            else:
                events.append((pos, "“", False))
        elif char == "‘":
            single.append(pos)
        elif char == "’" and single:
            single.pop()
    events += [(p, kind, True) for kind, stack in stacks.items() for p in stack
               if not (kind == "(" and _SMILE_END_RE.match(text, p + 1))]  # "this day(" is a frown
    events += [(p, "“", True) for p in curly]
    # ’ is also the apostrophe, so a ‘ is unmatched only when no ’ follows at all.
    events += [(p, "‘", True) for p in single
               if not (p + 1 < end and text[p + 1].isdigit()) and last_apostrophe < p]
    events += _straight_unmatched(text, start, end, straight)
    events.sort()
    return events


# What follows a chat ")" smile or "(" frown: the end of the line, or a space and a
# new sentence or an emoji.
_SMILE_END_RE = re.compile(r"[ \t]*(?:$|\n)|[ \t]+(?:[A-Z]|[^\w\s.,;:!?'\"”’)\]}])")


_LIST_MARKER_RE = re.compile(r"\s*(?:\d{1,2}|[a-zA-Z])")


def _not_a_bracket(text: str, line_start: int, pos: int) -> bool:
    # "1) first", "a) second" list markers, ":)" and "word )" emoticons. Matched in
    # place: slicing the line up to every bracket was quadratic on a long line.
    if (pos - line_start <= 64 and _LIST_MARKER_RE.fullmatch(text, line_start, pos)) or (
            pos > line_start and text[pos - 1] in ":; "):
        return True
    # Russian and Ukrainian chat writes a smile as one ")" closing a sentence: "I can
    # bring it tomorrow)" or "it rains) When ..."; a stray bracket mid-sentence stays.
    return text[pos] == ")" and bool(_SMILE_END_RE.match(text, pos + 1))


def _straight_unmatched(text: str, start: int, end: int, quotes: list[int]) -> list[tuple[int, str, bool]]:
    if len(quotes) % 2 == 0:
        return []
    bad: list[tuple[int, str, bool]] = []
    open_at: int | None = None
    for pos in quotes:
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        can_open = before.isspace() or before in "([{—–-:" or pos == start
        can_close = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")
        if open_at is None:
            if can_close and not can_open:
                bad.append((pos, '"', False))
            else:
                open_at = pos
        elif can_open and not can_close:
            bad.append((open_at, '"', True))  # a new quotation opens: the last one never closed
            open_at = pos
        else:
            open_at = None
    if open_at is not None:
        bad.append((open_at, '"', True))
    return bad


def _hit_unmatched(text: str, pos: int) -> Hit:
    char = text[pos]
    return Hit(
        UNBALANCED.id, pos, pos + 1,
        f"'{char}' has no matching partner in this paragraph: add the missing mark or delete this one.",
    )


# -- doubled ----------------------------------------------------------------------


def _doubled(text: str, lang: str) -> Iterator[Hit]:
    for match in _DOUBLED_RE.finditer(text):
        kind = match.lastgroup or ""
        start, end = match.span(kind)
        found = match.group(kind)
        if kind == "spacemark" and lang == _FRENCH_SPACED:
            continue  # French sets a space before ; : ! ?
        fix = found.strip() if kind in ("space", "spacemark") else _SINGLE[kind]
        yield Hit(
            DOUBLED.id, start, end,
            f"'{found}' is stray punctuation: write '{fix}'.",
            fix,
        )


# -- placeholders -------------------------------------------------------------------


def _placeholders(text: str, src: str | None) -> Iterator[Hit]:
    allowed: Counter[str] = Counter(m.group() for m in _PLACEHOLDER_RE.finditer(src)) if src else Counter()
    for match in _PLACEHOLDER_RE.finditer(text):
        token = match.group()
        if allowed[token] > 0:
            allowed[token] -= 1
            continue
        fix = _placeholder_fix(token)
        what = "markup" if fix is not None else "a template placeholder"
        where = " that the source does not have" if src else ""
        advice = f"write '{fix}'" if fix else ("delete it" if fix == "" else "replace it with the text it stands for")
        yield Hit(PLACEHOLDER.id, match.start(), match.end(), f"'{token}' is {what}{where}: {advice}.", fix)


def _placeholder_fix(token: str) -> str | None:
    if token.startswith("<"):
        return ""
    if token.startswith("&"):
        decoded = html.unescape(token)
        if decoded == token:
            return None
        return " " if decoded == "\u00a0" else decoded
    return None


FAMILY = Family(name="punctuation", rules=(UNBALANCED, DOUBLED, PLACEHOLDER, QUOTE_SPACING), check=check,
                load=load)
