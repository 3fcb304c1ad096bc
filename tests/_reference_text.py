"""The readable definition of ``TextVectorizer``'s ids, written without the
code under test's fast paths: units, n-grams, counts, ranks, padding. The
text tests compare the vectorizer with it on real reviews."""

from __future__ import annotations

from skseq.text import pad, standardize


def reference_ids(train, test, *, analyzer="word", ngrams=1, max_tokens, maxlen,
                  side="pre"):  # fmt: skip
    """Token ids of ``test`` under a vocabulary counted on ``train``.

    Every n-gram of 1..``ngrams`` units is a token; tokens rank by count, then
    alphabetically; ids start at 2 (0 pads, 1 is unknown); rows are padded
    and truncated on ``side`` to ``maxlen``.
    """

    def grams(doc):
        text = standardize(doc)
        if analyzer == "word":
            segments, join = [text.split()], " ".join
        elif analyzer == "char":
            segments, join = [" ".join(text.split())], "".join
        else:  # char_wb: each word padded with one space on both sides
            segments, join = [f" {word} " for word in text.split()], "".join
        return [
            join(segment[i : i + n])
            for n in range(1, ngrams + 1)
            for segment in segments
            for i in range(len(segment) - n + 1)
        ]

    counts = {}
    for doc in train:
        for gram in grams(doc):
            counts[gram] = counts.get(gram, 0) + 1
    ranked = sorted(counts, key=lambda g: (-counts[g], g))[: max_tokens - 2]
    ids = {gram: i for i, gram in enumerate(ranked, start=2)}
    rows = [[ids.get(g, 1) for g in grams(doc)] for doc in test]
    return pad(rows, maxlen, padding=side, truncating=side)
