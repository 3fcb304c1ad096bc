"""Real IMDB reviews end to end: accuracy floor, grid search, persistence."""

from __future__ import annotations

import textwrap

import joblib
import numpy as np
import pytest
from _fresh_process import FreshPython
from sklearn.base import is_classifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, check_cv

from skseq import LSTMClassifier, plot_history
from skseq.pipelines import imdb_pipeline


def _pipeline(**model_params):
    return imdb_pipeline(LSTMClassifier(**model_params))


@pytest.fixture(scope="module")
def fresh_python():
    """A new process, started before the search below so that its imports
    overlap it; test_best_pipeline_round_trips_through_joblib_in_a_new_process
    uses it."""
    child = FreshPython("import joblib, numpy, keras")
    yield child
    child.close()


@pytest.fixture(scope="module")
def search(imdb_slices, fresh_python):
    X_train, y_train, _, _ = imdb_slices
    # Sorted by label as in the source file: unstratified 2-fold CV would test
    # on a single class and roc_auc would be undefined.
    order = np.argsort(y_train, kind="stable")
    X, y = X_train.iloc[order[::4]], y_train[order[::4]]
    # The network alone (linear_ngrams=0): the folds, the scorer and the pick
    # are the point; the default model's accuracy is the test above.
    pipe = _pipeline(epochs=1, linear_ngrams=0, random_state=0)
    # Two candidates on two folds (five fits, the refit included): enough to
    # show the folds, the scorer and the pick.
    grid = [
        {"model__units": [8], "model__dropout": [0.0]},
        {"model__units": [16], "model__dropout": [0.2]},
    ]
    return GridSearchCV(pipe, grid, cv=2, scoring="roc_auc").fit(X, y)


def test_lstm_pipeline_reaches_075_on_real_reviews(imdb_slices):
    X_train, y_train, X_test, y_test = imdb_slices
    pipe = _pipeline(units=32, epochs=3, random_state=0).fit(X_train, y_train)
    accuracy = pipe.score(X_test, y_test)
    print(f"2,000/2,000 IMDB reviews, LSTM(32), 3 epochs: test accuracy {accuracy:.4f}")
    assert accuracy >= 0.75, accuracy
    assert len(pipe[-1].history_["accuracy"]) == 3
    assert plot_history(pipe).axes[0].get_title() == "loss"


def test_grid_search_uses_stratified_folds_and_roc_auc(search):
    assert is_classifier(search.estimator)
    assert isinstance(check_cv(2, [0, 1] * 3, classifier=True), StratifiedKFold)
    scores = search.cv_results_["mean_test_score"]
    assert len(scores) == 2
    assert np.all(np.isfinite(scores)), scores
    assert search.best_params_["model__units"] in (8, 16)
    assert search.best_score_ == scores.max()
    assert search.best_score_ > 0.5


def test_best_pipeline_round_trips_through_joblib_in_a_new_process(
    search, imdb_slices, fresh_python, tmp_path
):
    _, _, X_test, _ = imdb_slices
    texts = X_test.iloc[:200]
    expected = search.best_estimator_.predict_proba(texts)
    model_path, texts_path, out_path = (
        tmp_path / "pipe.joblib",
        tmp_path / "texts.joblib",
        tmp_path / "proba.npy",
    )
    joblib.dump(search.best_estimator_, model_path)
    joblib.dump(texts, texts_path)
    fresh_python.run(
        textwrap.dedent(
            f"""
            import joblib, numpy as np
            pipe = joblib.load({str(model_path)!r})
            texts = joblib.load({str(texts_path)!r})
            np.save({str(out_path)!r}, pipe.predict_proba(texts))
            """
        )
    )
    np.testing.assert_allclose(np.load(out_path), expected, atol=1e-6, rtol=0)
