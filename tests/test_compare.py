"""Second-opinion comparison: the rule examples through the comparison code, and
`mtcheck compare` end to end on the tiny Marian model (batching, caching, errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck import registry
from mtcheck.compare.rules import EXAMPLE_READINGS, RULES
from mtcheck.compare.second_opinion import CompareOptions, compare_segment
from tests.test_model_loading import HAVE_MODELS, tiny  # noqa: F401  (session fixture)

needs_models = pytest.mark.skipif(
    not HAVE_MODELS, reason="needs the [models] extra: pip install torch==2.13.0 '.[models]'")

EXAMPLES = [pytest.param(rule, ex, id=f"{rule.id}-{i}") for rule in RULES for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_model_rule_examples_with_their_documented_reading(rule, example) -> None:
    reading = EXAMPLE_READINGS[example.document]
    hits = [h for h in compare_segment(example.document, 0, len(example.document), reading)
            if h.rule == rule.id]
    if example.flag:
        match = [h for h in hits if example.document[h.start:h.end] == example.text]
        assert match, f"{rule.id} did not flag {example.text!r}: {hits}"
        assert match[0].suggestion == example.suggestion
    else:
        assert not hits, hits


def test_model_rules_are_listed_but_off_in_plain_check(cli) -> None:
    listed = json.loads(cli(["rules", "--format", "json"]).stdout)
    model = [r for r in listed if r["id"].startswith("model.")]
    assert {r["id"] for r in model} == {"model.divergence", "model.pronoun", "model.name", "model.number"}
    assert {r["status"] for r in model} == {"model"} and {r["category"] for r in model} == {"model-disagreement"}
    assert "second-opinion" in cli(["explain", "model.pronoun"]).stdout
    # Selected in a plain check run they still produce nothing: there is no second translation.
    flagged = RULES[1].examples[0]
    result = cli(["check", "-", "--select", "model", "--format", "jsonl"], input=flagged.document)
    assert result.exit_code == 0 and result.jsonl() == []
    assert all(r.status.value == "model" for r in registry.all_rules() if r.family == "model")


def test_gates_and_metrics_on_request() -> None:
    text = "The council met on Monday."
    same = compare_segment(text, 0, len(text), text, CompareOptions(min_bleu=50, max_ter=10))
    assert same == []
    reading = "On Monday the council held a meeting."
    hits = compare_segment(text, 0, len(text), reading, CompareOptions(min_chrf=0, min_bleu=90))
    assert [h.rule for h in hits] == ["model.divergence"] and "BLEU" in hits[0].message


# A random model never emits end-of-sentence: keep its translations short.
_SHORT = ["--max-new-tokens", "24"]


def _feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


RECORDS = [
    {"id": "a", "src_lang": "uk", "src": "Армія заявила, що вона утримує міст.",
     "mt": "The army said that she holds the bridge."},
    {"id": "b", "src_lang": "uk", "src": "Міністерство оборони повідомило про нові удари.\nГенеральний штаб повідомив.",
     "mt": "The defence ministry reported new strikes.\nThe General Staff reported."},
    {"id": "c", "mt": "A record without a source is not compared."},
]


@needs_models
def test_compare_cli_on_tiny_marian(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    feed = _feed(tmp_path / "feed.jsonl", RECORDS)
    result = cli(["compare", feed, "--mt-model", tiny["marian"], "--device", "cpu", "--format", "jsonl", *_SHORT])
    assert result.exit_code == 0, result.stderr
    findings = result.jsonl()
    assert findings and {f["category"] for f in findings} == {"model-disagreement"}
    assert "1 document(s) without 'src'" in result.stderr
    text = {r["id"]: r["mt"] for r in RECORDS}
    for f in findings:
        assert text[f["doc"]][f["start"]:f["end"]] == f["text"]
    # Two source lines, two translated lines: compared line by line.
    b_lines = {f["line"] for f in findings if f["doc"] == "b" and f["rule"] == "model.divergence"}
    assert b_lines == {1, 2}

    # A second run answers from the cache without loading the model at all.
    import mtcheck.compare.loading as loading

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every reading is cached")

    monkeypatch.setattr(loading, "load_seq2seq", no_model)
    again = cli(["compare", feed, "--mt-model", tiny["marian"], "--device", "cpu", "--format", "jsonl", *_SHORT])
    assert again.jsonl() == findings


@needs_models
def test_agreeing_translation_gives_no_findings(cli, tiny, tmp_path, monkeypatch) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.second_opinion import Translator

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    source = "Генеральний штаб повідомив."
    reading = Translator(str(tiny["marian"]), "cpu", ResultCache(enabled=False),
                         CompareOptions(max_new_tokens=24)).translate([source], "uk", "en")[0]
    feed = _feed(tmp_path / "feed.jsonl", [{"id": "x", "src": source, "src_lang": "uk", "mt": reading}])
    result = cli(["compare", feed, "--mt-model", tiny["marian"], "--format", "jsonl", "--fail-on", "info", *_SHORT])
    assert result.exit_code == 0 and result.jsonl() == []


@needs_models
def test_batched_sorted_translation_keeps_order(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.second_opinion import Translator

    sources = ["Армія.", "Міністерство оборони повідомило про нові удари по складах.", "Штаб.",
               "Армія заявила, що вона утримує міст."]
    one = Translator(str(tiny["marian"]), "cpu", ResultCache(enabled=False), CompareOptions(batch_size=1, max_new_tokens=24))
    many = Translator(str(tiny["marian"]), "cpu", ResultCache(enabled=False), CompareOptions(batch_size=3, max_new_tokens=24))
    singles = [one.translate([s], "uk", "en")[0] for s in sources]
    assert many.translate(sources, "uk", "en") == singles


@needs_models
def test_auto_model_from_registry_and_errors(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    registry_file = tmp_path / "registry.yaml"
    registry_file.write_text(f"translate:\n  uk-en: {{model: {tiny['marian']}, licence: test}}\n")
    monkeypatch.setenv("MTCHECK_MODEL_REGISTRY", str(registry_file))
    feed = _feed(tmp_path / "feed.jsonl", RECORDS[:1])
    result = cli(["compare", feed, "--mt-model", "auto", "--format", "jsonl", *_SHORT])
    assert result.exit_code == 0 and result.jsonl()
    other = _feed(tmp_path / "fr.jsonl", [{"id": "f", "src": "Bonjour.", "src_lang": "fr", "mt": "Hello."}])
    missing = cli(["compare", other, "--mt-model", "auto"])
    assert missing.exit_code == 2 and "fr-en" in missing.stderr
    wrong = cli(["compare", feed, "--mt-model", tiny["causal"]])
    assert wrong.exit_code == 2 and "encoder-decoder" in wrong.stderr
    absent = cli(["compare", feed, "--mt-model", "Helsinki-NLP/opus-mt-xx-en"])
    assert absent.exit_code == 2 and "hf download Helsinki-NLP/opus-mt-xx-en" in absent.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "src": "x", "mt": "y"}\nnot json\n')
    broken = cli(["compare", bad, "--mt-model", tiny["marian"], "--format", "jsonl", *_SHORT])
    assert broken.exit_code == 2 and f"{bad}:2:" in broken.stderr
    assert cli(["compare", feed]).exit_code == 2  # no model given
