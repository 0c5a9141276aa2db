"""Language identification, offline, cheap where it can be.

Two layers:

* stop-words of the language packs, counted with one compiled regex per pack (in C):
  they decide a document's language when one pack clearly leads, and they are the
  pre-scan that keeps every other step off ordinary text;
* py3langid (BSD-3-Clause, its model ships in the wheel: no network), restricted to
  the plausible languages of the record, for what the stop-words leave open. Loaded
  lazily (about a second; the decompressed model is cached under ``cache_dir()``), so a
  run that never needs it never pays for it.

Word-level evidence (``zipf``) comes from wordfreq, a dependency already.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from typing import Any, Iterable

from mtcheck.languages import LanguagePack, load_packs

_lock = threading.Lock()
_MODEL: Any = None
_RESTRICTED: dict[frozenset[str], Any] = {}


def _load_model() -> Any:
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    with _lock:
        if _MODEL is None:
            _MODEL = _read_model()
    return _MODEL


def _read_model() -> Any:
    import pickle

    import numpy as np
    import py3langid
    from py3langid import langid as impl

    from mtcheck.datafiles import cache_dir

    version = getattr(py3langid, "__version__", "0")
    cached = cache_dir() / "langid" / f"py3langid-{version}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    ptc, pc, classes, nextmove, row, output = impl._load_model_file(impl.MODEL_DIR / impl.MODEL_FILE)
    model = (np.asarray(ptc), np.asarray(pc), list(classes), nextmove, row, output)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home costs a second a process
    return model


def _identifier(candidates: frozenset[str]) -> Any:
    found = _RESTRICTED.get(candidates)
    if found is not None:
        return found
    from py3langid.langid import LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _load_model()
    known = [c for c in candidates if c in set(classes)]
    ident = LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)
    ident.set_languages(known)
    _RESTRICTED[candidates] = ident
    return ident


def identify(text: str, candidates: Iterable[str]) -> tuple[str, float]:
    """The most likely of ``candidates`` for ``text`` and its probability among them."""
    cands = frozenset(candidates)
    if len(cands) == 1:
        return next(iter(cands)), 1.0
    lang, prob = _identifier(cands).classify(text)
    return str(lang), float(prob)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0 when unknown)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError):
        return 0.0


@lru_cache(maxsize=200_000)
def zipf_common(word: str, lang: str) -> float:
    """``zipf`` from wordfreq's small list (words of Zipf 3 and more; 0 below): a tenth
    of the load time of the full list, for the languages a text is only suspected of."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang, wordlist="small")
    except (LookupError, ValueError):
        return 0.0


# -- stop-word evidence ---------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=16)
def distinct_stopwords(packs_key: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Per pack, its stop-words that no other pack lists."""
    packs = _packs_by_key(packs_key)
    out: dict[str, frozenset[str]] = {}
    for code, pack in packs.items():
        others = set().union(*(p.stopwords for c, p in packs.items() if c != code))
        out[code] = frozenset(pack.stopwords - others)
    return out


_PACKS_BY_KEY: dict[tuple[str, ...], dict[str, LanguagePack]] = {}


def _packs_by_key(key: tuple[str, ...]) -> dict[str, LanguagePack]:
    return _PACKS_BY_KEY.setdefault(key, load_packs(key))


@lru_cache(maxsize=16)
def _stop_index(packs_key: tuple[str, ...]) -> dict[str, str]:
    """Distinct stop-word -> the one pack that lists it."""
    return {w: code for code, words in distinct_stopwords(packs_key).items() for w in words}


def stopword_counts(text: str, packs_key: tuple[str, ...] = ()) -> dict[str, int]:
    """Hits of each pack's distinct stop-words: one tokenising regex (in C), then a
    dictionary look-up a word (a regex alternation a pack cost ten times as much)."""
    index = _stop_index(packs_key)
    counts = dict.fromkeys(distinct_stopwords(packs_key), 0)
    get = index.get
    for word in _WORD_RE.findall(text.lower()):
        code = get(word)
        if code is not None:
            counts[code] += 1
    return counts


# Documents longer than this are identified from their beginning.
_SAMPLE = 4000
# The identifier names a pack that does not lead the stop-words only in this many words.
_OVERRULE_WORDS = 25


def identify_target(text: str, src_lang: str | None = None, packs_key: tuple[str, ...] = ()) -> str | None:
    """The pack language a document is written in, or ``None`` when unsure.

    Stop-words decide when one pack has at least 3 hits and three times the next (an
    English document costs no more). Otherwise, with at least 8 words, py3langid over
    the packs decides between the packs that have a stop-word hit: at 0.95 for the
    stop-word leader (a Russian report with one Russian-only stop-word), at 0.99 and
    in 25 words or more for another (an Italian article quoting English). So does the
    identifier where the stop-words name the source language (fragments left in it).
    When it is unsure, English still wins where it leads the stop-words.
    A document in its own source language is no evidence of the target: ``None``.
    """
    sample = text[:_SAMPLE]
    counts = stopword_counts(sample, packs_key)
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] == 0:
        return None
    best, hits = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    found: str | None = None
    src = (src_lang or "").split("-")[0]
    # stop-words of the source language may be fragments it left: the identifier decides
    if best == "en" and second == 0 and best != src:
        return "en"  # the default target, no other pack in sight: nothing to ask
    if hits >= 3 and hits >= 3 * second and best != src:
        found = best
    elif (n_words := len(_WORD_RE.findall(sample))) >= 8:
        lang, prob = identify(sample, _packs_by_key(packs_key))
        # the identifier never names a pack whose stop-words are absent, and overrules
        # the stop-word leader only on a text of some length (a mixed sentence is no
        # document in its second language)
        leads = lang == best and hits > second
        sure = prob >= 0.95 if leads else prob >= 0.99 and n_words >= _OVERRULE_WORDS
        found = lang if sure and counts.get(lang, 0) > 0 else None
    if found is None and best == "en" and hits > second:
        found = "en"  # the default target
    return None if found == src else found
