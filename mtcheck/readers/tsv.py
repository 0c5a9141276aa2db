"""TSV bitext: one document a row.

Columns are found in one of two ways:

* **Header row.** The first non-empty row is a header when one of its cells is a
  field name we know (``id``, ``mt``, ``src``, ``ref``, ``src_lang``, ``tgt_lang``,
  or the feed's own name given by ``--field mt=translation``). Columns are then
  taken by name; other columns are ignored; the header must name the ``mt`` column.
* **No header.** Two columns are ``src<TAB>mt`` (the usual bitext layout); three
  are ``id<TAB>src<TAB>mt``. Every row must have as many columns as the first one.

Quoting follows the MT convention (Moses, Marian, WMT, OPUS TSVs): none at all
(``csv.QUOTE_NONE``), so a ``"`` is an ordinary character and a field can hold
neither a tab nor a newline. A row with the wrong number of columns is an
``InputError`` for that line; the other rows are still read. The document id is the
``id`` column, or ``path:line`` without one; ``record_line`` is the row's line.
"""

from __future__ import annotations

import csv
from typing import Iterator

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.positions import attach_tsv
from mtcheck.readers import FIELD_NAMES, ReadOptions, ReadResult
from mtcheck.readers._io import decode, iter_lines

# Column layout of a header-less file, by its number of columns.
_POSITIONAL: dict[int, tuple[str, ...]] = {2: ("src", "mt"), 3: ("id", "src", "mt")}


def read(path: str, options: ReadOptions) -> ReadResult:
    names = {name: options.field_name(name) for name in FIELD_NAMES}
    names["ignore"] = options.ignore_field  # a header column of per-row suppressions
    columns: dict[str, int] | None = None  # our field name -> column index
    width = 0
    try:
        for number, cells in _rows(path):
            if isinstance(cells, InputError):
                yield cells
                continue
            if columns is None:
                header = _header_columns(cells, names)
                if header is not None:
                    if "mt" not in header:
                        yield InputError(
                            f"the header names no {names['mt']!r} column "
                            f"(use --field mt=COLUMN to name it)", path, number)
                        return
                    columns, width = header, len(cells)
                    continue
                layout = _POSITIONAL.get(len(cells))
                if layout is None:
                    yield InputError(
                        f"{len(cells)} tab-separated column(s); a TSV without a header "
                        f"needs 2 (src, mt) or 3 (id, src, mt)", path, number)
                    return
                columns, width = {name: i for i, name in enumerate(layout)}, len(cells)
            if len(cells) != width:
                yield InputError(
                    f"{len(cells)} tab-separated column(s), expected {width}", path, number)
                continue
            yield _document(cells, columns, path, number, options)
    except InputError as exc:
        yield exc


def _rows(path: str) -> Iterator[tuple[int, list[str] | InputError]]:
    for number, raw in iter_lines(path):
        if not raw.strip():
            continue
        try:
            line = decode(raw, path, number)
        except InputError as exc:
            yield number, exc
            continue
        try:
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        except csv.Error as exc:
            yield number, InputError(f"not a TSV row ({exc})", path, number)
            continue
        yield number, cells


def _header_columns(cells: list[str], names: dict[str, str]) -> dict[str, int] | None:
    by_name = {name: ours for ours, name in names.items()}
    found = {by_name[c.strip()]: i for i, c in enumerate(cells) if c.strip() in by_name}
    return found or None


def _document(
    cells: list[str], columns: dict[str, int], path: str, number: int, options: ReadOptions
) -> Document:
    def cell(name: str) -> str | None:
        index = columns.get(name)
        return cells[index] if index is not None else None

    doc_id = cell("id")
    doc = Document(
        cells[columns["mt"]],
        path=path,
        doc_id=doc_id if doc_id else f"{path}:{number}",
        src=cell("src"),
        ref=cell("ref"),
        src_lang=cell("src_lang") or options.src_lang,
        tgt_lang=cell("tgt_lang") or options.tgt_lang,
        record_line=number,
    )
    attach_tsv(doc, len("\t".join(cells[:columns["mt"]])) + (1 if columns["mt"] else 0))
    if cell("ignore"):
        from mtcheck.suppression import attach

        attach(doc, options.ignore_field, cell("ignore"), number)
    return doc
