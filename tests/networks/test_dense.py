"""The Dense family (skseq/networks/dense.py)."""

import numpy as np
import pytest
from _data import LABELS, SERIES, SMALL, TARGET, TOKENS, layer_kinds

from skseq import DenseClassifier, DenseRegressor

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


def test_masked_mean_averages_only_real_tokens():
    est = DenseClassifier(**SMALL, pooling="mean", masking=True).fit(TOKENS, LABELS)
    one_word = np.zeros((1, 10), dtype=TOKENS.dtype)
    one_word[0, -1] = 7
    repeated = np.full((1, 10), 7, dtype=TOKENS.dtype)
    np.testing.assert_allclose(
        est.predict_proba(one_word), est.predict_proba(repeated), atol=1e-6
    )


def test_flattens_by_default_and_stacks_n_layers():
    est = DenseRegressor(**SMALL, n_layers=3, dropout=0.1).fit(SERIES, TARGET)
    kinds = layer_kinds(est)
    assert kinds.count("Flatten") == 1
    assert kinds.count("Dense") == 3 + 1  # hidden layers and the head
    assert kinds.count("Dropout") == 3


def test_masking_needs_mean_pooling():
    with pytest.raises(ValueError, match="keeps it only with pooling='mean'"):
        DenseClassifier(masking=True, pooling="max", epochs=1).fit(TOKENS, LABELS)
