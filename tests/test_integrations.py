"""CI integrations as a user copies them: the pre-commit hook and the Actions example."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hook_runs_like_pre_commit(cli, tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mtcheck")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mtcheck"
    clean = tmp_path / "clean.txt"
    clean.write_text("The talks resumed in Geneva on Monday.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("The talks resumed.\nShare\n", encoding="utf-8")
    files_re = re.compile(hook["files"])
    assert files_re.search("feed.jsonl") and files_re.search("a.xliff") and not files_re.search("a.py")
    # pre-commit runs: entry + args + the staged file names.
    ok = cli([*entry[1:], *hook["args"], clean])
    assert ok.exit_code == 0
    bad = cli([*entry[1:], *hook["args"], clean, dirty])
    assert bad.exit_code == 1
    assert "dirty.txt:2:1" in bad.stdout


def test_github_actions_example_gates_and_uploads_sarif(cli, tmp_path):
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions-mtcheck.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["mtcheck"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    sarif_step = next(r for r in runs if "--format sarif" in r)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] in sarif_step
    assert workflow["permissions"]["security-events"] == "write"
    # The commands in the example are valid mtcheck invocations.
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "a.txt").write_text("Share\n", encoding="utf-8")
    for run in runs:
        if not run.startswith("mtcheck"):
            continue
        args = [a.replace("translations/", str(tmp_path / "translations")) for a in shlex.split(run)[1:]]
        args = [str(tmp_path / a) if a.endswith(".sarif") else a for a in args]
        result = cli(args)
        assert result.exit_code in (0, 1), result.stderr
