"""The one pymorphy3 analyser per language for the whole process.

Source evidence for English pronouns, noun genders of Russian and Ukrainian targets,
declined name forms and the model comparison's morphology all read Russian and
Ukrainian words; each analyser loads its dictionary (tens of MB), so they share one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4)
def morph_analyzer(lang: str) -> Any | None:
    """pymorphy3's analyser for ``lang`` (ru, uk), or None when pymorphy3 or the
    language's dictionary package is not installed."""
    try:
        import pymorphy3  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except Exception:  # noqa: BLE001 - the language's dictionary package is not installed
        return None


def require_analyzer(lang: str) -> Any:
    """The analyser, for callers that cannot go on without it."""
    analyzer = morph_analyzer(lang)
    if analyzer is None:
        raise ImportError(f"pymorphy3 and its {lang} dictionary are needed (pip install pymorphy3 pymorphy3-dicts-{lang})")
    return analyzer
