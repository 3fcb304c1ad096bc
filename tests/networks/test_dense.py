"""The Dense family (skseq/networks/dense.py)."""

import numpy as np
import pytest
from _data import (
    LABELS,
    SERIES,
    SMALL,
    TARGET,
    TOKENS,
    layer_kinds,
    pre_and_post_padded,
)

from skseq import DenseClassifier, DenseRegressor

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


@pytest.fixture(scope="module")
def by_pooling():
    """``by_pooling(pooling)``: ``DenseClassifier(**SMALL, pooling=pooling)``
    fitted once on the tokens (masking is on by default), shared by the tests
    that only read it."""
    cache = {}

    def fit(pooling):
        if pooling not in cache:
            # The network alone: the linear path counts repeated words.
            params = dict(SMALL, pooling=pooling, linear_ngrams=0)
            est = DenseClassifier(**params).fit(TOKENS, LABELS)
            assert est.masking
            cache[pooling] = est
        return cache[pooling]

    return fit


def test_masked_mean_averages_only_real_tokens(by_pooling):
    est = by_pooling("mean")
    one_word = np.zeros((1, 10), dtype=TOKENS.dtype)
    one_word[0, -1] = 7
    repeated = np.full((1, 10), 7, dtype=TOKENS.dtype)
    np.testing.assert_allclose(
        est.predict_proba(one_word), est.predict_proba(repeated), atol=1e-6
    )


def test_flattens_by_default_and_stacks_n_layers():
    # Without the persistence skip, the one other Dense layer a regressor has.
    est = DenseRegressor(**SMALL, n_layers=3, dropout=0.1, persistence_column=None)
    kinds = layer_kinds(est.fit(SERIES, TARGET))
    assert kinds.count("Flatten") == 1
    assert kinds.count("Dense") == 3 + 1  # hidden layers and the head
    assert kinds.count("Dropout") == 3


@pytest.mark.parametrize("pooling", [None, "max", "mean"])
def test_padding_is_ignored_flattened_or_pooled(pooling, by_pooling):
    est = by_pooling(pooling)
    pre, post = pre_and_post_padded()
    np.testing.assert_allclose(
        est.predict_proba(pre), est.predict_proba(post), atol=1e-6
    )
    # Flattening reads steps by position: it always gets the fitted width.
    assert ("Flatten" in layer_kinds(est)) is (pooling is None)
