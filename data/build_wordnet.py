#!/usr/bin/env python3
"""Builds the MT2ST knowledge files from a WordNet 3.0 database directory (Debian's wordnet-base:
/usr/share/wordnet: data.noun/verb/adj/adv and the *.exc exception lists).

    python3 data/build_wordnet.py --wordnet /usr/share/wordnet --output-dir data/out

Writes, each sorted, with a '#' header (source and counts per kind), atomically (temporary file,
then rename):

  wordnet-constraints.txt   'synonym w1 w2' (same synset) and 'antonym w1 w2' (WordNet's lexical
                            antonym pointers); w1 < w2; for the attract-repel objective.
  wordnet-relations.txt     'relation word1 word2' pairs for the relation-analogy task (word1 the
                            base, word2 the related word), see RELATIONS below.

Only single-word lemmas made of the letters a-z after lower-casing are kept (the corpora are
normalised like text8). Regular inflections are generated for every WordNet lemma of the part of
speech; a lemma with an entry in the exception list gets the exception's form instead. A generated
form that is not an English word is harmless: training keeps only pairs whose two words are in the
corpus vocabulary. The output depends only on the input files (no dates, no hashing order).
"""
import argparse
import os
import re
import sys

WORD = re.compile(r"^[a-z]+$")
VOWELS = set("aeiou")

# relation name -> what word1 and word2 are (written into the header).
RELATIONS = {
    "noun-plural": "noun, its plural (regular rules + noun.exc)",
    "verb-3rd-person": "verb, its 3rd person singular present (regular rules + verb.exc)",
    "verb-past": "verb, its past tense (regular rules + verb.exc)",
    "verb-participle": "verb, its past participle (regular rules + verb.exc)",
    "verb-present-participle": "verb, its -ing form (regular rules + verb.exc)",
    "adj-comparative": "adjective, its comparative (regular rules + adj.exc)",
    "adj-superlative": "adjective, its superlative (regular rules + adj.exc)",
    "adj-adverb": "adjective, the adverb derived from it (adverb pertainym pointers)",
    "pertainym": "noun, the adjective pertaining to it (adjective pertainym pointers, e.g. france french)",
    "derivation-verb-noun": "verb, a noun derivationally related to it (+ pointers)",
    "derivation-adj-noun": "adjective, a noun derivationally related to it (+ pointers)",
    "part-holonym": "part, the whole it is a part of (#p pointers, e.g. paris france)",
    "hypernym": "word, a word of its hypernym synset (@ pointers)",
}


def clean(lemma):
    """The lower-case single word of a WordNet lemma, or None (multi-word, hyphen, digits)."""
    lemma = re.sub(r"\([a-z]+\)$", "", lemma).lower()  # adjective markers (a), (p), (ip)
    return lemma if WORD.match(lemma) and len(lemma) > 1 else None


def read_data(path, pos):
    """{offset: (words, pointers)}: words as cleaned lemmas (None for dropped ones, keeping the
    positions pointers refer to); pointers as (symbol, offset, pos, source, target)."""
    synsets = {}
    with open(path, encoding="latin-1") as f:
        for number, line in enumerate(f, 1):
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ")[0].split()
            try:
                offset = fields[0]
                w_cnt = int(fields[3], 16)
                words = [clean(fields[4 + 2 * i]) for i in range(w_cnt)]
                i = 4 + 2 * w_cnt
                p_cnt = int(fields[i])
                pointers = []
                for k in range(p_cnt):
                    sym, off, ppos, st = fields[i + 1 + 4 * k: i + 5 + 4 * k]
                    pointers.append((sym, off, "a" if ppos == "s" else ppos, int(st[:2], 16), int(st[2:], 16)))
            except (IndexError, ValueError) as e:
                sys.exit(f"build_wordnet: {path}:{number}: malformed synset line ({e})")
            synsets[offset] = (words, pointers)
    return synsets


def read_exceptions(path):
    """[(inflected, base)] of single words."""
    pairs = []
    with open(path, encoding="latin-1") as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if len(fields) < 2:
                sys.exit(f"build_wordnet: {path}:{number}: expected 'inflected base ...'")
            inflected = clean(fields[0])
            for base in fields[1:]:
                base = clean(base)
                if inflected and base and inflected != base:
                    pairs.append((inflected, base))
    return pairs


def consonant_y(word):
    return len(word) > 1 and word.endswith("y") and word[-2] not in VOWELS


def plural(word):  # also the 3rd person singular of a verb
    if consonant_y(word):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def third_person(word):
    if len(word) > 1 and word.endswith("o") and word[-2] not in VOWELS:
        return word + "es"  # goes, does, echoes
    return plural(word)


# Verbs whose participle is the base itself (verb.exc lists only the past: came, ran).
PARTICIPLE_IS_BASE = {"come", "become", "overcome", "run", "outrun", "overrun", "rerun"}
# Present-tense forms verb.exc lists under "be".
PRESENT = {"am", "are"}


def past(word):
    if word.endswith("e"):
        return word + "d"
    if consonant_y(word):
        return word[:-1] + "ied"
    return word + "ed"


def ing(word):
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return word[:-1] + "ing"
    return word + "ing"


def comparative(word, suffix):  # suffix "er" or "est"
    if word.endswith("e"):
        return word + suffix[1:]
    if consonant_y(word):
        return word[:-1] + "i" + suffix
    return word + suffix


def lemmas(synsets):
    return sorted({w for words, _ in synsets.values() for w in words if w})


def participle_of(forms):
    """Of a verb's two or more irregular past forms, the participle (seen, gone, begun), or None."""
    for f in forms:
        if f.endswith(("en", "ne", "wn")) and not f.endswith("ran"):
            return f
    for f in forms:
        if "u" in f and any("a" in g and g.replace("a", "u", 1) == f for g in forms if g != f):
            return f
    return None


def inflections(data, exc):
    rel = set()
    # Nouns: plural.
    irregular = {}
    for inflected, base in exc["noun"]:
        irregular.setdefault(base, []).append(inflected)
    for noun in lemmas(data["noun"]):
        for form in irregular.get(noun, [plural(noun)]):
            rel.add(("noun-plural", noun, form))
    # Verbs: 3rd person, past, participle, -ing.
    forms = {}
    for inflected, base in exc["verb"]:
        forms.setdefault(base, []).append(inflected)
    for verb in lemmas(data["verb"]):
        own = forms.get(verb, [])
        third = [f for f in own if f.endswith("s") and f != "was"]
        ings = [f for f in own if f.endswith("ing")]
        pasts = sorted(f for f in own if f not in third and f not in ings and f not in PRESENT)
        for f in third or [third_person(verb)]:
            rel.add(("verb-3rd-person", verb, f))
        for f in ings or [ing(verb)]:
            rel.add(("verb-present-participle", verb, f))
        if not pasts:
            rel.add(("verb-past", verb, past(verb)))
            rel.add(("verb-participle", verb, past(verb)))
        elif len(pasts) == 1:  # taught, kept, abetted: past = participle
            rel.add(("verb-past", verb, pasts[0]))
            if verb not in PARTICIPLE_IS_BASE:  # a pair (run, run) teaches nothing
                rel.add(("verb-participle", verb, pasts[0]))
        else:
            part = participle_of(pasts)
            if part is None:
                continue  # ambiguous: left out rather than guessed
            rel.add(("verb-participle", verb, part))
            for f in pasts:
                if f != part:
                    rel.add(("verb-past", verb, f))
    # Adjectives: comparative, superlative (one-word adjectives; long ones take more/most and their
    # generated forms are not words, so the vocabulary drops them).
    degrees = {}
    for inflected, base in exc["adj"]:
        kind = "adj-superlative" if inflected.endswith("st") else "adj-comparative"
        degrees.setdefault(base, {}).setdefault(kind, []).append(inflected)
    for adj in lemmas(data["adj"]):
        own = degrees.get(adj, {})
        for kind, suffix in (("adj-comparative", "er"), ("adj-superlative", "est")):
            for f in own.get(kind, [comparative(adj, suffix)]):
                rel.add((kind, adj, f))
    return rel


def pointer_pairs(data):
    """Synonyms, antonyms and the pointer relations."""
    constraints, rel = set(), set()
    for pos, synsets in data.items():
        for offset, (words, pointers) in synsets.items():
            single = [w for w in words if w]
            for i, u in enumerate(single):
                for v in single[i + 1:]:
                    if u != v:
                        constraints.add(("synonym", min(u, v), max(u, v)))
            for sym, off, ppos, source, target in pointers:
                other = data[ppos].get(off)
                if other is None:
                    continue
                if source and target:  # lexical pointer: word to word
                    u, v = words[source - 1], other[0][target - 1]
                    if not u or not v or u == v:
                        continue
                    if sym == "!":
                        constraints.add(("antonym", min(u, v), max(u, v)))
                    elif sym == "\\" and pos == "a" and ppos == "n":
                        rel.add(("pertainym", v, u))
                    elif sym == "\\" and pos == "r" and ppos == "a":
                        rel.add(("adj-adverb", v, u))
                    elif sym == "+" and pos == "v" and ppos == "n":
                        rel.add(("derivation-verb-noun", u, v))
                    elif sym == "+" and pos == "a" and ppos == "n":
                        rel.add(("derivation-adj-noun", u, v))
                elif not source and not target:  # semantic pointer: synset to synset
                    kind = {"#p": "part-holonym", "@": "hypernym", "@i": "hypernym"}.get(sym)
                    if kind is None or ppos != pos:
                        continue
                    for u in single:
                        for v in other[0]:
                            if v and v != u:
                                rel.add((kind, u, v))
    return constraints, rel


def write(path, header, rows):
    tmp = f"{path}.tmp.{os.getpid()}"
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        for line in header:
            f.write(f"# {line}\n")
        for row in rows:
            f.write(" ".join(row) + "\n")
    os.replace(tmp, path)


def counts(rows, kinds):
    n = {k: 0 for k in kinds}
    for row in rows:
        n[row[0]] += 1
    return [f"{k}: {n[k]}" for k in kinds]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet database directory")
    parser.add_argument("--output-dir", required=True)
    args = parser.parse_args()
    names = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    data, exc = {}, {}
    for name, pos in names.items():
        path = os.path.join(args.wordnet, f"data.{name}")
        if not os.path.exists(path):
            sys.exit(f"build_wordnet: {path} is missing (install Debian's wordnet-base)")
        data[pos] = read_data(path, pos)
        exc[name] = read_exceptions(os.path.join(args.wordnet, f"{name}.exc"))
    constraints, rel = pointer_pairs(data)
    rel |= inflections({k: data[v] for k, v in names.items()}, exc)
    constraints, rel = sorted(constraints), sorted(rel)
    source = "WordNet 3.0 (Princeton University; WordNet licence), built by data/build_wordnet.py"
    write(os.path.join(args.output_dir, "wordnet-constraints.txt"),
          [source, "kind word1 word2: synonym = attract, antonym = repel"]
          + counts(constraints, ["synonym", "antonym"]), constraints)
    write(os.path.join(args.output_dir, "wordnet-relations.txt"),
          [source, "relation word1 word2"] + [f"{k}: {v}" for k, v in RELATIONS.items()]
          + counts(rel, list(RELATIONS)), rel)
    print(f"build_wordnet: {len(constraints)} constraints, {len(rel)} relation pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
