"""Numbers that differ between source and translation.

Both sides are reduced to sets of candidate values, so every way of writing a number
matches every other: locale grouping (6 000, 6,000, 6.000), decimal commas, Arabic-Indic
digits, scale words (1,5 млн = 1.5 million), English number words. A document whose
source has no digit costs one regex search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterator

from mtcheck.checks.base import Example, Family, Hit, RuleInfo
from mtcheck.config import RunConfig
from mtcheck.datafiles import load_yaml_resource
from mtcheck.document import Document, Span
from mtcheck.errors import PackError
from mtcheck.findings import Category, Severity
from mtcheck.signature import short_hash

MISMATCH = RuleInfo(
    id="number.mismatch",
    category=Category.NUMBER,
    severity=Severity.ERROR,
    summary="A number of the source is missing from the translation or written as another number.",
    explanation="""\
## What it does
Compares the numbers written with digits in the source with the numbers of the
translation and flags each source number that the translation lost or changed.

## Why is this bad?
A wrong casualty count, sum or date in a news translation is a factual error, the
worst kind a translation can make, and metrics barely notice one changed token.

## How it matches
Every number becomes a set of values it may stand for: `6 000`, `6,000`, `6.000` and
`six thousand` all mean 6000; `3,5` is 3.5; `1,5 млн` and `1.5 million` are 1500000;
`٣٠` is 30; `24th` is 24; `14:00` and `2 p.m.` are the same hour; in a date
`24.02.2022` the day and the year count. Source numbers are matched to translation
numbers in order; a source number nobody matches is reported:

- at the translation number that stands in its place, when the aligned sentence has
  as many unmatched numbers as the source sentence (the suggestion is the source
  value, in English notation for English targets);
- otherwise at the aligned translation sentence (no suggestion), the source and
  translation being aligned sentence by sentence when they have as many sentences,
  and proportionally otherwise.

Only digits in the source are checked (number words there are left alone), and
extra numbers in the translation are never reported on their own: when in doubt,
stay silent. Needs the source.
""",
    examples=(
        Example("The army said forty drones were shot down.", True, text="forty", suggestion="30",
                src="Армия сообщила, что сбиты 30 беспилотников.", src_lang="ru"),
        Example("Aid worth 1.7 million euros arrived.", True, text="1.7 million", suggestion="1.5 million",
                src="Прибыла помощь на 1,5 млн евро.", src_lang="ru"),
        Example("About 2,500 people were evacuated.", True, text="2,500", suggestion="25,000",
                src="Евакуйовано близько 25 000 людей.", src_lang="uk"),
        Example("Officials said the strike killed civilians.", True,
                text="Officials said the strike killed civilians.",
                src="Чиновники сообщили, что погибли 12 мирных жителей.", src_lang="ru"),
        Example("Six thousand troops and 3.5 tonnes arrived on February 24th, 2022.", False,
                src="6 000 soldats et 3,5 tonnes sont arrivés le 24 février 2022.", src_lang="fr"),
        Example("The talks begin at 2 p.m.; 1.5 million people wait.", False,
                src="تبدأ المحادثات الساعة ١٤:٠٠؛ ينتظر ١٫٥ مليون شخص.", src_lang="ar"),
    ),
    needs_source=True,
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_HAS_DIGIT_RE = re.compile(r"[0-9٠-٩۰-۹]")
_NON_ASCII_DIGIT_RE = re.compile("[٠-٩۰-۹٫٬]")  # what _DIGITS translates
_MEMO_LIMIT = 50_000
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
    except (KeyError, TypeError, AttributeError, InvalidOperation) as exc:
        raise PackError(f"malformed number words ({exc.__class__.__name__}: {exc})", path) from None
    alternation = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
    pattern = re.compile(
        _NUMBER_TEMPLATE.format(sep=_SEP, spaces=_SPACES, scales=alternation), re.IGNORECASE
    )
    english = [w for w, (kind, _) in word_values.items() if kind != "scale" or w.isascii()]
    word_alt = "|".join(sorted(english, key=len, reverse=True))
    words = re.compile(rf"\b(?:{word_alt})(?:(?:\s+and\s+|[\s-]+)(?:{word_alt}))*\b", re.IGNORECASE)
    data = NumberData(pattern, scales, words, word_values,
                      {"numbers": short_hash(sorted(word_values), 8)})
    for text, expected in (raw.get("specs") or {}).items():
        got = [n.value for n in extract(str(text), data, english_words=True)]
        if got != [Decimal(str(v)) for v in expected]:
            raise PackError(f"spec failed: {text!r} should give {expected}, got {[str(g) for g in got]}", path)
    return data


# -- extraction -----------------------------------------------------------------------


def _ascii_digits(text: str) -> str:
    # One code point for one: offsets stay valid. str.translate is slow; most texts
    # have nothing to translate.
    return text.translate(_DIGITS) if _NON_ASCII_DIGIT_RE.search(text) else text


def extract(text: str, data: NumberData, english_words: bool) -> list[Number]:
    ascii_text = _ascii_digits(text)
    found = [n for m in data.pattern.finditer(ascii_text) for n in _from_match(m, data)]
    if english_words:
        taken = [(n.start, n.end) for n in found]
        for match in data.words.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                found.extend(_from_words(match, data))
    found.sort(key=lambda n: n.start)
    return found


def _from_match(m: re.Match[str], data: NumberData) -> list[Number]:
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
    return Number(m.start(hour_group), end, frozenset(values), Decimal(hour * 60 + minute), literal=True)


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

    for token in re.finditer(r"[A-Za-z]+", m.group()):
        word = token.group().lower()
        if word == "and":
            continue
        kind, value = data.word_values[word]
        t_start, t_end = m.start() + token.start(), m.start() + token.end()
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


def check(doc: Document, data: NumberData) -> Iterator[Hit]:
    if not doc.src or _HAS_DIGIT_RE.search(doc.src) is None:
        return
    if _all_found(_values(doc.src, data), _values(doc.text, data)):
        return  # the common case, decided without building a Number
    source = extract(doc.src, data, english_words=False)
    if not source:
        return
    target = extract(doc.text, data, english_words=False)
    unmatched, spare = _match(source, target)
    if unmatched and doc.target_language == "en":
        # Number words cost a scan with a long alternation: only when digits fall short.
        target = extract(doc.text, data, english_words=True)
        unmatched, spare = _match(source, target)
    if unmatched and any(n.parts for n in unmatched + spare):
        # Second chance for space-grouped numbers that were two numbers after all.
        lost, left = _match(_split(unmatched), _split(spare))
        unmatched = [
            n for n in unmatched
            if (any(p in lost for p in n.parts) if n.parts else n in lost)
        ]
        spare = _unsplit(spare, left)
    if unmatched:
        yield from _report(doc, unmatched, [n for n in spare if n.stand_in])


def _values(text: str, data: NumberData) -> list[frozenset[Decimal]]:
    """The value sets of ``extract(text, data, english_words=False)``, in order, memoised.

    What a match yields depends only on the matched text and the character after it
    (the pattern looks one character ahead and its look-behind has already passed),
    so the memo key is exact; a feed repeats its numbers, so hits are the rule.
    """
    ascii_text = _ascii_digits(text)
    memo = data.memo
    values: list[frozenset[Decimal]] = []
    for m in data.pattern.finditer(ascii_text):
        end = m.end()
        key = (m.group(), ascii_text[end:end + 1])
        found = memo.get(key)
        if found is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            found = memo[key] = tuple(n.values for n in _from_match(m, data))
        values.extend(found)
    return values


def _all_found(source: list[frozenset[Decimal]], target: list[frozenset[Decimal]]) -> bool:
    """Whether ``_match`` would leave no source number unmatched (the same greedy walk)."""
    used = [False] * len(target)
    for values in source:
        for index, candidate in enumerate(target):
            if not used[index] and values & candidate:
                used[index] = True
                break
        else:
            return False
    return True


def _match(source: list[Number], target: list[Number]) -> tuple[list[Number], list[Number]]:
    """Source numbers in order, each taking the first unused target number it may equal."""
    used = [False] * len(target)
    unmatched: list[Number] = []
    for number in source:
        for index, candidate in enumerate(target):
            if not used[index] and number.values & candidate.values:
                used[index] = True
                break
        else:
            unmatched.append(number)
    return unmatched, [n for n, taken in zip(target, used) if not taken]


def _split(numbers: list[Number]) -> list[Number]:
    return [part for n in numbers for part in (n.parts or (n,))]


def _unsplit(numbers: list[Number], left: list[Number]) -> list[Number]:
    """The numbers still unused: whole where no part was used, else the unused parts."""
    out: list[Number] = []
    for n in numbers:
        if not n.parts:
            out.extend([n] if n in left else [])
        elif all(p in left for p in n.parts):
            out.append(n)
        else:
            out.extend(p for p in n.parts if p in left)
    return out


def _report(doc: Document, unmatched: list[Number], spare: list[Number]) -> Iterator[Hit]:
    src_sentences = Document(doc.src or "").sentences
    mt_sentences = doc.sentences
    if not mt_sentences:
        mt_sentences = [Span(0, len(doc.text))] if doc.text else []
    if not mt_sentences:
        return  # an empty translation has nowhere to point

    def aligned(number: Number) -> int:
        index = _sentence_of(src_sentences, number.start)
        if len(src_sentences) == len(mt_sentences):
            return index
        return min(index * len(mt_sentences) // max(len(src_sentences), 1), len(mt_sentences) - 1)

    by_sentence: dict[int, tuple[list[Number], list[Number]]] = {}
    for number in unmatched:
        by_sentence.setdefault(aligned(number), ([], []))[0].append(number)
    for number in spare:
        index = _sentence_of(mt_sentences, number.start)
        if index in by_sentence:
            by_sentence[index][1].append(number)
    for index, (lost, stand_ins) in sorted(by_sentence.items()):
        if len(lost) == len(stand_ins):
            for number, stand_in in zip(lost, stand_ins):
                yield _changed(doc, number, stand_in)
        else:
            # One finding a sentence: findings are keyed by span, and the translator
            # fixes the sentence once.
            span = mt_sentences[index]
            shown = ", ".join(_show(number, doc.src or "") for number in lost)
            plural = "numbers" if len(lost) > 1 else "number"
            yield Hit(
                MISMATCH.id, span.start, span.end,
                f"The source {plural} {shown} cannot be found in this sentence of the translation.",
            )


def _sentence_of(sentences: list[Span], offset: int) -> int:
    index = 0
    for i, span in enumerate(sentences):
        if span.start <= offset:
            index = i
    return index


def _changed(doc: Document, number: Number, stand_in: Number) -> Hit:
    suggestion = _suggest(number, stand_in, doc)
    return Hit(
        MISMATCH.id, stand_in.start, stand_in.end,
        f"The source says {_show(number, doc.src or '')} where the translation says "
        f"'{doc.text[stand_in.start:stand_in.end]}': check the number.",
        suggestion,
    )


def _show(number: Number, src: str) -> str:
    return src[number.start:number.end]


def _suggest(number: Number, stand_in: Number, doc: Document) -> str:
    if doc.target_language != "en" or number.literal:
        return _show(number, doc.src or "").translate(_DIGITS)
    if stand_in.scale_word is not None:
        coefficient = number.value / stand_in.scale
        if coefficient == coefficient.quantize(Decimal("0.01")) and coefficient >= 1:
            return f"{_english(coefficient, grouped=False)} {stand_in.scale_word}"
    grouped = number.grouped or number.value >= 10000
    return _english(number.value, grouped)


def _english(value: Decimal, grouped: bool) -> str:
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return format(value, ",f" if grouped else "f")


FAMILY = Family(name="number", rules=(MISMATCH,), check=check, load=load)
