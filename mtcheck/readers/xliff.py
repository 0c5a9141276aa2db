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
* A code or formatting element (all of the above but ``<mrk>``, ``<sm/>``, ``<em/>``)
  is a word boundary: where it sits between two letters or digits, the checked text
  gets one space, so ``in<x/>Kiev`` reads ``in Kiev`` and the variant is found. Offsets
  are into that checked text (the document's ``text``), as for every input.
* Protected text (``translate="no"`` on an inline element or an ``<sm/>``..``<em/>``
  range, ``<mrk mtype="protected">`` in 1.2) is checked as context but gets no
  findings: a finding that falls on it is dropped (``mtcheck.protected``). A unit,
  group or file marked ``translate="no"`` is skipped.
* Languages come from ``<file source-language target-language>`` (1.2) or
  ``<xliff srcLang trgLang>`` (2.x); ``--src-lang``/``--tgt-lang`` fill in a missing one.
* A unit without a target, or with an empty target for a non-empty source, is not
  translated yet: it is skipped and counted (a ``SkippedInput``: the run's summary says
  how many), not an input error, since a file in translation has many.
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
from mtcheck.errors import InputError, SkippedInput
from mtcheck.readers import ReadOptions, ReadResult
from mtcheck.readers._io import open_binary

_CHUNK = 1 << 16
_UNITS = frozenset({"trans-unit", "unit"})
# Placeholders and native codes: not text a reader sees.
_DROP = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em", "sub"})
# Inline codes and formatting that separate words ("in<x/>Kiev"); annotations do not.
_BOUNDARY = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "g", "pc"})
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
        # translate="no" of each open element outside units (file, group): inherited
        self.no_translate: list[bool] = []
        self.done: list[tuple[Element, int, tuple[str | None, str | None], bool]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.builder is not None:
            self.builder.start(tag, attrib)
            self.depth += 1
            return
        local = _local(tag)
        inherited = bool(self.no_translate) and self.no_translate[-1]
        if local not in _UNITS:
            self.no_translate.append(inherited or _translate_no(attrib))
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
            if self.no_translate:
                self.no_translate.pop()
            return
        self.builder.end(tag)
        self.depth -= 1
        if self.depth == 0:
            inherited = bool(self.no_translate) and self.no_translate[-1]
            self.done.append((self.builder.close(), self.unit_line, self.langs, inherited))
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
    for unit, line, langs, no_translate in done:
        if no_translate:
            continue  # in a group or file marked translate="no"
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
    if _translate_no(unit.attrib):
        return None
    unit_id = unit.get("id")
    name = f"unit {unit_id!r}" if unit_id else "unit"
    target_text = _Text()
    if _local(unit.tag) == "trans-unit":
        source, target = _child(unit, "source"), _child(unit, "target")
        src = _content(source, path, line, _Text()).text() if source is not None else ""
        if target is None:
            raise SkippedInput(f"{name} has no target (untranslated): skipped", path, line)
        _content(target, path, line, target_text)
    else:
        src = _segments(unit, name, path, line, target_text)
    text = target_text.text()
    if not text.strip() and src.strip():
        raise SkippedInput(f"{name} has an empty target (untranslated): skipped", path, line)
    doc = Document(
        text,
        path=path,
        doc_id=unit_id or f"{path}:{line}",
        src=src,
        src_lang=langs[0] or options.src_lang,
        tgt_lang=langs[1] or options.tgt_lang,
        record_line=line,
    )
    if target_text.protected:
        from mtcheck.protected import attach

        attach(doc, target_text.protected)
    from mtcheck.suppression import attach_xliff_notes

    attach_xliff_notes(doc, unit)  # <note>mtcheck: ignore RULES</note>
    return doc


def _segments(unit: Element, name: str, path: str, line: int, target_text: "_Text") -> str:
    """The source of a 2.x unit; its target goes into ``target_text``."""
    sources: list[str] = []
    targets = 0
    for part in unit:
        kind = _local(part.tag)
        if kind not in ("segment", "ignorable"):
            continue
        source, target = _child(part, "source"), _child(part, "target")
        src = _content(source, path, line, _Text()).text() if source is not None else ""
        sources.append(src)
        if target is not None:
            _content(target, path, line, target_text)
            targets += 1
        elif kind == "ignorable":
            target_text.add(src)
            targets += 1
        else:
            raise SkippedInput(f"{name} has a segment without a target (untranslated): skipped", path, line)
    if not targets:
        raise SkippedInput(f"{name} has no target (untranslated): skipped", path, line)
    return "".join(sources)


def _child(elem: Element, local: str) -> Element | None:
    for child in elem:
        if _local(child.tag) == local:
            return child
    return None


def _translate_no(attrib: Any) -> bool:
    """``translate="no"`` (any namespace: ITS too) or 1.2's ``mtype="protected"``."""
    for key, value in attrib.items():
        if _local(key) == "translate" and value == "no":
            return True
    return attrib.get("mtype") == "protected"


class _Text:
    """The checked text of a target, built piece by piece: a space where a code sits
    between two letters or digits, and the spans of protected text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.last = ""
        self.pending = False  # a code was passed since the last character
        self.protected: list[tuple[int, int]] = []

    def add(self, piece: str) -> None:
        if not piece:
            return
        if self.pending and self.last.isalnum() and piece[0].isalnum():
            self.parts.append(" ")
            self.length += 1
        self.pending = False
        self.parts.append(piece)
        self.length += len(piece)
        self.last = piece[-1]

    def boundary(self) -> None:
        self.pending = True

    def protect(self, start: int, end: int) -> None:
        if end > start:
            self.protected.append((start, end))

    def text(self) -> str:
        return "".join(self.parts)


def _content(elem: Element, path: str, line: int, out: _Text) -> _Text:
    """Append the text of ``elem`` to ``out``. Iterative: nesting as deep as expat
    allows must not exhaust Python's stack."""
    out.add(elem.text or "")
    open_ranges: dict[str, int] = {}  # <sm id translate="no"/> -> where it starts
    stack: list[tuple[Element, Iterator[Element], int | None]] = [(elem, iter(elem), None)]
    while stack:
        node, children, protected_from = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:  # leaving an inline element (not ``elem`` itself)
                if protected_from is not None:
                    out.protect(protected_from, out.length)
                if _local(node.tag) in _BOUNDARY:
                    out.boundary()
                out.add(node.tail or "")
            continue
        local = _local(child.tag)
        if local == "cp":
            out.add(_code_point(child.get("hex", ""), path, line))
        elif local == "sm" and _translate_no(child.attrib):
            open_ranges[child.get("id", "")] = out.length
        elif local == "em" and child.get("startRef", "") in open_ranges:
            out.protect(open_ranges.pop(child.get("startRef", "")), out.length)
        elif local in _DROP:
            if local in _BOUNDARY:
                out.boundary()
        else:
            if local in _BOUNDARY:
                out.boundary()
            start = out.length if _translate_no(child.attrib) else None
            out.add(child.text or "")
            stack.append((child, iter(child), start))
            continue
        out.add(child.tail or "")
    for start in open_ranges.values():  # an <sm/> never closed: protected to the end
        out.protect(start, out.length)
    return out


def _code_point(hex_value: str, path: str, line: int) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        raise InputError(f"<cp hex={hex_value!r}> is not a code point", path, line) from None
