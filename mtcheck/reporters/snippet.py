"""The human-readable finding: ``path:LINE:COL`` an editor can jump to, the message
(wrapped on a terminal), and the checked line with a caret under the span.

    news/a.txt:3:12  error  name.variant  'Kiev' is a variant spelling; the style guide has 'Kyiv'.  -> 'Kyiv'
        3 | Troops left Kiev on Monday.
          |             ^^^^

Paths are relative to the working directory (absolute outside it). ``COL`` is the
column in the file's line (see :mod:`mtcheck.positions`); where it is unknown (an
XLIFF unit) the location is ``path:LINE`` and the snippet, labelled ``mt``, shows the
place inside the checked text. Long lines are cut around the span (``…``), tabs and
control characters shown as one cell each, wide (CJK) characters as two.
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from functools import lru_cache

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.positions import file_column
from mtcheck.reporters.sarif import display_path

DEFAULT_WIDTH = 100  # snippet width when not on a terminal
_ELLIPSIS = "…"


def shown_path(path: str) -> str:
    """:func:`display_path`, cached: a feed's path is shown once a finding."""
    return _shown_path(path, os.getcwd())


@lru_cache(maxsize=1024)
def _shown_path(path: str, cwd: str) -> str:
    return display_path(path)


def location(doc: Document, finding: Finding) -> str:
    column = file_column(doc, finding.start)
    where = f"{shown_path(finding.path)}:{finding.input_line}"
    return f"{where}:{column}" if column is not None else where


_PLAIN = re.compile(r"[\x20-\x7e]*")  # printable ASCII: one cell a character


@lru_cache(maxsize=8192)
def _cell(char: str) -> tuple[str, int]:
    """How a character is shown and how many terminal cells it takes."""
    if char == "\t" or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return (" " if char == "\t" else "\ufffd"), 1
    if unicodedata.combining(char):
        return char, 0
    return char, 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    if _PLAIN.fullmatch(text):
        return len(text)
    return sum(_cell(c)[1] for c in text)


def _shown(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    return "".join(_cell(c)[0] for c in text)


def snippet(doc: Document, finding: Finding, width: int | None) -> tuple[str, str, str]:
    """(gutter label, the line as shown, the caret line) for the finding's first line."""
    text = doc.text
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.start)
    line_end = len(text) if line_end == -1 else line_end
    start, end = finding.start, min(max(finding.end, finding.start), line_end)
    label = str(finding.input_line)
    if doc.record_line is not None:
        label = "mt" if "\n" not in text else f"mt {finding.line}"
    room = max((width or DEFAULT_WIDTH) - len(label) - 7, 20)
    lo, hi = line_start, line_end
    if _PLAIN.fullmatch(text, lo, hi):
        if hi - lo > room:  # one cell a character: the window is arithmetic
            before = max((room - (end - start)) // 3, 8)
            lo = max(line_start, start - before)
            hi = min(line_end, lo + room)
    elif _width(text[lo:hi]) > room:
        # Keep the span, with about a third of the room before it.
        span_width = _width(text[start:end])
        before = max((room - span_width) // 3, 8)
        lo = start
        used = 0
        while lo > line_start and used + _cell(text[lo - 1])[1] <= before:
            lo -= 1
            used += _cell(text[lo])[1]
        hi = lo
        used = 0
        while hi < line_end and used + _cell(text[hi])[1] <= room:
            used += _cell(text[hi])[1]
            hi += 1
    shown = _shown(text[lo:hi])
    left = _ELLIPSIS if lo > line_start else ""
    right = _ELLIPSIS if hi < line_end else ""
    pad = _width(left) + _width(text[lo:start])
    carets = max(_width(text[start:min(end, hi)]), 1)
    return label, f"{left}{shown}{right}", " " * pad + "^" * carets


def wrap(first: str, message: str, width: int | None, indent: int = 4) -> list[str]:
    """``first`` + ``message`` on one line, or wrapped to ``width`` with the message's
    continuation lines indented."""
    line = first + message
    if width is None or _width(line) <= width:
        return [line]
    room = max(width - indent, 20)
    head_room = width - _width(first)
    if head_room < 20:
        return [first.rstrip()] + [" " * indent + part for part in textwrap.wrap(message, room)]
    parts = textwrap.wrap(message, head_room)
    if not parts:
        return [first.rstrip()]
    rest = " ".join(parts[1:])
    return [first + parts[0]] + [" " * indent + part for part in textwrap.wrap(rest, room)]
