"""What regressors fit in closed form around the network: the persistence
skip's frozen weights, and the conformal shifts of quantile forecasts.

A forecaster's output is ``a * last + b`` plus the network's, where ``last``
is one feature's value at the window's last step. Fitting ``a`` and ``b``
rather than fixing them at 1 and 0 lets the window's features and ``y`` live
in different units (a ``StandardScaler`` before the window, ``y`` in °C or
standardized by ``normalize_y``), which is what a pipeline usually gives.
"""

from __future__ import annotations

import numpy as np


def persistence_fit(last, y, column) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(columns, slopes, intercepts)``, one entry per column of ``y``.

    Parameters
    ----------
    last : ndarray of shape (n_samples, n_features)
        Each window's last step.
    y : ndarray of shape (n_samples, n_outputs)
        The targets the network trains on (encoded).
    column : int or "auto"
        The feature to extrapolate; "auto" takes, for each column of ``y``,
        the feature whose value correlates best with it, if that correlation
        exceeds 0.5 in absolute value, and none otherwise (column -1, slope
        0): ``a * last + b`` with matched moments has a mean squared error of
        ``2 (1 - corr)`` times y's variance, less than the mean's only above
        0.5. A feature that never changes gets slope 0: the intercept is
        then the mean of ``y``. So does one whose ``a * last`` float32
        cannot hold (a spread below float32's smallest normal number, such
        as features of order 1e-40, or a product beyond its largest): the
        network computes in float32, where that skip would predict NaN.

    Returns
    -------
    columns : ndarray of int, shape (n_outputs,)
        The chosen feature per output, -1 for none.
    slopes, intercepts : ndarray of float, shape (n_outputs,)

    Examples
    --------
    >>> import numpy as np
    >>> last = np.array([[0.0, 1.0], [1.0, 5.0], [2.0, 2.0]])
    >>> y = 10 * last[:, :1] + 3
    >>> persistence_fit(last, y, "auto")
    (array([0]), array([10.]), array([3.]))
    """
    last = np.asarray(last, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x_centred = last - last.mean(axis=0)
    y_centred = y - y.mean(axis=0)
    variance = (x_centred**2).mean(axis=0)  # (n_features,)
    covariance = x_centred.T @ y_centred / len(y)  # (n_features, n_outputs)
    if column == "auto":
        spread = np.sqrt(variance[:, None] * (y_centred**2).mean(axis=0))
        with np.errstate(divide="ignore", invalid="ignore"):
            correlation = np.where(spread > 0, np.abs(covariance) / spread, 0.0)
        columns = np.argmax(correlation, axis=0)
        best = correlation[columns, np.arange(y.shape[1])]
        columns = np.where(best > 0.5, columns, -1)
    else:
        columns = np.full(y.shape[1], column % last.shape[1])
    outputs = np.arange(y.shape[1])
    # -1 (no feature) reads column 0 below, then gets slope 0.
    columns_read = np.maximum(columns, 0)
    chosen_variance = np.where(columns >= 0, variance[columns_read], 0.0)
    y_std = np.sqrt((y_centred**2).mean(axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        slopes = np.where(
            chosen_variance > 0,
            np.sign(covariance[columns_read, outputs])
            * y_std
            / np.sqrt(chosen_variance),
            0.0,
        )
    # The skip runs in float32: keep it only where float32 can hold it.
    float32 = np.finfo(np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        reach = np.abs(slopes) * np.abs(last).max(axis=0, initial=0)[columns_read]
    unusable = (np.sqrt(chosen_variance) < float32.tiny) | ~(reach < float32.max / 4)
    slopes = np.where(unusable, 0.0, slopes)
    if column == "auto":
        columns = np.where(unusable, -1, columns)
    intercepts = y.mean(axis=0) - slopes * last.mean(axis=0)[columns_read]
    return columns, slopes, intercepts


def quantile_shifts(y, raw, levels) -> np.ndarray:
    """Per output and level, the shift that puts that fraction of ``y`` below.

    Split conformal calibration of each quantile on rows the network did
    not train on (Romano, Patterson & Candès, "Conformalized Quantile
    Regression", NeurIPS 2019, one level at a time): the shift is the
    ``level`` empirical quantile of ``y - forecast``, so that exactly
    ``level`` of those rows fall below the shifted forecast.

    Parameters
    ----------
    y : ndarray of shape (n_rows, n_outputs)
    raw : ndarray of shape (n_rows, n_outputs, n_levels)
        The uncalibrated quantile forecasts of the same rows.
    levels : tuple of float
        The quantile level of each forecast along the last axis of ``raw``.

    Returns
    -------
    ndarray of shape (n_outputs, n_levels)

    Examples
    --------
    >>> import numpy as np
    >>> y = np.arange(100.0)[:, None]
    >>> raw = np.zeros((100, 1, 2))           # forecasts that are far too low
    >>> quantile_shifts(y, raw, (0.1, 0.9)).round(1)
    array([[ 9.9, 89.1]])
    """
    errors = np.asarray(y, dtype=np.float64)[:, :, None] - raw
    return np.stack(
        [np.quantile(errors[:, :, k], level, axis=0) for k, level in enumerate(levels)],
        axis=-1,
    )
