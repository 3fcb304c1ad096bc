"""Padding is not data (DESIGN §4): left-aligned, masked token rows and
length-bucketed batches (skseq/models/_training.py, skseq/networks/_masking.py)."""

from __future__ import annotations

import numpy as np
import pytest

import skseq
from skseq.models._training import (
    CHUNK_BATCHES,
    TokenBatches,
    batch_order,
    left_align,
    round_up,
    width_ladder,
)

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

rng = np.random.default_rng(0)
N, WIDTH = 120, 24
LENGTHS = rng.integers(1, WIDTH + 1, N)
WORDS = [rng.integers(2, 40, n) for n in LENGTHS]
# The label: whether a word below 10 occurs, wherever the row ends.
LABELS = np.array([int((w < 10).any()) for w in WORDS])


def padded(width: int = WIDTH, side: str = "pre") -> np.ndarray:
    """The same documents with ``width`` columns, padded on ``side``."""
    X = np.zeros((N, width), dtype=np.int32)
    for i, w in enumerate(WORDS):
        if side == "pre":
            X[i, width - len(w) :] = w
        else:
            X[i, : len(w)] = w
    return X


FAMILIES = [
    # Held-out rows drawn from the seed: test_the_same_seed_gives_the_same_model.
    ("LSTMClassifier", {"validation_split": 0.2}),
    ("GRUClassifier", {"bidirectional": True, "pooling": "max"}),
    ("SimpleRNNClassifier", {"pooling": "mean", "n_layers": 2}),
    ("Conv1DClassifier", {"n_layers": 3, "pool_size": 2}),
    ("Conv1DClassifier", {"recurrent_units": 4, "kernel_size": 4}),
    ("DenseClassifier", {}),
    ("DenseClassifier", {"pooling": "max"}),
    ("TransformerClassifier", {"pooling": "max"}),
    ("TransformerClassifier", {}),
]
# The network alone: its masking and batches are the point here. The linear
# path's padding, bucketing and repeatability are tested in
# tests/networks/test_ngrams.py and tests/models/test_linear_path.py, and
# test_short_rows_train_for_several_epochs runs both.
SMALL = dict(units=8, epochs=3, batch_size=16, linear_ngrams=0, random_state=0)


@pytest.fixture(scope="module")
def fit_family():
    """``fit_family(i)``: FAMILIES[i] fitted once on ``padded()``, shared by
    the tests that only read it."""
    cache = {}

    def fit(i):
        if i not in cache:
            name, params = FAMILIES[i]
            cache[i] = getattr(skseq, name)(**SMALL, **params).fit(padded(), LABELS)
        return cache[i]

    return fit


@pytest.fixture(
    params=range(len(FAMILIES)), ids=[f"{name}{params}" for name, params in FAMILIES]
)
def fitted(request, fit_family):
    return fit_family(request.param)


def test_predictions_do_not_depend_on_padding(fitted):
    expected = fitted.predict_proba(padded())
    # More padding, padding after the tokens, or both.
    for X in (padded(40), padded(side="post"), padded(33, side="post")):
        np.testing.assert_allclose(fitted.predict_proba(X), expected, atol=1e-6)
    # Padding inside a row (ids 0 between the words) is padding too.
    holes = np.insert(padded(), [3, 9], 0, axis=1)
    np.testing.assert_allclose(fitted.predict_proba(holes), expected, atol=1e-6)


def test_predictions_do_not_depend_on_the_other_rows_of_a_batch(fitted):
    X = padded()
    expected = fitted.predict_proba(X)
    shortest = np.argsort(LENGTHS)[:5]
    alone = np.vstack([fitted.predict_proba(X[[i]]) for i in shortest])
    np.testing.assert_allclose(alone, expected[shortest], atol=1e-6)
    # The same rows in another order: returned in the caller's order, and
    # bit-identical (each row meets the same neighbours in the same batch
    # shape, scikit-learn's check_methods_sample_order_invariance at rtol=0).
    order = np.random.default_rng(5).permutation(N)
    np.testing.assert_array_equal(fitted.predict_proba(X[order]), expected[order])


def test_bucketing_off_gives_the_same_predictions(fitted):
    expected = fitted.predict_proba(padded())
    # The same weights, read through full-width batches.
    try:
        full_width = fitted.set_params(bucketing=False).predict_proba(padded())
    finally:
        fitted.set_params(bucketing=True)
    np.testing.assert_allclose(full_width, expected, atol=1e-6)


def test_the_same_seed_gives_the_same_model(fit_family):
    first = fit_family(0)
    assert FAMILIES[0] == ("LSTMClassifier", {"validation_split": 0.2})
    again = skseq.LSTMClassifier(**SMALL, validation_split=0.2).fit(padded(), LABELS)
    np.testing.assert_array_equal(first.history_["loss"], again.history_["loss"])
    np.testing.assert_array_equal(
        first.predict_proba(padded()), again.predict_proba(padded())
    )
    # Pre- and post-padded documents are one training set.
    post = skseq.LSTMClassifier(**SMALL, validation_split=0.2)
    post.fit(padded(side="post"), LABELS)
    np.testing.assert_array_equal(
        post.predict_proba(padded()), first.predict_proba(padded())
    )


def test_bucketing_composes_with_weights_validation_and_warm_starts():
    weights = np.where(np.arange(N) % 4 == 0, 0.0, 2.0)
    est = skseq.GRUClassifier(
        **{**SMALL, "epochs": 4}, class_weight={0: 1.0, 1: 3.0}, early_stopping=1
    )
    est.fit(padded(), LABELS, sample_weight=weights)
    assert "val_loss" in est.history_
    before, epochs = est.predict_proba(padded()), len(est.history_["loss"])
    est.partial_fit(padded(side="post"), LABELS)
    assert len(est.history_["loss"]) == epochs + 1
    assert not np.allclose(est.predict_proba(padded()), before)
    np.testing.assert_array_equal(weights[:4], [0.0, 2.0, 2.0, 2.0])


def test_rows_longer_than_in_fit_are_refused_by_name(fit_family):
    est = fit_family(0)  # an LSTMClassifier
    X = padded(30)
    X[7, :] = 5  # 30 tokens; the model was fitted on rows of 24 steps
    with pytest.raises(ValueError, match="row 7 of X holds 30 tokens, but LSTM"):
        est.predict(X)


# --- the batches themselves -------------------------------------------------
def test_left_align_moves_every_id_before_the_padding():
    X = np.array([[0, 0, 3, 4], [5, 0, 6, 0], [0, 0, 0, 0]])
    np.testing.assert_array_equal(
        left_align(X, width=5), [[3, 4, 0, 0, 0], [5, 6, 0, 0, 0], [0] * 5]
    )
    np.testing.assert_array_equal(X[1], [5, 0, 6, 0])  # the input is unchanged
    assert left_align(np.zeros((2, 3), dtype=int)).shape == (2, 1)


def test_training_batches_are_length_sorted_chunks_in_random_order():
    lengths = np.random.default_rng(1).integers(1, 500, 20_000)
    rows = np.arange(len(lengths))
    batches = batch_order(lengths, rows, 32, np.random.default_rng(0))
    # Every row once per epoch.
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), rows)
    spread = [np.ptp(lengths[b]) for b in batches[:-1]]
    # Chunks of 50 batches (1,600 rows) sorted: rows of a batch have similar
    # lengths (a random batch of 32 spans about 470).
    assert np.median(spread) < 20
    # The batches are shuffled, not ordered by length.
    firsts = [lengths[b].min() for b in batches]
    assert not np.all(np.diff(firsts) >= 0)
    assert CHUNK_BATCHES == 50


def test_trimmed_widths_and_the_first_two_batches():
    # Ten copies: enough rows for chunks of several batches (an epoch has at
    # least 8 chunks).
    X = left_align(np.tile(padded(), (10, 1)), width=round_up(WIDTH, 8))
    y = np.tile(LABELS, 10)
    data = TokenBatches(X, y, batch_size=16, rng=np.random.default_rng(0))
    widths = [data[i][0].shape[1] for i in range(len(data))]
    assert all(w % 8 == 0 and w <= 24 for w in widths)
    assert min(widths) < 24  # short rows do not pay for the long ones
    # Keras fixes a PyDataset's batch shape from batches 0 and 1.
    assert widths[0] != widths[1]
    for i in range(len(data)):
        real = data[i][0] != 0
        # Right-padded masks, the layout cuDNN's LSTM and GRU kernels need.
        assert (real[:, :-1] >= real[:, 1:]).all()
    served = sum(np.count_nonzero(data[i][0]) for i in range(len(data)))
    assert served == 10 * LENGTHS.sum()  # trimming never cuts a token
    # Prediction order: sorted by length, all rows once.
    ordered = TokenBatches(X, batch_size=16)
    np.testing.assert_array_equal(np.sort(ordered.order), np.arange(10 * N))


def test_prediction_batches_depend_on_the_rows_not_their_order():
    X = left_align(padded(), width=round_up(WIDTH, 8))
    # Ties in length are many (120 rows, 24 lengths), duplicates too.
    X = np.vstack([X, X[:7]])
    expected = TokenBatches(X, batch_size=16)
    shuffled = TokenBatches(
        X[np.random.default_rng(3).permutation(len(X))], batch_size=16
    )
    assert len(shuffled) == len(expected) == 8
    for i in range(len(expected)):
        # The same rows, in the same order, at the same width.
        np.testing.assert_array_equal(shuffled[i][0], expected[i][0])


# --- the shape contract with Keras (issue 25) --------------------------------
def short_rows(n: int = 240, width: int = 18, seed: int = 0):
    """Rows of 5-16 tokens, one in ten of ``width``: a random batch of 32
    almost always holds a full-width row, a batch of 16 often does not."""
    rng = np.random.default_rng(seed)
    lengths = np.where(rng.random(n) < 0.1, width, rng.integers(5, 17, n))
    X = np.zeros((n, width), dtype=np.int32)
    for i, length in enumerate(lengths):
        X[i, :length] = rng.integers(2, 50, length)
    return X, rng.integers(0, 2, n)


def test_a_fixed_width_in_the_first_two_batches_holds_for_every_epoch():
    # Keras (TensorFlow) fixes the step dimension when batches 0 and 1 of the
    # first epoch have one width; every later draw must then have it too.
    X, y = short_rows()
    for seed in range(40):
        data = TokenBatches(X, y, batch_size=32, rng=np.random.default_rng(seed))
        signature = data.widths[0] if data.widths[0] == data.widths[1] else None
        for _ in range(6):
            served = np.sort(np.concatenate(data.batches))
            np.testing.assert_array_equal(served, np.arange(len(X)))
            for i in range(len(data)):
                batch = data[i][0]
                if signature is not None:
                    assert batch.shape[1] == signature
                # No token is cut, whatever the trading of rows.
                np.testing.assert_array_equal(
                    np.count_nonzero(batch, axis=1),
                    np.count_nonzero(X[data.batches[i]], axis=1),
                )
            data.on_epoch_end()


def test_one_width_for_every_row_keeps_a_fixed_signature():
    X = np.full((50, 12), 3, dtype=np.int32)  # every row 12 tokens
    data = TokenBatches(X, batch_size=16, rng=np.random.default_rng(0))
    assert data.widths == [12, 12, 12, 12]


@pytest.mark.parametrize("linear_ngrams", [0, 2])
@pytest.mark.parametrize("seed", [0, 3, 8])
def test_short_rows_train_for_several_epochs(seed, linear_ngrams):
    # These seeds crashed before issue 25: "generator yielded an element of
    # shape (16, 16) where an element of shape (None, 18) was expected"; seed
    # 3 again when the linear path's fit left the network's fit a later draw.
    X, y = short_rows()
    params = dict(units=4, epochs=4, linear_ngrams=linear_ngrams)
    est = skseq.GRUClassifier(random_state=seed, **params).fit(X, y)
    assert len(est.history_["loss"]) == 4
    assert est.predict_proba(X).shape == (240, 2)


def test_the_width_ladder_bounds_the_batch_shapes():
    for n_steps in (1, 7, 8, 18, 200, 500, 1000, 5000):
        ladder = width_ladder(n_steps)
        assert ladder[-1] == n_steps and (np.diff(ladder) > 0).all()
        assert (ladder[:-1] % 8 == 0).all()
        # A row pays at most 1/8 of its width in padding above 64 steps.
        assert (
            ladder[1:][ladder[:-1] >= 64] <= 1.125 * ladder[:-1][ladder[:-1] >= 64] + 8
        ).all()
        assert len(ladder) <= 8 + 8 * max(np.log2(n_steps / 64), 0) + 1
    assert width_ladder(30, multiple=12).tolist() == [12, 24, 30]
