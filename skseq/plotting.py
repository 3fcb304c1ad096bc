"""Learning curves as in the tutorials: training vs validation, per epoch."""

from __future__ import annotations

from sklearn.utils.validation import check_is_fitted


def _history_of(estimator) -> dict:
    # Accept a fitted Pipeline or search object as well as a bare estimator.
    for attr in ("best_estimator_", "_final_estimator"):
        if hasattr(estimator, attr):
            return _history_of(getattr(estimator, attr))
    check_is_fitted(estimator, "history_")
    return estimator.history_


def plot_history(estimator, *, metrics=None, figsize=(10, 4)):
    """Plot loss and metric curves, training vs validation, per epoch.

    Parameters
    ----------
    estimator : fitted skseq estimator, Pipeline or search object
        Anything whose final estimator has a ``history_``.
    metrics : list of str or None, default=None
        Keys of ``history_`` to draw, one panel each; None draws ``loss`` and
        every other training metric. ``val_`` twins are drawn alongside.
    figsize : tuple of float, default=(10, 4)

    Returns
    -------
    matplotlib.figure.Figure

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
