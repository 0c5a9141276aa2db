"""Readers turn inputs into a stream of :class:`Document` (or :class:`InputError`).

Every reader streams: it yields one document at a time and keeps nothing behind it,
so memory does not grow with the size of a feed. An unreadable record is yielded as
an ``InputError`` in its place, and reading goes on with the next one.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from mtcheck.document import Document
from mtcheck.errors import InputError

if TYPE_CHECKING:
    from mtcheck.discovery import WalkOptions

ReadResult = Iterator[Document | InputError]

# format name -> module with ``read(path: str, options: ReadOptions) -> ReadResult``
READER_MODULES: dict[str, str] = {
    "text": "mtcheck.readers.text",
    "jsonl": "mtcheck.readers.jsonl",
    "tsv": "mtcheck.readers.tsv",
    "xliff": "mtcheck.readers.xliff",
}

EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".tsv": "tsv",
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff",
}

FIELD_NAMES = ("id", "mt", "src", "ref", "src_lang", "tgt_lang")


@dataclass(frozen=True)
class ReadOptions:
    input_format: str | None = None  # None: by extension
    fields: Mapping[str, str] = field(default_factory=dict)  # our name -> the feed's name
    glob: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    # Directory walks (mtcheck.discovery.WalkOptions; None: its defaults), the name
    # stdin goes by (format and paths), the field that suppresses rules for a record.
    walk: "WalkOptions | None" = None
    stdin_filename: str | None = None
    ignore_field: str = "mtcheck_ignore"

    def field_name(self, name: str) -> str:
        return self.fields.get(name, name)


def format_for(path: str, options: ReadOptions) -> str:
    if options.input_format:
        return options.input_format
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def reader_for(fmt: str) -> Callable[[str, ReadOptions], ReadResult]:
    try:
        module = importlib.import_module(READER_MODULES[fmt])
    except KeyError:
        known = ", ".join(sorted(READER_MODULES))
        raise InputError(f"unknown input format {fmt!r} (known: {known})") from None
    read: Callable[[str, ReadOptions], ReadResult] = module.read
    return read


def expand_inputs(inputs: Iterable[str], options: ReadOptions) -> Iterator[str | InputError]:
    """Paths as given, directories expanded recursively (sorted, filtered by --glob)."""
    for name in inputs:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            from mtcheck.discovery import WalkOptions, walk

            pattern = options.glob or "*"
            files = list(walk(name, options.walk or WalkOptions(), options.glob))
            if not files:
                yield InputError(f"no files match {pattern!r} in this directory "
                                 f"(hidden, excluded and git-ignored files are skipped)", name)
            yield from files
        elif path.exists():
            yield name
        else:
            yield InputError("no such file or directory", name)


def read_inputs(inputs: Iterable[str], options: ReadOptions) -> ReadResult:
    for item in expand_inputs(inputs, options):
        if isinstance(item, InputError):
            yield item
            continue
        if item == "-":
            from mtcheck.stdin import read_stdin

            yield from read_stdin(options)
            continue
        try:
            read = reader_for(format_for(item, options))
        except InputError as exc:
            yield InputError(exc.message, item)
            continue
        yield from read(item, options)
