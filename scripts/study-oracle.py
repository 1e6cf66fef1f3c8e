#!/usr/bin/env python3
"""Writes the reference values Tests/StudyTests compares the Study metrics against.

scikit-learn is a test oracle only (never a runtime dependency). Needs: scikit-learn, numpy (pip).

    python3 scripts/study-oracle.py OUT.json

Generates data sets with a fixed numpy seed (continuous scores, heavy ties, integer reader
suspicion scores, enrichment weights, zero weights) and for each writes the cases plus
scikit-learn's roc_auc_score and roc_curve (drop_intermediate=False), recall (sensitivity),
specificity (recall of label 0), precision (PPV) and NPV at a few thresholds, all with
sample_weight; cohen_kappa_score on two raters' categorical calls with weights; numpy's default
percentiles (the bootstrap's quantile rule); and decision-referral thresholds by brute force over
every distinct score (an independent implementation of DOMAIN.md's rules).
Exits 3 when scikit-learn or numpy is missing, so the tests can skip.
"""
import json
import sys

try:
    import numpy as np
    import sklearn
    from sklearn.metrics import cohen_kappa_score, precision_score, recall_score, roc_auc_score, roc_curve
except ImportError as error:
    print(f"study-oracle: {error}; pip install scikit-learn", file=sys.stderr)
    sys.exit(3)

TARGETS = [0.95, 0.97, 0.98, 0.99]
TOLERANCE = 1e-9  # same slack as ReferralThresholds.targetTolerance


def thresholds(scores, labels, weights):
    candidates = np.unique(scores)
    cancers = weights[labels == 1].sum()
    others = weights[labels == 0].sum()
    nt, sn = {}, {}
    for target in TARGETS:
        nt[str(target)] = float(max(t for t in candidates
                                    if weights[(labels == 1) & (scores >= t)].sum() >= target * cancers * (1 - TOLERANCE)))
        sn[str(target)] = float(min(t for t in candidates
                                    if weights[(labels == 0) & (scores <= t)].sum() >= target * others * (1 - TOLERANCE)))
    return nt, sn


def data_set(name, scores, labels, weights):
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=int)
    weights = np.asarray(weights, dtype=float)
    fpr, tpr, thr = roc_curve(labels, scores, sample_weight=weights, drop_intermediate=False)
    at = []
    # Scores from the data near a few quantiles, so ties sit exactly at a threshold.
    picks = sorted({float(scores[np.argmin(np.abs(scores - q))]) for q in np.quantile(scores, [0.1, 0.5, 0.8, 0.95])})
    for t in picks:
        predicted = (scores >= t).astype(int)
        at.append({
            "threshold": t,
            "sensitivity": recall_score(labels, predicted, sample_weight=weights, zero_division=np.nan),
            "specificity": recall_score(labels, predicted, pos_label=0, sample_weight=weights, zero_division=np.nan),
            "ppv": precision_score(labels, predicted, sample_weight=weights, zero_division=np.nan),
            "npv": precision_score(labels, predicted, pos_label=0, sample_weight=weights, zero_division=np.nan),
        })
    nt, sn = thresholds(scores, labels, weights)
    return {
        "name": name,
        "scores": scores.tolist(), "labels": labels.tolist(), "weights": weights.tolist(),
        "auc": roc_auc_score(labels, scores, sample_weight=weights),
        "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": [None if np.isinf(x) else float(x) for x in thr]},
        "at": [{k: (None if isinstance(v, float) and np.isnan(v) else float(v)) for k, v in row.items()} for row in at],
        "nt": nt, "sn": sn,
    }


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    rng = np.random.default_rng(20240615)
    sets = []
    # Continuous scores, cancers shifted up, unit weights.
    labels = (rng.random(300) < 0.2).astype(int)
    sets.append(data_set("continuous", rng.normal(labels * 1.2, 1.0), labels, np.ones(300)))
    # Scores rounded to one decimal (heavy ties), enrichment weights (non-cancers x 25).
    labels = (rng.random(400) < 0.25).astype(int)
    scores = np.round(np.clip(rng.normal(0.35 + labels * 0.25, 0.18), 0, 1), 1)
    sets.append(data_set("ties-enriched", scores, labels, np.where(labels == 1, 1.0, 25.0)))
    # Integer reader suspicion 0-100, random weights with some zeros.
    labels = (rng.random(250) < 0.3).astype(int)
    scores = np.clip(np.round(rng.normal(30 + labels * 30, 20)), 0, 100)
    weights = rng.choice([0.0, 0.5, 1.0, 2.0, 3.7], size=250)
    weights[np.argmax(labels == 1)] = 1.0
    weights[np.argmax(labels == 0)] = 1.0
    sets.append(data_set("suspicion-weighted", scores, labels, weights))
    # Few distinct scores, few cases.
    labels = np.array([0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0])
    scores = np.array([0.2, 0.2, 0.2, 0.5, 0.5, 0.9, 0.9, 0.1, 0.9, 0.5, 0.1, 0.2])
    sets.append(data_set("small-ties", scores, labels, np.array([1, 2, 1, 1, 3, 1, 1, 1, 0.5, 2, 1, 1.0])))

    kappas = []
    for name, categories, n, weighted in (("birads", ["1", "2", "3", "4A", "4B", "5"], 300, True),
                                           ("recall", ["no", "yes"], 200, False)):
        first = rng.choice(len(categories), size=n)
        agree = rng.random(n) < 0.6
        second = np.where(agree, first, rng.choice(len(categories), size=n))
        weights = rng.choice([0.5, 1.0, 4.0], size=n) if weighted else np.ones(n)
        kappas.append({
            "name": name,
            "first": [categories[i] for i in first], "second": [categories[i] for i in second],
            "weights": weights.tolist(),
            "kappa": cohen_kappa_score(first, second, sample_weight=weights),
        })

    values = rng.normal(0, 1, 37)
    percentiles = {"values": values.tolist(), "probabilities": [0.025, 0.5, 0.975],
                   "quantiles": np.percentile(values, [2.5, 50, 97.5]).tolist()}

    with open(sys.argv[1], "w") as out:
        json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "sets": sets, "kappas": kappas,
                   "percentiles": percentiles}, out)


if __name__ == "__main__":
    main()
