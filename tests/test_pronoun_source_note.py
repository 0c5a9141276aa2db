"""The message of an English pronoun finding cites a German, French or Spanish source's
pronoun and the one noun of its gender it may refer to (message only)."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.checks.pronouns.source_note import source_note
from mtcheck.config import RunConfig
from mtcheck.document import Document

_CHECKER = Checker(RunConfig(select=("pronoun",), pronoun_threshold=0.0))


def _messages(mt: str, src: str, lang: str) -> list[str]:
    return [f.message for f in _CHECKER.check_text(mt, src=src, src_lang=lang)
            if f.rule.startswith("pronoun.")]


def _note(mt: str, src: str, lang: str, pronoun: str) -> str | None:
    doc = Document(mt, src=src, src_lang=lang)
    gender = "male" if pronoun.lower() in ("he", "him", "his") else "female"
    return source_note(doc, mt.index(pronoun), pronoun, gender)


@pytest.mark.parametrize(("mt", "src", "lang", "clause"), [
    ("The government met on Monday. She announced new taxes.",
     "Die Regierung traf sich am Montag. Sie kündigte neue Steuern an.", "de",
     "Source 'Sie' may refer to Regierung (feminine)."),
    # "Deutsche" runs into "Bank": an adjective, not a rival noun
    ("The bank met on Monday. She announced new fees.",
     "Die Deutsche Bank traf sich am Montag. Sie kündigte neue Gebühren an.", "de",
     "Source 'Sie' may refer to Bank (feminine)."),
    ("The army crossed the river yesterday. She said the losses were small.",
     "L'armée a traversé le fleuve hier. Elle a dit que les pertes étaient faibles.", "fr",
     "Source 'Elle' may refer to armée (feminine)."),
    ("The company published the figures. She said that profits grew.",
     "La empresa publicó las cifras. Ella dijo que los beneficios crecieron.", "es",
     "Source 'Ella' may refer to empresa (feminine)."),
])
def test_a_flagged_pronoun_cites_the_source_noun(mt, src, lang, clause) -> None:
    messages = _messages(mt, src, lang)
    assert messages and clause in messages[0]


def test_without_a_source_the_message_has_no_clause() -> None:
    mt = "The government met on Monday. She announced new taxes."
    messages = [f.message for f in _CHECKER.check_text(mt, src_lang="de")]
    assert messages and "may refer to" not in messages[0]


@pytest.mark.parametrize(("mt", "src", "lang", "pronoun"), [
    # two feminine nouns compete
    ("The government and the bank met. She announced new taxes.",
     "Die Regierung und die Bank trafen sich. Sie kündigte neue Steuern an.", "de", "She"),
    ("The army and the police met. She said that all was calm.",
     "L'armée et la police se sont réunies. Elle a dit que tout était calme.", "fr", "She"),
    # the one noun is a person's
    ("The minister spoke on Monday. She announced new taxes.",
     "Die Ministerin sprach am Montag. Sie kündigte neue Steuern an.", "de", "She"),
    ("The spokeswoman spoke on Monday. She announced new taxes.",
     "Die Sprecherin sprach am Montag. Sie kündigte neue Steuern an.", "de", "She"),
    # plural "sie" (a plural verb) and the polite "Sie"
    ("The government met on Monday. She have announced new taxes.",
     "Die Regierung traf sich am Montag. Sie haben neue Steuern angekündigt.", "de", "She"),
    ("The government met. I told her that she must act.",
     "Die Regierung traf sich. Ich sagte, dass Sie handeln muss.", "de", "she"),
])
def test_no_clause_when_the_antecedent_is_unclear(mt, src, lang, pronoun) -> None:
    assert _note(mt, src, lang, pronoun) is None


def test_two_nouns_of_the_pronoun_gender_compete() -> None:
    mt = "The state passed the law on Monday. He said it was needed."
    src = "Der Staat verabschiedete das Gesetz am Montag. Er sagte, es sei nötig."
    assert _note(mt, src, "de", "He") is None  # Staat and Montag are both masculine


def test_the_note_follows_the_pronoun_gender() -> None:
    mt = "The state passed the law. He said it was needed."
    src = "Der Staat verabschiedete das Gesetz. Er sagte, es sei nötig."
    assert _note(mt, src, "de", "He") == "source 'Er' may refer to Staat (masculine)"
    assert _note(mt.replace("He", "She"), src, "de", "She") is None  # no "sie" in the source


def test_french_articles_are_not_read_as_pronouns() -> None:
    mt = "The law was passed. She was needed."
    src = "La loi a été adoptée. La réforme était nécessaire."
    assert _note(mt, src, "fr", "She") is None


def test_ukrainian_and_russian_keep_their_own_evidence() -> None:
    mt = "The army said it held the bridge.\nShe added that the losses were small."
    src = "Армія заявила, що утримує міст.\nВона додала, що втрати невеликі."
    assert _note(mt, src, "uk", "She") is None
    messages = _messages(mt, src, "uk")
    assert messages and "армія" in messages[0] and "may refer to" not in messages[0]


def test_a_noun_of_two_genders_in_the_table_competes() -> None:
    # "Haus" is listed masculine and neuter: with "sein" (m or n) it competes with Staat.
    mt = "The state sold the house. He lost his money."
    assert _note(mt, "Der Staat verkaufte. Er verlor sein Geld.", "de", "his") == \
        "source 'sein' may refer to Staat (masculine)"
    assert _note(mt, "Der Staat verkaufte das Haus. Er verlor sein Geld.", "de", "his") is None


def test_a_noun_of_its_gender_later_in_the_sentence_may_be_the_referent() -> None:
    """Cataphora: the woman named after the pronoun may be who it means."""
    mt = "The office said. Before she left, the 39-year-old woman spoke."
    assert _note(mt, "Die Stelle teilte mit. Bevor sie ging, sprach die 39-Jährige.", "de", "she") is None
