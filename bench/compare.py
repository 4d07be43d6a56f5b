"""Runs the Python reference libraries on the benchmark data that `hearth-bench generate` wrote,
checks that they agree with the engine's results (`hearth-bench run` JSON), and prints the table.

Usage: python bench/compare.py DATA_DIR ENGINE_JSON [WASM_JSON]
Each reference workload runs once, except the fast ones (pyfim, scikit-learn) which take the best of
three like the engine; mlxtend and lifetimes run once because a single run takes minutes.
"""

import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd


def best_of(runs, work):
    best, result = math.inf, None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main():
    data = Path(sys.argv[1])
    engine = json.loads(Path(sys.argv[2]).read_text())
    wasm = json.loads(Path(sys.argv[3]).read_text()) if len(sys.argv) > 3 else None
    rows, failures = [], []

    baskets = [line.rstrip("\n").split(",") for line in (data / "baskets.csv").open()]
    min_count = engine["fpgrowth"]["min_count"]

    from fim import fpgrowth as fim_fpgrowth

    seconds, found = best_of(3, lambda: fim_fpgrowth(baskets, target="s", supp=-min_count, zmin=1, report="a"))
    if len(found) != engine["fpgrowth"]["itemsets"]:
        failures.append(f"pyfim found {len(found)} itemsets, the engine {engine['fpgrowth']['itemsets']}")
    rows.append(("FP-growth, 100k Zipf baskets, support 0.002", "pyfim (Borgelt C)", seconds, engine["fpgrowth"]["seconds"], "no slower (ratio >= 1)"))

    from mlxtend.frequent_patterns import fpgrowth as mlx_fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    encoder = TransactionEncoder()
    onehot = pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)
    seconds, found = best_of(1, lambda: mlx_fpgrowth(onehot, min_support=min_count / len(baskets)))
    if len(found) != engine["fpgrowth"]["itemsets"]:
        failures.append(f"mlxtend found {len(found)} itemsets, the engine {engine['fpgrowth']['itemsets']}")
    rows.append(("FP-growth, 100k Zipf baskets, support 0.002", "mlxtend", seconds, engine["fpgrowth"]["seconds"], ">= 40x"))

    from sklearn.cluster import KMeans

    points = np.fromfile(data / "points.f64", dtype="<f8").reshape(-1, 8)
    model = KMeans(n_clusters=8, init="k-means++", n_init=1, max_iter=300, tol=0.0, random_state=0, algorithm="lloyd")
    seconds, fitted = best_of(3, lambda: model.fit(points))
    ours = engine["kmeans"]["inertia"]
    if ours > fitted.inertia_ * (1 + 1e-9):
        failures.append(f"engine inertia {ours} is above scikit-learn's {fitted.inertia_}")
    rows.append(("k-means, 1M x 8, k=8, one restart", f"scikit-learn (inertia {fitted.inertia_:.6g} vs ours {ours:.6g})", seconds, engine["kmeans"]["seconds"], ">= 2x"))

    from lifetimes import BetaGeoFitter

    summaries = pd.read_csv(data / "summaries.csv")
    fitter = BetaGeoFitter(penalizer_coef=0.0)
    seconds, fitted = best_of(1, lambda: fitter.fit(summaries["x"], summaries["t_x"], summaries["T"]))
    theirs = fitted.params_
    for name in ["r", "alpha", "a", "b"]:
        if abs(theirs[name] - engine["bgnbd"][name]) > 1e-3 * abs(theirs[name]):
            failures.append(f"BG/NBD {name}: lifetimes {theirs[name]}, engine {engine['bgnbd'][name]}")
    rows.append(("BG/NBD fit, 100k customers", "lifetimes", seconds, engine["bgnbd"]["seconds"], ">= 20x"))

    print("| workload | reference | reference s | engine s | ratio | target |")
    print("|---|---|---|---|---|---|")
    for workload, reference, theirs_s, ours_s, target in rows:
        print(f"| {workload} | {reference} | {theirs_s:.3f} | {ours_s:.3f} | {theirs_s / ours_s:.1f}x | {target} |")
    if wasm:
        print()
        print("| workload | native s | wasm (Chromium) s | wasm / native | target |")
        print("|---|---|---|---|---|")
        for key, label in [("fpgrowth", "FP-growth"), ("kmeans", "k-means"), ("bgnbd", "BG/NBD fit")]:
            native, in_browser = engine[key]["seconds"], wasm[key]["seconds"]
            print(f"| {label} | {native:.3f} | {in_browser:.3f} | {in_browser / native:.2f} | <= 1.6 |")
    print()
    print(f"engine: {engine['fpgrowth']['itemsets']} itemsets; k-means inertia {engine['kmeans']['inertia']:.6g} "
          f"in {engine['kmeans']['iterations']} iterations; BG/NBD r={engine['bgnbd']['r']:.4f} "
          f"alpha={engine['bgnbd']['alpha']:.4f} a={engine['bgnbd']['a']:.4f} b={engine['bgnbd']['b']:.4f}")
    if failures:
        print("DISAGREEMENTS:\n" + "\n".join(failures))
        sys.exit(1)
    print("all references agree with the engine")


if __name__ == "__main__":
    main()
