"""The utils wing's leaves, on exact values: the single-value checks, the
float32 limit, ragged rows into a padded matrix, and the unwrapping of
fitted wrappers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.compose import TransformedTargetRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skseq.utils import (
    final_estimator,
    first_beyond_float32,
    is_int,
    non_finite_name,
    ranges,
    scatter_rows,
)


@pytest.mark.parametrize(
    ("value", "at_least", "expected"),
    [(3, None, True), (np.int64(3), 1, True), (0, 1, False), (True, None, False),
     (np.bool_(True), None, False), (3.0, None, False), ("3", None, False)],
)  # fmt: skip
def test_is_int(value, at_least, expected):
    assert is_int(value, at_least) is expected


def test_first_beyond_float32_and_non_finite_names():
    values = np.array([[1.0, np.inf], [np.nan, 1e39]])
    assert first_beyond_float32(values) == (1, 1)
    assert first_beyond_float32(np.array([np.inf, -1e38])) is None
    assert [non_finite_name(v) for v in (np.nan, np.inf, -np.inf)] == [
        "NaN",
        "inf",
        "-inf",
    ]


def test_scatter_rows_places_each_row_on_its_side():
    flat, lengths = np.array([1, 2, 3, 4, 5, 6]), np.array([2, 0, 3, 1])
    post = scatter_rows(flat, lengths, 3, "post", 0)
    np.testing.assert_array_equal(post, [[1, 2, 0], [0, 0, 0], [3, 4, 5], [6, 0, 0]])
    pre = scatter_rows(flat, lengths, 3, "pre", -1)
    np.testing.assert_array_equal(
        pre, [[-1, 1, 2], [-1, -1, -1], [3, 4, 5], [-1, -1, 6]]
    )
    np.testing.assert_array_equal(ranges(np.array([10, 0]), [2, 3]), [10, 11, 0, 1, 2])


def test_final_estimator_unwraps_searches_pipelines_and_target_transformers():
    X, y = np.arange(20.0).reshape(10, 2), np.arange(10.0)
    inner = TransformedTargetRegressor(make_pipeline(StandardScaler(), Ridge()))
    search = GridSearchCV(inner, {"regressor__ridge__alpha": [1.0]}, cv=2).fit(X, y)
    found = final_estimator(search)
    assert isinstance(found, Ridge) and hasattr(found, "coef_")
    ridge = Ridge()
    assert final_estimator(ridge) is ridge
