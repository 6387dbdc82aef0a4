#!/usr/bin/env python3
"""Trains a gensim 4.4.0 reference model (Word2Vec Skip-Gram/CBOW or FastText), writes its word
vectors in word2vec format and prints one JSON object on stdout with its timings and peak memory.

Run with bench/.venv's python (bash bench/setup-venv.sh). Example (the settings of REFERENCE.md):

    bench/.venv/bin/python bench/gensim_train.py --corpus $MT2ST_DATA_DIR/base.txt.gz \\
        --model word2vec --arch sg --output /tmp/gensim-sg.txt

Input: `LineSentence` by default (reads .gz itself; lines longer than 10,000 tokens are split, as
gensim always does), or `--corpus-file` for gensim's faster corpus_file mode (a gzipped corpus is
first decompressed to a temporary file; that time is reported as prepare_seconds and is not part of
training). Output keys:

    model, arch, input_mode, corpus, output, settings{...}
    vocab_size, corpus_words (raw tokens in one pass), epochs
    prepare_seconds     decompression for --corpus-file (0 otherwise)
    vocab_seconds       build_vocab
    train_seconds       train (all epochs)
    write_seconds       writing the vectors
    total_seconds       all of the above
    words_per_second    corpus_words * epochs / train_seconds (raw words, as word2vec C counts them)
    effective_words     words actually trained on after sub-sampling (gensim's count)
    peak_rss_mb         peak resident memory of this process (getrusage ru_maxrss)

Errors (missing corpus, bad options) print one line on stderr and exit non-zero; the vector file is
written to a temporary name and renamed, so a failed run leaves none.
"""
import argparse
import gzip
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time


def positive_int(s):
    v = int(s)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {s}")
    return v


def non_negative_int(s):
    v = int(s)
    if v < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {s}")
    return v


def non_negative_float(s):
    v = float(s)
    if not v >= 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {s}")
    return v


def parse_args():
    p = argparse.ArgumentParser(
        description="Train a gensim Word2Vec or FastText reference model; vectors to --output, JSON on stdout.")
    p.add_argument("--corpus", required=True, help="training text, one sentence per line, plain or .gz")
    p.add_argument("--output", required=True, help="where to write the word vectors (word2vec format)")
    p.add_argument("--binary", action="store_true", help="write word2vec binary instead of text")
    p.add_argument("--model", choices=["word2vec", "fasttext"], default="word2vec",
                   help="gensim Word2Vec or FastText (default word2vec)")
    p.add_argument("--arch", choices=["sg", "cbow"], default="sg", help="Skip-Gram or CBOW (default sg)")
    p.add_argument("--corpus-file", action="store_true",
                   help="use gensim's corpus_file mode instead of LineSentence")
    p.add_argument("--dim", type=positive_int, default=100, help="vector dimension (default 100)")
    p.add_argument("--window", type=positive_int, default=5, help="context window (default 5)")
    p.add_argument("--negative", type=positive_int, default=5, help="negative samples (default 5)")
    p.add_argument("--min-count", type=positive_int, default=5, help="minimum word count (default 5)")
    p.add_argument("--sample", type=non_negative_float, default=1e-3,
                   help="sub-sampling threshold, 0 = off (default 1e-3)")
    p.add_argument("--epochs", type=positive_int, default=5, help="passes over the corpus (default 5)")
    p.add_argument("--workers", type=positive_int, default=2, help="worker threads (default 2)")
    p.add_argument("--seed", type=non_negative_int, default=1, help="random seed (default 1)")
    p.add_argument("--alpha", type=non_negative_float, default=None,
                   help="initial learning rate (default: gensim's, 0.025)")
    p.add_argument("--minn", type=non_negative_int, default=3,
                   help="fasttext: shortest character n-gram (default 3)")
    p.add_argument("--maxn", type=non_negative_int, default=6,
                   help="fasttext: longest character n-gram, 0 = no n-grams (default 6)")
    p.add_argument("--bucket", type=positive_int, default=2000000,
                   help="fasttext: hash buckets for n-grams (default 2000000)")
    p.add_argument("--verbose", action="store_true", help="gensim's INFO log (progress) on stderr")
    args = p.parse_args()
    if not os.path.isfile(args.corpus):
        p.error(f"no such file: {args.corpus}")
    if not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
        p.error(f"the folder of --output does not exist: {args.output}")
    if args.model == "fasttext" and args.maxn and args.minn > args.maxn:
        p.error(f"--minn ({args.minn}) must not exceed --maxn ({args.maxn})")
    return args


def is_gzip(path):
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def main():
    args = parse_args()
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s",
                        level=logging.INFO if args.verbose else logging.WARNING)
    from gensim.models import FastText, Word2Vec
    from gensim.models.word2vec import LineSentence

    settings = dict(vector_size=args.dim, window=args.window, negative=args.negative, hs=0,
                    min_count=args.min_count, sample=args.sample, epochs=args.epochs,
                    workers=args.workers, seed=args.seed, sg=1 if args.arch == "sg" else 0)
    if args.alpha is not None:
        settings["alpha"] = args.alpha
    if args.model == "fasttext":
        settings.update(min_n=args.minn, max_n=args.maxn, bucket=args.bucket)
    model_class = FastText if args.model == "fasttext" else Word2Vec

    out_dir = os.path.dirname(os.path.abspath(args.output))
    temp_paths = []
    stage = args.corpus  # what an error is about: the corpus until training ends, then the output
    try:
        t0 = time.perf_counter()
        if args.corpus_file:
            corpus_path = args.corpus
            if is_gzip(args.corpus):
                fd, corpus_path = tempfile.mkstemp(prefix="gensim_train.", suffix=".txt")
                temp_paths.append(corpus_path)
                with os.fdopen(fd, "wb") as dst, gzip.open(args.corpus, "rb") as src:
                    shutil.copyfileobj(src, dst, 1 << 20)
            source = dict(corpus_file=corpus_path)
        else:
            source = dict(corpus_iterable=LineSentence(args.corpus))
        t1 = time.perf_counter()

        model = model_class(**settings)
        model.build_vocab(**source)
        if not model.wv.index_to_key:
            raise ValueError(f"no word occurs --min-count {args.min_count} times or more")
        t2 = time.perf_counter()
        if args.corpus_file:
            trained = model.train(corpus_file=source["corpus_file"], total_words=model.corpus_total_words,
                                  epochs=model.epochs)
        else:
            trained = model.train(source["corpus_iterable"], total_examples=model.corpus_count,
                                  epochs=model.epochs)
        t3 = time.perf_counter()

        stage = args.output
        fd, tmp_out = tempfile.mkstemp(prefix=".gensim_train.", dir=out_dir)
        os.close(fd)
        temp_paths.append(tmp_out)
        model.wv.save_word2vec_format(tmp_out, binary=args.binary)
        os.replace(tmp_out, args.output)
        temp_paths.remove(tmp_out)
        t4 = time.perf_counter()
    except (OSError, EOFError, ValueError, RuntimeError) as e:
        sys.exit(f"gensim_train: error: {stage}: {e}")
    finally:
        for path in temp_paths:
            if os.path.exists(path):
                os.unlink(path)

    corpus_words = int(model.corpus_total_words)
    result = {
        "model": args.model,
        "arch": args.arch,
        "input_mode": "corpus_file" if args.corpus_file else "LineSentence",
        "corpus": args.corpus,
        "output": args.output,
        "settings": {k: v for k, v in settings.items()},
        "vocab_size": len(model.wv.index_to_key),
        "corpus_words": corpus_words,
        "epochs": model.epochs,
        "prepare_seconds": round(t1 - t0, 3),
        "vocab_seconds": round(t2 - t1, 3),
        "train_seconds": round(t3 - t2, 3),
        "write_seconds": round(t4 - t3, 3),
        "total_seconds": round(t4 - t0, 3),
        "words_per_second": round(corpus_words * model.epochs / (t3 - t2)) if t3 > t2 else None,
        "effective_words": int(trained[0]) if trained else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
