"""Reading findings back: ``--format jsonl`` (one finding a line) or ``--format json``
(one document with a ``findings`` array), told apart by the first line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from mtcheck.errors import InputError
from mtcheck.findings import Finding

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _finding(data: Any, name: str, line: int | None) -> Finding:
    if isinstance(data, dict):
        # A lone surrogate escape ("\\ud800") is valid JSON that no UTF-8 output can
        # carry: it becomes U+FFFD, as the feed reader does.
        data = {k: _SURROGATE_RE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in data.items()}
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


def read_findings(path: Path | str, errors: list[InputError] | None = None) -> Iterator[Finding]:
    """Findings of an mtcheck JSONL or JSON report (``-`` for stdin). With ``errors``, a
    JSONL line that cannot be read is appended there and reading goes on."""
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
                try:
                    finding = _finding(_loads(decode(raw, name, number), name, number), name, number)
                except InputError as exc:
                    if errors is None:
                        raise
                    errors.append(exc)
                    continue
                yield finding
        return
    # Not a finding on its first line: one JSON document (`--format json`).
    text = "\n".join([head] + [decode(r, name, n) for n, r in lines])
    data = _loads(text, name, number)
    if isinstance(data, dict) and isinstance(data.get("findings"), list):
        for item in data["findings"]:
            yield _finding(item, name, None)
        return
    raise InputError("neither mtcheck JSONL findings nor an mtcheck --format json report", name)
