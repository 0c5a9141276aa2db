"""``--format concise``: the text report without snippets, one line a finding
(``path:line:col  severity  rule  message  [-> suggestion]``), never wrapped: for grep."""

from __future__ import annotations

from mtcheck.reporters.text import Reporter as _Text


class Reporter(_Text):
    snippets = False
