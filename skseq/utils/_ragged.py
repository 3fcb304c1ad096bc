"""Ragged rows of integers, stored flat (all rows concatenated) with their
lengths: the layout TextVectorizer, SequencePadder and the token batches
share, placed into a padded matrix without a Python loop per row."""

from __future__ import annotations

import numpy as np


def scatter_rows(flat, lengths, maxlen: int, padding: str, value: int) -> np.ndarray:
    """Place the concatenated rows ``flat`` (each ``<= maxlen``) in a matrix."""
    out = np.full((len(lengths), maxlen), value, dtype=np.int32)
    first = np.arange(len(lengths), dtype=np.int64) * maxlen  # row starts in out
    if padding == "pre":
        first += maxlen - lengths
    out.reshape(-1)[ranges(first, lengths)] = flat
    return out


def ranges(first, lengths) -> np.ndarray:
    """``first[i], first[i] + 1, ..., first[i] + lengths[i] - 1`` for each i."""
    lengths = np.asarray(lengths, dtype=np.int64)
    before = np.cumsum(lengths) - lengths  # where each range starts in the result
    return np.repeat(first - before, lengths) + np.arange(int(lengths.sum()))
