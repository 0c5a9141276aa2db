"""Finding the configuration and the files to check, as ruff does.

**Configuration.** The nearest ``mtcheck.toml``, or ``pyproject.toml`` with a
``[tool.mtcheck]`` table, looking upward from the first checked path (a file's
folder, a directory itself; for stdin the ``--stdin-filename`` or the working
directory), then in the working directory when nothing was found above the path.
In one folder ``mtcheck.toml`` wins over ``pyproject.toml``. ``--config FILE`` names
one; ``--isolated`` ignores every configuration file. One configuration serves the
whole run: when another input would have found a different file, a warning says so.

**Directory walks.** A directory on the command line is walked recursively, sorted,
and skips:

* hidden files and folders (a name starting with ``.``);
* the folders of ``exclude`` (default :data:`DEFAULT_EXCLUDE`: build, dist,
  node_modules, virtual environments and tool caches), plus ``extend-exclude``;
  patterns (from the file or ``--exclude``/``--extend-exclude``) are gitignore-style,
  relative to the configuration file's folder (the working directory without one);
* with ``respect-gitignore`` (the default), what the ``.gitignore`` files say:
  those inside the walked folder and those of its parents up to the repository
  root (the nearest folder holding ``.git``), plus ``.git/info/exclude``.

A file named on the command line is always checked, as in ruff: exclusions apply to
walks only. Matching uses ``pathspec`` (gitignore semantics: ``build/`` matches
folders only, a pattern without a slash matches at any depth, ``!`` re-includes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pathspec

from mtcheck.config import RunConfig, find_config_file, load_config
from mtcheck.errors import MtcheckError

# As ruff's default `exclude`, less what only Python projects have.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".mypy_cache", ".nox",
    ".pants.d", ".pytest_cache", ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__",
    "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules", "site-packages",
    "venv",
)


# -- configuration ---------------------------------------------------------------


def discover_config(start: Path, cwd: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` upward, else the working
    directory's; ``None`` when there is none."""
    cwd = (cwd or Path.cwd()).resolve()
    here = start.resolve() if start.is_absolute() else (cwd / start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        found = find_config_file(folder)
        if found is not None:
            return found
    return find_config_file(cwd)


def config_start(inputs: Sequence[str], mt: Path | None, stdin_filename: str | None) -> list[Path]:
    """The paths configuration is discovered from, in order (stdin by its name)."""
    starts: list[Path] = []
    if mt is not None:
        starts.append(mt)
    for name in inputs:
        if name == "-":
            starts.append(Path(stdin_filename) if stdin_filename else Path.cwd())
        else:
            starts.append(Path(name))
    return starts


def resolve_config(
    config: Path | None, isolated: bool, starts: Sequence[Path], warn: "Warn | None" = None,
) -> RunConfig:
    """The run's configuration: ``--config``, none with ``--isolated``, or discovered."""
    if isolated:
        if config is not None:
            raise MtcheckError("--isolated ignores configuration files: drop --config or --isolated")
        return RunConfig()
    if config is not None:
        return load_config(config)
    found = [discover_config(start) for start in starts] or [find_config_file(Path.cwd())]
    chosen = found[0]
    if warn is not None:
        for start, other in zip(starts, found):
            if other != chosen:
                warn(f"{start} would use {other or 'no configuration'}; this run uses "
                     f"{chosen or 'none'} (one configuration per run: check it separately "
                     f"or pass --config)")
                break
    if chosen is None:
        return RunConfig()
    return load_config(chosen)


class Warn:  # pragma: no cover - a protocol for type checkers
    def __call__(self, message: str) -> None: ...


# -- directory walks -------------------------------------------------------------


@dataclass(frozen=True)
class WalkOptions:
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    root: Path | None = None  # where exclude patterns are anchored (None: cwd)

    @classmethod
    def from_config(cls, config: RunConfig,
                    exclude: Iterable[str] | None = None, extend_exclude: Iterable[str] = (),
                    respect_gitignore: bool | None = None) -> "WalkOptions":
        base = tuple(exclude) if exclude is not None else (
            config.exclude if config.exclude is not None else DEFAULT_EXCLUDE)
        return cls(
            exclude=base,
            extend_exclude=tuple(config.extend_exclude) + tuple(extend_exclude),
            respect_gitignore=config.respect_gitignore if respect_gitignore is None else respect_gitignore,
            root=config.root,
        )


class _Rules:
    """The gitignore-style pattern sets that apply under one folder, each anchored at
    its own folder; the last set with a verdict wins (a deeper .gitignore overrides)."""

    def __init__(self, specs: tuple[tuple[Path, pathspec.PathSpec], ...] = ()) -> None:
        self.specs = specs

    def plus(self, base: Path, spec: pathspec.PathSpec | None) -> "_Rules":
        return self if spec is None else _Rules(self.specs + ((base, spec),))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        verdict = False
        for base, spec in self.specs:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                verdict = result.include
        return verdict


def _read_spec(path: Path) -> pathspec.PathSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines) if any(l.strip() for l in lines) else None


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _initial_rules(top: Path, options: WalkOptions) -> _Rules:
    rules = _Rules()

    def add(base: Path, spec: pathspec.PathSpec | None) -> None:
        nonlocal rules
        if spec is None:
            return
        if _Rules(((base, spec),)).ignored(top, True):
            # The folder named on the command line is itself excluded or ignored: the
            # user asked for it, so its patterns apply from there down (as if it were
            # the root), never to the whole walk.
            base = top
        rules = rules.plus(base, spec)

    patterns = (*options.exclude, *options.extend_exclude)
    if patterns:
        anchor = (options.root or Path.cwd()).resolve()
        spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        add(anchor if _inside(top, anchor) else top, spec)
    if options.respect_gitignore:
        repo = _repository_root(top)
        if repo is not None:
            add(repo, _read_spec(repo / ".git" / "info" / "exclude"))
            # .gitignore files of the folders above the walked one, outermost first.
            above = [p for p in top.parents if _inside(p, repo)]
            for folder in reversed(above):
                add(folder, _read_spec(folder / ".gitignore"))
    return rules


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def walk(directory: str, options: WalkOptions, glob: str | None = None) -> Iterator[str]:
    """Files under ``directory`` to check (``glob`` filters their paths below it, as
    ``Path.rglob`` would), sorted as ``sorted(Path.rglob(...))`` sorts them, spelled
    from ``directory``."""
    top = Path(directory)
    absolute_top = top.resolve()
    found: list[Path] = []

    def visit(folder: Path, absolute: Path, rules: _Rules) -> None:
        if options.respect_gitignore:
            rules = rules.plus(absolute, _read_spec(absolute / ".gitignore"))
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                continue
            if rules.ignored(absolute / entry.name, is_dir):
                continue
            if is_dir:
                visit(folder / entry.name, absolute / entry.name, rules)
            elif is_file and (glob is None or (folder / entry.name).relative_to(top).match(glob)):
                found.append(folder / entry.name)

    visit(top, absolute_top, _initial_rules(absolute_top, options))
    for path in sorted(found):
        yield str(path)
