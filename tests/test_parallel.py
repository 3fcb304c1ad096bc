"""GridSearchCV with two worker processes finds what one process finds."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit
from sklearn.pipeline import make_pipeline

from skseq import GRURegressor, LSTMClassifier, SlidingWindow, TextVectorizer


def _text_search(n_jobs, imdb_slices):
    X, y, _, _ = imdb_slices
    pipe = make_pipeline(
        TextVectorizer(max_tokens=2000, maxlen=60),
        LSTMClassifier(units=4, embedding_dim=8, epochs=1, random_state=0),
    )
    grid = {"lstmclassifier__units": [4, 8], "textvectorizer__maxlen": [30, 60]}
    rows = np.r_[0:150, 1000:1150]  # the slice holds 1,000 of each label
    return GridSearchCV(pipe, grid, cv=2, n_jobs=n_jobs).fit(X.iloc[rows], y[rows])


def _window_search(n_jobs, _):
    t = np.arange(600, dtype=float)
    X = np.column_stack([np.sin(t / 12), np.cos(t / 30)])
    y = np.sin((t + 6) / 12)
    pipe = make_pipeline(
        SlidingWindow(lookback=12), GRURegressor(units=4, epochs=2, random_state=0)
    )
    grid = {"slidingwindow__lookback": [6, 12], "gruregressor__units": [2, 4]}
    search = GridSearchCV(pipe, grid, cv=TimeSeriesSplit(2), n_jobs=n_jobs)
    return search.fit(X, y)


@pytest.mark.parametrize("search", [_text_search, _window_search])
def test_two_workers_find_the_same_as_one(search, imdb_slices):
    one, two = search(1, imdb_slices), search(2, imdb_slices)
    assert two.best_params_ == one.best_params_
    np.testing.assert_array_equal(
        two.cv_results_["mean_test_score"], one.cv_results_["mean_test_score"]
    )
    assert np.ptp(one.cv_results_["mean_test_score"]) > 0  # the grid matters
