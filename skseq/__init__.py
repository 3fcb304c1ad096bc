"""skseq: recurrent, convolutional and attention sequence models as
scikit-learn estimators.

Importing skseq does not start Keras: public names load their module on
first use (PEP 562), so that ``python -m skseq --help``, ``dir(skseq)`` and
``help(skseq)`` stay fast. ``help(skseq)`` lists the public names at the end
of this text and documents none of them (the estimators are SciKeras
subclasses, and documenting one imports Keras): ``help(skseq.LSTMClassifier)``
does. The estimators' names come from the model-family
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
    if _asked_by_pydoc():
        # pydoc documents a module by fetching every name it lists, and the
        # estimators' classes need Keras: it gets what is loaded, and the
        # docstring names the rest (``_Package.__doc__``).
        return sorted(globals())
    return sorted({*globals(), *_LAZY, *_estimator_names()})


def _asked_by_pydoc() -> bool:
    from pathlib import Path
    from sys import _getframe

    # By file, not module name: ``python -m pydoc`` runs it as __main__.
    frame = _getframe(2)
    while frame is not None:
        if Path(frame.f_code.co_filename).name == "pydoc.py":
            return True
        frame = frame.f_back
    return False


def _install_package_type() -> None:
    """Give this module a docstring that ends with every public name, made
    when first read (from ``_LAZY`` and the family registry, without Keras)."""
    import sys
    import textwrap
    from types import ModuleType

    class _Package(ModuleType):
        @property
        def __doc__(self):
            names = ", ".join(sorted([*_LAZY, *_estimator_names()]))
            listing = textwrap.fill(f"Public names: {names}.", width=76)
            return f"{self.__dict__['__doc__']}\n{listing}\n"

    sys.modules[__name__].__class__ = _Package


def _register_keras_objects() -> None:
    from skseq._keras_objects import register_when_keras_loads

    register_when_keras_loads()


_install_package_type()
_register_keras_objects()
