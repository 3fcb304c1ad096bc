"""Every default pipeline on generated inputs (issue 25): no crash class comes back.

Hypothesis generates corpora and series, and every case must end in one of
two outcomes (:func:`check_outcome`):

(a) a fitted model whose ``predict`` (and ``predict_proba``) have the right
    shape and are finite, and whose ``score`` is a finite number; or
(b) a clear error: a ValueError or TypeError raised by skseq or by
    scikit-learn's input validation, whose message names the parameter or
    the input at fault (X, y, sample_weight, a row, a label, lookback, ...).

Never a TensorFlow, Keras or NumPy traceback (``InvalidArgumentError``, an
``IndexError``, a ValueError raised inside Keras...).

The pipelines: ``TextVectorizer`` (or ``imdb_pipeline``) before each model
family's classifier and regressor on text; ``SlidingWindow`` before each
family's regressor and classifier on series, and ``jena_forecaster``. The
networks are tiny (2 or 4 units, 1 or 2 epochs) and otherwise at their
defaults; a case that fits still costs 1 to 4 s of CPU, nearly all of it
Keras building and tracing a fresh model (a refused one, milliseconds).

Profiles (registered in ``tests/conftest.py``):

``ci`` (the default)
    10 fresh random cases per property test, 50 in all, about a third of
    which fit a model (plus the explicit ``@example`` cases and the
    regression tests): about 60 s of CPU on one core. Not derandomized:
    every run tries new cases; a failure prints the falsifying example and
    its ``@reproduce_failure`` blob, and Hypothesis replays it first on the
    next run (its database, ``.hypothesis/``). Failures are not explained
    (``Phase.explain`` off), which would rerun a failing fit hundreds of
    times.
``thorough``
    300 cases per property test, 1,500 in all: about 40 minutes on one core,
    so run it in chunks (``-k text_classifier``, ``-k series_regressor``,
    ...) to hunt for new failure classes::

        SKSEQ_HYPOTHESIS_PROFILE=thorough python -m pytest -n0 \\
            tests/test_default_pipelines_generated.py -k text_classifier
        python -m pytest -n0 --hypothesis-profile=thorough \\
            tests/test_default_pipelines_generated.py

    ``--hypothesis-show-statistics`` counts the outcomes (fitted, or the
    start of each refusal's message).

Every failure class found so far is pinned twice: by a named regular test
at the end of this file and by an ``@example`` on its property test (except
the bucketing crash of issue 25, whose regression test is a fit already).
"""

from __future__ import annotations

import re
import traceback
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sklearn
from hypothesis import currently_in_test_context, event, example, given, note
from hypothesis import strategies as st
from sklearn.exceptions import DataConversionWarning, UndefinedMetricWarning
from sklearn.pipeline import Pipeline, make_pipeline

import skseq
from skseq import SlidingWindow, TextVectorizer
from skseq.pipelines import imdb_pipeline, jena_forecaster

FAMILIES = ("SimpleRNN", "LSTM", "GRU", "Conv1D", "Dense", "Transformer")

# --------------------------------------------------------------------------
# The outcome check
# --------------------------------------------------------------------------

_SKSEQ_DIR = Path(skseq.__file__).resolve().parent
# scikit-learn's input and parameter validation: a clear error of its own.
_SKLEARN_VALIDATION = {
    Path(sklearn.__file__).resolve().parent / "utils" / name
    for name in ("validation.py", "_param_validation.py", "multiclass.py")
}
# What a clear message names: the input, a part of it, or a parameter.
_INPUT_WORDS = (  # noqa: SIM905 (a list of 24 words)
    "X y sample_weight samples? rows? columns? features? labels? class(es)? "
    "documents? words? tokens? vocabulary steps? lookback step delay window "
    "maxlen batch_size target series n_samples validation_split"
).split()


def _names_something(message: str, parameters=()) -> bool:
    words = [*_INPUT_WORDS, *(re.escape(p) for p in parameters)]
    return re.search(r"\b(" + "|".join(words) + r")\b", message) is not None


def _raised_in(exc: BaseException) -> Path:
    """The file of the innermost frame of ``exc``'s traceback."""
    return Path(traceback.extract_tb(exc.__traceback__)[-1].filename).resolve()


def check_outcome(fit_and_predict, parameters=()):
    """Run ``fit_and_predict``; it either succeeds or raises a clear error.

    ``fit_and_predict`` fits a pipeline and asserts the shapes and finiteness
    of what it predicts (assertion errors propagate as they are). If it
    raises anything else, the exception must be a ValueError or TypeError,
    raised by skseq or by scikit-learn's validation (the innermost frame of
    its traceback), whose message names the input or one of ``parameters``
    (parameter names, e.g. ``pipe.get_params()``'s). Returns the exception,
    or None when the pipeline fitted.
    """
    try:
        with warnings.catch_warnings():
            # Empty documents, unseen labels, constant columns: warnings are
            # allowed outcomes, and would drown the report.
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", UndefinedMetricWarning)
            warnings.simplefilter("ignore", DataConversionWarning)
            fit_and_predict()
    except AssertionError:
        raise
    except Exception as exc:  # noqa: BLE001 (judged below)
        where = _raised_in(exc)
        message = str(exc)
        detail = (
            f"{type(exc).__name__} raised in {where}: {message[:2000]}\n"
            + "".join(traceback.format_exception(exc))[-6000:]
        )
        assert isinstance(exc, (ValueError, TypeError)), "not a clear error: " + detail
        assert where.is_relative_to(_SKSEQ_DIR) or where in _SKLEARN_VALIDATION, (
            "an error from inside a library, not a check: " + detail
        )
        names = [p.rsplit("__", 1)[-1] for p in parameters]
        assert _names_something(message, names), "a message naming nothing: " + detail
        _record(f"refused: {re.sub(r'[0-9]+', 'N', message)[:50]}")
        _note(f"clear error: {type(exc).__name__}: {message}")
        return exc
    _record("fitted")
    return None


def _record(outcome: str) -> None:
    """Count the outcomes in ``--hypothesis-show-statistics``."""
    if currently_in_test_context():
        event("outcome", outcome)


def _note(text: str) -> None:
    """Print ``text`` with a falsifying example (regular tests: nowhere)."""
    if currently_in_test_context():
        note(text)


def _parameter_names(pipe) -> list[str]:
    return list(pipe.get_params(deep=True))


def _final_step(pipe) -> str:
    # A TransformedTargetRegressor passes its fit parameters on to its regressor.
    steps = pipe.steps if isinstance(pipe, Pipeline) else pipe.regressor.steps
    return steps[-1][0]


def _fit_kwargs(pipe, sample_weight) -> dict:
    if sample_weight is None:
        return {}
    return {f"{_final_step(pipe)}__sample_weight": sample_weight}


def _check_classifier_outputs(pipe, X, n_samples, multilabel):
    classes = pipe.classes_
    predicted = np.asarray(pipe.predict(X))
    proba = np.asarray(pipe.predict_proba(X))
    if multilabel:
        assert predicted.shape == (n_samples, len(classes))
        assert set(np.unique(predicted)) <= {0, 1}
    else:
        assert predicted.shape == (n_samples,)
        assert set(predicted.tolist()) <= set(classes.tolist())
    assert proba.shape == (n_samples, len(classes))
    assert np.isfinite(proba).all(), proba
    assert ((proba >= 0) & (proba <= 1)).all(), proba
    if not multilabel:
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-4)


def _check_regressor_outputs(pipe, X, n_samples, y_shape):
    predicted = np.asarray(pipe.predict(X))
    assert predicted.shape == (n_samples, *y_shape[1:]), (predicted.shape, y_shape)
    assert np.isfinite(predicted).all(), predicted


def _check_score(pipe, X, y, sample_weight):
    kwargs = {} if sample_weight is None else {"sample_weight": sample_weight}
    score = pipe.score(X, y, **kwargs)
    # R² of a single sample is undefined (NaN, with a warning).
    if len(y) >= 2 and (sample_weight is None or np.count_nonzero(sample_weight) >= 2):
        assert np.isfinite(score), score


# --------------------------------------------------------------------------
# Strategies: text
# --------------------------------------------------------------------------

_WORDS = [
    # plain words, repeated so that frequent words exist
    *["good", "bad", "film", "plot", "acting", "dull", "a", "the", "movie", "great"],
    # CJK, emoji, other scripts, accents
    "电影",
    "好看",
    "無聊",
    "映画",
    "영화",
    "😀",
    "🎬👍",
    "👨‍👩‍👧",
    "Привет",
    "мир",
    "مرحبا",
    "שלום",
    "naïve",
    "ÉCOLE",
    "straße",
    # digits, punctuation only, markup, odd whitespace
    "123",
    "4.5",
    "2024-01-01",
    "!!!",
    "...",
    "?!",
    "--",
    "'",
    "<br />",
    "\t",
    "\u200b",
]
words = st.sampled_from(_WORDS)
word_documents = st.lists(words, max_size=80).map(" ".join)
free_documents = st.text(max_size=80)  # any Unicode, control characters too
documents = st.one_of(word_documents, word_documents, free_documents, st.just(""))


@st.composite
def corpora(draw, max_size=400):
    """1-400 documents: mixed, of one word each, or all identical."""
    kind = draw(st.sampled_from(["mixed"] * 4 + ["one_word", "identical"]))
    if kind == "mixed":
        return draw(st.lists(documents, min_size=1, max_size=max_size))
    n = draw(st.integers(1, max_size))
    if kind == "one_word":
        pool = draw(st.lists(words, min_size=1, max_size=3, unique=True))
        return [pool[i % len(pool)] for i in range(n)]
    return [draw(documents)] * n


_STRING_LABELS = np.array(["neg", "pos", "中性", "😀", "n/a"], dtype=object)


@st.composite
def class_labels(draw, n):
    """Labels for ``n`` samples: (y, is_multilabel)."""
    kind = draw(
        st.sampled_from(
            ["binary", "binary", "multiclass", "multilabel", "strings", "one_class"]
            + ["bools", "floats", "missing"]
        )
    )
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    note(f"labels: {kind}, seed {seed}")
    if kind == "multilabel":
        n_labels = draw(st.integers(2, 4))
        return rng.integers(0, 2, (n, n_labels)), True
    if kind == "one_class":
        return np.full(n, draw(st.sampled_from([0, 1, 7]))), False
    if kind == "bools":
        return rng.integers(0, 2, n).astype(bool), False
    if kind == "floats":  # class labels, or (rarely) continuous values
        pool = [-1.0, 0.0, 2.0] + draw(st.sampled_from([[]] * 3 + [[0.5]]))
        return rng.choice(pool, n), False
    n_classes = 2 if kind == "binary" else draw(st.integers(3, 5))
    y = rng.integers(0, n_classes, n)
    if kind == "missing":  # a label left out: None among strings
        y = _STRING_LABELS[y]
        y[rng.integers(0, n)] = None
    return (_STRING_LABELS[y] if kind == "strings" else y), False


# Orders of magnitude, float32's edges included: subnormal features (1e-40)
# and values beyond float32 (1e39, 1e300).
SCALES = st.sampled_from([1e-3, 1.0, 1e4] * 3 + [1e-40, 1e-300, 1e30, 1e39, 1e300])


def batch_sizes(n):
    return st.one_of(
        st.integers(1, 4), st.integers(1, max(n, 1)), st.integers(n, n + 40)
    )


@st.composite
def sample_weights(draw, n):
    """None, or n weights in [0, 5] with zeros (all zeros included), or
    (rarely) weights of the wrong shape."""
    kind = draw(
        st.sampled_from(
            ["none"] * 8 + ["random", "some_zero"] * 2 + ["all_zero", "odd_shape"]
        )
    )
    if kind == "none":
        return None
    if kind == "odd_shape":
        return draw(st.sampled_from([np.ones((n, 1)), np.ones(n + 1)]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0, 5, n)
    if kind == "some_zero":
        weights[rng.random(n) < 0.5] = 0.0
    elif kind == "all_zero":
        weights[:] = 0.0
    return weights


def tiny(family, task, **params):
    """A tiny model of the family, otherwise at its defaults."""
    cls = getattr(skseq, f"{family}{task}")
    return cls(**params)


network_params = st.fixed_dictionaries(
    {
        "units": st.sampled_from([2, 4]),
        "epochs": st.sampled_from([1, 2]),
        "embedding_dim": st.sampled_from([2, 4]),
        "random_state": st.integers(0, 2**31 - 1),
    }
)
maxlens = st.sampled_from(["auto", "auto", 1, 2, 3, 200])


def text_pipeline(model, maxlen, use_imdb):
    if use_imdb and maxlen != "auto":
        return imdb_pipeline(model, maxlen=maxlen)
    return make_pipeline(TextVectorizer(maxlen=maxlen), model)


# --------------------------------------------------------------------------
# Text pipelines
# --------------------------------------------------------------------------


@st.composite
def text_cases(draw, task):
    docs = draw(corpora())
    n = len(docs)
    if task == "Classifier":
        y, multilabel = draw(class_labels(n))
    else:
        multilabel = False
        n_targets = draw(st.sampled_from([0, 0, 2]))  # 0: a 1-D y
        seed = draw(st.integers(0, 2**32 - 1))
        scale = draw(SCALES)
        rng = np.random.default_rng(seed)
        y = rng.normal(0, scale, (n, n_targets) if n_targets else n)
        if draw(st.booleans()):
            y = np.round(y)  # ties, constant columns for small n
    if draw(st.sampled_from([False] * 9 + [True])):  # a missing document
        docs = list(docs)
        docs[draw(st.integers(0, n - 1))] = draw(st.sampled_from([None, np.nan]))
    container = draw(st.sampled_from(["list", "array", "series"]))
    if container == "array":
        docs = np.asarray(docs, dtype=object)
    elif container == "series":  # an index in another order than the rows
        docs = pd.Series(docs, index=np.random.default_rng(n).permutation(n) + 100)
    return {
        "docs": docs,
        "y": y,
        "multilabel": multilabel,
        "family": draw(st.sampled_from(FAMILIES)),
        "params": {**draw(network_params), "batch_size": draw(batch_sizes(n))},
        "maxlen": draw(maxlens),
        "use_imdb": draw(st.booleans()),
        "sample_weight": draw(sample_weights(n)),
        "new_docs": draw(st.lists(documents, min_size=1, max_size=5)),
    }


def run_text_case(case, task):
    model = tiny(case["family"], task, **case["params"])
    pipe = text_pipeline(model, case["maxlen"], case["use_imdb"])
    docs, y, weights = case["docs"], case["y"], case["sample_weight"]

    def fit_and_predict():
        pipe.fit(docs, y, **_fit_kwargs(pipe, weights))
        for X in (docs, case["new_docs"]):
            if task == "Classifier":
                _check_classifier_outputs(pipe, X, len(X), case["multilabel"])
            else:
                _check_regressor_outputs(pipe, X, len(X), np.shape(y))
        _check_score(pipe, docs, y, weights)

    return check_outcome(fit_and_predict, _parameter_names(pipe))


_TINY = {"units": 2, "epochs": 1, "embedding_dim": 2, "random_state": 0}


def _text_case(**overrides):
    """A text case as ``text_cases`` draws it, for ``@example`` and tests."""
    rng = np.random.default_rng(0)
    docs = [" ".join(rng.choice(_WORDS[:10], rng.integers(1, 12))) for _ in range(40)]
    case = {
        "docs": docs,
        "y": np.arange(40) % 2,
        "multilabel": False,
        "family": "GRU",
        "params": {**_TINY, "batch_size": 8},
        "maxlen": "auto",
        "use_imdb": False,
        "sample_weight": None,
        "new_docs": ["good film", ""],
    }
    return {**case, **overrides}


@given(case=text_cases("Classifier"))
@example(case=_text_case(sample_weight=np.zeros(40)))
@example(case=_text_case(sample_weight=np.ones((40, 1))))
def test_text_classifier_pipelines(case):
    error = run_text_case(case, "Classifier")
    y = np.asarray(case["y"])
    weights = case["sample_weight"]
    # The degenerate cases are refused (the vocabulary is checked first).
    if not case["multilabel"] and len(set(y.tolist())) < 2:
        assert error is not None
    if weights is not None and not np.any(weights):
        assert error is not None


@given(case=text_cases("Regressor"))
@example(case=_text_case(y=np.linspace(-1e300, 1e300, 40)))  # beyond float32
def test_text_regressor_pipelines(case):
    run_text_case(case, "Regressor")


# --------------------------------------------------------------------------
# Series pipelines
# --------------------------------------------------------------------------


@st.composite
def series_cases(draw, task="Regressor"):
    """A table of 1-3,000 rows, its windows and targets."""
    n_rows = draw(st.integers(1, 3000))
    n_cols = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    t = np.arange(n_rows)[:, None]
    X = np.sin(t / rng.uniform(2, 50, n_cols)) + rng.normal(0, 0.1, (n_rows, n_cols))
    X = X + draw(st.sampled_from([0.0, 10.0, 1e4]))  # small or large level
    X = X * draw(SCALES)
    constant = draw(
        st.one_of(
            st.just([]), st.just([]), st.lists(st.integers(0, n_cols - 1), max_size=4)
        )
    )
    X[:, constant] = 3.0
    # The target(s): one or several columns of X (as Jena's temperature).
    targets = draw(
        st.lists(st.integers(0, n_cols - 1), min_size=1, max_size=3, unique=True)
    )
    y = X[:, targets] if len(targets) > 1 else X[:, targets[0]].copy()
    nan_gaps = draw(st.sampled_from(["none"] * 6 + ["X", "y"]))
    if nan_gaps != "none":
        where = draw(st.integers(0, n_rows - 1))
        length = draw(st.integers(1, 20))
        if nan_gaps == "X":
            X[where : where + length, draw(st.integers(0, n_cols - 1))] = np.nan
        else:
            y = y.astype(float)
            y[where : where + length] = np.nan
    # Windows: mostly valid, a few not (lookback over the rows, not a
    # multiple of step); at most 48 steps, so that a fit stays cheap.
    step = draw(st.integers(1, 6))
    valid = st.integers(1, max(1, min(48, n_rows // step))).map(lambda k: k * step)
    lookback = draw(
        st.one_of(
            valid, valid, valid, st.integers(1, 300), st.integers(n_rows, n_rows + 10)
        )
    )
    delay = draw(st.one_of(st.integers(0, 6), st.integers(0, 200)))
    if task == "Classifier":
        y = _series_labels(draw, X, targets[0], rng)
    # At most ~100 steps per epoch (smaller batches add no new crash class).
    batch_size = draw(
        st.one_of(
            st.integers(max(1, n_rows // 100), max(1, n_rows // 10)),
            st.integers(n_rows, n_rows + 40),
        )
    )
    return {
        "X": X,
        "y": y,
        "lookback": lookback,
        "step": step,
        "delay": delay,
        "family": draw(st.sampled_from(FAMILIES)),
        "params": {
            **draw(network_params.map(lambda p: {**p, "embedding_dim": 2})),
            "batch_size": batch_size,
        },
        "sample_weight": draw(sample_weights(n_rows)),
        "frame": draw(st.booleans()),
    }


def _series_labels(draw, X, column, rng):
    """Class labels from a column: up or down (or a third class), or strings."""
    kind = draw(
        st.sampled_from(["binary", "binary", "multiclass", "strings", "one_class"])
    )
    values = np.nan_to_num(X[:, column])
    change = np.diff(values, prepend=values[:1])
    if kind == "one_class":
        return np.ones(len(values), dtype=int)
    if kind == "multiclass":
        return np.digitize(change, np.quantile(change, [1 / 3, 2 / 3]))
    labels = (change > 0).astype(int)
    return _STRING_LABELS[labels] if kind == "strings" else labels


def _as_frame(X):
    index = pd.date_range("2009-01-01", periods=len(X), freq="10min")
    columns = [f"c{j} (unit)" for j in range(X.shape[1])]
    return pd.DataFrame(X, index=index, columns=columns)


def run_series_case(case, task, pipe):
    X = _as_frame(case["X"]) if case["frame"] else case["X"]
    y, weights = case["y"], case["sample_weight"]
    n = len(X)

    def fit_and_predict():
        pipe.fit(X, y, **_fit_kwargs(pipe, weights))
        for part in (X, X[-3:]):
            if task == "Classifier":
                _check_classifier_outputs(pipe, part, len(part), multilabel=False)
            else:
                _check_regressor_outputs(pipe, part, len(part), np.shape(y))
        _check_score(pipe, X, y, weights)

    _note(f"{n} rows, lookback={case['lookback']}, step={case['step']}")
    return check_outcome(fit_and_predict, _parameter_names(pipe))


def _series_case(**overrides):
    """A series case as ``series_cases`` draws it, for ``@example`` and tests."""
    rng = np.random.default_rng(0)
    X = np.sin(np.arange(60)[:, None] / [5.0, 9.0]) + rng.normal(0, 0.1, (60, 2))
    case = {
        "X": X,
        "y": X[:, 1].copy(),
        "lookback": 6,
        "step": 2,
        "delay": 1,
        "family": "GRU",
        "params": {**_TINY, "batch_size": 16},
        "sample_weight": None,
        "frame": False,
    }
    return {**case, **overrides}


def _window(case):
    return SlidingWindow(case["lookback"], step=case["step"], delay=case["delay"])


def _check_series_refusals(case, error, scaled=False):
    """Input that cannot be windowed is refused, naming what is wrong: a
    lookback over the rows or no multiple of step first, then NaN in X or
    values too large for float32 (unless ``scaled`` before the window), the
    row named, then NaN in y."""
    with np.errstate(over="ignore"):
        windowed = case["X"] if scaled else case["X"].astype(np.float32)
    if case["lookback"] > len(case["X"]) or case["lookback"] % case["step"]:
        assert error is not None and "lookback" in str(error)
    elif not np.isfinite(windowed).all():
        assert error is not None and re.search(r"\brow\b", str(error))
    elif case["y"].dtype.kind == "f" and np.isnan(case["y"]).any():
        # (or bad sample weights, which may be checked first)
        assert error is not None and re.search(r"\b(y|sample_weight)\b", str(error))


@given(case=series_cases())
@example(case=_series_case(X=_series_case()["X"] * 1e-40))  # subnormal features
@example(case=_series_case(X=_series_case()["X"] * 1e39))  # beyond float32
def test_series_regressor_pipelines(case):
    model = tiny(case["family"], "Regressor", **case["params"])
    error = run_series_case(case, "Regressor", make_pipeline(_window(case), model))
    _check_series_refusals(case, error)


def _diverging_case():
    """Raw windows of order 1e20 (classifiers have no window normalization)."""
    X = _series_case()["X"] * 1e20
    y = (np.diff(X[:, 0], prepend=X[0, 0]) > 0).astype(int)
    return _series_case(X=X, y=y, family="Dense")


@given(case=series_cases("Classifier"))
@example(case=_diverging_case())
def test_series_classifier_pipelines(case):
    model = tiny(case["family"], "Classifier", **case["params"])
    error = run_series_case(case, "Classifier", make_pipeline(_window(case), model))
    _check_series_refusals(case, error)
    if len(np.unique(case["y"])) < 2:
        assert error is not None


@given(case=series_cases(), calendar=st.booleans())
@example(case=_series_case(), calendar=True)  # an array, no DatetimeIndex
def test_jena_forecaster(case, calendar):
    model = tiny(case["family"], "Regressor", **case["params"])
    pipe = jena_forecaster(
        model,
        lookback=case["lookback"],
        step=case["step"],
        delay=case["delay"],
        calendar=calendar,
    )
    error = run_series_case(case, "Regressor", pipe)
    if np.isnan(case["y"]).any():
        # The TransformedTargetRegressor scales y, and checks it, first.
        assert error is not None and re.search(r"\by\b", str(error))
    elif calendar and not case["frame"]:
        # The calendar needs a DatetimeIndex: a plain array is refused first.
        assert error is not None and "DatetimeIndex" in str(error)
    else:
        _check_series_refusals(case, error, scaled=True)


# --------------------------------------------------------------------------
# Regression tests: one per failure class found
# --------------------------------------------------------------------------


def test_lstm_on_short_documents_fits_with_auto_maxlen():
    """240 documents of 5-18 words: trimmed batches of width 16 after two of
    18 crashed TensorFlow's fit (fixed in skseq/models/_training.py)."""
    rng = np.random.default_rng(0)
    docs = [" ".join(rng.choice(_WORDS[:10], rng.integers(5, 19))) for _ in range(240)]
    y = rng.integers(0, 2, 240)
    pipe = make_pipeline(
        TextVectorizer(), skseq.LSTMClassifier(units=8, epochs=2, random_state=0)
    )
    pipe.fit(docs, y)
    _check_classifier_outputs(pipe, docs, 240, multilabel=False)


def test_all_zero_sample_weight_is_refused_naming_sample_weight():
    """scikit-learn >= 1.7 refused it first, naming no parameter: "Sample
    weights must contain at least one non-zero number." """
    error = run_text_case(_text_case(sample_weight=np.zeros(40)), "Classifier")
    assert re.match(r"sample_weight is (0|zero) for every sample", str(error))
    model = skseq.PersistenceRegressor()
    X = np.ones((5, 3, 1), dtype=np.float32)
    with pytest.raises(ValueError, match=r"^sample_weight is (0|zero) for every"):
        model.fit(X, np.ones(5), sample_weight=np.zeros(5))


@pytest.mark.parametrize(
    "weights",
    [np.ones((40, 1)), [1.0, [2.0]] + [1.0] * 38, ["heavy"] * 40, np.full(40, 1j)],
    ids=["column", "ragged", "strings", "complex"],
)
def test_sample_weight_of_another_kind_is_refused_naming_sample_weight(weights):
    """scikit-learn refused a column with "Sample weights must be 1D array or
    scalar", and ragged or text weights from inside NumPy."""
    error = run_text_case(_text_case(sample_weight=weights), "Classifier")
    assert str(error).startswith(
        "sample_weight must be a 1-D array of one number per sample (or a scalar)"
    )


def test_calendar_features_on_an_array_name_X():
    pipe = jena_forecaster(skseq.GRURegressor(**_TINY), lookback=6, step=2)
    error = check_outcome(lambda: pipe.fit(np.ones((30, 2)), np.ones(30)))
    assert re.search(
        r"needs X as a DataFrame .*DatetimeIndex.*got X as ndarray", str(error)
    )


@pytest.mark.parametrize("frame", [False, True])
def test_windows_beyond_float32_are_refused_naming_row_and_column(frame):
    """Values over float32's range became inf in the windows, refused as
    "got -inf ... fill or interpolate missing values", which X did not hold."""
    X = _series_case()["X"]
    X[3, 0] = -5e38
    case = _series_case(X=X, frame=frame)
    model = tiny("GRU", "Regressor", **case["params"])
    error = run_series_case(case, "Regressor", make_pipeline(_window(case), model))
    where = (
        "'c0 (unit)' at row 3 (index 2009-01-01 00:30:00)" if frame else "'0' at row 3"
    )
    assert str(error).startswith(
        f"SlidingWindow got -5e+38 in column {where}, too large for float32 (at "
        "most 3.403e+38)"
    ), error


def test_sequences_beyond_float32_are_refused_naming_the_sample():
    X = np.ones((4, 3, 2))
    X[2, 1, 0] = 1e39
    error = check_outcome(lambda: skseq.LSTMRegressor(**_TINY).fit(X, np.ones(4)))
    assert str(error).startswith(
        "LSTMRegressor got 1e+39 in X at sample 2, step 1, feature 0, too large "
        "for float32"
    )


@pytest.mark.parametrize("shape", [(40,), (40, 2)])
def test_targets_beyond_float32_are_refused(shape):
    """y of order 1e300 overflowed normalize_y's standard deviation (inf)
    and every prediction was +-inf."""
    y = np.full(shape, 1.0)
    y[7] = -1e300
    error = run_text_case(_text_case(y=y), "Regressor")
    column = ", column 0" if len(shape) == 2 else ""
    assert str(error).startswith(f"y has -1e+300 at sample 7{column}, too large")


def test_subnormal_features_forecast_finite_values():
    """Features of order 1e-40 (float32 subnormals) got a persistence skip of
    slope ~1e40, infinite in float32: every prediction was NaN."""
    from skseq.models._persistence_skip import persistence_fit

    last = np.array([[1.0], [2.0], [3.0], [5.0]]) * 1e-40
    y = 2 * last / 1e-40 + 1
    columns, slopes, intercepts = persistence_fit(last, y, "auto")
    assert columns.tolist() == [-1] and slopes.tolist() == [0.0]
    np.testing.assert_allclose(intercepts, y.mean())
    case = _series_case(X=_series_case()["X"] * 1e-40)
    model = tiny("GRU", "Regressor", **case["params"])
    pipe = make_pipeline(_window(case), model)
    assert run_series_case(case, "Regressor", pipe) is None
    assert pipe[-1].persistence_column_ == [None]


def test_diverged_training_is_refused_naming_X():
    """Windows of order 1e20 and up overflowed float32 in training: NaN
    weights, and NaN probabilities from every predict."""
    case = _diverging_case()
    model = tiny("Dense", "Classifier", **case["params"])
    pipe = make_pipeline(_window(case), model)
    error = run_series_case(case, "Classifier", pipe)
    assert str(error).startswith(
        "DenseClassifier's training diverged: its weights are no longer finite"
    )
    assert "X holds values up to 1.21e+20 in magnitude: standardize X" in str(error)
    assert not hasattr(model, "model_")  # left unfitted, as it was


def test_check_outcome_rejects_library_errors():
    """The helper itself: a ValueError from inside NumPy is no clear error."""

    def crash():
        np.reshape(np.arange(3), (2, 2))

    with pytest.raises(AssertionError, match="inside a library"):
        check_outcome(crash)

    def vague():
        raise ValueError("something went wrong")

    vague.__code__ = vague.__code__.replace(co_filename=str(_SKSEQ_DIR / "x.py"))
    with pytest.raises(AssertionError, match="naming nothing"):
        check_outcome(vague)
