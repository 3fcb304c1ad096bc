"""skseq: recurrent and convolutional sequence models as scikit-learn estimators."""

import logging as _logging
import os as _os

# Quiet TensorFlow's C++ banner and its "retracing" warnings (every fit builds
# a new model, so they fire for nothing), unless the user configured them.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
if _logging.getLogger("tensorflow").level == _logging.NOTSET:
    _logging.getLogger("tensorflow").setLevel(_logging.ERROR)

# Public names load their module on first use (PEP 562), so that
# ``python -m skseq --help`` or ``import skseq`` alone do not start Keras.
_HOMES = {
    "PersistenceRegressor": "baselines",
    **dict.fromkeys(
        [
            f"{family}{kind}"
            for family in ("SimpleRNN", "LSTM", "GRU", "Conv1D", "Dense")
            for kind in ("Classifier", "Regressor")
        ],
        "estimators",
    ),
    **dict.fromkeys(
        ["plot_classification", "plot_forecast", "plot_history"], "plotting"
    ),
    **dict.fromkeys(["SequencePadder", "TextVectorizer"], "text"),
    **dict.fromkeys(["CalendarFeatures", "SlidingWindow"], "timeseries"),
}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module 'skseq' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"skseq.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_HOMES])


__version__ = "0.1.0"

__all__ = [
    "CalendarFeatures",
    "Conv1DClassifier",
    "Conv1DRegressor",
    "DenseClassifier",
    "DenseRegressor",
    "GRUClassifier",
    "GRURegressor",
    "LSTMClassifier",
    "LSTMRegressor",
    "PersistenceRegressor",
    "SequencePadder",
    "SimpleRNNClassifier",
    "SimpleRNNRegressor",
    "SlidingWindow",
    "TextVectorizer",
    "plot_classification",
    "plot_forecast",
    "plot_history",
]
