"""Small inputs shared by the family tests: token ids with labels, float
windows with a target, the same words padded before or after them, and the
layer kinds of a fitted model."""

import numpy as np

SMALL = dict(units=4, epochs=2, batch_size=16, random_state=0)
# A token classifier's network alone: the family tests read its layers and
# masking; the linear path beside it (linear_ngrams, on by default) is
# tested in test_ngrams.py.
SMALL_CLASSIFIER = dict(SMALL, linear_ngrams=0)
rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(48, 10))
LABELS = (TOKENS[:, -1] > 15).astype(int)
SERIES = rng.normal(size=(48, 10, 3)).astype("float32")
TARGET = SERIES[:, -1, 0]


def pre_and_post_padded(n_rows: int = 5, n_words: int = 4, width: int = 10):
    """The last ``n_words`` ids of the first rows of ``TOKENS``, once padded
    in front (pre) and once after (post), both ``width`` steps wide."""
    words = TOKENS[:n_rows, -n_words:]
    pre = np.zeros((n_rows, width), dtype=TOKENS.dtype)
    post = pre.copy()
    pre[:, -n_words:], post[:, :n_words] = words, words
    return pre, post


def layer_kinds(est) -> list[str]:
    """The network's layers, in order, without the linear path's."""
    path = {"ngram_logits", "ngram_mix", "output"}
    return [type(lay).__name__ for lay in est.model_.layers if lay.name not in path]
