"""Integer sequences to a padded matrix: ``pad`` and ``SequencePadder``.

The same semantics as ``keras.utils.pad_sequences`` in NumPy alone, shared by
``TextVectorizer``; both are public from ``skseq.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval, StrOptions, validate_params
from sklearn.utils.validation import check_is_fitted

from skseq.utils import (
    ArrayOutput,
    DocLinkMixin,
    VersionedState,
    ranges,
    scatter_rows,
)

_SIDE = StrOptions({"pre", "post"})
_POSITIVE = Interval(Integral, 1, None, closed="left")


@validate_params(
    {
        "sequences": ["array-like"],
        "maxlen": [_POSITIVE],
        "padding": [_SIDE],
        "truncating": [_SIDE],
        "value": [Integral],
    },
    prefer_skip_nested_validation=True,
)
def pad(
    sequences: Sequence[Sequence[int]],
    maxlen: int,
    padding: str = "pre",
    truncating: str = "pre",
    value: int = 0,
) -> np.ndarray:
    """Pad or truncate sequences into an int32 matrix, as ``pad_sequences``.

    ``truncating="pre"`` keeps the last ``maxlen`` items of a long sequence;
    ``padding="pre"`` puts the fill ``value`` before a short one.

    Parameters
    ----------
    sequences : sequence of sequence of int
        One sequence of ids per row, of any lengths.
    maxlen : int
        Columns of the result.
    padding : {"pre", "post"}, default="pre"
        Where a shorter sequence gets its fill: before or after its items.
    truncating : {"pre", "post"}, default="pre"
        Which items of a longer sequence are dropped: the first or the last.
    value : int, default=0
        The fill.

    Returns
    -------
    ndarray of shape (len(sequences), maxlen), dtype int32

    Raises
    ------
    sklearn.utils._param_validation.InvalidParameterError
        A ``ValueError`` naming the parameter, for ``maxlen`` below 1,
        ``padding`` or ``truncating`` other than "pre" and "post", or a
        ``value`` that is not an integer.

    Examples
    --------
    >>> pad([[1, 2], [3, 4, 5, 6]], maxlen=3)
    array([[0, 1, 2],
           [4, 5, 6]], dtype=int32)
    """
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    flat = np.fromiter(
        chain.from_iterable(sequences), dtype=np.int32, count=lengths.sum()
    )
    flat, lengths = _truncate_flat(flat, lengths, maxlen, truncating)
    return scatter_rows(flat, lengths, maxlen, padding, value)


def truncated_merge(counts, maxlen: int, truncating: str):
    """Plan rows made of parts in turn, cut to ``maxlen`` as ``truncating`` says.

    Row ``i`` is part 0's ``counts[0][i]`` items, then part 1's
    ``counts[1][i]``, ... (each part holds its items row by row). Returns,
    per part, ``(index, where)``: the indices of its kept items and their
    positions in the flat result; and the kept row lengths. O(kept items).
    """
    total = np.sum(counts, axis=0, dtype=np.int64)
    kept = np.minimum(total, maxlen)
    # The kept window of each full row starts at `start`; parts at `offset`.
    start = total - kept if truncating == "pre" else np.zeros_like(total)
    row_start = np.cumsum(kept) - kept
    offset = np.zeros_like(total)
    plan = []
    for count in counts:
        low = np.clip(start - offset, 0, count)
        n = np.clip(start + kept - offset, 0, count) - low
        index = ranges(np.cumsum(count) - count + low, n)
        where = ranges(row_start + offset + low - start, n)
        plan.append((index, where))
        offset = offset + count
    return plan, kept


def _truncate_flat(flat, lengths, maxlen: int, truncating: str):
    """Truncate rows given as one flat array plus their lengths."""
    kept = np.minimum(lengths, maxlen)
    if kept.sum() == len(flat):  # nothing to cut
        return flat, kept
    first = np.cumsum(lengths) - lengths  # where each row starts in flat
    if truncating == "pre":
        first += lengths - kept
    return flat[ranges(first, kept)], kept


def _check_sequences(X) -> list:
    if isinstance(X, np.ndarray) and X.ndim == 2:
        X = list(X)
    if isinstance(X, (str, bytes)) or not isinstance(X, Iterable):
        raise ValueError(
            f"X must be a list of integer sequences; got {type(X).__name__}"
        )
    sequences = []
    for position, seq in enumerate(X):
        try:
            arr = np.asarray(seq)
        except ValueError:  # ragged nesting such as [1, [2, 3]]
            raise ValueError(
                "X must be a list of 1-D integer sequences; the sequence at "
                f"position {position} is ragged: {seq!r}"
            ) from None
        if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iub"):
            raise ValueError(
                "X must be a list of 1-D integer sequences; the sequence at "
                f"position {position} has shape {arr.shape} and dtype {arr.dtype}"
            )
        if arr.size and arr.dtype.kind == "i" and arr.min() < 0:
            # An embedding has no row for it: Keras would fail deep inside,
            # or (on some backends) read another id's row.
            index = int(np.argmax(arr < 0))
            raise ValueError(
                "token ids must be >= 0 (0 is the padding id); the sequence at "
                f"position {position} holds {arr[index]} at index {index}"
            )
        sequences.append(arr)
    return sequences


class SequencePadder(
    VersionedState,
    DocLinkMixin,
    ArrayOutput,
    TransformerMixin,
    BaseEstimator,
    auto_wrap_output_keys=None,
):
    """Pad or truncate integer sequences to a common length.

    Same semantics as ``keras.utils.pad_sequences``, as a transformer, for
    data that is already tokenized (e.g. ``keras.datasets.imdb.load_data``).

    Parameters
    ----------
    maxlen : int or None, default=None
        Output length; None uses the longest sequence seen in ``fit``.
    padding : {"pre", "post"}, default="pre"
        Where the fill ``value`` goes in short sequences.
    truncating : {"pre", "post"}, default="pre"
        Which end of long sequences is cut: "pre" keeps the last items.
    value : int, default=0
        Fill value.

    Attributes
    ----------
    maxlen_ : int
        The output length actually used.

    Examples
    --------
    >>> from skseq import SequencePadder
    >>> SequencePadder(maxlen=3).fit_transform([[1, 2], [3, 4, 5, 6]])
    array([[0, 1, 2],
           [4, 5, 6]], dtype=int32)
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.text"

    _parameter_constraints: dict = {
        "maxlen": [None, _POSITIVE],
        "padding": [_SIDE],
        "truncating": [_SIDE],
        "value": [Integral],
    }

    def __init__(self, maxlen=None, padding="pre", truncating="pre", value=0):
        self.maxlen = maxlen
        self.padding = padding
        self.truncating = truncating
        self.value = value

    def fit(self, X, y=None):
        """Record the output length (``maxlen`` or the longest sequence).

        Parameters
        ----------
        X : list of sequences of int
        y : ignored

        Returns
        -------
        self : SequencePadder

        Raises
        ------
        ValueError
            For an invalid ``maxlen``, ``padding``, ``truncating`` or
            ``value``, or ``X`` that is not a list of 1-D integer sequences
            or holds a negative id (the message names the position of the
            first bad one).
        """
        self._validate_params()
        sequences = _check_sequences(X)
        self.maxlen_ = self.maxlen or max(map(len, sequences), default=1) or 1
        return self

    def transform(self, X) -> np.ndarray:
        """Pad or truncate ``X`` to an ``(n_samples, maxlen_)`` int32 matrix.

        Parameters
        ----------
        X : list of sequences of int

        Returns
        -------
        ndarray of shape (n_samples, maxlen_), dtype int32

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is not a list of 1-D integer sequences, or holds a
            negative id (the message names the position of the first bad
            one).
        OverflowError
            For an id outside the int32 range.
        """
        check_is_fitted(self)
        return pad(
            _check_sequences(X), self.maxlen_, self.padding, self.truncating, self.value
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        return tags
