"""Run-time guards of ``mtcheck check``: where reports may be written, and SIGTERM.

* :func:`check_destinations`: ``--output`` and ``--write-baseline`` must name a file
  that can be written (not a directory, not in a missing directory) and never one of
  the inputs: a report written over the translation it checked would lose the
  translation. Both are checked before anything is read, so a mistake costs nothing.
* :func:`sigterm_as_interrupt`: SIGTERM, what CI timeouts and ``kill`` send, stops a
  run as Ctrl-C does: reading stops, worker processes are terminated, the report holds
  what was checked, no temporary file is left beside the ``--output`` target, and the
  exit status is 143 (128 + SIGTERM).
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from mtcheck.errors import MtcheckError

EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so the Ctrl-C path stops it cleanly."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, the first SIGTERM raises :class:`Terminated`; later ones are
    ignored while the run shuts down (it is already stopping)."""
    try:
        previous = signal.getsignal(signal.SIGTERM)
    except ValueError:  # pragma: no cover - not the main thread
        yield
        return
    fired = False

    def handler(signum: int, frame: object) -> None:
        nonlocal fired
        if not fired:
            fired = True
            raise Terminated()

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding application): leave it be
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_destinations(
    destinations: dict[str, Path | None],
    inputs: Iterable[str],
    aligned: Iterable[Path | None],
    expand: "object | None" = None,
) -> None:
    """Refuse a destination that cannot be written or that is one of the inputs.

    ``destinations``: option name -> path (None: not given). ``inputs``: the paths as
    given (directories are walked only when a destination already exists inside one).
    ``aligned``: the --mt/--src/--ref/--docids files. ``expand``: a callable that lists
    the files a directory input stands for (the reader's own walk).
    """
    given = list(inputs)
    aligned_files = [Path(p) for p in aligned if p is not None]
    for option, path in destinations.items():
        if path is None:
            continue
        if path.is_dir():
            raise MtcheckError(f"{option}: cannot write: is a directory", str(path))
        parent = path.parent
        if not parent.is_dir():
            raise MtcheckError(f"{option}: cannot write: no such directory", str(parent))
        if not path.exists():
            continue  # a new file cannot be one of the inputs
        for candidate in _inputs_that_may_be(path, given, aligned_files, expand):
            if _same_file(path, candidate):
                raise MtcheckError(
                    f"{option} names an input file ({candidate}): the report would replace it; "
                    f"write the report elsewhere", str(path))


def _inputs_that_may_be(path: Path, given: list[str], aligned: list[Path],
                        expand: "object | None") -> Iterator[Path]:
    yield from aligned
    resolved = path.resolve()
    for name in given:
        if name == "-":
            continue
        candidate = Path(name)
        if candidate.is_dir():
            if expand is None or not _is_within(resolved, candidate.resolve()):
                continue
            for found in expand([name]):  # type: ignore[operator]
                if isinstance(found, str):
                    yield Path(found)
        else:
            yield candidate


def _is_within(path: Path, directory: Path) -> bool:
    try:
        path.relative_to(directory)
    except ValueError:
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
