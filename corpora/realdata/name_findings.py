"""mtcheck's name findings on the real system outputs, as positions.

Runs ``mtcheck check`` as a user would (aligned files with source and document ids,
``--select name``) on every into-English system output and reference of
``../shared/realdata`` and returns each finding as a position: the file relative to the
realdata folder, the 1-based line of that file, the 1-based column where the matched
text starts, and the dev/test split of its document (``realdata_index.split_of``).
Used by ``score_names.py``; no text of the data is written anywhere.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realdata_index as rx  # noqa: E402


@dataclass(frozen=True)
class Position:
    file: str  # relative to the realdata folder
    line: int  # 1-based line of the file
    column: int  # 1-based column of the matched text's start
    rule: str
    text: str  # the matched name (kept in memory only)
    suggestion: str
    doc: str
    split: str
    message: str = ""  # (kept in memory only)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


def checked_files(root: Path) -> list[tuple[str, rx.PairFiles, Path]]:
    """(pair, files, output) for every system output and the reference of each pair."""
    out = []
    for pair in rx.PAIRS:
        if not (root / pair).is_dir():
            continue
        files = rx.pair_files(root, pair)
        for path in (*files.systems, files.ref):
            out.append((pair, files, path))
    return out


def _run(root: Path, pair: str, files: rx.PairFiles, path: Path, select: str,
         extra: list[str]) -> list[Position]:
    command = [sys.executable, "-m", "mtcheck", "check", "--mt", str(path), "--src", str(files.src),
               "--src-lang", files.src_lang, "--select", select, "--format", "jsonl", "--fail-on", "never"]
    if files.docids is not None:
        command += ["--docids", str(files.docids)]
    done = subprocess.run(command + extra, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mtcheck failed on {path}: {done.stderr.strip()[-500:]}")
    relative = str(path.relative_to(root))
    found = []
    for row in done.stdout.splitlines():
        f = json.loads(row)
        doc = f["doc"] if files.docids is not None else f"line{f['input_line']}"
        found.append(Position(relative, f["input_line"], f["column"], f["rule"], f["text"],
                              f.get("suggestion") or "", doc, rx.split_of(pair, doc), f["message"]))
    return found


def name_findings(root: Path, select: str = "name", extra: list[str] | None = None,
                  jobs: int = 4) -> list[Position]:
    todo = checked_files(root)
    with ThreadPoolExecutor(jobs) as pool:
        parts = pool.map(lambda t: _run(root, *t, select, list(extra or [])), todo)
        return [p for part in parts for p in part]
