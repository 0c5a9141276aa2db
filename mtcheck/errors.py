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


class ConfigError(MtcheckError):
    """A configuration file or option that is not valid."""


class PackError(MtcheckError):
    """A style pack or lexicon data file that does not validate."""


class ModelError(MtcheckError):
    """A model that cannot be found or loaded."""
