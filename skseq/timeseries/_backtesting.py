"""Rolling-origin evaluation (backtesting) of window pipelines.

scikit-learn's ``TimeSeriesSplit`` and ``cross_validate`` do the work; the
one thing they cannot know is that a pipeline with a ``SlidingWindow``
forecasts a test row from rows *before* it. Called on the test rows alone,
its first ``n_incomplete_`` forecasts would read edge-padded history. So
each test fold here also carries that many earlier rows as context, and
the scorers ignore their forecasts: every scored forecast reads its real
history, as it would in production.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.metrics import check_scoring
from sklearn.model_selection import check_cv, cross_validate

__all__ = ["backtest"]


def backtest(
    estimator,
    X,
    y,
    *,
    cv,
    context="auto",
    scoring="neg_mean_absolute_error",
    n_jobs=None,
    verbose=0,
    return_estimator=False,
):
    """Score ``estimator`` at several forecast origins, each test fold read
    with its real history.

    ``cross_validate`` with ``cv``'s folds, except that each test fold is
    predicted together with the ``context`` rows before it (which the
    estimator may have trained on), and only the test rows are scored.

    Parameters
    ----------
    estimator : estimator instance
        Usually a Pipeline ending ``SlidingWindow`` → regressor, possibly
        inside ``TransformedTargetRegressor`` or a search.
    X : DataFrame or ndarray of shape (n_rows, n_features)
        Time-ordered rows.
    y : array-like of shape (n_rows,) or (n_rows, n_outputs)
    cv : cross-validation generator
        Folds whose test rows are contiguous and preceded by at least
        ``context`` rows, e.g. ``TimeSeriesSplit(n_splits=6, test_size=...,
        gap=...)``.
    context : int or "auto", default="auto"
        Rows of history to prepend to each test fold: "auto" takes the
        largest ``delay + lookback - step`` of the ``SlidingWindow`` steps
        found in ``estimator`` (a window's ``n_incomplete_``), 0 if none.
    scoring : str, callable, list or dict, default="neg_mean_absolute_error"
        As for ``cross_validate``; each scorer sees the test rows only.
    n_jobs : int or None, default=None
        Folds fitted in parallel, passed on to ``cross_validate``.
    verbose : int, default=0
        Passed on to ``cross_validate``.
    return_estimator : bool, default=False
        Passed on to ``cross_validate``: add the fitted estimators under
        ``"estimator"``.

    Returns
    -------
    dict
        ``cross_validate``'s result (``test_<score>``, ``fit_time``,
        ``score_time`` ...) plus ``"origin"``: the label (an index label of
        a DataFrame ``X``, else the row number) of each fold's first test row.

    Raises
    ------
    ValueError
        If a fold's test rows are not contiguous, if fewer than ``context``
        rows precede one, or if ``context`` is not an int >= 0 or "auto".

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.model_selection import TimeSeriesSplit
    >>> from sklearn.pipeline import make_pipeline
    >>> from skseq import PersistenceRegressor, SlidingWindow
    >>> from skseq.backtesting import backtest
    >>> X = np.sin(np.arange(300) / 10).reshape(-1, 1)
    >>> model = make_pipeline(SlidingWindow(12, delay=3), PersistenceRegressor())
    >>> result = backtest(model, X, X[:, 0], cv=TimeSeriesSplit(3, test_size=50))
    >>> result["origin"].tolist()
    [150, 200, 250]
    >>> mae = -result["test_score"]
    >>> bool(np.allclose(mae[0], np.abs(X[150:200, 0] - X[147:197, 0]).mean()))
    True
    """
    n_context = _context_rows(estimator) if context == "auto" else context
    if not isinstance(n_context, Integral) or isinstance(n_context, bool):
        raise ValueError(f'context must be an int >= 0 or "auto"; got {context!r}')
    if n_context < 0:
        raise ValueError(f"context must be >= 0; got context={context!r}")
    folds = []
    for train, test in check_cv(cv).split(X, y):
        test = np.asarray(test)
        if not np.array_equal(test, np.arange(test[0], test[0] + len(test))):
            raise ValueError(
                "backtest needs contiguous test folds, as TimeSeriesSplit gives; "
                f"the fold starting at row {test[0]} has gaps"
            )
        if test[0] < n_context:
            raise ValueError(
                f"the test fold starting at row {test[0]} needs {n_context} rows "
                "of history before it (context); start the first fold later "
                "(fewer splits or a smaller test_size)"
            )
        folds.append((train, np.arange(test[0] - n_context, test[-1] + 1)))
    scorers = _context_scorers(estimator, scoring, n_context)
    result = cross_validate(
        estimator,
        X,
        y,
        cv=folds,
        scoring=scorers,
        n_jobs=n_jobs,
        verbose=verbose,
        return_estimator=return_estimator,
        # A failed fold is an error, never a silent NaN in the table.
        error_score="raise",
    )
    starts = np.array([test[0] + n_context for _, test in folds])
    index = X.index if isinstance(X, pd.DataFrame) else None
    result["origin"] = index[starts] if index is not None else starts
    return result


def _context_rows(estimator) -> int:
    """The largest ``n_incomplete_`` of the SlidingWindow steps in ``estimator``."""
    from skseq.timeseries._windows import SlidingWindow, incomplete_rows

    found = []

    def visit(obj, depth=0):
        if depth > 8:
            return
        if isinstance(obj, SlidingWindow):
            found.append(incomplete_rows(obj.lookback, obj.step, obj.delay))
            return
        if isinstance(obj, (list, tuple)):  # Pipeline steps, VotingRegressor's
            for item in obj:
                visit(item, depth + 1)
        elif hasattr(obj, "get_params"):
            for value in obj.get_params(deep=False).values():
                visit(value, depth + 1)

    visit(estimator)
    return max(found, default=0)


class _AfterContext:
    """A scorer that scores only the rows after the first ``n_context``."""

    def __init__(self, scorer, n_context):
        self.scorer = scorer
        self.n_context = n_context

    def __call__(self, estimator, X, y, **kwargs):
        skip = self.n_context
        # The forecasts need the context rows; the score must not see them.
        predictions = _Precomputed(estimator, X, skip)
        rows = X.iloc[skip:] if hasattr(X, "iloc") else X[skip:]
        return self.scorer(predictions, rows, y[skip:], **kwargs)


_PREDICTIONS = ("predict", "predict_proba", "decision_function", "predict_quantiles")


class _Precomputed:
    """``estimator`` answering for ``X[skip:]`` from predictions made on ``X``."""

    def __init__(self, estimator, X, skip):
        self._estimator = estimator
        self._X = X
        self._skip = skip

    def __getattr__(self, name):
        method = getattr(self._estimator, name)
        if name not in _PREDICTIONS:
            return method

        def with_context(_rows, *args, **kwargs):
            return method(self._X, *args, **kwargs)[self._skip :]

        # scikit-learn's scorers find the response method by its name.
        with_context.__name__ = name
        return with_context


def _context_scorers(estimator, scoring, n_context):
    if isinstance(scoring, (list, tuple, set)):
        scoring = {name: name for name in scoring}
    if isinstance(scoring, dict):  # several metrics: wrap each one
        return {
            name: _AfterContext(check_scoring(estimator, scoring=each), n_context)
            for name, each in scoring.items()
        }
    return _AfterContext(check_scoring(estimator, scoring=scoring), n_context)
