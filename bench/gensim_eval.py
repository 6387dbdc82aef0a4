#!/usr/bin/env python3
"""Scores word vectors with gensim's own evaluators and prints one JSON object on stdout.

Run with bench/.venv's python (bash bench/setup-venv.sh). Example:

    bench/.venv/bin/python bench/gensim_eval.py vectors.txt \\
        --analogies $MT2ST_DATA_DIR/questions-words.txt \\
        --similarity $MT2ST_DATA_DIR/wordsim353.tsv $MT2ST_DATA_DIR/simlex999.txt

Loads a word2vec-format file (`--binary` for the binary format) with
KeyedVectors.load_word2vec_format, runs evaluate_word_analogies (restrict_vocab 30000,
case-insensitive) and evaluate_word_pairs on each similarity file. Output keys:

    vectors, words, dim                      the file, its vocabulary size and dimension
    load_seconds, eval_seconds               loading; all evaluation (analogy + similarity)
    analogy_seconds, similarity_seconds      the two parts of eval_seconds
    analogy: {file, questions, answered, correct, total, semantic, syntactic,
              semantic_answered, syntactic_answered, restrict_vocab, case_insensitive}
        total/semantic/syntactic are accuracies over the answered questions (null if none);
        semantic = sections not starting with "gram", syntactic = sections starting with "gram",
        computed from gensim's per-section correct/incorrect lists.
    similarity: {NAME: {file, spearman, pearson, oov_percent}} with NAME the file name without
        extension (e.g. wordsim353, simlex999); correlations are null when no pair is in vocabulary.

Errors (missing or unreadable file, bad vector file) print one line on stderr and exit 1.
"""
import argparse
import json
import logging
import math
import os
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(
        description="Evaluate word2vec-format vectors with gensim (analogies, word similarity); JSON on stdout.")
    p.add_argument("vectors", help="word2vec-format vector file (text unless --binary)")
    p.add_argument("--binary", action="store_true", help="the vector file is in word2vec binary format")
    p.add_argument("--analogies", help="Google analogy file (questions-words.txt); skipped if omitted")
    p.add_argument("--similarity", nargs="+", action="extend", default=[], metavar="FILE",
                   help="word-pair similarity files (tab separated: word1 word2 score), e.g. "
                        "wordsim353.tsv simlex999.txt; may be repeated")
    p.add_argument("--restrict-vocab", type=int, default=30000,
                   help="analogies: only the N most frequent words are candidates and questions with a "
                        "word outside them are skipped (default 30000)")
    p.add_argument("--case-sensitive", action="store_true",
                   help="analogies and similarity: do not lowercase words (default: case-insensitive)")
    p.add_argument("--unicode-errors", default="strict", choices=["strict", "replace", "ignore"],
                   help="how to treat invalid UTF-8 in the vector file (default strict: fail)")
    p.add_argument("--verbose", action="store_true", help="gensim's INFO log on stderr")
    args = p.parse_args()
    if not args.analogies and not args.similarity:
        p.error("nothing to evaluate: give --analogies and/or --similarity")
    if args.restrict_vocab <= 0:
        p.error("--restrict-vocab must be positive")
    for path in [args.vectors, args.analogies, *args.similarity]:
        if path and not os.path.isfile(path):
            p.error(f"no such file: {path}")
    return args


def ratio(correct, answered):
    return correct / answered if answered else None


def finite(x):
    x = float(x)
    return x if math.isfinite(x) else None


def count_questions(path):
    with open(path, encoding="utf8") as f:
        return sum(1 for line in f if line.strip() and not line.startswith(":"))


def evaluate_analogies(kv, path, restrict_vocab, case_insensitive):
    _score, sections = kv.evaluate_word_analogies(
        path, restrict_vocab=restrict_vocab, case_insensitive=case_insensitive)
    sums = {"semantic": [0, 0], "syntactic": [0, 0]}  # [correct, answered]
    for s in sections:
        if s["section"] == "Total accuracy":
            continue
        kind = "syntactic" if s["section"].startswith("gram") else "semantic"
        sums[kind][0] += len(s["correct"])
        sums[kind][1] += len(s["correct"]) + len(s["incorrect"])
    correct = sums["semantic"][0] + sums["syntactic"][0]
    answered = sums["semantic"][1] + sums["syntactic"][1]
    return {
        "file": path,
        "questions": count_questions(path),
        "answered": answered,
        "correct": correct,
        "total": ratio(correct, answered),
        "semantic": ratio(*sums["semantic"]),
        "syntactic": ratio(*sums["syntactic"]),
        "semantic_answered": sums["semantic"][1],
        "syntactic_answered": sums["syntactic"][1],
        "restrict_vocab": restrict_vocab,
        "case_insensitive": case_insensitive,
    }


def evaluate_pairs(kv, path, case_insensitive):
    try:
        pearson, spearman, oov = kv.evaluate_word_pairs(path, case_insensitive=case_insensitive)
    except ValueError:  # gensim raises when every pair is out of vocabulary
        return {"file": path, "spearman": None, "pearson": None, "oov_percent": 100.0}
    return {"file": path, "spearman": finite(spearman[0]), "pearson": finite(pearson[0]),
            "oov_percent": float(oov)}


def main():
    args = parse_args()
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s",
                        level=logging.INFO if args.verbose else logging.WARNING)
    from gensim.models import KeyedVectors

    case_insensitive = not args.case_sensitive
    t0 = time.perf_counter()
    try:
        kv = KeyedVectors.load_word2vec_format(args.vectors, binary=args.binary,
                                               unicode_errors=args.unicode_errors)
    except (ValueError, UnicodeDecodeError, EOFError, OSError) as e:
        sys.exit(f"gensim_eval: error: cannot load {args.vectors} "
                 f"({'binary' if args.binary else 'text'} word2vec format): {e}")
    t1 = time.perf_counter()
    result = {"vectors": args.vectors, "words": len(kv.index_to_key), "dim": kv.vector_size,
              "load_seconds": round(t1 - t0, 3)}
    if args.analogies:
        result["analogy"] = evaluate_analogies(kv, args.analogies, args.restrict_vocab, case_insensitive)
    t2 = time.perf_counter()
    result["similarity"] = {}
    for path in args.similarity:
        name = os.path.splitext(os.path.basename(path))[0]
        result["similarity"][name] = evaluate_pairs(kv, path, case_insensitive)
    t3 = time.perf_counter()
    result["analogy_seconds"] = round(t2 - t1, 3)
    result["similarity_seconds"] = round(t3 - t2, 3)
    result["eval_seconds"] = round(t3 - t1, 3)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
