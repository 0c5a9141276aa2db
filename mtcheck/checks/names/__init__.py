"""The ``name`` rule family: spellings of people, places and organisations.

``check`` declares the rules and reports; ``cluster`` groups unknown spellings of one
name; ``nearmiss`` finds unknown names close to a known one; ``forms`` holds case forms
and given-name forms; ``context`` reads the cues and transliteration keys from data.
"""

from mtcheck.checks.names.check import FAMILY

__all__ = ["FAMILY"]
