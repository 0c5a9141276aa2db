"""mtcheck's own identification on our short segments (figures only, never run in tests).

    python benchmarks/langid_pipeline.py [corpora/languages/short_segments.tsv]

Prints the accuracy of the identifier mtcheck uses (py3langid through mtcheck.langid)
among the 8 packs and restricted to three plausible languages, and what document target
identification makes of each segment: its language, a wrong pack (never wanted), or the
default target (en), which short segments without a clear lead keep by design.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from langid_compare import LANGS, NEIGHBOUR, read  # noqa: E402

from mtcheck.document import Document  # noqa: E402
from mtcheck.langid import identify  # noqa: E402


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "corpora" / "languages" / "short_segments.tsv"
    rows = read(path)
    among_packs = sum(identify(text, LANGS)[0] == lang for lang, text in rows)
    restricted = sum(identify(text, (lang, NEIGHBOUR[lang], "en"))[0] == lang for lang, text in rows)
    found = [(lang, Document(text).target_language) for lang, text in rows]
    right = sum(f == lang for lang, f in found)
    wrong = sum(f not in (lang, "en") for lang, f in found)
    n = len(rows)
    print(f"{n} segments: identifier among the 8 packs {among_packs}/{n} ({among_packs / n:.3f}); "
          f"restricted to 3 {restricted}/{n} ({restricted / n:.3f})")
    print(f"document target identification: its language {right}, a wrong pack {wrong}, default en {n - right - wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
