"""Pictures of a fitted model: learning curves, forecasts, classification.

``plot_history`` draws the tutorials' training vs validation curves;
``plot_forecast`` draws a regressor's predictions against the truth over time;
``plot_classification`` draws a confusion matrix and ROC curve through
scikit-learn's Display classes. Each returns a matplotlib Figure.
"""

from __future__ import annotations

import numpy as np
from sklearn.utils.validation import check_is_fitted

from skseq.utils import final_estimator

__all__ = ["plot_classification", "plot_forecast", "plot_history"]


def _history_of(estimator) -> dict:
    final = final_estimator(estimator)
    check_is_fitted(final, "history_")
    return final.history_


def plot_history(estimator, *, metrics=None, figsize=(10, 4)):
    """Plot loss and metric curves, training vs validation, per epoch.

    Parameters
    ----------
    estimator : fitted skseq estimator, Pipeline, search object or
        TransformedTargetRegressor; anything whose final estimator has a
        ``history_``.
    metrics : list of str or None, default=None
        Keys of ``history_`` to draw, one panel each; None draws ``loss`` and
        every other training metric. ``val_`` twins are drawn alongside.
    figsize : tuple of float, default=(10, 4)

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If the final estimator has no ``history_``: not fitted, or no Keras
        model (such as ``PersistenceRegressor``).
    ValueError
        If ``metrics`` names a key that ``history_`` does not have (the
        message lists those it has).

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import LSTMClassifier, plot_history
    >>> X = np.random.default_rng(0).integers(1, 20, size=(30, 8))
    >>> y = np.arange(30) % 2
    >>> clf = LSTMClassifier(units=4, epochs=2, validation_split=0.2).fit(X, y)
    >>> fig = plot_history(clf)
    >>> [ax.get_title() for ax in fig.axes]
    ['loss', 'accuracy']
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    history = _history_of(estimator)
    if metrics is None:
        metrics = sorted(
            (k for k in history if not k.startswith("val_")), key=lambda k: k != "loss"
        )
    missing = [m for m in metrics if m not in history]
    if missing:
        raise ValueError(
            f"metrics {missing} not in the estimator's history_; "
            f"available: {sorted(history)}"
        )
    fig, axes = plt.subplots(1, len(metrics), figsize=figsize, squeeze=False)
    for ax, name in zip(axes[0], metrics, strict=True):
        epochs = range(1, len(history[name]) + 1)
        ax.plot(epochs, history[name], "o-", label="training")
        if f"val_{name}" in history:
            ax.plot(epochs, history[f"val_{name}"], "s--", label="validation")
        ax.set_title(name)
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend()
    fig.tight_layout()
    return fig


def plot_forecast(
    estimator,
    X,
    y,
    *,
    context=0,
    others=None,
    interval=True,
    ylabel=None,
    title=None,
    figsize=(10, 4),
):
    """Plot the observed series against a regressor's forecasts, over time.

    ``estimator`` predicts one value per row of ``X`` (a window pipeline
    does: row ``i``'s window ends ``delay`` rows before it), so the forecasts
    line up with ``y``. Windows need history: pass the rows before the span
    to draw as well, and their number as ``context``
    (``SlidingWindow.n_incomplete_`` rows give every drawn row a full window).

    Parameters
    ----------
    estimator : fitted regressor, Pipeline or TransformedTargetRegressor
    X : DataFrame or array of shape (n_rows, ...)
        The rows to forecast. A DatetimeIndex becomes the time axis; other
        input is plotted against row numbers.
    y : array-like of shape (n_rows,)
        The observed values, aligned with ``X``.
    context : int, default=0
        The first ``context`` rows of ``X`` and ``y`` are history only:
        predicted with the rest, not drawn.
    others : dict of str to fitted estimator, default=None
        More forecasts to draw, such as ``{"persistence": baseline}``.
    interval : bool, default=True
        When ``estimator``'s regressor learnt quantiles (``loss="quantile"``),
        shade the band between its lowest and highest quantile (e.g. the
        80 % interval of quantiles 0.1 and 0.9), through
        :func:`skseq.intervals.predict_quantiles`.
    ylabel, title : str or None, default=None
    figsize : tuple of float, default=(10, 4)

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If ``estimator`` (or one of ``others``) is not fitted.
    ValueError
        If ``y`` is not 1-D numbers, one per row of ``X``, ``context`` is no
        int in ``[0, len(y))``, or a model predicts several outputs per row;
        for ``X`` that a model's ``predict`` refuses.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from skseq import PersistenceRegressor, SlidingWindow, plot_forecast
    >>> X = np.sin(np.arange(200) / 10).reshape(-1, 1)
    >>> y = X[:, 0]
    >>> model = make_pipeline(SlidingWindow(8, delay=2), PersistenceRegressor())
    >>> fig = plot_forecast(model.fit(X, y), X, y, ylabel="signal")
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['observed', 'PersistenceRegressor']
    """
    import matplotlib.pyplot as plt

    y = np.asarray(y, dtype=float)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (one value per row); got shape {y.shape}")
    if len(y) != len(X):
        raise ValueError(f"y has {len(y)} rows but X has {len(X)}; they must align")
    if not isinstance(context, (int, np.integer)) or not 0 <= context < len(y):
        raise ValueError(
            f"context must be an int in [0, {len(y)}) (rows of history before "
            f"the drawn span); got {context!r}"
        )
    models = {type(final_estimator(estimator)).__name__: estimator}
    models.update(others or {})
    forecasts = {}
    for label, model in models.items():
        forecast = np.asarray(model.predict(X), dtype=float).reshape(len(y), -1)
        if forecast.shape[1] != 1:
            raise ValueError(
                f"{label} predicts {forecast.shape[1]} outputs per row; "
                "plot_forecast draws one"
            )
        forecasts[label] = forecast[context:, 0]
    band = None
    final = final_estimator(estimator)
    if interval and getattr(final, "quantiles_", None):
        from skseq.timeseries import predict_quantiles

        quantiles = predict_quantiles(estimator, X).reshape(len(y), -1)
        order = final.quantiles_
        low, high = min(order), max(order)
        label = f"{high - low:.0%} interval (q{low:g}-q{high:g})"
        band = (
            quantiles[context:, order.index(low)],
            quantiles[context:, order.index(high)],
            label,
        )
    y = y[context:]
    index = getattr(X, "index", None)
    is_time = index is not None and np.issubdtype(index.dtype, np.datetime64)
    times = index[context:] if is_time else np.arange(context, context + len(y))
    fig, ax = plt.subplots(figsize=figsize)
    if band is not None:
        ax.fill_between(times, band[0], band[1], alpha=0.25, label=band[2])
    ax.plot(times, y, color="black", linewidth=1.5, label="observed")
    for label, forecast in forecasts.items():
        ax.plot(times, forecast, linewidth=1, label=label)
    ax.set_xlabel("time" if is_time else "row")
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend()
    if is_time:
        fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def plot_classification(estimator, X, y, *, y_pred=None, y_score=None, figsize=(10, 4)):
    """Plot a classifier's confusion matrix and, for two classes, its ROC curve.

    Both come from scikit-learn's ``ConfusionMatrixDisplay`` and
    ``RocCurveDisplay``, computed on ``X`` and ``y``.

    Parameters
    ----------
    estimator : fitted classifier or Pipeline
    X : array-like or raw text
        What the estimator's ``predict`` takes.
    y : array-like of shape (n_samples,)
        The true labels.
    y_pred : array-like of shape (n_samples,), optional
        The estimator's predictions for ``X``, when already at hand: they
        are not predicted again (scikit-learn's ``from_predictions``).
    y_score : array-like of shape (n_samples,), optional
        Two classes only: the score of ``classes_[1]`` for ``X`` (such as
        ``predict_proba(X)[:, 1]``), when already at hand.
    figsize : tuple of float, default=(10, 4)

    Returns
    -------
    matplotlib.figure.Figure
        One panel (confusion matrix) for more than two classes, two for two.

    Raises
    ------
    ValueError
        When ``y_pred`` or ``y_score`` does not hold one value per row of ``y``
        (scikit-learn's message).

    Examples
    --------
    >>> import numpy as np
    >>> from skseq import DenseClassifier, plot_classification
    >>> X = np.random.default_rng(0).normal(size=(40, 6))
    >>> y = (X[:, 0] > 0).astype(int)
    >>> clf = DenseClassifier(units=4, epochs=2, random_state=0).fit(X, y)
    >>> fig = plot_classification(clf, X, y)
    >>> [ax.get_title() for ax in fig.axes]
    ['confusion matrix', 'ROC curve']
    """
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay, RocCurveDisplay

    final = final_estimator(estimator)
    check_is_fitted(final, "classes_")
    binary = len(final.classes_) == 2
    fig, axes = plt.subplots(1, 2 if binary else 1, figsize=figsize, squeeze=False)
    # Whole counts: scikit-learn's default format shows 10156 as "1e+04".
    if y_pred is None:
        y_pred = estimator.predict(X)
    ConfusionMatrixDisplay.from_predictions(
        y, y_pred, labels=final.classes_, ax=axes[0][0], colorbar=False,
        values_format="d",
    )  # fmt: skip
    axes[0][0].set_title("confusion matrix")
    if binary:
        roc = axes[0][1]
        name = type(final).__name__
        if y_score is None:
            y_score = _positive_score(estimator, X)
        RocCurveDisplay.from_predictions(
            y, y_score, pos_label=final.classes_[1], ax=roc, name=name
        )
        roc.plot([0, 1], [0, 1], ":", color="grey", label="chance")
        roc.legend(loc="lower right")
        roc.set_title("ROC curve")
    fig.tight_layout()
    return fig


def _positive_score(estimator, X) -> np.ndarray:
    """The score of ``classes_[1]``: its probability, else the decision
    function (the order of scikit-learn's ``response_method="auto"``)."""
    if hasattr(estimator, "predict_proba"):
        return np.asarray(estimator.predict_proba(X))[:, 1]
    return np.asarray(estimator.decision_function(X))
