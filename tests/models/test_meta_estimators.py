"""scikit-learn's meta-estimators over skseq models: the tested matrix of
docs/user_guide/reliability.md ("Meta-estimators"), one test each, on small
data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (
    AdaBoostClassifier,
    BaggingClassifier,
    StackingClassifier,
    VotingClassifier,
)
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.frozen import FrozenEstimator
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    HalvingGridSearchCV,
    RandomizedSearchCV,
    StratifiedShuffleSplit,
    TimeSeriesSplit,
    TunedThresholdClassifierCV,
    cross_val_predict,
    learning_curve,
    validation_curve,
)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.semi_supervised import SelfTrainingClassifier

from skseq import DenseClassifier, DenseRegressor, SlidingWindow, TextVectorizer

FAST = dict(units=4, embedding_dim=4, epochs=2, batch_size=8, random_state=0)
rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(60, 8)).astype(np.int32)
# A learnable rule: the label is whether the last token is high.
BINARY = (TOKENS[:, -1] > 15).astype(int)
THREE = np.array(["low", "mid", "high"])[np.digitize(TOKENS[:, -1], [10, 20])]
DOCS = np.array(
    [
        "a great film, great acting",
        "a dull film with a weak plot",
        "great fun and a great cast",
        "weak, dull and far too long",
    ]
    * 10
)
DOC_LABELS = np.array([1, 0, 1, 0] * 10)
# One stratified half/half split where a meta-estimator only needs some split:
# each fold is one more Keras fit, the run time of this file.
ONE_SPLIT = StratifiedShuffleSplit(n_splits=1, test_size=0.5, random_state=0)


def _model(**params):
    # The network alone: the meta-estimators' wiring is the point, and the
    # linear path beside it (linear_ngrams, on by default for token ids) was
    # a second model to train in every fit (its own tests:
    # tests/models/test_linear_path.py, tests/networks/test_ngrams.py).
    return DenseClassifier(**{**FAST, "linear_ngrams": 0, **params})


def _text_model():
    return make_pipeline(TextVectorizer(max_tokens=30, maxlen=8), _model())


def test_grid_search():
    search = GridSearchCV(_model(), {"units": [2, 4]}, cv=ONE_SPLIT)
    search.fit(TOKENS, BINARY)
    assert search.best_params_["units"] in (2, 4)
    assert search.predict(TOKENS[:1]).shape == (1,)


def test_randomized_search():
    search = RandomizedSearchCV(
        _model(), {"units": [2, 3, 4], "dropout": [0.0, 0.2]}, n_iter=2, cv=ONE_SPLIT,
        random_state=0,
    ).fit(TOKENS, BINARY)  # fmt: skip
    assert len(search.cv_results_["params"]) == 2


@pytest.mark.parametrize("resource", ["n_samples", "epochs"])
def test_halving_grid_search(resource):
    kwargs = (
        {"min_resources": 1, "max_resources": 4}
        if resource == "epochs"
        else {"min_resources": 20}
    )
    search = HalvingGridSearchCV(
        _model(), {"units": [2, 4]}, cv=ONE_SPLIT, factor=2, resource=resource,
        random_state=0, **kwargs,
    ).fit(TOKENS, BINARY)  # fmt: skip
    assert search.n_iterations_ >= 2
    if resource == "epochs":
        assert max(search.cv_results_["n_resources"]) <= 4
        assert search.best_estimator_.epochs == search.cv_results_["n_resources"][-1]


def test_learning_curve():
    sizes, train, test = learning_curve(
        _model(), TOKENS, BINARY, train_sizes=[0.5, 1.0], cv=ONE_SPLIT
    )
    assert sizes.tolist() == [15, 30]
    assert train.shape == test.shape == (2, 1)


def test_validation_curve():
    train, test = validation_curve(
        _model(), TOKENS, BINARY, param_name="units", param_range=[2, 4], cv=ONE_SPLIT
    )
    assert train.shape == test.shape == (2, 1)


def test_cross_val_predict_probabilities():
    proba = cross_val_predict(_model(), TOKENS, THREE, cv=2, method="predict_proba")
    assert proba.shape == (60, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)


def test_bagging():
    bag = BaggingClassifier(_model(), n_estimators=2, random_state=0)
    bag.fit(TOKENS, BINARY)
    assert bag.predict_proba(TOKENS[:1]).shape == (1, 2)


def test_adaboost():
    boost = AdaBoostClassifier(_model(), n_estimators=2, random_state=0)
    boost.fit(TOKENS, BINARY)
    assert boost.predict(TOKENS[:3]).shape == (3,)


def test_one_vs_rest():
    ovr = OneVsRestClassifier(_model()).fit(TOKENS, THREE)
    assert len(ovr.estimators_) == 3
    assert ovr.predict_proba(TOKENS[:1]).shape == (1, 3)


def test_multi_output():
    y = np.column_stack([BINARY, THREE])
    multi = MultiOutputClassifier(_model()).fit(TOKENS, y)
    assert multi.predict(TOKENS[:2]).shape == (2, 2)
    assert [p.shape for p in multi.predict_proba(TOKENS[:2])] == [(2, 2), (2, 3)]


@pytest.mark.parametrize("voting", ["soft", "hard"])
def test_voting_with_a_tfidf_model(voting):
    vote = VotingClassifier(
        [
            ("tfidf", make_pipeline(TfidfVectorizer(), LogisticRegression())),
            ("skseq", _text_model()),
        ],
        voting=voting,
    ).fit(DOCS, DOC_LABELS)
    assert vote.predict(["a great film"]).shape == (1,)


def test_stacking_with_a_tfidf_model():
    stack = StackingClassifier(
        [
            ("tfidf", make_pipeline(TfidfVectorizer(), LogisticRegression())),
            ("skseq", _text_model()),
        ],
        cv=2,
    ).fit(DOCS, DOC_LABELS)
    assert stack.predict_proba(["dull"]).shape == (1, 2)


def test_calibrated_classifier():
    calibrated = CalibratedClassifierCV(_model(), cv=ONE_SPLIT).fit(TOKENS, BINARY)
    proba = calibrated.predict_proba(TOKENS[:1])
    assert proba.shape == (1, 2)
    np.testing.assert_allclose(proba.sum(), 1)


def test_tuned_threshold():
    tuned = TunedThresholdClassifierCV(_model(), cv=ONE_SPLIT).fit(TOKENS, BINARY)
    assert 0 <= tuned.best_threshold_ <= 1
    assert tuned.predict(TOKENS[:1]).shape == (1,)


def test_self_training():
    y = BINARY.copy()
    y[::3] = -1  # unlabeled
    model = SelfTrainingClassifier(_model(), max_iter=2).fit(TOKENS, y)
    np.testing.assert_array_equal(model.classes_, [0, 1])
    assert model.predict(TOKENS[:1]).shape == (1,)


def test_frozen_estimator_calibrated_on_new_data():
    fitted = _model().fit(TOKENS[:40], BINARY[:40])
    before = fitted.predict_proba(TOKENS)
    calibrated = CalibratedClassifierCV(FrozenEstimator(fitted))
    calibrated.fit(TOKENS[40:], BINARY[40:])
    np.testing.assert_array_equal(fitted.predict_proba(TOKENS), before)
    assert calibrated.predict_proba(TOKENS[:1]).shape == (1, 2)


def _weather(n=300):
    index = pd.date_range("2009-01-01", periods=n, freq="10min")
    t = np.arange(n, dtype=float)
    return pd.DataFrame(
        {
            "T": 10 + np.sin(t / 20),
            "p": 990 + np.cos(t / 50),
            "noise": rng.normal(size=n),
        },
        index=index,
    )


def _forecaster():
    return make_pipeline(
        StandardScaler(), SlidingWindow(lookback=6), DenseRegressor(**FAST)
    )


def test_transformed_target_regressor():
    X = _weather()
    y = X["T"].shift(-3).ffill().to_numpy()
    model = TransformedTargetRegressor(_forecaster(), transformer=StandardScaler())
    model.fit(X, y)
    predicted = model.predict(X)
    assert predicted.shape == (300,)
    # Predictions come back in y's units (about 10 degrees), not standardized.
    assert 5 < predicted.mean() < 15


def test_permutation_importance_on_a_pipeline_over_a_data_frame():
    X = _weather()
    y = (X["T"].shift(-3).ffill() - 10).to_numpy()  # unit scale: trains fast
    model = _forecaster().set_params(
        denseregressor__epochs=10, denseregressor__learning_rate=0.01
    )
    model.fit(X, y)
    result = permutation_importance(model, X, y, n_repeats=2, random_state=0)
    assert result.importances.shape == (3, 2)
    # The target's own history matters more than noise.
    assert result.importances_mean[0] > result.importances_mean[2] + 0.1


def test_grid_search_over_window_parameters_with_time_series_folds():
    X = _weather()
    y = X["T"].shift(-3).ffill().to_numpy()
    search = GridSearchCV(
        _forecaster(),
        {"slidingwindow__lookback": [3, 6]},
        cv=TimeSeriesSplit(2),
        refit=False,  # the folds and the pick are the point: one fit fewer
    ).fit(X, y)
    assert search.best_params_["slidingwindow__lookback"] in (3, 6)
