"""The number family's per-language data from the language packs (``numbers.yaml`` in
``mtcheck/data/languages/<lang>/``): number words of non-English targets and the
decimal and group separators that suggestions are written with."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from mtcheck.errors import PackError

WordTable = dict[str, tuple[re.Pattern[str], dict[str, Decimal]]]


def load(config: Any) -> tuple[WordTable, dict[str, tuple[str, ...]]]:
    from mtcheck.languages import packs_for

    words_by_lang: WordTable = {}
    conventions: dict[str, tuple[str, ...]] = {}  # (decimal, preferred group, every group ...)
    for code, pack in packs_for(config).items():
        if "numbers" not in pack.supports:
            continue
        conventions[code] = (pack.decimal, pack.group,
                             *(str(g) for g in (pack.numbers.get("group") or [pack.group])))
        raw_words = pack.numbers.get("words") or {}
        if code == "en" or not raw_words:
            continue  # English words: data/numbers/words.yaml and its grammar
        try:
            values = {str(w).lower(): Decimal(str(v)) for w, v in raw_words.items()}
        except (InvalidOperation, AttributeError) as exc:
            raise PackError(f"malformed number words ({exc})", pack.numbers_path) from None
        alternation = "|".join(re.escape(w) for w in sorted(values, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        words_by_lang[code] = (pattern, values)
        for text, expected in (pack.numbers.get("specs") or {}).items():
            got = [values[m.group().lower()] for m in pattern.finditer(str(text))]
            if got != [Decimal(str(v)) for v in expected]:
                raise PackError(f"spec failed: {text!r} should give {expected}, got {[str(g) for g in got]}",
                                pack.numbers_path)
    return words_by_lang, conventions


def pack_words(text: str, lang: str, table: WordTable, digits: list[Any]) -> list[Any]:
    """The target pack's number words ("trois", "fünf", "три") that no digit number
    overlaps, one number each."""
    from mtcheck.checks.numbers.values import Number

    found = table.get(lang)
    if found is None:
        return []
    pattern, values = found
    out = []
    for m in pattern.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in digits):
            continue
        value = values[m.group().lower()]
        out.append(Number(m.start(), m.end(), frozenset({value}), value))
    return out


def format_local(value: Decimal, decimal: str, group: str, grouped: bool) -> str:
    """``value`` with a pack's separators: 25000 -> "25 000" (fr, U+202F), "25.000" (de)."""
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    text = format(value, ",f" if grouped else "f")
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


def suggest(literal: str, value: Decimal, grouped: bool, convention: tuple[str, ...]) -> str:
    """The source's number as the target writes it: the source's own form when the
    target's separators read it the same ("25 000" for fr), else the pack's form."""
    decimal, group, *groups = convention
    separators = {c for c in literal if not c.isdigit()}
    fractional = value != value.to_integral_value()
    if separators <= {decimal, *groups} and (decimal in separators) == fractional:
        return literal
    return format_local(value, decimal, group, grouped)
