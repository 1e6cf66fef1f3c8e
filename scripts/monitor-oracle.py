#!/usr/bin/env python3
"""The field's own tools on arrays the Monitor tests send, for comparison with the Swift figures.

Usage: monitor-oracle.py psi|ks|wasserstein|cbpe < JSON
  psi, ks, wasserstein: {"reference": [...], "current": [...]}
  cbpe: {"probabilities": [...], "threshold": t}
  kstwo: {"n": n, "x": x} (scipy.stats.kstwo.sf, the law behind ks_2samp's asymptotic p-value)
  or {"cases": [one of the above, ...]} for {"results": [...]} (one interpreter start for many cases).
Prints one JSON object. Run with .venv-oracle/bin/python3 (scripts/make-oracle-venv.sh).
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd


def psi(body):
    # Evidently's registered "psi" stat test, called as its data drift metric calls it.
    from evidently.legacy.calculations.stattests.psi import _psi
    from evidently.legacy.core import ColumnType
    value, _ = _psi(pd.Series(body["reference"], dtype=float), pd.Series(body["current"], dtype=float),
                    ColumnType.Numerical, 0.1)
    return {"psi": float(value)}


def ks(body):
    from scipy import stats
    result = stats.ks_2samp(np.asarray(body["reference"], dtype=float), np.asarray(body["current"], dtype=float))
    return {"statistic": float(result.statistic), "pvalue": float(result.pvalue)}


def wasserstein(body):
    from scipy import stats
    return {"distance": float(stats.wasserstein_distance(body["reference"], body["current"]))}


def kstwo(body):
    from scipy import stats
    return {"sf": float(stats.kstwo.sf(body["x"], body["n"]))}


def cbpe(body):
    # NannyML CBPE's estimators on already calibrated probabilities (what CBPE applies after its calibrator).
    from nannyml.performance_estimation.confidence_based.metrics import (
        estimate_recall, estimate_roc_auc, estimate_specificity)
    probabilities = np.asarray(body["probabilities"], dtype=float)
    predictions = (probabilities >= body["threshold"]).astype(int)
    return {"rocAUC": float(estimate_roc_auc(probabilities, probabilities)),
            "sensitivity": float(estimate_recall(predictions, probabilities)),
            "specificity": float(estimate_specificity(predictions, probabilities))}


def main():
    commands = {"psi": psi, "ks": ks, "wasserstein": wasserstein, "kstwo": kstwo, "cbpe": cbpe}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    command, body = commands[sys.argv[1]], json.load(sys.stdin)
    if "cases" in body:
        print(json.dumps({"results": [command(case) for case in body["cases"]]}))
    else:
        print(json.dumps(command(body)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
