#!/usr/bin/env python3
"""Scores word vectors with gensim's evaluator, as in ../shared/data/REFERENCE.md.

Usage: eval_vectors.py VECTORS.vec DATA_DIR
Prints one line: total semantic syntactic answered ws353 simlex999
(Google analogies with restrict_vocab=30000, case_insensitive=True; Spearman on WordSim-353 and SimLex-999).
"""
import logging
import os
import sys

from gensim.models import KeyedVectors

logging.basicConfig(level=logging.ERROR)
path, data = sys.argv[1], sys.argv[2]
kv = KeyedVectors.load_word2vec_format(path, binary=False)
total, sections = kv.evaluate_word_analogies(os.path.join(data, "questions-words.txt"), restrict_vocab=30000,
                                             case_insensitive=True)
semantic = [s for s in sections if not s["section"].startswith("gram") and s["section"] != "Total accuracy"]
syntactic = [s for s in sections if s["section"].startswith("gram")]


def accuracy(group):
    correct = sum(len(s["correct"]) for s in group)
    answered = correct + sum(len(s["incorrect"]) for s in group)
    return correct / answered if answered else 0.0, answered


sem, _ = accuracy(semantic)
syn, _ = accuracy(syntactic)
tot, answered = accuracy(semantic + syntactic)
ws = kv.evaluate_word_pairs(os.path.join(data, "wordsim353.tsv"), case_insensitive=True)[1][0]
sl = kv.evaluate_word_pairs(os.path.join(data, "simlex999.txt"), case_insensitive=True)[1][0]
print(f"{tot:.3f} {sem:.3f} {syn:.3f} {answered} {ws:.3f} {sl:.3f}")
