"""Shared byte-level helpers: opening inputs (stdin included), size limits, decoding.

* **Size limit.** One document (a text file) or one line (a JSONL record, a TSV row,
  an aligned segment) holds at most :data:`MAX_DOCUMENT_BYTES`. A larger one is an
  ``InputError`` naming the limit, read no further than the limit plus one byte, so
  ``/dev/zero`` or a runaway log cannot fill memory. A line over the limit is skipped
  to its end (at most :data:`MAX_SKIP_BYTES`; past that, reading the file stops) and the
  lines after it are read as usual.
* **Decoding.** :func:`decode` is strict: a record (JSONL, TSV) with a bad byte is an
  input error for that record. :func:`decode_lenient` is for text documents and
  aligned segments: invalid UTF-8 and NUL bytes become U+FFFD (one character for each
  bad sequence, so offsets are exact into the text that was checked), the first bad line
  is reported, and the rest is checked. A file that is mostly bad bytes (an image, a
  UTF-16 file) is refused as binary.
"""

from __future__ import annotations

import sys
from typing import BinaryIO, Iterator

from mtcheck.errors import InputError, RepairedInput

MAX_DOCUMENT_BYTES = 64 << 20  # 64 MiB: far beyond any article or feed record
MAX_SKIP_BYTES = 16 * MAX_DOCUMENT_BYTES
_CHUNK = 1 << 20
# NUL bytes over this share of a file (and more than one) make it binary data.
_BINARY_SHARE = 0.01
_BINARY_MIN_NULS = 2


class OverlongLine(bytes):
    """Marker that :func:`iter_lines` yields for a line over the size limit: readers
    pass it to :func:`decode` like any line, and decoding reports it. It is not blank,
    so readers that skip blank lines do not skip it."""

    def __new__(cls) -> "OverlongLine":
        return super().__new__(cls, b"\0")


def limit_message() -> str:
    return f"larger than the {MAX_DOCUMENT_BYTES >> 20} MiB limit for one document or line"


def open_binary(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def decode(data: bytes, path: str, first_line: int = 1) -> str:
    """UTF-8 (a BOM is dropped); an error names the line of the first bad byte."""
    if isinstance(data, OverlongLine):
        raise InputError(limit_message(), path, first_line)
    if b"\0" in data:
        line = first_line + data[: data.index(b"\0")].count(b"\n")
        raise InputError("binary data (NUL byte), not text", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data[: exc.start].count(b"\n")
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    return text[1:] if text.startswith("\ufeff") else text


def decode_lenient(data: bytes, path: str, first_line: int = 1) -> tuple[str, RepairedInput | None]:
    """UTF-8 with bad bytes replaced: the text and, when bytes were replaced, the error
    to report (naming the first bad line and how many lines were affected). Raises an
    ``InputError`` for a line over the size limit and for binary data."""
    if isinstance(data, OverlongLine):
        raise InputError(limit_message(), path, first_line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        what = f"not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        text = data.decode("utf-8", errors="replace")
    else:
        if "\0" not in text:
            return (text[1:] if text.startswith("\ufeff") else text), None
        first_bad = data.index(b"\0")
        what = "a NUL byte"
    nuls = data.count(b"\0")
    if nuls >= _BINARY_MIN_NULS and nuls > _BINARY_SHARE * len(data):
        # NULs all over: an image, an archive, UTF-16. (Bytes that are merely not UTF-8
        # are another encoding, Latin-1 most often: that text is still checked.)
        line = first_line + data[:data.index(b"\0")].count(b"\n")
        raise InputError(f"binary data ({nuls} NUL bytes), not text", path, line)
    if nuls:
        text = text.replace("\0", "\ufffd")
    line = first_line + data[:first_bad].count(b"\n")
    lines = _lines_with(text, "\ufffd")
    more = f" ({lines} lines affected)" if lines > 1 else ""
    error = RepairedInput(f"{what}; checked with U+FFFD in place of the bad bytes{more}", path, line)
    return (text[1:] if text.startswith("\ufeff") else text), error


def _lines_with(text: str, char: str) -> int:
    """How many lines of ``text`` hold ``char`` (one pass)."""
    lines, pos = 0, text.find(char)
    while pos != -1:
        lines += 1
        end = text.find("\n", pos)
        if end == -1:
            break
        pos = text.find(char, end)
    return lines


def read_all(path: str) -> bytes:
    """The whole input, refused past :data:`MAX_DOCUMENT_BYTES`."""
    handle = open_binary(path)
    try:
        parts: list[bytes] = []
        size = 0
        while size <= MAX_DOCUMENT_BYTES:
            chunk = handle.read(min(_CHUNK, MAX_DOCUMENT_BYTES + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(limit_message(), path)
        return b"".join(parts)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        if path != "-":
            handle.close()


def iter_lines(path: str, handle: BinaryIO | None = None) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, raw line without its newline), streaming; a line over the
    size limit comes as an :class:`OverlongLine`. ``handle``: read this instead of
    opening ``path`` (which then only names the input)."""
    own = handle is None
    if handle is None:
        handle = open_binary(path)
    try:
        number = 0
        while True:
            raw = handle.readline(MAX_DOCUMENT_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_DOCUMENT_BYTES and not raw.endswith(b"\n"):
                if not _skip_line(handle):
                    raise InputError(f"line {number} does not end within "
                                     f"{MAX_SKIP_BYTES >> 20} MiB; reading stops", path, number)
                yield number, OverlongLine()
                continue
            yield number, raw.rstrip(b"\r\n")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        if own and path != "-":
            handle.close()


def _skip_line(handle: BinaryIO) -> bool:
    """Read past the end of the current line; False when it does not end in bounds."""
    skipped = 0
    while skipped < MAX_SKIP_BYTES:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return True
        skipped += len(chunk)
    return False
