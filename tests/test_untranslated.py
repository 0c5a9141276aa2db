"""untranslated.*: foreign-script runs, homoglyph words, copied source phrases."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(RunConfig(select=("untranslated",)))


def spans(checker: Checker, text: str, **kw) -> list[tuple[str, str, str | None]]:
    found = checker.check_text(text, **kw)
    for f in found:
        assert text[f.start:f.end] == f.text
    return [(f.rule, f.text, f.suggestion) for f in found]


def test_run_spans_punctuation_and_digits_but_not_lines(checker):
    text = "He wrote: Слава Україні, героям слава! Then\nв 2022 році it ended.\nЖ"
    assert spans(checker, text) == [
        ("untranslated.script", "Слава Україні, героям слава", None),
        ("untranslated.script", "в 2022 році", None),
        ("untranslated.script", "Ж", None),
    ]


def test_scripts_are_named_and_split(checker):
    found = checker.check_text("Signs read 東京へようこそ and שלום עולם in the hall.")
    assert [f.text for f in found] == ["東京へようこそ", "שלום עולם"]
    assert "CJK" in found[0].message and "Hebrew" in found[1].message


def test_target_script_is_allowed(checker):
    assert spans(checker, "Мэр Киева Виталий Кличко и NATO.", tgt_lang="ru") == []
    assert spans(checker, "Мэр сказал 東京.", tgt_lang="ru") == [("untranslated.script", "東京", None)]
    # French and German targets are Latin too.
    assert spans(checker, "Le maire a dit «Ми вистоїмо».", tgt_lang="fr")[0][1] == "Ми вистоїмо"


def test_latin_with_diacritics_symbols_emoji_are_clean(checker):
    text = "Zürich, São Paulo, Łódź, Dvořák — €5, 20 °C, ½ ✓ 🇺🇦 ʼ µg"
    assert spans(checker, text) == []


def test_mixed_script_repairs(checker):
    text = "Mayor of Prazі met NАТО and the WНO; Kиев too."
    assert spans(checker, text) == [
        ("untranslated.mixed-script", "Prazі", "Prazi"),
        ("untranslated.mixed-script", "NАТО", "NATO"),
        ("untranslated.mixed-script", "WНO", "WHO"),
        ("untranslated.mixed-script", "Kиев", None),
    ]


def test_mixed_script_is_latin_targets_only(checker):
    assert spans(checker, "Компания Micrоsoft", tgt_lang="ru") == []


FR = "Le ministre a déclaré que les négociations reprendront lundi à Genève."


def test_copied_source_merges_overlapping_ngrams(checker):
    mt = "The minister said que les négociations reprendront lundi à Genève."
    assert spans(checker, mt, src=FR, src_lang="fr") == [
        ("untranslated.copied-source", "que les négociations reprendront lundi à Genève", None),
    ]


def test_copied_source_needs_latin_source_of_other_language(checker):
    mt = "The minister said que les négociations reprendront lundi à Genève."
    copied = [s for s in spans(checker, mt, src=FR) if s[0] == "untranslated.copied-source"]
    assert copied == []                                          # no source language
    assert [s for s in spans(checker, mt, src=FR, src_lang="en")
            if s[0] == "untranslated.copied-source"] == []       # same language
    # without a source language the French run is still found, as a fragment
    assert [s[0] for s in spans(checker, mt, src=FR)] == ["untranslated.fragment"]
    assert spans(checker, "Он сказал, что переговоры возобновятся.", src="Он сказал, что переговоры возобновятся.",
                 src_lang="ru", tgt_lang="en")[0][0] == "untranslated.script"


def test_copied_source_stops_at_line_and_sentence_ends(checker):
    # the line before is translated but ends with the name the source has there too
    src = "Le port a fermé, a dit Marc Lévesque.\nLes syndicats disent que la fermeture est arrivée sans prévenir."
    mt = "The port closed, said Marc Lévesque.\nLes syndicats disent que la fermeture est arrivée sans prévenir."
    assert spans(checker, mt, src=src, src_lang="fr") == [
        ("untranslated.copied-source", "Les syndicats disent que la fermeture est arrivée sans prévenir", None),
    ]
    one_line = mt.replace("\n", " ")
    assert spans(checker, one_line, src=src.replace("\n", " "), src_lang="fr")[0][1].startswith("Les syndicats")
    # a decimal point is no sentence end
    src = "Le budget passe à 3.5 millions pour les écoles de la ville."
    assert spans(checker, "The budget rises to 3.5 millions pour les écoles de la ville.", src=src,
                 src_lang="fr")[0][1] == "3.5 millions pour les écoles de la ville"


def test_copied_source_ignores_names_and_short_overlaps(checker):
    src = "Le 24 février 2022, Emmanuel Macron a parlé à Volodymyr Zelensky à Kyiv."
    mt = "On 24 February 2022, Emmanuel Macron spoke to Volodymyr Zelensky in Kyiv."
    assert spans(checker, mt, src=src, src_lang="fr") == []
    assert spans(checker, "They ate à la carte meals.", src="Ils ont mangé à la carte.", src_lang="fr") == []


def test_clean_text_has_no_findings(checker):
    assert checker.check_text("The talks resumed on Monday in Geneva.") == []
