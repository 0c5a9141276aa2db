"""How the source evidence (uk/ru) reads its nouns and pronouns: each guard is a way the
evidence used to call a person's pronoun a literal gender, written as our own sentences."""

from __future__ import annotations

import pytest

from mtcheck.checks.pronouns import source_evidence as se
from mtcheck.checks.pronouns.calibration import load_calibration
from mtcheck.document import Document


def _evidence(mt: str, src: str, lang: str, pronoun: str):
    doc = Document(mt, src=src, src_lang=lang)
    gender = "male" if pronoun.lower() in ("he", "him", "his", "himself") else "female"
    return se.source_evidence(doc, mt.index(pronoun), pronoun, gender)


@pytest.mark.parametrize("mt, src, pronoun", [
    # він is masculine only; the neuter рішення before it is not its antecedent.
    pytest.param("For this decision, for this delay,\" he said.",
                 "За це рішення, за цю затримку, – сказав він.", "he", id="masculine-not-neuter"),
    # сама is feminine: the neuter народження cannot be its subject.
    pytest.param("When the child has a birthday, does she bring juice herself?",
                 "Коли у дитини день народження, то сама приносить сік?", "she", id="gendered-reflexive"),
    # "his" has no counterpart here; він (the experience) belongs to "he".
    pytest.param("I am grateful to everyone for his experience, even if it hurts.",
                 "Я вдячна кожній людині за досвід, навіть якщо він болючий.", "his",
                 id="possessive-not-nominative"),
])
def test_the_pronoun_s_own_gender_and_case_narrow_the_antecedent(mt: str, src: str, pronoun: str) -> None:
    ev = _evidence(mt, src, "uk", pronoun)
    assert ev is None or ev.kind != se.INANIMATE


def test_a_word_the_dictionary_does_not_know_gives_no_animacy() -> None:
    # A misspelt common noun (самоизолции) comes out of the guesser as an inanimate
    # masculine nominative: it must not become the subject of поправился.
    ev = _evidence("Ivan Petrov said that during the self-isolation he gained weight.",
                   "Иван Петров сказал, что за время самоизолции поправился.", "ru", "he")
    assert ev is None or ev.kind != se.INANIMATE
    assert se._noun("ru", "самоизолции", False) is None


def test_a_foreign_surname_is_not_an_inanimate_noun() -> None:
    assert se._noun("ru", "Кастекс", True) is None


def test_a_country_is_inanimate_though_a_first_name_is_spelt_the_same() -> None:
    noun = se._noun("ru", "Израиль", True)
    assert noun is not None and not noun.animate
    ev = _evidence("Israel said he would respond.", "Израиль заявил, что он ответит.", "ru", "he")
    assert ev is not None and ev.kind == se.INANIMATE and ev.antecedent == "израиль"


def test_a_hyphenated_surname_reads_in_the_pronoun_s_gender() -> None:
    noun = se._noun("ru", "Кашеварова-Руднева", True, ("femn",))
    assert noun is not None and noun.gender == "femn" and noun.animate and noun.name


def test_a_genitive_attribute_loses_to_the_person_it_describes() -> None:
    ev = _evidence("Petrova, a doctor of medicine, said she would stay.",
                   "Петрова, доктор медицины, сказала, что она останется.", "ru", "she")
    assert ev is not None and ev.kind in (se.ANIMATE, se.MIXED)


def test_an_english_subject_aligns_with_the_nominative_source_pronoun() -> None:
    # "his" renders його, "he" renders він: each finds its own source word.
    mt = "The committee met and he said its report was late."
    src = "Комітет зібрався, і він сказав, що його звіт запізнився."
    doc = Document(mt, src=src, src_lang="uk")
    ev = se.source_evidence(doc, mt.index("he"), "he", "male")
    assert ev is not None and "'він'" in ev.note


def test_a_subjectless_verb_is_its_own_kind() -> None:
    ev = _evidence("The hall was empty.\nShe waited for an hour.",
                   "Зала була порожня.\nЧекала годину.", "uk", "She")
    assert ev is not None and ev.kind == se.SUBJECTLESS


@pytest.mark.parametrize("src", [
    "Вибачте, що так довго відповідала.",      # an imperative: the speaker talks to 'you'
    "Дякую вам, довго відповідала, був важкий день.",  # a second-person pronoun
])
def test_a_speaker_addressing_you_marks_a_dropped_i(src) -> None:
    ev = _evidence("Sorry she took so long to answer.", src, "uk", "she")
    assert ev is not None and ev.kind == se.DROPPED_I


def test_a_regime_may_have_its_own_combination() -> None:
    rules = load_calibration("rules")
    source = {"src_inanimate_antecedent": 1.0}
    absent = {"src_absent": 1.0}
    assert "source" in rules.per_regime
    bias, weights = rules.combination(source)
    assert (bias, weights) == rules.per_regime["source"]
    assert rules.combination(absent) == (rules.bias, rules.weights)
    # Where the source is read, the rules report where two readings agree: an English
    # rule beside a source that shows a literal gender; neither reading alone.
    agreeing = {"src_inanimate_antecedent": 1.0, "rule_inanimate": 1.0, "rule_agrees_with_source": 1.0}
    assert rules.confidence(agreeing) >= rules.threshold_for(agreeing)
    assert rules.confidence(source) < rules.threshold_for(source)
    assert rules.confidence({"rule_inanimate": 1.0, "src_animate_antecedent": 1.0}) < rules.threshold_for(source)


@pytest.mark.parametrize("mt, src, lang", [
    ("They call every day, but who knows him, they will not say.",
     "Дзвонять щодня, але хто його знає, вони не скажуть.", "uk"),
    ("The weather is fine, but God knows him what tomorrow brings.",
     "Погода хорошая, но бог его знает, что будет завтра.", "ru"),
])
def test_a_fixed_phrase_s_pronoun_refers_to_nothing(mt: str, src: str, lang: str) -> None:
    ev = _evidence(mt, src, lang, "him")
    assert ev is not None and ev.kind == se.IDIOM and ev.supports_literal_gender
    assert "fixed phrase" in ev.note


def test_a_pronoun_outside_a_fixed_phrase_still_has_its_antecedent() -> None:
    ev = _evidence("The brother called; who saw him?", "Брат подзвонив; хто його бачив?", "uk", "him")
    assert ev is not None and ev.kind != se.IDIOM


def test_within_a_segment_the_nearer_noun_is_not_outvoted_by_an_animate_one() -> None:
    # вона (затягнеться) resumes the meeting (нарада), not Mrs Koval named a clause
    # earlier: the evidence must not call the pronoun a person's.
    mt = ("If Mrs Koval is late, she said that before it she has a meeting, "
          "so maybe she will drag on a little.")
    src = ("Якщо пані Коваль запізниться, вона сказала, що перед тим у неї є нарада, "
           "то, можливо, вона трохи затягнеться.")
    doc = Document(mt, src=src, src_lang="uk")
    ev = se.source_evidence(doc, mt.rindex("she"), "she", "female")
    assert ev is not None and ev.kind in (se.MIXED, se.INANIMATE)


def test_a_noun_after_a_preposition_or_a_verb_is_not_the_subject() -> None:
    # Who went to the Vatican and tore the passport is not said: the Vatican and the
    # scandal are objects, so neither is the subject of the next verb.
    ev = _evidence("He went to the Vatican, where he received an audience.",
                   "Заехал в Ватикан, где удостоился аудиенции.", "ru", "he")
    assert ev is not None and ev.kind == se.SUBJECTLESS
    ev = _evidence("Yesterday he made a scandal and tore up his passport.",
                   "Вчера устроил скандал и порвал свой паспорт.", "ru", "his")
    assert ev is not None and ev.kind == se.SUBJECTLESS


def test_a_quoted_speaker_is_a_person_whatever_organisation_is_nearer() -> None:
    from mtcheck.api import Checker
    from mtcheck.config import RunConfig

    checker = Checker(RunConfig(select=("pronoun",)))
    quoted = "The ministry said the talks would resume. \"We are ready,\" the agency quoted him as saying."
    assert checker.check_text(quoted, tgt_lang="en") == []
    # the same organisation called "he" outside the idiom is still an artifact
    plain = "The ministry said the talks would resume. He added that the agency was ready."
    assert [f.rule for f in checker.check_text(plain, tgt_lang="en")] == ["pronoun.institution"]


def test_an_oblique_pronoun_never_takes_the_subject_of_its_own_clause() -> None:
    # Binding: the subject of its own clause is what свій/свою resume; його/её there
    # mean someone else. The road is not "its"/"his" owner here.
    ev = _evidence("The road passed by his house.", "Шлях проходив повз його будинок.", "uk", "his")
    assert ev is None or ev.antecedent != "шлях"
    # across a clause boundary the subject is a fair antecedent again
    ev = _evidence("The house was old, and his roof leaked.",
                   "Дім був старий, і його дах протікав.", "uk", "his")
    assert ev is not None and ev.kind == se.INANIMATE and ev.antecedent == "дім"


def test_a_word_that_is_also_an_adjective_before_a_noun_is_an_attribute() -> None:
    # щирі reads as the rare noun щир first; before відчуття it is an adjective.
    ev = _evidence("I had sincere feelings for him, but he behaved badly.",
                   "У мене були щирі відчуття до нього, але він повівся погано.", "uk", "he")
    assert ev is None or ev.antecedent != "щир"


def test_a_past_verb_stands_for_he_or_she_not_for_his() -> None:
    # "his" has no source pronoun and no reflexive: the masculine verb is the subject's,
    # and the film (фильм) is not who "his" belongs to.
    ev = _evidence("The film, which honoured the senator on his birthday, became an epitaph.",
                   "Фильм, который поздравлял сенатора с днём рождения, стал эпитафией.", "ru", "his")
    assert ev is not None and ev.kind == se.NO_PRONOUN
    ev = _evidence("The film became an epitaph, he said.", "Фильм стал эпитафией.", "ru", "he")
    assert ev is not None and ev.kind == se.INANIMATE and ev.antecedent == "фильм"


def test_a_russian_reflexive_takes_a_subject_of_the_pronoun_s_gender() -> None:
    # свой is bound to the subject: гибель is feminine, so it is not whose "his" this is.
    ev = _evidence("The death of the soldier grieved his friends.",
                   "Гибель солдата огорчила своих друзей.", "ru", "his")
    assert ev is not None and ev.antecedent != "гибель"


def test_a_verb_of_the_other_gender_than_the_speaker_is_not_a_dropped_i() -> None:
    # The speaker is a woman (я ... говорила); помер is masculine: the dog died, not "I".
    ev = _evidence("I talked to the dog (he died long ago) like this.",
                   "Я з собакою (помер давно) говорила так.", "uk", "he")
    assert ev is not None and ev.kind != se.DROPPED_I
    # where the speaker's gender matches, the dropped "I" reading stands
    ev = _evidence("Yesterday I came home and he went to bed.",
                   "Вчора я прийшов додому і ліг спати.", "uk", "he")
    assert ev is not None and ev.kind == se.DROPPED_I
