"""The estimator families on small synthetic data: contract, inputs, errors."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils import get_tags

from skseq import (
    Conv1DClassifier,
    DenseClassifier,
    DenseRegressor,
    GRUClassifier,
    GRURegressor,
    LSTMClassifier,
    LSTMRegressor,
    SimpleRNNClassifier,
    TextVectorizer,
)
from skseq.estimators import all_estimators

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

# Every family, from the registry: a new family is tested without editing here.
CLASSIFIERS = list(all_estimators("classifier").values())
REGRESSORS = list(all_estimators("regressor").values())
ALL = CLASSIFIERS + REGRESSORS
# embedding_dim is not the default (64): test_token_input_gets_an_embedding_...
# reads it on a shared fit.
SMALL = dict(units=4, embedding_dim=5, epochs=2, batch_size=16, random_state=0)
# The network alone for the classifiers (linear_ngrams=0): these tests read its
# layers, seeding, labels, masking and input checks. The linear path beside it,
# on by default for token ids, has its own tests
# (tests/models/test_linear_path.py, tests/networks/test_ngrams.py).
NETWORK = dict(SMALL, linear_ngrams=0)

rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(48, 10))
SERIES = rng.normal(size=(48, 10, 3)).astype("float32")
LABELS = (TOKENS[:, -1] > 15).astype(int)
TARGET = SERIES[:, -1, 0] + 0.5 * SERIES[:, -2, 1]


def _target_for(cls):
    return LABELS if is_classifier(cls()) else TARGET


def _small(cls):
    """``NETWORK`` for a classifier, ``SMALL`` for a regressor."""
    return NETWORK if is_classifier(cls()) else SMALL


def _outputs(est, X):
    return est.predict_proba(X) if is_classifier(est) else est.predict(X)


# Each family once per test, classifiers and regressors both present: a
# family seeded on tokens with one task is fitted on 3-D floats with the other.
SEEDED_ON_TOKENS = [
    *CLASSIFIERS[:4],  # Conv1D, Dense, GRU, LSTM: later tests read them again
    *REGRESSORS[4:],
]
ON_3D_FLOATS = [*REGRESSORS[:4], *CLASSIFIERS[4:]]


@pytest.fixture(scope="module")
def fitted():
    """``fitted(cls, X)``: ``cls(**_small(cls))`` fitted once on ``X`` (TOKENS or
    SERIES) and its task's target, shared by the tests that only read it."""
    cache = {}

    def fit(cls, X):
        key = (cls, X is TOKENS)
        if key not in cache:
            cache[key] = cls(**_small(cls)).fit(X, _target_for(cls))
        return cache[key]

    return fit


@pytest.mark.parametrize("cls", SEEDED_ON_TOKENS, ids=lambda c: c.__name__)
def test_same_random_state_gives_identical_predictions_on_tokens(cls, fitted):
    y = _target_for(cls)
    first = _outputs(fitted(cls, TOKENS), TOKENS)
    second = _outputs(cls(**_small(cls)).fit(TOKENS, y), TOKENS)
    assert first.shape[0] == len(TOKENS)
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("cls", ON_3D_FLOATS, ids=lambda c: c.__name__)
def test_fits_and_predicts_on_3d_float_arrays(cls, fitted):
    est = fitted(cls, SERIES)
    assert est.input_kind_ == "series"
    assert est.vocabulary_size_ is None
    assert est.predict(SERIES).shape == (len(SERIES),)
    assert len(est.history_["loss"]) == 2


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_clone_round_trips_params_and_tags(cls):
    est = cls(units=7, dropout=0.25, bidirectional=True, epochs=3)
    assert clone(est).get_params() == est.get_params()
    assert est.get_params()["units"] == 7
    tags = get_tags(est)
    assert tags.input_tags.three_d_array
    assert tags.non_deterministic
    expected_type = "classifier" if cls in CLASSIFIERS else "regressor"
    assert tags.estimator_type == expected_type
    assert is_classifier(est) == (cls in CLASSIFIERS)
    assert is_regressor(est) == (cls in REGRESSORS)


def test_pipeline_with_classifier_is_a_classifier():
    pipe = Pipeline([("text", TextVectorizer()), ("model", LSTMClassifier())])
    assert is_classifier(pipe)


def test_set_params_changes_the_built_model():
    est = LSTMClassifier(**NETWORK).set_params(units=6, n_layers=2, bidirectional=True)
    est.fit(TOKENS, LABELS)
    kinds = [type(layer).__name__ for layer in est.model_.layers]
    assert kinds.count("Bidirectional") == 2
    last = [layer for layer in est.model_.layers if hasattr(layer, "forward_layer")]
    assert last[-1].forward_layer.units == 6


def test_token_input_gets_an_embedding_sized_by_the_data(fitted):
    est = fitted(GRUClassifier, TOKENS)
    assert SMALL["embedding_dim"] == 5
    embedding = est.model_.get_layer(index=1)
    assert type(embedding).__name__ == "Embedding"
    assert embedding.input_dim == TOKENS.max() + 1
    assert embedding.output_dim == 5
    assert est.vocabulary_size_ == TOKENS.max() + 1


def _layer_kinds(est) -> list[str]:
    """The network's layers, in order, without the linear path's."""
    path = {"ngram_logits", "ngram_mix", "output"}
    return [type(lay).__name__ for lay in est.model_.layers if lay.name not in path]


def _poolings(est) -> list:
    return [lay for lay in est.model_.layers if type(lay).__name__.startswith("Masked")]


@pytest.mark.parametrize(
    ("cls", "params"),
    [
        (LSTMClassifier, {"pooling": "max"}),
        (GRURegressor, {"pooling": "mean", "n_layers": 2}),
        (SimpleRNNClassifier, {"pooling": "max", "bidirectional": True}),
        (Conv1DClassifier, {"pooling": "mean"}),
        (Conv1DClassifier, {"recurrent_units": 3, "pooling": "max"}),
        (DenseClassifier, {"pooling": "mean"}),
    ],
)
def test_pooling_reduces_every_step_of_the_last_layer(cls, params):
    X = TOKENS if is_classifier(cls()) else SERIES
    est = cls(**{**_small(cls), **params}).fit(X, _target_for(cls))
    pools = _poolings(est)
    assert [pool.kind for pool in pools] == [params["pooling"]]
    assert "Flatten" not in _layer_kinds(est)
    # It reduces one vector per time step (masked pooling reads real steps).
    steps = pools[0].input[0].shape
    assert len(steps) == 3
    assert steps[1] is None or steps[1] > 1


@pytest.mark.parametrize(
    ("cls", "kept"),
    [
        (LSTMClassifier, "LSTM"),
        (Conv1DClassifier, "max"),
        (DenseClassifier, "Flatten"),
    ],
)
def test_default_pooling_keeps_each_familys_classic_reduction(cls, kept, fitted):
    est = fitted(cls, TOKENS)
    kinds = _layer_kinds(est)
    pools = [pool.kind for pool in _poolings(est)]
    assert pools == (["max"] if kept == "max" else [])
    assert kept == "max" or kept in kinds
    if kept == "LSTM":  # the final state, read at each row's last real token
        assert kinds[-2:] == ["LastRealStep", "Dense"]


def test_multiclass_string_labels():
    y = np.array(["neg", "neutral", "pos"])[TOKENS[:, -1] % 3]
    clf = LSTMClassifier(**NETWORK).fit(TOKENS, y)
    proba = clf.predict_proba(TOKENS)
    assert proba.shape == (len(TOKENS), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    assert set(clf.predict(TOKENS)) <= {"neg", "neutral", "pos"}
    np.testing.assert_array_equal(clf.classes_, ["neg", "neutral", "pos"])
    assert clf.model_.outputs[0].shape[-1] == 3


def test_binary_predict_proba_matches_predict(fitted):
    clf = fitted(DenseClassifier, TOKENS)
    proba = clf.predict_proba(TOKENS)
    assert proba.shape == (len(TOKENS), 2)
    np.testing.assert_array_equal(clf.predict(TOKENS), proba.argmax(axis=1))


def test_class_weight_leaves_callers_sample_weight_untouched():
    weights = np.ones(len(TOKENS))
    DenseClassifier(**NETWORK, class_weight="balanced").fit(
        TOKENS, LABELS, sample_weight=weights
    )
    np.testing.assert_array_equal(weights, np.ones(len(TOKENS)))


def test_sample_weight_changes_the_fit(fitted):
    plain = fitted(DenseRegressor, SERIES).predict(SERIES)
    weights = np.where(TARGET > 0, 10.0, 0.1)
    weighted = DenseRegressor(**SMALL).fit(SERIES, TARGET, sample_weight=weights)
    assert not np.allclose(plain, weighted.predict(SERIES))


def test_validation_split_is_stratified_for_classifiers():
    y = np.repeat([0, 1], 24)  # sorted labels: a tail split would be all ones
    clf = DenseClassifier(**NETWORK, validation_split=0.25).fit(TOKENS, y)
    assert {"val_loss", "val_accuracy"} <= set(clf.history_)


def test_early_stopping_stops_after_patience_epochs_without_progress():
    noise = np.random.default_rng(1).integers(0, 2, len(TOKENS))  # only overfits
    clf = DenseClassifier(
        units=32,
        epochs=40,
        learning_rate=0.05,
        early_stopping=2,
        linear_ngrams=0,
        random_state=0,
    ).fit(TOKENS, noise)
    val_loss = clf.history_["val_loss"]
    assert len(val_loss) < 40
    assert len(val_loss) - 1 - int(np.argmin(val_loss)) == 2


@pytest.mark.parametrize(("n_rows", "validates"), [(9_999, False), (10_000, True)])
def test_auto_early_stopping_needs_ten_thousand_rows(n_rows, validates):
    rng = np.random.default_rng(0)
    X = rng.integers(2, 20, size=(n_rows, 3))
    y = (X[:, 0] > 10).astype(int)
    # Without the linear path, which holds out rows of its own.
    params = dict(units=2, epochs=3, batch_size=1024, linear_ngrams=0)
    clf = DenseClassifier(random_state=0, **params)
    assert clf.early_stopping == "auto"
    clf.fit(X, y)
    assert ("val_loss" in clf.history_) is validates
    if validates:  # below 10,000 rows nothing validates anyway
        # One epoch, or an explicit False, trains on every row.
        assert "val_loss" not in clf.set_params(epochs=1).fit(X, y).history_
        clf.set_params(epochs=3, early_stopping=False)
        assert "val_loss" not in clf.fit(X, y).history_


def test_2d_float_input_is_one_feature_per_step():
    reg = LSTMRegressor(**SMALL).fit(SERIES[:, :, 0], TARGET)
    assert reg.model_.layers[1].output.shape[1:] == (10, 1)
    assert reg.predict(SERIES[:, :, 0]).shape == (len(SERIES),)


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError):
        LSTMClassifier().predict(TOKENS)


def test_single_class_is_a_clear_error():
    with pytest.raises(ValueError, match="at least two classes"):
        LSTMClassifier(**SMALL).fit(TOKENS, np.ones(len(TOKENS)))


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("dropout", 1.5),
        ("recurrent_dropout", -0.1),
        ("epochs", 0),
        ("batch_size", 0),
        ("units", 0),
        ("n_layers", 0),
        ("learning_rate", -1.0),
        ("validation_split", 1.0),
        ("pooling", "last"),
    ],
)
def test_bad_hyperparameters_name_the_parameter(param, value):
    with pytest.raises(ValueError, match=param):
        LSTMClassifier(**{**SMALL, param: value}).fit(TOKENS, LABELS)


def test_unknown_optimizer_names_the_parameter():
    with pytest.raises(ValueError, match="optimizer.*'adamm'"):
        LSTMClassifier(optimizer="adamm").fit(TOKENS, LABELS)


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (np.arange(10), "1-D"),
        (np.zeros((2, 3, 4, 5), dtype="float32"), "4-D"),
        (np.array([["a", "b"], ["c", "d"]]), "numeric"),
        (np.zeros((0, 5), dtype=int), "0 samples"),
        (np.array([[1, -2], [3, 4]]), "negative token id -2 at sample 0, position 1"),
        (
            np.array([[0.5, np.nan], [1.0, 2.0]]),
            "NaN in X at sample 0, step 1",
        ),
    ],
)
def test_bad_input_is_named(X, match):
    with pytest.raises(ValueError, match=match):
        LSTMClassifier(**SMALL).fit(X, np.arange(len(X)) % 2)


def test_predict_checks_input_against_fit(fitted):
    clf = fitted(DenseClassifier, TOKENS)
    # Token rows may be padded to any width, but not hold more tokens.
    wider = np.pad(TOKENS[:, :5], ((0, 0), (7, 0)))
    np.testing.assert_allclose(
        clf.predict_proba(TOKENS[:, :5]), clf.predict_proba(wider), atol=1e-6
    )
    with pytest.raises(ValueError, match="row 0 of X holds 12 tokens, but Dense"):
        clf.predict(np.hstack([TOKENS, TOKENS[:, :2]]))
    as_given = DenseClassifier(**NETWORK, masking=False).fit(TOKENS, LABELS)
    with pytest.raises(ValueError, match="fitted on samples of shape"):
        as_given.predict(TOKENS[:, :5])
    with pytest.warns(UserWarning, match="are >= 30, the vocabulary seen in fit"):
        unseen = clf.predict_proba(TOKENS + 100)
    np.testing.assert_allclose(unseen, clf.predict_proba(np.ones_like(TOKENS)))
    with pytest.raises(ValueError, match="fitted on tokens but got series"):
        clf.predict(TOKENS.astype("float32"))


def test_masking_gives_empty_documents_a_finite_prediction():
    X = TOKENS.copy()
    X[:4] = 0  # four empty documents among the training rows
    for est in (
        DenseClassifier(**NETWORK, pooling="mean", masking=True),
        GRUClassifier(**NETWORK, pooling="mean", masking=True),
    ):
        est.fit(X, LABELS)
        assert np.isfinite(est.history_["loss"]).all()
        assert np.isfinite(est.predict_proba(np.zeros((2, 10), dtype=int))).all()


def test_masking_does_not_apply_to_float_series(fitted):
    y = _target_for(GRURegressor)
    masked = fitted(GRURegressor, SERIES)  # masking=True by default
    plain = GRURegressor(**SMALL, masking=False).fit(SERIES, y)
    np.testing.assert_array_equal(masked.predict(SERIES), plain.predict(SERIES))
