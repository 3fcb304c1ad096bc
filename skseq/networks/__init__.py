"""Model families, one module each: the Keras body of every estimator.

To add a family, add one module here defining ``NETWORK = Network(...)``
(see ``lstm.py`` for a small one, ``conv1d.py`` for one with parameters of
its own). ``skseq.estimators`` then makes its classifier and
regressor, ``skseq`` exports them, the command line offers it as
``--family``, and the estimator tests and scikit-learn's checks run on it.

The registry (``Network``, ``Param``, ``family_names``, ``family_prefixes``,
``all_networks``, ``readers``) imports without Keras, so that
``python -m skseq --help`` lists the families fast (``all_networks`` and
``readers`` import the families, and so Keras, when called). The names in
``_LAZY`` need Keras: they load their module on first use (PEP 562);
``tests/_import_graph.py`` reads the table as import arrows. They serve the
models wing and are not public API.
"""

from skseq.networks._spec import (
    Network,
    Param,
    all_networks,
    family_names,
    family_prefixes,
    readers,
)

_LAZY = {
    "build_model": "skseq.networks._model",
    "PinballLoss": "skseq.networks._quantiles",
    "head_levels": "skseq.networks._quantiles",
}

__all__ = [
    "Network",
    "Param",
    "all_networks",
    "family_names",
    "family_prefixes",
    "readers",
]


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module 'skseq.networks' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
