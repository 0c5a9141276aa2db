"""Labelled pronouns of the real-data set joined to mtcheck's resolution of them.

``labelled_decisions(split)`` reads each labelled system file as the aligned reader
does (with source and document ids), resolves its pronouns and yields
``(label, document, decision)`` for every labelled token that is not ``unclear``.
Used by ``scripts/fit_pronoun_calibration.py`` and the LM benchmark.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402
from score_pronouns import Label, load_labels  # noqa: E402

from mtcheck.checks.pronouns import check as family
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.checks.pronouns.decision import PronounDecision
from mtcheck.checks.pronouns.resolver import resolve_pronouns
from mtcheck.readers import ReadOptions
from mtcheck.readers.aligned import read_aligned


def labelled_decisions(split: str = "dev") -> Iterator[tuple[Label, Document, PronounDecision]]:
    root = rx.realdata_root()
    if root is None:
        raise FileNotFoundError("../shared/realdata not found (set MTCHECK_REALDATA)")
    labels = {lab.key: lab for lab in load_labels()}
    data = family.load(RunConfig())
    for file in sorted({key[0] for key in labels}):
        files = rx.pair_files(root, "/".join(file.split("/")[:2]))
        hyp = rx.read_lines(root / file)
        options = ReadOptions(src_lang=files.src_lang)
        for doc in read_aligned(root / file, src=files.src, docids=files.docids, options=options):
            if not isinstance(doc, Document):
                continue
            for d in resolve_pronouns(doc, data):
                line, column = rx.file_position(doc, d.start)
                for token, occ, start, _ in rx.gendered_tokens(hyp[line - 1]):
                    lab = labels.get((file, line, token, occ))
                    if start == column and lab is not None and lab.label != "unclear" \
                            and split in (lab.split, "all"):
                        yield lab, doc, d
