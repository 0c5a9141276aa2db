"""Name styles per target language, on the default guide: each language's canonical form
is silent, another spelling is flagged with the target's form, two spellings of one
entity in one document are flagged, in every shipped language. Sentences are our own."""

from __future__ import annotations

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.datafiles import data_path
from mtcheck.errors import PackError
from mtcheck.style_guides import load_files


def run(text: str, lang: str, select: str = "name", **config) -> list[tuple[str, str, str]]:
    checker = Checker(RunConfig(select=(select,), **config))
    findings = checker.check_text(text, doc_id="t", tgt_lang=lang)
    for f in findings:
        assert text[f.start:f.end] == f.text
    return [(f.rule, f.text, f.suggestion) for f in findings]


# -- the canonical form of each language is silent ---------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Officials in Kyiv said the talks would go on."),
    ("de", "Die Behörden in Kyjiw teilten mit, die Gespräche gingen weiter."),
    ("fr", "Les autorités de Kyiv ont indiqué que les discussions se poursuivraient."),
    ("es", "Las autoridades de Kiev dijeron que las conversaciones seguirían."),
    ("it", "Le autorità di Kiev hanno detto che i colloqui continueranno."),
    ("pt", "As autoridades de Kiev disseram que as conversações vão continuar."),
    ("ru", "Власти Киева заявили, что переговоры в Киеве продолжатся."),
    ("uk", "Влада Києва заявила, що переговори в Києві триватимуть."),
])
def test_canonical_form_is_silent(lang, text):
    assert run(text, lang) == []


# -- a variant gets the target language's form ---------------------------------------

@pytest.mark.parametrize("lang, text, flagged, fix", [
    ("en", "Officials in Kiev said so.", "Kiev", "Kyiv"),
    ("de", "Die Behörden in Kiev teilten es mit.", "Kiev", "Kyjiw"),           # the English exonym
    ("fr", "Les autorités de Kiew l'ont indiqué.", "Kiew", "Kyiv"),            # the German one
    ("es", "Las autoridades de Kiew lo dijeron.", "Kiew", "Kiev"),
    ("it", "Le autorità di Kyjiw lo hanno detto.", "Kyjiw", "Kiev"),
    ("ru", "Власти заявили об этом в Києві.", "Києві", "Киеве"),               # the Ukrainian form, declined
    ("uk", "Влада заявила про це в Киеве.", "Киеве", "Києві"),                 # the Russian form, declined
    ("uk", "Обстріл Харькова тривав усю ніч.", "Харькова", "Харкова"),
    ("uk", "Прем'єр зустрівся з Зеленским у понеділок.", "Зеленским", "Зеленським"),
    ("uk", "Путин не коментував заяву.", "Путин", "Путін"),
    ("ru", "Премьер встретился с Путіним.", "Путіним", "Путиным"),
    ("de", "Das Treffen mit Zelensky fand statt.", "Zelensky", "Selenskyj"),
    ("es", "La reunión con Zelensky tuvo lugar.", "Zelensky", "Zelenski"),
    ("fr", "La réunion à Peking a eu lieu.", "Peking", "Pékin"),
])
def test_variant_is_flagged_with_the_targets_form(lang, text, flagged, fix):
    assert run(text, lang, "name.variant") == [("name.variant", flagged, fix)]


def test_german_genitive_keeps_its_ending():
    assert run("Kievs Bürgermeister sprach.", "de", "name.variant") == [("name.variant", "Kievs", "Kyjiws")]
    assert run("Kyjiws Bürgermeister und Selenskyjs Berater sprachen.", "de") == []


# -- the form the name style does not prefer is tolerated, but not mixed ----------------

@pytest.mark.parametrize("lang, text", [
    ("de", "Die Behörden in Kiew teilten mit, die Lage sei ruhig."),   # dpa's form
    ("fr", "Les autorités de Kiev ont indiqué que le calme régnait."),
    ("es", "Las autoridades de Kyiv dijeron que había calma."),
    ("it", "Le autorità di Kyiv hanno detto che c'era calma."),
])
def test_the_other_style_alone_is_tolerated(lang, text):
    assert run(text, lang) == []


@pytest.mark.parametrize("lang, text, flagged, fix", [
    ("de", "In Kyjiw blieb es ruhig. Später meldete Kiew neue Angriffe.", "Kiew", "Kyjiw"),
    ("de", "In Kyjiw blieb es ruhig. Kiews Bürgermeister sprach.", "Kiews", "Kyjiws"),
    ("fr", "À Kyiv, le calme régnait. Plus tard, Kiev a signalé des frappes.", "Kiev", "Kyiv"),
    ("es", "En Kiev había calma. Después, Kyiv informó de ataques.", "Kyiv", "Kiev"),
])
def test_two_spellings_in_one_latin_document_are_an_inconsistency(lang, text, flagged, fix):
    assert run(text, lang, "name.inconsistency") == [("name.inconsistency", flagged, fix)]


@pytest.mark.parametrize("lang, text, flagged, fix", [
    ("uk", "У Києві було тихо. Пізніше Киев повідомив про нові удари.", "Киев", "Київ"),
    ("uk", "У Києві було тихо. Мер Києва і мер Киева зустрілися.", "Киева", "Києва"),
    ("ru", "В Киеве было тихо. Позже мэрия Києва сообщила об ударах.", "Києва", "Киева"),
])
def test_two_spellings_in_one_cyrillic_document_are_an_inconsistency(lang, text, flagged, fix):
    found = run(text, lang, "name.inconsistency")
    assert found == [("name.inconsistency", flagged, fix)]


def test_cyrillic_variant_says_the_document_also_writes_the_other():
    checker = Checker(RunConfig(select=("name",)))
    findings = checker.check_text("У Києві було тихо. Пізніше Киев повідомив про удари.", doc_id="t", tgt_lang="uk")
    assert [(f.rule, f.text) for f in findings] == [("name.variant", "Киев")]
    assert "also writes 'Києві'" in findings[0].message


def test_declined_forms_of_one_spelling_are_consistent():
    assert run("Мер Києва приїхав до Києві. У Києві тихо, Київ чекає.", "uk") == []
    assert run("Мэр Киева в Киеве. Киев ждёт, Киеву помогают.", "ru") == []


# -- no false alarms on ordinary words ----------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("uk", "Рівно о восьмій суми виплат зросли. Київська область і київські парки."),
    ("ru", "Ровно в полдень суммы выросли. Киевская область и киевский торт."),
    ("de", "Jedoch waren die Flughäfen und der Flughafen geschlossen. Leichen wurden im Gelände gefunden."),
    ("de", "Die Menschen in Bulgarien und die Bulgaren, die Beamten und ein Beamter."),
    ("fr", "Les États membres et les Etats voisins ; l'élève a élevé la voix."),
])
def test_ordinary_words_are_no_names(lang, text):
    assert run(text, lang) == []


# -- English behaviour unchanged ----------------------------------------------------

def test_english_is_unchanged_and_other_scripts_are_not_names_there():
    assert run("Kiev and Kyiv.", "en", "name.variant") == [("name.variant", "Kiev", "Kyiv")]
    assert run("The sign read Киев and Київ.", "en") == []
    assert run("Poutine is a dish from Quebec.", "en") == []
    assert run("They live in Sebastopol, California.", "en") == []


def test_a_language_without_a_form_passes_no_judgement():
    # the guide gives Beijing no Spanish-only spelling beyond Pekín; a place the guide
    # writes for English only (Bombay/Mumbai) is not judged in Spanish
    assert run("Llegó a Bombay.", "es", "name.variant") == []
    assert run("Arrived in Bombay.", "en", "name.variant") == [("name.variant", "Bombay", "Mumbai")]


# -- configuration: a house style of one's own ---------------------------------------

def test_house_style_switches_the_german_name_style(tmp_path):
    house = tmp_path / "house.yaml"
    house.write_text("name-styles:\n  de: {prefer: traditional, other: variant}\nentries: []\n", encoding="utf-8")
    assert run("In Kyjiw und in Kiew.", "de", "name.variant", styles=(str(house),)) == [
        ("name.variant", "Kyjiw", "Kiew")]
    assert run("In Kyjiw und in Kiew.", "de", "name.variant") == []  # ours: Kiew allowed


@pytest.mark.parametrize("body, message", [
    ("name-styles:\n  de: {prefer: exonym}\n", "de.prefer must be one of canonical, traditional"),
    ("name-styles:\n  de: {other: maybe}\n", "de.other must be one of allowed, variant"),
    ("name-styles: [de]\n", "'name-styles' must map a language"),
    ("entries:\n  - id: x\n    type: place\n    canonical: {en: X}\n    traditional: {en: Y}\n",
     "'traditional' has no 'en'"),
])
def test_bad_name_styles_name_the_file(tmp_path, body, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_files([data_path("styles/default")], [bad])
    assert message in str(info.value) and "bad.yaml" in str(info.value)


def test_every_spec_of_the_default_guide_passes_cyrillic_ones_included():
    pack = load_files([data_path("styles/default")], [])
    assert pack.pending_specs  # the Cyrillic targets' specs wait for their automaton
    pack.mentions("Київ", "uk")
    assert pack.pending_specs == []


def test_a_broken_cyrillic_spec_stops_the_run(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - id: kyiv\n    specs:\n      - {from: 'у Киеве', to: 'у Киеве', lang: uk}\n",
                   encoding="utf-8")
    pack = load_files([data_path("styles/default")], [bad])
    with pytest.raises(PackError) as info:
        pack.mentions("Київ", "uk")
    assert "spec failed (uk)" in str(info.value) and "у Києві" in str(info.value)


# -- what a user sees -------------------------------------------------------------------

def test_styles_command_lists_the_name_style_per_language(cli, tmp_path):
    import json

    listed = json.loads(cli(["styles", "-f", "json"]).stdout)["languages"]
    assert listed["de"]["prefer"] == "canonical" and listed["es"]["prefer"] == "traditional"
    assert listed["uk"]["entities"] > 20 and listed["uk"]["traditional"] == 0
    house = tmp_path / "house.yaml"
    house.write_text("name-styles:\n  de: {prefer: traditional, other: variant}\n", encoding="utf-8")
    text = cli(["styles", "--style", house]).stdout
    assert "de: " in text and "prefers traditional, other variant" in text


def _feed(cli, lang: str, documents: list[str], *options: str) -> list[tuple[str, str, str, str]]:
    import json

    feed = "\n".join(json.dumps({"id": i, "mt": mt, "tgt_lang": lang}, ensure_ascii=False)
                     for i, mt in enumerate(documents)) + "\n"
    out = cli(["check", "-", "--stdin-filename", "f.jsonl", "--select", "name", "-f", "jsonl",
               "--fail-on", "never", *options], input=feed).jsonl()
    return [(f["doc"], f["rule"], f["text"], f["suggestion"]) for f in out]


def test_feed_scope_holds_one_spelling_per_language(cli):
    german = ["In Kyjiw blieb es ruhig.", "Kiew meldete Angriffe."]
    assert _feed(cli, "de", german) == []  # each document alone is consistent
    assert _feed(cli, "de", german, "--scope", "feed") == [("1", "name.inconsistency", "Kiew", "Kyjiw")]
    # the cases of one Ukrainian spelling agree across documents too
    assert _feed(cli, "uk", ["Мер Києва виступив.", "У Києві тихо.", "Київ чекає."], "--scope", "feed") == []
