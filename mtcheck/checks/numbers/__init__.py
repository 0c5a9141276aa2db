"""The ``number`` rule family: numbers that differ between source and translation.

``check`` declares the rule and compares the two sides; ``values`` reads the numbers of
a text into candidate values; ``packs`` reads each language pack's number words and
separators.
"""

from mtcheck.checks.numbers.check import FAMILY

__all__ = ["FAMILY"]
