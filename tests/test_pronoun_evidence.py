"""The evidence behind a pronoun finding: source morphology, WordNet classes, the
calibrated combination and what a finding says."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.document import Document
from mtcheck.checks.pronouns import source_evidence as se
from mtcheck.checks.pronouns.calibration import Calibration, load_calibration
from mtcheck.checks.pronouns.wordnet import noun_class


def _evidence(mt: str, src: str, lang: str, pronoun: str, nth: int = 0):
    doc = Document(mt, src=src, src_lang=lang)
    start = -1
    for _ in range(nth + 1):
        start = mt.index(pronoun, start + 1)
    gender = "male" if pronoun.lower() in ("he", "him", "his", "himself") else "female"
    return se.source_evidence(doc, start, pronoun, gender)


@pytest.mark.parametrize(("mt", "src", "lang", "pronoun", "kind", "lemma"), [
    ("The army said it held the bridge.\nShe added that the losses were small.",
     "Армія заявила, що утримує міст.\nВона додала, що втрати невеликі.", "uk", "She", se.INANIMATE, "армія"),
    ("The virus mutated and he became more dangerous.",
     "Вирус мутировал, и он стал опаснее.", "ru", "he", se.INANIMATE, "вирус"),
    ("The minister said she was satisfied.",
     "Міністерка заявила, що вона задоволена.", "uk", "she", se.ANIMATE, "міністерка"),
    ("Olena said that she was tired.",
     "Олена сказала, що вона втомилася.", "uk", "she", se.ANIMATE, "олена"),
])
def test_the_source_pronoun_is_resolved_by_grammatical_gender(mt, src, lang, pronoun, kind, lemma) -> None:
    ev = _evidence(mt, src, lang, pronoun)
    assert ev is not None and ev.kind == kind and ev.antecedent == lemma
    assert lemma in ev.note


def test_a_dropped_first_person_subject_is_seen() -> None:
    ev = _evidence("I went to the market on Sunday.\nShe saw the prices herself.",
                   "Я ходила на ринок у неділю.\nСама бачила ціни.", "uk", "She")
    assert ev is not None and ev.kind == se.DROPPED_I and ev.supports_literal_gender


def test_a_reflexive_possessive_follows_its_subject() -> None:
    ev = _evidence("The analyst Oleh Bondar said so in his article.",
                   "Аналітик Олег Бондар сказав це у своїй статті.", "uk", "his")
    assert ev is not None and ev.kind == se.ANIMATE


def test_no_evidence_without_a_source_or_for_other_languages() -> None:
    assert se.source_evidence(Document("She said."), 0, "She", "female") is None
    assert se.source_evidence(Document("She said.", src="Sie sagte.", src_lang="de"), 0, "She", "female") is None


def test_wordnet_classes_cover_nouns_no_list_names() -> None:
    assert noun_class("washing machine")[0] == "thing"
    assert noun_class("parcels")[0] == "thing"
    assert noun_class("tick") is not None and noun_class("cat")[0] == "animal"
    assert noun_class("army")[0] == "group" and noun_class("minister")[0] == "person"
    assert noun_class("qwzxv") is None


def test_the_combination_is_a_logistic_of_named_features() -> None:
    cal = Calibration("t", bias=-1.0, threshold=0.5, weights={"a": 2.0, "b": -3.0})
    assert cal.confidence({}) == pytest.approx(1 / (1 + 2.718281828 ** 1.0), rel=1e-6)
    assert cal.confidence({"a": 1.0}) == pytest.approx(0.7310586, rel=1e-6)
    assert cal.confidence({"a": 1.0, "b": 1.0}) == pytest.approx(0.1192029, rel=1e-6)
    assert cal.strongest({"a": 1.0, "b": 1.0}, 1) == [("b", -3.0)]
    shipped = load_calibration("rules")
    assert 0 < shipped.threshold < 1 and shipped.weights


def test_findings_carry_a_confidence_and_the_threshold_decides() -> None:
    text = ("The defence ministry published new figures on Tuesday. She said that the harvest "
            "was safe.")
    checker = Checker(RunConfig(select=("pronoun",)))
    found = checker.check_text(text, src_lang="ru")
    assert found and all(f.confidence is not None and 0 <= f.confidence <= 1 for f in found)
    assert found[0].to_dict()["confidence"] == found[0].confidence
    strict = Checker(RunConfig(select=("pronoun",), pronoun_threshold=1.0))
    assert strict.check_text(text, src_lang="ru") == []
    lax = Checker(RunConfig(select=("pronoun",), pronoun_threshold=0.0))
    assert len(lax.check_text(text, src_lang="ru")) >= len(found)


def test_the_source_changes_the_verdict() -> None:
    text = "My parcel arrived at the depot yesterday.\nWhere can I pick her up?"
    checker = Checker(RunConfig(select=("pronoun",), pronoun_threshold=0.0))
    literal = checker.check_text(text, src="Моя посилка прибула на склад учора.\nДе я можу її забрати?",
                                 src_lang="uk")
    person = checker.check_text(text, src="Моя сестра прибула на склад учора.\nДе я можу її забрати?",
                                src_lang="uk")
    assert literal and "посилка" in literal[0].message
    assert not person or person[0].confidence < literal[0].confidence


def test_a_dropped_i_is_suggested_in_the_pronoun_s_slot() -> None:
    from mtcheck.checks.pronouns.forms import first_person

    assert first_person("She", "said") == "I" and first_person("her", "units") == "my"
    assert first_person("her", "up") == "me" and first_person("Himself", None) == "Myself"
    assert first_person("his", ".") == "mine"


def _decision(text: str, pronoun: str):
    from mtcheck.checks.pronouns.resolver import resolve_pronouns

    import re

    data = Checker(RunConfig(select=("pronoun",))).data["pronoun"]
    start = re.search(rf"\b{pronoun}\b", text).start()
    return next(d for d in resolve_pronouns(Document(text), data) if d.start == start)


def test_a_hyphenated_compound_takes_its_head_s_wordnet_class() -> None:
    assert noun_class("horse-pony")[0] == "animal"
    assert noun_class("ex-minister")[0] == "person"
    assert noun_class("T-shirt")[0] == "thing"


def test_a_sentence_initial_common_noun_is_typed_by_wordnet() -> None:
    from mtcheck.checks.pronouns.evidence import gather

    text = "The pony lives on a farm near the river. Children love her mane."
    d = _decision(text, "her")
    assert d.antecedent is not None and d.antecedent.text == "The pony"
    assert gather(Document(text), d).features.get("wn_animal", 0) > 0.5


@pytest.mark.parametrize("opener", ["I'm", "I’ve", "Let's", "We'll"])
def test_a_pronoun_contraction_is_never_a_name(opener: str) -> None:
    text = f"{opener} sure the speaker works. She plays loud music all day."
    d = _decision(text, "She")
    assert all(c.text != opener for c in d.candidates)


@pytest.mark.parametrize(("name", "brand"), [
    ("NanoSound", True), ("PlayStation", True), ("McCarthy", False), ("DeSantis", False),
    ("MacArthur", False),
])
def test_a_capital_inside_a_long_word_marks_a_brand_not_a_person(name: str, brand: bool) -> None:
    text = f"The review praised {name} last week. Many people recommend her."
    d = _decision(text, "her")
    found = [c for c in d.candidates if c.text == name]
    assert found and (found[0].type == "thing") is brand


@pytest.mark.parametrize(("text", "phrase", "typed"), [
    ("The General Secretary of the Centre Party met voters. He said the talks went well.",
     "The General Secretary of the Centre Party", "person"),
    ("The Commander-in-Chief of the Armed Forces signed a decree. He said the talks went well.",
     "The Commander-in-Chief of the Armed Forces", "person"),
    ("The Ministry of Defence published figures. He said the talks went well.",
     "The Ministry of Defence", "institution"),
])
def test_the_noun_before_of_heads_the_phrase(text: str, phrase: str, typed: str) -> None:
    d = _decision(text, "He")
    found = [c for c in d.candidates if c.text == phrase]
    assert found and found[0].type == typed
    assert (d.rule == "pronoun.institution") is (typed == "institution")


def test_a_hyphenated_compound_s_head() -> None:
    from mtcheck.checks.pronouns.lexicon import hyphen_head

    assert hyphen_head("commander-in-chief") == "commander"
    assert hyphen_head("ex-minister") == "minister"
    assert hyphen_head("horse-pony") == "pony"


def test_a_rare_word_before_a_past_verb_opens_a_name_a_common_one_does_not() -> None:
    named = _decision("Lisakovich scored twice on Sunday. He said the game went well.", "He")
    assert [c.text for c in named.candidates] == ["Lisakovich"]
    common = _decision("Everything changed on Sunday. He said the game went well.", "He")
    assert all(c.text != "Everything" for c in common.candidates)


@pytest.mark.parametrize(("text", "pronoun"), [
    ("According to the police, he was driving downhill when the car left the road.", "he"),
    ("Since there was no sign of a break-in at the church, he soon became a suspect.", "he"),
    ("Leaders and heads of state who mock them online, she finds funny.", "she"),
    ("We received a message from him late on Friday.", "him"),
    ("The team of her predecessor will stay until the summer.", "her"),
])
def test_an_institution_or_thing_that_cannot_be_meant_stays_silent(text: str, pronoun: str) -> None:
    assert _decision(text, pronoun).rule is None


def test_an_organisation_the_sentence_is_about_outranks_a_place_in_a_prepositional_phrase() -> None:
    text = ("Shares of the software company Brightline Systems rose on the Frankfurt Stock Exchange "
            "after she reported a record profit.")
    d = _decision(text, "she")
    assert d.rule == "pronoun.institution" and d.antecedent is not None
    assert "Brightline" in d.antecedent.text or d.antecedent.text == "the software company"


def test_a_capitalised_word_after_a_title_is_a_surname() -> None:
    d = _decision("I agreed with Mr. Garden that she would drive me to work.", "she")
    assert d.rule != "pronoun.institution"
    assert any(c.text == "Garden" and c.type == "person" for c in d.candidates)


def test_a_person_before_a_preposition_may_still_be_meant() -> None:
    d = _decision("Bought this phone for my mother for her birthday.", "her")
    assert d.rule is None and any(c.text == "my mother" for c in d.candidates)


def test_a_dropped_i_in_the_source_outranks_an_english_place_antecedent() -> None:
    mt = "Kyiv welcomed me back in the spring.\nThen he helped the neighbours to clean the yard."
    src = "Київ зустрів мене навесні.\nПотім допомагав сусідам прибирати двір."
    found = Checker(RunConfig(select=("pronoun",))).check_text(mt, src=src, src_lang="uk")
    assert [(f.rule, f.text, f.suggestion) for f in found] == [("pronoun.no-referent", "he", "I")]
    assert "use 'it'" not in found[0].message and "dropped 'I'" in found[0].message
