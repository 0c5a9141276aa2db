"""Where a finding sits in the input *file*, for locations an editor can jump to.

The findings contract's ``line``/``column`` count inside the checked text (a feed
record's ``mt``). Human reports print ``path:LINE:COL`` with ``LINE`` the input line
and ``COL`` the column *in that line of the file* (1-based, in characters):

* text and aligned files: the same column (the checked line is the file's line);
* JSONL: the column of the character inside the record's line, through the JSON
  escapes before it (``\\"``, ``\\n``, ``\\u00e9`` count as what they are in the file);
* TSV: the ``mt`` cell's offset in the row plus the column inside the cell;
* XLIFF (and documents built by the API without their raw line): unknown, so reports
  print ``path:LINE`` with the unit's line only; the snippet shows the place.
"""

from __future__ import annotations

import bisect
import json
from json.decoder import scanstring
from mtcheck.document import Document

RAW_JSON = "_mtcheck_raw_json"  # (raw record line as bytes, name of the mt field)
MT_COLUMN = "_mtcheck_mt_column"  # offset of the mt cell in a TSV row
_JSON_MAP = "_mtcheck_json_map"  # cached: value start, escape indices, extra raw characters

_WS = " \t\n\r"
_DECODER = json.JSONDecoder()


def attach_json(doc: Document, raw: bytes, mt_field: str) -> None:
    doc.__dict__[RAW_JSON] = (raw, mt_field)


def attach_tsv(doc: Document, offset: int) -> None:
    doc.__dict__[MT_COLUMN] = offset


def file_column(doc: Document, offset: int) -> int | None:
    """1-based column in the input file's line of ``doc.text[offset]``, or None."""
    if doc.record_line is None:
        return doc.position(offset)[1]
    if MT_COLUMN in doc.__dict__:
        if "\n" in doc.text[:offset]:
            return None
        return doc.__dict__[MT_COLUMN] + offset + 1
    raw = doc.__dict__.get(RAW_JSON)
    if raw is None:
        return None
    mapping = doc.__dict__.get(_JSON_MAP)
    if mapping is None:
        try:
            mapping = _json_map(raw[0].decode("utf-8"), raw[1])
        except (ValueError, IndexError, UnicodeDecodeError, RecursionError):
            mapping = False
        doc.__dict__[_JSON_MAP] = mapping
    if not mapping:
        return None
    start, escapes, extra = mapping
    # every escape before the character adds its extra raw characters
    index = bisect.bisect_left(escapes, offset)
    return start + 1 + offset + (extra[index - 1] if index else 0) + 1


def _skip(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in _WS:
        pos += 1
    return pos


def _value_start(line: str, key: str) -> int | None:
    """Index of the opening quote of the (last, as json.loads keeps it) ``key`` value."""
    pos = _skip(line, 0)
    if pos < len(line) and line[pos] == "\ufeff":
        pos = _skip(line, pos + 1)
    if line[pos] != "{":
        return None
    pos = _skip(line, pos + 1)
    found = None
    while pos < len(line) and line[pos] != "}":
        if line[pos] != '"':
            return None
        name, pos = scanstring(line, pos + 1)
        pos = _skip(line, pos)
        if line[pos] != ":":
            return None
        pos = _skip(line, pos + 1)
        if name == key:
            found = pos
        _, pos = _DECODER.raw_decode(line, pos)
        pos = _skip(line, pos)
        if pos < len(line) and line[pos] == ",":
            pos = _skip(line, pos + 1)
    return found


def _json_map(line: str, key: str) -> tuple[int, list[int], list[int]] | None:
    """Where the ``key`` string value starts in the raw line, and for each escape in it
    (by the index of the character it stands for) the raw characters added so far."""
    start = _value_start(line, key)
    if start is None or line[start] != '"':
        return None
    escapes: list[int] = []
    extra: list[int] = []
    added = 0
    pos = start + 1
    decoded = 0
    while True:
        char = line[pos]
        if char == '"':
            return start, escapes, extra
        if char == "\\":
            if line[pos + 1] == "u":
                width = 6
                code = int(line[pos + 2:pos + 6], 16)
                if 0xD800 <= code < 0xDC00 and line[pos + 6:pos + 8] == "\\u" \
                        and 0xDC00 <= int(line[pos + 8:pos + 12], 16) < 0xE000:
                    width = 12  # a surrogate pair is one character in the text
            else:
                width = 2
            pos += width
            added += width - 1
            escapes.append(decoded)
            extra.append(added)
        else:
            pos += 1
        decoded += 1
