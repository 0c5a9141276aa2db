"""Suppressions: inline, per record, per file; and a warning for those that match nothing.

Four forms, each naming rule ids, families or categories (``name.variant``, ``name``,
``name-variant``), comma- or space-separated, or ``all``:

* **A comment in the text** (text files, aligned files, any document's text), the
  HTML comment form markdownlint and Vale use, which no translated sentence contains
  and Markdown/HTML renderers hide::

      Chicken Kiev is on the menu. <!-- mtcheck: ignore name.variant -->
      <!-- mtcheck: ignore name -->
      The Kiev Cake recipe ...
      <!-- mtcheck: ignore-file boilerplate -->
      <!-- mtcheck: disable untranslated -->
      ... a quoted passage in the original language ...
      <!-- mtcheck: enable -->

  ``ignore`` after text on a line covers that line; ``ignore`` alone on its line
  covers the next non-blank line; ``ignore-file`` covers the whole document;
  ``disable`` covers the lines up to the next ``enable`` (or the end). Without rules
  a comment covers every rule. The comment itself is blanked (replaced by spaces,
  offsets unchanged) before checking, so no rule reads it.
* **A record field**: JSONL ``"mtcheck_ignore": ["name.variant"]`` (a list, a
  comma-separated string, or ``"all"``), or a TSV header column of that name; the
  field's name is configurable (``ignore-field``). Covers the whole record.
* **An XLIFF note** on the unit: ``<note>mtcheck: ignore name.variant</note>`` (1.2,
  a child of ``<trans-unit>``; 2.x, inside the unit's ``<notes>``). Covers the unit.
  A unit's ``state`` is not a suppression: a ``final`` unit is still checked.
* **per-file-ignores** in the configuration: ``{"legacy/**" = ["name"]}``, globs in
  gitignore style, relative to the configuration file's folder.

A suppression that suppresses nothing in a run where its rules are enabled gets a
warning on stderr (``mtcheck: warning: PATH:LINE: ...``), as ruff's unused-noqa does,
and so does one naming an unknown rule; neither changes the exit status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.findings import Finding
from mtcheck.rules import RuleInfo

ALL = "all"
_SOURCES = "_mtcheck_suppress"  # Document attribute: [(kind, raw value, line)]
ORIGINAL = "_mtcheck_original_text"  # Document attribute: the text before comments were blanked

_COMMENT_RE = re.compile(
    r"<!--[ \t]*mtcheck:[ \t]*(?P<verb>ignore-file|ignore|disable|enable)\b(?P<rules>[^\n]*?)[ \t]*-->"
)
_NOTE_RE = re.compile(r"^\s*mtcheck:\s*ignore(?:-file)?\b(?P<rules>.*)$", re.S)
_SPLIT_RE = re.compile(r"[\s,]+")

Warn = Callable[[str], None]


@dataclass
class Directive:
    selectors: tuple[str, ...]  # () is every rule
    start: int
    end: int
    origin: str  # "PATH:LINE" for messages
    what: str  # how it was written, for messages
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        return self.start <= finding.start < self.end or (self.start == self.end == finding.start)


# -- attaching raw suppressions to documents (readers call these) --------------


def attach(doc: Document, kind: str, value: Any, line: int | None = None) -> None:
    """Remember a record field or XLIFF note on ``doc``; parsed when findings are filtered."""
    doc.__dict__.setdefault(_SOURCES, []).append((kind, value, line))


def xliff_notes(unit: Any) -> list[str]:
    """Text of the notes of an XLIFF unit element (1.2 ``note`` children, 2.x ``notes/note``)."""
    notes: list[str] = []
    for child in unit:
        local = child.tag.rpartition("}")[2]
        if local == "note":
            notes.append("".join(child.itertext()))
        elif local == "notes":
            notes.extend("".join(n.itertext()) for n in child if n.tag.rpartition("}")[2] == "note")
    return notes


def attach_xliff_notes(doc: Document, unit: Any) -> None:
    for note in xliff_notes(unit):
        if _NOTE_RE.match(note):
            attach(doc, "XLIFF note", note, doc.record_line)


# -- parsing --------------------------------------------------------------------


def parse_selectors(value: Any) -> tuple[str, ...]:
    """A field's value as selectors; ``()`` means every rule. ValueError when malformed."""
    if isinstance(value, str):
        items = [v for v in _SPLIT_RE.split(value.strip()) if v]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value if v.strip()]
    else:
        raise ValueError("must be a list of rule ids, families or categories, or \"all\"")
    if not items:
        raise ValueError("names no rule (use \"all\" to suppress every rule)")
    if ALL in items:
        return ()
    return tuple(items)


def _comment_selectors(text: str) -> tuple[str, ...]:
    items = [v for v in _SPLIT_RE.split(text.strip()) if v]
    return () if not items or ALL in items else tuple(items)


def prepare(doc: Document) -> None:
    """Find comment directives in ``doc.text``, blank them (same length) and remember
    what they cover. Call before the document is checked."""
    text = doc.text
    if "mtcheck:" not in text:
        return
    matches = list(_COMMENT_RE.finditer(text))
    if not matches:
        return
    directives: list[Directive] = []
    open_blocks: list[Directive] = []
    pieces: list[str] = []
    last = 0
    for match in matches:
        pieces.append(text[last:match.start()])
        pieces.append(" " * (match.end() - match.start()))
        last = match.end()
        verb = match.group("verb")
        selectors = _comment_selectors(match.group("rules"))
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = _line_end(text, match.end())
        alone = not (text[line_start:match.start()].strip() or text[match.end():line_end].strip())
        origin = f"{doc.path}:{doc.position(match.start())[2]}"
        what = match.group(0)
        if verb == "ignore-file":
            directives.append(Directive(selectors, 0, len(text), origin, what))
        elif verb == "ignore":
            if alone:
                start, end = _next_nonblank_line(text, line_end)
            else:
                start, end = line_start, line_end
            directives.append(Directive(selectors, start, end, origin, what))
        elif verb == "disable":
            block = Directive(selectors, min(line_end + 1, len(text)), len(text), origin, what)
            directives.append(block)
            open_blocks.append(block)
        elif open_blocks:  # enable
            open_blocks.pop().end = line_start
    pieces.append(text[last:])
    doc.__dict__[ORIGINAL] = text  # what --fix writes back to (the comments kept)
    doc.text = "".join(pieces)
    for cached in ("line_starts", "lines", "paragraphs", "sentences", "_sentence_starts",
                   "tokens", "_token_starts"):
        doc.__dict__.pop(cached, None)
    doc.__dict__.setdefault(_SOURCES, []).append(("comments", directives, None))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _next_nonblank_line(text: str, newline: int) -> tuple[int, int]:
    pos = newline + 1
    while pos < len(text):
        end = _line_end(text, pos)
        if text[pos:end].strip():
            return pos, end
        pos = end + 1
    return len(text), len(text)


def prepare_stream(items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
    for item in items:
        if isinstance(item, Document):
            prepare(item)
        yield item


# -- filtering --------------------------------------------------------------------


def _matches(selector: str, rule: str, family: str, category: str) -> bool:
    return selector in (rule, family, category)


class Suppressor:
    """Filters findings by every suppression of a run and warns about unused ones."""

    def __init__(
        self,
        enabled: Mapping[str, RuleInfo],
        known: Iterable[RuleInfo],
        per_file_ignores: Mapping[str, Sequence[str]] | None = None,
        root: Path | None = None,
        warn: Warn | None = None,
    ) -> None:
        self.enabled = dict(enabled)
        known = list(known)
        self.known = {r.id for r in known} | {r.family for r in known} | {r.category.value for r in known}
        self.warn = warn or (lambda message: None)
        self.suppressed = 0
        self.root = (root or Path.cwd()).resolve()
        self.per_file: list[tuple[str, tuple[str, ...], Any]] = []
        if per_file_ignores:
            import pathspec

            for glob, selectors in per_file_ignores.items():
                spec = pathspec.GitIgnoreSpec.from_lines([glob])
                self.per_file.append((glob, tuple(selectors), spec))
        self.per_file_files: dict[str, set[str]] = {}  # glob -> checked files it matched
        self.per_file_used: dict[str, set[str]] = {}  # glob -> selectors that suppressed
        self._path_globs: dict[str, list[int]] = {}

    # -- selectors -----------------------------------------------------------

    def _enabled_for(self, selector: str) -> bool:
        return any(_matches(selector, r.id, r.family, r.category.value) for r in self.enabled.values())

    def _check_known(self, selectors: Sequence[str], origin: str, what: str) -> None:
        for selector in selectors:
            if selector not in self.known:
                self.warn(f"{origin}: {what} names unknown rule {selector!r}")

    # -- per document --------------------------------------------------------

    def _directives(self, doc: Document) -> list[Directive]:
        directives: list[Directive] = []
        for kind, value, line in doc.__dict__.get(_SOURCES, ()):
            origin = f"{doc.path}:{line if line is not None else 1}"
            if kind == "comments":
                for directive in value:
                    self._check_known(directive.selectors, directive.origin, repr(directive.what))
                directives.extend(value)
                continue
            try:
                if kind == "XLIFF note":
                    match = _NOTE_RE.match(value)
                    selectors = _comment_selectors(match.group("rules") if match else "")
                    what = f"note {' '.join(value.split())!r}"
                else:
                    selectors = parse_selectors(value)
                    what = f"field {kind!r}"
            except ValueError as exc:
                self.warn(f"{origin}: field {kind!r} {exc}; it suppresses nothing")
                continue
            self._check_known(selectors, origin, what)
            directives.append(Directive(selectors, 0, len(doc.text) + 1, origin, what))
        return directives

    def _globs_for(self, path: str) -> list[int]:
        cached = self._path_globs.get(path)
        if cached is not None:
            return cached
        matched: list[int] = []
        if path != "-":
            absolute = Path(path).resolve()
            try:
                rel = absolute.relative_to(self.root).as_posix()
            except ValueError:
                rel = None
            for index, (glob, _, spec) in enumerate(self.per_file):
                if (rel is not None and spec.match_file(rel)) or spec.match_file(Path(path).as_posix()):
                    matched.append(index)
        if len(self._path_globs) < 10_000:
            self._path_globs[path] = matched
        return matched

    def filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        directives = self._directives(doc)
        globs = self._globs_for(doc.path) if self.per_file else []
        for index in globs:
            self.per_file_files.setdefault(self.per_file[index][0], set()).add(doc.path)
        if not directives and not globs:
            return findings
        kept: list[Finding] = []
        for finding in findings:
            rule = self.enabled.get(finding.rule)
            family = rule.family if rule else finding.rule.split(".", 1)[0]
            category = finding.category.value
            hit = False
            for directive in directives:
                if not directive.covers(finding):
                    continue
                if not directive.selectors:
                    directive.used.add(ALL)
                    hit = True
                for selector in directive.selectors:
                    if _matches(selector, finding.rule, family, category):
                        directive.used.add(selector)
                        hit = True
            for index in globs:
                glob, selectors, _ = self.per_file[index]
                for selector in selectors:
                    if selector == ALL or _matches(selector, finding.rule, family, category):
                        self.per_file_used.setdefault(glob, set()).add(selector)
                        hit = True
            if hit:
                self.suppressed += 1
            else:
                kept.append(finding)
        for directive in directives:
            self._warn_unused(directive)
        return kept

    def _warn_unused(self, directive: Directive) -> None:
        if not directive.selectors:
            if ALL not in directive.used and self.enabled:
                self.warn(f"{directive.origin}: unused suppression {directive.what}: "
                          f"it matches no finding")
            return
        unused = [s for s in directive.selectors
                  if s not in directive.used and s in self.known and self._enabled_for(s)]
        if unused:
            self.warn(f"{directive.origin}: unused suppression {directive.what}: "
                      f"{', '.join(unused)} matches no finding")

    def finish(self) -> None:
        """Warn about per-file-ignores that matched checked files but no finding there."""
        for glob, selectors, _ in self.per_file:
            files = self.per_file_files.get(glob, set())
            self._check_known([s for s in selectors if s != ALL], "per-file-ignores", repr(glob))
            if not files:
                continue
            used = self.per_file_used.get(glob, set())
            unused = [s for s in selectors if s not in used and (s == ALL or (s in self.known and self._enabled_for(s)))]
            if unused:
                self.warn(f"per-file-ignores: {glob!r} = {', '.join(unused)} matches no finding "
                          f"in the {len(files)} file(s) checked that it covers")
