"""``--fix`` and ``--diff``: apply the findings' own edits to text and aligned files.

Every finding with a ``suggestion`` carries its edit (replace ``text`` at
``start:end`` by ``suggestion``). Which edits are applied:

* **safe** (``--fix``): :data:`SAFE_RULES` - a known variant spelling or an
  inconsistent one replaced by the style guide's form, a homoglyph word replaced by
  its Latin spelling, doubled punctuation made single, and a line of page residue
  deleted (in a text file the line goes; in an aligned file it is left empty, so the
  lines stay aligned with the source);
* **unsafe** (only with ``--unsafe-fixes`` too): every other suggestion - pronouns
  (``She`` -> ``It`` can be wrong when the resolver is), near-miss names, numbers,
  placeholders.

Overlapping edits are resolved deterministically: edits are taken in order of their
start (a longer edit first at the same start, then by rule id and replacement); an
edit that overlaps one already taken is dropped, and its finding stays in the report.
Identical edits from two rules (``name.variant`` and ``name.inconsistency`` on the
same ``Kiev``) are one edit. A finding left in the report keeps its exact position in
the fixed text.

Only text files and aligned ``--mt`` files are fixed: a feed record's text sits inside
JSON, TSV or XML, where an edit needs the format's own writer. Files are written
atomically (a temporary file beside the file, renamed over it; permissions kept, a
BOM and CRLF line ends kept), and only when the file still holds what was checked.
``--diff`` prints a unified diff of the same edits on stdout and writes nothing.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, TextIO

from mtcheck.document import Document
from mtcheck.findings import Finding
from mtcheck.stdin import FROM_STDIN
from mtcheck.suppression import ORIGINAL

SAFE_RULES = frozenset({
    "name.variant", "name.inconsistency", "untranslated.mixed-script",
    "punctuation.doubled", "boilerplate.residue",
})
# Rules whose empty suggestion means "delete this line".
LINE_RULES = frozenset({"boilerplate.residue"})

Warn = Callable[[str], None]


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    replacement: str
    rule: str


def is_safe(rule: str) -> bool:
    return rule in SAFE_RULES


def kind_of(doc: Document) -> str | None:
    """``text`` or ``aligned`` for a document --fix can write back, else ``None``."""
    if doc.record_line is not None:
        return None
    return "aligned" if doc.line_map is not None else "text"


def edit_for(doc: Document, finding: Finding, kind: str) -> Edit | None:
    if finding.suggestion is None:
        return None
    text = doc.text
    start, end, replacement = finding.start, finding.end, finding.suggestion
    if finding.rule in LINE_RULES and replacement == "":
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if not (text[line_start:start].strip() or text[end:line_end].strip()):
            start, end = line_start, line_end
            if kind == "text":
                blank_before = line_start >= 2 and text[line_start - 2:line_start] == "\n\n" \
                    or line_start == 1
                blank_after = line_end >= len(text) - 1 or text[line_end + 1] == "\n"
                if line_end < len(text):
                    end = line_end + 1  # the line and its newline
                    if blank_before and blank_after:
                        start = line_start - 1  # and one of the blank lines around it
                elif line_start > 0:
                    start = line_start - 1  # the last line: the newline before it
    if "\n" in replacement or (kind == "aligned" and "\n" in text[start:end]):
        return None  # would break the line structure (aligned files must keep theirs)
    return Edit(start, end, replacement, finding.rule)


def plan(doc: Document, findings: list[Finding], unsafe: bool) -> tuple[list[Edit], list[Finding]]:
    """The edits to apply and the findings they fix."""
    kind = kind_of(doc) or "text"
    candidates: list[tuple[Edit, Finding]] = []
    for finding in findings:
        # a name outside the style guide (its confidence weighed): the fix is the
        # document's majority spelling, not the guide's, so it is not safe
        weighed = finding.rule == "name.inconsistency" and finding.confidence is not None
        if not ((is_safe(finding.rule) and not weighed) or unsafe):
            continue
        edit = edit_for(doc, finding, kind)
        if edit is not None:
            candidates.append((edit, finding))
    candidates.sort(key=lambda pair: (pair[0].start, -pair[0].end, pair[0].rule, pair[0].replacement))
    chosen: list[Edit] = []
    fixed: list[Finding] = []
    for edit, finding in candidates:
        same = next((c for c in chosen if (c.start, c.end, c.replacement) == (edit.start, edit.end, edit.replacement)), None)
        if same is not None:
            fixed.append(finding)
            continue
        if any(_overlap(edit, c) for c in chosen):
            continue
        chosen.append(edit)
        fixed.append(finding)
    chosen.sort()
    return chosen, fixed


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions conflict at the same point only
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply(text: str, edits: list[Edit], offset: Callable[[int], int] = lambda o: o) -> str:
    out: list[str] = []
    last = 0
    for edit in edits:
        start, end = offset(edit.start), offset(edit.end)
        out.append(text[last:start])
        out.append(edit.replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def shift(findings: list[Finding], edits: list[Edit], fixed_doc: Document) -> list[Finding]:
    """Findings that no edit touched, with their positions in the fixed text."""
    out: list[Finding] = []
    for finding in findings:
        if any(e.start < finding.end and finding.start < e.end for e in edits):
            continue
        delta = sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= finding.start)
        start, end = finding.start + delta, finding.end + delta
        line, column, input_line = fixed_doc.position(start)
        out.append(replace(finding, start=start, end=end, line=line, column=column,
                           input_line=input_line, text=fixed_doc.text[start:end]))
    return out


def _clone(doc: Document, text: str) -> Document:
    new = Document(
        text, path=doc.path, doc_id=doc.doc_id, src=doc.src, ref=doc.ref,
        src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, record_line=doc.record_line,
        line_map=doc.line_map, first_line=doc.first_line,
    )
    for key in (FROM_STDIN,):
        if key in doc.__dict__:
            new.__dict__[key] = doc.__dict__[key]
    return new


# -- files ------------------------------------------------------------------------


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` through a temporary file beside it; mode kept."""
    target = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".mtcheck-fix", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _crlf_offsets(raw: str) -> list[int]:
    """Offsets, in the LF-normalised text, of the newlines that were CRLF in ``raw``."""
    offsets: list[int] = []
    removed = 0
    pos = raw.find("\r\n")
    while pos != -1:
        offsets.append(pos - removed)
        removed += 1
        pos = raw.find("\r\n", pos + 2)
    return offsets


class Fixer:
    """Applies safe (or unsafe) edits document by document; ``finish`` writes the
    aligned files and reports what was done."""

    def __init__(self, *, write: bool, diff: TextIO | None, unsafe: bool, warn: Warn,
                 display: Callable[[str], str] = lambda p: p) -> None:
        self.write = write
        self.diff = diff
        self.unsafe = unsafe
        self.warn = warn
        self.display = display
        self.fixed = 0
        self.files: set[str] = set()
        self.changed = False
        # aligned mt file -> {input line: (old segment, new segment)}
        self.aligned: dict[str, dict[int, tuple[str, str]]] = {}

    def fix(self, doc: Document, findings: list[Finding]) -> tuple[Document, list[Finding]]:
        """The document and findings to report: with ``--fix`` the fixed text and the
        findings left; with ``--diff`` (nothing written) the input's."""
        kind = kind_of(doc)
        if kind is None or not findings:
            return doc, findings
        edits, fixed = plan(doc, findings, self.unsafe)
        if not edits:
            return doc, findings
        original = doc.__dict__.get(ORIGINAL, doc.text)
        new_original = apply(original, edits)
        new_doc = _clone(doc, apply(doc.text, edits))
        if kind == "text":
            done = self._text_file(doc, original, new_original, edits)
        else:
            done = self._aligned(doc, original, new_original)
        if not done:
            return doc, findings
        self.changed = True
        self.fixed += len(fixed)
        self.files.add(doc.path)
        if not self.write:
            return doc, findings
        return new_doc, shift([f for f in findings if f not in fixed], edits, new_doc)

    def _text_file(self, doc: Document, original: str, new: str, edits: list[Edit]) -> bool:
        stdin = doc.__dict__.get(FROM_STDIN, False) or doc.path == "-"
        if self.diff is not None:
            self._print_diff(doc.path, original, new)
        if not self.write:
            return True
        if stdin:
            self.warn(f"{doc.path}: read from stdin, not fixed (use --diff to see the edits)")
            return False
        path = Path(doc.path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.warn(f"{doc.path}: not fixed: cannot read it again ({exc.strerror or exc})")
            return False
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            raw = data[3 if bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            self.warn(f"{doc.path}: not fixed: not valid UTF-8, and a fix must not touch the other bytes")
            return False
        if raw.replace("\r\n", "\n") != original:
            self.warn(f"{doc.path}: not fixed: it changed since it was checked")
            return False
        crlf = _crlf_offsets(raw)
        if crlf:
            import bisect

            def offset(o: int) -> int:
                return o + bisect.bisect_left(crlf, o)

            out = apply(raw, edits, offset)
        else:
            out = new
        try:
            write_atomically(path, (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8"))
        except OSError as exc:
            self.warn(f"{doc.path}: not fixed: cannot write it ({exc.strerror or exc})")
            return False
        return True

    def _aligned(self, doc: Document, original: str, new: str) -> bool:
        old_lines, new_lines = original.split("\n"), new.split("\n")
        if len(old_lines) != len(new_lines) or doc.line_map is None:
            return False
        changes = self.aligned.setdefault(doc.path, {})
        for index, (old, line) in enumerate(zip(old_lines, new_lines)):
            if old != line:
                changes[doc.line_map[index]] = (old, line)
        return True

    def _print_diff(self, path: str, old: str, new: str) -> None:
        assert self.diff is not None
        shown = self.display(path)
        lines = difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"a/{shown}", tofile=f"b/{shown}",
        )
        for line in lines:
            self.diff.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")

    def finish(self) -> None:
        for path, changes in self.aligned.items():
            self._finish_aligned(path, changes)

    def _finish_aligned(self, path: str, changes: dict[int, tuple[str, str]]) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.warn(f"{path}: not fixed: cannot read it again ({exc.strerror or exc})")
            return
        lines = data.splitlines(keepends=True)
        out: list[bytes] = []
        for number, raw in enumerate(lines, start=1):
            if number not in changes:
                out.append(raw)
                continue
            body = raw.rstrip(b"\r\n")
            ending = raw[len(body):]
            old, new = changes[number]
            try:
                decoded = body.decode("utf-8")
            except UnicodeDecodeError:
                decoded = None
            if number == 1 and decoded is not None:
                decoded = decoded.removeprefix("\ufeff")
            if decoded != old:
                self.warn(f"{path}:{number}: not fixed: the file changed since it was checked")
                return
            prefix = b"\xef\xbb\xbf" if number == 1 and body.startswith(b"\xef\xbb\xbf") else b""
            out.append(prefix + new.encode("utf-8") + ending)
        if self.diff is not None:
            self._print_diff(path, data.decode("utf-8", errors="replace"),
                             b"".join(out).decode("utf-8", errors="replace"))
        if self.write:
            try:
                write_atomically(Path(path), b"".join(out))
            except OSError as exc:
                self.warn(f"{path}: not fixed: cannot write it ({exc.strerror or exc})")

    def summary(self) -> str:
        verb = "fixed" if self.write else "would fix"
        files = len(self.files)
        return f"mtcheck: {verb} {self.fixed} finding(s) in {files} file(s)"
