"""The entry-point contract, generated over every public estimator and
transformer (docs/user_guide/reliability.md, "One contract at every entry
point"):

- every public method keeps the sample axis at n = 1, 2 and 7, with the
  documented output shape and dtype, for every target kind;
- no method modifies what the caller passed (arrays compared with copies
  before and after, and passed read-only);
- ``fit`` and ``partial_fit`` refuse the same bad parameters with the same
  message.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone, is_classifier

import skseq
from skseq.estimators import all_estimators

CLASSIFIERS = list(all_estimators("classifier").values())
REGRESSORS = list(all_estimators("regressor").values())
FAST = dict(units=3, embedding_dim=3, epochs=1, batch_size=4, random_state=0)
SIZES = [1, 2, 7]

rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 20, size=(12, 6)).astype(np.int64)
SERIES = rng.normal(size=(12, 6, 2))  # float64: the models cast a copy
TARGETS = {
    "binary": np.array([0, 1] * 6),
    "multiclass-str": np.array(["a", "b", "c"] * 4),
    "numeric-str": np.array(["1", "2"] * 6),
    "multilabel": np.eye(3, dtype=int)[[0, 1, 2, 0, 1, 2] * 2]
    | np.eye(3, dtype=int)[[1, 1, 0, 0, 2, 2] * 2],
    "continuous": rng.normal(size=12),
    "continuous-2d": rng.normal(size=(12, 2)),
}
CLASS_TARGETS = ["binary", "multiclass-str", "numeric-str", "multilabel"]
REG_TARGETS = ["continuous", "continuous-2d"]


def _frozen(*arrays):
    """Read-only copies: any in-place write raises."""
    out = []
    for array in arrays:
        array = np.array(array)
        array.flags.writeable = False
        out.append(array)
    return out


def _assert_unchanged(before, after):
    for a, b in zip(before, after, strict=True):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == b.dtype


def _cases(classes, targets, kinds=("tokens", "series")):
    return [
        pytest.param(cls, X, target, id=f"{cls.__name__}-{X}-{target}")
        for cls in classes
        for X in kinds
        for target in targets
    ]


def _X(kind):
    return TOKENS if kind == "tokens" else SERIES


def _expected_output_shape(target, n):
    y = TARGETS[target]
    return (n,) if y.ndim == 1 else (n, y.shape[1])


# Output shapes per target kind are the adapter's (one for every family), and
# the family's input layer is what reads X: every family once per task, its
# classifier on one kind of X and its regressor on the other (so each family
# meets both), the target kinds taking turns over the families (each one at
# least once; the regression ones with both kinds of X).
KINDS = ("tokens", "series")
SHAPE_CASES = [
    case
    for i, (classifier, regressor) in enumerate(
        zip(CLASSIFIERS, REGRESSORS, strict=True)
    )
    for case in (
        *_cases([classifier], [CLASS_TARGETS[i % 4]], [KINDS[i % 2]]),
        *_cases([regressor], [REG_TARGETS[i // 2 % 2]], [KINDS[(i + 1) % 2]]),
    )
]


@pytest.mark.parametrize(("cls", "X_kind", "target"), SHAPE_CASES)
def test_every_method_keeps_the_sample_axis_and_leaves_inputs_alone(
    cls, X_kind, target
):
    X, y = _X(X_kind), TARGETS[target]
    weights = np.linspace(0.5, 2.0, len(X))
    inputs = [X, y, weights]
    before = copy.deepcopy(inputs)
    model = cls(**FAST).fit(*_frozen(X, y), sample_weight=_frozen(weights)[0])
    classifier = is_classifier(model)
    if classifier:
        n_columns = y.shape[1] if y.ndim == 2 else len(np.unique(y))
        assert len(model.classes_) == n_columns
    for n in SIZES:
        Xn, yn, wn = _frozen(X[:n], y[:n], weights[:n])
        predicted = model.predict(Xn)
        assert predicted.shape == _expected_output_shape(target, n)
        if classifier:
            proba = model.predict_proba(Xn)
            assert proba.shape == (n, n_columns)
            assert proba.dtype == np.float64
            assert ((proba >= 0) & (proba <= 1)).all()
            if y.ndim == 1:
                np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-6)
                assert set(predicted) <= set(y)
            else:
                assert set(np.unique(predicted)) <= {0, 1}
        else:
            assert predicted.dtype == np.float64
        if n > 1 or classifier:  # R^2 needs two samples
            assert np.isfinite(model.score(Xn, yn, sample_weight=wn))
    _assert_unchanged(before, inputs)


@pytest.mark.parametrize(
    ("cls", "X_kind", "target", "n"),
    # One family is enough: fitting at any n is the base's, not the network's.
    # Every target kind at n = 1 (one sample, one class) and at one of n = 2
    # and 7 (a partial batch of 4); every n with both tasks and kinds of X.
    [
        pytest.param(cls, X_kind, target, n, id=f"{cls.__name__}-{X_kind}-{target}-{n}")
        for cls, X_kind, target, sizes in [
            (skseq.DenseClassifier, "tokens", "binary", (1, 2)),
            (skseq.DenseClassifier, "series", "multiclass-str", (1, 7)),
            (skseq.DenseClassifier, "tokens", "numeric-str", (1, 7)),
            (skseq.DenseClassifier, "series", "multilabel", (1, 2)),
            (skseq.DenseRegressor, "tokens", "continuous", (1, 7)),
            (skseq.DenseRegressor, "series", "continuous-2d", (1, 2)),
        ]
        for n in sizes
    ],
)
def test_fit_and_partial_fit_at_any_n(cls, X_kind, target, n):
    X, y = _X(X_kind)[:n], TARGETS[target][:n]
    classes = np.unique(TARGETS[target]) if y.ndim == 1 else None
    single_class = y.ndim == 1 and len(np.unique(y)) < 2
    model = cls(**FAST)
    if is_classifier(model) and single_class:
        with pytest.raises(ValueError, match="at least two classes"):
            model.fit(*_frozen(X, y))
    else:
        assert model.fit(*_frozen(X, y)).predict(X).shape[0] == n
    kwargs = {"classes": classes} if is_classifier(model) else {}
    partial = cls(**FAST).partial_fit(*_frozen(X, y), **kwargs)
    partial.partial_fit(*_frozen(X, y))
    assert len(partial.history_["loss"]) == 2
    assert partial.predict(X).shape == _expected_output_shape(target, n)


@pytest.mark.parametrize("n", SIZES)
def test_persistence_baseline_at_any_n(n):
    X, y = SERIES[:n], SERIES[:n, -1, 0]
    before = copy.deepcopy([X, y])
    model = skseq.PersistenceRegressor(target_column=0).fit(*_frozen(X, y))
    predicted = model.predict(_frozen(X)[0])
    assert predicted.shape == (n,)
    np.testing.assert_allclose(predicted, y, rtol=1e-6)  # y is the last value
    if n > 1:
        assert model.score(X, y) == pytest.approx(1.0)
    _assert_unchanged(before, [X, y])


BAD_PARAMS = [
    ("units", -3),
    ("units", 2.5),
    ("n_layers", 0),
    ("dropout", 1.5),
    ("recurrent_dropout", -0.1),
    ("epochs", 0),
    ("batch_size", 0),
    ("learning_rate", -1.0),
    ("validation_split", 1.0),
    ("pooling", "sum"),
    ("early_stopping", "sometimes"),
    ("verbose", 3),
    ("optimizer", 3),
]


# The parameters are all shared ones, checked by the base before any
# training: one classifier and one regressor.
@pytest.mark.parametrize(
    "cls", [skseq.DenseClassifier, skseq.GRURegressor], ids=lambda c: c.__name__
)
def test_fit_and_partial_fit_refuse_the_same_bad_parameters(cls):
    classifier = is_classifier(cls())
    y = TARGETS["binary"] if classifier else TARGETS["continuous"]
    kwargs = {"classes": [0, 1]} if classifier else {}
    fitted = cls(**FAST).fit(TOKENS, y)  # continued below with bad parameters
    weights = [w.copy() for w in fitted.model_.get_weights()]
    for param, value in BAD_PARAMS:
        model = cls(**FAST).set_params(**{param: value})
        with pytest.raises(ValueError, match=f"'{param}' parameter") as from_fit:
            model.fit(TOKENS, y)
        with pytest.raises(ValueError) as from_partial:
            clone(model).partial_fit(TOKENS, y, **kwargs)
        assert str(from_partial.value) == str(from_fit.value)
        # The same on a fitted model continuing with partial_fit or a warm fit,
        # which are refused before any training.
        fitted.set_params(**{param: value})
        with pytest.raises(ValueError) as continued:
            fitted.partial_fit(TOKENS, y)
        assert str(continued.value) == str(from_fit.value)
        with pytest.raises(ValueError) as warm:
            fitted.set_params(warm_start=True).fit(TOKENS, y)
        assert str(warm.value) == str(from_fit.value)
        fitted.set_params(**{param: FAST.get(param, cls().get_params()[param])})
        fitted.set_params(warm_start=False)
    for before, after in zip(weights, fitted.model_.get_weights(), strict=True):
        np.testing.assert_array_equal(before, after)


# --- transformers --------------------------------------------------------
DOCS = ["a good film", "a bad film, bad acting", "good", "dull and long", "", "ok"]


def _documents(n):
    return pd.Series((DOCS * 2)[:n], index=np.arange(100, 100 + n))


def _series(n):
    index = pd.date_range("2009-01-01", periods=n, freq="10min")
    return pd.DataFrame({"T": np.arange(n, dtype=float), "p": 1.0}, index=index)


TRANSFORMERS = [
    (skseq.TextVectorizer(maxlen=5), _documents, lambda n: (n, 5)),
    (skseq.SequencePadder(maxlen=3), lambda n: [[1, 2], [3], [4, 5, 6, 7]] * 3, None),
    (skseq.SlidingWindow(lookback=2), _series, lambda n: (n, 2, 2)),
    (skseq.CalendarFeatures(), _series, lambda n: (n, 6)),
]


@pytest.mark.filterwarnings("ignore:.*no words after standardization")
@pytest.mark.filterwarnings("ignore:all [12] rows of X have incomplete history")
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    ("transformer", "make", "shape"),
    TRANSFORMERS,
    ids=[type(t).__name__ for t, _, _ in TRANSFORMERS],
)
def test_transformers_keep_the_sample_axis_and_leave_inputs_alone(
    transformer, make, shape, n
):
    def sample(size):
        X = make(size)
        return X[:size] if isinstance(X, list) else X

    X = sample(n)
    before = copy.deepcopy(X)
    fitted = clone(transformer).fit(sample(7))
    out = fitted.transform(X)
    assert np.shape(out) == (shape(n) if shape else (n, 3))
    if hasattr(fitted, "inverse_transform"):
        assert len(fitted.inverse_transform(out)) == n
    if isinstance(before, (pd.Series, pd.DataFrame)):
        assert before.equals(X)
    else:
        assert before == X
    # fit_transform on the same rows equals fit then transform.
    X7 = sample(7)
    np.testing.assert_array_equal(
        np.asarray(clone(transformer).fit_transform(X7)),
        np.asarray(clone(transformer).fit(X7).transform(X7)),
    )
