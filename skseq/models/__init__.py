"""The models wing: what turns a family's network into a scikit-learn estimator.

``_base.py`` (the one estimator base: parameters, heads, building, training,
predicting), ``_params.py`` (the shared and per-task parameters),
``_input_layout.py`` (the input checks of every entry point),
``_targets.py`` (target checks and encoders), ``_training.py`` (validation
hold-out, early stopping, the data Keras's ``fit`` reads), ``_batches.py``
and ``_bucketing.py`` (lazy window batches, length-bucketed token batches),
``_persistence_skip.py`` (the regressors' frozen persistence skip),
``_seeding.py`` and ``_threads.py`` (seeded, thread-limited training) and
``_adapter.py`` (the only module that names SciKeras, DESIGN §3). It reads the
networks and utils wings only. Not public API: the classes are public from
``skseq.estimators``.
"""

from skseq.models._base import SequenceClassifier, SequenceModel, SequenceRegressor
from skseq.models._params import SHARED, constraints
from skseq.models._targets import ClassEncoder, OutputEncoder
from skseq.models._threads import limit_backend_threads

__all__ = [
    "SHARED",
    "ClassEncoder",
    "OutputEncoder",
    "SequenceClassifier",
    "SequenceModel",
    "SequenceRegressor",
    "constraints",
    "limit_backend_threads",
]
