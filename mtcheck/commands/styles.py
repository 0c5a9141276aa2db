"""``mtcheck styles``: the style guides a run would load, their versions and entry counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from mtcheck.errors import MtcheckError


def styles(
    style: Annotated[Optional[list[Path]], typer.Option("--style", metavar="FILE", help="Extra style guide file; later wins.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A mtcheck.toml or pyproject.toml.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
) -> None:
    """List the loaded style guides (built-in, then --style/config files) and entry counts."""
    from mtcheck.config import load_config
    from mtcheck.packs import load_pack

    if output_format not in ("text", "json"):
        raise MtcheckError(f"--format must be text or json, not {output_format!r}")
    base = load_config(config)
    run_config = base.merged(styles=(base.styles + tuple(style)) if style else None)
    pack = load_pack(run_config)
    by_type = Counter(entity.type for entity in pack.entities.values())
    forms = Counter(kind for entity in pack.entities.values()
                    for kind, values in (("variants", entity.variants), ("allowed", entity.allowed),
                                         ("aliases", entity.aliases)) for _ in values)
    if output_format == "json":
        typer.echo(json.dumps({
            "signature": pack.signature["style"],
            "guides": [{"name": n, "version": v, "entries": c} for n, v, c in pack.guides],
            "entities": len(pack), "types": dict(sorted(by_type.items())), "forms": dict(sorted(forms.items())),
        }, indent=2))
        return
    for name, version, count in pack.guides:
        typer.echo(f"{name:<20} {version or '-':<10} {count:>6} entries")
    types = ", ".join(f"{n} {t}s" for t, n in sorted(by_type.items()))
    typer.echo(f"active: {len(pack)} entities ({types}); {forms['variants']} variants, "
               f"{forms['allowed']} allowed spellings, {forms['aliases']} aliases")
    typer.echo(f"signature: {pack.signature['style']}")
