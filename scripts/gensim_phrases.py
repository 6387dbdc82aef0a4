#!/usr/bin/env python3
"""gensim's Phrases + phrases[...] over a text file, pass after pass, like `mt2st-embed phrases`.

Reads plain or gzip text (one sentence per line, whitespace-separated tokens), learns
gensim.models.phrases.Phrases on it, rewrites every line with phrases[line], and repeats for
--passes passes; writes the last pass's text (gzip when the name ends in .gz) and, with
--save-phrases, each pass's export_phrases() as 'phrase<TAB>score<TAB>pass' lines.

--scoring word2phrase is word2vec's formula, (count(ab) - min_count) / count(a) / count(b) * N
with N the number of tokens and both words at least min_count times, as a gensim scoring
function; npmi is gensim's own. Used by the CLI test (agreement) and bench/phrases.sh (speed).
"""
import argparse
import gzip
import sys
import time

from gensim.models.phrases import Phrases


def word2phrase(worda_count, wordb_count, bigram_count, len_vocab, min_count, corpus_word_count):
    if worda_count < min_count or wordb_count < min_count:
        return float("-inf")
    return (bigram_count - min_count) / worda_count / wordb_count * corpus_word_count


def read_lines(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8", errors="surrogateescape") as f:
        return [line.split() for line in f]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--threshold", type=float, default=100.0)
    p.add_argument("--passes", type=int, default=2)
    p.add_argument("--scoring", choices=["word2phrase", "npmi"], default="word2phrase")
    p.add_argument("--delimiter", default="_")
    p.add_argument("--save-phrases")
    a = p.parse_args()

    start = time.time()
    sentences = read_lines(a.input)
    table = []
    for n in range(1, a.passes + 1):
        t = time.time()
        model = Phrases(sentences, min_count=a.min_count, threshold=a.threshold, delimiter=a.delimiter,
                        scoring=word2phrase if a.scoring == "word2phrase" else "npmi")
        learned = time.time() - t
        table += [(phrase, score, n) for phrase, score in model.export_phrases().items()]
        t = time.time()
        sentences = [model[s] for s in sentences]
        print(f"gensim pass {n}: learn {learned:.2f} s, apply {time.time() - t:.2f} s", file=sys.stderr)
    opener = gzip.open if a.output.endswith(".gz") else open
    with opener(a.output, "wt", encoding="utf-8", errors="surrogateescape") as f:
        for s in sentences:
            f.write(" ".join(s) + "\n")
    if a.save_phrases:
        with open(a.save_phrases, "w", encoding="utf-8", errors="surrogateescape") as f:
            for phrase, score, n in table:
                f.write(f"{phrase}\t{score!r}\t{n}\n")
    print(f"gensim total {time.time() - start:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
