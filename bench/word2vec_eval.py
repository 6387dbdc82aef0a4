"""Scores word2vec-format vector files with gensim's evaluator (this is also the test that gensim
loads our text and binary files). Prints one line per file:
    NAME analogy_total semantic syntactic answered ws353_spearman

Usage: word2vec_eval.py DATA_DIR NAME=PATH[:binary] ...
"""
import os
import sys

from gensim.models import KeyedVectors

data = sys.argv[1]
questions = os.path.join(data, "questions-words.txt")
wordsim = os.path.join(data, "wordsim353.tsv")
for spec in sys.argv[2:]:
    name, path = spec.split("=", 1)
    binary = path.endswith(":binary")
    if binary:
        path = path[: -len(":binary")]
    kv = KeyedVectors.load_word2vec_format(path, binary=binary)
    _, sections = kv.evaluate_word_analogies(questions, restrict_vocab=30000, case_insensitive=True)
    def acc(secs):
        c = sum(len(s["correct"]) for s in secs)
        n = c + sum(len(s["incorrect"]) for s in secs)
        return (c / n if n else 0.0), n
    parts = [s for s in sections if s["section"] != "Total accuracy"]
    total, answered = acc(parts)
    sem, _ = acc([s for s in parts if not s["section"].startswith("gram")])
    syn, _ = acc([s for s in parts if s["section"].startswith("gram")])
    _, spearman, _ = kv.evaluate_word_pairs(wordsim, case_insensitive=True)
    print(f"{name} {total:.4f} {sem:.4f} {syn:.4f} {answered} {spearman[0]:.4f} {'binary' if binary else 'text'}",
          flush=True)
