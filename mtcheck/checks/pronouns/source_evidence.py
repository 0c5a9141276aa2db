"""What the source says about an English gendered pronoun (Ukrainian and Russian).

A literal "she" for an army comes from a feminine source word: the pronoun вона/она
(or її/её ...) whose antecedent is the feminine noun армія. In these languages a
third-person pronoun agrees in gender with its antecedent, so the antecedent is found
by walking back from the source pronoun to the nearest noun of that gender (in its
segment, then the two before), and pymorphy3 says whether that noun is animate. An
inanimate antecedent behind "she" is strong evidence of a literal gender; an animate
one (a person's name, a role noun) is strong evidence that "she" is right.

Where the source has no third-person pronoun of the pronoun's gender, the English
pronoun was supplied by the translation: a past-tense verb of that gender with no
subject ("Сама бачила", "I saw it myself") beside first-person words says a dropped
"I" was read as "she".

A segment with no form of the English pronoun's gender at all, whose past verb has the
other gender ("не написала мені" behind "he does not write to me"), shows the English
gender is wrong (``OTHER_GENDER``: the rule ``pronoun.source-gender``).

Pronoun forms are data (``data/pronouns/source/<lang>.yaml``); pymorphy3 and its
dictionaries are dependencies. Without a source, or for other source languages, there
is no evidence (None).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mtcheck.datafiles import data_path, load_yaml_file
from mtcheck.document import Document
from mtcheck.morphology import morph_analyzer

LANGS = ("ru", "uk")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_WANT = {"male": ("masc", "neut"), "female": ("femn",)}
_GENDER_WORD = {"masc": "masculine", "femn": "feminine", "neut": "neuter"}
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_LOOKBACK_SEGMENTS = 2
_NEAREST = 3  # agreeing nouns weighed, nearest first

# Evidence kinds, strongest first; the combination (pronouns.confidence) weighs them.
INANIMATE = "inanimate-antecedent"
ANIMATE = "animate-antecedent"
MIXED = "mixed-antecedents"
NO_NOUN = "no-agreeing-noun"
CHAIN = "pronoun-chain"
DROPPED_I = "dropped-first-person"
NO_PRONOUN = "no-source-pronoun"
SUBJECTLESS = "subjectless-verb"
IDIOM = "idiom"
OTHER_GENDER = "other-gender-verb"


@dataclass(frozen=True)
class SourceEvidence:
    kind: str
    antecedent: str | None  # the source noun's dictionary form
    gender: str | None  # its grammatical gender (masc/femn/neut)
    note: str  # one clause for the finding's message
    name: bool = False  # the antecedent is a personal name (not an animal or a role)

    @property
    def supports_literal_gender(self) -> bool:
        return self.kind in (INANIMATE, DROPPED_I, IDIOM)


@dataclass(frozen=True)
class _Forms:
    pronouns: dict[str, tuple[str, ...]]
    reflexive: dict[str, tuple[str, ...]]
    subject_bound: frozenset[str]
    first_person: frozenset[str]
    nominative: frozenset[str]
    second_person: frozenset[str]
    idioms: tuple[tuple[str, ...], ...] = ()
    speaker_words: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    first_person_subject: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _forms(lang: str) -> _Forms | None:
    path = data_path(f"pronouns/source/{lang}.yaml")
    if not path.is_file():
        return None
    raw = load_yaml_file(path)
    return _Forms({k: tuple(v) for k, v in raw["pronouns"].items()},
                  {k: tuple(v) for k, v in raw.get("reflexive", {}).items()},
                  frozenset(raw.get("subject_bound", ())),
                  frozenset(raw.get("first_person", ())),
                  frozenset(raw.get("nominative", ())),
                  frozenset(raw.get("second_person", ())),
                  tuple(tuple(words) for words in raw.get("idioms", ())),
                  frozenset(raw.get("speaker_words", ())),
                  frozenset(raw.get("clause_words", ())),
                  frozenset(raw.get("first_person_subject", ())))


_CYRILLIC_OR_LATIN = re.compile(r"^[A-Za-z\u0400-\u04FF'’ʼ-]+$")


@lru_cache(maxsize=65536)
def _parse(lang: str, word: str) -> list[Any]:
    """pymorphy3's readings of a word; none for words outside the Cyrillic and Latin
    alphabets (its shape tests fail on characters without a Unicode name)."""
    if not _CYRILLIC_OR_LATIN.match(word):
        return []
    try:
        return list(morph_analyzer(lang).parse(word))
    except (KeyError, ValueError):
        return []


@dataclass(frozen=True)
class _Noun:
    lemma: str
    gender: str
    animate: bool
    name: bool


_PLACE_OR_BODY = frozenset({"Geox", "Orgn"})
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "INTJ", "PRED"})


@lru_cache(maxsize=65536)
def _noun(lang: str, word: str, capitalised: bool, want: tuple[str, ...] = ()) -> _Noun | None:
    """The noun reading of a source word, if its likely readings include one. ``want``
    picks, among a name's readings, one of the anaphor's gender (a hyphenated surname
    reads as masculine genitive first, feminine nominative third)."""
    readings = _parse(lang, word)
    parses = readings[:3]
    if not parses or any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO", "VERB", "INFN", "GRND", "ADVB")
                         for p in parses[:2]):
        return None  # a noun reading beside a verb's is a substantivised form: прибула, not прибулий
    indeclinable = "Fixd" in parses[0].tag  # lists all its cases before any other reading
    if any(p.tag.POS in _FUNCTION_POS for p in readings[: None if indeclinable else 6]) and not (
            capitalised and parses[0].tag.grammemes & _NAME_TAGS and not indeclinable):
        # The uk dictionary files до (the note), далі (Dalí) and добре (the good) as
        # nouns first; as antecedents they are the preposition and adverbs they read as.
        return None
    names = [p for p in parses if p.tag.POS == "NOUN" and p.tag.grammemes & _NAME_TAGS]
    if capitalised and names and not parses[0].tag.grammemes & _PLACE_OR_BODY:
        p = next((p for p in names if p.tag.gender in want), names[0])
        return _Noun(p.normal_form, p.tag.gender or "masc", True, True)
    top = parses[0]
    if top.tag.POS != "NOUN" or top.tag.number == "plur" or top.tag.gender is None:
        return None
    if not morph_analyzer(lang).word_is_known(word.lower()):
        # A guessed reading says nothing reliable about animacy: a misspelt common noun
        # (самозоляции) or a foreign surname (Кастекс) both come out inanimate.
        return None
    if any(p.tag.POS in ("ADJF", "PRTF") and p.normal_form == top.normal_form for p in readings[:4]):
        return None  # a substantivised adjective or participle (прибула = arrived, not 'the arrived one')
    grams = top.tag.grammemes
    # The dictionaries tag one form both ways (сестра: inan nomn first, anim second):
    # any animate reading of the same noun makes it animate; a place or organisation
    # reading first (Израиль) is not outweighed by a rare first name of the same spelling.
    animate = not grams & _PLACE_OR_BODY and any(
        p.tag.POS == "NOUN" and p.normal_form == top.normal_form and "anim" in p.tag
        and not (p.tag.grammemes & _NAME_TAGS and not grams & _NAME_TAGS) for p in parses)
    return _Noun(top.normal_form, top.tag.gender, animate, bool(grams & _NAME_TAGS))


@lru_cache(maxsize=16384)
def _past_gender(lang: str, word: str) -> str | None:
    parses = _parse(lang, word)
    if not parses:
        return None
    top = parses[0]
    if top.tag.POS == "VERB" and top.tag.tense == "past" and top.tag.number != "plur":
        return top.tag.gender
    return None


@lru_cache(maxsize=16384)
def _speaker_verb(lang: str, word: str) -> bool:
    """A verb in the first person singular (вважаю, думаю) or an imperative (вибачте):
    the speaker is 'I' or talks to 'you', whose pronouns are usually dropped."""
    parses = _parse(lang, word)
    if not parses or parses[0].tag.POS != "VERB":
        return False
    tag = parses[0].tag
    return (tag.person == "1per" and tag.number == "sing") or tag.mood == "impr"


def aligned_source(doc: Document, offset: int) -> tuple[list[str], int] | None:
    """(source segments up to and including the pronoun's, index of its segment) when the
    source has the translation's line structure; the whole source as one segment when
    it is one short text."""
    if not doc.src:
        return None
    # Split once per document (a document's pronouns all ask): per pronoun it was
    # quadratic in the document's length.
    src_lines = doc.__dict__.get("_src_lines")
    if src_lines is None:
        src_lines = doc.__dict__["_src_lines"] = doc.src.split("\n")
    if len(src_lines) == len(doc.line_starts):
        line = bisect.bisect_right(doc.line_starts, offset) - 1
        first = max(0, line - _LOOKBACK_SEGMENTS)
        return src_lines[first:line + 1], line - first
    if len(doc.src) <= 2000:
        return [doc.src], 0
    return None


def source_evidence(doc: Document, start: int, pronoun: str, gender: str) -> SourceEvidence | None:
    """Evidence for the pronoun at ``start`` (``gender``: "male" or "female")."""
    lang = doc.src_lang
    if lang not in LANGS:
        return None
    forms = _forms(lang)
    if forms is None or morph_analyzer(lang) is None:
        return None
    window = aligned_source(doc, start)
    if window is None:
        return None
    segments, current = window
    words, clauses = _words(forms, segments)
    want = _WANT[gender]
    here = [i for i, (seg, _) in enumerate(words) if seg == current]
    if not here:
        return None
    rel = _relative_place(doc, start)
    first, span = here[0], max(1, len(here))

    def nearest(indices: list[int]) -> int:
        return min(indices, key=lambda i: abs((i - first) / span - rel))

    wanted = set(want)
    pronouns = [i for i in here if wanted.intersection(forms.pronouns.get(words[i][1].lower(), ()))]
    # An English subject renders a nominative source pronoun, his/him/her an oblique
    # one; where both kinds are in the segment, the matching kind is the counterpart.
    subject = pronoun.lower() in ("he", "she")
    matching = [i for i in pronouns if (words[i][1].lower() in forms.nominative) == subject]
    if forms.nominative and (matching or not subject):
        # his/him/her never render a nominative він/вона: "for his experience, even
        # if he (він = досвід) is painful" has no counterpart of "his" in the source.
        pronouns = matching
    if pronouns:
        anaphor = nearest(pronouns)
        idiom = _idiom_at(forms, words, anaphor)
        if idiom is not None:
            return SourceEvidence(IDIOM, None, None,
                                  f"source '{idiom}' is a fixed phrase: its pronoun refers to nothing")
        speech = _speaker_word(forms, words, anaphor)
        if speech is not None:
            return SourceEvidence(ANIMATE, None, None,
                                  f"source '{words[anaphor][1]}' is the speaker of '{speech}'")
        return _antecedent(lang, forms, words, clauses, anaphor, want, pronoun)
    if not _GENDER_PAIR.search(doc.text, max(0, start - 12), start + len(pronoun) + 12):
        by_place = sorted(here, key=lambda i: abs((i - first) / span - rel))
        other = _other_gender_subject(lang, forms, words, by_place, want, pronoun, subject)
        if other is not None:
            return other
    bound = [i for i in here if words[i][1].lower() in forms.subject_bound
             or set(forms.reflexive.get(words[i][1].lower(), ())) & set(want)]
    # A verb's gender ending stands for its subject: the counterpart of he/she, never
    # of his/him/her (a possessive with no source pronoun comes from свій/себе, above).
    verbs = [i for i in here if _past_gender(lang, words[i][1].lower()) in want] if subject else []
    if bound or verbs:
        anchor = nearest(bound + verbs)
        return _subject(lang, forms, words, anchor, want, pronoun, anchor in verbs,
                        _speaker_gender(lang, forms, segments))
    return SourceEvidence(NO_PRONOUN, None, None,
                          f"the source has no {_GENDER_WORD[want[0]]} pronoun here")


_OTHER = {"male": "femn", "female": "masc"}
# "he or she", "his/her": a pronoun of either gender on purpose, whatever the source has.
_GENDER_PAIR = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\s*(?:or|/|and)\s*"
                          r"(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)


def _other_gender_subject(lang: str, forms: _Forms, words: list[tuple[int, str]], here: list[int],
                          want: tuple[str, ...], pronoun: str, subject: bool) -> SourceEvidence | None:
    """A segment with no word of the pronoun's gender whose past verb (``here``: nearest
    the pronoun's place first) shows the other one, with no thing as its subject: the
    verb's ending is its subject's gender, so "he does not write to me" for "не написала
    мені" has the wrong gender. Only where the English pronoun stands for that subject:
    he/she, or a possessive or reflexive the source has as свій/себе (bound to the
    subject). A first-person subject in the segment leaves it open (я ... написала: the
    speaker, who may be someone else)."""
    low = [words[i][1].lower() for i in here]
    if any(w in forms.first_person_subject for w in low):
        return None
    if any(_past_gender(lang, w) in want or set(want) & set(forms.reflexive.get(w, ())) for w in low):
        return None
    if not subject and not any(w in forms.subject_bound for w in low):
        return None
    gender = _OTHER["male" if "masc" in want else "female"]
    for i in here:
        if _past_gender(lang, words[i][1].lower()) != gender:
            continue
        found = _subject(lang, forms, words, i, (gender,), pronoun, True, None)
        if found.kind == DROPPED_I and _object_is_me(forms, words, i):
            found = SourceEvidence(SUBJECTLESS, None, None, "")  # не написала мені: not I
        if found.kind in (SUBJECTLESS, ANIMATE, CHAIN):  # not a thing, not a dropped 'I'
            who = f"{found.antecedent} ({_GENDER_WORD[gender]})" if found.antecedent else \
                f"a {_GENDER_WORD[gender]} subject"
            return SourceEvidence(OTHER_GENDER, found.antecedent, gender,
                                  f"source verb '{words[i][1]}' has {who}", found.name)
    return None


def _object_is_me(forms: _Forms, words: list[tuple[int, str]], verb: int) -> bool:
    """A first-person object right beside the verb (написала мені, бачила мене): its
    subject is not the speaker, who would be себе/собі there."""
    seg = words[verb][0]
    near = [words[k][1].lower() for k in range(max(0, verb - 2), min(len(words), verb + 3))
            if k != verb and words[k][0] == seg]
    return any(w in forms.first_person and w not in forms.first_person_subject for w in near)


_BOUNDARY = re.compile(r"[,;:()\u2014\u2013\u00ab\u00bb\"\u201e\u201c\u201d!?.\u2026]|\s-\s")


def _words(forms: _Forms, segments: list[str]) -> tuple[list[tuple[int, str]], list[int]]:
    """The words of the source window as (segment, word), and each word's clause: a
    number that changes at punctuation and at a clause-opening word (що, который, і)."""
    words: list[tuple[int, str]] = []
    clauses: list[int] = []
    clause = 0
    for s, seg in enumerate(segments):
        clause += 1
        end = 0
        for m in _WORD_RE.finditer(seg):
            if _BOUNDARY.search(seg, end, m.start()) or m.group().lower() in forms.clause_words:
                clause += 1
            words.append((s, m.group()))
            clauses.append(clause)
            end = m.end()
    return words, clauses


def _attributive(lang: str, words: list[tuple[int, str]], i: int) -> bool:
    """A word that also reads as an adjective, right before a noun of its segment: an
    attribute (щирі відчуття), not a rare noun (щир) that the dictionary ranks first."""
    if words[i][1][:1].isupper():
        return False  # Петрова reads as a possessive adjective too
    readings = _parse(lang, words[i][1].lower())
    if not any(p.tag.POS in ("ADJF", "PRTF") for p in readings[:4]):
        return False
    if i + 1 >= len(words) or words[i + 1][0] != words[i][0]:
        return False
    after = _parse(lang, words[i + 1][1].lower())
    return bool(after) and after[0].tag.POS == "NOUN"


def _idiom_at(forms: _Forms, words: list[tuple[int, str]], anaphor: int) -> str | None:
    """The fixed phrase (``idioms:``) the source pronoun at ``anaphor`` stands in."""
    seg, word = words[anaphor]
    low = word.lower()
    for idiom in forms.idioms:
        for j, part in enumerate(idiom):
            if part != low or anaphor - j < 0:
                continue
            span = words[anaphor - j: anaphor - j + len(idiom)]
            if len(span) == len(idiom) and all(s == seg and w.lower() == p for (s, w), p in zip(span, idiom)):
                return " ".join(w for _, w in span)
    return None


def _unknown_name(lang: str, words: list[tuple[int, str]], i: int) -> bool:
    """A capitalised word inside its segment that the dictionary does not know: most
    often a foreign name (Ейслін), which the guesser would type as a thing."""
    seg, word = words[i]
    if not word[:1].isupper() or i == 0 or words[i - 1][0] != seg or len(word) < 3:
        return False
    return bool(_parse(lang, word)) and not morph_analyzer(lang).word_is_known(word.lower())


_GOVERNORS = frozenset({"VERB", "INFN", "PRTF", "GRND", "PREP"})


def _governed(lang: str, words: list[tuple[int, str]], i: int, animate: bool) -> bool:
    """A noun right after a preposition, or an inanimate one (its nominative and
    accusative look alike) right after a verb or participle, determiners and adjectives
    between: an object, not the subject."""
    seg = words[i][0]
    for k in range(i - 1, max(-1, i - 4), -1):
        if words[k][0] != seg:
            return False
        found = _parse(lang, words[k][1].lower())
        if not found:
            return False
        pos = found[0].tag.POS
        if pos == "PREP" or (pos in _GOVERNORS and not animate):
            return True
        if pos not in ("ADJF", "NPRO", "NUMR") or "Anum" in found[0].tag.grammemes:
            return False
    return False


def _speaker_word(forms: _Forms, words: list[tuple[int, str]], anaphor: int) -> str | None:
    seg = words[anaphor][0]
    for k in (anaphor - 1, anaphor + 1):
        if 0 <= k < len(words) and words[k][0] == seg and words[k][1].lower() in forms.speaker_words:
            return words[k][1]
    return None


_SPEAKER_REACH = 4  # words from я to its verb
_PARENTHESIS = re.compile(r"\([^()]*\)")


def _speaker_gender(lang: str, forms: _Forms, segments: list[str]) -> str | None:
    """The gender the speaker's own past verbs show (я ... купила: femn), when they
    agree; a verb of the other gender with no subject is then not a dropped 'I'. An
    aside in parentheses has its own subject (я з собакою (помер давно) говорила)."""
    found = set()
    for seg in segments:
        words = [m.group().lower() for m in _WORD_RE.finditer(_PARENTHESIS.sub(" ", seg))]
        for i, word in enumerate(words):
            if word not in forms.first_person_subject:
                continue
            for later in words[i + 1:i + 1 + _SPEAKER_REACH]:
                gender = _past_gender(lang, later)
                if gender in ("masc", "femn"):  # я было подумала: было is a particle here
                    found.add(gender)
                    break
    return found.pop() if len(found) == 1 else None


def _relative_place(doc: Document, start: int) -> float:
    starts = doc.line_starts
    index = bisect.bisect_right(starts, start) - 1
    line_start = starts[index]
    line_end = starts[index + 1] - 1 if index + 1 < len(starts) else len(doc.text)
    return (start - line_start) / max(1, line_end - line_start)


def _subject(lang: str, forms: _Forms, words: list[tuple[int, str]], anchor: int,
             want: tuple[str, ...], pronoun: str, is_verb: bool, speaker: str | None) -> SourceEvidence:
    """A reflexive (свій, себе) or a subjectless past verb stands for its clause's
    subject: the nearest nominative before it in its segment, else a dropped one."""
    seg, word = words[anchor]
    for i in range(anchor - 1, -1, -1):
        if words[i][0] != seg:
            break
        low = words[i][1].lower()
        if low in forms.first_person:
            if speaker not in (None, *want):
                break  # the speaker is a woman (я ... купила): умер is someone else's
            return SourceEvidence(DROPPED_I, None, None,
                                  f"source '{word}' belongs to 'I' ('{words[i][1]}'): "
                                  f"'{pronoun.lower()}' should be first person")
        found = _parse(lang, low)
        if not found:
            continue
        parse = found[0]
        if parse.tag.case != "nomn" or parse.tag.POS not in ("NOUN", "NPRO"):
            continue
        if parse.tag.POS == "NPRO":
            if set(forms.pronouns.get(low, ())) & set(want):
                return SourceEvidence(CHAIN, None, None, f"source '{word}' continues a pronoun")
            continue
        if _unknown_name(lang, words, i):
            return SourceEvidence(MIXED, None, None, f"source '{word}' may have the subject "
                                  f"{words[i][1]}, a name the dictionary does not know")
        noun = _noun(lang, words[i][1], words[i][1][:1].isupper(), want)
        if noun is None or noun.gender not in want:
            continue  # a verb agrees with its subject; a his from свій has a masculine one
        if _governed(lang, words, i, noun.animate):
            continue  # "в Ватикан", "устроил скандал", "одобрив цей будинок": not a subject
        animacy = "animate" if noun.animate else "inanimate"
        label = f"{noun.lemma} ({_GENDER_WORD.get(noun.gender, noun.gender)}, {animacy})"
        kind = ANIMATE if noun.animate else INANIMATE
        return SourceEvidence(kind, noun.lemma, noun.gender, f"source '{word}' has the subject {label}",
                              noun.name)
    # A speaker who says "I" or addresses "you" (вибачте, вас) drops the "I" of a past
    # verb far more often than a third person's subject.
    near_first = any(w.lower() in forms.first_person for _, w in words) or any(
        w.lower() in forms.second_person or _speaker_verb(lang, w.lower()) for s, w in words if s == seg)
    has_verb = is_verb or any(_past_gender(lang, w.lower()) in want for s, w in words if s == seg)
    if has_verb and near_first and speaker in (None, *want):
        return SourceEvidence(DROPPED_I, None, None,
                              f"source verb '{word}' has no subject and the speaker is 'I': "
                              f"a dropped 'I' read as '{pronoun.lower()}'")
    # свій/себе beside a gendered past verb belong to that verb's missing subject.
    return SourceEvidence(SUBJECTLESS if has_verb else NO_NOUN, None, None,
                          f"source '{word}' has no subject of its own")


@dataclass(frozen=True)
class Salience:
    """How a source noun's place and form make it the pronoun's antecedent: the scores
    of :func:`_candidates`, hand-set on the dev split's lines."""

    segment: float = 0.35  # lost per segment back
    word_decay: float = 0.08  # lost per word back within the pronoun's segment ...
    decay_span: int = 12  # ... up to this many words
    nominative: float = 1.0
    accusative_genitive: float = 0.2
    after_preposition: float = -0.8
    genitive_attribute: float = -0.5
    animate: float = 0.6


SALIENCE = Salience()


@dataclass(frozen=True)
class _Candidate:
    noun: _Noun
    score: float


def _candidates(lang: str, forms: _Forms, words: list[tuple[int, str]], clauses: list[int],
                anaphor: int, want: tuple[str, ...]) -> tuple[list[_Candidate], bool]:
    """Agreeing nouns before the anaphor with a salience score, and whether a pronoun of
    the same gender comes between (a chain: the entity was already a pronoun)."""
    here = words[anaphor][0]
    wanted = set(want)
    # його/её/им never take the subject of their own clause: that is what свій/себе
    # are for ("листок падає з його відома": його is not the leaf).
    oblique = words[anaphor][1].lower() not in forms.nominative
    out: list[_Candidate] = []
    chain = False
    for i in range(anaphor - 1, -1, -1):
        seg, word = words[i]
        low = word.lower()
        if wanted.intersection(forms.pronouns.get(low, ())):
            chain = True
            continue
        if _attributive(lang, words, i):
            continue
        noun = _noun(lang, word, word[:1].isupper(), want)
        if noun is None and _unknown_name(lang, words, i):
            noun = _Noun(low, want[0], True, True)  # a foreign name: a person as likely as not
        if noun is None or noun.gender not in want:
            continue
        found = _parse(lang, word)
        if not found:
            continue
        parse = found[0]
        if oblique and forms.nominative and clauses[i] == clauses[anaphor] and parse.tag.case == "nomn" \
                and not _governed(lang, words, i, noun.animate):
            continue
        w = SALIENCE
        score = 1.0 - w.segment * (here - seg)
        if seg == here:
            # Within a segment the nearer noun is likelier too: "if Mrs K. is late, she
            # said, she has a meeting (нарада), so it (вона) may drag on".
            score -= w.word_decay * min(anaphor - i, w.decay_span)
        case = parse.tag.case
        if case == "nomn":
            score += w.nominative
        elif case in ("accs", "gent"):
            score += w.accusative_genitive
        before = _parse(lang, words[i - 1][1].lower()) if i > 0 and words[i - 1][0] == seg else []
        if before and before[0].tag.POS == "PREP":
            score += w.after_preposition
        elif case == "gent" and before and before[0].tag.POS == "NOUN" and before[0].tag.case == "nomn":
            score += w.genitive_attribute  # a genitive attribute (доктор медицины) is rarely what a pronoun resumes
        if noun.animate:
            score += w.animate
        out.append(_Candidate(noun, score))
    return out, chain


def _antecedent(lang: str, forms: _Forms, words: list[tuple[int, str]], clauses: list[int],
                anaphor: int, want: tuple[str, ...], pronoun: str) -> SourceEvidence:
    src_word = words[anaphor][1]
    # The source pronoun's own gender narrows the English one: він is masculine only,
    # його masculine or neuter.
    own = tuple(g for g in want if g in forms.pronouns.get(src_word.lower(), ())) or want
    cands, chain = _candidates(lang, forms, words, clauses, anaphor, own)
    if not cands:
        return SourceEvidence(NO_NOUN if not chain else CHAIN, None, None,
                              f"source '{src_word}' has no {_GENDER_WORD[want[0]]} noun before it")
    best = max(cands, key=lambda c: c.score)
    nearest = best.noun
    label = f"{nearest.lemma} ({_GENDER_WORD.get(nearest.gender, nearest.gender)}, " \
            f"{'animate' if nearest.animate else 'inanimate'})"
    if nearest.animate:
        return SourceEvidence(ANIMATE, nearest.lemma, nearest.gender,
                              f"source '{src_word}' refers to {label}", nearest.name)
    rival = next((c for c in cands if c.noun.animate), None)
    if rival is not None or chain:
        other = f"{rival.noun.lemma} (animate)" if rival else "an earlier pronoun"
        return SourceEvidence(MIXED, nearest.lemma, nearest.gender,
                              f"source '{src_word}' may refer to {label} or to {other}")
    return SourceEvidence(INANIMATE, nearest.lemma, nearest.gender,
                          f"source '{src_word}' refers to {label}: a literal '{pronoun.lower()}'")
