"""plot_history draws the tutorials' learning curves from ``history_``."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from skseq import plot_history

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
