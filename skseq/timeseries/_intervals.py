"""Quantile forecasts through the objects that wrap a quantile regressor.

scikit-learn's ``Pipeline``, ``TransformedTargetRegressor`` and searches
route ``predict`` but no other prediction method, so a regressor trained
with ``loss="quantile"`` inside them cannot be asked for its quantiles
directly. :func:`predict_quantiles` walks those wrappers as ``predict``
would: the pipeline's transformers first, then the regressor's
``predict_quantiles``, then the target transformer's inverse, which keeps
quantiles quantiles when it is increasing (``StandardScaler``, a log).
"""

from __future__ import annotations

import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

__all__ = ["interval_coverage", "predict_quantiles"]


def predict_quantiles(estimator, X) -> np.ndarray:
    """The quantile forecasts of a fitted quantile regressor, wrapped or not.

    Parameters
    ----------
    estimator : fitted estimator
        A skseq regressor with ``loss="quantile"``, or a ``Pipeline``,
        ``TransformedTargetRegressor`` or search (``best_estimator_``)
        around one, nested in any order.
    X : array-like
        What ``estimator.predict`` takes.

    Returns
    -------
    ndarray of shape (n_samples, n_quantiles), or (n_samples, n_outputs,
    n_quantiles) for a 2-D target; float64
        In the order of the regressor's ``quantiles_``, in y's units.

    Raises
    ------
    TypeError
        If no regressor with ``predict_quantiles`` ends ``estimator``.
    ValueError
        If a target transformer is not increasing (its inverse would swap
        the quantiles' order).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.compose import TransformedTargetRegressor
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skseq import GRURegressor, SlidingWindow
    >>> from skseq.intervals import predict_quantiles
    >>> series = np.sin(np.arange(300) / 8).reshape(-1, 1) * 10 + 20
    >>> model = TransformedTargetRegressor(
    ...     make_pipeline(SlidingWindow(24, delay=6), GRURegressor(
    ...         units=4, epochs=1, loss="quantile", random_state=0)),
    ...     transformer=StandardScaler(),
    ... ).fit(series, series[:, 0])
    >>> predict_quantiles(model, series[:4]).shape
    (4, 3)
    """
    if hasattr(estimator, "best_estimator_"):
        return predict_quantiles(estimator.best_estimator_, X)
    if isinstance(estimator, TransformedTargetRegressor):
        check_is_fitted(estimator)
        quantiles = predict_quantiles(estimator.regressor_, X)
        return _inverse(estimator.transformer_, quantiles)
    if isinstance(estimator, Pipeline):
        for _, step in estimator.steps[:-1]:
            if step is not None and step != "passthrough":
                X = step.transform(X)
        return predict_quantiles(estimator.steps[-1][1], X)
    if not hasattr(estimator, "predict_quantiles"):
        raise TypeError(
            f"{type(estimator).__name__} has no predict_quantiles: fit a skseq "
            "regressor with loss='quantile' (alone or at the end of a Pipeline)"
        )
    return estimator.predict_quantiles(X)


def _inverse(transformer, quantiles: np.ndarray) -> np.ndarray:
    """Map each quantile column back through ``transformer.inverse_transform``."""
    shape = quantiles.shape
    columns = quantiles.reshape(shape[0], -1, shape[-1])  # (n, n_outputs, n_q)
    inverse = np.stack(
        [
            np.asarray(
                transformer.inverse_transform(columns[:, :, k]), dtype=float
            ).reshape(shape[0], -1)
            for k in range(shape[-1])
        ],
        axis=-1,
    )
    # Levels come in the caller's order: compare the order of the values.
    before = np.diff(columns, axis=-1)
    after = np.diff(inverse.reshape(columns.shape), axis=-1)
    if (before * after < 0).any():
        raise ValueError(
            f"the target transformer {type(transformer).__name__} reverses the "
            "order of the quantiles: it must be increasing"
        )
    return inverse.reshape(shape)


def interval_coverage(y, lower, upper) -> float:
    """The fraction of ``y`` inside ``[lower, upper]`` (bounds included).

    An 80 % interval (quantiles 0.1 and 0.9) is calibrated when this is
    close to 0.8 on data not used in training.

    Parameters
    ----------
    y, lower, upper : array-like of the same shape

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    ValueError
        If the shapes differ, the arrays are empty or hold NaN, or a lower
        bound exceeds its upper bound (swapped arguments, or the bounds of
        quantiles given in the wrong order): the message names the first
        such position.

    Examples
    --------
    >>> interval_coverage([1, 2, 3, 4], [0, 0, 0, 5], [2, 2, 2, 6])
    0.5
    """
    y, lower, upper = (np.asarray(a, dtype=float) for a in (y, lower, upper))
    if not y.shape == lower.shape == upper.shape:
        raise ValueError(
            f"y, lower and upper must have the same shape; got {y.shape}, "
            f"{lower.shape} and {upper.shape}"
        )
    if y.size == 0:
        raise ValueError("y, lower and upper are empty; coverage needs values")
    for name, values in (("y", y), ("lower", lower), ("upper", upper)):
        if np.isnan(values).any():
            at = tuple(int(i) for i in np.argwhere(np.isnan(values))[0])
            raise ValueError(f"{name} holds NaN at position {at}")
    crossed = lower > upper
    if crossed.any():
        at = tuple(int(i) for i in np.argwhere(crossed)[0])
        raise ValueError(
            f"lower exceeds upper at position {at} ({lower[at]} > {upper[at]}): "
            "pass the lower quantile first"
        )
    return float(np.mean((lower <= y) & (y <= upper)))
