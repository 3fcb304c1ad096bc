"""Tiny grid searches shared by the parallel and Dask tests."""

from __future__ import annotations

import numpy as np


def tiny_text_search(imdb_slices, n_jobs):
    """``(search, X, y)``: 2 LSTM pipelines x 2 folds on 300 reviews (each
    candidate changes the vectorizer and the network). No refit: the tests
    compare the searches' results, and a refit is a fifth fit to wait for."""
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    from skseq import LSTMClassifier, TextVectorizer

    X, y, _, _ = imdb_slices
    # The network alone (linear_ngrams=0): the searches' wiring is the point,
    # and the linear path doubled each fit (its own tests:
    # tests/models/test_linear_path.py, tests/networks/test_ngrams.py).
    model = LSTMClassifier(
        units=4, embedding_dim=8, epochs=1, linear_ngrams=0, random_state=0
    )
    pipe = make_pipeline(TextVectorizer(max_tokens=2000, maxlen=60), model)
    grid = [
        {"lstmclassifier__units": [4], "textvectorizer__maxlen": [30]},
        {"lstmclassifier__units": [8], "textvectorizer__maxlen": [60]},
    ]
    rows = np.r_[0:150, 1000:1150]  # the slice holds 1,000 of each label
    search = GridSearchCV(pipe, grid, cv=2, n_jobs=n_jobs, refit=False)
    return search, X.iloc[rows], y[rows]


def tiny_window_search(imdb_slices, n_jobs):
    """``(search, X, y)``: 2 window lengths x 2 time-series folds."""
    from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
    from sklearn.pipeline import make_pipeline

    from skseq import GRURegressor, SlidingWindow

    t = np.arange(600, dtype=float)
    X = np.column_stack([np.sin(t / 12), np.cos(t / 30)])
    y = np.sin((t + 6) / 12)
    pipe = make_pipeline(
        SlidingWindow(lookback=12), GRURegressor(units=4, epochs=2, random_state=0)
    )
    grid = {"slidingwindow__lookback": [6, 12]}
    search = GridSearchCV(pipe, grid, cv=TimeSeriesSplit(2), n_jobs=n_jobs, refit=False)
    return search, X, y
