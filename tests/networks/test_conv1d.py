"""The Conv1D family (skseq/networks/conv1d.py)."""

import pytest
from _data import LABELS, SERIES, SMALL, SMALL_CLASSIFIER, TARGET, TOKENS, layer_kinds

from skseq import Conv1DClassifier, Conv1DRegressor

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


def test_conv1d_lstm_hybrid_is_expressible():
    est = Conv1DClassifier(
        units=64,
        kernel_size=5,
        pool_size=4,
        recurrent_units=70,
        epochs=1,
        linear_ngrams=0,  # the network alone: its layers are the point
    ).fit(TOKENS, LABELS)
    layers = {type(layer).__name__: layer for layer in est.model_.layers}
    assert layers["Conv1D"].filters == 64
    assert layers["Conv1D"].kernel_size == (5,)
    assert layers["MaxPooling1D"].pool_size == (4,)
    assert layers["LSTM"].units == 70


def test_pooling_between_blocks_is_skipped_where_the_sequence_is_short():
    est = Conv1DRegressor(**SMALL, n_layers=3, pool_size=4).fit(SERIES, TARGET)
    # 10 steps -> 2 after one pooling; the next block would pool 2 to nothing.
    # One pooled block: its features and their padding mask.
    assert layer_kinds(est).count("MaxPooling1D") == 2
    assert est.predict(SERIES[:2]).shape == (2,)


def test_recurrent_top_takes_the_cell_and_the_shared_options():
    est = Conv1DClassifier(
        **SMALL_CLASSIFIER, recurrent_units=3, recurrent_cell="gru", bidirectional=True
    ).fit(TOKENS, LABELS)
    wrapper = est.model_.get_layer(index=layer_kinds(est).index("Bidirectional"))
    assert type(wrapper.forward_layer).__name__ == "GRU"
    assert wrapper.forward_layer.units == 3


@pytest.mark.parametrize(
    ("param", "value"),
    [("kernel_size", 0), ("pool_size", 0), ("recurrent_cell", "rnn")],
)
def test_its_own_parameters_are_checked(param, value):
    with pytest.raises(ValueError, match=f"'{param}' parameter of Conv1DRegressor"):
        Conv1DRegressor(**{param: value}).fit(SERIES, TARGET)
