"""Second-opinion translation: a seq2seq model translates ``src``; we compare with ``mt``.

The comparison (:func:`compare_segment`) is pure: a translated line, the model's
reading of the same source, thresholds -> hits of the ``model`` family. The
:class:`Translator` batches sources sorted by length (padding waste is what makes
seq2seq batches slow), decodes greedily (deterministic), and caches every reading
on disk by model id + revision + language pair + source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Sequence

from mtcheck.checks.base import Hit
from mtcheck.compare.cache import ResultCache, cache_key
from mtcheck.compare.rules import DIVERGENCE, NAME, NUMBER, PRONOUN
from mtcheck.document import Document

if TYPE_CHECKING:
    from mtcheck.compare.loading import ModelSpec

_NAMESPACE = "translate/v1"
_NLLB_CODES = {"uk": "ukr_Cyrl", "ru": "rus_Cyrl", "en": "eng_Latn", "de": "deu_Latn",
               "fr": "fra_Latn", "es": "spa_Latn", "ar": "arb_Arab", "he": "heb_Hebr"}


@dataclass(frozen=True)
class CompareOptions:
    min_chrf: float = 30.0
    min_bleu: float | None = None
    max_ter: float | None = None
    batch_size: int = 16
    max_new_tokens: int = 256

    @property
    def metrics(self) -> tuple[str, ...]:
        extra = [name for name, limit in (("bleu", self.min_bleu), ("ter", self.max_ter)) if limit is not None]
        return ("chrf", *extra)


# -- the comparison ------------------------------------------------------------------

_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m",
             "she": "f", "her": "f", "hers": "f", "herself": "f"}
_NEUTER = {"it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
# "her" is object or possessive: no safe neuter suggestion without parsing.
_TO_NEUTER = {"he": "it", "him": "it", "his": "its", "himself": "itself", "she": "it",
              "hers": "its", "herself": "itself"}
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?(?![\w])")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"“«(]\s*)$")


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _norm_number(text: str) -> str:
    digits = re.sub(r"[\u00a0\u202f ,]", "", text) if re.search(r"[,\u00a0\u202f ]\d{3}", text) else text
    return digits.replace(",", ".")


def _numbers(text: str) -> Counter[str]:
    found = Counter(_norm_number(m.group()) for m in _NUMBER_RE.finditer(text))
    for word in _WORD_RE.findall(text.lower()):
        if word in _NUMBER_WORDS:
            found[_NUMBER_WORDS[word]] += 1
    return found


def _capitalised(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """Capitalised words that do not open a sentence (those are names, mostly)."""
    out = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word[0].isupper() and not _SENTENCE_START_RE.search(text[max(0, m.start() - 3):m.start()]):
            out.append((start + m.start(), start + m.end(), word))
    return out


def segment_scores(mt: str, reading: str, metrics: Sequence[str]) -> dict[str, float]:
    from mtcheck.compare.metrics import make_metric

    return {name: float(make_metric(name, sentence_level=True).sentence_score(mt, [reading]).score)
            for name in metrics}


def compare_segment(text: str, start: int, end: int, reading: str,
                    options: CompareOptions = CompareOptions()) -> list[Hit]:
    """Hits for ``text[start:end]`` (one translated line) against the model's reading."""
    from rapidfuzz import fuzz

    segment = text[start:end]
    hits: list[Hit] = []
    shown = reading if len(reading) <= 160 else reading[:157] + "..."
    scores = segment_scores(segment, reading, options.metrics)
    missed = [f"chrF {scores['chrf']:.1f} < {options.min_chrf:g}"] if scores["chrf"] < options.min_chrf else []
    if options.min_bleu is not None and scores["bleu"] < options.min_bleu:
        missed.append(f"BLEU {scores['bleu']:.1f} < {options.min_bleu:g}")
    if options.max_ter is not None and scores["ter"] > options.max_ter:
        missed.append(f"TER {scores['ter']:.1f} > {options.max_ter:g}")
    if missed:
        hits.append(Hit(DIVERGENCE, start, end,
                        f"The second-opinion model translates this line differently ({', '.join(missed)}): "
                        f"\"{shown}\"", None))

    # Pronouns: the model has fewer of this gender and a neuter or the other gender.
    words = [(start + m.start(), start + m.end(), m.group()) for m in _WORD_RE.finditer(segment)]
    ours = [(s, e, w) for s, e, w in words if w.lower() in _GENDERED]
    theirs = [w.lower() for w in _WORD_RE.findall(reading)]
    for gender in ("m", "f"):
        mine = [(s, e, w) for s, e, w in ours if _GENDERED[w.lower()] == gender]
        other = sum(1 for w in theirs if _GENDERED.get(w) == gender)
        neuter = [w for w in theirs if w in _NEUTER]
        opposite = [w for w in theirs if w in _GENDERED and _GENDERED[w] != gender]
        if len(mine) > other and (neuter or opposite):
            alt = ", ".join(sorted(set(neuter + opposite)))
            for s, e, w in mine:
                fix = _TO_NEUTER.get(w.lower()) if neuter and not opposite else None
                hits.append(Hit(PRONOUN, s, e,
                                f"'{w}' here, but the second-opinion model reads '{alt}': \"{shown}\"",
                                _match_case(fix, w) if fix else None))

    # Names: a capitalised word the model spells differently.
    their_caps = {w for _, _, w in _capitalised(reading)}
    our_words = {w for _, _, w in words}
    for s, e, w in _capitalised(segment, start):
        if w in their_caps or w in theirs or len(w) < 3:
            continue
        close = [c for c in their_caps if c not in our_words and c[0] == w[0] and fuzz.ratio(c, w) >= 70]
        if close:
            best = max(close, key=lambda c: fuzz.ratio(c, w))
            hits.append(Hit(NAME, s, e, f"'{w}' here, but the second-opinion model writes '{best}'.", best))

    # Numbers present here and not in the model's reading.
    ours_n, theirs_n = _numbers(segment), _numbers(reading)
    extra = theirs_n - ours_n
    for m in _NUMBER_RE.finditer(segment):
        value = _norm_number(m.group())
        if theirs_n[value] >= ours_n[value]:
            continue
        only = (sum((ours_n - theirs_n).values()) == 1 and sum(extra.values()) == 1)
        fix = next(iter(extra)) if only else None
        where = f"; it has {', '.join(sorted(extra))}" if extra else ""
        hits.append(Hit(NUMBER, start + m.start(), start + m.end(),
                        f"{m.group()} is not in the second-opinion model's translation{where}.", fix))
    return hits


def segments(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, source) pairs: line by line when the line counts agree, else whole."""
    src = doc.src or ""
    ours = doc.paragraphs
    theirs = [line.strip() for line in src.splitlines() if line.strip()]
    if len(ours) == len(theirs) and len(ours) > 1:
        return [(span.start, span.end, line) for span, line in zip(ours, theirs)]
    if not ours or not src.strip():
        return []
    return [(ours[0].start, ours[-1].end, " ".join(theirs))]


# -- the translator ------------------------------------------------------------------

@dataclass
class Translator:
    model_ref: str
    device: str = "auto"
    cache: ResultCache = field(default_factory=ResultCache)
    options: CompareOptions = CompareOptions()
    _loaded: Any = None

    @cached_property
    def spec(self) -> "ModelSpec":
        """Resolved on first use, so a missing model fails before any document is read."""
        from mtcheck.compare.loading import resolve_model

        return resolve_model(self.model_ref)

    def translate(self, sources: Sequence[str], src_lang: str | None, tgt_lang: str) -> list[str]:
        settings = {"src": src_lang, "tgt": tgt_lang, "greedy": True, "max_new": self.options.max_new_tokens}
        keys = [cache_key(_NAMESPACE, self.spec.signature, [settings, s]) for s in sources]
        known = self.cache.get_many(keys)
        todo = sorted({s for s, k in zip(sources, keys) if k not in known}, key=len, reverse=True)
        fresh: dict[str, str] = {}
        for first in range(0, len(todo), self.options.batch_size):
            batch = todo[first:first + self.options.batch_size]
            for source, out in zip(batch, self._generate(batch, src_lang, tgt_lang)):
                fresh[cache_key(_NAMESPACE, self.spec.signature, [settings, source])] = out
        self.cache.put_many(fresh)
        known.update(fresh)
        return [known[k] for k in keys]

    def _generate(self, batch: list[str], src_lang: str | None, tgt_lang: str) -> list[str]:
        import torch

        from mtcheck.compare.loading import load_seq2seq

        if self._loaded is None:
            self._loaded = load_seq2seq(self.model_ref, self.device)
        model, tok = self._loaded.model, self._loaded.tokenizer
        kwargs: dict[str, Any] = {}
        family = type(tok).__name__.lower()
        if "nllb" in family or "m2m" in family:
            codes = _NLLB_CODES if "nllb" in family else {}
            if src_lang:
                tok.src_lang = codes.get(src_lang, src_lang)
            target = codes.get(tgt_lang, tgt_lang)
            kwargs["forced_bos_token_id"] = (tok.get_lang_id(target) if hasattr(tok, "get_lang_id")
                                             else tok.convert_tokens_to_ids(target))
        enc = tok(list(batch), return_tensors="pt", padding=True, truncation=True, max_length=512)
        enc = {k: v.to(self._loaded.device) for k, v in enc.items()}
        with torch.inference_mode():
            out = model.generate(**enc, num_beams=1, do_sample=False,
                                 max_new_tokens=self.options.max_new_tokens, **kwargs)
        return [text.strip() for text in tok.batch_decode(out, skip_special_tokens=True)]
