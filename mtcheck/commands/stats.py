"""`mtcheck stats FINDINGS.jsonl`: per-rule and per-document counts of a findings file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Iterator

import typer

from mtcheck.errors import InputError
from mtcheck.findings import Finding


def _read_findings(path: Path, errors: "list[InputError] | None" = None) -> Iterator[Finding]:
    # JSONL findings or a --format json report (mtcheck.findings_io); a JSONL line that
    # cannot be read goes to ``errors`` and the other lines still count.
    from mtcheck.findings_io import read_findings

    yield from read_findings(path, errors)


def stats(
    findings: Annotated[list[Path], typer.Argument(metavar="FINDINGS", help="Findings written by `mtcheck check --format jsonl` or `--format json` (- for stdin).")],
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
    top: Annotated[int, typer.Option(metavar="N", help="How many documents with most findings to list.")] = 10,
) -> None:
    """Per-rule, per-severity and per-document counts of a findings file: a daily feed report."""
    from collections import Counter

    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_document: Counter[tuple[str, str]] = Counter()
    errors: list[InputError] = []
    for findings_file in findings:
        for finding in _read_findings(findings_file, errors):
            by_rule[finding.rule] += 1
            by_severity[finding.severity.value] += 1
            by_category[finding.category.value] += 1
            by_document[(finding.path, finding.doc)] += 1
    total = sum(by_rule.values())
    worst = by_document.most_common(top)
    if output_format == "json":
        typer.echo(json.dumps({
            "findings": total, "documents_with_findings": len(by_document),
            "by_severity": dict(by_severity), "by_category": dict(by_category),
            "by_rule": dict(by_rule.most_common()),
            "top_documents": [{"path": p, "doc": d, "findings": n} for (p, d), n in worst],
        }, indent=2, ensure_ascii=False))
        _exit_on(errors)
        return
    typer.echo(f"{total} findings in {len(by_document)} documents")
    typer.echo("by severity: " + ", ".join(f"{k} {v}" for k, v in by_severity.most_common()))
    typer.echo("by category: " + ", ".join(f"{k} {v}" for k, v in by_category.most_common()))
    typer.echo("by rule:")
    for rule, count in by_rule.most_common():
        typer.echo(f"  {count:>8}  {rule}")
    typer.echo(f"documents with most findings (top {top}):")
    for (path, doc), count in worst:
        where = path if doc == path else f"{path} ({doc})"
        typer.echo(f"  {count:>8}  {where}")
    _exit_on(errors)


def _exit_on(errors: list[InputError]) -> None:
    for error in errors:
        typer.echo(f"mtcheck: {error}", err=True)
    if errors:
        raise typer.Exit(2)  # the counts of what could be read, and an input error
