"""Estimators on window views: batch-by-batch feeding (skseq/models/_training.py)."""

import keras
import numpy as np
import pytest
from _windows import window_pipeline

from skseq import GRURegressor, LSTMClassifier, SlidingWindow
from skseq.models._training import WindowBatches
from skseq.utils._views import is_lazy

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax


@pytest.fixture
def fed(monkeypatch):
    """``(method, x, validation_data)`` of every ``keras.Model`` fit/predict."""
    calls = []
    original_fit, original_predict = keras.Model.fit, keras.Model.predict

    def spy_fit(self, x=None, *args, **kwargs):
        calls.append(("fit", x, kwargs.get("validation_data")))
        return original_fit(self, x, *args, **kwargs)

    def spy_predict(self, x, *args, **kwargs):
        calls.append(("predict", x, None))
        return original_predict(self, x, *args, **kwargs)

    monkeypatch.setattr(keras.Model, "fit", spy_fit)
    monkeypatch.setattr(keras.Model, "predict", spy_predict)
    return calls


def test_windows_reach_keras_in_batches_never_whole(series, fed):
    X, y = series
    model = GRURegressor(units=4, epochs=1, validation_split=0.2, random_state=0)
    pipe = window_pipeline(model).fit(X, y)
    pred = pipe.predict(X)
    assert pred.shape == (1500,)
    (_, train, valid), (_, test, _) = fed
    assert isinstance(train, WindowBatches)
    assert isinstance(valid, WindowBatches)
    assert isinstance(test, WindowBatches)
    # Regressors validate on the last rows, as a forecaster would be used.
    np.testing.assert_array_equal(valid.rows, np.arange(1200, 1500))
    np.testing.assert_array_equal(np.sort(train.rows), np.arange(1200))


def test_window_batches_serve_every_row_once_per_epoch():
    X = np.arange(100, dtype=np.float32).reshape(-1, 1, 1)
    y = np.arange(100, dtype=np.float32)
    batches = WindowBatches(
        X, y, rows=np.arange(90), batch_size=32, rng=np.random.default_rng(0)
    )
    assert len(batches) == 3
    for _ in range(2):
        seen = np.concatenate([batches[i][0][:, 0, 0] for i in range(len(batches))])
        np.testing.assert_array_equal(np.sort(seen), np.arange(90))
        assert not np.array_equal(seen, np.arange(90))  # shuffled
        first = batches[0]
        np.testing.assert_array_equal(first[0][:, 0, 0], first[1])
        batches.on_epoch_end()


def test_materialised_windows_are_not_lazy(series):
    windows = SlidingWindow(30, step=3).fit_transform(series[0])
    assert is_lazy(windows)
    assert not is_lazy(np.ascontiguousarray(windows))
    assert not is_lazy(np.zeros((4, 3, 2)))


def _seeded_pipeline(series):
    X, y = series
    return window_pipeline(GRURegressor(units=4, epochs=2, random_state=3)).fit(X, y)


@pytest.fixture(scope="module")
def seeded_pipeline(series):
    """A window pipeline fitted once, shared by the tests that only read it."""
    return _seeded_pipeline(series)


def test_same_seed_same_predictions_on_views(series, seeded_pipeline):
    X, _ = series
    np.testing.assert_array_equal(
        seeded_pipeline.predict(X), _seeded_pipeline(series).predict(X)
    )


def test_zero_sample_weights_drop_rows_without_copying(series, fed):
    X, y = series
    weights = np.ones(len(X))
    weights[:500] = 0
    pipe = window_pipeline(GRURegressor(units=4, epochs=1, random_state=0))
    pipe.fit(X, y, model__sample_weight=weights)
    (_, train, _), *_ = fed
    np.testing.assert_array_equal(np.sort(train.rows), np.arange(500, 1500))


def test_gru_learns_the_sine_ahead(series):
    X, y = series
    model = GRURegressor(units=16, epochs=8, random_state=0, learning_rate=0.01)
    pipe = window_pipeline(model).fit(X[:1200], y[:1200])
    mae = np.abs(pipe.predict(X[1200:])[50:] - y[1250:]).mean()
    persistence = np.abs(y[1250:] - y[1245:-5]).mean()
    assert mae < persistence


def test_classifier_trains_on_views(series):
    X, y = series
    labels = (y > 0).astype(int)
    pipe = window_pipeline(LSTMClassifier(units=4, epochs=2, random_state=0)).fit(
        X, labels
    )
    assert pipe.score(X, labels) > 0.6


def test_different_window_at_predict_is_refused(series, seeded_pipeline):
    X, _ = series
    pipe = seeded_pipeline
    windows = SlidingWindow(60, step=3).fit_transform(X)
    with pytest.raises(ValueError, match=r"fitted on samples of shape \(10, 2\)"):
        pipe[-1].predict(windows)


def test_nan_in_a_window_view_is_located():
    X = np.ones((50, 2), dtype=np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(X, 5, axis=0)
    windows = windows.transpose(0, 2, 1)
    model = GRURegressor(units=2, epochs=1).fit(windows, np.ones(len(windows)))
    X[20, 1] = np.nan  # the view sees it through the shared buffer
    with pytest.raises(ValueError, match="sample 16, step 4, feature 1"):
        model.predict(windows)
