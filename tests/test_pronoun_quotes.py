"""Quoted passages for the pronoun resolver: pairs inside a paragraph, and quotations
that run over the sentence lines of an MT feed."""

from __future__ import annotations

import pytest

from mtcheck.checks.pronouns import check as family
from mtcheck.checks.pronouns.quotes import quote_spans
from mtcheck.checks.pronouns.resolver import resolve_pronouns
from mtcheck.config import RunConfig
from mtcheck.document import Document


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in quote_spans(Document(text))]


@pytest.fixture(scope="module")
def data():
    return family.load(RunConfig())


def test_marks_pair_inside_a_paragraph():
    assert quoted('He said "yes" and then “no”.\n') == ['"yes"', "“no”"]


def test_a_quotation_runs_over_lines_to_its_closing_mark():
    text = ('The coach spoke. "My knee kept me out for a season.\nThe operation was in May.\n'
            'Now I am fit," he said.\nHe left.\n')
    assert quoted(text) == ['"My knee kept me out for a season.\nThe operation was in May.\nNow I am fit,"']


def test_each_paragraph_of_a_long_quotation_may_open_with_a_mark():
    text = 'Ortega said: "We waited.\n"We waited again.\n"Then we left."\nShe smiled.\n'
    assert quoted(text) == ['"We waited.\n"We waited again.\n"Then we left."']


def test_a_quotation_that_never_closes_ends_with_its_paragraph():
    text = 'He wrote "the end\n' + "".join(f"Line {i} of the report.\n" for i in range(12))
    assert quoted(text) == ['"the end\n']


def test_another_quotation_opening_first_ends_the_one_carried():
    text = 'A said "one thing\nthen B said “another”.\n'
    assert quoted(text) == ['"one thing\n', "“another”"]


def test_a_straight_quote_after_a_word_does_not_open():
    # It closes a quotation opened before the text begins; the next one opens properly.
    assert quoted('end of it," she said. "Next\nwe go."\n') == ['"Next\nwe go."']


def test_a_pronoun_in_a_carried_quotation_is_resolved_inside_it(data):
    text = ('Marek Kowal joined the club last season. "An injury kept me out for a year.\n'
            "He had an operation in May.\nNow I am ready,\" the striker said.\n")
    decisions = {d.start: d for d in resolve_pronouns(Document(text), data)}
    he = decisions[text.index("He had")]
    assert he.in_quote
    # Inside the quotation the footballer is "I": the club's player named outside it is
    # not in reach of the quoted "He".
    assert all(c.text != "Marek Kowal" for c in he.candidates)


def test_single_quotes_open_before_a_capital_and_apostrophes_are_skipped():
    text = "The striker said 'My knee is weak and I'm slow.\nI had surgery.\nI'm fine now,' he said.\n"
    assert quoted(text) == ["'My knee is weak and I'm slow.\nI had surgery.\nI'm fine now,'"]
    assert quoted("The players' union said it's 'rock 'n' roll' here.\n") == []
    assert quoted("‘Fine’, she said. ‘We’ll go.’\n") == ["‘Fine’", "‘We’ll go.’"]
    # a typographic apostrophe never opens a quotation
    assert quoted('We’ll say "yes" to him.\n') == ['"yes"']


def test_a_dropped_i_in_a_quotation_over_lines_is_reported_with_i():
    from mtcheck.api import Checker

    checker = Checker(RunConfig(select=("pronoun",)))
    mt = ('Kowal last played for Tammeka. "Because of an injury I was out of football for a year.\n'
          'He had surgery on April 30.\nNow I am ready," he said.')
    src = ("Последним клубом Коваля была «Таммека». «Из-за травмы я больше года был вне футбола.\n"
           "30 апреля перенес операцию.\nСейчас я готов», — сказал он.")
    doc = Document(mt, src=src, src_lang="ru", tgt_lang="en")
    findings = checker.check_document(doc)
    he = [f for f in findings if f.text == "He"]
    assert [(f.rule, f.suggestion) for f in he] == [("pronoun.no-referent", "I")]
    assert "in its quotation" in he[0].message and "перенес" in he[0].message
    # The speaker's own "he said" after the quotation is no finding.
    assert all(f.text == "He" for f in findings)
