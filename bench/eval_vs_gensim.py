#!/usr/bin/env python3
"""gensim's reference numbers for one vector file, as JSON on stdout (keys like `mt2st-embed
evaluate --json`), with load and evaluation times.

Usage: eval_vs_gensim.py VECTORS [--binary] --analogies FILE --similarity FILE... [--restrict-vocab N]
       [--method add|mul]
add runs gensim 4.4's evaluate_word_analogies(restrict_vocab=N, case_insensitive=True) unchanged.
gensim has no 3CosMul evaluator; for mul the same loop is run with most_similar_cosmul's formula
restricted to the first N words (gensim's own most_similar_cosmul searches the whole vocabulary).
"""
import argparse
import json
import time

import numpy as np
from gensim.models import KeyedVectors

p = argparse.ArgumentParser()
p.add_argument("vectors")
p.add_argument("--binary", action="store_true")
p.add_argument("--analogies", action="append", default=[])
p.add_argument("--similarity", action="append", default=[])
p.add_argument("--restrict-vocab", type=int, default=30000)
p.add_argument("--method", choices=["add", "mul"], default="add")
a = p.parse_args()

t0 = time.perf_counter()
kv = KeyedVectors.load_word2vec_format(a.vectors, binary=a.binary)
load_seconds = time.perf_counter() - t0
report = {"vectors": a.vectors, "words": len(kv), "dim": kv.vector_size, "load_seconds": load_seconds,
          "analogies": {}, "similarity": {}}


def cosmul_sections(path, restrict):
    """evaluate_word_analogies' loop with 3CosMul scores over the first `restrict` words."""
    kv.fill_norms()
    ok_keys = kv.index_to_key[:restrict]
    ok_vocab = {k.upper(): kv.get_index(k) for k in reversed(ok_keys)}
    vectors, norms = kv.vectors[:restrict], kv.norms[:restrict]
    sections, section = [], None
    for line in open(path, encoding="utf8"):
        if line.startswith(": "):
            if section:
                sections.append(section)
            section = {"section": line.lstrip(": ").strip(), "correct": [], "incorrect": []}
            continue
        try:
            qa, qb, qc, expected = [w.upper() for w in line.split()]
        except ValueError:
            continue
        if any(w not in ok_vocab for w in (qa, qb, qc, expected)):
            continue
        ia, ib, ic = ok_vocab[qa], ok_vocab[qb], ok_vocab[qc]

        def shifted(i):
            return (1 + np.dot(vectors, kv.vectors[i] / kv.norms[i]) / norms) / 2

        dists = shifted(ib) * shifted(ic) / (shifted(ia) + 0.000001)
        best = np.argsort(-dists, kind="stable")[:8]
        sims = [i for i in best if i not in (ia, ib, ic)][:5]
        predicted = None
        for i in sims:
            predicted = kv.index_to_key[i].upper()
            if predicted not in (qa, qb, qc):
                break
        section["correct" if predicted == expected else "incorrect"].append(1)
    if section:
        sections.append(section)
    return sections


for path in a.analogies:
    t0 = time.perf_counter()
    if a.method == "add":
        _, sections = kv.evaluate_word_analogies(path, restrict_vocab=a.restrict_vocab, case_insensitive=True)
        sections = sections[:-1]  # the last one is gensim's "Total accuracy"
    else:
        sections = cosmul_sections(path, a.restrict_vocab)
    seconds = time.perf_counter() - t0
    questions = {}
    name = None
    for line in open(path, encoding="utf8"):
        if line.startswith(": "):
            name = line.lstrip(": ").strip()
        elif len(line.split()) == 4:
            questions[name] = questions.get(name, 0) + 1

    def acc(group):
        c = sum(len(s["correct"]) for s in group)
        n = c + sum(len(s["incorrect"]) for s in group)
        return (c / n if n else None), n

    total, seen = acc(sections)
    report["analogies"][path] = {
        "total": total,
        "semantic": acc([s for s in sections if not s["section"].startswith("gram")])[0],
        "syntactic": acc([s for s in sections if s["section"].startswith("gram")])[0],
        "seen": seen,
        "questions": sum(questions.values()),
        "sections": [{"name": s["section"], "accuracy": acc([s])[0], "correct": len(s["correct"]),
                      "seen": acc([s])[1], "questions": questions.get(s["section"], 0)} for s in sections],
        "seconds": seconds,
    }

for path in a.similarity:
    pearson, spearman, oov = kv.evaluate_word_pairs(path)
    report["similarity"][path] = {"spearman": float(spearman[0]), "pearson": float(pearson[0]), "oov": oov / 100}

print(json.dumps(report))
