"""Plain text: one document per file (or stdin); the document id is the path."""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import decode, read_all


def read(path: str, options: ReadOptions) -> ReadResult:
    try:
        text = decode(read_all(path), path)
    except InputError as exc:
        yield exc
        return
    # Windows line endings would put '\r' into every finding's span; normalise once.
    text = text.replace("\r\n", "\n")
    yield Document(text, path=path, doc_id=path, src_lang=options.src_lang, tgt_lang=options.tgt_lang)
