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
* The files are read in lockstep and only the current document is held, so memory
  does not depend on the size of the test set. When one file ends before the others,
  that is an ``InputError`` naming both files and the first line without a partner;
  the document read so far is still yielded, reading stops there.
* A line that is not valid UTF-8 is an ``InputError`` for that line; its segment is
  read as empty so the lines after it stay aligned.
* Languages come from ``--src-lang``/``--tgt-lang`` (default target ``en``); file
  suffixes are not trusted to be language codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import decode, iter_lines

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
    lines = {role: iter_lines(path) for role, path in paths.items()}
    id_column: int | None = None
    if docids is not None:
        id_column = _docids_header(docids, lines)
    counts = dict.fromkeys(paths, 0)
    group: _Group | None = None
    while True:
        rows: dict[str, _Line | None] = {role: next(it, None) for role, it in lines.items()}
        for role, row in rows.items():
            if row is not None:
                counts[role] = row[0]
        if all(row is None for row in rows.values()):
            break
        if any(row is None for row in rows.values()):
            if group is not None:
                yield _document(group, mt, src, ref, options)
            yield _mismatch(rows, paths, counts)
            return
        segment: dict[str, str] = {}
        for role, row in rows.items():
            assert row is not None
            number, raw = row
            try:
                segment[role] = decode(raw, paths[role], number)
            except InputError as exc:
                yield exc
                segment[role] = ""
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


def _mismatch(rows: dict[str, _Line | None], paths: dict[str, str], counts: dict[str, int]) -> InputError:
    ended = next(role for role, row in rows.items() if row is None)
    going = next(role for role, row in rows.items() if row is not None)
    number = rows[going][0]  # type: ignore[index]
    return InputError(
        f"no matching line in {paths[ended]} (it ends after line {counts[ended]}); "
        f"aligned files need the same number of lines",
        paths[going], number,
    )
