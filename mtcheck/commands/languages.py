"""``mtcheck languages``: the language packs a run would load and what each supports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from mtcheck.errors import MtcheckError


def languages(
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A mtcheck.toml or pyproject.toml.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
) -> None:
    """List the language packs (built-in, then `language-packs` folders) and what each supports."""
    from mtcheck.config import load_config
    from mtcheck.languages import FEATURES, packs_for

    if output_format not in ("text", "json"):
        raise MtcheckError(f"--format must be text or json, not {output_format!r}")
    packs = packs_for(load_config(config))
    rows = [{
        "language": code, "name": pack.name, "scripts": list(pack.scripts),
        "supports": list(pack.supports), "origin": "built-in" if pack.builtin else str(pack.folder),
        "boilerplate": len(pack.boilerplate.get("lines", [])) + len(pack.boilerplate.get("prefixes", [])),
        "stopwords": len(pack.stopwords), "established": len(pack.established),
        "decimal": pack.decimal, "group": pack.group,
    } for code, pack in sorted(packs.items())]
    if output_format == "json":
        typer.echo(json.dumps({"features": list(FEATURES), "packs": rows}, indent=2, ensure_ascii=False))
        return
    for row in rows:
        supports = ", ".join(row["supports"]) or "-"
        typer.echo(f"{row['language']:4} {row['name']:12} {'/'.join(row['scripts']):9} {supports}"
                   f"  ({row['boilerplate']} residue lines, {row['stopwords']} stop-words,"
                   f" {row['established']} established phrases; {row['origin']})")
