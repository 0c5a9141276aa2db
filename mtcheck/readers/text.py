"""Plain text: one document per file (or stdin); the document id is the path.

Invalid UTF-8 and NUL bytes do not drop the document: they are reported (the first
bad line) and the text is checked with U+FFFD in their place, so offsets stay exact
into what was checked (``mtcheck.readers._io.decode_lenient``).
"""

from __future__ import annotations

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import decode_lenient, read_all


def read(path: str, options: ReadOptions) -> ReadResult:
    try:
        text, damage = decode_lenient(read_all(path), path)
    except InputError as exc:
        yield exc
        return
    if damage is not None:
        yield damage
    # Windows line endings would put '\r' into every finding's span; normalise once.
    text = text.replace("\r\n", "\n")
    yield Document(text, path=path, doc_id=path, src_lang=options.src_lang, tgt_lang=options.tgt_lang)
