#!/usr/bin/env python3
"""Mean ± sample standard deviation over seeds of each (folder, model, strategy) of `experiment --knowledge` folders:
the last epoch of every run in their runs.csv files, and the change against the STL run of the same model and seed
(found in any folder given; give one corpus's folders at a time). Usage: summary_table.py FOLDER..."""
import os, statistics, sys
from sweep_table import knowledge_share, last_epochs, num, stl_runs

def ms(values, fmt):
    if len(values) < 2: return fmt.format(values[0])
    return (fmt + " ± {:.2f}").format(statistics.mean(values), statistics.stdev(values))

folders = sys.argv[1:]
runs = {f: last_epochs(f) for f in folders}
stl = stl_runs(runs)
print("| run | model | strategy | seeds | Google % | WS-353 ρ×100 | SimLex ρ×100 | Δ Google | Δ WS | Δ SimLex | knowledge FLOPs % |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for f in folders:
    groups = {}
    for (m, s, seed), r in runs[f].items(): groups.setdefault((m, s), []).append((seed, r))
    for (m, s), members in groups.items():
        cols = {k: [num(r, k) for _, r in members] for k in ("test_total", "similarity_spearman", "extra_similarity_spearman")}
        deltas = {k: [num(r, k) - num(stl[(m, seed)], k) for seed, r in members if (m, seed) in stl] for k in cols}
        share = [knowledge_share(r) for _, r in members]
        print(f"| {os.path.basename(f.rstrip('/'))} | {m} | {s} | {len(members)} | {ms(cols['test_total'], '{:.2f}')} "
              f"| {ms(cols['similarity_spearman'], '{:.1f}')} | {ms(cols['extra_similarity_spearman'], '{:.1f}')} "
              f"| {ms(deltas['test_total'], '{:+.2f}')} | {ms(deltas['similarity_spearman'], '{:+.2f}')} "
              f"| {ms(deltas['extra_similarity_spearman'], '{:+.2f}')} | {statistics.mean(share):.2f} |")
