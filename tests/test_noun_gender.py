"""Noun genders of target languages: the shipped tables, pymorphy3, and the lookup rules."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mtcheck import noun_gender
from mtcheck.errors import PackError
from mtcheck.languages import load_pack, load_packs
from mtcheck.noun_gender import compound_head, gender_of, genders_of, is_noun, reading_of

# institution and thing nouns, our own picks, with the gender every dictionary gives them
KNOWN = {
    "de": {"Armee": "f", "Regierung": "f", "Ministerium": "n", "Verband": "m", "Polizei": "f",
           "Unternehmen": "n", "Gericht": "n", "Parlament": "n", "Kommission": "f", "Konzern": "m",
           "Partei": "f", "Staat": "m", "Behörde": "f"},
    "fr": {"armée": "f", "gouvernement": "m", "ministère": "m", "entreprise": "f", "police": "f",
           "tribunal": "m", "commission": "f", "parti": "m", "société": "f", "conseil": "m",
           "banque": "f", "syndicat": "m"},
    "es": {"gobierno": "m", "empresa": "f", "ejército": "m", "policía": None, "ministerio": "m",
           "comisión": "f", "partido": "m", "tribunal": "m", "compañía": "f", "sindicato": "m",
           "universidad": "f", "consejo": "m"},
    "it": {"esercito": "m", "governo": "m", "azienda": "f", "ministero": "m", "polizia": "f",
           "commissione": "f", "partito": "m", "tribunale": "m", "società": "f", "banca": "f",
           "sindacato": "m", "consiglio": "m"},
    "pt": {"governo": "m", "empresa": "f", "exército": "m", "ministério": "m", "polícia": None,
           "comissão": "f", "partido": "m", "tribunal": "m", "sociedade": "f", "banco": "m",
           "sindicato": "m", "conselho": "m"},
    "ru": {"армия": "f", "правительство": "n", "министерство": "n", "компания": "f", "суд": "m",
           "полиция": "f", "парламент": "m", "партия": "f", "банк": "m", "комиссия": "f",
           "союз": "m", "агентство": "n"},
    "uk": {"армія": "f", "уряд": "m", "міністерство": "n", "компанія": "f", "суд": "m",
           "поліція": "f", "парламент": "m", "партія": "f", "банк": "m", "комісія": "f",
           "спілка": "f", "агентство": "n"},
}


@pytest.mark.parametrize("lang,word,gender", [(lang, word, gender) for lang, words in KNOWN.items()
                                              for word, gender in words.items()])
def test_institution_nouns_have_their_gender(lang, word, gender):
    found = gender_of(lang, word)
    if gender is None:  # common gender: es la/el policía, pt a/o polícia (force / officer)
        assert found is None and len(genders_of(lang, word)) == 2
    else:
        assert found is not None and found.gender == gender, (lang, word, found)


@pytest.mark.parametrize("lang,word,gender,number,head", [
    ("de", "Bundesregierung", "f", "sg", None),  # in Wiktionary itself
    ("de", "Landesarmeeführung", "f", "sg", "Armeeführung"),  # ours: the longest known tail
    ("de", "Hafenbehördensprecherin", "f", "sg", "Behördensprecherin"),
    ("de", "Gewerkschaftsverbände", "m", "pl", "Verbände"),
    ("de", "Kreisministeriums", "n", "sg", "Ministeriums"),
    ("de", "Xyz-Kommission", "f", "sg", "Kommission"),
])
def test_german_compounds_take_their_head(lang, word, gender, number, head):
    found = gender_of(lang, word)
    assert found is not None and (found.gender, found.number) == (gender, number)
    assert found.matched == (head or word)


def test_compound_head_is_the_longest_known_suffix_of_four_letters_or_more():
    table = {"Rung": ("f", "sg"), "Regierung": ("f", "sg"), "Ei": ("n", "sg"), "Bund": ("m", "sg"),
             "Wohl": ("n", "sg"), "Nische": ("f", "sg"), "Islam": ("m", "sg")}
    assert compound_head("Bundesregierung", table.get) == ("Regierung", ("f", "sg"))  # Bund+es
    assert compound_head("Bundrung", table.get) == ("Rung", ("f", "sg"))
    assert compound_head("Bäckerei", table.get) is None  # "Ei" is shorter than MIN_HEAD
    assert compound_head("Regierung", {"Regierung": ("f", "sg")}.get) is None  # a proper suffix only
    # the part before the head must be a noun: an adverb that ends like a noun is none
    assert compound_head("Sowohl", table.get) is None
    assert compound_head("Islamnische", table.get) is None  # an inflected adjective's ending


@pytest.mark.parametrize("word", ["Inzwischen", "Norwegen", "Europäische", "Republikanischen"])
def test_words_that_only_end_like_a_noun_get_no_gender(word):
    assert reading_of("de", word) is None


def test_german_case_rules():
    assert gender_of("de", "ARMEE").gender == "f"  # an all-caps heading word
    assert gender_of("de", "armee") is None  # lower case: not a German noun
    assert not is_noun("de", "weg") and is_noun("de", "Weg")


@pytest.mark.parametrize("lang,word,gender,number,matched", [
    ("fr", "l'armée", "f", "sg", "armée"),
    ("fr", "l’armée", "f", "sg", "armée"),  # typographic apostrophe
    ("fr", "«l'armée»,", "f", "sg", "armée"),  # punctuation around the token
    ("de", "„Bundesregierung“", "f", "sg", "Bundesregierung"),
    ("de", "„Landesarmeeführung“,", "f", "sg", "Armeeführung"),
    ("fr", "d'entreprise", "f", "sg", "entreprise"),
    ("fr", "les", None, None, None),
    ("fr", "armées", "f", "pl", "armées"),
    ("fr", "gouvernements", "m", "pl", "gouvernements"),
    ("fr", "tribunaux", "m", "pl", "tribunaux"),
    ("fr", "Commission", "f", "sg", "commission"),  # capitalised institution name
    ("it", "l'esercito", "m", "sg", "esercito"),
    ("it", "dell'azienda", "f", "sg", "azienda"),
    ("it", "governi", "m", "pl", "governi"),
    ("es", "gobiernos", "m", "pl", "gobiernos"),
    ("es", "empresas", "f", "pl", "empresas"),
    ("es", "Gobierno", "m", "sg", "gobierno"),
    ("pt", "governos", "m", "pl", "governos"),
    ("pt", "comissões", "f", "pl", "comissões"),
])
def test_elision_plurals_and_capitals(lang, word, gender, number, matched):
    found = gender_of(lang, word)
    if gender is None:
        assert found is None
        return
    assert found is not None and (found.gender, found.number, found.matched) == (gender, number, matched)


def test_invariable_and_ambiguous_forms():
    assert gender_of("fr", "prix").number is None  # le prix, les prix
    assert gender_of("fr", "élève") is None and genders_of("fr", "élève") == {"m", "f"}
    assert is_noun("fr", "élève")
    assert gender_of("de", "Leiter") is None and genders_of("de", "Leiter") == {"m", "f"}
    assert gender_of("es", "periodista") is None and genders_of("es", "periodista") == {"m", "f"}


def test_pymorphy3_readings():
    army = gender_of("ru", "Армия")
    assert (army.gender, army.number, army.animate, army.source) == ("f", "sg", False, "pymorphy3")
    plural = gender_of("ru", "правительства")  # genitive singular is the likelier reading
    assert plural.gender == "n"
    governments = gender_of("uk", "уряди")  # a plural: its lemma's gender
    assert (governments.gender, governments.number, governments.matched) == ("m", "pl", "уряд")
    assert gender_of("ru", "врач").animate is True
    assert gender_of("ru", "ножницы").gender == "p"  # plural-only
    assert gender_of("ru", "сирота") is None and genders_of("ru", "сирота") == {"m", "f"}
    assert is_noun("uk", "уряд") and not is_noun("ru", "заявил")
    # uk scores every reading alike: the commoner lemma, and a common noun before a name
    assert (gender_of("uk", "роботу").gender, gender_of("uk", "роботу").matched) == ("f", "робота")
    assert gender_of("uk", "люди").matched == "людина" and gender_of("uk", "люди").number == "pl"
    assert gender_of("uk", "колега") is None and genders_of("uk", "колега") == {"m", "f"}


@pytest.mark.parametrize("lang,word", [("de", "Xqzrtvw"), ("fr", "xqzrtvw"), ("es", "xqzrtvw"),
                                       ("it", "xqzrtvw"), ("pt", "xqzrtvw"), ("ru", "заявил"),
                                       ("de", ""), ("en", "army"), ("pl", "armia")])
def test_unknown_words_and_languages(lang, word):
    assert gender_of(lang, word) is None
    assert genders_of(lang, word) == frozenset()
    assert reading_of(lang, word) is None


def test_packs_declare_the_feature_and_the_tables_stay_small():
    packs = load_packs()
    for lang in ("de", "fr", "es", "it", "pt"):
        path = Path(packs[lang].noun_genders_path)
        assert "noun-gender" in packs[lang].supports and path.name == "noun_genders.tsv.gz"
        assert path.stat().st_size < 1_600_000
        assert (path.parent / "NOUN-GENDERS-LICENSE.txt").read_text(encoding="utf-8").strip()
    for lang in ("ru", "uk"):
        assert "noun-gender" in packs[lang].supports and packs[lang].noun_gender_analyser == "pymorphy3"
    assert "noun-gender" not in packs["en"].supports


def _pack(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "xx"
    folder.mkdir()
    (folder / "pack.yaml").write_text(textwrap.dedent(f"""\
        language: xx
        supports: [noun-gender]
        {extra}
        """), encoding="utf-8")
    return folder


def test_a_user_pack_brings_its_own_table(tmp_path):
    folder = _pack(tmp_path, "files: {noun-genders: genders.tsv.gz}")
    with gzip.open(folder / "genders.tsv.gz", "wt", encoding="utf-8") as handle:
        handle.write("# xx noun genders derived from our own list\nkasa\tf\tsg\nkasy\tf\tpl\n")
    packs = {"xx": load_pack(folder, builtin=False)}
    assert gender_of("xx", "kasy", packs) == noun_gender.NounGender("f", "pl", None, "our own list", "kasy")
    assert gender_of("xx", "Kasa", packs).gender == "f"


def test_a_bad_table_row_names_file_and_line(tmp_path):
    folder = _pack(tmp_path, "files: {noun-genders: genders.tsv.gz}")
    with gzip.open(folder / "genders.tsv.gz", "wt", encoding="utf-8") as handle:
        handle.write("kasa\tf\tsg\nkasy\tx\tpl\n")
    with pytest.raises(PackError, match=r"genders\.tsv\.gz.*line 2"):
        gender_of("xx", "kasa", {"xx": load_pack(folder, builtin=False)})


@pytest.mark.parametrize("extra,message", [
    ("", "names no noun-genders file"),
    ("files: {noun-genders: missing.tsv.gz}", "noun-genders file not found"),
    ("analysers: {noun-gender: spacy}", "unknown analyser 'spacy'"),
])
def test_pack_errors(tmp_path, extra, message):
    with pytest.raises(PackError, match=message):
        load_pack(_pack(tmp_path, extra), builtin=False)


def test_tables_and_analysers_load_lazily():
    code = textwrap.dedent("""\
        import sys
        import mtcheck.noun_gender as ng
        import mtcheck.languages
        assert "pymorphy3" not in sys.modules, "imported pymorphy3 before any lookup"
        assert ng._table.cache_info().currsize == 0
        assert ng.gender_of("fr", "armée").gender == "f"
        assert ng._table.cache_info().currsize == 1   # French only
        assert "pymorphy3" not in sys.modules
        ng.gender_of("fr", "police"); assert ng._table.cache_info().misses == 1  # kept
        assert ng.gender_of("ru", "армия").gender == "f"
        assert "pymorphy3" in sys.modules
        print("ok")
        """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
