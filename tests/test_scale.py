"""Batch runs: --jobs gives the same output as one process, baselines, interrupts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _feed(tmp_path: Path, segments: int, name: str = "feed.jsonl") -> Path:
    out = tmp_path / name
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gen_feed.py"), "--segments", str(segments),
         "--out", str(out), "--rate", "0.2"],
        check=True, capture_output=True,
    )
    return out


def test_jobs_output_identical_to_one_process(cli, tmp_path):
    feed = _feed(tmp_path, 3000)
    one = cli(["check", feed, "-f", "jsonl", "--jobs", "1", "--fail-on", "never", "-q"])
    two = cli(["check", feed, "-f", "jsonl", "--jobs", "2", "--fail-on", "never", "-q"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(one.jsonl()) > 100


def test_jobs_keeps_input_errors_in_place(cli, tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id": "a", "mt": "Share"}\nnot json\n{"id": "b", "mt": "Related News"}\n', encoding="utf-8")
    result = cli(["check", feed, "-f", "jsonl", "--jobs", "2"])
    assert result.exit_code == 2
    assert [f["doc"] for f in result.jsonl()] == ["a", "b"]
    assert f"{feed}:2:" in result.stderr


def test_baseline_reports_only_new_findings(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The talks resumed.\nShare\nRelated News\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    first = cli(["check", doc, "--write-baseline", baseline, "-f", "jsonl", "--fail-on", "warning"])
    assert first.exit_code == 1 and len(first.jsonl()) == 2
    assert json.loads(baseline.read_text(encoding="utf-8"))["mtcheck_baseline"] == 1
    # An unrelated edit elsewhere, and one new residue line.
    doc.write_text("The talks resumed on Monday in Geneva.\nShare\nRelated News\nComments\n", encoding="utf-8")
    second = cli(["check", doc, "--baseline", baseline, "-f", "jsonl", "--fail-on", "warning"])
    assert [f["text"] for f in second.jsonl()] == ["Comments"]
    assert second.exit_code == 1
    doc.write_text("The talks resumed.\nShare\nRelated News\n", encoding="utf-8")
    third = cli(["check", doc, "--baseline", baseline, "-f", "jsonl", "--fail-on", "warning"])
    assert third.jsonl() == [] and third.exit_code == 0


def test_bad_baseline_is_input_error(cli, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Share\n", encoding="utf-8")
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    result = cli(["check", doc, "--baseline", bad])
    assert result.exit_code == 2
    assert "b.json" in result.stderr and "baseline" in result.stderr


@pytest.mark.slow
def test_interrupt_exits_130_with_whole_lines(tmp_path):
    feed = _feed(tmp_path, 300_000)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtcheck.cli", "check", str(feed), "-f", "jsonl", "-o", str(out),
         "--jobs", "2", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # A shell starts a background job (pytest ... &) with SIGINT ignored, and a child
        # inherits that: Python then never raises KeyboardInterrupt, as it should not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Interrupt once some findings have reached the (temporary) output file.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        written = [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl") and p.stat().st_size > 0]
        if written:
            break
        time.sleep(0.1)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert b"Traceback" not in stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines, "the report holds what was checked before the interrupt"
    for line in lines:
        json.loads(line)
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_stats_counts_rules_and_documents(cli, tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        '{"id": "a", "mt": "Share"}\n{"id": "b", "mt": "Related News\\nComments"}\n', encoding="utf-8"
    )
    findings = tmp_path / "findings.jsonl"
    cli(["check", feed, "-f", "jsonl", "-o", findings, "--fail-on", "never", "-q"])
    result = cli(["stats", findings, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["findings"] == 3
    assert data["by_rule"] == {"boilerplate.residue": 3}
    assert data["top_documents"][0] == {"path": str(feed), "doc": "b", "findings": 2}
    text = cli(["stats", findings])
    assert "3 findings in 2 documents" in text.stdout


def test_stats_rejects_a_broken_findings_file(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"rule": "x"}\n', encoding="utf-8")
    result = cli(["stats", bad])
    assert result.exit_code == 2
    assert f"{bad}:1:" in result.stderr
