"""Configuration: discovery, select/ignore by id/family/category, severities, fail-on, errors.

The registry and the rule table are replaced by a small family whose family name
differs from its rules' categories, so selecting by id, by family and by category can
be told apart and the tests do not depend on which real rules exist.
"""

from __future__ import annotations

import re
from typing import Iterator

import pytest

from mtcheck import registry
from mtcheck import rules as rule_table
from mtcheck.checks.base import Family, Hit
from mtcheck.document import Document
from mtcheck.findings import Category, Severity
from mtcheck.rules import RuleInfo, Status

ALPHA = RuleInfo("demo.alpha", Category.PUNCTUATION, Severity.WARNING, "ALPHA", "What: ALPHA.")
BETA = RuleInfo("demo.beta", Category.NUMBER, Severity.ERROR, "BETA", "What: BETA.")
GAMMA = RuleInfo("demo.gamma", Category.NUMBER, Severity.INFO, "GAMMA", "What: GAMMA.",
                 status=Status.PREVIEW)
_WORD = re.compile(r"ALPHA|BETA|GAMMA")


def _check(doc: Document, data: object) -> Iterator[Hit]:
    for m in _WORD.finditer(doc.text):
        yield Hit(f"demo.{m.group().lower()}", m.start(), m.end(), f"{m.group()} found.")


DEMO = Family("demo", rules=(ALPHA, BETA, GAMMA), check=_check)
TEXT = "ALPHA and BETA and GAMMA.\n"


@pytest.fixture
def demo(monkeypatch, tmp_path):
    monkeypatch.setattr(registry, "families", lambda: [DEMO])
    monkeypatch.setattr(rule_table, "table", lambda: DEMO.rules)  # what the demo rules are
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def run(cli, *args: str):
    # -j 1: the replaced registry lives in this process only
    result = cli(["check", "in.txt", "--format", "jsonl", "-j", "1", *args])
    return result, {f["rule"]: f["severity"] for f in result.jsonl()}


def test_defaults_are_stable_rules_and_fail_on_error(cli, demo):
    result, found = run(cli)
    assert found == {"demo.alpha": "warning", "demo.beta": "error"}  # preview gamma is off
    assert result.exit_code == 1


def test_mtcheck_toml_in_cwd(cli, demo):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\n', encoding="utf-8")
    result, found = run(cli)
    assert found == {"demo.alpha": "warning"}
    assert result.exit_code == 0  # only a warning left, fail-on is error


def test_pyproject_tool_section(cli, demo):
    (demo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mtcheck]\nselect = ["number"]\n', encoding="utf-8")
    _, found = run(cli)
    # selecting a category leaves its preview rules off (they need their id or --preview)
    assert found == {"demo.beta": "error"}
    _, found = run(cli, "--preview")
    assert found == {"demo.beta": "error", "demo.gamma": "info"}


def test_pyproject_without_section_means_defaults(cli, demo):
    (demo / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    _, found = run(cli)
    assert set(found) == {"demo.alpha", "demo.beta"}


def test_mtcheck_toml_wins_over_pyproject(cli, demo):
    (demo / "mtcheck.toml").write_text('select = ["demo.gamma"]\n', encoding="utf-8")
    (demo / "pyproject.toml").write_text('[tool.mtcheck]\nselect = ["demo.alpha"]\n', encoding="utf-8")
    _, found = run(cli)
    assert set(found) == {"demo.gamma"}


def test_config_option_family_select_severity_and_fail_on(cli, demo):
    conf = demo / "conf" / "strict.toml"
    conf.parent.mkdir()
    conf.write_text(
        'select = ["demo"]\nignore = ["punctuation"]\nfail-on = "info"\n'
        '[severity]\n"demo.beta" = "warning"\n',
        encoding="utf-8",
    )
    result, found = run(cli, "--config", str(conf), "--extend-select", "demo.gamma")
    assert found == {"demo.beta": "warning", "demo.gamma": "info"}
    assert result.exit_code == 1  # fail-on info is reached by the info finding
    # the command line wins over the file
    result, _ = run(cli, "--config", str(conf), "--fail-on", "never")
    assert result.exit_code == 0


def test_cli_select_and_ignore_accept_commas(cli, demo):
    _, found = run(cli, "--select", "demo.alpha,demo.gamma", "--ignore", "demo.gamma")
    assert set(found) == {"demo.alpha"}


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('selekt = ["demo"]\n', "'selekt'"),
        ('[tool.mtcheck]\n', "'tool'"),  # a table called "tool" in mtcheck.toml is unknown too
        ('fail-on = "sometimes"\n', "'sometimes'"),
        ('[severity]\n"demo.alpha" = "fatal"\n', "fatal"),
        ('select = "demo"\nscope = "planet"\n', "'planet'"),
        ("select = [\n", "TOML"),
    ],
)
def test_bad_config_exits_2_naming_the_file(cli, demo, content, named):
    (demo / "mtcheck.toml").write_text(content, encoding="utf-8")
    result, found = run(cli)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("mtcheck: ") and "mtcheck.toml" in line
    if named:
        assert named in line
    assert not found


def test_unknown_key_in_pyproject_names_key_and_file(cli, demo):
    (demo / "pyproject.toml").write_text('[tool.mtcheck]\nfail_onn = "error"\n', encoding="utf-8")
    result, _ = run(cli)
    assert result.exit_code == 2
    assert "'fail_onn'" in result.stderr and "pyproject.toml" in result.stderr


@pytest.mark.parametrize(
    ("where", "args"),
    [
        ("config select", ()),
        ("config severity", ()),
        ("cli", ("--select", "demo.delta")),
        ("cli ignore", ("--ignore", "demo.delta")),
    ],
)
def test_unknown_rule_id_exits_2(cli, demo, where, args):
    if where == "config select":
        (demo / "mtcheck.toml").write_text('select = ["demo.delta"]\n', encoding="utf-8")
    elif where == "config severity":
        (demo / "mtcheck.toml").write_text('[severity]\n"demo.delta" = "info"\n', encoding="utf-8")
    result, found = run(cli, *args)
    assert result.exit_code == 2
    assert "'demo.delta'" in result.stderr and not found


def test_missing_config_file_exits_2(cli, demo):
    result, _ = run(cli, "--config", "nowhere.toml")
    assert result.exit_code == 2 and "nowhere.toml" in result.stderr
