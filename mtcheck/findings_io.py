"""Reading findings back: ``--format jsonl`` (one finding a line) or ``--format json``
(one document with a ``findings`` array), told apart by the first line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from mtcheck.errors import InputError
from mtcheck.findings import Finding


def _finding(data: Any, name: str, line: int | None) -> Finding:
    try:
        return Finding.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"not an mtcheck finding ({exc})", name, line) from None


def _loads(text: str, name: str, line: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", name, line + exc.lineno - 1) from None
    except RecursionError:
        raise InputError("not valid JSON (nested too deeply)", name, line) from None


def read_findings(path: Path | str) -> Iterator[Finding]:
    """Findings of an mtcheck JSONL or JSON report (``-`` for stdin)."""
    from mtcheck.readers._io import decode, iter_lines

    name = str(path)
    lines = iter_lines(name)
    first: tuple[int, bytes] | None = None
    for number, raw in lines:
        if raw.strip():
            first = (number, raw)
            break
    if first is None:
        return
    number, raw = first
    head = decode(raw, name, number)
    try:
        record = json.loads(head)
    except (json.JSONDecodeError, RecursionError):
        record = None
    if isinstance(record, dict) and "rule" in record:
        yield _finding(record, name, number)
        for number, raw in lines:
            if raw.strip():
                yield _finding(_loads(decode(raw, name, number), name, number), name, number)
        return
    # Not a finding on its first line: one JSON document (`--format json`).
    text = "\n".join([head] + [decode(r, name, n) for n, r in lines])
    data = _loads(text, name, number)
    if isinstance(data, dict) and isinstance(data.get("findings"), list):
        for item in data["findings"]:
            yield _finding(item, name, None)
        return
    raise InputError("neither mtcheck JSONL findings nor an mtcheck --format json report", name)
