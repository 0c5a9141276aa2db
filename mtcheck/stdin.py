"""stdin (``-``): its format is sniffed, or taken from ``--stdin-filename``.

* ``--input-format`` wins; else the extension of ``--stdin-filename`` (``feed.jsonl``
  reads JSONL, ``article.txt`` text); else the first bytes decide: a first line that is
  a JSON object (or starts as one, ``{"``, when it is longer than what was read) is
  JSONL, ``<?xml`` or ``<xliff`` is XLIFF, anything else is text (an article opening
  with ``{0}`` stays text; TSV is never guessed: a tab is ordinary in text; name it
  with ``--input-format tsv``).
* With ``--stdin-filename NAME`` findings and input errors carry ``NAME`` as their
  path (and document id, where the id was the path), so per-file-ignores and
  editors see the real file; configuration is discovered from it too.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import BinaryIO

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import EXTENSIONS, ReadOptions, ReadResult, reader_for

_SNIFF_BYTES = 4096
_OBJECT_START = re.compile(rb'\{\s*("|\})')
FROM_STDIN = "_mtcheck_stdin"  # Document attribute: read from stdin (never written back by --fix)


def sniff(head: bytes) -> str:
    """``jsonl``, ``xliff`` or ``text`` from the first bytes of a stream."""
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if stripped.startswith(b"{"):
        line, newline, _ = stripped.partition(b"\n")
        try:
            return "jsonl" if isinstance(json.loads(line), dict) else "text"
        except (ValueError, RecursionError):
            # A whole first line that is no JSON is text; a first line longer than
            # what was read is JSONL when it starts as an object does.
            return "jsonl" if not newline and _OBJECT_START.match(line) else "text"
    if stripped.startswith((b"<?xml", b"<xliff")):
        return "xliff"
    return "text"


def _head(stream: BinaryIO) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        try:
            return bytes(peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
        except (OSError, ValueError):
            return b""
    if stream.seekable():
        position = stream.tell()
        head = stream.read(_SNIFF_BYTES)
        stream.seek(position)
        return head
    return b""


def stdin_format(options: ReadOptions) -> str:
    if options.input_format:
        return options.input_format
    name = options.stdin_filename
    if name:
        suffix = Path(name).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        if suffix:
            return "text"
    return sniff(_head(sys.stdin.buffer))


def read_stdin(options: ReadOptions) -> ReadResult:
    try:
        read = reader_for(stdin_format(options))
    except InputError as exc:
        yield InputError(exc.message, options.stdin_filename or "-")
        return
    name = options.stdin_filename
    for item in read("-", options):
        if isinstance(item, Document):
            item.__dict__[FROM_STDIN] = True
        if name:
            _rename(item, name)
        yield item


def _rename(item: Document | InputError, name: str) -> None:
    if isinstance(item, InputError):
        if item.path == "-":
            item.path = name
        return
    item.path = name
    if item.doc_id == "-":
        item.doc_id = name
    elif item.doc_id.startswith("-:"):
        item.doc_id = name + item.doc_id[1:]
