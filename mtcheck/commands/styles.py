"""``mtcheck styles``: the style guides a run would load, their versions and entry counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from mtcheck.errors import MtcheckError


def styles(
    style: Annotated[Optional[list[Path]], typer.Option("--style", metavar="FILE", help="Extra style guide file; later wins.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A mtcheck.toml or pyproject.toml.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
) -> None:
    """List the loaded style guides (built-in, then --style/config files) and entry counts."""
    from mtcheck.config import load_config
    from mtcheck.style_guides import load_style_guide

    if output_format not in ("text", "json"):
        raise MtcheckError(f"--format must be text or json, not {output_format!r}")
    base = load_config(config)
    run_config = base.merged(styles=(base.styles + tuple(style)) if style else None)
    pack = load_style_guide(run_config)
    by_type = Counter(entity.type for entity in pack.entities.values())
    forms = Counter(kind for entity in pack.entities.values()
                    for kind, values in (("variants", entity.variants), ("allowed", entity.allowed),
                                         ("aliases", entity.aliases)) for _ in values)
    languages = _languages(pack)
    if output_format == "json":
        typer.echo(json.dumps({
            "signature": pack.signature["style"],
            "guides": [{"name": n, "version": v, "entries": c} for n, v, c in pack.guides],
            "entities": len(pack), "types": dict(sorted(by_type.items())), "forms": dict(sorted(forms.items())),
            "languages": languages,
        }, indent=2, ensure_ascii=False))
        return
    for name, version, count in pack.guides:
        typer.echo(f"{name:<20} {version or '-':<10} {count:>6} entries")
    types = ", ".join(f"{n} {t}s" for t, n in sorted(by_type.items()))
    typer.echo(f"active: {len(pack)} entities ({types}); {forms['variants']} variants, "
               f"{forms['allowed']} allowed spellings, {forms['aliases']} aliases")
    for lang, info in languages.items():
        style = f"prefers {info['prefer']}, other {info['other']}" if info["traditional"] else "one form"
        typer.echo(f"  {lang}: {info['entities']} entities with a form, {info['traditional']} with an exonym "
                   f"({style})")
    typer.echo(f"signature: {pack.signature['style']}")


def _languages(pack: Any) -> dict[str, dict[str, Any]]:
    """Per target language: how many entries give it a form, how many an exonym, and
    the name style that picks between them."""
    from mtcheck.style_guides import NameStyle

    out: dict[str, dict[str, Any]] = {}
    langs = sorted({lang for e in pack.entities.values() for lang in e.canonical if lang != "en"})
    for lang in langs:
        style = pack.name_styles.get(lang, NameStyle())
        out[lang] = {"entities": sum(1 for e in pack.entities.values() if lang in e.canonical),
                     "traditional": sum(1 for e in pack.entities.values() if lang in e.traditional),
                     "prefer": style.prefer, "other": style.other}
    return out
