"""The ``pronoun`` rule family: gendered pronouns for institutions and things, and
pronouns of the wrong gender.

``check`` declares the rules and turns decisions into hits. The resolution it rests on
lives beside it: ``resolver.resolve_pronouns(doc, data)`` gives one
:class:`~mtcheck.checks.pronouns.decision.PronounDecision` per gendered pronoun, built
from ``mentions`` (the chunker), ``lexicon``, ``evidence``, ``source_evidence``,
``wordnet`` and ``calibration``.
"""

from mtcheck.checks.pronouns.check import FAMILY

__all__ = ["FAMILY"]
