#!/usr/bin/env python3
"""Fit the pronoun combination's weights on the dev split of the real-data set.

Reads ``corpora/realdata/pronoun_labels.tsv`` (dev split only: the test split is
never read here) and our own tuning corpora ``corpora/pronouns/*.yaml`` (wire-style
text without sources; the blind folders are not read), gathers each labelled pronoun's evidence
(:func:`mtcheck.checks.pronouns.evidence.gather`), fits an L2-regularised logistic
regression by Newton's method (numpy), picks the threshold that keeps
cross-validated precision at or above the target, and writes
``mtcheck/data/pronouns/calibration.yaml``.

    python scripts/fit_pronoun_calibration.py [--target-precision 0.9] [--lm gemma]

The shipped file is these three runs, in order (each rewrites its own section):

    python scripts/fit_pronoun_calibration.py
    python scripts/fit_pronoun_calibration.py --lm gemma --target-precision 0.85 --source-combination agreement
    python scripts/fit_pronoun_calibration.py --lm smollm2 --target-precision 0.85 --source-combination pool

With a model the target is the issue's 0.85. Until the model scored a first-person
alternative too, the combination reached no stable P 0.85 on the dev lines that hold
every finding (the flagged stratum), and the target was 0.78; without that margin the
source regime holds P 0.875 (Gemma) and 0.857 (SmolLM2) in cross-validation.
Since the typing fixes of 84ac413 and the 105 flagged dev tokens of 9aafad6, the joint
combination (every feature, and the margin's products with some) is the weakest where
the source is read. Dev CV over all regimes, target 0.85:

    combination   Gemma           SmolLM2
    joint         P 0.886 R 0.177  P 0.889 R 0.091
    pool          P 0.868 R 0.263  P 0.912 R 0.177
    agreement     P 0.881 R 0.297  P 0.864 R 0.217
                  (0.873 / 0.274 at 0.50, where the shipped weights hold the target too)

(select, which picks its features on the same folds it is scored on, reads 0.863 / 0.360
and 0.862 / 0.320, but that figure is biased by the selection.) Gemma's section is the
agreement one: the agreement features and the margin, and (a later session) the
source's counter-evidence (``COUNTER_EVIDENCE``, below; then P 0.881 R 0.337 at 0.62),
so a margin of 1.6 nats alone reports. SmolLM2's is pooled: its agreement combination
held the target only just, and had the model score 76% of the pronouns of the 20 WMT
files against 62% pooled, 6.6 decisions a second on 2 threads against 8.5.

With ``--lm`` the language model's margin is one more feature and the weights go to
the file's ``lm`` section. Needs ../shared/realdata and numpy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora" / "realdata"))
from labelled import labelled_decisions  # noqa: E402

from mtcheck.checks.pronouns.evidence import gather  # noqa: E402

OUT = ROOT / "mtcheck" / "data" / "pronouns" / "calibration.yaml"
POSITIVE = ("artifact", "mismatch")
FOLDS = 5
# The joint combination (our corpora and the regimes without read source) keeps the
# products of the model's margins with these; the source regime selects its own.
JOINT_INTERACTIONS = ("silent_person_salient", "first_person_near", "src_dropped_first_person",
                      "src_inanimate_antecedent", "src_animate_antecedent", "slot_subject", "top_person",
                      "person_same_sentence", "src_absent", "same_gender_pronoun_before")
MAX_SELECTED = 16


def gold_decisions():
    """Our own tuning corpora (corpora/pronouns/*.yaml, not the blind folders):
    every gendered pronoun with its gold label."""
    import importlib.util

    from mtcheck.checks.pronouns import check as family
    from mtcheck.config import RunConfig
    from mtcheck.document import Document
    from mtcheck.checks.pronouns.resolver import resolve_pronouns

    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "corpora" / "pronouns" / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = family.load(RunConfig())
    for gold in module.load_gold(ROOT / "corpora" / "pronouns"):
        doc = Document(gold["text"], doc_id=gold["id"], src_lang=gold["src_lang"])
        positives = {(p["start"], p["end"]) for p in gold["positives"]}
        for d in resolve_pronouns(doc, data):
            yield "gold|" + gold["id"], doc, d, 1.0 if (d.start, d.end) in positives else 0.0


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 1e-6  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def cv_scores(x: np.ndarray, y: np.ndarray, folds: np.ndarray, l2: float) -> np.ndarray:
    cv = np.zeros(len(y))
    for k in range(FOLDS):
        if (folds == k).any():
            w = fit(x[folds != k], y[folds != k], l2)
            cv[folds == k] = 1 / (1 + np.exp(-x[folds == k] @ w))
    return cv


GRID = np.round(np.arange(0.3, 0.97, 0.02), 2)


def stable_threshold(scores: np.ndarray, y: np.ndarray, target: float) -> tuple[float, float]:
    """(lowest threshold, its recall) whose precision holds the target there and at the
    next two grid points: one lucky flag must not set a threshold."""
    for i, t in enumerate(GRID):
        held = True
        for u in GRID[i:i + 3]:
            flagged = scores >= u
            if flagged.any() and y[flagged].mean() < target:
                held = False
        flagged = scores >= t
        if held and flagged.any():
            return float(t), float(y[flagged].sum() / max(1.0, y.sum()))
    return 0.99, 0.0


def forward_select(rows: list[dict[str, float]], y: np.ndarray, folds: np.ndarray, target: float,
                   l2: float) -> list[str]:
    """Greedy forward selection: add the feature that most raises cross-validated recall
    at the target precision; stop when nothing adds half a point."""
    names = sorted({k for r in rows for k in r})
    chosen: list[str] = []
    best = 0.0
    while len(chosen) < MAX_SELECTED:
        trials = []
        for n in names:
            if n in chosen:
                continue
            cols = chosen + [n]
            x = np.array([[1.0] + [r.get(c, 0.0) for c in cols] for r in rows])
            trials.append((stable_threshold(cv_scores(x, y, folds, l2), y, target)[1], n))
        if not trials:
            break
        recall, name = max(trials)
        if recall <= best + 0.005:
            break
        chosen.append(name)
        best = recall
        print(f"  selected {name:40s} cv recall {recall:.3f} at precision >= {target}")
    return chosen


POOL_PREFIXES = ("src_", "rule_", "top_", "silent_")


# Where two independent readings agree (evidence.gather): the English rule and a
# source showing a literal gender; a dropped 'I' with no person salient in the English;
# a source verb of the other gender where the English names no one of the pronoun's.
AGREEMENT_FEATURES = ("rule_agrees_with_source", "src_first_person_no_person", "src_other_gender_no_person")
# With a model, whose margin alone may report, the source's counter-evidence too: a
# source pronoun with no noun of its gender in view (a person known from context, as a
# chat's "she" for the daughter) or with an animate antecedent. Dev CV, Gemma, where the
# source is read: without them P 0.875 R 0.350 at 0.48, 0.898 / 0.275 at 0.60; with the
# first only 0.877 / 0.356 at 0.54; with both 0.881 / 0.369 at 0.62, 0.925 / 0.306 at
# 0.70; with the name and chain readings as well 0.857 / 0.375 at 0.62. Rules alone
# move not at all with them.
COUNTER_EVIDENCE = ("src_no_agreeing_noun", "src_animate_antecedent")


def pooled_features(rows: list[dict[str, float]]) -> list[str]:
    """What the source shows and what the English resolution concluded (its rule, its
    antecedent's type, why it stayed silent), with the model's margins and their
    products with those where there are margins; not the finer cues (WordNet shares,
    slots, neighbours) that only the joint combination, with our corpora, can weigh."""
    def pooled(name: str) -> bool:
        head = name.split("*")[0]
        return head.startswith("lm_") or head.startswith(POOL_PREFIXES)
    return sorted({k for r in rows for k in r if pooled(k)})


def pr_at(scores: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float]:
    flagged = scores >= t
    tp = float((flagged & (y == 1)).sum())
    p = tp / flagged.sum() if flagged.sum() else 1.0
    return p, tp / max(1.0, y.sum())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-precision", type=float, default=0.9)
    parser.add_argument("--no-source-precision", type=float, default=0.95,
                        help="precision target on our own corpora, which have no source")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--out", type=Path, default=OUT, help="calibration file to update")
    parser.add_argument("--source-l2", type=float, default=None,
                        help="L2 of the source regime's own combination (default 0.05 for agreement, "
                             "else 1: two features need little shrinking, and then their "
                             "probabilities are the precisions they had)")
    parser.add_argument("--source-threshold", type=float, default=None,
                        help="a fixed threshold for the source regime's own combination instead of "
                             "the stable search")
    parser.add_argument("--source-combination", choices=("joint", "pool", "select", "agreement"), default=None,
                        help="where the source is read: the joint combination of every feature, one of "
                             "its own over the source kinds and the English resolution's outcome (pool), "
                             "over forward-selected features (select), or over where two readings agree "
                             "(agreement). Default: agreement without --lm, joint with it (below)")
    parser.add_argument("--lm", default=None, help="add the LM margin feature (model name or path)")
    args = parser.parse_args()
    rows = []
    rescorer = None
    if args.lm:
        from mtcheck.compare.lm_rescore import PronounRescorer, lm_features
        rescorer = PronounRescorer(args.lm)
    items = list(labelled_decisions("dev"))
    for lab, doc, d in items:
        feats = dict(gather(doc, d).features)
        # One document of the test set appears in every system's file: folds group by
        # the pair's document, or the same sentence informs its own score.
        group = "/".join(lab.file.split("/")[:2]) + "|" + doc.doc_id
        rows.append((feats, 1.0 if lab.label in POSITIVE else 0.0, group, doc, d))
    real = len(rows)
    for key, doc, d, label in gold_decisions():
        rows.append((dict(gather(doc, d).features), label, key, doc, d))
    if rescorer is not None:
        by_doc: dict[int, list[int]] = {}
        for i, (_, _, _, doc, _) in enumerate(rows):
            by_doc.setdefault(id(doc), []).append(i)
        groups = list(by_doc.values())
        for start in range(0, len(groups), 32):  # documents scored together, as --lm does
            chunk = groups[start:start + 32]
            found = rescorer.margins_many([(rows[ix[0]][3], [rows[i][4] for i in ix]) for ix in chunk])
            for indices, margins in zip(chunk, found):
                for i, margin in zip(indices, margins):
                    rows[i][0].update(lm_features(margin, rows[i][0]))
    skip_below = 0.0
    if rescorer is not None:
        # Which pronouns the rules settle safely: the highest rules-only confidence below
        # which no more than 1% of the real dev artifacts fall; they are not scored.
        from mtcheck.checks.pronouns.calibration import load_calibration

        load_calibration.cache_clear()
        rules = load_calibration("rules")
        conf = np.array([rules.confidence({k: v for k, v in r[0].items() if not k.startswith("lm_")})
                         for r in rows[:real]])
        ys = np.array([r[1] for r in rows[:real]])
        for t in np.arange(0.0, 0.5, 0.005):
            if ((conf < t) & (ys == 1)).sum() > 0.01 * ys.sum():
                break
            skip_below = float(t)
        print(f"skip_below {skip_below:.3f}: {float((conf < skip_below).mean()):.1%} of real dev pronouns "
              f"not scored, {int(((conf < skip_below) & (ys == 1)).sum())} artifacts among them")
    def joint(name: str) -> bool:
        return "*" not in name or name.split("*")[0] in JOINT_INTERACTIONS

    names = sorted({k for feats, *_ in rows for k in feats if joint(k)})
    x = np.array([[1.0] + [feats.get(n, 0.0) for n in names] for feats, *_ in rows])
    y = np.array([r[1] for r in rows])
    # Cross-validated scores by document, so one document never informs its own score.
    docs = sorted({r[2] for r in rows})
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    folds = np.array([fold_of[r[2]] for r in rows])
    cv = cv_scores(x, y, folds, args.l2)
    # One threshold per regime: what the source can tell differs, and so does the
    # confidence at which findings are right (see Calibration.regime).
    from mtcheck.checks.pronouns.calibration import REGIMES, regime_of

    regimes = np.array([regime_of(r[0]) for r in rows])
    is_real = np.arange(len(rows)) < real
    own: dict[str, dict] = {}
    combination = args.source_combination or ("joint" if args.lm else "agreement")
    l2 = args.source_l2 if args.source_l2 is not None else (0.05 if combination == "agreement" else 1.0)
    fixed = args.source_threshold
    if combination != "joint":
        # Since the dev split holds every line where mtcheck reports or nearly reports
        # (the flagged stratum), cross-validated precision is that of the findings a
        # user sees. There, rules only: agreement P 0.955 R 0.131 (threshold 0.3); pool
        # at most P 0.74 (R 0.11), joint at most P 0.72, select nothing; so agreement.
        # With Gemma, joint P 0.80 R 0.24 at 0.64, agreement with the margins P 0.91
        # R 0.13 (no more than the rules alone), pool at most P 0.65: joint stays.
        # Before the flagged stratum (the notes below), the sample held only lines
        # where the MT had more pronouns than the reference, and precision read high.
        # Where the source is read, fewer features beat every feature at once (more
        # weights than the 140 real artifacts can pin down). Nested CV on dev, real
        # pronouns with a read source: rules only, joint P 0.83 R 0.21 against pooled
        # (L2 1, threshold searched) P 0.95 R 0.26; with Gemma, joint (threshold
        # searched) P 0.90 R 0.25 against pooled (L2 3, threshold 0.7) P 0.87 R 0.37, but
        # in this script's folds pooled gives P 0.83 R 0.46 at 0.7 and P 0.88 R 0.30 at
        # 0.8 against joint P 0.88 R 0.36: with a model, joint stays.
        where = np.flatnonzero((regimes == "source") & is_real)
        sel_rows = [rows[i][0] for i in where]
        if combination == "select":
            print(f"selecting the source regime's features ({len(where)} real dev pronouns):")
            chosen_names = forward_select(sel_rows, y[where], folds[where], args.target_precision,
                                          l2)
        elif combination == "agreement":
            # and, with a model, its own margins (not their products with the rest)
            margins = sorted({k for r in sel_rows for k in r if k.startswith("lm_") and "*" not in k})
            chosen_names = list(AGREEMENT_FEATURES) + (list(COUNTER_EVIDENCE) if margins else []) + margins
        else:
            chosen_names = pooled_features(sel_rows)
        xs = np.array([[1.0] + [r.get(c, 0.0) for c in chosen_names] for r in sel_rows])
        cv[where] = cv_scores(xs, y[where], folds[where], l2)
        ws = fit(xs, y[where], l2)
        own_scores = (where, 1 / (1 + np.exp(-xs @ ws)))
        own["source"] = {"bias": round(float(ws[0]), 4),
                         "weights": {n: round(float(v), 4) for n, v in zip(chosen_names, ws[1:])}}
    # The shipped weights are fitted on all of it: their own scores must hold the target
    # at the threshold too (with little shrinking, a full fit can spread the scores
    # otherwise than the folds' fits did: Gemma's agreement combination held P 0.881 in
    # CV at 0.48 and 0.841 with the shipped weights).
    w = fit(x, y, args.l2)
    fitted = 1 / (1 + np.exp(-x @ w))
    if own:
        fitted[own_scores[0]] = own_scores[1]
    thresholds = {}
    for regime in REGIMES:
        chosen = (regimes == regime) & (is_real if regime != "no-source" else ~is_real)
        target = args.target_precision if regime != "no-source" else args.no_source_precision
        if regime == "source" and combination != "joint" and fixed is not None:
            thresholds[regime] = fixed
        else:
            thresholds[regime] = round(max(stable_threshold(cv[chosen], y[chosen], target)[0],
                                           stable_threshold(fitted[chosen], y[chosen], target)[0]), 2)
        where = "real dev" if regime != "no-source" else "our corpora"
        print(f"regime {regime} ({where}, {int(chosen.sum())} pronouns, {int(y[chosen].sum())} artifacts):")
        for t in sorted({0.5, 0.6, 0.7, 0.8, 0.9, thresholds[regime]}):
            p, r = pr_at(cv[chosen], y[chosen], t)
            pf, rf = pr_at(fitted[chosen], y[chosen], t)
            print(f"  cv threshold {t:.2f}: P {p:.3f} R {r:.3f}; shipped weights P {pf:.3f} R {rf:.3f}"
                  f"{'  <- chosen' if t == thresholds[regime] else ''}")
    flagged = np.array([cv[i] >= thresholds[regimes[i]] for i in range(len(rows))])
    p, r = pr_at(flagged[:real].astype(float), y[:real], 0.5)
    print(f"real dev, all regimes at their thresholds: P {p:.3f} R {r:.3f}")
    threshold = thresholds["source"]
    weights = {n: round(float(v), 4) for n, v in zip(names, w[1:]) if abs(v) >= 1e-4}
    # Gemma 3's weights are the `lm` section; another packaged model's its own.
    section = ("lm" if args.lm == "gemma" else f"lm:{args.lm}") if args.lm else "rules"
    data = yaml.safe_load(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    data = data or {}
    data[section] = {"bias": round(float(w[0]), 4), "threshold": round(threshold, 2),
                     "thresholds": thresholds,
                     **({"skip_below": round(skip_below, 3), "model": args.lm} if args.lm else {}),
                     "fitted_on": f"corpora/realdata dev split ({real} pronouns, {int(y[:real].sum())} artifacts) "
                                  f"and corpora/pronouns ({len(rows) - real} pronouns); "
                                  f"threshold for cv precision {args.target_precision} on real dev",
                     "weights": dict(sorted(weights.items(), key=lambda kv: -abs(kv[1]))),
                     **({"regimes": own} if own else {})}
    header = ("# Weights of the pronoun combination (mtcheck/checks/pronouns/calibration.py), fitted by\n"
              "# scripts/fit_pronoun_calibration.py on the dev split of corpora/realdata.\n"
              "# confidence = sigmoid(bias + sum(weight * feature)); reported when >= threshold.\n")
    args.out.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"wrote {args.out} [{section}]: bias {w[0]:+.2f}, threshold {threshold:.2f}")
    for n, v in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]:
        print(f"  {v:+.2f}  {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
