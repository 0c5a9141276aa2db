"""Config discovery upward from the checked path, --isolated, --extend-select/--extend-ignore,
preview rules only by id or --preview; directory walks that skip hidden, build and
git-ignored files (respect-gitignore, exclude, extend-exclude)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import pytest

from mtcheck import registry
from mtcheck import rules as rule_table
from mtcheck.checks.base import Family, Hit
from mtcheck.discovery import DEFAULT_EXCLUDE, WalkOptions, discover_config, walk
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
    """A project tree tmp/proj/sub/in.txt, and the working directory somewhere else."""
    monkeypatch.setattr(registry, "families", lambda: [DEMO])
    monkeypatch.setattr(rule_table, "table", lambda: DEMO.rules)  # what the demo rules are
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    sub = tmp_path / "proj" / "sub"
    sub.mkdir(parents=True)
    (sub / "in.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "proj"


def found(cli, *args: str) -> tuple[object, set[str]]:
    result = cli(["check", "--format", "jsonl", "-j", "1", *args])
    return result, {f["rule"] for f in result.jsonl()}


# -- configuration ---------------------------------------------------------------


def test_config_is_found_above_the_checked_file_not_only_in_cwd(cli, demo):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\n', encoding="utf-8")
    result, rules = found(cli, str(demo / "sub" / "in.txt"))
    assert rules == {"demo.alpha"}
    assert result.exit_code == 0
    # a directory argument discovers from itself
    _, rules = found(cli, str(demo / "sub"))
    assert rules == {"demo.alpha"}


def test_nearest_config_wins_and_pyproject_needs_its_table(cli, demo):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\n', encoding="utf-8")
    # a pyproject.toml without [tool.mtcheck] nearer the file is passed over
    (demo / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    _, rules = found(cli, str(demo / "sub" / "in.txt"))
    assert rules == {"demo.alpha"}
    # with the table it is the nearest configuration
    (demo / "sub" / "pyproject.toml").write_text('[tool.mtcheck]\nignore = ["demo.alpha"]\n', encoding="utf-8")
    _, rules = found(cli, str(demo / "sub" / "in.txt"))
    assert rules == {"demo.beta"}
    assert discover_config(demo / "sub" / "in.txt") == (demo / "sub" / "pyproject.toml").resolve()


def test_cwd_config_is_the_fallback(cli, demo, tmp_path):
    (tmp_path / "elsewhere" / "mtcheck.toml").write_text('ignore = ["demo.alpha"]\n', encoding="utf-8")
    _, rules = found(cli, str(demo / "sub" / "in.txt"))
    assert rules == {"demo.beta"}


def test_stdin_discovers_from_its_filename(cli, demo):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\n', encoding="utf-8")
    result = cli(["check", "-", "--stdin-filename", str(demo / "sub" / "x.txt"), "-f", "jsonl", "-j", "1"],
                 input=TEXT)
    assert {f["rule"] for f in result.jsonl()} == {"demo.alpha"}
    assert {f["path"] for f in result.jsonl()} == {str(demo / "sub" / "x.txt")}


def test_isolated_ignores_configuration(cli, demo):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\nfail-on = "never"\n', encoding="utf-8")
    result, rules = found(cli, str(demo / "sub" / "in.txt"), "--isolated")
    assert rules == {"demo.alpha", "demo.beta"}
    assert result.exit_code == 1
    both = cli(["check", str(demo / "sub" / "in.txt"), "--isolated", "--config", str(demo / "mtcheck.toml")])
    assert both.exit_code == 2 and "--isolated" in both.stderr


def test_inputs_with_different_configs_warn(cli, demo, tmp_path):
    (demo / "mtcheck.toml").write_text('ignore = ["demo.beta"]\n', encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "mtcheck.toml").write_text("", encoding="utf-8")
    (other / "b.txt").write_text(TEXT, encoding="utf-8")
    result, rules = found(cli, str(demo / "sub" / "in.txt"), str(other / "b.txt"))
    assert rules == {"demo.alpha"}  # the first path's configuration serves the run
    assert "mtcheck: warning:" in result.stderr and "one configuration per run" in result.stderr


# -- selection ----------------------------------------------------------------------


def test_extend_select_and_extend_ignore(cli, demo):
    path = str(demo / "sub" / "in.txt")
    _, rules = found(cli, path, "--extend-select", "demo.gamma")
    assert rules == {"demo.alpha", "demo.beta", "demo.gamma"}  # the default plus gamma
    _, rules = found(cli, path, "--extend-ignore", "demo.alpha")
    assert rules == {"demo.beta"}
    (demo / "mtcheck.toml").write_text(
        'select = ["demo.alpha"]\nextend-select = ["demo.gamma"]\nextend-ignore = ["demo.alpha"]\n',
        encoding="utf-8")
    _, rules = found(cli, path)
    assert rules == {"demo.gamma"}
    # --extend-ignore on the command line adds to the file's
    _, rules = found(cli, path, "--extend-ignore", "demo.gamma")
    assert rules == set()
    # --select on the command line starts afresh: the file's extend-select is dropped
    _, rules = found(cli, path, "--select", "demo.beta")
    assert rules == {"demo.beta"}
    bad = cli(["check", path, "--extend-select", "demo.delta"])
    assert bad.exit_code == 2 and "'demo.delta'" in bad.stderr


def test_preview_rules_need_their_id_or_preview(cli, demo):
    path = str(demo / "sub" / "in.txt")
    _, by_family = found(cli, path, "--select", "demo")
    _, by_category = found(cli, path, "--select", "number")
    _, by_id = found(cli, path, "--select", "demo.gamma")
    _, with_preview = found(cli, path, "--select", "number", "--preview")
    _, default_preview = found(cli, path, "--preview")
    assert by_family == {"demo.alpha", "demo.beta"}
    assert by_category == {"demo.beta"}
    assert by_id == {"demo.gamma"}
    assert with_preview == {"demo.beta", "demo.gamma"}
    assert default_preview == {"demo.alpha", "demo.beta", "demo.gamma"}
    (demo / "mtcheck.toml").write_text('preview = true\nselect = ["demo"]\n', encoding="utf-8")
    _, rules = found(cli, path)
    assert rules == {"demo.alpha", "demo.beta", "demo.gamma"}
    (demo / "mtcheck.toml").write_text('preview = "yes"\n', encoding="utf-8")
    result, _ = found(cli, path)
    assert result.exit_code == 2 and "'preview'" in result.stderr


def test_rules_says_which_rules_are_preview(cli, demo):
    text = cli(["rules"]).stdout
    assert re.search(r"^demo\.gamma .*\[preview\]$", text, re.M)
    assert "run only when selected by id" in text and "--preview" in text
    listed = {r["id"]: r for r in json.loads(cli(["rules", "--format", "json"]).stdout)}
    assert listed["demo.gamma"]["preview"] is True and listed["demo.alpha"]["preview"] is False
    assert listed["demo.alpha"]["url"].endswith("/docs/rules/demo.alpha.md")


def test_real_registry_family_select_leaves_gender_mismatch_off():
    from mtcheck.api import select_rules
    from mtcheck.config import RunConfig

    previews = {r.id for r in registry.all_rules() if r.status is Status.PREVIEW and r.family == "pronoun"}
    assert previews, "the test needs a preview pronoun rule"
    enabled = set(select_rules(RunConfig(select=("pronoun",))))
    assert not previews & enabled
    assert previews <= set(select_rules(RunConfig(select=("pronoun",), preview=True)))


# -- directory walks ----------------------------------------------------------------


def tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def listed(root: Path, options: WalkOptions | None = None, glob: str | None = None) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in walk(str(root), options or WalkOptions(), glob)]


def test_walk_skips_hidden_and_build_folders(tmp_path):
    tree(tmp_path, {
        "a.txt": "", "sub/b.txt": "", ".hidden.txt": "", ".cache/c.txt": "",
        "build/d.txt": "", "node_modules/e.txt": "", ".venv/f.txt": "", "sub/dist/g.txt": "",
        "building/h.txt": "",
    })
    assert listed(tmp_path) == ["a.txt", "building/h.txt", "sub/b.txt"]
    assert "build" in DEFAULT_EXCLUDE and "node_modules" in DEFAULT_EXCLUDE


def test_walk_honours_gitignore_in_a_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    tree(tmp_path, {
        ".gitignore": "*.log\nscratch/\n/top-only.txt\n",
        "a.txt": "", "x.log": "", "scratch/s.txt": "", "top-only.txt": "", "deep/top-only.txt": "",
        "deep/.gitignore": "!keep.log\nlocal.txt\n", "deep/keep.log": "", "deep/local.txt": "",
        ".git/info/exclude": "private.txt\n", "private.txt": "",
    })
    assert listed(tmp_path) == ["a.txt", "deep/keep.log", "deep/top-only.txt"]
    # a walk of a sub-folder still reads the .gitignore files above it, up to the repository
    assert listed(tmp_path / "deep") == ["keep.log", "top-only.txt"]
    everything = listed(tmp_path, WalkOptions(respect_gitignore=False))
    assert "x.log" in everything and "scratch/s.txt" in everything and "private.txt" in everything


def test_walk_exclude_and_extend_exclude(tmp_path):
    tree(tmp_path, {"a.txt": "", "drafts/b.txt": "", "build/c.txt": "", "old/d.txt": "", "old/e.md": ""})
    extended = listed(tmp_path, WalkOptions(root=tmp_path, extend_exclude=("drafts/", "old/*.txt")))
    assert extended == ["a.txt", "old/e.md"]
    replaced = listed(tmp_path, WalkOptions(root=tmp_path, exclude=("drafts",)))
    assert replaced == ["a.txt", "build/c.txt", "old/d.txt", "old/e.md"]  # build is no longer skipped
    assert listed(tmp_path, glob="*.md") == ["old/e.md"]


def test_cli_walks_with_config_exclude_and_named_files_always_checked(cli, demo, tmp_path):
    (demo / ".git").mkdir()
    tree(demo, {".gitignore": "ignored.txt\n", "sub/ignored.txt": TEXT, "sub/build/x.txt": TEXT,
                "sub/.hidden/y.txt": TEXT, "sub/skip/z.txt": TEXT})
    (demo / "mtcheck.toml").write_text('extend-exclude = ["skip/"]\n', encoding="utf-8")
    result = cli(["check", str(demo / "sub"), "-f", "jsonl", "-j", "1"])
    assert {Path(f["path"]).name for f in result.jsonl()} == {"in.txt"}
    result = cli(["check", str(demo / "sub"), "-f", "jsonl", "-j", "1", "--no-respect-gitignore"])
    assert {Path(f["path"]).name for f in result.jsonl()} == {"in.txt", "ignored.txt"}
    result = cli(["check", str(demo / "sub"), "-f", "jsonl", "-j", "1", "--extend-exclude", "in.txt"])
    assert result.exit_code == 2 and "git-ignored files are skipped" in result.stderr
    # a file or folder named on the command line is checked even where a walk would skip it
    named = cli(["check", str(demo / "sub" / "ignored.txt"), str(demo / "sub" / "build"), "-f", "jsonl", "-j", "1"])
    assert {Path(f["path"]).name for f in named.jsonl()} == {"ignored.txt", "x.txt"}


def test_bad_walk_config_values_exit_2(cli, demo):
    (demo / "mtcheck.toml").write_text('respect-gitignore = 1\n', encoding="utf-8")
    result, _ = found(cli, str(demo / "sub"))
    assert result.exit_code == 2 and "'respect-gitignore'" in result.stderr
    (demo / "mtcheck.toml").write_text('exclude = "build"\nextend-exclude = [1]\n', encoding="utf-8")
    result, _ = found(cli, str(demo / "sub"))
    assert result.exit_code == 2 and "'extend-exclude'" in result.stderr
