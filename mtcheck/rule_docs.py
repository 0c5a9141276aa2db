"""Rule documentation pages and their URLs.

Every rule has a page ``docs/rules/<rule-id>.md`` in this repository (what
``mtcheck explain <rule-id>`` prints, as Markdown), and its URL is

    https://example.invalid/mtcheck/docs/rules/<rule-id>.md

(:data:`REPOSITORY` is the same placeholder for this repository the README's
pre-commit example uses). The scheme is stable: a rule id never changes meaning, and a
removed rule keeps its page, marked removed, so an old SARIF file's ``helpUri`` still
leads somewhere. SARIF rules carry it as ``helpUri``; ``mtcheck rules --format json``
and the ``rules`` list of ``--format json`` carry it as ``url``.

Regenerate the pages after editing a rule's explanation::

    python -m mtcheck.rule_docs            # writes docs/rules/*.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from mtcheck.rules import RuleInfo

REPOSITORY = "https://example.invalid/mtcheck"
URL_TEMPLATE = REPOSITORY + "/docs/rules/{rule}.md"
DOCS_DIR = Path(__file__).resolve().parent.parent / "docs" / "rules"


def rule_url(rule_id: str) -> str:
    return URL_TEMPLATE.format(rule=rule_id)


def markdown(rule: RuleInfo) -> str:
    lines = [
        f"# {rule.id}",
        "",
        f"{rule.summary}",
        "",
        f"Category `{rule.category.value}`, default severity `{rule.severity.value}`, "
        f"status `{rule.status.value}`"
        + (" (runs only when selected by id or with `--preview`)." if rule.status.value == "preview" else "."),
        "",
        rule.explanation.strip(),
        "",
    ]
    if rule.examples:
        lines += ["## Examples", ""]
        for ex in rule.examples:
            mark = "flags" if ex.flag else "passes"
            src = f" (source, {ex.src_lang or '?'}: {ex.src!r})" if ex.src else ""
            lines.append(f"- {mark}: {ex.document!r}{src}")
            if ex.flag:
                fix = f" -> {ex.suggestion!r}" if ex.suggestion is not None else ""
                lines.append(f"  - finding on {ex.text!r}{fix}")
        lines.append("")
    lines += [
        "Suppress it on one line with `<!-- mtcheck: ignore " + rule.id + " -->`, "
        "or see the README's *Suppressing findings*.",
        "",
    ]
    return "\n".join(lines)


def write_pages(folder: Path = DOCS_DIR) -> list[Path]:
    from mtcheck import registry

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in registry.all_rules(include_removed=True):
        path = folder / f"{rule.id}.md"
        path.write_text(markdown(rule), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for page in write_pages(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS_DIR):
        print(page)
