"""Language packs, `mtcheck languages`, target identification and the same-script
untranslated rules (untranslated.language, untranslated.fragment)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.api import Checker, document_from_record
from mtcheck.cli import app
from mtcheck.config import RunConfig, parse_config
from mtcheck.document import Document
from mtcheck.errors import ConfigError, PackError
from mtcheck.languages import load_pack, load_packs

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "languages"
SHIPPED = ("en", "fr", "de", "es", "it", "pt", "ru", "uk")
SAME_SCRIPT = ("untranslated.language", "untranslated.fragment")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("lang\t")]


def test_every_shipped_pack_loads_and_supports_everything():
    packs = load_packs()
    assert set(SHIPPED) <= set(packs)
    for code in SHIPPED:
        pack = packs[code]
        assert {"boilerplate", "numbers", "quotes", "language-id", "fragments"} <= set(pack.supports)
        assert pack.boilerplate["lines"] and pack.stopwords


def test_languages_command_lists_the_packs():
    result = CliRunner().invoke(app, ["languages", "--format", "json"])
    assert result.exit_code == 0, result.output
    codes = [row["language"] for row in json.loads(result.output)["packs"]]
    assert set(SHIPPED) <= set(codes)
    text = CliRunner().invoke(app, ["languages"])
    assert "French" in text.output and "boilerplate" in text.output


@pytest.mark.parametrize("lang, line", [
    ("fr", "Partager"), ("fr", "Articles liés"), ("fr", "Aucun commentaire"), ("de", "Teilen"),
    ("de", "Kommentare"), ("es", "Compartir"), ("es", "Noticias relacionadas"), ("ru", "Поделиться"),
    ("uk", "Поділитися"), ("it", "Condividi"), ("pt", "Leia também: o plano"),
])
def test_boilerplate_of_each_target(lang, line):
    checker = Checker(RunConfig(select=("boilerplate",)))
    findings = checker.check_text(f"Text.\n{line}\nMore text.", tgt_lang=lang)
    assert [f.text for f in findings] == [line]
    # ... and only for that target: an English article keeps the word
    if lang != "en":
        assert checker.check_text(f"Text.\n{line}\nMore text.", tgt_lang="en") == []


def test_a_user_pack_adds_a_language_without_code(tmp_path):
    pack = tmp_path / "packs" / "pl"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "language: pl\nname: Polish\nscripts: [Latin]\nsupports: [boilerplate]\n"
        "files:\n  boilerplate: boilerplate.yaml\n", encoding="utf-8")
    (pack / "boilerplate.yaml").write_text("lines: [Udostępnij, Komentarze]\nprefixes: []\n", encoding="utf-8")
    config = parse_config({"language-packs": ["packs"]}, "mtcheck.toml", base_dir=tmp_path)
    checker = Checker(config.merged(select=("boilerplate",)))
    assert [f.text for f in checker.check_text("Tekst.\nUdostępnij\n", tgt_lang="pl")] == ["Udostępnij"]


def test_a_broken_pack_names_its_file(tmp_path):
    pack = tmp_path / "xx"
    pack.mkdir()
    (pack / "pack.yaml").write_text("language: xx\nsupports: [boilerplate]\nfiles: {}\n", encoding="utf-8")
    with pytest.raises(PackError, match="supports boilerplate"):
        load_pack(pack)


def test_quote_space_is_configurable():
    assert parse_config({"quote-space": "nnbsp"}, "x").quote_space == "nnbsp"
    with pytest.raises(ConfigError):
        parse_config({"quote-space": "thin"}, "x")
    text = "Le ministre a parlé d'une «\u00a0provocation\u00a0» ce lundi."
    nbsp = Checker(RunConfig(select=("punctuation.quote-spacing",)))
    nnbsp = Checker(RunConfig(select=("punctuation.quote-spacing",), quote_space="nnbsp"))
    assert nbsp.check_text(text, tgt_lang="fr") == []
    assert [f.suggestion for f in nnbsp.check_text(text, tgt_lang="fr")] == ["«\u202f", "\u202f»"]
    assert nnbsp.check_text(text, tgt_lang="de") == []


def test_number_suggestions_use_the_target_pack():
    checker = Checker(RunConfig(select=("number",)))
    found = checker.check_text("Etwa 2.500 Menschen wurden evakuiert.", src="About 25,000 people left.",
                               src_lang="en", tgt_lang="de")
    assert [(f.text, f.suggestion) for f in found] == [("2.500", "25.000")]
    found = checker.check_text("Quarante drones ont été abattus.", src="30 drones were shot down.",
                               src_lang="en", tgt_lang="fr")
    assert [(f.text, f.suggestion) for f in found] == [("Quarante", "30")]


@pytest.mark.parametrize("lang, text", [(row[0], row[1]) for row in _rows("short_segments.tsv")])
def test_target_identification_never_picks_a_wrong_pack(lang, text):
    """Short segments may stay at the default (en), but never become another language."""
    found = Document(text).target_language
    assert found in (lang, "en")


def test_target_identification_of_documents_and_the_override():
    fr = "Les négociations ont repris lundi. Le ministre a dit que les écoles resteront fermées cette semaine."
    assert Document(fr).target_language == "fr"
    assert Document(fr, tgt_lang="en").target_language == "en"       # --tgt-lang wins
    assert Document(fr, src_lang="fr").target_language == "en"       # its own source: untranslated
    de = "Die Gespräche wurden am Montag fortgesetzt, sagte der Minister, und die Schulen bleiben geschlossen."
    assert Document(de).target_language == "de"
    assert Document("Troops advanced on Monday and the ministry said that it was ready.").target_language == "en"


def test_short_segments_names_numbers_and_urls_never_trigger():
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    for lang, text in _rows("short_segments.tsv"):
        if lang in ("ru", "uk"):
            continue  # another script: untranslated.script
        found = checker.check_text(text, tgt_lang="en")
        # English segments, and two-word segments of any language (a caption, a name)
        if lang == "en" or len(text.split()) < 3:
            assert found == [], (text, found)


@pytest.mark.parametrize("expected, sentence", _rows("fragments.tsv"))
def test_planted_fragments(expected, sentence):
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    found = [f.text for f in checker.check_text(sentence, tgt_lang="en")]
    assert found == ([] if expected == "-" else [expected])


def test_sentence_in_another_language_of_a_cyrillic_target():
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    text = ("Переговоры возобновились в понедельник.\n"
            "The talks resumed on Monday after a long break and the ministers said that they were ready.")
    found = checker.check_text(text, tgt_lang="ru", src_lang="en")
    assert [(f.rule, f.message.split(":")[0]) for f in found] == [
        ("untranslated.language", "This segment is in English, expected Russian")]


@pytest.mark.parametrize("tgt, sentence, expected", [
    # "the" is frequent in French and German text (Zipf 5.4 to 5.6) but far more so in English
    ("fr", "Les concerts se sont bien passés malgré la pluie, the mayor added.", "the mayor added"),
    # "team" is German too: neutral, it does not break the English run
    ("de", "Der Torwart bleibt bis 2030 beim Verein, the team said.", "the team said"),
    # "said" and "council" have Zipf 3.6 in Italian, two points under English
    ("it", "Il ponte resterà chiuso per tre mesi, the council said.", "the council said"),
    # "la" is English rare: the French words around it are read
    ("en", "The bridge will stay closed until spring, précise la mairie.", "précise la mairie"),
])
def test_fragments_of_other_languages_in_each_target(tgt, sentence, expected):
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    assert [f.text for f in checker.check_text(sentence, tgt_lang=tgt)] == [expected]


@pytest.mark.parametrize("tgt, sentence", [
    # a name kept in English ("Friends of the ..." goes on into the name)
    ("de", "Friends of the Harbour Bridge und der Stadtrat haben das Jubiläum gefeiert."),
    # text decoded in the wrong code page: its words are of no language
    ("ru", "Вот текст: â äîâîëüíî áîëüøîì ÷åðíîì ïëàòüå, è äàæå êàæåòñÿ, ÷òî ýòî ïëàòüå, à."),
    # words as frequent in the target as in English are the target's
    ("de", "Das Team will das Museum am Montag für die Fans öffnen."),
])
def test_names_and_broken_text_are_no_fragments(tgt, sentence):
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    assert checker.check_text(sentence, tgt_lang=tgt) == []


def test_a_whole_sentence_in_english_in_a_portuguese_target():
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    text = ("O museu reabre na segunda-feira depois de dois anos de obras.\n"
            "The gallery will be open every day except Sunday, and entry will be free for students.")
    found = checker.check_text(text, tgt_lang="pt")
    assert [(f.rule, f.text) for f in found] == [("untranslated.language", text.split("\n")[1])]


def test_a_headline_of_the_source_language_is_a_fragment():
    checker = Checker(RunConfig(select=SAME_SCRIPT))
    found = checker.check_text("Ex-Dortmunder Müller mit Dreierpack für Hertha Berlin", tgt_lang="en")
    assert [f.text for f in found] == ["Ex-Dortmunder Müller mit Dreierpack für"]


@pytest.mark.parametrize("lang", ["it", "ru", "uk"])
def test_a_translation_quoting_english_is_identified_as_its_language(lang):
    # the planted documents hold English fragments and sentences: the stop-words are
    # split, the identifier decides
    path = CORPUS / lang / "planted.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = {k: v for k, v in json.loads(line).items() if k != "tgt_lang"}
        assert document_from_record(record).target_language == lang, record["id"]
