"""skseq: recurrent and convolutional sequence models as scikit-learn estimators."""

import logging as _logging
import os as _os

# Quiet TensorFlow's C++ banner and its "retracing" warnings (every fit builds
# a new model, so they fire for nothing), unless the user configured them.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
if _logging.getLogger("tensorflow").level == _logging.NOTSET:
    _logging.getLogger("tensorflow").setLevel(_logging.ERROR)

from skseq.baselines import PersistenceRegressor  # noqa: E402
from skseq.estimators import (  # noqa: E402
    Conv1DClassifier,
    Conv1DRegressor,
    DenseClassifier,
    DenseRegressor,
    GRUClassifier,
    GRURegressor,
    LSTMClassifier,
    LSTMRegressor,
    SimpleRNNClassifier,
    SimpleRNNRegressor,
)
from skseq.plotting import plot_history  # noqa: E402
from skseq.text import SequencePadder, TextVectorizer  # noqa: E402
from skseq.timeseries import CalendarFeatures, SlidingWindow  # noqa: E402

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
    "plot_history",
]
