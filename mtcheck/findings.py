"""The findings contract (shared/spec/findings.md): one shape for every check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class FailLevel(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"

    def reached_by(self, severity: Severity) -> bool:
        if self is FailLevel.NEVER:
            return False
        return severity.rank >= Severity(self.value).rank


class Category(str, Enum):
    PRONOUN = "pronoun"
    NAME_VARIANT = "name-variant"
    NAME_INCONSISTENCY = "name-inconsistency"
    BOILERPLATE = "boilerplate"
    UNTRANSLATED = "untranslated"
    NUMBER = "number"
    PUNCTUATION = "punctuation"
    MODEL_DISAGREEMENT = "model-disagreement"


FIELDS = (
    "path", "doc", "start", "end", "line", "column", "input_line",
    "rule", "category", "severity", "text", "message", "suggestion",
)
# Present only where a rule weighs evidence (pronouns), after the required fields.
OPTIONAL_FIELDS = ("confidence",)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    doc: str
    start: int
    end: int
    line: int
    column: int
    input_line: int
    rule: str
    category: Category
    severity: Severity
    text: str
    message: str
    suggestion: str | None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "path": self.path,
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "input_line": self.input_line,
            "rule": self.rule,
            "category": self.category.value,
            "severity": self.severity.value,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    @property
    def confidence_word(self) -> str | None:
        """The confidence as a word for human reports."""
        if self.confidence is None:
            return None
        if self.confidence >= 0.9:
            return "very likely"
        if self.confidence >= 0.75:
            return "likely"
        return "possible"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        return cls(
            path=data["path"], doc=data["doc"], start=data["start"], end=data["end"],
            line=data["line"], column=data["column"], input_line=data["input_line"],
            rule=data["rule"], category=Category(data["category"]),
            severity=Severity(data["severity"]), text=data["text"],
            message=data["message"], suggestion=data["suggestion"],
            confidence=data.get("confidence"),
        )

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)
