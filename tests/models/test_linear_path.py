"""How a classifier with ``linear_ngrams`` trains and mixes its two models
(skseq/models/_linear_path.py, issue 27): the mix minimizes the held-out
loss, the fitted model's output is exactly the mix of its two models'
logits, the linear path trains first and alone, and partial_fit gives it one
epoch; the naive Bayes ratios that scale it."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit, log_softmax, softmax

from skseq import GRUClassifier, LSTMClassifier
from skseq.models._linear_path import fit_mix, logits_model, naive_bayes_ratios
from skseq.networks._ngrams import NgramLogits

pytestmark = pytest.mark.jax


def _sigmoid_loss(weights, network, linear, y):
    z = network * weights[0] + linear * weights[1]
    return np.mean(np.logaddexp(0, z) - y * z)


def _softmax_loss(weights, network, linear, y):
    z = network * weights[0] + linear * weights[1]
    return -np.mean(log_softmax(z, axis=1)[np.arange(len(y)), y])


def test_the_mix_minimizes_the_held_out_loss_over_a_grid():
    rng = np.random.default_rng(0)
    truth = rng.normal(size=(500, 1)) * 3
    y = (rng.random((500, 1)) < expit(truth)).astype(float)
    network = truth + rng.normal(size=truth.shape) * 3  # a noisy model
    linear = truth * 0.5 + rng.normal(size=truth.shape)  # a shy, better one
    weights = fit_mix(np.hstack([network, linear]), y, "sigmoid")
    best = _sigmoid_loss(weights, network, linear, y)
    grid = np.linspace(0, 4, 41)
    losses = [_sigmoid_loss((a, b), network, linear, y) for a in grid for b in grid]
    assert best <= min(losses) + 1e-6
    assert weights[1] > weights[0] >= 0  # the better model weighs more


def test_the_softmax_mix_minimizes_the_loss_and_is_never_negative():
    rng = np.random.default_rng(1)
    truth = rng.normal(size=(400, 3)) * 2
    y = np.array([rng.choice(3, p=p) for p in softmax(truth, axis=1)])
    network = -truth  # worse than nothing: its weight stays at the bound 0
    linear = truth + rng.normal(size=truth.shape)
    weights = fit_mix(np.hstack([network, linear]), y, "softmax")
    assert weights[0] == 0
    grid = np.linspace(0, 3, 61)
    losses = [_softmax_loss((0, b), network, linear, y) for b in grid]
    assert _softmax_loss(weights, network, linear, y) <= min(losses) + 1e-6


def _pair_task(n=300, steps=10, seed=0):
    """Label 1 when the pair (3, 4) occurs; the words 3 and 4 occur in both."""
    rng = np.random.default_rng(seed)
    X = rng.integers(3, 20, size=(n, steps)).astype("int32")
    y = rng.integers(0, 2, size=n)
    X[:, 1:][(X[:, :-1] == 3) & (X[:, 1:] == 4)] = 5
    start = rng.integers(0, steps - 1, size=n)
    X[y == 1, start[y == 1]] = 3
    X[y == 1, start[y == 1] + 1] = 4
    return X, y


@pytest.mark.parametrize("target", ["binary", "multiclass", "multilabel"])
def test_the_output_is_the_mix_of_the_two_models_logits(target):
    X, y = _pair_task()
    y = {"binary": y, "multiclass": y + (X[:, 0] > 12), "multilabel": None}[target]
    if y is None:
        y = np.column_stack([_pair_task()[1], X[:, 0] > 12]).astype(int)
    model = LSTMClassifier(units=4, epochs=2, linear_ngrams=2, random_state=0)
    model.fit(X, y)
    a, b = model.linear_mix_
    assert a >= 0 and b >= 0
    logits = logits_model(model.model_).predict(model._check_fitted_X(X), verbose=0)
    network, linear = np.split(logits, 2, axis=1)
    mixed = network * a + linear * b
    if target == "multiclass":
        expected = softmax(mixed, axis=1)
    elif target == "binary":
        expected = np.column_stack([1 - expit(mixed[:, 0]), expit(mixed[:, 0])])
    else:
        expected = expit(mixed)
    np.testing.assert_allclose(model.predict_proba(X), expected, atol=2e-5)


def test_the_linear_path_trains_first_and_partial_fit_gives_it_one_epoch():
    X, y = _pair_task()
    # 300 rows: early stopping is off ("auto"), but the path holds out 10 %.
    model = GRUClassifier(units=4, epochs=3, linear_ngrams=2, random_state=0)
    model.fit(X, y)
    history = model.linear_history_
    assert set(history) == {"loss", "val_loss"}
    assert 1 <= len(history["loss"]) <= 3  # the estimator's epochs
    assert len(model.history_["val_loss"]) == 3  # the network's own epochs
    # The linear path alone beats chance on the held-out rows: it was trained.
    assert min(history["val_loss"]) < 0.6
    table = model.model_.get_layer("ngram_logits").table
    assert not table.trainable  # frozen while the network trains
    partial = GRUClassifier(units=4, linear_ngrams=2, random_state=0)
    partial.partial_fit(X, y, classes=[0, 1])
    assert len(partial.linear_history_["loss"]) == 1
    before = np.asarray(partial.model_.get_layer("ngram_logits").table.numpy())
    partial.partial_fit(X, y)
    after = np.asarray(partial.model_.get_layer("ngram_logits").table.numpy())
    assert not np.array_equal(before, after)  # each call trains it on


def test_the_input_is_unchanged_and_fits_repeat_exactly():
    X, y = _pair_task(n=120)
    X_before, y_before = X.copy(), y.copy()
    params = dict(units=4, epochs=2, linear_ngrams=3, random_state=3)
    first = LSTMClassifier(**params).fit(X, y)
    second = LSTMClassifier(**params).fit(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)
    np.testing.assert_array_equal(first.linear_mix_, second.linear_mix_)
    np.testing.assert_array_equal(first.predict_proba(X), second.predict_proba(X))


@pytest.mark.parametrize("n_rows", [12, 99])
def test_below_100_rows_nothing_is_held_out_and_the_mix_is_the_mean(n_rows):
    X, y = _pair_task(n=n_rows)
    model = GRUClassifier(units=2, epochs=2, random_state=0).fit(X, y)
    assert model.linear_ngrams == 2  # the default
    np.testing.assert_array_equal(model.linear_mix_, [0.5, 0.5])
    assert "val_loss" not in model.linear_history_
    assert len(model.linear_history_["loss"]) == 2  # all the epochs
    assert model.predict_proba(X).shape == (n_rows, 2)


def test_the_mix_is_fitted_with_the_class_weights():
    rng = np.random.default_rng(0)
    network = rng.normal(size=(400, 1))
    linear = rng.normal(size=(400, 1)) + 2  # says "1" for nearly every row
    y = (rng.random((400, 1)) < 0.1).astype(float)  # mostly 0
    plain = fit_mix(np.hstack([network, linear]), y, "sigmoid")
    weights = np.where(y[:, 0] == 1, 9.0, 1.0)  # the classes balanced
    balanced = fit_mix(np.hstack([network, linear]), y, "sigmoid", weights)
    assert _sigmoid_loss(balanced, network, linear, y) > _sigmoid_loss(
        plain, network, linear, y
    )
    assert balanced[1] > plain[1]  # the linear model's "1" costs less now


def _path(units, vocabulary_size, ngrams, buckets=8):
    path = NgramLogits(units, vocabulary_size, ngrams, buckets=buckets, scaled=True)
    path.build((None, None))
    return path


def _log_ratio(p, q):
    return np.log(p / p.sum()) - np.log(q / q.sum())


def test_naive_bayes_ratios_count_each_word_once_per_row_and_weigh_rows():
    ids = np.array([[2, 3, 0], [2, 2, 0], [3, 4, 4]])
    targets = np.array([[1.0], [1.0], [0.0]])
    ratio = naive_bayes_ratios(_path(1, 5, 1), ids, targets)
    # Rows with the word (binarized), plus 1; ids 0 and 1 occur in no row.
    p = np.array([0, 0, 2, 1, 0]) + 1.0  # class 1
    q = np.array([0, 0, 0, 1, 1]) + 1.0  # class 0
    np.testing.assert_allclose(ratio[:, 0], _log_ratio(p, q), rtol=1e-6)
    weighted = naive_bayes_ratios(_path(1, 5, 1), ids, targets, np.array([2, 1, 3]))
    p, q = np.array([0, 0, 3, 2, 0]) + 1.0, np.array([0, 0, 0, 3, 3]) + 1.0
    np.testing.assert_allclose(weighted[:, 0], _log_ratio(p, q), rtol=1e-6)
    assert ratio.dtype == np.float32 and ratio.shape == (5, 1)


def test_naive_bayes_ratios_of_pairs_and_of_each_class_against_the_rest():
    path = _path(3, 6, 2)
    ids = np.array([[2, 3, 2, 3], [3, 2, 0, 0], [5, 5, 5, 0]])
    targets = np.eye(3)[[0, 1, 2]]
    ratio = naive_bayes_ratios(path, ids, targets)
    rows, valid = (np.asarray(a) for a in path.ngram_rows(ids))
    counts = np.zeros((3, 6 + 8))
    for r, (row, seen) in enumerate(zip(rows, valid, strict=True)):
        counts[r, np.unique(row[seen])] = 1  # each n-gram once per row
    assert counts[0].sum() == 4  # 2, 3, the pair (2, 3) and the pair (3, 2)
    for c in range(3):
        p = counts[c] + 1
        q = counts[np.arange(3) != c].sum(axis=0) + 1
        np.testing.assert_allclose(ratio[:, c], _log_ratio(p, q), rtol=1e-5)


def test_the_ratios_come_from_the_first_fit_and_scaling_can_be_off():
    X, y = _pair_task(n=80)  # below 100 rows: every row trains the path
    model = GRUClassifier(units=2, epochs=1, random_state=0).fit(X, y)
    assert model.linear_scaling == "auto"  # the default: scaled for two classes
    path = model.model_.get_layer("ngram_logits")
    expected = naive_bayes_ratios(path, X, y[:, None].astype(float))
    np.testing.assert_allclose(path.ratio.numpy(), expected, rtol=1e-6)
    other, other_y = _pair_task(n=80, seed=1)
    model.partial_fit(other, other_y)  # a later call keeps the first ratios
    np.testing.assert_allclose(path.ratio.numpy(), expected, rtol=1e-6)
    plain = GRUClassifier(units=2, epochs=1, linear_scaling=None).fit(X, y)
    plain_path = plain.model_.get_layer("ngram_logits")
    assert not plain_path.scaled
    assert [w.name for w in plain_path.weights] == ["table"]


def test_auto_scales_two_classes_only_and_naive_bayes_scales_any():
    X, y = _pair_task(n=40)
    three = y + (X[:, 0] > 12)
    labels = np.column_stack([y, X[:, 0] > 12]).astype(int)

    def scaled(target, scaling="auto"):
        model = GRUClassifier(units=2, epochs=1, linear_scaling=scaling)
        return model.fit(X, target).model_.get_layer("ngram_logits").scaled

    assert scaled(y) and scaled(y.astype(str))
    assert not scaled(three) and not scaled(labels)
    assert scaled(three, "naive_bayes") and scaled(labels, "naive_bayes")


@pytest.mark.parametrize("value", ["nb", True, 1])
def test_linear_scaling_is_validated(value):
    X, y = _pair_task(n=20)
    with pytest.raises(ValueError, match="'linear_scaling' parameter of GRUClassifier"):
        GRUClassifier(linear_scaling=value).fit(X, y)
