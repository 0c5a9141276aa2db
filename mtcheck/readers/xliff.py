"""XLIFF 1.2 and 2.x (``.xlf``, ``.xliff``, ``.sdlxliff``): one document a unit.

* A document is a ``<trans-unit>`` (1.2) or ``<unit>`` (2.x); its id is the unit's
  ``id`` (``path:line`` when it has none), its text the target, its ``src`` the source.
  A 2.x unit's segments and ignorables are joined in order (an ignorable without a
  target contributes its source: it is whitespace between segments).
* Inline markup: elements that wrap translatable text (``<g>``, ``<mrk>``, ``<pc>``)
  keep their text; placeholders and native codes (``<x/>``, ``<bx/>``, ``<ex/>``,
  ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sc/>``, ``<ec/>``, ``<sm/>``, ``<em/>``)
  become nothing, their ``equiv-text`` included. The checks are about words a reader
  sees; a placeholder's stand-in text (``{1}``, ``<br/>``) would only trip the
  punctuation and leftover-placeholder rules on markup the translator did not write.
  ``<cp hex="..."/>`` (2.x) becomes its character.
* Languages come from ``<file source-language target-language>`` (1.2) or
  ``<xliff srcLang trgLang>`` (2.x); ``--src-lang``/``--tgt-lang`` fill in a missing one.
* A unit without a target, or with an empty target for a non-empty source, is an
  ``InputError`` naming the unit: a QA tool reports untranslated units (as Okapi
  CheckMate and Xbench do) rather than silently skipping them. Units marked
  ``translate="no"`` are not meant to be translated and are skipped.
* ``input_line`` (``record_line``) is the line of the unit's start tag, read from
  expat as the tag is parsed, so it costs nothing.

Parsing streams: defusedxml's parser (no entity expansion, no external references)
feeds a target that builds only the unit being read and drops it once yielded, so
memory does not grow with the file. Broken XML is an ``InputError`` with the file and
line; units before the error are still yielded.
"""

from __future__ import annotations

from typing import Any, Iterator
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import open_binary

_CHUNK = 1 << 16
_UNITS = frozenset({"trans-unit", "unit"})
# Placeholders and native codes: not text a reader sees.
_DROP = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em", "sub"})
_REFUSED = {
    "EntitiesForbidden": "entity declarations are",
    "ExternalReferenceForbidden": "external references are",
    "DTDForbidden": "a DTD is",
    "NotSupportedError": "this construct is",
}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class _UnitCollector:
    """Parser target that builds one unit subtree at a time."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.expat: Any = None
        self.seen_root = False
        self.root_langs: tuple[str | None, str | None] = (None, None)
        self.langs: tuple[str | None, str | None] = (None, None)
        self.builder: TreeBuilder | None = None
        self.depth = 0
        self.unit_line = 0
        self.done: list[tuple[Element, int, tuple[str | None, str | None]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.builder is not None:
            self.builder.start(tag, attrib)
            self.depth += 1
            return
        local = _local(tag)
        if not self.seen_root:
            self.seen_root = True
            if local != "xliff":
                raise InputError(f"not an XLIFF file (root element <{local}>)", self.path,
                                 self.expat.CurrentLineNumber)
            self.root_langs = self.langs = (attrib.get("srcLang"), attrib.get("trgLang"))
        elif local == "file":
            self.langs = (
                attrib.get("source-language") or self.root_langs[0],
                attrib.get("target-language") or self.root_langs[1],
            )
        elif local in _UNITS:
            self.builder = TreeBuilder()
            self.builder.start(tag, attrib)
            self.depth = 1
            self.unit_line = self.expat.CurrentLineNumber

    def end(self, tag: str) -> None:
        if self.builder is None:
            return
        self.builder.end(tag)
        self.depth -= 1
        if self.depth == 0:
            self.done.append((self.builder.close(), self.unit_line, self.langs))
            self.builder = None

    def data(self, text: str) -> None:
        if self.builder is not None:
            self.builder.data(text)

    def close(self) -> None:
        return None


def read(path: str, options: ReadOptions) -> ReadResult:
    collector = _UnitCollector(path)
    parser = DefusedXMLParser(target=collector)
    collector.expat = parser.parser
    try:
        handle = open_binary(path)
    except InputError as exc:
        yield exc
        return
    try:
        while True:
            try:
                chunk = handle.read(_CHUNK)
            except OSError as exc:
                yield from _flush(collector, path, options)
                yield InputError(f"cannot read: {exc.strerror or exc}", path)
                return
            failure = _feed(parser, chunk, path)
            yield from _flush(collector, path, options)
            if failure is not None:
                yield failure
                return
            if not chunk:
                return
    finally:
        if path != "-":
            handle.close()


def _feed(parser: DefusedXMLParser, chunk: bytes, path: str) -> InputError | None:
    """Feed one chunk (an empty one ends the document); a parse failure as a value."""
    try:
        if chunk:
            parser.feed(chunk)
        else:
            parser.close()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        return InputError(f"XML error: {_reason(exc)}", path, line)
    except DefusedXmlException as exc:
        # Entity declarations and external references could expand without bound or
        # reach outside the file; XLIFF never needs them.
        what = _REFUSED.get(type(exc).__name__, type(exc).__name__)
        return InputError(f"refused XML: {what} not allowed", path, parser.parser.CurrentLineNumber)
    except InputError as exc:
        return exc
    return None


def _reason(exc: ParseError) -> str:
    # expat's message ends in ": line N, column M", which the InputError prefix repeats.
    return str(exc).split(":")[0]


def _flush(collector: _UnitCollector, path: str, options: ReadOptions) -> Iterator[Document | InputError]:
    done, collector.done = collector.done, []
    for unit, line, langs in done:
        try:
            doc = _document(unit, line, langs, path, options)
        except InputError as exc:
            yield exc
            continue
        if doc is not None:
            yield doc


def _document(
    unit: Element, line: int, langs: tuple[str | None, str | None], path: str, options: ReadOptions
) -> Document | None:
    if unit.get("translate") == "no":
        return None
    unit_id = unit.get("id")
    name = f"unit {unit_id!r}" if unit_id else "unit"
    if _local(unit.tag) == "trans-unit":
        source, target = _child(unit, "source"), _child(unit, "target")
        src = _content(source, path, line) if source is not None else ""
        if target is None:
            raise InputError(f"{name} has no target (untranslated)", path, line)
        text = _content(target, path, line)
    else:
        src, text = _segments(unit, name, path, line)
    if not text.strip() and src.strip():
        raise InputError(f"{name} has an empty target (untranslated)", path, line)
    doc = Document(
        text,
        path=path,
        doc_id=unit_id or f"{path}:{line}",
        src=src,
        src_lang=langs[0] or options.src_lang,
        tgt_lang=langs[1] or options.tgt_lang,
        record_line=line,
    )
    from mtcheck.suppression import attach_xliff_notes

    attach_xliff_notes(doc, unit)  # <note>mtcheck: ignore RULES</note>
    return doc


def _segments(unit: Element, name: str, path: str, line: int) -> tuple[str, str]:
    sources: list[str] = []
    targets: list[str] = []
    for part in unit:
        kind = _local(part.tag)
        if kind not in ("segment", "ignorable"):
            continue
        source, target = _child(part, "source"), _child(part, "target")
        src = _content(source, path, line) if source is not None else ""
        sources.append(src)
        if target is not None:
            targets.append(_content(target, path, line))
        elif kind == "ignorable":
            targets.append(src)
        else:
            raise InputError(f"{name} has a segment without a target (untranslated)", path, line)
    if not targets:
        raise InputError(f"{name} has no target (untranslated)", path, line)
    return "".join(sources), "".join(targets)


def _child(elem: Element, local: str) -> Element | None:
    for child in elem:
        if _local(child.tag) == local:
            return child
    return None


def _content(elem: Element, path: str, line: int) -> str:
    parts = [elem.text or ""]
    for child in elem:
        local = _local(child.tag)
        if local == "cp":
            parts.append(_code_point(child.get("hex", ""), path, line))
        elif local not in _DROP:
            parts.append(_content(child, path, line))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str, path: str, line: int) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        raise InputError(f"<cp hex={hex_value!r}> is not a code point", path, line) from None
