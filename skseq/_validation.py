"""Input checks for the estimators: clear errors before Keras sees the data."""

from __future__ import annotations

import numpy as np

from skseq._batches import root_buffer

# Samples checked at once: bounds the temporary memory of the finiteness test
# on lazy window views (a few MB per chunk at Jena sizes).
_CHUNK = 4096


def _first_bad(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def check_target_column(column: int, n_features: int, param: str) -> int:
    """``column`` if it indexes one of ``n_features`` window features."""
    if not -n_features <= column < n_features:
        raise ValueError(
            f"{param}={column} is out of range for windows with {n_features} features"
        )
    return column


def check_sequence_input(X, estimator_name: str) -> np.ndarray:
    """Return ``X`` as an int32 token matrix or a float32 2-D/3-D array.

    Integer matrices are token ids (their model gets an ``Embedding``); float
    arrays are sequences of values, 2-D meaning one feature per time step.
    Arrays already of the right dtype are returned without a copy.
    """
    if isinstance(X, np.ndarray):
        arr = X
    elif hasattr(X, "to_numpy"):
        arr = X.to_numpy()
    else:
        try:
            arr = np.asarray(X)
        except ValueError as exc:
            raise ValueError(
                f"{estimator_name} expects X as a rectangular array; got ragged "
                "sequences. Pad them first, e.g. with SequencePadder or "
                "TextVectorizer."
            ) from exc
    if arr.dtype.kind in "OUSb" or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(
            f"{estimator_name} expects numeric X (an integer token matrix or a "
            f"float array); got dtype {arr.dtype}. Raw text needs a "
            "TextVectorizer in front of the model."
        )
    if arr.ndim not in (2, 3):
        raise ValueError(
            f"{estimator_name} expects X of shape (n_samples, n_steps) or "
            f"(n_samples, n_steps, n_features); got {arr.ndim}-D X of shape "
            f"{arr.shape}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{estimator_name} got X with 0 samples")
    if arr.dtype.kind in "iu":
        if arr.ndim == 3:
            raise ValueError(
                f"{estimator_name} got a 3-D integer X of shape {arr.shape}; "
                "token ids must be a 2-D (n_samples, n_steps) matrix and "
                "numeric series a float array"
            )
        if arr.size and arr.min() < 0:
            row, col = _first_bad(arr < 0)
            raise ValueError(
                f"{estimator_name} got a negative token id {arr[row, col]} at "
                f"sample {row}, position {col}; token ids must be >= 0"
            )
        return arr.astype(np.int32, copy=False)
    arr = arr.astype(np.float32, copy=False)
    where = _first_non_finite(arr)
    if where is not None:
        raise ValueError(
            f"{estimator_name} got a non-finite value {arr[where]} in X at "
            f"sample {where[0]}, step {where[1]}"
            + (f", feature {where[2]}" if arr.ndim == 3 else "")
        )
    return arr


def _first_non_finite(arr: np.ndarray) -> tuple[int, ...] | None:
    """Index of the first NaN/inf in ``arr``, without materialising a view.

    A window view is finite when the series under it is, which is far cheaper
    to test; otherwise the samples are scanned in chunks.
    """
    root = root_buffer(arr)
    if root is not arr and root.nbytes < arr.nbytes and np.isfinite(root).all():
        return None
    for start in range(0, len(arr), _CHUNK):
        finite = np.isfinite(arr[start : start + _CHUNK])
        if not finite.all():
            where = _first_bad(~finite)
            return (start + where[0], *where[1:])
    return None
