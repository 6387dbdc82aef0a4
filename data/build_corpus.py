#!/usr/bin/env python3
"""Builds the plain text of the default corpus (base.txt) from its three sources, in this order:

1. the English Wikipedia sample shipped in the gensim wheel (bz2 XML dump): articles of namespace 0,
   markup removed with gensim's `filter_wiki`, articles with fewer than 50 tokens (redirects, stubs)
   dropped, one article per line;
2. the GCIDE dictionary (Debian `dict-gcide`, `gcide.dict.dz`);
3. the WordNet 3.0 glosses (Debian `dict-wn`, `wn.dict.dz`).

Dictionary text is cut into paragraphs at empty lines, one paragraph per output line. From each
paragraph we remove, in this order: pronunciations `\\...\\` (within one line), bracketed notes
`[...]` (etymologies, `[1913 Webster]`, `[syn: ...]`, accent codes such as `[e^]`) and, in GCIDE only,
quotation sources such as `--Shak.` or `--Sir W. Scott.`. Paragraphs with fewer than 4 tokens are
dropped.

Every line is normalised like text8: lowercase, every run of characters outside a-z becomes one
space, no leading/trailing space. The output is written to a temporary file and renamed into place.

Needs gensim (for the Wikipedia part) in the running interpreter: run it with bench/.venv's python.
Usage: build_corpus.py --wiki WIKI.xml.bz2 --gcide gcide.dict.dz --wordnet wn.dict.dz --output base.txt
"""
import argparse
import bz2
import gzip
import os
import re
import sys
import tempfile

WIKI_MIN_TOKENS = 50
DICT_MIN_TOKENS = 4

NOT_LETTERS = re.compile(r"[^a-z]+")
PRONUNCIATION = re.compile(r"\\[^\\\n]*\\")
BRACKETED = re.compile(r"\[[^\]]*\]")
CITATION = re.compile(r"--[A-Z][A-Za-z. ]+")


def normalise(text):
    """text8 normalisation: the a-z words of `text`, lowercased, joined by single spaces."""
    return NOT_LETTERS.sub(" ", text.lower()).split()


def wiki_lines(path):
    try:
        from gensim.corpora.wikicorpus import extract_pages, filter_wiki
    except ImportError as e:
        raise SystemExit(f"build_corpus: error: gensim is needed for the Wikipedia part ({e}); "
                         "run this with bench/.venv/bin/python (bash bench/setup-venv.sh)")

    with bz2.open(path, "rb") as f:
        for _title, text, _pageid in extract_pages(f, filter_namespaces=("0",)):
            tokens = normalise(filter_wiki(text))
            if len(tokens) >= WIKI_MIN_TOKENS:
                yield tokens


def dictionary_lines(path, remove_citations):
    # dictd files are gzip (dictzip) compressed; latin-1 keeps every byte (non-ASCII bytes are
    # outside a-z and become spaces anyway).
    with gzip.open(path, "rb") as f:
        text = f.read().decode("latin-1")
    for paragraph in text.split("\n\n"):
        paragraph = PRONUNCIATION.sub("", paragraph)
        paragraph = BRACKETED.sub("", paragraph)
        if remove_citations:
            paragraph = CITATION.sub(" ", paragraph)
        tokens = normalise(paragraph)
        if len(tokens) >= DICT_MIN_TOKENS:
            yield tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wiki", required=True, help="enwiki-...-shortened.bz2 from the gensim wheel")
    parser.add_argument("--gcide", required=True, help="gcide.dict.dz from Debian dict-gcide")
    parser.add_argument("--wordnet", required=True, help="wn.dict.dz from Debian dict-wn")
    parser.add_argument("--output", required=True, help="plain text output (written atomically)")
    args = parser.parse_args()

    parts = [
        ("wikipedia", lambda: wiki_lines(args.wiki)),
        ("gcide", lambda: dictionary_lines(args.gcide, remove_citations=True)),
        ("wordnet", lambda: dictionary_lines(args.wordnet, remove_citations=False)),
    ]
    out_dir = os.path.dirname(os.path.abspath(args.output))
    fd, tmp = tempfile.mkstemp(prefix=".build_corpus.", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as out:
            for name, lines in parts:
                n_lines = n_tokens = 0
                for tokens in lines():
                    out.write(" ".join(tokens))
                    out.write("\n")
                    n_lines += 1
                    n_tokens += len(tokens)
                print(f"build_corpus: {name}: {n_lines} lines, {n_tokens} tokens", file=sys.stderr)
        os.replace(tmp, args.output)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    try:
        main()
    except (OSError, EOFError, ValueError) as e:
        print(f"build_corpus: error: {e}", file=sys.stderr)
        sys.exit(1)
