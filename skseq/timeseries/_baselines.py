"""The common-sense baseline every forecaster has to beat."""

from __future__ import annotations

import warnings
from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin, _fit_context
from sklearn.utils.validation import (
    assert_all_finite,
    check_is_fitted,
    column_or_1d,
)

from skseq.utils import (
    DocLinkMixin,
    VersionedState,
    check_sample_weight,
    check_sequence_input,
    check_target_column,
    non_finite_name,
)

__all__ = ["PersistenceRegressor"]


class PersistenceRegressor(VersionedState, DocLinkMixin, RegressorMixin, BaseEstimator):
    """Predict that the target keeps its last observed value.

    For windows from :class:`SlidingWindow` the forecast for row ``i`` is the
    value of column ``target_column`` at the last step of its window, i.e. at
    row ``i - delay``: "the temperature 24 hours from now will be what it is
    now". Nothing is learned; ``fit`` only checks the input. Use it inside
    the same Pipeline and grid as the neural models, e.g.
    ``{"model": [PersistenceRegressor(target_column=1), GRURegressor()]}``.

    **Several horizons.** With a 2-D ``y`` of shape (n_samples, n_outputs),
    e.g. from :func:`horizon_targets` with windows from
    ``SlidingWindow(..., delay=max(horizons))``, every column is predicted by
    the same last value: the persistence forecast for lead time ``h`` is the
    value ``h`` rows before its target, the end of the window. Score each
    column with ``mean_absolute_error(Y, P, multioutput="raw_values")``.
    ``TransformedTargetRegressor(transformer=StandardScaler())`` scales each
    column of ``y`` on its own, so column ``k`` then forecasts the last
    value's z-score in column ``k``'s units, off the last value by the
    difference between the columns' means and spreads (up to 0.3 °C on three
    weeks of Jena rows); fit on unscaled windows and ``y`` for exact
    persistence.

    The window and ``y`` must be in the same units: either both unscaled, or
    both standardised on the same rows (``StandardScaler`` before the window
    and ``TransformedTargetRegressor(transformer=StandardScaler())`` around
    the pipeline, when ``y`` is that column). ``fit`` warns when their means
    or spreads differ so much that this looks violated.

    Parameters
    ----------
    target_column : int, default=0
        Position of the target among the window's features (negative counts
        from the end).

    Attributes
    ----------
    n_features_in_ : int
        Time steps per window seen in ``fit`` (``X.shape[1]``, as for every
        skseq model).
    n_outputs_ : int
        Columns of the ``y`` seen in ``fit`` (1 for a 1-D ``y``).
    window_shape_ : tuple of int
        ``(n_steps, n_features)`` of the windows seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import PersistenceRegressor, SlidingWindow
    >>> from sklearn.pipeline import make_pipeline
    >>> X = np.arange(12, dtype=float).reshape(-1, 2)
    >>> y = X[:, 1]
    >>> model = make_pipeline(SlidingWindow(lookback=2, delay=1),
    ...                       PersistenceRegressor(target_column=1))
    >>> model.fit(X, y).predict(X)
    array([1., 1., 3., 5., 7., 9.], dtype=float32)
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.baselines"

    _parameter_constraints: dict = {"target_column": [Integral]}

    def __init__(self, target_column=0):
        self.target_column = target_column

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Check ``X`` and ``y``; persistence has nothing to learn.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps, n_features) or (n_samples, n_steps)
            Windows, e.g. from :class:`SlidingWindow`; 2-D X is one feature
            per step, as for the neural models.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Targets, in the units of the target column; one column per
            horizon for a 2-D ``y``. A 2-D ``y`` with one column is read as
            1-D, with a ``DataConversionWarning``.
        sample_weight : array-like of shape (n_samples,), default=None
            Ignored; accepted so that the baseline fits wherever models do.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If ``target_column`` is no int in range for the windows; if ``X``
            is no 2-D or 3-D numeric array or has NaN or infinity (the message
            names the sample, step and feature); if ``y`` is None, not numeric,
            not one row per window, or has NaN or infinity; if
            ``sample_weight`` is not one weight per sample or is all zeros.
        TypeError
            For sparse ``X``, or ``X`` holding objects that are no numbers.
        """
        if y is None:
            raise ValueError(
                "PersistenceRegressor requires y to be passed, but the target y is None"
            )
        X = self._windows(X)
        self.n_features_in_ = X.shape[1]
        self.window_shape_ = X.shape[1:]
        self._column(X.shape[2])
        y = np.asarray(y, dtype=np.float64)
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        two_d = y.ndim == 2 and y.shape[0] == len(X) and y.shape[1] > 0
        if not (y.shape == (len(X),) or two_d):
            raise ValueError(
                f"PersistenceRegressor needs y of shape ({len(X)},) or "
                f"({len(X)}, n_outputs) to match X; got {y.shape}"
            )
        if y.ndim == 2 and not np.isfinite(y).all():
            row, column = np.argwhere(~np.isfinite(y))[0]
            raise ValueError(
                f"Input y contains {non_finite_name(y[row, column])} at row {row}, "
                f"column {column}; keep the rows that have every target (for "
                "horizon_targets: Y.notna().all(axis=1))"
            )
        assert_all_finite(y, input_name="y")
        if sample_weight is not None:
            check_sample_weight(sample_weight, X)
        self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
        self._y_ndim = y.ndim
        self._warn_if_units_differ(self._last_values(X), y)
        return self

    def predict(self, X):
        """Return the last value of the target column in each window.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps, n_features) or (n_samples, n_steps)
            Windows shaped like those seen in ``fit``.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            float32 for a 1-D ``y`` in ``fit``; for a 2-D one, float64 (as
            scikit-learn asks of multi-output regressors), every column the
            same last value.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If the windows have other steps or features than in ``fit``, or
            for ``X`` that ``fit`` refuses.
        TypeError
            For sparse ``X``, or ``X`` holding objects that are no numbers.
        """
        check_is_fitted(self)
        X = self._windows(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but PersistenceRegressor is "
                f"expecting {self.n_features_in_} features as input (time steps "
                f"per window: fitted on windows of shape {self.window_shape_})"
            )
        if X.shape[2] != self.window_shape_[1]:
            raise ValueError(
                f"X has {X.shape[2]} features per step, but PersistenceRegressor "
                f"was fitted with {self.window_shape_[1]}"
            )
        last = self._last_values(X)
        if getattr(self, "_y_ndim", 1) == 1:
            return last
        return np.repeat(last.astype(np.float64)[:, np.newaxis], self.n_outputs_, 1)

    def _windows(self, X) -> np.ndarray:
        X = check_sequence_input(X, type(self).__name__)
        return X[:, :, np.newaxis] if X.ndim == 2 else X

    def _column(self, n_features: int) -> int:
        return check_target_column(self.target_column, n_features, "target_column")

    def _last_values(self, X: np.ndarray) -> np.ndarray:
        return np.array(X[:, -1, self._column(X.shape[2])])

    def _warn_if_units_differ(self, last: np.ndarray, y: np.ndarray) -> None:
        tiny = 1e-12
        columns = y[:, np.newaxis] if y.ndim == 1 else y
        spreads = columns.std(axis=0) + tiny
        means = columns.mean(axis=0)
        ratios = (last.std() + tiny) / spreads
        differ = (
            (np.abs(last.mean() - means) > spreads) | (ratios <= 0.5) | (ratios >= 2)
        )
        if not differ.any():
            return
        k = int(np.flatnonzero(differ)[0])
        name = "y" if y.ndim == 1 else f"y[:, {k}]"
        others = [f"y[:, {j}]" for j in np.flatnonzero(differ)[1:]]
        warnings.warn(
            f"column {self.target_column} of the windows (mean "
            f"{last.mean():.3g}, std {last.std():.3g}) and {name} (mean "
            f"{means[k]:.3g}, std {spreads[k]:.3g}) look like different units"
            + (f" (so do {', '.join(others)})" if others else "")
            + "; persistence needs them to match (see the class docstring)",
            UserWarning,
            stacklevel=3,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.target_tags.multi_output = True  # one column per horizon
        # A baseline: it learns nothing, like sklearn's DummyRegressor.
        tags.regressor_tags.poor_score = True
        return tags
