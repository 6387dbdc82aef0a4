#!/usr/bin/env python3
"""One markdown row per sweep run (each a folder written by `experiment --knowledge`): the last epoch of every
run in its runs.csv, with the change against the STL run of the same model and seed found in any of the folders."""
import csv, sys, os

def last_epochs(folder):
    rows = {}
    with open(os.path.join(folder, "runs.csv")) as f:
        for r in csv.DictReader(f):
            rows[(r["model"], r["strategy"], r["seed"])] = r  # later epochs overwrite earlier ones
    return rows

def stl_runs(runs):
    """The STL run of each (model, seed) in `runs` ({folder: last_epochs(folder)})."""
    return {(m, seed): r for rows in runs.values() for (m, s, seed), r in rows.items() if s == "stl"}

num = lambda r, k: float(r[k]) if r[k] else float("nan")

def knowledge_share(r):
    """The knowledge tasks' share of the run's FLOPs, in percent."""
    total = num(r, "flops_primary") + num(r, "flops_analogy") + num(r, "flops_similarity")
    return 100 * (num(r, "flops_analogy") + num(r, "flops_similarity")) / total

def main(folders):
    runs = {f: last_epochs(f) for f in folders}
    stl = stl_runs(runs)
    print("| run | model | strategy | seed | Google % | semantic | syntactic | WS-353 ρ×100 | SimLex ρ×100 | Δ Google | Δ WS | Δ SimLex | knowledge FLOPs % |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in folders:
        for (m, s, seed), r in runs[f].items():
            base = stl.get((m, seed))
            d = lambda k: f"{num(r, k) - num(base, k):+.2f}" if base else "—"
            print(f"| {os.path.basename(f.rstrip('/'))} | {m} | {s} | {seed} | {num(r, 'test_total'):.2f} | {num(r, 'test_semantic'):.2f} "
                  f"| {num(r, 'test_syntactic'):.2f} | {num(r, 'similarity_spearman'):.1f} | {num(r, 'extra_similarity_spearman'):.1f} "
                  f"| {d('test_total')} | {d('similarity_spearman')} | {d('extra_similarity_spearman')} | {knowledge_share(r):.2f} |")

if __name__ == "__main__":
    main(sys.argv[1:])
