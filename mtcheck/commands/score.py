"""``mtcheck score``: corpus BLEU / chrF / TER from sacrebleu, as a CI gate.

The numbers and signatures are sacrebleu's own, computed with the sacrebleu CLI's
defaults, so a gate set from ``sacrebleu REF -i HYP`` means the same here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from mtcheck.errors import InputError, MtcheckError, RepairedInput

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


def score(
    hyp: Annotated[str, typer.Argument(metavar="HYP", help="MT output, one segment a line; or a JSONL feed with mt and ref.")],
    ref: Annotated[Optional[list[str]], typer.Option("--ref", "-r", metavar="FILE", help="Reference file; repeat for several references.")] = None,
    metrics: Annotated[str, typer.Option("--metrics", "-m", metavar="METRICS", help="Comma-separated: bleu, chrf, ter.")] = "bleu,chrf",
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
    min_bleu: Annotated[Optional[float], typer.Option(metavar="SCORE", help="Exit 1 when corpus BLEU is below this.")] = None,
    min_chrf: Annotated[Optional[float], typer.Option(metavar="SCORE", help="Exit 1 when corpus chrF is below this.")] = None,
    max_ter: Annotated[Optional[float], typer.Option(metavar="SCORE", help="Exit 1 when corpus TER is above this.")] = None,
    segments: Annotated[Optional[Path], typer.Option("--segments", metavar="FILE", help="Write per-segment scores here as JSONL.")] = None,
    width: Annotated[int, typer.Option(metavar="N", help="Decimals in text output (sacrebleu's --width).")] = 1,
    input_format: Annotated[Optional[str], typer.Option(metavar="FORMAT", help="text or jsonl (default: by extension).")] = None,
) -> None:
    """Corpus scores against references, with sacrebleu's signature; exit 1 below a gate."""
    from mtcheck.compare import metrics as m

    if output_format not in ("text", "json"):
        raise MtcheckError(f"--format must be text or json, not {output_format!r}")
    if not 0 <= width <= 10:
        raise MtcheckError(f"--width must be from 0 to 10 decimals, not {width}")
    try:
        names = list(m.parse_metrics(metrics))
    except ValueError as exc:
        raise MtcheckError(f"--metrics: {exc}") from None
    gates = {"bleu": min_bleu, "chrf": min_chrf, "ter": max_ter}
    # A gate on a metric that was not asked for still has to be computed.
    names += [name for name, limit in gates.items() if limit is not None and name not in names]

    fmt = input_format or ("jsonl" if Path(hyp).suffix.lower() in _JSONL_SUFFIXES else "text")
    if fmt == "jsonl":
        hypotheses, streams, ids = _read_feed(hyp, ref or [])
    elif fmt == "text":
        if not ref:
            raise MtcheckError("give at least one --ref file (or a JSONL feed with a 'ref' field)")
        hypotheses = m.read_segments(hyp)
        streams = [(path, m.read_segments(path)) for path in ref]
        ids = None
    else:
        raise MtcheckError(f"--input-format must be text or jsonl, not {input_format!r}")
    m.check_lengths(hyp, hypotheses, streams)
    references = [stream for _, stream in streams]

    results = m.corpus_scores(hypotheses, references, names)
    if segments is not None:
        _write_segments(segments, m.sentence_scores(hypotheses, references, names), ids)
    if output_format == "json":
        typer.echo(json.dumps({name: r.as_dict() for name, r in results.items()}, indent=2))
    else:
        for r in results.values():
            typer.echo(r.format(width))

    missed = []
    for name, limit in gates.items():
        if limit is None:
            continue
        value = results[name].score
        ok = value >= limit if m.HIGHER_IS_BETTER[name] else value <= limit
        if not ok:
            bound = "minimum" if m.HIGHER_IS_BETTER[name] else "maximum"
            missed.append(f"{results[name].name} {value:.{width}f} (the {bound} is {limit:g})")
    if missed:
        typer.echo(f"mtcheck: score gate missed: {'; '.join(missed)}", err=True)
        raise typer.Exit(1)


def _read_feed(path: str, extra_refs: list[str]) -> tuple[list[str], list[tuple[str, list[str]]], list[str]]:
    """Hypotheses and references from a feed's ``mt`` and ``ref`` fields (plus any --ref files)."""
    from mtcheck.compare.metrics import read_segments
    from mtcheck.readers import ReadOptions
    from mtcheck.readers.jsonl import read

    hypotheses: list[str] = []
    feed_refs: list[str] = []
    ids: list[str] = []
    missing: int | None = None  # first record line without a reference
    for item in read(path, ReadOptions(input_format="jsonl")):
        if isinstance(item, RepairedInput):
            # The record is still read (bad characters as U+FFFD): say so, go on.
            typer.echo(f"mtcheck: warning: {item}", err=True)
            continue
        if isinstance(item, InputError):
            raise item
        if item.ref is None:
            missing = missing or item.record_line
        else:
            feed_refs.append(item.ref.rstrip())
        hypotheses.append(item.text.rstrip())
        ids.append(item.doc_id)
    if not hypotheses:
        raise InputError("no segments to score", path)
    streams: list[tuple[str, list[str]]] = []
    if feed_refs and missing is not None or not feed_refs and not extra_refs:
        # Either every record carries its reference or none does (then --ref files do).
        raise InputError("record has no 'ref' field to score against", path, missing)
    if feed_refs:
        streams.append((f"{path} (field 'ref')", feed_refs))
    streams += [(ref, read_segments(ref)) for ref in extra_refs]
    return hypotheses, streams, ids


def _write_segments(path: Path, rows: list[dict[str, float]], ids: list[str] | None) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            for index, row in enumerate(rows):
                record: dict[str, object] = {"segment": index + 1}
                if ids is not None:
                    record["id"] = ids[index]
                record.update(row)
                handle.write(json.dumps(record) + "\n")
    except OSError as exc:
        raise MtcheckError(f"cannot write: {exc.strerror or exc}", str(path)) from None
