"""Corpus statistics ``TextVectorizer`` sizes itself with: the count a
token needs to enter the vocabulary, and ``maxlen="auto"``; and the checks
of the parameters that shape its rows."""

from __future__ import annotations

import numpy as np

# maxlen="auto": the length that keeps this share of training documents
# whole, within these bounds.
AUTO_PERCENT = 95
AUTO_MAXLEN_LIMITS = (1, 1000)


def min_count_for(counts: np.ndarray, max_tokens: int | None) -> int:
    """The count a token needs to enter a ``max_tokens`` vocabulary (0: any)."""
    k = None if max_tokens is None else max_tokens - 2
    if k is None or k >= len(counts):
        return 0
    return int(np.partition(counts, -k)[-k]) if k else int(counts.max()) + 1


def auto_maxlen(n_tokens: np.ndarray) -> int:
    """``maxlen="auto"``: the 95th percentile of the documents' token counts,
    as the smallest count that at least 95 % of them do not exceed, clipped
    to 1 .. 1000.

    Examples
    --------
    >>> auto_maxlen(np.arange(1, 21))  # 19 of the 20 documents fit in 19
    19
    """
    n = len(n_tokens)
    if not n:
        return AUTO_MAXLEN_LIMITS[0]
    rank = -(-AUTO_PERCENT * n // 100)  # ceil(0.95 n), in integers
    value = int(np.partition(n_tokens, rank - 1)[rank - 1])
    return int(np.clip(value, *AUTO_MAXLEN_LIMITS))
