"""Input checks for the estimators: clear errors before Keras sees the data."""

from __future__ import annotations

import inspect

import numpy as np
from scipy import sparse
from sklearn.utils.validation import _check_sample_weight

from skseq.utils._values import TOO_LARGE_FOR_FLOAT32, first_bad, non_finite_name
from skseq.utils._views import root_buffer

# scikit-learn >= 1.7 refuses all-zero weights itself, with a message that
# names no parameter ("Sample weights must contain..."); skseq names it.
_ZERO_WEIGHTS_OK = (
    {"allow_all_zero_weights": True}
    if "allow_all_zero_weights" in inspect.signature(_check_sample_weight).parameters
    else {}
)

# Samples checked at once: bounds the temporary memory of the finiteness test
# on lazy window views (a few MB per chunk at Jena sizes).
_CHUNK = 4096


def check_quantiles(quantiles) -> tuple[float, ...]:
    """``quantiles`` as a tuple of distinct levels strictly between 0 and 1."""
    try:
        levels = tuple(float(q) for q in quantiles)
    except (TypeError, ValueError):
        levels = ()
    bad = [q for q in levels if not 0 < q < 1]
    if not levels or bad or len(set(levels)) != len(levels):
        raise ValueError(
            "quantiles must be distinct levels strictly between 0 and 1, e.g. "
            f"(0.1, 0.5, 0.9), with loss='quantile'; got quantiles={quantiles!r}"
        )
    return levels


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
    check_dense(X, estimator_name)
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
    if arr.dtype.kind == "O":
        arr = _object_as_float(arr, estimator_name)
    check_real(arr, estimator_name)
    if arr.dtype.kind in "USb" or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(_not_numeric(estimator_name, arr.dtype))
    if arr.ndim not in (2, 3):
        hint = (
            " Reshape your data: X.reshape(1, -1) if it is one sequence, "
            "X.reshape(-1, 1) if each value is a sample of one step."
            if arr.ndim == 1
            else ""
        )
        raise ValueError(
            f"{estimator_name} expects X of shape (n_samples, n_steps) or "
            f"(n_samples, n_steps, n_features); got {arr.ndim}-D X of shape "
            f"{arr.shape}.{hint}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{estimator_name} got X with 0 samples")
    if 0 in arr.shape[1:]:
        raise ValueError(
            f"{estimator_name} got X with 0 feature(s) (shape={arr.shape}) while "
            "a minimum of 1 is required: every sample needs at least one step "
            "of one feature"
        )
    if arr.dtype.kind in "iu":
        if arr.ndim == 3:
            raise ValueError(
                f"{estimator_name} got a 3-D integer X of shape {arr.shape}; "
                "token ids must be a 2-D (n_samples, n_steps) matrix and "
                "numeric series a float array"
            )
        if arr.size and arr.min() < 0:
            row, col = first_bad(arr < 0)
            raise ValueError(
                f"{estimator_name} got a negative token id {arr[row, col]} at "
                f"sample {row}, position {col}; token ids must be >= 0"
            )
        return arr.astype(np.int32, copy=False)
    with np.errstate(over="ignore"):  # values beyond float32: refused below
        values, arr = arr, arr.astype(np.float32, copy=False)
    where = _first_non_finite(arr)
    if where is not None:
        # Only the located value is read: X may be a lazy window view that a
        # whole-array test would materialise.
        if np.isfinite(values[where]):
            raise ValueError(
                f"{estimator_name} got {float(values[where]):.6g} in X at sample "
                f"{where[0]}, step {where[1]}"
                + (f", feature {where[2]}" if arr.ndim == 3 else "")
                + f", {TOO_LARGE_FOR_FLOAT32}, the precision of the network; "
                "rescale X first, e.g. with a StandardScaler"
            )
        raise ValueError(
            f"{estimator_name} got {non_finite_name(arr[where])} in X at sample "
            f"{where[0]}, step "
            f"{where[1]}"
            + (f", feature {where[2]}" if arr.ndim == 3 else "")
            + "; fill or drop missing values before the model"
        )
    return arr


def check_dense(X, estimator_name: str) -> None:
    """Refuse a scipy sparse matrix or array, naming what to do instead."""
    if sparse.issparse(X):
        raise TypeError(
            f"{estimator_name} does not accept sparse X ({type(X).__name__}); "
            "pass a dense array, e.g. X.toarray()"
        )


def check_real(arr: np.ndarray, estimator_name: str) -> None:
    """Refuse complex values, which casting to float would silently truncate."""
    if arr.dtype.kind == "c":
        raise ValueError(
            f"{estimator_name} got complex X (dtype {arr.dtype}); Complex data "
            "not supported: pass the real part, or real and imaginary parts as "
            "two features"
        )


def check_sample_weight(sample_weight, X, dtype=None, copy=False) -> np.ndarray:
    """``sample_weight`` as an array checked against ``X``; all zeros refused.

    ``copy=True`` never returns the caller's array itself.
    """
    if sample_weight is not None:
        _check_weight_values(sample_weight)
    sample_weight = _check_sample_weight(
        sample_weight, X, dtype=dtype, copy=copy, **_ZERO_WEIGHTS_OK
    )
    if not sample_weight.any():
        raise ValueError(
            "sample_weight is 0 for every sample (all zero): nothing to fit; give some "
            "samples a positive weight"
        )
    return sample_weight


def _check_weight_values(sample_weight) -> None:
    """Refuse what scikit-learn's check would refuse with a message that
    does not name ``sample_weight`` (or from inside NumPy)."""
    expected = "a 1-D array of one number per sample (or a scalar)"
    try:
        values = np.asarray(sample_weight)
    except ValueError:
        raise ValueError(
            f"sample_weight must be {expected}; got a ragged sequence"
        ) from None
    if values.ndim > 1:
        raise ValueError(
            f"sample_weight must be {expected}; got a {values.ndim}-D array of "
            f"shape {values.shape}"
        )
    if values.dtype.kind in "biuf":
        return
    try:
        if values.dtype.kind == "c":
            raise TypeError("complex")
        values.astype(np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"sample_weight must be {expected}; got dtype {values.dtype}: "
            f"{str(sample_weight)[:80]}"
        ) from None


def _not_numeric(estimator_name: str, dtype) -> str:
    return (
        f"{estimator_name} expects numeric X (an integer token matrix or a "
        f"float array); got dtype {dtype}. Raw text needs a TextVectorizer in "
        "front of the model."
    )


def _object_as_float(arr: np.ndarray, estimator_name: str) -> np.ndarray:
    """Numbers held in an object array (e.g. a mixed DataFrame) as a numeric
    array: integers stay token ids, anything else numeric becomes float."""
    try:
        if all(isinstance(v, (int, np.integer)) for v in arr.flat):
            return arr.astype(np.int64)
        return arr.astype(np.float64)
    except ValueError:  # strings such as raw text
        raise ValueError(_not_numeric(estimator_name, arr.dtype)) from None
    except TypeError as exc:  # dicts, lists, None...
        raise TypeError(
            f"{estimator_name} expects numeric X; an element of the object "
            f"array could not be read as a number: {exc}"
        ) from None


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
            where = first_bad(~finite)
            return (start + where[0], *where[1:])
    return None
