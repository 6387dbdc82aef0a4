#!/usr/bin/env python3
"""gensim's FastText (Skip-Gram) with the benchmark's settings; writes the word vectors as .vec.

Usage: gensim_fasttext.py CORPUS.txt OUT.vec [--threads 2] [--epochs 5] [--dim 100] [--bucket 2000000]
Prints the vocabulary and training times (seconds) on stdout as 'vocab_seconds X' and 'train_seconds Y'.
"""
import argparse
import logging
import time

from gensim.models import FastText
from gensim.models.word2vec import LineSentence

p = argparse.ArgumentParser()
p.add_argument("corpus")
p.add_argument("out")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--epochs", type=int, default=5)
p.add_argument("--dim", type=int, default=100)
p.add_argument("--bucket", type=int, default=2_000_000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
logging.basicConfig(format="%(asctime)s %(message)s", level=logging.WARNING)
model = FastText(vector_size=a.dim, window=5, negative=5, min_count=5, sample=1e-3, sg=1, min_n=3, max_n=6,
                 bucket=a.bucket, workers=a.threads, seed=a.seed)
t0 = time.time()
model.build_vocab(corpus_iterable=LineSentence(a.corpus))
t1 = time.time()
model.train(corpus_iterable=LineSentence(a.corpus), total_examples=model.corpus_count, epochs=a.epochs)
t2 = time.time()
model.wv.save_word2vec_format(a.out, binary=False)
print(f"vocab_seconds {t1 - t0:.1f}")
print(f"train_seconds {t2 - t1:.1f}")
