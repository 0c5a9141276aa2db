"""punctuation.*: unbalanced marks, doubled punctuation, leftover placeholders."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(RunConfig(select=("punctuation",)))


def found(checker: Checker, text: str, **kw) -> list[tuple[str, int, str, str | None]]:
    result = checker.check_text(text, **kw)
    for f in result:
        assert text[f.start:f.end] == f.text
    return [(f.rule, f.start, f.text, f.suggestion) for f in result]


U = "punctuation.unbalanced"


@pytest.mark.parametrize("text", [
    "Kiev's mayor and the Ukrainians' allies don't agree.",
    "Kiev’s mayor and the Ukrainians’ allies don’t agree.",
    "He said ‘no’ and “never” (twice) [sic] {x} «non» „nein“.",
    "1) first point\na) second point\nthanks :) and ))) or ((( ok )",
    "He read the ‘90s report.",
    'He said "yes" and "no" today.',
])
def test_balanced_lines_are_clean(checker, text):
    assert [f for f in found(checker, text) if f[0] == U] == []


def test_unmatched_marks_are_reported_where_they_are(checker):
    text = 'Talks (in Geneva failed.\nHe said "no. Then "yes" later.\nEnd]. And “open'
    got = [(start, t) for rule, start, t, _ in found(checker, text) if rule == U]
    assert got == [(6, "("), (33, '"'), (text.index("]"), "]"), (text.index("“"), "“")]


def test_quote_running_over_paragraphs_is_fine(checker):
    text = "“We will hold the line.\n“And we will rebuild,” he said."
    assert found(checker, text) == []
    text = '"We will hold the line.\n"And we will rebuild," he said.'
    assert found(checker, text) == []


def test_closing_straight_quote_without_opener(checker):
    text = 'We will rebuild," he said.'
    assert found(checker, text) == [(U, 16, '"', None)]


def test_doubled(checker):
    text = "A,, b.. C ; d :: e ,. f , g . And so on... and ... etc. v1.2..3 see ../x"
    got = [(t, s) for rule, _, t, s in found(checker, text, tgt_lang="en") if rule == "punctuation.doubled"]
    assert got == [(",,", ","), ("..", "."), (" ;", ";"), ("::", ":"), (",.", "."),
                   (" ,", ","), (" .", ".")]


def test_french_spacing_before_high_marks_is_allowed(checker):
    text = "Il a dit : « non » ; puis ?"
    assert found(checker, text, tgt_lang="fr") == []
    assert [t for _, _, t, _ in found(checker, text, tgt_lang="en")] == [" :", " ;", " ?"]


P = "punctuation.placeholder"


def test_placeholders_without_source(checker):
    text = "{0} and {name} and ${x} and %s, %1$s, %(n)d; <br/> </i> &amp; &#8217; [[Kyiv]]"
    got = [(t, s) for rule, _, t, s in found(checker, text) if rule == P]
    assert got == [("{0}", None), ("{name}", None), ("${x}", None), ("%s", None), ("%1$s", None),
                   ("%(n)d", None), ("<br/>", ""), ("</i>", ""), ("&amp;", "&"), ("&#8217;", "’"),
                   ("[[Kyiv]]", None)]


def test_placeholders_in_source_are_kept_per_occurrence(checker):
    src = "Файл {0} удалён, {0} больше нет."
    assert [t for r, _, t, _ in found(checker, "File {0} deleted.", src=src) if r == P] == []
    assert [t for r, _, t, _ in found(checker, "File {0} {0} {0}.", src=src) if r == P] == ["{0}"]
    assert [t for r, _, t, _ in found(checker, "File {1}.", src=src) if r == P] == ["{1}"]


def test_prose_is_not_placeholder(checker):
    text = "Prices rose 5% in May, 10%s aside; x < y and z > 2; R&D; AT&T [sic]."
    assert [f for f in found(checker, text) if f[0] == P] == []


def test_quotation_split_over_segments_is_fine(checker):
    text = 'He said: "We will hold.\nWe will rebuild," he added.\n(Aside\ncontinued) here.'
    assert found(checker, text) == []
    # ... but a stray closer with nothing open before it is still reported.
    text = 'He said: "We will hold."\nWe will rebuild," he added.'
    assert [t for _, _, t, _ in found(checker, text)] == ['"']


@pytest.mark.parametrize("text", [
    "The courier can bring the box tomorrow)",
    "It rained all week) Now the roads are dry.",
    "I miss my brother so much today(",
    "She did not even say hello ( Maybe next time.",
])
def test_chat_smiles_and_frowns_are_not_brackets(checker, text):
    assert [f for f in found(checker, text) if f[0] == U] == []


@pytest.mark.parametrize("text, mark", [
    ("The minister) said the talks would resume.", ")"),
    ("The talks (which began in May resumed on Monday.", "("),
])
def test_stray_brackets_inside_a_sentence_are_still_reported(checker, text, mark):
    assert [f[2] for f in found(checker, text) if f[0] == U] == [mark]


@pytest.mark.parametrize("src, mt", [
    # the source is unbalanced the same way: the translation kept it, nothing to report
    ('Он сказал: "мы не уйдём.', 'He said: "we will not leave.'),
    ("Мэр заявил «мост откроют в понедельник.", 'The mayor said "the bridge will reopen on Monday.'),
    ("Итоги (предварительные: 40%.", "Results (preliminary: 40%."),
    ("Первая часть.\nЦитата «продолжается", "First part.\nThe quote “goes on"),
])
def test_unbalanced_as_in_the_source_is_not_reported(checker, src, mt):
    assert [f for f in found(checker, mt, src=src, src_lang="ru") if f[0] == U] == []


def test_unbalanced_that_the_translation_broke_is_reported(checker):
    src = "Он сказал «мы не уйдём» и (вновь) ушёл."
    mt = 'He said "we will not leave and (again left.'
    assert [f[2] for f in found(checker, mt, src=src, src_lang="ru") if f[0] == U] == ['"', "("]
    # one of two quotes was already open in the source: only the other is reported
    src = "«Один «два» три"
    mt = "“One “two three"
    got = [f for f in found(checker, mt, src=src, src_lang="ru") if f[0] == U]
    assert len(got) == 1
    # a bracket the source left open does not excuse a quote
    assert [f[2] for f in found(checker, 'He said "yes (maybe.', src="Он сказал да (может.",
                                   src_lang="ru") if f[0] == U] == ['"']
