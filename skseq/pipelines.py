"""The recommended IMDB and Jena pipelines, written once.

The command line (``python -m skseq``), the examples, the benchmarks and the
tests all build their pipelines here, so a change of recipe reaches all of
them. Each builder takes the model as an argument, any skseq classifier or
regressor instance (or any scikit-learn estimator that reads the same input),
so that it does not depend on the model family, and names the model's step
``"model"``: grids read ``model__units`` (IMDB) or
``regressor__model__units`` (Jena) whatever the family.
"""

from __future__ import annotations

from sklearn.compose import TransformedTargetRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

__all__ = ["imdb_pipeline", "jena_forecaster"]


def imdb_pipeline(
    model,
    *,
    max_tokens: int = 10000,
    maxlen: int = 200,
    ngrams: int = 1,
    standardize="split_punctuation",
) -> Pipeline:
    """Raw review text → token ids → ``model``: the recommended IMDB pipeline.

    Parameters
    ----------
    model : classifier instance
        The final step, e.g. ``LSTMClassifier(units=32, dropout=0.2)``. It
        receives int32 token ids of shape (n_samples, maxlen).
    max_tokens : int, default=10000
        Vocabulary size of the :class:`~skseq.TextVectorizer` (padding and
        unknown-word ids included). The command line uses 30000.
    maxlen : int, default=200
        Tokens kept per review (the last ones, padded in front); the command
        line uses 1000.
    ngrams : int, default=1
        2 appends each review's word pairs after its words (for bag-of-n-grams
        models); see :class:`~skseq.TextVectorizer`.
    standardize : str, None or callable, default="split_punctuation"
        The vectorizer's ``standardize``: by default each punctuation mark is
        a token ("!", "?", "..." carry sentiment). On held-out training data
        it lifted the command line's model by 0.1 point on IMDB and 0.7 on
        SST-2 against ``"strip_punctuation"``, ``TextVectorizer``'s default
        (docs/results.md, "Recipe pieces").

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``"text"`` (the vectorizer) and ``"model"``; ``fit(X, y)`` takes
        X an iterable of n_samples str (e.g. ``fetch_imdb().data``) and y the
        n_samples labels.

    Raises
    ------
    TypeError
        If ``model`` is a class or has no ``fit`` method.

    Examples
    --------
    >>> from skseq import LSTMClassifier
    >>> from skseq.pipelines import imdb_pipeline
    >>> pipe = imdb_pipeline(LSTMClassifier(units=16), maxlen=6)
    >>> [name for name, _ in pipe.steps]
    ['text', 'model']
    >>> pipe[:-1].fit_transform(["a good film", "a dull, dull film"])
    array([[0, 0, 0, 2, 6, 4],
           [0, 2, 3, 5, 3, 4]], dtype=int32)
    """
    from skseq.text import TextVectorizer

    _check_model(model)
    text = TextVectorizer(
        max_tokens=max_tokens, maxlen=maxlen, ngrams=ngrams, standardize=standardize
    )
    return Pipeline([("text", text), ("model", model)])


def jena_forecaster(
    model,
    *,
    lookback: int = 720,
    step: int = 6,
    delay: int = 144,
    calendar: bool = True,
) -> TransformedTargetRegressor:
    """Weather rows → scaled windows → ``model``: the recommended Jena forecaster.

    ``TransformedTargetRegressor(StandardScaler on y, Pipeline([
    CalendarFeatures, StandardScaler, SlidingWindow(lookback, step, delay),
    model]))``. Row ``i`` is predicted from the window of rows
    ``i - delay - lookback + step, ..., i - delay`` (every ``step``-th row),
    so with 10-minute rows the defaults read the last 5 days, hourly, and
    forecast 24 hours ahead. Both ``X`` and ``y`` are standardized on the
    training rows (scaling before the window, as the window contract asks);
    predictions come back in ``y``'s units.

    Parameters
    ----------
    model : regressor instance
        The final step, e.g. ``GRURegressor(dropout=0.2, persistence_column=1,
        window_normalization=None)`` (recommended when the training rows span
        the seasons: on the Jena backtest it scores 0.926x persistence, and
        0.985x with the default ``window_normalization="instance"``, which
        holds up better on levels never seen in training) or
        ``PersistenceRegressor(1)``. It receives float32 windows of shape
        (n_rows, lookback // step, n_features + 4): the columns of X, then
        ``day_sin``, ``day_cos``, ``year_sin``, ``year_cos`` (without
        ``calendar``: n_features). A column's position is the same as in X, so
        ``persistence_column=1`` is ``"T (degC)"`` of the Jena frame.
    lookback : int, default=720
        Rows of history per window (720 ten-minute rows = 5 days); a multiple
        of ``step``.
    step : int, default=6
        Keep every ``step``-th row of the history (6 = hourly).
    delay : int, default=144
        Rows between the end of a window and its target row (144 = 24 h).
    calendar : bool, default=True
        Append the time of day and of year (:class:`~skseq.CalendarFeatures`);
        needs a DatetimeIndex. False leaves X's columns alone.

    Returns
    -------
    sklearn.compose.TransformedTargetRegressor
        Its ``regressor`` is the Pipeline with steps ``"calendar"`` (if
        ``calendar``), ``"scale"``, ``"window"`` and ``"model"``; ``fit(X, y)``
        takes X a time-ordered DataFrame of shape (n_rows, n_features) and y
        of shape (n_rows,), y[i] the value to forecast at row i (e.g.
        ``X["T (degC)"]`` in °C). The fitted window's ``n_incomplete_``
        (``regressor_.named_steps["window"]``) counts the first rows whose
        history is padded: pass that many earlier rows as context to forecast
        a period with its real history.

    Raises
    ------
    TypeError
        If ``model`` is a class or has no ``fit`` method.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from skseq import PersistenceRegressor
    >>> from skseq.pipelines import jena_forecaster
    >>> t = np.arange(300)
    >>> X = pd.DataFrame(
    ...     {"p (mbar)": 1000 + np.sin(t / 50), "T (degC)": 5 + np.sin(t / 20)},
    ...     index=pd.date_range("2009-01-01", periods=300, freq="10min"),
    ... )
    >>> y = X["T (degC)"].to_numpy()
    >>> model = jena_forecaster(PersistenceRegressor(1), lookback=12, delay=6)
    >>> predicted = model.fit(X, y).predict(X)
    >>> predicted.shape
    (300,)
    >>> bool(np.allclose(predicted[12:], y[6:-6]))  # the value 6 rows earlier
    True
    """
    from skseq.timeseries import CalendarFeatures, SlidingWindow

    _check_model(model)
    steps = [
        ("calendar", CalendarFeatures()),
        # pandas out: SlidingWindow then checks the time order and names
        # columns in its errors.
        ("scale", StandardScaler().set_output(transform="pandas")),
        ("window", SlidingWindow(lookback, step=step, delay=delay)),
        ("model", model),
    ]
    pipe = Pipeline(steps if calendar else steps[1:])
    return TransformedTargetRegressor(regressor=pipe, transformer=StandardScaler())


def _check_model(model) -> None:
    # Pipeline only complains at fit time, far from the mistake.
    if isinstance(model, type):
        raise TypeError(
            f"model must be an estimator instance; got the class {model.__name__}. "
            f"Pass {model.__name__}() instead."
        )
    if not callable(getattr(model, "fit", None)):
        raise TypeError(
            f"model must be an estimator instance with a fit method; got {model!r}"
        )
