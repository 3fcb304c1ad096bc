"""skseq: recurrent, convolutional and attention sequence models as
scikit-learn estimators.

Importing skseq changes no global state and does not start Keras: public
names load their module on first use (PEP 562), so that
``python -m skseq --help`` stays fast. The one exception is a one-shot import
hook that registers skseq's custom Keras layers when Keras is first imported,
so that a ``.keras`` file saved from a fitted model loads after
``import skseq`` alone (see ``skseq._keras_objects``). The estimator classes
come from the model-family registry (``skseq.networks``), so their names, and
hence ``__all__``, are known once ``skseq.estimators`` is loaded.
"""

from skseq._version import __version__ as __version__  # re-exported

_HOMES = {
    "PersistenceRegressor": "baselines",
    "backtest": "backtesting",
    "horizon_targets": "horizons",
    **dict.fromkeys(["interval_coverage", "predict_quantiles"], "intervals"),
    "show_versions": "_show_versions",
    **dict.fromkeys(
        ["plot_classification", "plot_forecast", "plot_history"], "plotting"
    ),
    **dict.fromkeys(["SequencePadder", "TextVectorizer"], "text"),
    **dict.fromkeys(["CalendarFeatures", "SlidingWindow"], "timeseries"),
}


def _estimator_names() -> list[str]:
    from skseq.estimators import all_estimators

    return list(all_estimators())


def __getattr__(name):
    from importlib import import_module

    if name == "__all__":
        value = sorted([*_HOMES, *_estimator_names()])
    elif name in _HOMES:
        value = getattr(import_module(f"skseq.{_HOMES[name]}"), name)
    elif name.endswith(("Classifier", "Regressor")) and name in _estimator_names():
        value = getattr(import_module("skseq.estimators"), name)
    else:
        raise AttributeError(f"module 'skseq' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_HOMES, *_estimator_names()})


def _register_keras_objects() -> None:
    from skseq._keras_objects import register_when_keras_loads

    register_when_keras_loads()


_register_keras_objects()
