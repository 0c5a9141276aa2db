"""Segments and fragments in the wrong language, in the target's own script.

Part of the untranslated family (:mod:`mtcheck.checks.untranslated` runs it). The
script rule sees Cyrillic in English; this sees French in English, Ukrainian in
Russian, English in German: the same script, another language.

Cost: one regex pre-scan of each document for the stop-words of the other packs that
the target's pack does not share (in C), kept where they are distinctive of their
language against the target ("the" in French, "la" in English, "что" in Ukrainian).
Only a sentence holding one is read word by word: a word is of the language where
its wordfreq Zipf frequency is clearly higher (the target's full list, the small
lists of the suspected languages: a tenth of the load time), neutral when about as
frequent in both ("team" in German); only a candidate run or sentence goes to the
identifier (py3langid, restricted to the target and the suspected language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from mtcheck import langid
from mtcheck.checks.base import Hit
from mtcheck.document import Document, Span
from mtcheck.languages import LanguagePack, language_name, packs_for
from mtcheck.rules import rule

LANGUAGE = rule("untranslated.language")
FRAGMENT = rule("untranslated.fragment")

RULES = (LANGUAGE, FRAGMENT)

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_URLISH_RE = re.compile(r"\S*(?:https?://|www\.|@)\S*|\S+\.(?:com|org|net|ru|ua|fr|de)\b\S*")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

MIN_SENTENCE_WORDS = 5
SENTENCE_SHARE = 0.6
MIN_FRAGMENT_WORDS = 3
CONFIDENCE = 0.9


@dataclass(frozen=True)
class LanguageData:
    packs: dict[str, LanguagePack]
    packs_key: tuple[str, ...]
    # target -> the stop-words of other packs that the target does not list
    prescan: dict[str, frozenset[str]] = field(default_factory=dict)
    # (target, word) -> whether the prescan word is distinctive of its language against
    # the target (see _distinctive), decided at its first sight (it reads wordfreq)
    distinctive: dict[tuple[str, str], bool] = field(default_factory=dict)
    # target -> {word: languages whose distinct stop-word it is}
    stop_langs: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    established: dict[str, re.Pattern[str] | None] = field(default_factory=dict)


def load(config: object) -> LanguageData:
    packs = packs_for(config)
    key = tuple(str(p) for p in (getattr(config, "language_packs", ()) or ()))
    prescan: dict[str, re.Pattern[str]] = {}
    stop_langs: dict[str, dict[str, frozenset[str]]] = {}
    established: dict[str, re.Pattern[str] | None] = {}
    for code, pack in packs.items():
        if "fragments" not in pack.supports and "language-id" not in pack.supports:
            continue
        owners: dict[str, set[str]] = {}
        for other, opack in packs.items():
            if other == code:
                continue
            for word in opack.stopwords - pack.stopwords:
                owners.setdefault(word, set()).add(other)
        # a word several other packs list ("de", "la") is still foreign to this target
        stop_langs[code] = {w: frozenset(ls) for w, ls in owners.items()}
        if owners:
            prescan[code] = frozenset(owners)
        phrases = sorted(pack.established, key=len, reverse=True)
        established[code] = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE
        ) if phrases else None
    return LanguageData(packs, key, prescan=prescan, stop_langs=stop_langs, established=established)


def check(doc: Document, data: LanguageData) -> Iterator[Hit]:
    target = doc.target_language
    words = data.prescan.get(target)
    if not words:
        return
    text = doc.text
    # lower case only: "Le Monde", "Der Spiegel", "La Paz" are names
    present = words.intersection(_WORD_RE.findall(text))
    if not present:
        return  # the common case: one tokenising regex in C and a set operation
    words = frozenset(w for w in present if _distinctive(w, target, data))
    if not words:
        return
    pack = data.packs[target]
    src = (doc.src_lang or "").split("-")[0] or None
    done_upto = -1
    for match in _WORD_RE.finditer(text):
        if match.start() < done_upto or match.group() not in words:
            continue
        span = _sentence_at(doc, match.start())
        done_upto = span.end
        yield from _check_sentence(doc, span, target, pack, src, data)


# A stop-word of another pack is a sign of that language where it is this much more
# frequent there (Zipf) than in the target: "the" in French (7.7 against 5.4), "la" in
# English (7.4 against 5.1), "что" in Ukrainian (7.1 against 5.5); not "a" in
# Portuguese, which is Portuguese too.
DISTINCTIVE = 1.5


def _distinctive(word: str, target: str, data: LanguageData) -> bool:
    key = (target, word)
    found = data.distinctive.get(key)
    if found is None:
        in_target = langid.zipf(word, target)
        # the first owner that passes decides: each further language is a word list to load
        found = data.distinctive[key] = any(langid.zipf_common(word, lang) - in_target >= DISTINCTIVE
                                            for lang in sorted(data.stop_langs[target][word]))
    return found


def _sentence_at(doc: Document, offset: int) -> Span:
    sentences = doc.sentences
    index = doc.sentence_index(offset)
    if index < len(sentences) and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    line_start = doc.text.rfind("\n", 0, offset) + 1
    line_end = doc.text.find("\n", offset)
    return Span(line_start, len(doc.text) if line_end < 0 else line_end)


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    label: str  # "T" target, "F" foreign (lang), "N" neutral (names, other scripts), "U" unknown
    lang: str | None = None
    content: bool = False  # a foreign word that is no stop-word
    # every candidate language the word may be of ("la" is French, Spanish, Italian;
    # "mayor" English and Spanish): a run continues while its words share one
    langs: frozenset[str] = frozenset()


def _check_sentence(doc: Document, span: Span, target: str, pack: LanguagePack,
                    src: str | None, data: LanguageData) -> Iterator[Hit]:
    text = doc.text
    sentence = text[span.start:span.end]
    stop_langs = data.stop_langs[target]
    candidates: set[str] = set()
    if src and src != target and src in data.packs:
        candidates.add(src)
    if target != "en" and "en" in data.packs:
        candidates.add("en")
    matches = [m for m in _WORD_RE.finditer(sentence)]
    for m in matches:
        langs = stop_langs.get(m.group())
        if langs:
            candidates |= langs
    candidates.discard(target)
    if not candidates:
        return
    masked = _masked(sentence, data.established.get(target))
    latin_target = "Latin" in pack.scripts
    words: list[_Word] = []
    for index, m in enumerate(matches):
        word = m.group()
        start, end = span.start + m.start(), span.start + m.end()
        if masked[m.start()]:
            words.append(_Word(start, end, word, "T"))
            continue
        is_latin = _LATIN_RE.search(word) is not None
        if (latin_target and not is_latin) or (not latin_target and not is_latin
                                                and _CYRILLIC_RE.search(word) is None):
            words.append(_Word(start, end, word, "N"))  # another script: untranslated.script
            continue
        if word.isupper():
            words.append(_Word(start, end, word, "N"))  # an initialism, a capital letter
            continue
        label = _label(word.lower(), start, end, target, pack, candidates, latin_target, is_latin,
                       data.packs)
        if word[0].isupper() and index > 0:
            # A name, unless it is a common noun of the other language that the target
            # does not know at all (German nouns: "sagte der Sprecher am Montag").
            strong = label.label == "F" and label.lang is not None and langid.zipf(word.lower(), target) < 2.0 \
                and langid.zipf_common(word.lower(), label.lang) >= 3.0
            label = _Word(start, end, word, "F", label.lang, True, label.langs) if strong \
                else _Word(start, end, word, "N")
        label.text = word
        words.append(label)
    yield from _decide(doc, sentence, span, words, target, src, data)


def _masked(sentence: str, established: re.Pattern[str] | None) -> list[bool]:
    masked = [False] * (len(sentence) + 1)
    for m in _URLISH_RE.finditer(sentence):
        for i in range(m.start(), m.end()):
            masked[i] = True
    if established is not None:
        for m in established.finditer(sentence):
            for i in range(m.start(), m.end()):
                masked[i] = True
    return masked


# A word belongs to the language where it is clearly more frequent; one about as
# frequent in both ("team" in German, "programme" in French, "will" in German) is
# neutral: it neither breaks a run of the other language nor counts for the target.
WORD_MARGIN = 1.5
WORD_MARGIN_RARE = 1.0  # for a word rare in the target (Zipf under 3.5)


def _label(word: str, start: int, end: int, target: str, pack: LanguagePack, candidates: set[str],
           latin_target: bool, is_latin: bool, packs: dict[str, LanguagePack]) -> _Word:
    if word in pack.stopwords:
        return _Word(start, end, word, "T")
    in_target = langid.zipf(word, target) if (is_latin == latin_target) else 0.0
    freq = {lang: langid.zipf_common(word, lang) for lang in candidates}
    langs = frozenset(lang for lang, z in freq.items() if z >= 3.0 and (
        z - in_target >= WORD_MARGIN or (z - in_target >= WORD_MARGIN_RARE and in_target < 3.5)))
    if langs:
        best = max(sorted(langs), key=freq.__getitem__)
        stop = word in _stop_set(best, packs)
        return _Word(start, end, word, "F", best, content=not stop or len(word) >= 5, langs=langs)
    best_z = max(freq.values(), default=0.0)
    if in_target >= 3.0 and in_target - best_z >= WORD_MARGIN_RARE:
        return _Word(start, end, word, "T")
    # neutral; a content word of the other language too can carry a run ("the team said")
    known = frozenset(lang for lang, z in freq.items() if z >= 3.0)
    return _Word(start, end, word, "U", None, content=bool(known) and len(word) >= 4, langs=known)


def _stop_set(lang: str | None, packs: dict[str, LanguagePack]) -> frozenset[str]:
    pack = packs.get(lang or "")
    return pack.stopwords if pack else frozenset()


def _decide(doc: Document, sentence: str, span: Span, words: list[_Word], target: str,
            src: str | None, data: LanguageData) -> Iterator[Hit]:
    lower = [w for w in words if w.label != "N"]
    foreign: dict[str, int] = {}
    for w in lower:
        if w.label == "F":
            for lang in w.langs:
                foreign[lang] = foreign.get(lang, 0) + 1
    if not foreign:
        return
    lang = max(sorted(foreign), key=lambda k: (foreign[k], k == src))
    # target words the other language does not share ("a", "on" are French too)
    own = sum(1 for w in lower if w.label == "T" and w.text.lower() not in _stop_set(lang, data.packs))
    if len(lower) >= MIN_SENTENCE_WORDS and foreign[lang] >= SENTENCE_SHARE * len(lower) \
            and foreign[lang] >= 4 and own <= max(1, len(lower) // 10):
        cands = {target, lang, "en"} | ({src} if src and src in data.packs else set())
        found, prob = langid.identify(sentence, cands)
        if found == lang and prob >= CONFIDENCE:
            tgt_name, name = language_name(target, data.packs), language_name(lang, data.packs)
            yield Hit(LANGUAGE.id, span.start, span.end,
                      f"This segment is in {name}, expected {tgt_name}: translate it.",
                      confidence=prob)
            return
    yield from _fragments(doc, words, target, data)


def _fragments(doc: Document, words: list[_Word], target: str, data: LanguageData) -> Iterator[Hit]:
    text = doc.text
    i, n = 0, len(words)
    while i < n:
        if words[i].label != "F":
            i += 1
            continue
        shared = words[i].langs
        j = i
        last_f = i
        k = i + 1
        while k < n and (words[k].label in ("N", "U") or (words[k].label == "F" and shared & words[k].langs)):
            if words[k].label == "F":
                last_f = k
                shared &= words[k].langs
            k += 1
        lo, hi = i, last_f
        lang = _run_language(words[i:last_f + 1], shared, doc.src_lang)
        # grow over this language's stop-words that the target shares ("a", "on", "en")
        stops = _stop_set(lang, data.packs)
        while lo > 0 and words[lo - 1].text.lower() in stops and words[lo - 1].label != "N":
            lo -= 1
        while hi + 1 < n and words[hi + 1].text.lower() in stops and words[hi + 1].label != "N":
            hi += 1
        run = words[lo:hi + 1]
        if not _joined(text, run):
            i = last_f + 1
            continue
        f_words = [w for w in run if w.label == "F"]
        opens = run[0].text[:1].islower() or run[0].start == _sentence_start(text, run[0].start)
        carried = any(w.content for w in f_words) or any(w.content and lang in w.langs for w in run
                                                          if w.label == "U")
        # words no language knows (mojibake, typos) are no evidence of any
        unknown = sum(1 for w in run if w.label == "U" and not w.langs)
        if len(run) >= MIN_FRAGMENT_WORDS and len(f_words) >= 2 and carried and unknown < len(f_words) \
                and opens and not _name_phrase(text, run, words[hi + 1] if hi + 1 < n else None, stops):
            start, end = run[0].start, run[-1].end
            fragment = text[start:end]
            copied = _in_source(fragment, doc.src)
            if not copied and _quoted_from_source(f_words, lang, doc):
                i = max(j, hi) + 1
                continue  # the source quotes it in that language too ("when the looting starts")
            prob = 1.0
            if not copied:
                found, prob = langid.identify(fragment, {target, lang or ""})
                copied = found == lang and prob >= CONFIDENCE
            if copied:
                name, tgt_name = language_name(lang or "", data.packs), language_name(target, data.packs)
                yield Hit(FRAGMENT.id, start, end,
                          f"'{fragment}' is {name} left in the {tgt_name} translation: translate it.",
                          confidence=prob)
        i = max(j, hi) + 1


def _name_phrase(text: str, run: list[_Word], after: _Word | None, stops: frozenset[str]) -> bool:
    """A capitalised word and function words that go on into a name are the head of a
    name kept in its language ("Friends of the Union Chain Bridge"; not the headline
    "Ex-Dortmunder Immobile mit Dreipack für Lazio Rom")."""
    return run[0].text[:1].isupper() and all(w.text.lower() in stops for w in run[1:]) and after is not None \
        and after.label == "N" and after.text[:1].isupper() and _joined(text, [run[-1], after])


def _run_language(run: list[_Word], shared: frozenset[str], src_lang: str | None) -> str:
    """Of the languages all the run's foreign words may be of, the one most of them are
    likeliest in (the source's on a tie)."""
    src = (src_lang or "").split("-")[0]
    votes = {lang: sum(1 for w in run if w.lang == lang) for lang in shared}
    return max(sorted(shared), key=lambda lang: (votes[lang], lang == src))


def _sentence_start(text: str, offset: int) -> int:
    """``offset`` when only spaces, quotes or dashes stand between it and a sentence
    break (or the start), else -1."""
    k = offset
    while k > 0 and text[k - 1] in " \t\"'“«„‘—–-(":
        k -= 1
    return offset if k == 0 or text[k - 1] in ".!?\n" else -1


def _joined(text: str, run: list[_Word]) -> bool:
    """Words of one clause: no line break, sentence end or bracket between them."""
    for a, b in zip(run, run[1:]):
        gap = text[a.end:b.start]
        if "\n" in gap or any(c in gap for c in ".!?;:()[]\"«»“”"):
            return False
    return True


def _quoted_from_source(f_words: list[_Word], lang: str | None, doc: Document) -> bool:
    """The source is in another language than the fragment and holds its foreign words:
    a quotation the source kept in the original language."""
    src_lang = (doc.src_lang or "").split("-")[0]
    if not doc.src or not src_lang or lang == src_lang:
        return False
    source_words = {m.group().casefold() for m in _WORD_RE.finditer(doc.src)}
    return all(w.text.casefold() in source_words for w in f_words)


def _in_source(fragment: str, src: str | None) -> bool:
    if not src:
        return False
    return fragment.casefold() in src.casefold()
