"""Aligned line files, as MT engineers keep them: ``hyp.en``, ``src.uk``, ``ref.en``
and ``docids``, one segment a line, line N of each file being the same segment.

* Without ``--docids`` every line is its own document, with id ``path:line``.
* With ``--docids`` (one document id a line, as WMT distributes them) consecutive lines
  with the same id form one document: its text is the segments joined by ``\\n``, so
  document-level checks (pronoun antecedents, name consistency) see the whole article.
  ``Document.line_map`` maps each line of that text to its input line, so a finding's
  ``input_line`` is its segment's line. Source and reference are joined the same way.
  A docids file whose first line is a tab-separated header with a ``doc_id`` column
  (WMT's ``line doc_id orig_lang seg_id``) is read by that column.
* **Line counts are compared before anything is checked.** Files whose numbers of
  lines differ are misaligned, and every comparison of a segment with its source would
  be against the wrong line, so the whole set is refused: one ``InputError`` naming each
  file with its count, no document (sacrebleu refuses such files too). Counting is one
  fast pass over the bytes; a pipe or process substitution (``--src <(zcat src.gz)``)
  is first copied to a temporary file so it can be counted and then read.
* The files are then read in lockstep and only the current document is held, so
  memory does not depend on the size of the test set.
* A line with invalid UTF-8 or a NUL byte is reported (an ``InputError`` for that line)
  and checked with U+FFFD in place of the bad bytes, so the lines after it stay aligned;
  a line over the size limit is reported and read as empty.
* Languages come from ``--src-lang``/``--tgt-lang`` (default target ``en``); file
  suffixes are not trusted to be language codes.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, Iterator

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import decode, decode_lenient, iter_lines, open_binary

_Line = tuple[int, bytes]


class _Group:
    """Segments of the document being read."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.lines: list[int] = []
        self.mt: list[str] = []
        self.src: list[str] = []
        self.ref: list[str] = []


def read_aligned(
    mt: Path | str,
    *,
    src: Path | str | None = None,
    ref: Path | str | None = None,
    docids: Path | str | None = None,
    options: ReadOptions | None = None,
) -> ReadResult:
    options = options or ReadOptions()
    try:
        yield from _read(
            str(mt),
            None if src is None else str(src),
            None if ref is None else str(ref),
            None if docids is None else str(docids),
            options,
        )
    except InputError as exc:
        yield exc


def _read(
    mt: str, src: str | None, ref: str | None, docids: str | None, options: ReadOptions
) -> ReadResult:
    files = {"mt": mt, "src": src, "ref": ref, "docids": docids}
    paths = {role: path for role, path in files.items() if path is not None}
    with ExitStack() as stack:
        handles = {role: _seekable(path, stack) for role, path in paths.items()}
        yield from _read_handles(mt, src, ref, docids, paths, handles, options)


def _read_handles(
    mt: str, src: str | None, ref: str | None, docids: str | None,
    paths: dict[str, str], handles: dict[str, BinaryIO], options: ReadOptions,
) -> ReadResult:
    counts = {role: _count_lines(handles[role], paths[role]) for role in paths}
    lines = {role: iter_lines(paths[role], handles[role]) for role in paths}
    id_column: int | None = None
    header = 0
    if docids is not None:
        id_column = _docids_header(docids, lines)
        header = 1 if id_column is not None else 0
        counts["docids"] -= header
    if len(set(counts.values())) > 1:
        yield _mismatch(paths, counts, header)
        return
    group: _Group | None = None
    while True:
        rows: dict[str, _Line | None] = {role: next(it, None) for role, it in lines.items()}
        if any(row is None for row in rows.values()):
            break  # the counts agree: every file ends here
        segment: dict[str, str] = {}
        for role, row in rows.items():
            assert row is not None
            number, raw = row
            try:
                segment[role], damage = decode_lenient(raw, paths[role], number)
            except InputError as exc:
                damage, segment[role] = exc, ""
            if damage is not None:
                yield damage
        number = rows["mt"][0]  # type: ignore[index]
        doc_id = _doc_id(segment.get("docids"), id_column, mt, number)
        if group is not None and group.doc_id != doc_id:
            yield _document(group, mt, src, ref, options)
            group = None
        if group is None:
            group = _Group(doc_id)
        group.lines.append(number)
        group.mt.append(segment["mt"])
        group.src.append(segment.get("src", ""))
        group.ref.append(segment.get("ref", ""))
    if group is not None:
        yield _document(group, mt, src, ref, options)


def _seekable(path: str, stack: ExitStack) -> BinaryIO:
    """The file opened for reading twice (count, then read): a pipe or stdin is first
    copied to a temporary file."""
    handle = open_binary(path)
    if path != "-":
        stack.callback(handle.close)
    try:
        regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        regular = False
    if regular and handle.seekable():
        return handle
    spool = stack.enter_context(tempfile.TemporaryFile(prefix="mtcheck-aligned-"))
    try:
        shutil.copyfileobj(handle, spool, 1 << 20)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _count_lines(handle: BinaryIO, path: str) -> int:
    """Lines from the handle's position on, as ``iter_lines`` counts them; the position
    is restored."""
    position = handle.tell()
    count, last = 0, b"\n"
    try:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    handle.seek(position)
    return count + (last != b"\n")


def _docids_header(path: str, lines: dict[str, Iterator[_Line]]) -> int | None:
    """Consume a WMT-style header line, if there is one, and return its ``doc_id`` column."""
    first = next(lines["docids"], None)
    if first is None:
        return None
    number, raw = first
    try:
        cells = [cell.strip() for cell in decode(raw, path, number).split("\t")]
    except InputError:
        cells = []  # not a header; the main loop reports the bad line
    if len(cells) > 1 and "doc_id" in cells:
        return cells.index("doc_id")
    lines["docids"] = _prepend(first, lines["docids"])
    return None


def _prepend(first: _Line, rest: Iterator[_Line]) -> Iterator[_Line]:
    yield first
    yield from rest


def _doc_id(line: str | None, column: int | None, mt: str, number: int) -> str:
    if line is None:
        return f"{mt}:{number}"
    if column is not None:
        cells = line.split("\t")
        value = cells[column].strip() if column < len(cells) else ""
    else:
        value = line.strip()
    return value or f"{mt}:{number}"


def _document(group: _Group, mt: str, src: str | None, ref: str | None, options: ReadOptions) -> Document:
    return Document(
        "\n".join(group.mt),
        path=mt,
        doc_id=group.doc_id,
        src="\n".join(group.src) if src is not None else None,
        ref="\n".join(group.ref) if ref is not None else None,
        src_lang=options.src_lang,
        tgt_lang=options.tgt_lang,
        line_map=group.lines,
        first_line=group.lines[0],
    )


def _mismatch(paths: dict[str, str], counts: dict[str, int], header: int) -> InputError:
    longest = max(paths, key=lambda role: counts[role])
    described = ", ".join(
        f"{paths[role]} has {counts[role]}" + (" (after its header)" if role == "docids" and header else "")
        for role in paths)
    # Where the longest file's first line without a partner is.
    line = min(counts.values()) + 1 + (header if longest == "docids" else 0)
    return InputError(
        f"aligned files need the same number of lines, but {described}; nothing was checked",
        paths[longest], line,
    )
