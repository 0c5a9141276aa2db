"""number.mismatch: locale formats, scripts, words, scales; where findings land."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(RunConfig(select=("number.mismatch",)))


def found(checker: Checker, mt: str, src: str, lang: str = "ru", tgt: str = "en"):
    result = checker.check_text(mt, src=src, src_lang=lang, tgt_lang=tgt)
    for f in result:
        assert mt[f.start:f.end] == f.text and f.text
    return [(f.text, f.suggestion) for f in result]


@pytest.mark.parametrize("src, mt", [
    ("Погибли 6 000 человек.", "6,000 people died."),
    ("Погибли 6\u00a0000 человек.", "6 000 people died."),
    ("Погибли 6\u202f000 человек.", "Six thousand people died."),
    ("Starben 6.000 Menschen.", "6000 people died."),
    ("Рост составил 3,5%.", "Growth was 3.5 per cent."),
    ("Выделено 1,5 млн гривен.", "1.5 million hryvnias were allocated."),
    ("Выделено 1,5 млн гривен.", "1,500,000 hryvnias were allocated."),
    ("Выделено 2 млрд евро.", "Two billion euros were allocated."),
    ("Сбиты ٣٠ дронов ۱۲ раз.", "30 drones were downed 12 times."),
    ("Атака 24 февраля 2022 года.", "The attack on February 24th, 2022."),
    ("Атака 24.02.2022.", "The attack on 24 February 2022."),
    ("Встреча в 14:30.", "The meeting is at 2:30 p.m."),
    ("Встреча в 14 часов.", "The meeting is at 2 p.m."),
    ("Ещё 2 недели и 45 дронов.", "Two more weeks and forty-five drones."),
    ("Было 250 раненых.", "There were two hundred and fifty wounded."),
    ("В 90-х годах.", "In the 1990s."),
    ("Il y a 3 ans.", "Three years ago."),
])
def test_same_number_in_other_notation(checker, src, mt):
    assert found(checker, mt, src) == []


def test_changed_number_is_reported_at_its_stand_in(checker):
    assert found(checker, "Thirty drones and 12 missiles.", "30 дронов и 15 ракет.") == [("12", "15")]
    assert found(checker, "It happened in 2023.", "Это случилось в 2022 году.") == [("2023", "2022")]
    assert found(checker, "1.7 million people.", "1,5 млн человек.") == [("1.7 million", "1.5 million")]
    assert found(checker, "The rate is 3.6%.", "Ставка 3,5%.") == [("3.6", "3.5")]
    assert found(checker, "Il y avait 2 500 personnes.", "Було 25 000 людей.", tgt="fr") == [("2 500", "25 000")]


def test_missing_number_points_at_aligned_sentence(checker):
    src = "Армия наступала. Погибли 12 человек. Бои продолжаются."
    mt = "The army advanced. People died. Fighting continues."
    result = checker.check_text(mt, src=src, src_lang="ru")
    assert [(f.text, f.suggestion) for f in result] == [("People died.", None)]
    assert "12" in result[0].message


def test_missing_with_different_sentence_counts_stays_in_bounds(checker):
    src = "Первое. Второе. Третье. Погибли 12 человек."
    mt = "First and second. Third, people died."
    assert found(checker, mt, src) == [("Third, people died.", None)]


def test_unequal_counts_report_sentence_not_a_guess(checker):
    # Two source numbers lost, one spare translation number: no pairing guess.
    src = "Сбиты 30 дронов и 15 ракет."
    mt = "Forty drones and missiles were downed."
    result = checker.check_text(mt, src=src, src_lang="ru")
    assert [(f.text, f.suggestion) for f in result] == [(mt, None)]
    assert "30, 15" in result[0].message


def test_no_source_or_no_digits_is_silent(checker):
    assert checker.check_text("Forty drones.") == []
    assert found(checker, "Forty drones.", "Сорок дронов.") == []
    assert found(checker, "Forty drones and 7 more.", "Сорок дронов.") == []  # extras never flagged


def test_arabic_source(checker):
    src = "قُتل ٢٥ شخصاً وأصيب ١٬٢٠٠ آخرون."
    assert found(checker, "25 people were killed and 1,200 injured.", src, lang="ar") == []
    assert found(checker, "25 people were killed and 1,300 injured.", src, lang="ar") == [("1,300", "1,200")]


def test_space_grouping_that_was_two_numbers(checker):
    src = "3 квітня виявлено 410 тіл."
    assert found(checker, "On April 3 410 bodies were found.", src, lang="uk") == []
    assert found(checker, "On April 3, 410 bodies were found.", "3 квітня 410 тіл.", lang="uk") == []
    assert found(checker, "On April 3, 420 bodies were found.", "3 квітня 410 тіл.", lang="uk") == [("420", "410")]
    assert found(checker, "Call 729 725 522.", "Телефон 729 725 522.", lang="uk") == []


def test_twelve_hour_clock(checker):
    assert found(checker, "From 7 am to 7 pm.", "З 7 ранку до 7 вечора.", lang="uk") == []
    assert found(checker, "Open until 8 pm.", "Открыто до 19:00.") == [("8 pm", "19:00")]


STREAM = [
    ("Погибли 6 000 человек, ранены 1,5 млн.", "6,000 people died and 1.5 million were hurt."),
    ("Погибли 6 000 человек, ранены 1,5 млн.", "6,000 people died and 2.5 millionaires were hurt."),
    ("Встреча в 14:30, 24.02.2022.", "The meeting at 2:30 p.m. on 24 February 2022."),
    ("Встреча в 14:30, 24.02.2022.", "The meeting at 2:40 p.m. on 24 February 2023."),
    ("Сбиты 30 дронов и 12 ракет.", "12 missiles and 30 drones were downed."),
    ("Сбиты 30 дронов и 12 ракет.", "12 missiles and 31 drones were downed."),
]


def test_findings_do_not_depend_on_what_was_checked_before():
    """Numbers are memoised per run: a warm memo must give what a cold one gives."""
    cold = [found(Checker(RunConfig(select=("number.mismatch",))), mt, src) for src, mt in STREAM]
    warm_checker = Checker(RunConfig(select=("number.mismatch",)))
    for src, mt in reversed(STREAM):
        found(warm_checker, mt, src)
    assert [found(warm_checker, mt, src) for src, mt in STREAM] == cold
    assert cold[0] == [] and cold[1] and cold[3] and cold[5] == [("31", "30")]


def test_number_memo_is_bounded(monkeypatch):
    from mtcheck.checks.numbers import check as numbers

    monkeypatch.setattr(numbers, "_MEMO_LIMIT", 50)
    checker = Checker(RunConfig(select=("number.mismatch",)))
    data = checker.data["number"]
    for n in range(400):
        assert found(checker, f"{n} drones.", f"{n} дронов.") == []
        assert len(data.memo) <= 50
    assert found(checker, "401 drones.", "400 дронов.") == [("401", "400")]


@pytest.mark.parametrize("src, mt", [
    ("Он провёл там 3,5 года.", "He spent three and a half years there."),
    ("Выделено 1,5 млн евро.", "One and a half million euros were allocated."),
    ("Прошло 2,25 часа.", "Two and a quarter hours passed."),
])
def test_and_a_half_is_one_number(checker, src, mt):
    assert found(checker, mt, src) == []


def test_fraction_phrase_is_replaced_whole(checker):
    # never "3.5 and a half years": the suggestion replaces the whole phrase
    assert found(checker, "He spent four and a half years there.", "Он провёл там 3,5 года.") == [
        ("four and a half", "3.5")]


@pytest.mark.parametrize("src, mt", [
    ("Звоните +380 44 123-45-67.", "Call +380 44 123 4567."),
    ("Звоните (044) 123-45-67.", "Call +380 44 123 45 67."),
    ("Телефон 8 (495) 123-45-67.", "Phone +7 495 1234567."),
    ("Звоните 123-45-67.", "Call 123 4567."),
    ("Call +1 202-555-0143.", "Appelez le (202) 555 01 43."),
])
def test_phone_numbers_regrouped_by_locale_are_not_mismatches(checker, src, mt):
    assert found(checker, mt, src) == []


def test_a_changed_phone_digit_is_still_found(checker):
    assert found(checker, "Call 123-45-68.", "Звоните 123-45-67.") == [("68", "67")]


def test_a_number_word_of_the_source_explains_its_translation(checker):
    # "neuf" translates "nine": the changed 12 million still has one stand-in
    src = "The works will cost 12 million euros and last nine months."
    mt = "Les travaux coûteront 15 millions d'euros et dureront neuf mois."
    assert [text for text, _ in found(checker, mt, src, lang="en", tgt="fr")] == ["15 millions"]
    mt = "The works will cost 15 million euros and last 9 months."
    assert [text for text, _ in found(checker, mt, "Работы обойдутся в 12 млн евро и продлятся девять месяцев.",
                                      tgt="en")] == ["15 million"]


@pytest.mark.parametrize("src, mt", [
    ("HC Lindenau won the final 29-27 on Sunday.", "Der HC Lindenau gewann das Finale am Sonntag mit 29:27."),
    ("Das Spiel endete 21:19.", "The match ended 21-19."),
])
def test_a_score_with_a_colon_is_the_source_score(checker, src, mt):
    lang, tgt = ("en", "de") if src.startswith("HC") else ("de", "en")
    assert found(checker, mt, src, lang=lang, tgt=tgt) == []
    assert found(checker, mt.replace("29:27", "29:26").replace("21-19", "21-18"), src, lang=lang, tgt=tgt) != []


def test_a_time_typed_with_a_space_is_the_source_time(checker):
    # a time typed with a space after the colon is still the source's time; "5:00" stays one number
    assert found(checker, "I work until 12: 30.", "Я працюю до 12:30.", lang="uk") == []
    assert found(checker, "The shop opens at 5:00.", "Магазин відкривається о 17:00.", lang="uk") == [("5:00", "17:00")]
