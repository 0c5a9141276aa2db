#!/usr/bin/env python3
"""Validate the default style pack and the first-name lexicon (stdlib + PyYAML only).

    python scripts/validate_style_data.py [--pack DIR] [--lexicon FILE] [--no-loader]

Checks every entity file of the pack (every *.yaml next to pack.yaml):
  * top level is a mapping with an ``entries`` list (what mtcheck/style_guides_schema.py reads);
  * entry keys: only the known ones; id/type/canonical(en)/source required, gender for
    persons (and only for persons);
  * ids unique across the pack and matching [a-z0-9_-]+;
  * list fields are lists of non-empty, trimmed strings without possessive "'s";
  * every surface form (canonical of any language, aliases, allowed, variants) belongs to
    exactly one entry and appears once in it;
  * source keys are declared in pack.yaml ``sources`` ("key: description" strings);
  * an entry with variants has at least one spec; every spec's ``from`` contains a form
    of its entry on word boundaries; a spec whose ``from`` contains a variant outside the
    entry's exception phrases must change the text, and vice versa;
  * every exception phrase contains one of the entry's forms (case-insensitively).
and the lexicon: ``male``/``female`` lists of unique names, no name on both lists, at
least 400 each. Prints counts per file and per type; exits 1 on any error.

When the mtcheck package (and its dependency pyahocorasick) can be imported, the pack is
also compiled with the real loader, which runs every spec (use --no-loader to skip).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PACK = ROOT / "mtcheck" / "data" / "styles" / "default"
DEFAULT_LEXICON = ROOT / "mtcheck" / "data" / "lexicons" / "first_names.yaml"

ENTRY_KEYS = {"id", "type", "canonical", "aliases", "allowed", "variants", "exceptions",
              "gender", "source", "specs", "note", "notes"}
REQUIRED = ("id", "type", "canonical", "source")
LISTS = ("aliases", "allowed", "variants", "exceptions")
TYPES = ("place", "person", "organisation")
GENDERS = ("male", "female")
PACK_REQUIRED = ("name", "version", "license", "description", "sources")
PACK_KEYS = {"name", "version", "description", "license", "licence", "source", "sources",
             "schema", "$schema", "language"}
ID_RE = re.compile(r"^[a-z0-9_-]+$")
MIN_NAMES = 400


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def occurs(form: str, text: str) -> list[int]:
    """Start offsets of ``form`` in ``text`` on word boundaries (case-sensitive)."""
    hits, at = [], text.find(form)
    while at != -1:
        end = at + len(form)
        if (at == 0 or not is_word(text[at - 1])) and (end >= len(text) or not is_word(text[end])):
            hits.append(at)
        at = text.find(form, at + 1)
    return hits


def in_exception(text: str, start: int, end: int, exceptions: list[str]) -> bool:
    surface = text[start:end].lower()
    low_text = text.lower()
    for phrase in exceptions:
        low = phrase.lower()
        at = low.find(surface)
        while at != -1:
            lo, hi = start - at, start - at + len(low)
            if lo >= 0 and low_text[lo:hi] == low:
                return True
            at = low.find(surface, at + 1)
    return False


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")


def load(path: Path, rep: Report):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        rep.error(str(path), f"cannot read YAML: {exc}")
        return None


def check_pack_meta(pack_dir: Path, rep: Report) -> set[str]:
    path = pack_dir / "pack.yaml"
    meta = load(path, rep)
    if not isinstance(meta, dict):
        rep.error(str(path), "pack.yaml must be a mapping")
        return set()
    for key in PACK_REQUIRED:
        if key not in meta:
            rep.error(str(path), f"missing key {key!r}")
    for key in set(map(str, meta)) - PACK_KEYS:
        rep.error(str(path), f"unknown key {key!r}")
    if "language" in meta:
        rep.warn(str(path), "'language' is not accepted by mtcheck/style_guides_schema.py FILE_KEYS")
    if "entries" in meta:
        rep.warn(str(path), "pack.yaml carries entries; keep entries in the entity files")
    keys: set[str] = set()
    sources = meta.get("sources") or []
    if not isinstance(sources, list):
        rep.error(str(path), "'sources' must be a list of 'key: description' strings")
        return keys
    for item in sources:
        if not isinstance(item, str) or ":" not in item:
            rep.error(str(path), f"source {item!r} is not a 'key: description' string")
            continue
        key = item.split(":", 1)[0].strip()
        if not ID_RE.match(key):
            rep.error(str(path), f"source key {key!r} must match [a-z0-9_-]+")
        if key in keys:
            rep.error(str(path), f"source key {key!r} declared twice")
        keys.add(key)
    return keys


def forms_of(entry: dict) -> list[str]:
    canonical = entry.get("canonical")
    # one canonical form may serve several languages (fr/es "OTAN")
    out = list(dict.fromkeys(canonical.values())) if isinstance(canonical, dict) else [canonical] if isinstance(canonical, str) else []
    for name in ("aliases", "allowed", "variants"):
        value = entry.get(name) or []
        if isinstance(value, list):
            out.extend(v for v in value if isinstance(v, str))
    return out


def check_entry(entry, where: str, sources: set[str], rep: Report) -> bool:
    if not isinstance(entry, dict):
        rep.error(where, "entry is not a mapping")
        return False
    eid = entry.get("id")
    where = f"{where} [{eid}]"
    ok = True
    for key in REQUIRED:
        if key not in entry:
            rep.error(where, f"missing required key {key!r}")
            ok = False
    for key in set(map(str, entry)) - ENTRY_KEYS:
        rep.error(where, f"unknown key {key!r}")
    if not isinstance(eid, str) or not ID_RE.match(eid or ""):
        rep.error(where, "id must be a lowercase ascii string matching [a-z0-9_-]+")
        ok = False
    kind = entry.get("type")
    if kind not in TYPES:
        rep.error(where, f"type must be one of {TYPES}")
    canonical = entry.get("canonical")
    if not isinstance(canonical, dict) or "en" not in canonical:
        rep.error(where, "canonical must be a mapping with an 'en' form")
        ok = False
    else:
        for lang, form in canonical.items():
            if not (isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang)):
                rep.error(where, f"canonical language {lang!r} is not a language code")
            if not isinstance(form, str) or not form.strip() or form != form.strip():
                rep.error(where, f"canonical[{lang}] must be a trimmed non-empty string")
            elif lang != "en" and form == canonical.get("en"):
                rep.warn(where, f"canonical[{lang}] repeats the English form")
    for name in LISTS:
        value = entry.get(name, [])
        if value is None:
            continue
        if not isinstance(value, list):
            rep.error(where, f"{name!r} must be a list")
            ok = False
            continue
        for item in value:
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                rep.error(where, f"{name}: {item!r} must be a trimmed non-empty string")
                ok = False
            elif name != "exceptions" and re.search(r"['’]s$", item):
                rep.error(where, f"{name}: {item!r} looks like a possessive; list the base form")
        if len(value) != len(set(map(str, value))):
            rep.error(where, f"{name!r} has duplicates")
    gender = entry.get("gender")
    if kind == "person":
        if gender not in GENDERS:
            rep.error(where, f"persons need gender: one of {GENDERS}")
    elif gender is not None:
        rep.error(where, "gender is for persons only")
    source = entry.get("source")
    if not isinstance(source, str) or source not in sources:
        rep.error(where, f"source {source!r} is not a key of pack.yaml sources")
    if not ok:
        return False

    forms = forms_of(entry)
    seen = Counter(forms)
    for form, n in seen.items():
        if n > 1:
            rep.error(where, f"form {form!r} listed {n} times in the entry")
    variants = entry.get("variants") or []
    exceptions = entry.get("exceptions") or []
    for form in variants:
        if " " not in form and form.islower():
            rep.warn(where, f"single-token lower-case variant {form!r} is probably an ordinary word")
    for phrase in exceptions:
        if not any(f.lower() in phrase.lower() for f in forms):
            rep.error(where, f"exception {phrase!r} contains none of the entry's forms")

    specs = entry.get("specs") or []
    if not isinstance(specs, list):
        rep.error(where, "specs must be a list")
        return False
    if variants and not specs:
        rep.error(where, "entry has variants but no specs")
    for spec in specs:
        if not isinstance(spec, dict) or set(spec) - {"from", "to", "lang"} \
                or not isinstance(spec.get("from"), str) or not isinstance(spec.get("to"), str):
            rep.error(where, f"spec {spec!r} must be a mapping with 'from' and 'to' strings")
            continue
        src, dst = spec["from"], spec["to"]
        # an ALL-CAPS copy of a form counts too (wire headlines), as in mtcheck/style_guides.py
        hits = [(f, at) for f in forms for at in occurs(f, src)]
        hits += [(f, at) for f in forms if len(f) > 2 and f.upper() != f and f.upper() not in forms
                 for at in occurs(f.upper(), src)]
        if not hits:
            rep.error(where, f"spec from {src!r} contains no form of the entry")
            continue
        # longest form at each position decides (as the matcher does)
        fixes = False
        for f, at in hits:
            longer = any(g != f and h <= at and at + len(f) <= h + len(g) for g, h in hits)
            if longer or f not in variants:
                continue
            if not in_exception(src, at, at + len(f), exceptions):
                fixes = True
        if fixes and src == dst:
            rep.error(where, f"spec {src!r}: contains a variant but expects no change")
        if not fixes and src != dst:
            rep.error(where, f"spec {src!r}: contains no variant to fix but expects {dst!r}")
    return True


def check_pack(pack_dir: Path, rep: Report) -> tuple[Counter, dict[str, Counter]]:
    sources = check_pack_meta(pack_dir, rep)
    ids: dict[str, str] = {}
    owner: dict[str, str] = {}
    per_type: Counter = Counter()
    per_file: dict[str, Counter] = {}
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        data = load(path, rep)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            rep.error(str(path), "top level must be a mapping with an 'entries' list")
            continue
        extra = set(map(str, data)) - {"entries", "name", "version", "description", "license", "source", "sources"}
        for key in sorted(extra):
            rep.error(str(path), f"unknown top-level key {key!r}")
        counts: Counter = Counter()
        for index, entry in enumerate(data["entries"]):
            where = f"{path.name}#{index + 1}"
            if not check_entry(entry, where, sources, rep):
                continue
            eid = entry["id"]
            if eid in ids:
                rep.error(where, f"id {eid!r} already used in {ids[eid]}")
            ids[eid] = path.name
            for form in set(forms_of(entry)):
                if form in owner and owner[form] != eid:
                    rep.error(where, f"form {form!r} also belongs to entry {owner[form]!r}")
                owner.setdefault(form, eid)
            counts[entry["type"]] += 1
            counts["specs"] += len(entry.get("specs") or [])
            counts["variants"] += len(entry.get("variants") or [])
            per_type[entry["type"]] += 1
        per_file[path.name] = counts
    per_type["forms"] = len(owner)
    return per_type, per_file


def check_lexicon(path: Path, rep: Report) -> Counter:
    counts: Counter = Counter()
    data = load(path, rep)
    if not isinstance(data, dict):
        rep.error(str(path), "lexicon must be a mapping with 'male' and 'female' lists")
        return counts
    for key in set(map(str, data)) - {"male", "female"}:
        rep.error(str(path), f"unknown key {key!r}")
    lists = {}
    for key in ("male", "female"):
        names = data.get(key)
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() == n and n for n in names):
            rep.error(str(path), f"{key!r} must be a list of trimmed names")
            continue
        dup = [n for n, c in Counter(n.lower() for n in names).items() if c > 1]
        if dup:
            rep.error(str(path), f"{key}: duplicates {sorted(dup)[:10]}")
        bad = [n for n in names if " " in n or n.islower()]
        if bad:
            rep.error(str(path), f"{key}: not a capitalised single name: {bad[:10]}")
        if len(names) < MIN_NAMES:
            rep.error(str(path), f"{key}: {len(names)} names, need at least {MIN_NAMES}")
        lists[key] = {n.lower() for n in names}
        counts[key] = len(names)
    if len(lists) == 2:
        both = lists["male"] & lists["female"]
        if both:
            rep.error(str(path), f"names on both lists: {sorted(both)}")
    return counts


def run_loader(pack_dir: Path, rep: Report) -> str:
    try:
        sys.path.insert(0, str(ROOT))
        from mtcheck.style_guides import load_files  # noqa: PLC0415
    except Exception as exc:  # pragma: no cover - optional
        return f"skipped ({type(exc).__name__}: {exc})"
    try:
        pack = load_files([pack_dir], [])
    except Exception as exc:
        rep.error("mtcheck loader", str(exc))
        return "FAILED"
    return f"ok: {len(pack)} entities, specs pass, signature {pack.signature['style']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pack", type=Path, default=DEFAULT_PACK)
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument("--no-loader", action="store_true", help="don't compile with mtcheck.style_guides")
    args = ap.parse_args(argv)

    rep = Report()
    per_type, per_file = check_pack(args.pack, rep)
    names = check_lexicon(args.lexicon, rep)
    loader = "skipped (--no-loader)" if args.no_loader else run_loader(args.pack, rep)

    print(f"pack {args.pack}")
    for name, counts in per_file.items():
        detail = ", ".join(f"{t}={counts[t]}" for t in TYPES if counts[t])
        print(f"  {name:<22} {detail}  (variants={counts['variants']}, specs={counts['specs']})")
    print("  total: " + ", ".join(f"{t}={per_type[t]}" for t in TYPES) + f", surface forms={per_type['forms']}")
    print(f"lexicon {args.lexicon}: male={names['male']}, female={names['female']}")
    print(f"mtcheck loader: {loader}")
    for w in rep.warnings:
        print("warning:", w)
    for e in rep.errors:
        print("ERROR:", e)
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
