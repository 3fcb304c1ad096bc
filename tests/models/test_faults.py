"""A fit that fails or is interrupted changes nothing; continued training
(``warm_start``, ``partial_fit``) picks up where the last fit stopped."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from skseq import GRURegressor, LSTMClassifier

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(120, 8))
LABELS = (TOKENS[:, -1] > 15).astype(int)
SERIES = rng.normal(size=(120, 6, 2)).astype("float32")
TARGET = SERIES[:, -1, 0] * 2


class StopAt(keras.callbacks.Callback):
    """Raise ``error`` in the middle of the ``epoch``-th epoch (0-based) that
    this call to ``fit`` trains."""

    def __init__(self, epoch: int, error: BaseException):
        super().__init__()
        self.stop_epoch, self.error = epoch, error
        self.epochs_begun = 0

    def on_train_begin(self, logs=None):
        self.epochs_begun = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epochs_begun += 1

    def on_train_batch_end(self, batch, logs=None):
        if self.epochs_begun == self.stop_epoch + 1 and batch == 1:
            raise self.error


def _classifier(**params):
    return LSTMClassifier(
        units=4, embedding_dim=4, epochs=3, batch_size=16, random_state=0, **params
    )


@pytest.fixture(scope="module")
def undisturbed():
    """What an undisturbed ``_classifier().fit`` predicts on TOKENS."""
    return _classifier().fit(TOKENS, LABELS).predict_proba(TOKENS)


@pytest.mark.parametrize("error", [KeyboardInterrupt(), RuntimeError("boom")])
def test_interrupted_first_fit_leaves_the_estimator_unfitted(error, undisturbed):
    model = _classifier(callbacks=[StopAt(1, error)])
    with pytest.raises(type(error)):
        model.fit(TOKENS, LABELS)
    assert not model.initialized_
    assert not hasattr(model, "history_")
    with pytest.raises(NotFittedError):
        model.predict(TOKENS)
    # The next fit works, and gives what an undisturbed fit gives.
    model.set_params(callbacks=None).fit(TOKENS, LABELS)
    np.testing.assert_array_equal(model.predict_proba(TOKENS), undisturbed)


def test_interrupted_refit_keeps_the_previous_model():
    model = _classifier().fit(TOKENS, LABELS)
    before, history = model.predict_proba(TOKENS), dict(model.history_)
    model.set_params(callbacks=[StopAt(1, KeyboardInterrupt())], random_state=1)
    with pytest.raises(KeyboardInterrupt):
        model.fit(TOKENS, LABELS)
    np.testing.assert_array_equal(model.predict_proba(TOKENS), before)
    assert model.history_ == history
    assert model.random_state == 1  # parameters are the caller's, untouched


@pytest.mark.parametrize("how", ["warm_start", "partial_fit"])
def test_interrupted_continued_training_restores_weights(how):
    model = GRURegressor(units=4, epochs=2, batch_size=16, random_state=0)
    model.fit(SERIES, TARGET)
    before = model.predict(SERIES)
    n_epochs = len(model.history_["loss"])
    model.set_params(callbacks=[StopAt(0, KeyboardInterrupt())], warm_start=True)
    with pytest.raises(KeyboardInterrupt):
        if how == "warm_start":
            model.fit(SERIES, TARGET)
        else:
            model.partial_fit(SERIES, TARGET)
    np.testing.assert_array_equal(model.predict(SERIES), before)
    assert len(model.history_["loss"]) == n_epochs


def test_warm_start_and_partial_fit_continue_training():
    model = GRURegressor(units=4, epochs=2, batch_size=16, random_state=0)
    model.fit(SERIES, TARGET)
    first = list(model.history_["loss"])
    weights = [w.copy() for w in model.model_.get_weights()]
    model.partial_fit(SERIES, TARGET)
    assert len(model.history_["loss"]) == 3
    assert model.history_["loss"][:2] == first
    # The same model, trained further: not rebuilt from fresh weights.
    assert any(
        not np.array_equal(a, b)
        for a, b in zip(weights, model.model_.get_weights(), strict=True)
    )
    # A warm fit trains the same model on; history_ holds that fit's epochs.
    third = model.history_["loss"][-1]
    model.set_params(warm_start=True).fit(SERIES, TARGET)
    assert len(model.history_["loss"]) == 2
    assert model.history_["loss"][0] < third < first[0]
    # Without warm_start, fit starts over.
    model.set_params(warm_start=False).fit(SERIES, TARGET)
    assert model.history_["loss"] == first
