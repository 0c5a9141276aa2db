"""Run signatures, as sacrebleu prints them: same input + same signature = same findings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from mtcheck import __version__


def short_hash(parts: Iterable[str], length: int = 10) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Signature:
    """Ordered ``key:value`` fields; the version comes last, as in sacrebleu."""

    fields: Mapping[str, str] = field(default_factory=dict)

    def format(self) -> str:
        items = [f"{k}:{v}" for k, v in self.fields.items() if v]
        return "|".join(items + [f"version:{__version__}"])

    def as_dict(self) -> dict[str, str]:
        return {**{k: v for k, v in self.fields.items() if v}, "version": __version__}

    def __str__(self) -> str:
        return self.format()
