"""Every public docstring passes numpydoc's validation (``numpydoc.validate``).

What is public: every name in ``skseq.__all__`` (resolved lazily, as a user's
``getattr`` does; the estimator classes come from the family registry) and in
the ``__all__`` of the public modules below, and every public method or
property of those classes whose defining class lives in the ``skseq``
package. Methods inherited from scikit-learn, SciKeras, joblib or Dask
(``get_params``, ``set_params``, ...) are theirs to document and are skipped.
The estimator classes' docstrings are assembled at import time from
``skseq.models._params`` and the families' ``Network``: the final ``__doc__`` is
what is validated. One test case per object, named by its public path, e.g.
``skseq.LSTMClassifier.partial_fit``.

The codes checked (numpydoc's built-in checks, see
https://numpydoc.readthedocs.io/en/latest/validation.html) are those where a
docstring is missing something or says something false:

* GL08: the object has no docstring;
* GL06, GL07: a section numpydoc does not know (a misspelt title, whose text
  would be lost) or sections out of order;
* SS01: no one-line summary;
* PR01, PR02, PR03: a parameter of the signature is not documented, a
  documented parameter does not exist, or they are in another order
  (``*args`` and ``**kwargs`` are documented by those names, starred, as
  numpydoc expects);
* PR04, PR10: a parameter has no type, or no space before its colon (which
  makes numpydoc read "x: int" as a parameter named so);
* RT01: a function or method that returns a value has no Returns section
  (``fit`` and ``partial_fit`` document that they return ``self``);
* EX01: a public class or function has no Examples section (not required of
  methods and properties). The examples run as doctests through pytest's
  ``--doctest-modules`` (pyproject's ``addopts``), so here only their
  presence is checked.

Everything else is style and left out, as scikit-learn does: its
``sklearn/tests/test_docstrings.py`` drops RT02 (a name on the Returns
line), GL01 and GL02 (blank lines around the text) everywhere, and ES01
(extended summary), SA01 (See Also) and EX01 for methods. We also leave out
SS02-SS06 (summary capitals, period, one line, third-person verbs), GL03,
GL05, GL09, GL10 (whitespace and directive layout), PR05-PR09 (how types and
descriptions are written), RT03-RT05 (Returns descriptions), SA01-SA04 (See
Also) and YD01 (no public generator here).

One rule numpydoc does not check: every public entry point that checks its
input says what it raises, in a Raises section (numpydoc's docscrape reads it
non-empty). Those are the methods in ``ENTRY_POINTS`` (``fit``, ``predict``,
``transform``, ``score``, ...) of the public classes, where a class of the
``skseq`` package defines them (``PersistenceRegressor.score`` is
scikit-learn's ``RegressorMixin.score``, ``SlidingWindow.fit_transform`` its
``TransformerMixin.fit_transform``), and the functions in
``RAISING_FUNCTIONS``. Each names the exceptions a user meets (ValueError for
bad input, ``sklearn.exceptions.NotFittedError`` before fit, ...) and when;
as for Examples, only the section's presence is checked here. Every function
listed really raises on bad input, though
``skseq.datasets.get_data_home``, ``skseq.distributed.local_cluster`` and
``skseq.distributed.thread_budgets`` check nothing themselves: what they
document comes from ``pathlib`` and Dask. One case per method or function,
named by its public path, e.g. ``skseq.LSTMClassifier.predict``.
"""

from __future__ import annotations

import importlib
import inspect
import sys
import warnings

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")
from numpydoc.docscrape import NumpyDocString, get_doc_object  # noqa: E402

import skseq  # noqa: E402

# The public modules whose ``__all__`` is validated, besides ``skseq``
# itself. Left out: ``skseq.persistence``, the deprecated alias of
# ``skseq.saving`` (the same objects, and importing it warns), and
# ``skseq.cli``, the command line, documented by ``python -m skseq --help``.
MODULES = [
    "skseq.backtesting",
    "skseq.baselines",
    "skseq.datasets",
    "skseq.distributed",  # needs the optional 'distributed' package
    "skseq.estimators",
    "skseq.horizons",
    "skseq.intervals",
    "skseq.networks",
    "skseq.pipelines",
    "skseq.plotting",
    "skseq.saving",
    "skseq.text",
    "skseq.timeseries",
]

CHECKED = {
    "GL06", "GL07", "GL08", "SS01",
    "PR01", "PR02", "PR03", "PR04", "PR10",
    "RT01", "EX01",
}  # fmt: skip
NOT_FOR_METHODS = {"EX01"}

# The methods that take the user's data: each documents what it raises.
ENTRY_POINTS = {
    "fit", "partial_fit", "predict", "predict_proba", "predict_quantiles",
    "transform", "fit_transform", "inverse_transform", "score",
}  # fmt: skip
# Public functions that raise on bad input, by their public path.
RAISING_FUNCTIONS = {
    "skseq.plot_forecast",
    "skseq.plot_history",
    "skseq.saving.save",
    "skseq.datasets.get_data_home",
    "skseq.distributed.connect",  # needs the optional 'distributed' package
    "skseq.distributed.local_cluster",
    "skseq.distributed.thread_budgets",
}


def _public_objects():
    """``(path, object)`` pairs: each public class or function once, under
    its first public path (``skseq.X`` before ``skseq.module.X``)."""
    modules = [skseq]
    for name in MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:  # an optional dependency is not installed
            continue
    seen, found = set(), []
    for module in modules:
        for name in sorted(module.__all__):
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or callable(obj)) or id(obj) in seen:
                continue  # constants (URLs, checksums) have no docstring
            seen.add(id(obj))
            found.append((f"{module.__name__}.{name}", obj))
    return found


def _methods(cls):
    """``(name, function or property, defining class)`` for each public method
    or property of ``cls`` that a class of the ``skseq`` package defines."""
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        owner = next(klass for klass in cls.__mro__ if name in vars(klass))
        if owner.__module__.split(".")[0] != "skseq":
            continue  # inherited from scikit-learn, SciKeras, joblib, Dask
        member = vars(owner)[name]
        if isinstance(member, (classmethod, staticmethod)):
            member = member.__func__
        elif not isinstance(member, property):
            # What the class gives, unwrapped: scikit-learn's ``available_if``
            # (e.g. ``predict_quantiles``) wraps the method it guards.
            member = inspect.unwrap(getattr(cls, name))
        # Dataclass fields that default to a function are no methods.
        if isinstance(member, property) or (
            inspect.isfunction(member) and member.__name__ == name
        ):
            yield name, member, owner


def _cases():
    cases = []
    for path, obj in _public_objects():
        cases.append(pytest.param(obj, None, id=path))
        if inspect.isclass(obj):
            for name, member, owner in _methods(obj):
                where = f"{owner.__module__}.{owner.__qualname__}"
                cases.append(pytest.param(member, where, id=f"{path}.{name}"))
    return cases


CASES = _cases()


def test_the_cases_cover_the_public_api():
    ids = {case.id for case in CASES}
    assert {
        f"skseq.{name}" for name in skseq.__all__ if callable(getattr(skseq, name))
    } <= ids
    assert {
        "skseq.LSTMClassifier.fit",
        "skseq.LSTMClassifier.partial_fit",
        "skseq.LSTMClassifier.predict_proba",
        "skseq.LSTMRegressor.predict_quantiles",
        "skseq.TextVectorizer.transform",
        "skseq.datasets.fetch_imdb",
        "skseq.saving.save",
    } <= ids
    # Inherited from scikit-learn: not ours to document.
    assert "skseq.LSTMClassifier.get_params" not in ids


@pytest.mark.parametrize("obj, defined_in", CASES)
def test_docstring(obj, defined_in, request):
    # A cached function is validated as the function it wraps (same __doc__):
    # numpydoc reads the source of a plain function only.
    target = inspect.unwrap(obj) if callable(obj) else obj
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpydoc's parser warnings
        result = numpydoc_validate.validate(get_doc_object(target))
    checked = CHECKED - (NOT_FOR_METHODS if defined_in else set())
    errors = [(code, message) for code, message in result["errors"] if code in checked]
    if errors:
        where = f" (defined in {defined_in})" if defined_in else ""
        lines = "\n".join(f"  {code}: {message}" for code, message in errors)
        line = result["file_line"]
        source = f"{result['file']}:{line}" if line else result["file"]
        pytest.fail(
            f"{request.node.callspec.id}{where}, {source}:\n{lines}", pytrace=False
        )


def _raises_cases():
    cases = []
    for path, obj in _public_objects():
        if inspect.isclass(obj):
            for name, member, owner in _methods(obj):
                if name in ENTRY_POINTS:
                    where = f"{owner.__module__}.{owner.__qualname__}"
                    cases.append(pytest.param(member, where, id=f"{path}.{name}"))
        elif path in RAISING_FUNCTIONS:
            cases.append(pytest.param(obj, None, id=path))
    return cases


RAISES_CASES = _raises_cases()


def test_the_raises_cases_cover_the_entry_points():
    ids = {case.id for case in RAISES_CASES}
    expected = {name for name in RAISING_FUNCTIONS if "distributed" not in name}
    if "skseq.distributed" in sys.modules:  # imported by _public_objects
        expected = RAISING_FUNCTIONS
    assert expected <= ids
    assert {
        "skseq.LSTMClassifier.fit",
        "skseq.LSTMClassifier.partial_fit",
        "skseq.LSTMClassifier.predict",
        "skseq.LSTMClassifier.predict_proba",
        "skseq.LSTMClassifier.score",
        "skseq.GRURegressor.predict_quantiles",
        "skseq.PersistenceRegressor.predict",
        "skseq.SlidingWindow.transform",
        "skseq.TextVectorizer.inverse_transform",
    } <= ids
    # scikit-learn's, not ours; and not entry points.
    assert "skseq.PersistenceRegressor.score" not in ids
    assert "skseq.LSTMClassifier.initialize" not in ids


@pytest.mark.parametrize("obj, defined_in", RAISES_CASES)
def test_entry_point_documents_what_it_raises(obj, defined_in, request):
    target = inspect.unwrap(obj)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpydoc's parser warnings
        raises = NumpyDocString(inspect.getdoc(target) or "")["Raises"]
    if not raises:
        validator = numpydoc_validate.Validator(get_doc_object(target))
        line = validator.source_file_def_line
        source = validator.source_file_name + (f":{line}" if line else "")
        where = f" (defined in {defined_in})" if defined_in else ""
        pytest.fail(
            f"{request.node.callspec.id}{where}, {source}:\n  no Raises section: "
            "name each exception it raises on bad input (ValueError, "
            "sklearn.exceptions.NotFittedError before fit, ...) and when",
            pytrace=False,
        )
