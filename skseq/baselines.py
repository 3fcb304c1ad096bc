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

from skseq._validation import (
    check_sample_weight,
    check_sequence_input,
    check_target_column,
)
from skseq._versioned import VersionedState

__all__ = ["PersistenceRegressor"]


class PersistenceRegressor(VersionedState, RegressorMixin, BaseEstimator):
    """Predict that the target keeps its last observed value.

    For windows from :class:`SlidingWindow` the forecast for row ``i`` is the
    value of column ``target_column`` at the last step of its window, i.e. at
    row ``i - delay``: "the temperature 24 hours from now will be what it is
    now". Nothing is learned; ``fit`` only checks the input. Use it inside
    the same Pipeline and grid as the neural models, e.g.
    ``{"model": [PersistenceRegressor(target_column=1), GRURegressor()]}``.

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
        y : array-like of shape (n_samples,)
            Targets, in the units of the target column.
        sample_weight : array-like of shape (n_samples,), default=None
            Ignored; accepted so that the baseline fits wherever models do.

        Returns
        -------
        self
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
        if y.shape != (len(X),):
            raise ValueError(
                f"PersistenceRegressor needs y of shape ({len(X)},) to match X; "
                f"got {y.shape}"
            )
        assert_all_finite(y, input_name="y")
        if sample_weight is not None:
            check_sample_weight(sample_weight, X)
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
        y_pred : ndarray of shape (n_samples,)
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
        return self._last_values(X)

    def _windows(self, X) -> np.ndarray:
        X = check_sequence_input(X, type(self).__name__)
        return X[:, :, np.newaxis] if X.ndim == 2 else X

    def _column(self, n_features: int) -> int:
        return check_target_column(self.target_column, n_features, "target_column")

    def _last_values(self, X: np.ndarray) -> np.ndarray:
        return np.array(X[:, -1, self._column(X.shape[2])])

    def _warn_if_units_differ(self, last: np.ndarray, y: np.ndarray) -> None:
        tiny = 1e-12
        spread = float(y.std()) + tiny
        if abs(last.mean() - y.mean()) > spread or not (
            0.5 < (last.std() + tiny) / spread < 2
        ):
            warnings.warn(
                f"column {self.target_column} of the windows (mean "
                f"{last.mean():.3g}, std {last.std():.3g}) and y (mean "
                f"{y.mean():.3g}, std {spread:.3g}) look like different units; "
                "persistence needs them to match (see the class docstring)",
                UserWarning,
                stacklevel=3,
            )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        # A baseline: it learns nothing, like sklearn's DummyRegressor.
        tags.regressor_tags.poor_score = True
        return tags
