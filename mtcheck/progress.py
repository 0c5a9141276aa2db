"""Progress on stderr for long runs (rich), only on a TTY, and the final summary line."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

from mtcheck.reporters import Summary

_DELAY_SECONDS = 1.0  # runs shorter than this never show a bar


class Progress:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.perf_counter()
        self._progress: Any = None  # rich.progress.Progress, imported only when shown
        self._task: Any = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.fields[docs]} documents, {task.fields[findings]} findings, "
                       "{task.fields[mb]:.1f} MB ({task.fields[rate]:.1f} MB/s)"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("check", docs=0, findings=0, mb=0.0, rate=0.0)

    def advance(self, summary: Summary) -> None:
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        if self._progress is None:
            if elapsed < _DELAY_SECONDS:
                return
            self._start_bar()
        mb = summary.bytes / 1e6
        assert self._progress is not None and self._task is not None
        self._progress.update(
            self._task, docs=summary.documents, findings=summary.findings, mb=mb,
            rate=mb / elapsed if elapsed else 0.0,
        )

    def echo(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)

    @staticmethod
    def final_line(summary: Summary, signature: str | None) -> str:
        seconds = max(summary.seconds, 1e-9)
        rules = ", ".join(f"{rule} {count}" for rule, count in summary.by_rule.most_common())
        return (
            f"mtcheck: {summary.documents} documents, {summary.segments} segments, "
            f"{summary.findings} findings ({rules or 'none'}) in {summary.seconds:.2f}s, "
            f"{summary.bytes / 1e6 / seconds:.2f} MB/s, {summary.segments / seconds:.0f} segments/s"
            + (f"; {summary.skipped} skipped (XLIFF units without a target)" if summary.skipped else "")
            + (f"\nmtcheck: signature {signature}" if signature else "")
        )
