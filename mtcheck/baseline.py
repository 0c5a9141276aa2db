"""Baselines, as linters keep them: record today's findings, then report only new ones.

A finding's key survives unrelated edits: document id, rule, the matched text and a
little normalised context on each side, never raw offsets. Keys are counted, so a
document that gains a second identical finding reports the new one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from mtcheck.document import Document
from mtcheck.errors import InputError
from mtcheck.findings import Finding

FORMAT_VERSION = 1
CONTEXT_CHARS = 24
_SPACE = re.compile(r"\s+")

Key = tuple[str, str, str, str]


def _context(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def finding_key(doc: Document, finding: Finding) -> Key:
    # Context stays inside the finding's own line (paragraph): an edit to another
    # paragraph must not turn an old finding into a new one.
    text = doc.text
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end == -1 else line_end
    before = _context(text[max(finding.start - CONTEXT_CHARS, line_start):finding.start])
    after = _context(text[finding.end:min(finding.end + CONTEXT_CHARS, line_end)])
    return (finding.doc, finding.rule, finding.text, f"{before}|{after}")


class BaselineWriter:
    def __init__(self) -> None:
        self.keys: Counter[Key] = Counter()

    def add(self, doc: Document, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.keys[finding_key(doc, finding)] += 1

    def dumps(self, signature: str) -> str:
        entries = [
            {"doc": doc, "rule": rule, "text": text, "context": context, "count": count}
            for (doc, rule, text, context), count in sorted(self.keys.items())
        ]
        return json.dumps(
            {"mtcheck_baseline": FORMAT_VERSION, "signature": signature, "findings": entries},
            ensure_ascii=False, indent=1,
        ) + "\n"


class Baseline:
    """Known findings; :meth:`new_only` drops those recorded, each key as often as recorded."""

    def __init__(self, keys: Counter[Key]) -> None:
        self.remaining = Counter(keys)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("baseline file not found", str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read baseline: {exc}", str(path)) from None
        except json.JSONDecodeError as exc:
            raise InputError(f"baseline is not valid JSON ({exc.msg})", str(path), exc.lineno) from None
        if not isinstance(data, dict) or data.get("mtcheck_baseline") != FORMAT_VERSION:
            raise InputError(
                f"not an mtcheck baseline (expected \"mtcheck_baseline\": {FORMAT_VERSION})", str(path)
            )
        keys: Counter[Key] = Counter()
        for number, entry in enumerate(data.get("findings", []), start=1):
            try:
                keys[(entry["doc"], entry["rule"], entry["text"], entry["context"])] += int(entry["count"])
            except (KeyError, TypeError, ValueError):
                raise InputError(f"baseline entry {number} is malformed", str(path)) from None
        return cls(keys)

    def new_only(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        fresh = []
        for finding in findings:
            key = finding_key(doc, finding)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
            else:
                fresh.append(finding)
        return fresh
