"""Snapshots of every finding on our corpora, as ruff keeps them per rule.

A change to any rule's findings or messages shows here as a diff of
``tests/snapshots/<corpus file>.jsonl``; accept it deliberately with
``python -m pytest tests/test_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.readers import ReadOptions, read_inputs

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
INPUTS = sorted((ROOT / "corpora" / "articles").glob("*.txt")) + sorted(
    (ROOT / "corpora" / "feeds").glob("*.jsonl")
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(RunConfig())


def _render(checker: Checker, path: Path) -> str:
    lines = []
    for _, findings in checker.check_documents(read_inputs([str(path)], ReadOptions())):
        for finding in findings:
            record = finding.to_dict()
            record["path"] = path.relative_to(ROOT).as_posix()
            if record["doc"] == str(path):
                record["doc"] = record["path"]
            lines.append(json.dumps(record, ensure_ascii=False, sort_keys=False))
    return "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_findings_match_snapshot(checker, path, snapshot_update):
    snapshot = SNAPSHOTS / (path.name + ".jsonl")
    rendered = _render(checker, path)
    if snapshot_update or not snapshot.exists():
        snapshot.write_text(rendered, encoding="utf-8")
        if not snapshot_update:
            pytest.fail(f"new snapshot written: {snapshot.name}; review it and commit it")
        return
    expected = snapshot.read_text(encoding="utf-8")
    assert rendered == expected, (
        f"findings on {path.name} changed; if intended, run "
        "`python -m pytest tests/test_snapshots.py --snapshot-update` and review the diff"
    )
