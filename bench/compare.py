"""Runs the Python reference libraries on the benchmark data that `hearth-bench generate` wrote,
checks that they agree with the engine's results (`hearth-bench run` JSON), and prints the table.

Usage: python bench/compare.py DATA_DIR ENGINE_JSON [ONE_THREAD_JSON WASM_JSON]
ENGINE_JSON is the engine on every core (as scikit-learn uses them), ONE_THREAD_JSON the same run on
one thread (RAYON_NUM_THREADS=1), which the single-threaded wasm build is compared with.
pyfim takes the best of three runs like the engine; mlxtend and lifetimes run once (a run takes
seconds); k-means runs once per seed on both sides and the totals are compared.
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
    one_thread = json.loads(Path(sys.argv[3]).read_text()) if len(sys.argv) > 4 else None
    wasm = json.loads(Path(sys.argv[4]).read_text()) if len(sys.argv) > 4 else None
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
    ours = engine["kmeans"]["runs"]
    theirs = []
    for seed in range(len(ours)):
        model = KMeans(n_clusters=8, init="k-means++", n_init=1, max_iter=300, tol=0.0, random_state=seed, algorithm="lloyd")
        started = time.perf_counter()
        fitted = model.fit(points)
        theirs.append({"seconds": time.perf_counter() - started, "inertia": fitted.inertia_, "iterations": int(fitted.n_iter_)})
    best = min(run["inertia"] for run in theirs + ours)
    at_best = lambda runs: sum(run["inertia"] <= best * (1 + 1e-9) for run in runs)
    mean = lambda runs: sum(run["inertia"] for run in runs) / len(runs)
    describe = lambda runs: [(round(r["seconds"], 3), round(r["inertia"]), r["iterations"]) for r in runs]
    print(f"k-means per seed (seconds, inertia, iterations): scikit-learn {describe(theirs)}; engine {describe(ours)}")
    if mean(ours) > mean(theirs) * (1 + 1e-9):
        failures.append(f"engine mean inertia {mean(ours):.6g} is above scikit-learn's {mean(theirs):.6g}")
    rows.append((
        f"k-means, 1M x 8, k=8, one restart, seeds 0-{len(ours) - 1} summed",
        f"scikit-learn (runs reaching the best inertia: {at_best(theirs)}, ours {at_best(ours)})",
        sum(r["seconds"] for r in theirs),
        engine["kmeans"]["seconds"],
        ">= 2x",
    ))

    from lifetimes import BetaGeoFitter

    summaries = pd.read_csv(data / "summaries.csv")
    fitter = BetaGeoFitter(penalizer_coef=0.0)
    seconds, fitted = best_of(1, lambda: fitter.fit(summaries["x"], summaries["t_x"], summaries["T"]))
    theirs = fitted.params_
    for name in ["r", "alpha", "a", "b"]:
        if abs(theirs[name] - engine["bgnbd"][name]) > 1e-3 * abs(theirs[name]):
            failures.append(f"BG/NBD {name}: lifetimes {theirs[name]}, engine {engine['bgnbd'][name]}")
    rows.append(("BG/NBD fit, 100k customers", "lifetimes", seconds, engine["bgnbd"]["seconds"], ">= 20x"))

    keys = {"FP-growth": "fpgrowth", "k-means": "kmeans", "BG/NBD": "bgnbd"}
    print("| workload | reference | reference s | engine s | ratio | engine 1 thread s | ratio 1 thread | target |")
    print("|---|---|---|---|---|---|---|---|")
    for workload, reference, theirs_s, ours_s, target in rows:
        key = next(key for prefix, key in keys.items() if workload.startswith(prefix))
        single = f"{one_thread[key]['seconds']:.3f} | {theirs_s / one_thread[key]['seconds']:.1f}x" if one_thread else "- | -"
        print(f"| {workload} | {reference} | {theirs_s:.3f} | {ours_s:.3f} | {theirs_s / ours_s:.1f}x | {single} | {target} |")
    # Every build computes the same bits: threads split work in fixed chunks, and ln and exp are the
    # engine's own, not the platform's.
    results = lambda report: (
        report["fpgrowth"]["by_length"],
        [(run["inertia"], run["iterations"]) for run in report["kmeans"]["runs"]],
        [report["bgnbd"][name] for name in ["r", "alpha", "a", "b", "log_likelihood"]],
    )
    for label, other in [("one thread", one_thread), ("wasm", wasm)]:
        if other and results(other) != results(engine):
            failures.append(f"the {label} run's results differ from the native run's")
    if wasm:
        print()
        print("| workload | native 1 thread s | wasm (Chromium) s | wasm / native | target |")
        print("|---|---|---|---|---|")
        for label, key in keys.items():
            native, in_browser = one_thread[key]["seconds"], wasm[key]["seconds"]
            print(f"| {label} | {native:.3f} | {in_browser:.3f} | {in_browser / native:.2f} | <= 1.6 |")
    print()
    bg = engine["bgnbd"]
    print(f"engine: {engine['fpgrowth']['itemsets']} itemsets; BG/NBD r={bg['r']:.4f} alpha={bg['alpha']:.4f} a={bg['a']:.4f} b={bg['b']:.4f}")
    if failures:
        print("DISAGREEMENTS:\n" + "\n".join(failures))
        sys.exit(1)
    print("all references agree with the engine")


if __name__ == "__main__":
    main()
