"""Typed errors. Each carries the file and line it is about, so the CLI can print one line."""

from __future__ import annotations


class MtcheckError(Exception):
    """Base class: something the user can fix. The CLI prints it and exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(MtcheckError):
    """A file, record or line of user input that cannot be read."""


class RepairedInput(InputError):
    """Input read with its damage replaced (invalid UTF-8, a NUL byte, a lone surrogate
    became U+FFFD): reported like any input error, but the document it belongs to is
    still read and checked."""


class SkippedInput(InputError):
    """A record that is deliberately not checked (an XLIFF unit without a target: not
    translated yet). Not an error: the CLI counts skips and says how many."""


class ConfigError(MtcheckError):
    """A configuration file or option that is not valid."""


class PackError(MtcheckError):
    """A style guide, language pack, lexicon or other data file that does not validate."""


class ModelError(MtcheckError):
    """A model that cannot be found or loaded."""


# Where bug reports go (the project's issue tracker).
REPORT_URL = "https://example.invalid/mtcheck/issues"


def report_internal_error(exc: BaseException) -> None:
    """Print an uncaught exception as what it is: a bug in mtcheck, with the traceback a
    report needs and where to send it. The CLI then exits 2, as ruff and Vale do."""
    import sys
    import traceback

    from mtcheck import __version__

    traceback.print_exception(exc, file=sys.stderr)
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    print(f"mtcheck: internal error: {summary}\n"
          f"mtcheck: this is a bug in mtcheck {__version__}, not a problem with your input; "
          f"please report it at {REPORT_URL} with the command line, the traceback above "
          f"and, if you can, the input", file=sys.stderr)
