"""Quantile regression (loss="quantile"): shapes, order, non-crossing, the
pinball loss, persistence in a new process, and the wrappers around it."""

import pickle

import matplotlib
import numpy as np
import pytest
from _fresh_process import FreshPython
from sklearn.compose import TransformedTargetRegressor
from sklearn.metrics import mean_pinball_loss
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from skseq import DenseRegressor, GRURegressor, SlidingWindow, plot_forecast
from skseq.datasets import fetch_jena_climate, find_jena_file
from skseq.estimators import all_estimators
from skseq.intervals import interval_coverage, predict_quantiles
from skseq.networks._quantiles import PinballLoss

# CI's JAX job runs the tests marked jax below: the quantile head, the
# pinball loss and a pickle in a new process run in the backend; the
# rest is NumPy and scikit-learn.
matplotlib.use("Agg")
# Every family ends in the same MonotoneQuantiles head (skseq/networks/
# _model.py), which alone orders the quantiles: a recurrent body and the
# attention body stand for the others.
ESTIMATORS = all_estimators()
QUANTILE_FAMILIES = [ESTIMATORS["GRURegressor"], ESTIMATORS["TransformerRegressor"]]


def _windows(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 8, 2)).astype("float32")
    return X, 3 * X[:, -1, 0] + rng.normal(size=n) + 10


@pytest.mark.jax
@pytest.mark.parametrize("cls", QUANTILE_FAMILIES, ids=lambda c: c.__name__)
def test_quantiles_are_ordered_and_never_cross(cls):
    X, y = _windows()
    model = cls(units=4, epochs=1, loss="quantile", quantiles=(0.9, 0.1, 0.25))
    model.set_params(random_state=0).fit(X, y)
    assert model.quantiles_ == (0.9, 0.1, 0.25)
    # Far outside the training data too: the head adds positive steps.
    for data in (X, 50 * X, -50 * X):
        bands = model.predict_quantiles(data)
        assert bands.shape == (len(X), 3)
        assert bands.dtype == np.float64
        assert (bands[:, 1] <= bands[:, 2]).all()
        assert (bands[:, 2] <= bands[:, 0]).all()
        median = model.predict(data)
        assert median.shape == (len(X),)
        assert (bands[:, 2] <= median).all() and (median <= bands[:, 0]).all()


@pytest.mark.jax
def test_two_outputs_give_one_set_of_quantiles_each():
    X, y = _windows()
    Y = np.column_stack([y, -2 * y])
    model = GRURegressor(units=4, epochs=2, loss="quantile", random_state=0).fit(X, Y)
    bands = model.predict_quantiles(X)
    assert bands.shape == (len(X), 2, 3)
    assert (np.diff(bands, axis=-1) >= 0).all()
    np.testing.assert_allclose(model.predict(X), bands[:, :, 1])
    assert np.isfinite(model.score(X, Y))


@pytest.mark.jax
def test_pinball_loss_is_scikit_learns_mean_pinball_loss():
    rng = np.random.default_rng(0)
    y = rng.normal(size=(50, 2)).astype("float32")
    predicted = rng.normal(size=(50, 2, 3)).astype("float32")
    levels = (0.1, 0.5, 0.9)
    ours = float(PinballLoss(levels)(y, predicted))
    theirs = np.mean(
        [
            mean_pinball_loss(y[:, j], predicted[:, j, k], alpha=level)
            for j in range(2)
            for k, level in enumerate(levels)
        ]
    )
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)


@pytest.mark.jax
def test_a_pickled_quantile_model_predicts_identically_in_a_new_process(tmp_path):
    # Started before the fit so that its imports overlap it.
    child = FreshPython("import pickle, numpy as np, keras")
    try:
        X, y = _windows()
        model = GRURegressor(units=4, epochs=1, loss="quantile", random_state=0)
        model.fit(X, y)
        path = tmp_path / "model.pkl"
        path.write_bytes(pickle.dumps(model))
        np.save(tmp_path / "X.npy", X)
        child.run(
            f"m = pickle.loads(open({str(path)!r}, 'rb').read()); "
            f"np.save({str(tmp_path / 'q.npy')!r}, "
            f"m.predict_quantiles(np.load({str(tmp_path / 'X.npy')!r})))"
        )
    finally:
        child.close()
    np.testing.assert_array_equal(
        np.load(tmp_path / "q.npy"), model.predict_quantiles(X)
    )


def test_quantiles_need_the_quantile_loss_and_valid_levels():
    X, y = _windows()
    assert not hasattr(GRURegressor(), "predict_quantiles")
    model = GRURegressor(units=4, epochs=1).fit(X, y)
    model.set_params(loss="quantile")
    with pytest.raises(
        ValueError, match="fitted without loss='quantile'.*fit it again"
    ):
        model.predict_quantiles(X)
    for bad in [(0.0, 0.5), (0.5, 0.5), (), (0.2, 1.5), ("low",)]:
        with pytest.raises(ValueError, match=r"quantiles must be distinct levels"):
            GRURegressor(loss="quantile", quantiles=bad).fit(X, y)
    with pytest.raises(ValueError, match="loss must be 'quantile', a Keras loss name"):
        GRURegressor(loss="quantiles").fit(X, y)


def _series_model(**kw):
    inner = make_pipeline(
        SlidingWindow(24, delay=6),
        # The wrappers and the plot see only predict_quantiles: the cheapest
        # family serves (the Jena test below trains a GRU).
        DenseRegressor(units=4, epochs=2, loss="quantile", random_state=0, **kw),
    )
    return TransformedTargetRegressor(inner, transformer=StandardScaler())


def test_predict_quantiles_walks_pipelines_target_transformers_and_searches():
    rng = np.random.default_rng(0)
    series = np.sin(np.arange(400) / 8)[:, None] * 10 + 20 + rng.normal(size=(400, 1))
    y = series[:, 0]
    model = _series_model().fit(series, y)
    bands = predict_quantiles(model, series)
    windows = model.regressor_[0].transform(series)
    raw = model.regressor_[-1].predict_quantiles(windows)
    expected = model.transformer_.inverse_transform(raw)  # column by column
    np.testing.assert_allclose(bands, expected)
    np.testing.assert_allclose(bands[:, 1], model.predict(series), rtol=1e-6)
    # One time-ordered split (the first 300 rows, then the last 100): three
    # fits show the walk through the search.
    search = GridSearchCV(
        _series_model(),
        {"regressor__slidingwindow__lookback": [12, 24]},
        cv=[(np.arange(300), np.arange(300, 400))],
    ).fit(series, y)
    assert predict_quantiles(search, series).shape == (400, 3)
    with pytest.raises(TypeError, match="StandardScaler has no predict_quantiles"):
        predict_quantiles(StandardScaler().fit(series), series)
    flipped = TransformedTargetRegressor(
        model.regressor,
        transformer=FunctionTransformer(np.negative, np.negative),
    ).fit(series, y)
    with pytest.raises(ValueError, match="reverses the order of the quantiles"):
        predict_quantiles(flipped, series)


def test_plot_forecast_draws_the_interval_band():
    series = np.sin(np.arange(300) / 8)[:, None] * 10 + 20
    model = _series_model(quantiles=(0.05, 0.5, 0.95)).fit(series, series[:, 0])
    figure = plot_forecast(model, series, series[:, 0], context=30)
    labels = [band.get_label() for band in figure.axes[0].collections]
    assert labels == ["90% interval (q0.05-q0.95)"]
    plain = plot_forecast(model, series, series[:, 0], context=30, interval=False)
    assert plain.axes[0].collections == [] or not plain.axes[0].collections


def test_interval_coverage_counts_the_bounds_and_checks_shapes():
    assert interval_coverage([1, 2, 3, 4], [1, 3, 0, 5], [1, 4, 2, 6]) == 0.25
    with pytest.raises(ValueError, match="same shape"):
        interval_coverage([1, 2], [0, 0, 0], [3, 3])


@pytest.mark.parametrize(
    ("y", "lower", "upper", "match"),
    [
        (
            [[1, 2], [3, 4]],
            [[0, 0], [5, 0]],
            [[2, 2], [4, 9]],
            r"lower exceeds upper at position \(1, 0\) \(5.0 > 4.0\)",
        ),
        ([1, np.nan], [0, 0], [2, 2], r"y holds NaN at position \(1,\)"),
        ([1, 2], [0, 0], [np.nan, 2], r"upper holds NaN at position \(0,\)"),
        ([], [], [], "are empty"),
    ],
    ids=["crossed", "nan y", "nan upper", "empty"],
)
def test_interval_coverage_refuses_bounds_it_cannot_count(y, lower, upper, match):
    with pytest.raises(ValueError, match=match):
        interval_coverage(y, lower, upper)


def test_jena_quantiles_cover_about_eighty_percent_of_unseen_days(data_home):
    data = fetch_jena_climate(data_home, path=find_jena_file(data_home)).loc[
        "2009-01-01":"2009-04-30"
    ]
    y = data["T (degC)"].to_numpy()
    train = data.index < "2009-04-01"
    model = make_pipeline(
        StandardScaler(),
        SlidingWindow(720, 6, 144),
        # Batches of 128 (a quarter of the steps of the default 32): the
        # 80 % interval covers 0.79 of April (seed 1: 0.74).
        GRURegressor(
            units=16, epochs=2, batch_size=128, loss="quantile", random_state=0
        ),
    ).fit(data[train], y[train])
    bands = predict_quantiles(model, data)[train.sum() :]
    coverage = interval_coverage(y[~train], bands[:, 0], bands[:, 2])
    print(f"\nApril 2009: 80 % interval covers {coverage:.3f}")
    assert 0.6 < coverage < 0.95


def test_conformal_shifts_calibrate_the_held_out_rows():
    X, y = _windows(n=400)
    # The shifts are computed in the base estimator for every family: Dense.
    model = DenseRegressor(
        units=4, epochs=2, loss="quantile", validation_split=0.25, random_state=0
    ).fit(X, y)
    assert model.quantile_shifts_.shape == (1, 3)
    held_out = slice(300, None)  # regressors hold out the last rows
    bands = model.predict_quantiles(X[held_out])
    below = (y[held_out, None] < bands).mean(axis=0)
    np.testing.assert_allclose(below, [0.1, 0.5, 0.9], atol=0.015)
    plain = DenseRegressor(
        units=4,
        epochs=2,
        loss="quantile",
        validation_split=0.25,
        random_state=0,
        conformalize=False,
    ).fit(X, y)
    assert plain.quantile_shifts_ is None
    raw = plain.predict_quantiles(X[held_out])
    np.testing.assert_allclose(
        bands,
        np.maximum.accumulate(raw + model.quantile_shifts_ * y.std(), axis=1),
        rtol=1e-5,
    )
    untuned = DenseRegressor(units=4, epochs=1, loss="quantile").fit(X, y)
    assert untuned.quantile_shifts_ is None  # no held-out rows: nothing to calibrate
