"""Trains gensim 4.4.0 Word2Vec with the benchmark's settings; prints machine-readable timings.

Usage: word2vec_gensim.py CORPUS OUTPUT.txt --sg 1|0 [--threads 2 --dim 100 --window 5 --negative 5
       --min-count 5 --sample 1e-3 --epochs 5 --seed 1]
"""
import argparse
import logging
import time

from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

p = argparse.ArgumentParser()
p.add_argument("corpus")
p.add_argument("output")
p.add_argument("--sg", type=int, required=True)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--dim", type=int, default=100)
p.add_argument("--window", type=int, default=5)
p.add_argument("--negative", type=int, default=5)
p.add_argument("--min-count", type=int, default=5)
p.add_argument("--sample", type=float, default=1e-3)
p.add_argument("--epochs", type=int, default=5)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
logging.basicConfig(format="%(asctime)s %(message)s", level=logging.WARNING)

model = Word2Vec(vector_size=a.dim, window=a.window, negative=a.negative, hs=0, min_count=a.min_count,
                 sample=a.sample, epochs=a.epochs, workers=a.threads, sg=a.sg, seed=a.seed)
t0 = time.time()
model.build_vocab(LineSentence(a.corpus))
t1 = time.time()
model.train(LineSentence(a.corpus), total_examples=model.corpus_count, epochs=a.epochs)
t2 = time.time()
model.wv.save_word2vec_format(a.output, binary=False)
t3 = time.time()
print(f"vocab_seconds {t1 - t0:.2f}")
print(f"train_seconds {t2 - t1:.2f}")
print(f"corpus_tokens {model.corpus_total_words}")
print(f"vocabulary {len(model.wv)}")
print(f"write_seconds {t3 - t2:.2f}")
