"""Generated hostile JSONL feeds (issue 10): deep nesting, lone surrogates, ids of every
JSON type, huge fields, broken lines. No traceback in any format, and no good record
lost: every record with a string ``mt`` is checked, whatever its neighbours are."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli

FORMATS = ("text", "concise", "jsonl", "json", "sarif", "junit", "github", "html", "summary")
MARK = "\nShare"  # a residue line: every checked record gets exactly this finding

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


def _surrogate_escape(text: str, where: int) -> tuple[str, str]:
    """JSON source of ``text`` with a lone surrogate escape spliced in, and the text a
    report shows for it (U+FFFD in the surrogate's place)."""
    cut = min(where, len(text))
    source = json.dumps(text[:cut])[:-1] + "\\ud800" + json.dumps(text[cut:])[1:]
    return source, text[:cut] + "\ufffd" + text[cut:]


@st.composite
def records(draw, position: int = 0) -> tuple[str, str | None]:
    """(JSONL line, the id a report shows when the record must be checked, else None)."""
    kind = draw(st.sampled_from(["good", "good", "id-type", "surrogate-mt", "surrogate-id", "huge",
                                 "nested", "deep-array", "no-mt", "not-object", "broken", "mt-type"]))
    text = draw(st.text(max_size=40).filter(lambda t: "Share" not in t))
    index = draw(st.integers(min_value=0, max_value=10**6))
    if kind == "good":
        rid = f"r{index}"
        return json.dumps({"id": rid, "mt": text + MARK}), rid
    if kind == "id-type":
        value = draw(json_values.filter(lambda v: v is not None))
        return json.dumps({"id": value, "mt": text + MARK}), str(value)
    if kind == "surrogate-mt":
        rid = f"s{index}"
        mt, _ = _surrogate_escape(text, draw(st.integers(0, 10)))
        return f'{{"id": "{rid}", "mt": {mt[:-1]}{json.dumps(MARK)[1:]}}}', rid
    if kind == "surrogate-id":
        rid, shown = _surrogate_escape(f"u{index}", 1)
        return f'{{"id": {rid}, "mt": {json.dumps(text + MARK)}}}', shown
    if kind == "huge":
        rid = f"h{index}"
        return json.dumps({"id": rid, "mt": "x" * draw(st.integers(100_000, 400_000)) + MARK,
                           "src": "y" * 50_000}), rid
    if kind == "nested":
        depth = draw(st.integers(5_000, 60_000))
        return '{"id": "n", "mt": "Share", "extra": ' + "[" * depth + "]" * depth + "}", None
    if kind == "deep-array":
        depth = draw(st.integers(5_000, 60_000))
        return "[" * depth + "]" * depth, None
    if kind == "no-mt":
        return json.dumps({"id": f"m{index}", "src": text}), None
    if kind == "not-object":
        return json.dumps(draw(json_scalars)), None
    if kind == "mt-type":
        return json.dumps({"id": f"t{index}", "mt": draw(json_values.filter(lambda v: not isinstance(v, str)))}), None
    return '{"id": "b", "mt": ' + json.dumps(text)[:-1], None  # broken: unterminated


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(feed=st.lists(records(), min_size=1, max_size=8), fmt=st.sampled_from(FORMATS))
def test_generated_jsonl_no_traceback_no_lost_record(tmp_path_factory, feed, fmt):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "feed.jsonl"
    path.write_text("\n".join(line for line, _ in feed) + "\n", encoding="utf-8")
    base = ["check", path, "--select", "boilerplate.residue", "--fail-on", "never", "-q", "-j", "1"]

    # run_cli re-raises any exception that is not a user error: a traceback fails here
    result = run_cli([*base, "-f", "jsonl"])
    assert result.exit_code in (0, 2), result.stderr
    residue = [(f["doc"], f["input_line"]) for f in result.jsonl() if f["text"] == "Share"]
    expected = [(rid, number) for number, (_, rid) in enumerate(feed, start=1) if rid is not None]
    assert residue == expected, result.stderr  # every good record, in order, none invented
    if len(expected) < len(feed):
        assert result.exit_code == 2 and "mtcheck: " in result.stderr

    other = run_cli([*base, "-f", fmt])
    assert other.exit_code == result.exit_code, other.stderr
    other.stdout.encode("utf-8")  # every report is writable as UTF-8
