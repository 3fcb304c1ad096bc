"""skseq: recurrent, convolutional and attention sequence models as
scikit-learn estimators.

Importing skseq does not start Keras: public names load their module on
first use (PEP 562), so that ``python -m skseq --help``, ``dir(skseq)`` and
``help(skseq)`` stay fast. The estimators' names come from the model-family
registry (``skseq.networks.family_prefixes`` reads them from the families'
source, without Keras). The one change to the process is a one-shot import
hook that registers skseq's custom Keras layers when Keras is first
imported, so that a ``.keras`` file saved from a fitted model loads after
``import skseq`` alone (see ``skseq._keras_objects``).
"""

from skseq._version import __version__ as __version__  # re-exported

# Each public name and the module it lives in (tests/_import_graph.py reads
# this table as import arrows).
_LAZY = {
    "PersistenceRegressor": "skseq.baselines",
    "backtest": "skseq.backtesting",
    "horizon_targets": "skseq.horizons",
    "interval_coverage": "skseq.intervals",
    "predict_quantiles": "skseq.intervals",
    "show_versions": "skseq._show_versions",
    "plot_classification": "skseq.plotting",
    "plot_forecast": "skseq.plotting",
    "plot_history": "skseq.plotting",
    "SequencePadder": "skseq.text",
    "TextVectorizer": "skseq.text",
    "CalendarFeatures": "skseq.timeseries",
    "SlidingWindow": "skseq.timeseries",
}


def _estimator_names() -> list[str]:
    from skseq.networks import family_prefixes

    return [
        f"{prefix}{task}"
        for prefix in family_prefixes().values()
        for task in ("Classifier", "Regressor")
    ]


def __getattr__(name):
    from importlib import import_module

    if name == "__all__":
        value = sorted([*_LAZY, *_estimator_names()])
    elif name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
    elif name.endswith(("Classifier", "Regressor")) and name in _estimator_names():
        from skseq import estimators

        value = getattr(estimators, name)
    else:
        raise AttributeError(f"module 'skseq' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_LAZY, *_estimator_names()})


def _register_keras_objects() -> None:
    from skseq._keras_objects import register_when_keras_loads

    register_when_keras_loads()


_register_keras_objects()
