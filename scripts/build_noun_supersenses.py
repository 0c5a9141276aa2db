#!/usr/bin/env python3
"""Build mtcheck's compact English noun-supersense table from WordNet 3.0.

What it reads (all from the WordNet 3.0 database directory, by default
``/usr/share/wordnet`` as installed by Debian's ``wordnet-base`` package):

* ``index.noun``  -- every noun lemma with its synset offsets in WordNet's
  sense order (most frequent sense first);
* ``data.noun``   -- every noun synset, giving its lexicographer file number
  (the supersense, e.g. 18 = ``noun.person``) and, for each word in the
  synset, its lex_id (needed to form the sense key);
* ``index.sense``  -- ``sense_key offset sense_number tag_cnt`` lines; tag_cnt
  is how often the sense was tagged in the semantic concordances.  Debian
  ships it in the separate ``wordnet-sense-index`` package
  (``apt-get install wordnet-sense-index``).  When it is missing the script
  falls back to ``cntlist.rev`` (``sense_key sense_number tag_cnt``, in
  ``wordnet-base``), matching its sense keys against keys rebuilt from
  data.noun.  cntlist.rev also carries a few hundred stale sense keys that
  name no WordNet 3.0 sense (e.g. ``air%1:07:01::``); they are ignored.  With
  Debian 1:3.0-37 both routes give byte-identical output.

The lexicographer file names (``lexnames``) are fixed by WordNet 3.0 and are
listed in this script; Debian does not ship the ``lexnames`` file.

What it writes: ``mtcheck/data/lexicons/en_noun_supersenses.tsv.gz`` (relative
to the repository root), a gzip file with

* one ``#`` comment header line naming the source and the columns;
* one row per noun lemma, sorted by lemma (code-point order)::

      lemma<TAB>supersense:count supersense:count ...

  where ``lemma`` is lower-case with spaces instead of underscores, the senses
  are in WordNet's sense order (most frequent first), ``supersense`` is the
  lexname without its ``noun.`` prefix (person, group, artifact, ...) and
  ``count`` is the semantic-concordance tag count of that sense (0 when
  untagged).  Only the first ``MAX_SENSES`` senses of a lemma are kept.
  Lemmas containing no letter at all (``0``, ``1000``, ``9/11``) are skipped.

The output is deterministic: sorted rows, gzip header with mtime 0 and no file
name, compression level 9.  Stdlib only.

How to run (from the repository root)::

    python scripts/build_noun_supersenses.py [--wordnet-dir /usr/share/wordnet]
                                             [--output PATH]
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import sys
from pathlib import Path

MAX_SENSES = 8

# WordNet 3.0 lexicographer files, by number (the ``lexnames`` file).
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
    "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
    "noun.communication", "noun.event", "noun.feeling", "noun.food",
    "noun.group", "noun.location", "noun.motive", "noun.object",
    "noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
    "noun.process", "noun.quantity", "noun.relation", "noun.shape",
    "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change",
    "verb.cognition", "verb.communication", "verb.competition",
    "verb.consumption", "verb.contact", "verb.creation", "verb.emotion",
    "verb.motion", "verb.perception", "verb.possession", "verb.social",
    "verb.stative", "verb.weather", "adj.ppl",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "mtcheck" / "data" / "lexicons" / "en_noun_supersenses.tsv.gz"


def _data_lines(path: Path):
    """Yield the non-licence lines of a WordNet database file."""
    with path.open(encoding="latin-1") as fh:  # WordNet files are ASCII
        for line in fh:
            if not line.startswith("  "):  # licence header lines start with 2 spaces
                yield line.rstrip("\n")


def read_data_noun(path: Path):
    """Return ({offset: lex_filenum}, {(lemma, offset): lex_id})."""
    lexfile: dict[str, int] = {}
    lexid: dict[tuple[str, str], int] = {}
    for line in _data_lines(path):
        fields = line.split(" ")
        offset, lex_filenum, _ss_type, w_cnt = fields[0], fields[1], fields[2], fields[3]
        lexfile[offset] = int(lex_filenum)
        n = int(w_cnt, 16)
        for i in range(n):
            word = fields[4 + 2 * i].lower()
            # A synset may list case variants ("Moon 1 moon 3"); the sense
            # key uses the first one's lex_id, as index.sense does.
            lexid.setdefault((word, offset), int(fields[5 + 2 * i], 16))
    return lexfile, lexid


def read_tag_counts(
    wn_dir: Path, lexfile: dict[str, int], lexid: dict[tuple[str, str], int]
) -> dict[tuple[str, str], int]:
    """Return {(lemma, offset): tag_cnt} for noun senses.

    From index.sense when present (it gives the synset offset directly);
    otherwise from cntlist.rev, whose sense keys are matched against keys
    rebuilt from data.noun (``lemma%1:lex_filenum:lex_id::``).
    """
    counts: dict[tuple[str, str], int] = {}
    index_sense = wn_dir / "index.sense"
    if index_sense.exists():
        for line in _data_lines(index_sense):
            key, offset, _sense_number, tag_cnt = line.split(" ")[:4]
            lemma, _, lex_sense = key.partition("%")
            if lex_sense.startswith("1:"):
                counts[(lemma, offset)] = int(tag_cnt)
        return counts
    cntlist = wn_dir / "cntlist.rev"
    if not cntlist.exists():
        raise SystemExit(f"neither index.sense nor cntlist.rev found in {wn_dir}")
    print(f"warning: {index_sense} missing, using {cntlist} "
          "(its stale sense keys are ignored)", file=sys.stderr)
    by_key: dict[str, int] = {}
    for line in _data_lines(cntlist):
        key, _sense_number, tag_cnt = line.split(" ")[:3]
        by_key[key] = int(tag_cnt)
    for (lemma, offset), lid in lexid.items():
        key = f"{lemma}%1:{lexfile[offset]:02d}:{lid:02d}::"
        if key in by_key:
            counts[(lemma, offset)] = by_key[key]
    return counts


def build_rows(wn_dir: Path) -> list[tuple[str, str]]:
    lexfile, lexid = read_data_noun(wn_dir / "data.noun")
    counts = read_tag_counts(wn_dir, lexfile, lexid)
    rows = []
    for line in _data_lines(wn_dir / "index.noun"):
        fields = line.split()
        lemma_raw = fields[0]
        synset_cnt = int(fields[2])
        p_cnt = int(fields[3])
        offsets = fields[6 + p_cnt:6 + p_cnt + synset_cnt]
        assert len(offsets) == synset_cnt, line
        lemma = lemma_raw.replace("_", " ")
        if not any(ch.isalpha() for ch in lemma):
            continue
        senses = []
        for offset in offsets[:MAX_SENSES]:
            supersense = LEXNAMES[lexfile[offset]].split(".", 1)[1]
            senses.append(f"{supersense}:{counts.get((lemma_raw, offset), 0)}")
        rows.append((lemma, " ".join(senses)))
    rows.sort()
    return rows


def debian_version() -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "wordnet-base"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        return out or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wordnet-dir", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)

    rows = build_rows(args.wordnet_dir)
    header = (
        "# English noun supersenses from WordNet 3.0 (Princeton University; "
        f"Debian package wordnet-base {debian_version()}; licence: WORDNET-LICENSE.txt). "
        "Columns: lemma<TAB>senses, senses = space-separated supersense:tag_count "
        f"in WordNet sense order (most frequent first), at most {MAX_SENSES} per lemma; "
        "supersense = noun lexicographer file without 'noun.'; tag_count = "
        "semantic-concordance tag count (0 = untagged)."
    )
    text = header + "\n" + "".join(f"{lemma}\t{senses}\n" for lemma, senses in rows)

    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(buf.getvalue())
    print(f"wrote {args.output}: {len(rows)} rows, {len(buf.getvalue())} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
