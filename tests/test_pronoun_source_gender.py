"""pronoun.source-gender: a source verb whose gender contradicts the English pronoun
(our own sentences; the real-data figures are in the README)."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.checks.pronouns import source_evidence as se
from mtcheck.config import RunConfig
from mtcheck.document import Document


def _evidence(mt: str, src: str, lang: str, pronoun: str):
    doc = Document(mt, src=src, src_lang=lang)
    gender = "male" if pronoun.lower() in ("he", "him", "his", "himself") else "female"
    return se.source_evidence(doc, mt.index(pronoun), pronoun, gender)


@pytest.fixture(scope="module")
def checker():
    return Checker(RunConfig(select=("pronoun",)))


@pytest.mark.parametrize("mt, src, lang, pronoun", [
    pytest.param("Yesterday he came home late and went to bed.",
                 "Вчера пришла домой поздно и легла спать.", "ru", "he", id="subjectless-feminine-verb"),
    pytest.param("Then she did not call back and left.",
                 "Потім не передзвонив і пішов.", "uk", "she", id="subjectless-masculine-verb"),
    # The verb's own object is "me": its subject is not the speaker.
    pytest.param("Then he forgets the phone and does not write to me.",
                 "То телефон забуде і не написала мені.", "uk", "he", id="object-is-me"),
    # his from свій is bound to the subject, whose verb is feminine.
    pytest.param("Anna lost his phone yesterday.", "Анна вчера потеряла свой телефон.", "ru", "his",
                 id="bound-possessive"),
])
def test_a_verb_of_the_other_gender_is_evidence(mt, src, lang, pronoun):
    ev = _evidence(mt, src, lang, pronoun)
    assert ev is not None and ev.kind == se.OTHER_GENDER


@pytest.mark.parametrize("mt, src, lang, pronoun", [
    # a pronoun of the English gender is in the segment: the usual reading applies
    pytest.param("Anna said that he would come on Monday.", "Анна сказала, что он придёт в понедельник.",
                 "ru", "he", id="own-gender-pronoun"),
    # the verb is the speaker's (я), not the pronoun's
    pytest.param("I came home late. Then he went to bed.", "Я пришла домой поздно. Потом легла спать.",
                 "ru", "he", id="first-person-subject"),
    # the verb's subject is a thing
    pytest.param("According to his memoirs, the city stood silent.",
                 "По воспоминаниям, в городе стояла тишина.", "ru", "his", id="thing-subject"),
    # "he or she" is on purpose
    pytest.param("Whoever was vaccinated, he or she is protected.",
                 "Кто вакцинировался, тот защищён.", "ru", "she", id="he-or-she"),
    # an object pronoun is not the verb's subject
    pytest.param("She took my hand and led him away.", "Взяла меня за руку и увела в сторону.",
                 "ru", "him", id="object-pronoun"),
])
def test_no_evidence_where_the_verb_is_not_the_pronouns(mt, src, lang, pronoun):
    ev = _evidence(mt, src, lang, pronoun)
    assert ev is None or ev.kind != se.OTHER_GENDER


def test_the_finding_names_the_verb_and_swaps_the_gender(checker):
    doc = Document("Yesterday he came home late and went to bed.",
                   src="Вчера пришла домой поздно и легла спать.", src_lang="ru", tgt_lang="en")
    [finding] = checker.check_document(doc)
    assert (finding.rule, finding.text, finding.suggestion) == ("pronoun.source-gender", "he", "she")
    assert "пришла" in finding.message and "feminine" in finding.message


def test_an_english_man_named_in_reach_keeps_it_silent(checker):
    # The English names a man the pronoun may stand for: the translation may have
    # restructured the sentence, so the verb's gender is not enough.
    mt = "Ivan Petrenko is our neighbour. Yesterday he came home late and went to bed."
    src = "Иван Петренко наш сосед. Вчера пришла домой поздно и легла спать."
    assert _evidence(mt, src, "ru", "he").kind == se.OTHER_GENDER
    doc = Document(mt, src=src, src_lang="ru", tgt_lang="en")
    assert [f for f in checker.check_document(doc) if f.rule == "pronoun.source-gender"] == []
