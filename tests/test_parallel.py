"""GridSearchCV with two worker processes finds what one process finds."""

from __future__ import annotations

import numpy as np
import pytest
from _searches import tiny_text_search, tiny_window_search

# Not in CI's JAX job: the searches exercise joblib's worker processes, whatever
# the backend (a JAX model crossing processes: tests/test_saving.py).


def _fitted(make_search, imdb_slices, n_jobs):
    search, X, y = make_search(imdb_slices, n_jobs)
    return search.fit(X, y)


@pytest.mark.parametrize(
    "make_search",
    [tiny_text_search, tiny_window_search],
)
def test_two_workers_find_the_same_as_one(make_search, imdb_slices):
    one = _fitted(make_search, imdb_slices, 1)
    two = _fitted(make_search, imdb_slices, 2)
    assert two.best_params_ == one.best_params_
    np.testing.assert_array_equal(
        two.cv_results_["mean_test_score"], one.cv_results_["mean_test_score"]
    )
    assert np.ptp(one.cv_results_["mean_test_score"]) > 0  # the grid matters
