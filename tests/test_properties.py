"""Properties of the whole pipeline over arbitrary input (hypothesis).

Any Unicode text yields findings whose offsets satisfy ``text == doc[start:end]``;
any bytes yield findings or a clean input error, never a crash; a document gives the
same findings whether it arrives as a text file, a JSONL record or on stdin.
"""

from __future__ import annotations

import json
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.api import Checker
from mtcheck.findings import FIELDS, OPTIONAL_FIELDS

# Words that make the checks fire, mixed with arbitrary text, so the properties are
# exercised on findings and not only on silence.
_TRIGGERS = [
    "Kiev", "Kyiv's", "Lugansk", "Pushlin", "Anthony Blinken", "Zelensky", "Zelenskyy",
    "The army said.", "He added", "She stressed", "his", "her", "The ministry", "Share",
    "Related News", "\n", "\n\n", "«", "»", "\"", "(", ")", "{0}", "%s", "<b>", ",,", "..",
    "Київ", "заявление", "مرحبا", "6,000", "6 000", "three thousand", "24", "\u0301",
    "\U0001F600", "\r\n", "\u2028", "'s", "-", " ", ". ",
]
_text = st.lists(st.one_of(st.sampled_from(_TRIGGERS), st.text(max_size=12)), max_size=40).map(" ".join)


@lru_cache(maxsize=1)
def _checker() -> Checker:
    return Checker()


def _strip_location(findings: list[dict]) -> list[tuple]:
    return [tuple(f[k] for k in FIELDS if k not in ("path", "doc", "input_line")) for f in findings]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_text, src=st.one_of(st.none(), _text), src_lang=st.sampled_from([None, "ru", "uk", "fr", "ar"]))
def test_offsets_always_match_text(text, src, src_lang):
    for finding in _checker().check_text(text, doc_id="d", src=src, src_lang=src_lang):
        assert 0 <= finding.start < finding.end <= len(text) or finding.start == finding.end == 0
        assert text[finding.start:finding.end] == finding.text
        assert finding.line == text.count("\n", 0, finding.start) + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | _text.map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_findings_or_a_clean_error(cli, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(data)
    result = cli(["check", path, "-f", "jsonl", "--fail-on", "never", "-q"])
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        assert result.stderr.startswith(f"mtcheck: {path}")
        assert "Traceback" not in result.stderr
    for finding in result.jsonl():
        assert tuple(finding)[:len(FIELDS)] == FIELDS and set(tuple(finding)[len(FIELDS):]) <= set(OPTIONAL_FIELDS)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text.filter(lambda t: "\r" not in t and "\0" not in t and "\ufeff" not in t[:1]))
def test_same_findings_from_file_jsonl_and_stdin(cli, tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("same")
    as_file = folder / "doc.txt"
    as_file.write_text(text, encoding="utf-8")
    as_jsonl = folder / "doc.jsonl"
    as_jsonl.write_text(json.dumps({"id": "doc", "mt": text}) + "\n", encoding="utf-8")
    args = ["-f", "jsonl", "--fail-on", "never", "-q"]
    from_file = cli(["check", as_file, *args])
    from_jsonl = cli(["check", as_jsonl, *args])
    from_stdin = cli(["check", "-", *args], input=text.encode("utf-8"))
    assert from_file.exit_code == from_jsonl.exit_code == from_stdin.exit_code == 0
    expected = _strip_location(from_file.jsonl())
    assert _strip_location(from_jsonl.jsonl()) == expected
    assert _strip_location(from_stdin.jsonl()) == expected
