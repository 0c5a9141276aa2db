"""Shared fixtures: run the CLI in-process, paths to our corpora."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.errors import MtcheckError

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def jsonl(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def run_cli(args: list[str], input: str | bytes | None = None) -> CliResult:
    """Invoke the CLI like `mtcheck ARGS`, mapping MtcheckError to exit 2 as main() does."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], input=input)
    stderr = result.stderr
    code = result.exit_code
    if isinstance(result.exception, MtcheckError):
        stderr += f"mtcheck: {result.exception}\n"
        code = 2
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(code, result.stdout, stderr)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--snapshot-update", action="store_true",
        help="rewrite tests/snapshots/ from today's findings instead of comparing",
    )


@pytest.fixture
def snapshot_update(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--snapshot-update"))


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def corpora() -> Path:
    return CORPORA
