"""Shared byte-level helpers: opening inputs (stdin included) and decoding strictly."""

from __future__ import annotations

import sys
from typing import BinaryIO, Iterator

from mtcheck.errors import InputError


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
    if b"\0" in data:
        line = first_line + data[: data.index(b"\0")].count(b"\n")
        raise InputError("binary data (NUL byte), not text", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data[: exc.start].count(b"\n")
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_all(path: str) -> bytes:
    handle = open_binary(path)
    try:
        return handle.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        if path != "-":
            handle.close()


def iter_lines(path: str) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, raw line without its newline), streaming."""
    handle = open_binary(path)
    try:
        for number, raw in enumerate(handle, start=1):
            yield number, raw.rstrip(b"\r\n")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        if path != "-":
            handle.close()
