"""Every finding mtcheck reports on corpora/ obeys the findings contract.

`mtcheck check --format jsonl` runs over every .txt and .jsonl file under corpora/
(recursively, the input format given by the extension); each line must validate
against tests/schemas/finding.schema.json, and its ``text`` must equal the document
re-read here, independently of mtcheck's readers, sliced at ``[start:end]``: for a
text file the file itself, for a JSONL feed the ``mt`` of the record on
``input_line``. Other files in corpora/ (gold lists, scripts) are not inputs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import jsonschema
import pytest

from mtcheck.findings import FIELDS, OPTIONAL_FIELDS, Category, Severity

SCHEMA_PATH = Path(__file__).parent / "schemas" / "finding.schema.json"
INPUT_FORMATS = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def corpus_inputs(root: Path) -> dict[str, list[Path]]:
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(root.rglob("*")):
        fmt = INPUT_FORMATS.get(path.suffix.lower())
        # corpora/gold/ and the gold.jsonl files beside feeds hold expected findings, not feeds.
        if fmt and path.is_file() and "gold" not in path.relative_to(root).parts and path.stem != "gold":
            by_format[fmt].append(path)
    return by_format


def reread(path: Path, input_line: int) -> str:
    """The checked text of one document, read without mtcheck's readers."""
    raw = path.read_text(encoding="utf-8-sig")
    if INPUT_FORMATS[path.suffix.lower()] == "text":
        return raw.replace("\r\n", "\n")
    record = json.loads(raw.splitlines()[input_line - 1])
    return record["mt"]


def test_schema_matches_the_code(validator):
    props = validator.schema["properties"]
    assert tuple(validator.schema["required"]) == FIELDS
    assert set(props) == set(FIELDS) | set(OPTIONAL_FIELDS)
    assert set(props["category"]["enum"]) == {c.value for c in Category}
    assert set(props["severity"]["enum"]) == {s.value for s in Severity}


GOOD = {
    "path": "a.txt", "doc": "a.txt", "start": 6, "end": 11, "line": 2, "column": 1, "input_line": 2,
    "rule": "boilerplate.residue", "category": "boilerplate", "severity": "warning", "text": "Share",
    "message": "Residue.", "suggestion": None,
}


@pytest.mark.parametrize("change", [
    {"extra": 1},
    {"severity": "fatal"},
    {"category": "style"},
    {"start": -1},
    {"line": 0},
    {"column": "1"},
    {"suggestion": 3},
    {"rule": "NoDots"},
    {"message": ""},
])
def test_schema_rejects_what_the_contract_forbids(validator, change):
    assert validator.is_valid(GOOD)
    assert not validator.is_valid({**GOOD, **change})


def test_schema_requires_every_field(validator):
    for name in FIELDS:
        assert not validator.is_valid({k: v for k, v in GOOD.items() if k != name}), name


def test_every_corpus_finding_obeys_the_contract(cli, corpora, validator):
    inputs = corpus_inputs(corpora)
    assert inputs, "corpora/ holds at least the sample article"
    checked = 0
    for fmt, paths in inputs.items():
        result = cli(["check", *paths, "--input-format", fmt, "--format", "jsonl",
                      "--fail-on", "never", "--quiet"])
        assert result.exit_code == 0, result.stderr
        texts: dict[tuple[str, int], str] = {}
        for number, line in enumerate(result.stdout.splitlines(), start=1):
            finding = json.loads(line)
            errors = [e.message for e in validator.iter_errors(finding)]
            assert not errors, f"line {number}: {errors}: {finding}"
            assert finding["start"] <= finding["end"], finding
            key = (finding["path"], finding["input_line"] if fmt == "jsonl" else 0)
            if key not in texts:
                texts[key] = reread(Path(finding["path"]), finding["input_line"])
            text = texts[key]
            assert text[finding["start"]:finding["end"]] == finding["text"], finding
            before = text[:finding["start"]]
            assert finding["line"] == before.count("\n") + 1, finding
            assert finding["column"] == finding["start"] - (before.rfind("\n") + 1) + 1, finding
            if fmt == "text":
                assert finding["input_line"] == finding["line"], finding
                assert finding["doc"] == finding["path"]
            checked += 1
    assert checked, "the sample article has planted residue, so there is something to check"
