"""The command line. This module alone turns errors into exit codes (0/1/2/130)."""

from __future__ import annotations

import os
import sys
import time
import typing
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from mtcheck import __version__
from mtcheck.document import Document
from mtcheck.errors import InputError, MtcheckError, SkippedInput

app = typer.Typer(
    name="mtcheck",
    help="Check machine-translated text for pronoun artifacts, name variants, residue and more.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

from mtcheck.conventions import readable_help  # noqa: E402

readable_help()  # --help says FILE, RULE, N, never <list[str]> or <bool>


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """mtcheck: rules plus a model comparison for MT output."""


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _parse_fields(values: list[str] | None) -> dict[str, str]:
    from mtcheck.readers import FIELD_NAMES

    fields: dict[str, str] = {}
    for value in values or []:
        ours, sep, theirs = value.partition("=")
        if not sep or ours not in FIELD_NAMES or not theirs:
            raise MtcheckError(
                f"--field takes NAME=FIELD with NAME one of {', '.join(FIELD_NAMES)}, not {value!r}"
            )
        fields[ours] = theirs
    return fields


@app.command()
def check(
    inputs: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help="Files, directories or - for stdin.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text, concise, jsonl, json, sarif, junit, github, html, summary")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report here (atomically).")] = None,
    fail_on: Annotated[Optional[str], typer.Option(metavar="LEVEL", help="error | warning | info | never")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FILE", help="A mtcheck.toml or pyproject.toml (default: the nearest one above the first path).")] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
    select: Annotated[Optional[list[str]], typer.Option(metavar="RULE", help="Enable only these rules/families/categories.")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option("--extend-select", metavar="RULE", help="Enable these too, on top of select or the default.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(metavar="RULE", help="Disable these rules/families/categories.")] = None,
    extend_ignore: Annotated[Optional[list[str]], typer.Option("--extend-ignore", metavar="RULE", help="Disable these too, on top of ignore.")] = None,
    preview: Annotated[Optional[bool], typer.Option("--preview/--no-preview", help="Let families and categories select their preview rules (otherwise only by id).", show_default=False)] = None,
    style: Annotated[Optional[list[Path]], typer.Option("--style", metavar="FILE", help="Extra style guide file; later wins.")] = None,
    scope: Annotated[Optional[str], typer.Option(metavar="SCOPE", help="document | feed (name consistency across documents).")] = None,
    input_format: Annotated[Optional[str], typer.Option(metavar="FORMAT", help="text, jsonl, tsv, xliff (default: by extension; stdin is sniffed).")] = None,
    field: Annotated[Optional[list[str]], typer.Option("--field", metavar="NAME=FIELD", help="Rename a feed field: mt=translation.")] = None,
    glob: Annotated[Optional[str], typer.Option(metavar="PATTERN", help="Filter files found in directories, e.g. '*.txt'.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", metavar="PATTERN", help="Gitignore-style patterns directory walks skip (replaces the default list).")] = None,
    extend_exclude: Annotated[Optional[list[str]], typer.Option("--extend-exclude", metavar="PATTERN", help="Patterns directory walks skip, on top of exclude.")] = None,
    respect_gitignore: Annotated[Optional[bool], typer.Option("--respect-gitignore/--no-respect-gitignore", help="Directory walks skip what .gitignore files ignore (default: yes).", show_default=False)] = None,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", metavar="NAME", help="The name stdin goes by: its format, paths in the report, configuration.")] = None,
    src_lang: Annotated[Optional[str], typer.Option(metavar="LANG", help="Source language when the input does not say.")] = None,
    tgt_lang: Annotated[Optional[str], typer.Option(metavar="LANG", help="Target language when the input does not say.")] = None,
    mt: Annotated[Optional[Path], typer.Option("--mt", metavar="FILE", help="Aligned files: MT output, one segment a line.")] = None,
    src: Annotated[Optional[Path], typer.Option("--src", metavar="FILE", help="Aligned files: source, one segment a line.")] = None,
    ref: Annotated[Optional[Path], typer.Option("--ref", metavar="FILE", help="Aligned files: reference, one segment a line.")] = None,
    docids: Annotated[Optional[Path], typer.Option("--docids", metavar="FILE", help="Aligned files: one document id a line.")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe suggestions to text and --mt files (atomically).")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff and change nothing (exit 1 if there is one).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix/--diff, apply every suggestion (pronouns, near-miss names, numbers) too.")] = False,
    color: Annotated[str, typer.Option("--color", metavar="WHEN", help="auto | always | never (auto: a terminal, unless NO_COLOR; FORCE_COLOR forces).")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", metavar="N", help="Worker processes (default: all cores).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", help="Report and fail only on findings not in this baseline.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", metavar="FILE", help="Record today's findings as the baseline.")] = None,
    lm: Annotated[Optional[str], typer.Option("--lm", metavar="MODEL", help="Re-score pronouns with a causal LM: smollm2, gemma (packaged), a directory, .gguf or cached hub id.")] = None,
    device: Annotated[Optional[str], typer.Option("--device", metavar="DEVICE", help="Device for --lm: cpu | cuda | auto.")] = None,
    threads: Annotated[Optional[int], typer.Option("--threads", metavar="N", help="CPU threads for --lm.")] = None,
    pronoun_threshold: Annotated[Optional[float], typer.Option("--pronoun-threshold", metavar="P", help="Report pronoun findings with at least this confidence (0-1).")] = None,
) -> None:
    """Check translated documents and report findings."""
    from mtcheck.api import Checker
    from mtcheck.config import parse_fail_level
    from mtcheck.readers import ReadOptions, read_inputs
    from mtcheck.reporters import RunInfo, Summary, make_reporter

    from mtcheck.discovery import WalkOptions, config_start, resolve_config

    early_warnings: list[str] = []
    base = resolve_config(config, isolated, config_start(inputs or [], mt, stdin_filename),
                          warn=early_warnings.append)
    cli_select = _split(select)
    run_config = base.merged(
        select=cli_select,
        ignore=_split(ignore),
        # A --select on the command line starts afresh, as in ruff: the file's
        # extend-select no longer applies; --extend-select adds to whichever is used.
        extend_select=((() if cli_select else base.extend_select) + (_split(extend_select) or ()))
        if (cli_select or extend_select) else None,
        extend_ignore=(base.extend_ignore + _split(extend_ignore)) if _split(extend_ignore) else None,
        preview=preview,
        respect_gitignore=respect_gitignore,
        fail_on=parse_fail_level(fail_on) if fail_on else None,
        styles=(base.styles + tuple(style)) if style else None,
        scope=scope,
        tgt_lang=tgt_lang,
        lm=lm,
        device=device,
        threads=threads,
        pronoun_threshold=pronoun_threshold,
    )
    if threads is not None and threads < 1:
        raise MtcheckError(f"--threads must be at least 1, not {threads}")
    if pronoun_threshold is not None and not 0 <= pronoun_threshold <= 1:
        raise MtcheckError(f"--pronoun-threshold must be from 0 to 1, not {pronoun_threshold}")
    if run_config.scope not in ("document", "feed"):
        raise MtcheckError(f"--scope must be document or feed, not {run_config.scope!r}")
    options = ReadOptions(
        input_format=input_format, fields=_parse_fields(field), glob=glob,
        src_lang=src_lang, tgt_lang=tgt_lang,
        walk=WalkOptions.from_config(run_config, exclude=_split(exclude), extend_exclude=_split(extend_exclude) or ()),
        stdin_filename=stdin_filename, ignore_field=run_config.ignore_field,
    )
    if mt is None and (src is not None or ref is not None or docids is not None):
        raise MtcheckError("--src, --ref and --docids describe aligned files: give --mt FILE too")
    from mtcheck.guards import EXIT_TERMINATED, Terminated, check_destinations, sigterm_as_interrupt
    from mtcheck.readers import expand_inputs

    check_destinations({"--output": output, "--write-baseline": write_baseline}, inputs or [],
                       (mt, src, ref, docids), expand=lambda names: expand_inputs(names, options))
    if mt is not None:
        from mtcheck.readers.aligned import read_aligned

        items: Iterator[Document | InputError] = read_aligned(mt, src=src, ref=ref, docids=docids, options=options)
        if inputs:
            items = _chain(items, read_inputs(inputs, options))
    elif inputs:
        items = read_inputs(inputs, options)
    else:
        raise MtcheckError("nothing to check: give files, directories, - for stdin, or --mt FILE")
    from mtcheck import suppression
    from mtcheck.conventions import DuplicateIds, color_enabled, terminal_width

    items = suppression.prepare_stream(items)  # comment directives, blanked before checking
    if unsafe_fixes and not (fix or diff):
        raise MtcheckError("--unsafe-fixes goes with --fix or --diff")
    color_enabled(color, output, output_format)  # a bad --color is a usage error before any loading

    try:
        reporter = make_reporter(output_format)
    except ValueError as exc:
        raise MtcheckError(str(exc)) from None
    checker = Checker(run_config)
    models: dict[str, str] = {}  # the Checker signs the models it attached itself
    if run_config.per_file_ignores:  # they change findings: the signature says so
        from mtcheck.signature import short_hash

        models["per-file-ignores"] = short_hash(sorted(
            f"{glob}={','.join(rules)}" for glob, rules in run_config.per_file_ignores.items()))
    run = RunInfo(
        signature=checker.signature(models), rules=checker.rules,
        severities={rid: checker.severity_of(rid) for rid in checker.rules},
        fail_on=run_config.fail_on, color=color_enabled(color, output, output_format),
        width=terminal_width(output),
    )
    from mtcheck.baseline import Baseline, BaselineWriter
    from mtcheck.parallel import default_jobs
    from mtcheck.progress import Progress

    known = Baseline.load(baseline) if baseline is not None else None
    recorder = BaselineWriter() if write_baseline is not None else None
    workers = jobs if jobs is not None else default_jobs()
    if workers < 1:
        raise MtcheckError(f"--jobs must be at least 1, not {workers}")
    if run_config.lm:
        workers = 1  # one model in memory, not one per worker process
    summary = Summary()
    failed = False
    interrupted = terminated = False
    started = time.perf_counter()
    with sigterm_as_interrupt(), _open_output(output) as opened, Progress(enabled=not quiet) as progress:
        def warn(message: str) -> None:
            progress.echo(f"mtcheck: warning: {message}")

        for message in early_warnings:
            warn(message)
        # --diff prints the diff on stdout: the report goes to --output or nowhere.
        sink = _Discard() if diff and output is None else opened
        suppressor = suppression.Suppressor(
            checker.rules, registry_rules(), run_config.per_file_ignores,
            root=run_config.root, warn=warn)
        duplicates = DuplicateIds()
        fixer = None
        if fix or diff:
            from mtcheck.fixes import Fixer
            from mtcheck.reporters.sarif import display_path

            fixer = Fixer(write=fix and not diff, diff=sys.stdout if diff else None,
                          unsafe=unsafe_fixes, warn=warn, display=display_path)
        sink.write(reporter.start(run))
        try:
            for item, findings in checker.check_documents(items, jobs=workers):
                if isinstance(item, SkippedInput):
                    summary.skipped += 1  # counted, not an error: said in the summary
                    continue
                if isinstance(item, InputError):
                    summary.input_errors += 1
                    progress.echo(f"mtcheck: {item}")
                    continue
                duplicate = duplicates.check(item)
                if duplicate:
                    warn(duplicate)
                findings = suppressor.filter(item, findings)
                if fixer is not None:
                    item, findings = fixer.fix(item, findings)
                if recorder is not None:
                    recorder.add(item, findings)
                if known is not None:
                    findings = known.new_only(item, findings)
                summary.add(item, findings)
                failed = failed or any(run_config.fail_on.reached_by(f.severity) for f in findings)
                sink.write(reporter.document(item, findings))
                progress.advance(summary)
        except KeyboardInterrupt as stop:
            interrupted = True
            terminated = isinstance(stop, Terminated)
        if not interrupted:
            suppressor.finish()
        if fixer is not None:
            fixer.finish()
            if not quiet or fixer.changed:
                progress.echo(fixer.summary())
        summary.seconds = time.perf_counter() - started
        sink.write(reporter.finish(summary))
    if recorder is not None and write_baseline is not None and not interrupted:
        _write_atomically(write_baseline, recorder.dumps(run.signature.format()))
    if not quiet:
        # The text report already ends with the signature.
        signature = None if output_format == "text" and output is None else run.signature.format()
        typer.echo(progress.final_line(summary, signature), err=True)
    if interrupted:
        what = "terminated (SIGTERM)" if terminated else "interrupted"
        typer.echo(f"mtcheck: {what}; the report holds what was checked so far", err=True)
        raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    if summary.input_errors:
        raise typer.Exit(EXIT_ERROR)
    if diff:
        # As ruff and `git diff --exit-code`: 1 when there is something to fix.
        raise typer.Exit(EXIT_FINDINGS if fixer is not None and fixer.changed else EXIT_OK)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class _Discard:
    def write(self, text: str) -> int:
        return len(text)


def registry_rules() -> list:  # type: ignore[type-arg]
    from mtcheck import registry

    return registry.all_rules(include_removed=True)


def _write_atomically(path: Path, text: str) -> None:
    with _open_output(path) as handle:
        handle.write(text)


def _chain(*iterables: Iterator[Document | InputError]) -> Iterator[Document | InputError]:
    for iterable in iterables:
        yield from iterable


class _open_output:
    """stdout, or a temporary file beside ``path`` renamed into place on success, so a
    reader of ``path`` never sees half a report."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.tmp: Path | None = None
        self.handle: "typing.TextIO"

    def __enter__(self):  # type: ignore[no-untyped-def]
        if self.path is None:
            return _Sink(sys.stdout, "stdout")
        where = str(self.path)
        if self.path.is_dir():
            raise MtcheckError("cannot write: is a directory", where)
        if self.path.exists() and not self.path.is_file():
            # /dev/null, a FIFO, a terminal: nothing to replace atomically.
            try:
                self.handle = open(self.path, "w", encoding="utf-8")
            except OSError as exc:
                raise MtcheckError(f"cannot write: {exc.strerror or exc}", where) from None
            return _Sink(self.handle, where)
        if not self.path.parent.is_dir():
            raise MtcheckError("cannot write: no such directory", str(self.path.parent))
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.handle = open(self.tmp, "w", encoding="utf-8")
        except OSError as exc:
            raise MtcheckError(f"cannot write: {exc.strerror or exc}", where) from None
        _TEMPORARY.add(self.tmp)
        return _Sink(self.handle, where)

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if self.path is None:
            _Sink(sys.stdout, "stdout").flush()
            return
        try:
            self.handle.close()
        except OSError as error:  # /dev/full: the last buffer fails to flush
            if self.tmp is not None:
                self._discard()
            raise MtcheckError(f"cannot write: {error.strerror or error}", str(self.path)) from None
        if self.tmp is None:
            return
        interrupted = exc_type is not None and issubclass(exc_type, typer.Exit)
        if exc_type is None or interrupted:
            try:
                os.replace(self.tmp, self.path)
            except OSError as error:
                self._discard()
                raise MtcheckError(f"cannot write: {error.strerror or error}", str(self.path)) from None
            _TEMPORARY.discard(self.tmp)
        else:
            self._discard()

    def _discard(self) -> None:
        assert self.tmp is not None
        self.tmp.unlink(missing_ok=True)
        _TEMPORARY.discard(self.tmp)


# Temporary report files not yet renamed into place: removed on SIGTERM.
_TEMPORARY: set[Path] = set()


class _Sink:
    """A text stream whose write errors (a full disk, /dev/full, EIO) are one-line
    user errors naming the output, not tracebacks. A closed pipe stays a
    BrokenPipeError: ``main`` treats that as the reader having had enough."""

    def __init__(self, stream: "typing.TextIO", where: str) -> None:
        self.stream = stream
        self.where = where

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            _reader_left()
        except OSError as exc:
            raise self._error(exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            _reader_left()
        except OSError as exc:
            if self.stream is sys.stdout:
                # Python would fail again flushing stdout at exit, with a traceback.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> MtcheckError:
        return MtcheckError(f"cannot write: {exc.strerror or exc}", self.where)


def _reader_left() -> typing.NoReturn:
    """`mtcheck check ... | head` closed the pipe: not an error (typer would exit 1,
    the findings code). Later writes and Python's last flush go to /dev/null."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(EXIT_OK)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json")] = "text",
    all_rules: Annotated[bool, typer.Option("--all", help="Include removed rules.")] = False,
) -> None:
    """List every rule: id, category, default severity, one line; [preview] and [model]
    rules are off unless selected (preview: by id or with --preview)."""
    import json

    from mtcheck import registry
    from mtcheck.rule_docs import rule_url

    infos = registry.all_rules(include_removed=all_rules)
    if output_format == "json":
        typer.echo(json.dumps([
            {"id": r.id, "category": r.category.value, "severity": r.severity.value,
             "status": r.status.value, "preview": r.status.value == "preview",
             "summary": r.summary, "url": rule_url(r.id)} for r in infos
        ], indent=2))
        return
    width = max(len(r.id) for r in infos)
    for r in infos:
        status = "" if r.status.value == "stable" else f" [{r.status.value}]"
        typer.echo(f"{r.id:<{width}}  {r.category.value:<18}  {r.severity.value:<7}  {r.summary}{status}")
    notes = []
    if any(r.status.value == "preview" for r in infos):
        notes.append("[preview] rules run only when selected by id (--select/--extend-select RULE) "
                     "or with --preview; selecting their family or category is not enough.")
    if any(r.status.value == "model" for r in infos):
        notes.append("[model] rules come from `mtcheck compare` only.")
    if notes:
        typer.echo("\n" + "\n".join(notes))


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. pronoun.institution.")]) -> None:
    """What a rule catches, why, and examples of good and bad text."""
    from mtcheck import registry

    try:
        info = registry.rule(rule_id)
    except KeyError:
        known = ", ".join(r.id for r in registry.all_rules())
        raise MtcheckError(f"unknown rule {rule_id!r}; known rules: {known}") from None
    typer.echo(f"{info.id} ({info.category.value}, default severity {info.severity.value}, {info.status.value})")
    typer.echo(f"{info.summary}\n")
    typer.echo(info.explanation.rstrip() + "\n")
    if info.examples:
        typer.echo("## Examples")
        for ex in info.examples:
            mark = "flags" if ex.flag else "passes"
            src = f"   [source {ex.src_lang or ''}: {ex.src}]" if ex.src else ""
            typer.echo(f"- {mark}: {ex.document!r}{src}")
            if ex.flag:
                fix = f" -> {ex.suggestion!r}" if ex.suggestion is not None else ""
                typer.echo(f"    finding on {ex.text!r}{fix}")
    from mtcheck.rule_docs import rule_url

    typer.echo(f"\nDocumentation: {rule_url(info.id)}")


# -- subcommands from mtcheck/commands/ (one module each; imports inside stay lazy) --

from mtcheck.commands.score import score as _score  # noqa: E402

app.command(name="score")(_score)

from mtcheck.commands.compare import compare as _compare  # noqa: E402

app.command(name="compare")(_compare)

from mtcheck.commands.styles import styles as _styles  # noqa: E402

app.command(name="styles")(_styles)

from mtcheck.commands.languages import languages as _languages  # noqa: E402

app.command(name="languages")(_languages)

from mtcheck.commands.stats import stats as _stats  # noqa: E402

app.command(name="stats")(_stats)


def main() -> None:
    """Console entry point: one line on stderr and exit 2 for every user error; an
    internal error (a bug) exits 2 too, never 1, which means "findings reached --fail-on"."""
    try:
        app(standalone_mode=True)
    except MtcheckError as exc:
        typer.echo(f"mtcheck: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        # `mtcheck check ... | head` closes the pipe early; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        from mtcheck.errors import report_internal_error

        report_internal_error(exc)
        sys.exit(EXIT_ERROR)
    finally:
        for tmp in list(_TEMPORARY):  # a report interrupted before its rename
            tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
