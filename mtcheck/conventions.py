"""Small CLI conventions linters share: colour, terminal width, warnings, duplicate ids."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mtcheck.document import Document
from mtcheck.errors import MtcheckError

COLOR_CHOICES = ("auto", "always", "never")


def color_enabled(choice: str, output: Path | None, output_format: str) -> bool:
    """``--color``: ``always``/``never`` as given; ``auto`` follows ``NO_COLOR`` (set and
    not empty: no colour), then ``FORCE_COLOR`` (set and not empty: colour, even into a
    pipe or a file), then whether the report goes to a terminal. Only the text formats
    have colour."""
    if choice not in COLOR_CHOICES:
        raise MtcheckError(f"--color must be auto, always or never, not {choice!r}")
    if output_format not in ("text", "concise"):
        return False
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty()


def terminal_width(output: Path | None) -> int | None:
    """The width to wrap messages to: the terminal's (``COLUMNS`` honoured), or None
    when the report goes to a pipe or a file (one line a message, for grep)."""
    if output is not None or not sys.stdout.isatty():
        return None
    return max(shutil.get_terminal_size((100, 24)).columns, 40)


class DuplicateIds:
    """Warns once per repeated record id in one input file. Ids are remembered as
    Python hashes (8 bytes of state each, not the id), one file at a time."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.seen: dict[int, int] = {}
        self.duplicates = 0

    def check(self, doc: Document) -> str | None:
        if doc.record_line is None:
            return None
        if doc.path != self.path:
            self.path, self.seen = doc.path, {}
        key = hash(doc.doc_id)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = doc.record_line
            return None
        self.duplicates += 1
        return (f"{doc.path}:{doc.record_line}: duplicate id {doc.doc_id!r} (first at line {first}); "
                f"baselines and reports keyed by id will mix the two records")


def readable_help() -> None:
    """``--help`` shows words (FILE, RULE, N), never Python types: typer >= 0.16 prints
    ``<bool>`` beside every flag and ``<list[str]>`` beside arguments that have a
    metavar. Flags take no value, so they get no type column; an argument with a
    metavar is described by it. Harmless where typer lacks these hooks."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover
        return
    option = getattr(core, "TyperOption", None)
    argument = getattr(core, "TyperArgument", None)
    if option is not None and hasattr(option, "display_type_rich") and not getattr(option, "_mtcheck", False):
        original_option = option.display_type_rich

        def option_type(self, ctx):  # type: ignore[no-untyped-def]
            if self.metavar is None and (getattr(self, "is_flag", False) or getattr(self, "count", False)):
                return None
            return original_option(self, ctx)

        option.display_type_rich = option_type
        option._mtcheck = True
    if argument is not None and hasattr(argument, "display_type_rich") and not getattr(argument, "_mtcheck", False):
        original_argument = argument.display_type_rich

        def argument_type(self, ctx):  # type: ignore[no-untyped-def]
            return None if self.metavar is not None else original_argument(self, ctx)

        argument.display_type_rich = argument_type
        argument._mtcheck = True
