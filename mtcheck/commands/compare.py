"""``mtcheck compare``: a second-opinion MT model translates ``src``; disagreements
with ``mt`` become ``model`` findings, reported like ``mtcheck check`` reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from mtcheck.document import Document
from mtcheck.errors import InputError, MtcheckError

_CHUNK = 256  # documents translated together: batches span documents, memory stays flat


def compare(
    inputs: Annotated[list[str], typer.Argument(metavar="PATH", help="Feeds with src and mt (JSONL, TSV, ...), or - for stdin.")],
    mt_model: Annotated[Optional[str], typer.Option("--mt-model", metavar="MODEL", help="Seq2seq model: directory, cached hub id, or 'auto' (models/registry.yaml).")] = None,
    device: Annotated[Optional[str], typer.Option(metavar="DEVICE", help="cpu | cuda | auto")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text, jsonl, json, sarif, junit, github, html, summary")] = "text",
    fail_on: Annotated[Optional[str], typer.Option(metavar="LEVEL", help="error | warning | info | never")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A mtcheck.toml or pyproject.toml.")] = None,
    min_chrf: Annotated[float, typer.Option(metavar="SCORE", help="Flag lines whose chrF against the model is below this.")] = 30.0,
    min_bleu: Annotated[Optional[float], typer.Option(metavar="SCORE", help="Also flag lines below this sentence BLEU.")] = None,
    max_ter: Annotated[Optional[float], typer.Option(metavar="SCORE", help="Also flag lines above this sentence TER.")] = None,
    batch_size: Annotated[int, typer.Option(metavar="N", help="Sources per generate() call.")] = 16,
    max_new_tokens: Annotated[int, typer.Option(metavar="N", help="Longest model translation, in tokens.")] = 256,
    src_lang: Annotated[Optional[str], typer.Option(metavar="LANG", help="Source language when the feed does not say.")] = None,
    tgt_lang: Annotated[Optional[str], typer.Option(metavar="LANG", help="Target language when the feed does not say.")] = None,
    input_format: Annotated[Optional[str], typer.Option(metavar="FORMAT", help="jsonl, tsv, ... (default: by extension).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the model cache.")] = False,
) -> None:
    """Compare translations with a second-opinion model's translation of the source."""
    from mtcheck.api import Checker
    from mtcheck.compare import default_model
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.loading import require_extras, resolve_device
    from mtcheck.compare.second_opinion import CompareOptions, Translator, compare_segment, segments
    from mtcheck.config import parse_fail_level
    from mtcheck.discovery import config_start, resolve_config
    from mtcheck.readers import ReadOptions, read_inputs
    from mtcheck.reporters import RunInfo, Summary, make_reporter

    base = resolve_config(config, False, config_start(inputs, None, None))  # nearest config above
    run_config = base.merged(select=("model",), ignore=(),
                             fail_on=parse_fail_level(fail_on) if fail_on else None)
    model_ref = mt_model or base.mt_model
    if not model_ref:
        raise MtcheckError("give --mt-model MODEL (a directory, a cached hub id, or 'auto'), "
                           "or set mt-model in the config")
    chosen_device = device or base.device
    options = CompareOptions(min_chrf=min_chrf, min_bleu=min_bleu, max_ter=max_ter, batch_size=max(1, batch_size),
                             max_new_tokens=max(1, max_new_tokens))
    cache = ResultCache(enabled=not no_cache)
    translators: dict[str, Translator] = {}

    def translator_for(lang: str | None) -> Translator:
        ref = default_model("translate", lang, run_config.tgt_lang) if model_ref == "auto" else model_ref
        if ref not in translators:
            require_extras()
            resolve_device(chosen_device)  # fail now, even when every reading is cached
            translators[ref] = Translator(ref, chosen_device, cache, options)
        return translators[ref]

    try:
        reporter = make_reporter(output_format)
    except ValueError as exc:
        raise MtcheckError(str(exc)) from None
    checker = Checker(run_config)
    items = read_inputs(inputs, ReadOptions(input_format=input_format, src_lang=src_lang, tgt_lang=tgt_lang))
    summary, failed, skipped = Summary(), False, 0
    out = sys.stdout
    pending: list[Document | InputError] = []
    # Fail fast on a missing model, before reading anything; 'auto' resolves per pair.
    model_sig = translator_for(None).spec.signature if model_ref != "auto" else "auto"

    def flush() -> None:
        nonlocal failed, skipped
        by_model: dict[tuple[str, str | None, str], list[tuple[int, int, int, str]]] = {}
        for index, doc in enumerate(pending):
            if isinstance(doc, InputError):
                continue
            parts = segments(doc)
            if not parts:
                skipped += 1
                continue
            lang = doc.src_lang
            key = (translator_for(lang).model_ref, lang, doc.target_language)
            by_model.setdefault(key, []).extend((index, s, e, src) for s, e, src in parts)
        readings: dict[tuple[int, int], str] = {}
        for (ref, lang, tgt), items_ in by_model.items():
            outs = translators[ref].translate([src for *_, src in items_], lang, tgt)
            readings.update({(i, s): o for (i, s, _, _), o in zip(items_, outs)})
        for index, doc in enumerate(pending):
            if isinstance(doc, InputError):
                summary.input_errors += 1
                typer.echo(f"mtcheck: {doc}", err=True)
                continue
            hits = [h for s, e, _ in segments(doc) for h in compare_segment(doc.text, s, e, readings[(index, s)], options)]
            findings = checker.to_findings(doc, hits)
            summary.add(doc, findings)
            failed = failed or any(run_config.fail_on.reached_by(f.severity) for f in findings)
            out.write(reporter.document(doc, findings))
        pending.clear()

    started = False
    for item in items:
        if not started:
            out.write(reporter.start(RunInfo(
                signature=checker.signature({"mt-model": model_sig}), rules=checker.rules,
                severities={rid: checker.severity_of(rid) for rid in checker.rules},
                fail_on=run_config.fail_on)))
            started = True
        pending.append(item)
        if len(pending) >= _CHUNK:
            flush()
    if not started:
        raise MtcheckError("nothing to compare: the input holds no records")
    flush()
    out.write(reporter.finish(summary))
    cache.close()
    if skipped:
        typer.echo(f"mtcheck: {skipped} document(s) without 'src' were not compared", err=True)
    if summary.input_errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if failed else 0)
