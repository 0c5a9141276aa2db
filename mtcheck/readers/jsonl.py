"""JSONL feeds: one record a line with ``id`` and ``mt`` (``src``, ``ref``, ``src_lang``,
``tgt_lang`` optional); ``--field mt=translation`` renames fields.

A record that cannot be read (bad JSON, JSON nested deeper than Python can parse, a
line over the size limit, no ``mt``) is an input error for that record alone. A lone
surrogate escape (``"\\ud800"``: valid JSON, but no UTF-8 can carry it) in a field we
read is replaced by U+FFFD, one character for one, and reported; the record is
checked, and no output format trips over it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mtcheck.document import Document
from mtcheck.errors import InputError, RepairedInput
from mtcheck.positions import attach_json
from mtcheck.readers import FIELD_NAMES, ReadOptions, ReadResult
from mtcheck.readers._io import decode, iter_lines


def read(path: str, options: ReadOptions) -> ReadResult:
    names = {name: options.field_name(name) for name in FIELD_NAMES}
    try:
        for number, raw in iter_lines(path):
            if not raw.strip():
                continue
            try:
                doc = record_to_document(_parse(raw, path, number), names, path, number, options)
            except InputError as exc:
                yield exc
                continue
            attach_json(doc, raw, names["mt"])  # file columns for reports
            repaired = _repair_surrogates(doc, path, number)
            if repaired is not None:
                yield repaired
            yield doc
    except InputError as exc:
        yield exc


def _parse(raw: bytes, path: str, number: int) -> dict[str, Any]:
    line = decode(raw, path, number)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, column {exc.colno})", path, number) from None
    except RecursionError:
        raise InputError("not valid JSON for mtcheck (nested too deeply)", path, number) from None
    if not isinstance(record, dict):
        raise InputError("a JSONL record must be a JSON object", path, number)
    return record


def record_to_document(
    record: dict[str, Any], names: dict[str, str], path: str, number: int, options: ReadOptions
) -> Document:
    mt = record.get(names["mt"])
    if not isinstance(mt, str):
        missing = "has no" if mt is None else "has a non-string"
        raise InputError(f"record {missing} {names['mt']!r} field", path, number)
    doc_id = record.get(names["id"])
    if doc_id is None:
        raise InputError(f"record has no {names['id']!r} field", path, number)
    doc = Document(
        mt,
        path=path,
        doc_id=str(doc_id),
        src=_text(record, names["src"], path, number),
        ref=_text(record, names["ref"], path, number),
        src_lang=_text(record, names["src_lang"], path, number) or options.src_lang,
        tgt_lang=_text(record, names["tgt_lang"], path, number) or options.tgt_lang,
        record_line=number,
    )
    if options.ignore_field in record:  # a per-record suppression (mtcheck.suppression)
        from mtcheck.suppression import attach

        attach(doc, options.ignore_field, record[options.ignore_field], number)
    return doc


def _text(record: dict[str, Any], name: str, path: str, number: int) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"field {name!r} must be a string", path, number)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _repair_surrogates(doc: Document, path: str, number: int) -> RepairedInput | None:
    """Replace lone surrogates in the fields a report shows; the error to report, if any."""
    fields = []
    for attr in ("doc_id", "text", "src", "ref", "src_lang", "tgt_lang"):
        value = getattr(doc, attr)
        if isinstance(value, str) and _SURROGATE_RE.search(value):
            setattr(doc, attr, _SURROGATE_RE.sub("\ufffd", value))
            fields.append({"doc_id": "id", "text": "mt"}.get(attr, attr))
    if not fields:
        return None
    return RepairedInput(f"lone surrogate escape in {', '.join(fields)}; checked with U+FFFD in its place",
                      path, number)
