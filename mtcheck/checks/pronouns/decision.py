"""What the resolver returns: candidates with their evidence and one decision per pronoun."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mtcheck.checks.pronouns.lexicon import Lexicon


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    type: str
    gender: str | None
    sentence: int
    distance: int  # sentences back from the pronoun (narrative sentences for narrative)
    role: str
    salience: float
    evidence: tuple[str, ...]
    entity: int  # the coreference chain it belongs to (pronouns join their antecedent's)


@dataclass(frozen=True)
class PronounDecision:
    start: int
    end: int
    text: str
    sentence: int
    in_quote: bool
    candidates: tuple[Candidate, ...]
    antecedent: Candidate | None
    rule: str | None
    suggestion: str | None
    confidence: float
    message: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class PronounData:
    lexicon: Lexicon
    pack: Any = None
    signature: dict[str, str] = field(default_factory=dict)
    calibration: Any = None  # mtcheck.checks.pronouns.calibration.Calibration
    agreement: Any = None  # mtcheck.checks.pronouns.agreement.AgreementData (gendered targets)
