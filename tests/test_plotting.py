"""The pictures: learning curves, forecasts against the truth, classification."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from skseq import plot_classification, plot_forecast, plot_history

HISTORY = {
    "accuracy": [0.6, 0.8, 0.9],
    "loss": [0.7, 0.4, 0.2],
    "val_accuracy": [0.65, 0.75, 0.7],
    "val_loss": [0.66, 0.5, 0.6],
}


class Trained(BaseEstimator):
    def fit(self, X=None, y=None):
        self.history_ = HISTORY
        return self


def test_one_panel_per_metric_with_training_and_validation_lines():
    fig = plot_history(Trained().fit())
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    loss_axis = fig.axes[0]
    labels = [line.get_label() for line in loss_axis.get_lines()]
    assert labels == ["training", "validation"]
    np.testing.assert_array_equal(loss_axis.get_lines()[0].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(
        loss_axis.get_lines()[1].get_ydata(), HISTORY["val_loss"]
    )


def test_accepts_a_pipeline_and_a_metric_selection():
    pipe = Pipeline([("id", FunctionTransformer()), ("model", Trained())]).fit(None)
    fig = plot_history(pipe, metrics=["accuracy"])
    assert [ax.get_title() for ax in fig.axes] == ["accuracy"]


def test_unfitted_and_unknown_metric_are_clear_errors():
    with pytest.raises(NotFittedError):
        plot_history(Trained())
    with pytest.raises(ValueError, match=r"\['auc'\] not in the estimator's history_"):
        plot_history(Trained().fit(), metrics=["auc"])


class Linear(BaseEstimator):
    """Predicts ``slope * X[:, 0]``: forecasts with known values."""

    def __init__(self, slope=1.0):
        self.slope = slope

    def fit(self, X, y=None):
        self.fitted_ = True
        return self

    def predict(self, X):
        return self.slope * np.asarray(X, dtype=float)[:, 0]


def test_forecast_draws_truth_and_each_forecast_on_the_time_axis():
    index = pd.date_range("2010-07-01", periods=6, freq="10min")
    X = pd.DataFrame({"T": np.arange(6.0)}, index=index)
    y = np.arange(6.0) + 0.5
    fig = plot_forecast(
        Linear(2.0).fit(X), X, y, others={"half": Linear(0.5).fit(X)}, ylabel="°C"
    )
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines) == ["observed", "Linear", "half"]
    np.testing.assert_array_equal(lines["observed"].get_ydata(), y)
    np.testing.assert_array_equal(lines["Linear"].get_ydata(), 2.0 * np.arange(6))
    np.testing.assert_array_equal(lines["half"].get_ydata(), 0.5 * np.arange(6))
    assert pd.Index(lines["observed"].get_xdata()).equals(index)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("time", "°C")


def test_forecast_names_the_final_estimator_of_a_wrapped_model():
    X = np.arange(12.0).reshape(-1, 1)
    model = TransformedTargetRegressor(
        regressor=make_pipeline(StandardScaler(), Linear()), check_inverse=False
    ).fit(X, X[:, 0])
    labels = [
        line.get_label()
        for line in plot_forecast(model, X, X[:, 0]).axes[0].get_lines()
    ]
    assert labels == ["observed", "Linear"]
    assert plot_forecast(model, X, X[:, 0]).axes[0].get_xlabel() == "row"


def test_forecast_context_rows_are_predicted_but_not_drawn():
    X = np.arange(10.0).reshape(-1, 1)
    fig = plot_forecast(Linear(3.0).fit(X), X, X[:, 0], context=4)
    observed, forecast = fig.axes[0].get_lines()
    np.testing.assert_array_equal(observed.get_xdata(), np.arange(4, 10))
    np.testing.assert_array_equal(observed.get_ydata(), np.arange(4.0, 10))
    np.testing.assert_array_equal(forecast.get_ydata(), 3.0 * np.arange(4, 10))


@pytest.mark.parametrize("context", [-1, 10, 2.5])
def test_forecast_context_must_leave_rows_to_draw(context):
    X = np.arange(10.0).reshape(-1, 1)
    with pytest.raises(ValueError, match=r"context must be an int in \[0, 10\)"):
        plot_forecast(Linear().fit(X), X, X[:, 0], context=context)


def test_forecast_rejects_misaligned_or_multi_output_input():
    X = np.arange(6.0).reshape(-1, 1)
    with pytest.raises(ValueError, match="y has 5 rows but X has 6"):
        plot_forecast(Linear().fit(X), X, np.zeros(5))
    with pytest.raises(ValueError, match=r"y must be 1-D .* shape \(6, 2\)"):
        plot_forecast(Linear().fit(X), X, np.zeros((6, 2)))

    class TwoOutputs(Linear):
        def predict(self, X):
            return np.zeros((len(X), 2))

    with pytest.raises(ValueError, match="TwoOutputs predicts 2 outputs per row"):
        plot_forecast(TwoOutputs().fit(X), X, np.zeros(6))


def test_classification_shows_sklearn_displays_on_the_given_rows():
    X = np.arange(20.0).reshape(-1, 1)
    y = (np.arange(20) >= 10).astype(int)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X, y)
    fig = plot_classification(model, X, y)
    matrix, roc = fig.axes[:2]
    assert (matrix.get_title(), roc.get_title()) == ("confusion matrix", "ROC curve")
    counts = [int(text.get_text()) for text in matrix.texts]
    np.testing.assert_array_equal(counts, confusion_matrix(y, model.predict(X)).ravel())
    assert "AUC = 1.00" in roc.get_legend().get_texts()[0].get_text()


class CountingClassifier(LogisticRegression):
    """Counts its calls to predict and predict_proba."""

    calls = 0

    def predict(self, X):
        CountingClassifier.calls += 1
        return super().predict(X)

    def predict_proba(self, X):
        CountingClassifier.calls += 1
        return super().predict_proba(X)


def test_classification_from_given_predictions_predicts_nothing():
    X = np.arange(20.0).reshape(-1, 1)
    y = np.where(np.arange(20) >= 8, "pos", "neg")
    model = CountingClassifier().fit(X, y)
    computed = plot_classification(model, X, y)
    assert CountingClassifier.calls == 2
    y_pred, y_score = model.predict(X), model.predict_proba(X)[:, 1]
    CountingClassifier.calls = 0
    given = plot_classification(model, X, y, y_pred=y_pred, y_score=y_score)
    assert CountingClassifier.calls == 0
    matrix, roc = computed.axes[:2]
    assert [t.get_text() for t in matrix.texts] == [
        t.get_text() for t in given.axes[0].texts
    ]
    np.testing.assert_array_equal(
        roc.get_lines()[0].get_xydata(), given.axes[1].get_lines()[0].get_xydata()
    )
    assert [t.get_text() for t in computed.axes[0].get_xticklabels()] == [
        "neg", "pos"
    ]  # fmt: skip
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        plot_classification(model, X, y, y_pred=y_pred[:-1])


def test_classification_counts_are_whole_numbers_at_any_size():
    """scikit-learn's default format would print 12,000 as '1.2e+04'."""
    X = np.arange(24_000.0).reshape(-1, 1)
    y = (np.arange(24_000) >= 12_000).astype(int)
    fig = plot_classification(LogisticRegression().fit(X, y), X, y)
    assert sorted(text.get_text() for text in fig.axes[0].texts) == [
        "0", "0", "12000", "12000"
    ]  # fmt: skip


def test_classification_of_three_classes_is_a_confusion_matrix_only():
    X = np.arange(30.0).reshape(-1, 1)
    y = np.repeat(["a", "b", "c"], 10)
    fig = plot_classification(LogisticRegression().fit(X, y), X, y)
    assert [ax.get_title() for ax in fig.axes] == ["confusion matrix"]
    with pytest.raises(NotFittedError):
        plot_classification(LogisticRegression(), X, y)
