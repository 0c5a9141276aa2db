"""Pronoun re-scoring with a causal LM (tiny random model): shared-prefix batched
scores equal the naive ones, the disk cache answers repeats, the combined decision
follows its documented formula, and the findings show both verdicts."""

from __future__ import annotations

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


def test_slots_pick_the_alternatives_of_the_same_grammatical_slot() -> None:
    from mtcheck.compare.lm_rescore import SLOTS, slot_of

    assert slot_of("She", "said") == "subject"
    assert slot_of("her", "units") == "possessive" and SLOTS["possessive"] == ("his", "her", "its", "their")
    assert slot_of("her", "that") == "object" and "it" in SLOTS["object"]
    assert slot_of("his", ".") == "independent" and slot_of("herself", None) == "reflexive"


def test_source_morphology_evidence() -> None:
    pytest.importorskip("pymorphy3", reason="pymorphy3 is part of the [models] extra")
    from mtcheck.compare.morph import source_gender_evidence

    literal = source_gender_evidence("Армія заявила, що вона утримує міст.", "uk", "She", "female")
    assert literal is not None and literal.score > 0 and "армія" in literal.note and "feminine" in literal.note
    person = source_gender_evidence("Міністерка заявила, що вона задоволена.", "uk", "She", "female")
    assert person is not None and person.score < 0
    russian = source_gender_evidence("Вирус мутировал, и он стал опаснее.", "ru", "He", "male")
    assert russian is not None and russian.score > 0 and "вирус" in russian.note
    assert source_gender_evidence("Die Armee sagte, sie halte die Brücke.", "de", "She", "female") is None


def test_combined_formula() -> None:
    from mtcheck.compare.lm_rescore import Calibration

    cal = Calibration(rule=2.0, lm=0.5, morph=1.0, bias=-1.0, clip=8.0)
    assert cal.z(True, 1.0, 0.0, 0.0) == pytest.approx(1.0)
    assert cal.z(False, 0.0, 100.0, 0.0) == pytest.approx(-1.0 + 0.5 * 8.0)  # margins are clipped
    assert cal.z(True, 0.9, -3.0, -1.0) == pytest.approx(1.8 - 1.5 - 1.0 - 1.0)


@needs_models
def test_shared_prefix_batch_equals_naive_scoring(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.pronouns.resolver import resolve_pronouns

    doc = _doc(src=SRC, src_lang="uk")
    fast = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    slow = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False), naive=True)
    decisions = resolve_pronouns(doc, _pronoun_data())
    assert len(decisions) == 3
    for d in decisions:
        prefix, alternatives, continuations = fast.prompt(doc, d)
        assert prefix.startswith("Ukrainian: " + SRC) and d.text.lower() in alternatives
        assert all(c.endswith(".") for c in continuations)
        assert fast.score(prefix, continuations) == pytest.approx(slow.score(prefix, continuations), abs=1e-3)
    no_source = fast.prompt(_doc(), decisions[0])[0]
    assert "Ukrainian" not in no_source and no_source.startswith("The national guard")


def test_plan_groups_prompts_that_share_their_opening() -> None:
    from mtcheck.compare.lm_scoring import plan

    opening = list(range(100, 160))
    near = [(opening + [1, 2], [[7], [8], [9]]), (opening + [1, 2, 3, 4], [[7], [8], [9]])]
    groups = plan(near)
    assert [g.members for g in groups] == [[0, 1]] and groups[0].common == 62
    # A long private tail repeated for every alternative costs more than its own prefix.
    far = [(opening, [[7], [8], [9]]), ([100] + list(range(200, 260)), [[7], [8], [9]])]
    assert [g.members for g in plan(far)] == [[0], [1]]
    assert [g.members for g in plan([([5], [[7]]), ([6], [[7]])])] == [[0], [1]]  # nothing shared


@needs_models
def test_document_batch_equals_naive_scoring(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.compare import lm_scoring
    from mtcheck.pronouns.resolver import resolve_pronouns

    doc = _doc(src=SRC, src_lang="uk")
    decisions = resolve_pronouns(doc, _pronoun_data())
    fast = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False))
    slow = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False), naive=True)
    items = [fast.prompt(doc, d) for d in decisions]
    encoded = [fast._encode(p, c) for p, _, c in items]
    assert any(len(g.members) > 1 for g in lm_scoring.plan(encoded))  # the source is shared
    batched = fast.verdicts(doc, decisions)
    for d, v in zip(decisions, batched):
        one = slow.verdict(doc, d)
        assert v.scores == pytest.approx(one.scores, abs=1e-3) and v.flag == one.flag


@needs_models
def test_scores_are_cached_on_disk(tiny, tmp_path) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer

    first = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(tmp_path))
    scores = first.score("The army said that", ["it would stay.", "she would stay."])
    again = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(tmp_path))

    def no_model(*args, **kwargs):
        raise AssertionError("scored again although the result is cached")

    again._model = no_model  # type: ignore[method-assign]
    assert again.score("The army said that", ["it would stay.", "she would stay."]) == scores
    assert again.cache.hits == 1


@needs_models
def test_decisions_follow_the_calibration(tiny) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import Calibration, PronounRescorer
    from mtcheck.pronouns.resolver import resolve_pronouns

    doc = _doc(src=SRC, src_lang="uk")
    decisions = resolve_pronouns(doc, _pronoun_data())
    rules_only = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False),
                                 Calibration(rule=1.0, lm=0.0, morph=0.0, bias=-0.01))
    assert [rules_only.verdict(doc, d).flag for d in decisions] == [d.rule is not None for d in decisions]
    lm_only = PronounRescorer(str(tiny["causal"]), "cpu", ResultCache(enabled=False),
                              Calibration(rule=0.0, lm=1.0, morph=0.0, bias=0.0))
    for d in decisions:
        v = lm_only.verdict(doc, d)
        eligible = d.rule is not None or (
            d.antecedent is None and d.reason == "no antecedent in reach") or (
            d.antecedent is not None and d.antecedent.type in ("institution", "thing", "unknown", "name"))
        assert v.flag == (v.margin > 0 and eligible)
        assert v.margin == pytest.approx(v.scores[v.alternative] - v.scores[v.written])


@needs_models
def test_findings_show_both_verdicts_and_the_margin(tiny, tmp_path, monkeypatch) -> None:
    from mtcheck.compare import lm_rescore
    from mtcheck.compare.cache import ResultCache

    checker = Checker(RunConfig(select=("pronoun",)))
    plain = checker.check_document(_doc(src=SRC, src_lang="uk"))
    assert plain and all(f.rule.startswith("pronoun.") for f in plain)
    rescorer = lm_rescore.attach(checker, str(tiny["causal"]), "cpu", ResultCache(tmp_path))
    rescorer.calibration = lm_rescore.Calibration(rule=1.0, lm=0.0, morph=0.0, bias=-0.01)
    rescored = checker.check_document(_doc(src=SRC, src_lang="uk"))
    assert [(f.start, f.rule, f.suggestion) for f in rescored] == [(f.start, f.rule, f.suggestion) for f in plain]
    for f in rescored:
        assert "rules: flag" in f.message and "LM causal-tiny" in f.message and "margin" in f.message
        assert "feminine, inanimate" in f.message  # гвардія, from pymorphy3


@needs_models
def test_check_cli_with_lm(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "g", "mt": TEXT, "src": SRC, "src_lang": "uk"}, ensure_ascii=False) + "\n")
    result = cli(["check", feed, "--lm", tiny["causal"], "--device", "cpu", "--format", "jsonl", "-j", "2"])
    assert result.exit_code in (0, 1), result.stderr
    assert "lm:causal-tiny@" in result.stderr
    for f in result.jsonl():
        if f["rule"].startswith("pronoun."):
            assert "LM causal-tiny" in f["message"] and "combined" in f["message"]
    missing = cli(["check", feed, "--lm", tmp_path / "absent-model"])
    assert missing.exit_code == 2 and "absent-model" in missing.stderr
    import torch

    if not torch.cuda.is_available():
        cuda = cli(["check", feed, "--lm", tiny["causal"], "--device", "cuda"])
        assert cuda.exit_code == 2 and "CUDA" in cuda.stderr


@needs_models
def test_gguf_file_loads_dequantised_and_scores(tiny, tmp_path) -> None:
    from mtcheck.compare.cache import ResultCache
    from mtcheck.compare.lm_rescore import PronounRescorer
    from mtcheck.compare.loading import load_causal_lm

    loaded = load_causal_lm(str(tiny["gguf"]), device="cpu")
    assert loaded.spec.kind == "gguf" and loaded.model.config.model_type == "llama"
    assert loaded.tokenizer("The army said").input_ids
    fast = PronounRescorer(str(tiny["gguf"]), "cpu", ResultCache(tmp_path))
    slow = PronounRescorer(str(tiny["gguf"]), "cpu", ResultCache(enabled=False), naive=True)
    prefix, conts = "The army said that", ["it would stay.", "she would stay.", "he would stay."]
    assert fast.score(prefix, conts) == pytest.approx(slow.score(prefix, conts), abs=1e-3)


@needs_models
def test_lm_from_config_file(cli, tiny, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    config = tmp_path / "mtcheck.toml"
    config.write_text(f'lm = "{tiny["causal"]}"\ndevice = "cpu"\n')
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT + "\n")
    result = cli(["check", doc, "--config", config, "--format", "jsonl"])
    assert result.exit_code in (0, 1) and "lm:causal-tiny@" in result.stderr
