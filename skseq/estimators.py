"""The public estimators: SimpleRNN, LSTM, GRU, Conv1D and Dense, each as a
classifier and a regressor. All share one parameter vocabulary and one base
(``skseq._base``); a class here only names its model body.
"""

from __future__ import annotations

from skseq import models
from skseq._base import (
    _ATTRIBUTES,
    _CLASSIFIER_PARAMS,
    _CONV_PARAMS,
    _REGRESSOR_PARAMS,
    _SHARED_PARAMS,
    _Conv1DClassifier,
    _Conv1DRegressor,
    _SequenceClassifier,
    _SequenceRegressor,
)

_CLASSIFIER_EXAMPLE = """\
    >>> import numpy as np
    >>> from skseq import {name}
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(1, 50, size=(40, 12))   # 40 sequences of 12 token ids
    >>> y = (X[:, -1] > 25).astype(int)
    >>> clf = {name}(units=8, epochs=2, random_state=0).fit(X, y)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    >>> clf.predict_proba(X[:1]).shape          # one sample keeps its axis
    (1, 2)
    >>> Y = np.column_stack([y, X[:, 0] > 25])  # multilabel: one 0/1 column per label
    >>> {name}(units=8, epochs=1, random_state=0).fit(X, Y).predict(X[:2]).shape
    (2, 2)
"""

_REGRESSOR_EXAMPLE = """\
    >>> import numpy as np
    >>> from skseq import {name}
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 12, 3)).astype("float32")  # 12 steps, 3 features
    >>> y = X[:, -1, 0]
    >>> reg = {name}(units=8, epochs=2, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
"""


def _document(summary: str, *, task: str, conv: bool = False):
    """Attach the numpydoc text shared by every family, written once."""

    def decorate(cls):
        params = _SHARED_PARAMS + (_CONV_PARAMS if conv else "")
        params += _CLASSIFIER_PARAMS if task == "classifier" else _REGRESSOR_PARAMS
        example = _CLASSIFIER_EXAMPLE if task == "classifier" else _REGRESSOR_EXAMPLE
        cls.__doc__ = (
            f"{summary}\n\n"
            "    X is either a 2-D integer matrix of token ids (e.g. from\n"
            "    ``TextVectorizer``), which gets a learned embedding, or a float\n"
            "    array of shape (n_samples, n_steps[, n_features]) fed as is.\n\n"
            "    Parameters\n    ----------\n"
            f"{params}\n"
            "    Attributes\n    ----------\n"
            f"{_ATTRIBUTES}\n"
            "    Examples\n    --------\n"
            f"{example.format(name=cls.__name__)}"
        )
        return cls

    return decorate


@_document("SimpleRNN classifier.", task="classifier")
class SimpleRNNClassifier(_SequenceClassifier):
    _body = staticmethod(models.simple_rnn_body)


@_document("LSTM classifier.", task="classifier")
class LSTMClassifier(_SequenceClassifier):
    _body = staticmethod(models.lstm_body)


@_document("GRU classifier.", task="classifier")
class GRUClassifier(_SequenceClassifier):
    _body = staticmethod(models.gru_body)


@_document(
    "1-D convolutional classifier (optionally with a recurrent top layer).",
    task="classifier",
    conv=True,
)
class Conv1DClassifier(_Conv1DClassifier):
    _body = staticmethod(models.conv1d_body)


@_document(
    "Densely connected baseline classifier on the flattened sequence.",
    task="classifier",
)
class DenseClassifier(_SequenceClassifier):
    _body = staticmethod(models.dense_body)


@_document("SimpleRNN regressor.", task="regressor")
class SimpleRNNRegressor(_SequenceRegressor):
    _body = staticmethod(models.simple_rnn_body)


@_document("LSTM regressor.", task="regressor")
class LSTMRegressor(_SequenceRegressor):
    _body = staticmethod(models.lstm_body)


@_document("GRU regressor.", task="regressor")
class GRURegressor(_SequenceRegressor):
    _body = staticmethod(models.gru_body)


@_document(
    "1-D convolutional regressor (optionally with a recurrent top layer).",
    task="regressor",
    conv=True,
)
class Conv1DRegressor(_Conv1DRegressor):
    _body = staticmethod(models.conv1d_body)


@_document(
    "Densely connected baseline regressor on the flattened sequence.", task="regressor"
)
class DenseRegressor(_SequenceRegressor):
    _body = staticmethod(models.dense_body)
