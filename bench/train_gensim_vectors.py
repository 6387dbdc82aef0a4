#!/usr/bin/env python3
"""Trains a quick gensim Skip-Gram model and writes word2vec text (and optionally binary) vectors.

Usage: train_gensim_vectors.py CORPUS(.txt[.gz]) OUT.txt [--binary OUT.bin] [--epochs N] [--dim D]
Only a test fixture for the evaluator comparison: dim 100, window 5, negative 5, min_count 5, 2 workers.
"""
import argparse
import logging

from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

p = argparse.ArgumentParser()
p.add_argument("corpus")
p.add_argument("out")
p.add_argument("--binary")
p.add_argument("--epochs", type=int, default=1)
p.add_argument("--dim", type=int, default=100)
p.add_argument("--workers", type=int, default=2)
a = p.parse_args()
logging.basicConfig(format="%(asctime)s %(message)s", level=logging.WARNING)
model = Word2Vec(LineSentence(a.corpus), vector_size=a.dim, sg=1, window=5, negative=5, min_count=5,
                 sample=1e-3, epochs=a.epochs, workers=a.workers, seed=1)
model.wv.save_word2vec_format(a.out, binary=False)
if a.binary:
    model.wv.save_word2vec_format(a.binary, binary=True)
print(f"wrote {len(model.wv)} x {model.wv.vector_size} vectors to {a.out}")
