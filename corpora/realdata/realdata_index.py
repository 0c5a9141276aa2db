"""Shared helpers for the labelled real-data sets (positions only, no text).

The real system outputs live in ``../shared/realdata`` (research-use data that we may
read but never copy into this repository). Our labels name a position only:
``file`` (relative to the realdata folder), ``line`` (1-based), ``token`` (the
lower-cased gendered pronoun) and ``occurrence`` (1-based count of that token on the
line). This module finds the folder, lists the into-English system files, enumerates
gendered-pronoun tokens and assigns each document to the dev or the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

GENDERED = re.compile(r"\b(he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)

# Into-English pairs with a source and a reference; de-en has no docids file.
PAIRS = ("wmt22/uk-en", "wmt22/ru-en", "wmt21/ru-en", "wmt21/de-en")

# 40% of documents (by a hash of pair and document id) are the test split: never
# read while tuning; every figure on it is reported as measured.
TEST_SHARE = 4  # of 10


def realdata_root() -> Path | None:
    """``$MTCHECK_REALDATA``, else ``../shared/realdata`` beside the checkout."""
    env = os.environ.get("MTCHECK_REALDATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [parent / "shared" / "realdata" for parent in here.parents]
    for path in candidates:
        if (path / "wmt22").is_dir():
            return path
    return None


def root_or_report() -> Path | None:
    """The realdata folder, or None after saying on stderr how to point to it."""
    root = realdata_root()
    if root is None:
        print("realdata folder not found (set MTCHECK_REALDATA)", file=sys.stderr)
    return root


def add_run_options(parser: argparse.ArgumentParser, lm_help: str) -> None:
    """--lm, --threads and --preview: how the scripts run the checker as a user would."""
    parser.add_argument("--lm", help=lm_help)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--preview", action="store_true",
                        help="with the preview rules on (pronoun.gender-mismatch)")


@dataclass(frozen=True)
class PairFiles:
    pair: str
    src: Path
    ref: Path
    docids: Path | None
    systems: tuple[Path, ...]
    src_lang: str


def pair_files(root: Path, pair: str) -> PairFiles:
    folder = root / pair
    lang = pair.split("/")[1].split("-")[0]
    src = next(folder.glob(f"*.src.{lang}"))
    ref = next(folder.glob("*.ref.A.en"))
    docids = next(iter(folder.glob("*.docids.tsv")), None)
    systems = tuple(sorted(folder.glob("*.hyp.*.en")))
    return PairFiles(pair, src, ref, docids, systems, lang)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def doc_ids(files: PairFiles, n_lines: int) -> list[str]:
    """Document id per line (1-based index = position + 1); a line of its own without docids."""
    if files.docids is None:
        return [f"line{i + 1}" for i in range(n_lines)]
    rows = read_lines(files.docids)[1:]
    return [row.split("\t")[1] for row in rows if row.strip()]


def split_of(pair: str, doc_id: str) -> str:
    digest = hashlib.sha1(f"{pair}|{doc_id}".encode()).digest()
    return "test" if digest[0] % 10 < TEST_SHARE else "dev"


def gendered_tokens(line: str) -> list[tuple[str, int, int, int]]:
    """(token, occurrence, start, end) for every gendered pronoun of a line."""
    seen: dict[str, int] = {}
    out = []
    for match in GENDERED.finditer(line):
        token = match.group(0).lower()
        seen[token] = seen.get(token, 0) + 1
        out.append((token, seen[token], match.start(), match.end()))
    return out


def file_position(doc, offset: int) -> tuple[int, int]:
    """(1-based line of the system file, column) of an offset into an aligned document,
    whose text joins its lines with newlines (``line_map``: each line's file line)."""
    index = doc.text.count("\n", 0, offset)
    line = doc.line_map[index] if doc.line_map else index + 1
    return line, offset - (doc.text.rfind("\n", 0, offset) + 1)
