"""The models wing: what turns a family's network into a scikit-learn estimator.

``_adapter.py`` is the template: every public entry point (``fit``,
``partial_fit``, ``predict``, ``score`` ...) over SciKeras, the only module
that names SciKeras (DESIGN §3). It calls down into the task, ``_base.py``
(parameters, input checks and token layout, heads, building, the training
set-up, predicting; ``ClassifierTask`` and ``RegressorTask``), which never
calls back. Below them: ``_training.py`` (the data Keras's ``fit`` reads:
validation hold-out, early stopping, lazy window batches, length-bucketed
token batches), ``_params.py`` (the shared and per-task parameters),
``_targets.py`` (target checks and encoders), ``_persistence_skip.py`` (the
regressors' frozen persistence skip), ``_seeding.py`` and ``_threads.py``
(seeded, thread-limited training). It reads the networks and utils wings
only. Not public API: the classes are public from ``skseq.estimators``.
"""

from skseq.models._adapter import SequenceClassifier, SequenceRegressor
from skseq.models._base import SequenceModel
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
