"""The Transformer encoder family (skseq/networks/transformer.py)."""

from __future__ import annotations

import pickle
import subprocess
import sys

import keras
import numpy as np
import pytest

from skseq import TransformerClassifier, TransformerRegressor
from skseq.networks.transformer import PositionEmbedding

pytestmark = pytest.mark.jax

SMALL = dict(units=8, epochs=2, batch_size=16, random_state=0)
# The classifier's network alone: its blocks, masking and pooling are the
# point; the linear path beside it (on by default) would learn whether a word
# occurs by itself, and has its own tests (test_ngrams.py).
SMALL_CLASSIFIER = dict(SMALL, linear_ngrams=0)
rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(64, 10))
LABELS = (TOKENS == 7).any(axis=1).astype(int)
SERIES = rng.normal(size=(64, 10, 3)).astype("float32")
TARGET = SERIES[:, -1, 0] + 0.5 * SERIES[:, -2, 1]


def _kinds(est) -> list[str]:
    return [type(layer).__name__ for layer in est.model_.layers]


def _assert_blocks(est, n_layers: int, n_heads: int) -> None:
    """One attention block per layer, with ``n_heads`` heads, mean-pooled."""
    kinds = _kinds(est)
    attention = [
        layer
        for layer in est.model_.layers
        if type(layer).__name__ == "MultiHeadAttention"
    ]
    assert len(attention) == n_layers
    assert {layer.num_heads for layer in attention} == {n_heads}
    assert kinds.count("LayerNormalization") == 2 * n_layers
    assert kinds.count("PositionEmbedding") == 1
    pools = [lay for lay in est.model_.layers if hasattr(lay, "kind")]
    assert [pool.kind for pool in pools] == ["mean"]  # pooling None is the mean


def test_one_attention_block_per_layer_with_n_heads():
    # The defaults (one layer, two heads) are checked on the masked model of
    # test_masked_padding_reaches_neither_attention_nor_pooling.
    est = TransformerClassifier(**SMALL_CLASSIFIER, n_layers=3, n_heads=1)
    est.fit(TOKENS, LABELS)
    _assert_blocks(est, n_layers=3, n_heads=1)


@pytest.fixture(scope="module")
def on_series():
    """A two-block regressor on float windows, shared by tests that only read
    it (two blocks: the fresh process must rebuild more than one)."""
    return TransformerRegressor(**SMALL, n_layers=2).fit(SERIES, TARGET)


@pytest.mark.parametrize(
    ("X", "params", "projected"),
    [
        (TOKENS, {"embedding_dim": 8}, False),  # embedding already the model width
        (TOKENS, {"embedding_dim": 5}, True),
        (SERIES, None, True),  # float windows: a linear projection to units
    ],
)
def test_inputs_are_projected_to_the_model_width(X, params, projected, on_series):
    if params is None:
        est = on_series
    else:
        est = TransformerRegressor(**SMALL, **params).fit(X, TARGET)
    position = est.model_.get_layer(index=_kinds(est).index("PositionEmbedding"))
    assert tuple(position.positions.shape) == (10, 8)
    assert ("Dense" in _kinds(est)[: _kinds(est).index("PositionEmbedding")]) is (
        projected
    )


def _perturb_padded_positions(est, padded: slice) -> None:
    layer = next(lay for lay in est.model_.layers if isinstance(lay, PositionEmbedding))
    table = keras.ops.convert_to_numpy(layer.positions).copy()
    table[padded] += 5.0
    layer.positions.assign(table)


@pytest.mark.parametrize("masking", [True, False])
def test_masked_padding_reaches_neither_attention_nor_pooling(masking):
    X = TOKENS.copy()
    X[:, 6:] = 0  # post-padding: the last four steps of every row
    # The network alone: a linear path beside it would not see positions.
    params = dict(SMALL_CLASSIFIER, masking=masking)
    est = TransformerClassifier(**params).fit(X, LABELS)
    if masking:
        _assert_blocks(est, n_layers=1, n_heads=2)
    before = est.predict_proba(X[:8])
    # Only padded steps change; a model that honours the mask cannot see it.
    _perturb_padded_positions(est, slice(6, None))
    after = est.predict_proba(X[:8])
    if masking:
        np.testing.assert_allclose(after, before, atol=1e-6)
    else:
        assert not np.allclose(after, before, atol=1e-4)


def test_max_pooling_reads_real_steps_only():
    X = TOKENS.copy()
    X[:, 6:] = 0
    est = TransformerClassifier(**SMALL_CLASSIFIER, pooling="max").fit(X, LABELS)
    before = est.predict_proba(X[:8])
    _perturb_padded_positions(est, slice(6, None))
    np.testing.assert_allclose(est.predict_proba(X[:8]), before, atol=1e-6)


def test_learns_whether_a_word_occurs():
    est = TransformerClassifier(
        units=16,
        epochs=20,
        batch_size=16,
        learning_rate=0.01,
        linear_ngrams=0,  # the encoder itself must learn it
        random_state=0,
    ).fit(TOKENS, LABELS)
    assert est.score(TOKENS, LABELS) >= 0.9


def test_bad_n_heads_names_the_parameter():
    with pytest.raises(ValueError, match="'n_heads' parameter of TransformerRegressor"):
        TransformerRegressor(n_heads=0).fit(SERIES, TARGET)


def test_a_fresh_process_loads_and_predicts_the_same(tmp_path, on_series):
    est = on_series
    path = tmp_path / "transformer.pkl"
    path.write_bytes(pickle.dumps(est))
    np.save(tmp_path / "X.npy", SERIES)
    code = (
        "import pickle, sys, numpy as np\n"
        f"est = pickle.loads(open({str(path)!r}, 'rb').read())\n"
        f"np.save({str(tmp_path / 'pred.npy')!r}, "
        f"est.predict(np.load({str(tmp_path / 'X.npy')!r})))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)
    np.testing.assert_allclose(
        np.load(tmp_path / "pred.npy"), est.predict(SERIES), rtol=1e-6, atol=1e-7
    )
