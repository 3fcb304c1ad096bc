"""The SimpleRNN, LSTM and GRU families (skseq/networks/simple_rnn.py,
lstm.py and gru.py over _recurrent.py)."""

import numpy as np
import pytest
from _data import (
    LABELS,
    SERIES,
    SMALL,
    SMALL_CLASSIFIER,
    TARGET,
    TOKENS,
    layer_kinds,
    pre_and_post_padded,
)

from skseq import GRURegressor, LSTMClassifier, SimpleRNNClassifier

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


def test_masking_lets_recurrent_layers_skip_padding_wherever_it_is():
    est = LSTMClassifier(**SMALL_CLASSIFIER).fit(TOKENS, LABELS)  # masking by default
    pre, post = pre_and_post_padded()
    np.testing.assert_allclose(
        est.predict_proba(pre), est.predict_proba(post), atol=1e-6
    )
    unmasked = LSTMClassifier(**SMALL_CLASSIFIER, masking=False).fit(TOKENS, LABELS)
    assert not np.allclose(unmasked.predict_proba(pre), unmasked.predict_proba(post))


@pytest.mark.parametrize(
    ("cls", "cell"),
    [(SimpleRNNClassifier, "SimpleRNN"), (LSTMClassifier, "LSTM")],
)
def test_n_layers_of_the_cell_with_both_dropouts(cls, cell):
    # Two layers: a stacked one and the last, which the pooling reads.
    est = cls(**SMALL_CLASSIFIER, n_layers=2, dropout=0.1, recurrent_dropout=0.2).fit(
        TOKENS, LABELS
    )
    layers = [layer for layer in est.model_.layers if type(layer).__name__ == cell]
    assert len(layers) == 2
    assert all(layer.dropout == 0.1 for layer in layers)
    assert all(layer.recurrent_dropout == 0.2 for layer in layers)
    # Every layer returns its sequence: on token rows the final state is
    # read at each row's last real step.
    assert [layer.return_sequences for layer in layers] == [True, True]
    assert layer_kinds(est)[-2:] == ["LastRealStep", "Dense"]


def test_bidirectional_wraps_every_layer():
    est = GRURegressor(**SMALL, n_layers=2, bidirectional=True).fit(SERIES, TARGET)
    assert layer_kinds(est).count("Bidirectional") == 2
