"""Numbers as sets of the values they may stand for: the extraction half of the number
family (:mod:`mtcheck.checks.numbers` compares the two sides and reports).

Every way of writing a number maps to the same values: locale grouping (6 000, 6,000,
6.000), decimal commas, Arabic-Indic digits, scale words (1,5 млн = 1.5 million),
English number words, ordinals, clock times. The word lists are data
(``data/numbers/words.yaml``) with specs that run at load.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from mtcheck.config import RunConfig
from mtcheck.datafiles import load_yaml_resource
from mtcheck.errors import PackError
from mtcheck.signature import short_hash

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
HAS_DIGIT_RE = re.compile(r"[0-9٠-٩۰-۹]")
_NON_ASCII_DIGIT_RE = re.compile("[٠-٩۰-۹٫٬]")  # what DIGITS translates
_SPACES = " \u00a0\u202f\u2009"
_SEP = rf"[{_SPACES}'.,]"

# Dates and clock times first, so "24.02.2022" is a day and a year, not 24.02 and 2022.
_NUMBER_TEMPLATE = (
    r"(?=\d)(?<![\d.,])(?:"  # the lookahead lets the engine skip to digits
    r"(?P<day>\d{{1,2}})(?P<ds>[./])\d{{1,2}}(?P=ds)(?P<year>\d{{4}})(?!\d)"
    r"|(?P<iyear>\d{{4}})-\d{{2}}-(?P<iday>\d{{2}})(?!\d)"
    r"|(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}})(?!\d))(?:\s?(?P<ampm>[ap])(?:\.m\.|m\b))?"
    r"|(?P<hour12>\d{{1,2}})\s?(?P<ampm12>[ap])(?:\.m\.|m\b)"
    r"|(?P<num>\d{{1,3}}(?:(?P<sep>{sep})\d{{3}}(?!\d))(?:(?P=sep)\d{{3}}(?!\d))*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?!\d)(?P<decade>s\b)?"
    r"(?:[{spaces}]?(?P<scale>{scales})\.?(?!\w))?"
    r")"
)


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    values: frozenset[Decimal]
    value: Decimal          # what the number says, scale included
    grouped: bool = False   # written with thousands separators
    scale: Decimal = Decimal(1)
    scale_word: str | None = None
    # Ordinal and idiom words ("third", "dozen") match but never stand in for a
    # changed number: "the third day" is too often not a translation of a digit.
    stand_in: bool = True
    # "3 410" may be 3410 or "April 3, 410 people": the numbers it splits into.
    parts: tuple["Number", ...] = ()
    literal: bool = False   # a clock time: suggest it as the source writes it


@dataclass(frozen=True)
class NumberData:
    pattern: re.Pattern[str]
    scales: dict[str, Decimal]
    words: re.Pattern[str]
    word_values: dict[str, tuple[str, Decimal]]   # word -> (kind, value)
    signature: dict[str, str] = field(default_factory=dict)
    # (matched text, next character) -> the value sets of the numbers it gives: see _values
    memo: dict[tuple[str, str], tuple[frozenset[Decimal], ...]] = field(default_factory=dict)
    fractions: dict[str, Decimal] = field(default_factory=dict)  # "and a half" -> 0.5
    # language packs (mtcheck/checks/numbers/packs.py): target -> number words; target ->
    # (decimal, group) separators for suggestions
    target_words: dict[str, Any] = field(default_factory=dict)
    conventions: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load(config: RunConfig) -> NumberData:
    path, raw = load_yaml_resource("numbers/words.yaml")
    scales: dict[str, Decimal] = {}
    word_values: dict[str, tuple[str, Decimal]] = {}
    try:
        for value, words in raw["scales"].items():
            for word in words:
                scales[str(word).lower()] = Decimal(value)
                word_values[str(word).lower()] = ("scale", Decimal(value))
        for kind in ("units", "tens", "ordinals", "others"):
            for word, value in raw[kind].items():
                word_values[str(word)] = (kind, Decimal(str(value)))
        for word in raw["hundred"]:
            word_values[str(word)] = ("hundred", Decimal(100))
        fractions = {str(w): Decimal(str(v)) for w, v in (raw.get("fractions") or {}).items()}
    except (KeyError, TypeError, AttributeError, InvalidOperation) as exc:
        raise PackError(f"malformed number words ({exc.__class__.__name__}: {exc})", path) from None
    alternation = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
    pattern = re.compile(
        _NUMBER_TEMPLATE.format(sep=_SEP, spaces=_SPACES, scales=alternation), re.IGNORECASE
    )
    english = [w for w, (kind, _) in word_values.items() if kind != "scale" or w.isascii()]
    word_alt = "|".join(sorted(english, key=len, reverse=True))
    fraction_alt = "|".join(sorted(fractions, key=len, reverse=True)) or "(?!)"
    words = re.compile(rf"\b(?:{word_alt})(?:(?:\s+and\s+|[\s-]+)(?:{word_alt})"
                       rf"|\s+and\s+an?\s+(?:{fraction_alt}))*\b", re.IGNORECASE)
    data = NumberData(pattern, scales, words, word_values,
                      {"numbers": short_hash(sorted(word_values) + sorted(fractions), 8)},
                      fractions=fractions)
    from mtcheck.checks.numbers import packs as number_packs

    pack_words, conventions = number_packs.load(config)
    data.target_words.update(pack_words)
    data.conventions.update(conventions)
    for text, expected in (raw.get("specs") or {}).items():
        got = [n.value for n in extract(str(text), data, english_words=True)]
        if got != [Decimal(str(v)) for v in expected]:
            raise PackError(f"spec failed: {text!r} should give {expected}, got {[str(g) for g in got]}", path)
    return data


# -- extraction -----------------------------------------------------------------------


def ascii_digits(text: str) -> str:
    # One code point for one: offsets stay valid. str.translate is slow; most texts
    # have nothing to translate.
    return text.translate(DIGITS) if _NON_ASCII_DIGIT_RE.search(text) else text


def extract(text: str, data: NumberData, english_words: bool) -> list[Number]:
    ascii_text = ascii_digits(text)
    found = [n for m in data.pattern.finditer(ascii_text) for n in from_match(m, data)]
    if english_words:
        # Digit numbers are disjoint and in order: a word match overlaps one iff the
        # first that ends after the match starts also starts before the match ends.
        starts = [n.start for n in found]
        ends = [n.end for n in found]
        for match in data.words.finditer(text):
            index = bisect.bisect_right(ends, match.start())
            if not (index < len(starts) and starts[index] < match.end()):
                found.extend(_from_words(match, data))
    found.sort(key=lambda n: n.start)
    return found


def from_match(m: re.Match[str], data: NumberData) -> list[Number]:
    if m.group("day"):
        return [_plain(m, "day"), _plain(m, "year")]
    if m.group("iyear"):
        return [_plain(m, "iyear"), _plain(m, "iday")]
    if m.group("hour") or m.group("hour12"):
        return [_clock(m)]
    raw = m.group("num")
    value, alternatives, grouped = _parse_digits(raw)
    values = set(alternatives)
    if m.group("decade") and len(raw) == 4:
        values.add(Decimal(raw[2:]))  # "the 1990s" for "90-х"
    scale, word, end = Decimal(1), None, m.end("num")
    if m.group("scale"):
        word, end = m.group("scale"), m.end()
        scale = data.scales[word.lower()]
        values |= {v * scale for v in alternatives}
        value *= scale
    parts: tuple[Number, ...] = ()
    if " " in raw and not word:
        offset = m.start("num")
        parts = tuple(
            _plain_at(offset + p.start(), p.group()) for p in re.finditer(r"[^ ]+", raw)
        )
    return [Number(m.start("num"), end, frozenset(values), value, grouped, scale, word, parts=parts)]


def _plain_at(start: int, digits: str) -> Number:
    value, alternatives, grouped = _parse_digits(digits)
    return Number(start, start + len(digits), frozenset(alternatives), value, grouped)


def _plain(m: re.Match[str], group: str) -> Number:
    value = Decimal(m.group(group))
    return Number(m.start(group), m.end(group), frozenset({value}), value)


def _clock(m: re.Match[str]) -> Number:
    hour_group = "hour" if m.group("hour") else "hour12"
    hour = int(m.group(hour_group))
    minute = int(m.group("minute") or 0)
    ampm = (m.group("ampm") or m.group("ampm12") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    values = {Decimal(hour * 60 + minute)}
    if minute == 0:
        # "в 14 часов" and "7 вечора" (7 in the evening) are the hour of "2 p.m." and "7 pm".
        values |= {Decimal(hour), Decimal(int(m.group(hour_group)))}
    end = m.end() if ampm else m.end("minute")
    parts: tuple[Number, ...] = ()
    if minute and not ampm:
        # "29:27" is a score as often as "14:30" is a time: its two numbers match the
        # source's "29-27" in the matcher's second chance ("5:00" is a time)
        parts = (_plain(m, hour_group), _plain(m, "minute"))
    return Number(m.start(hour_group), end, frozenset(values), Decimal(hour * 60 + minute),
                  parts=parts, literal=True)


def _parse_digits(raw: str) -> tuple[Decimal, list[Decimal], bool]:
    """The value a locale-formatted number most likely has, and every value it may have."""
    compact = re.sub(rf"[{_SPACES}']", "", raw)
    spaced = compact != raw
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        decimal_sep = "." if compact.rfind(".") > compact.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        return _dec(compact.replace(group_sep, "").replace(decimal_sep, ".")), [], True
    sep = "." if dots else "," if commas else ""
    if not sep:
        value = _dec(compact)
        return value, [value], spaced
    head, _, tail = compact.rpartition(sep)
    if compact.count(sep) > 1 or (len(tail) == 3 and not spaced and len(head) <= 3):
        grouped = _dec(compact.replace(sep, ""))
        alternatives = [grouped]
        if compact.count(sep) == 1:
            alternatives.append(_dec(compact.replace(sep, ".")))  # "6.000" may be 6.0
        return grouped, alternatives, True
    value = _dec(compact.replace(sep, ".").replace(",", ""))
    return value, [value], spaced


def _dec(text: str) -> Decimal:
    return Decimal(text)


def _from_words(m: re.Match[str], data: NumberData) -> list[Number]:
    """English number words: "forty-five", "two hundred and fifty", "three thousand"."""
    numbers: list[Number] = []
    total = current = Decimal(0)
    start = end = -1
    last = ""

    def flush() -> None:
        if start >= 0:
            value = total + current
            numbers.append(Number(start, end, frozenset({value}), value,
                                  stand_in=last not in ("ordinals", "others")))

    fraction_next = False
    for token in re.finditer(r"[A-Za-z]+", m.group()):
        word = token.group().lower()
        if word == "and":
            continue
        t_start, t_end = m.start() + token.start(), m.start() + token.end()
        if word in ("a", "an"):  # only in "and a half": the pattern allows nothing else
            fraction_next = True
            continue
        if fraction_next:
            # "three and a half": the fraction joins the number before it.
            fraction_next = False
            current += data.fractions[word]
            end = t_end
            continue
        kind, value = data.word_values[word]
        # A new number starts where two numbers meet: "two three", "forty fifty".
        if start >= 0 and (
            (kind in ("units", "tens") and last in ("units", "tens", "ordinals", "others"))
            or kind in ("ordinals", "others") and last != ""
            or last == "ordinals"
        ) and not (kind == "units" and last == "tens"):
            flush()
            total = current = Decimal(0)
            start = -1
        if start < 0:
            start = t_start
        end = t_end
        if kind == "hundred":
            current = (current or 1) * value
        elif kind == "scale":
            total += (current or 1) * value
            current = Decimal(0)
        else:
            current += value
        last = kind
    flush()
    return numbers


# -- checking -------------------------------------------------------------------------
