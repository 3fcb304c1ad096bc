"""scikit-learn's own estimator checks, run on every public skseq class.

``estimator_checks_generator`` yields them for the classes that take 2-D or
3-D numeric arrays: all of them for the transformers, one network classifier
and one network regressor, and those whose outcome depends on the network for
every other family (``runs_check``). The expected failures below are checks
whose assumption skseq breaks on purpose or inherits from SciKeras; each says
why. Any other failing check is a bug.

``TextVectorizer`` (raw text), ``SequencePadder`` (ragged integer lists) and
``CalendarFeatures`` (a time-indexed DataFrame) cannot be fed the random
float matrices those checks generate, and scikit-learn skips such
estimators entirely; they get the input-free API checks instead, plus the
same contract checks on input of their own kind.

scikit-learn itself skips ``check_array_api_input`` unless ``SCIPY_ARRAY_API``
is set; skseq takes NumPy input only, so that skip is expected.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks as checks
from sklearn.utils.estimator_checks import (
    _check_name,
    _get_check_estimator_ids,
    estimator_checks_generator,
)

import skseq
from skseq.estimators import all_estimators
from skseq.models import SequenceModel

# Trains well enough for the accuracy checks (blobs, 300 rows) in 5 epochs
# of 10 steps; most of each fit is Keras tracing the model, not the steps.
FAST = {
    "units": 8,
    "embedding_dim": 4,
    "epochs": 5,
    "batch_size": 32,
    "learning_rate": 0.03,
    "random_state": 0,
}

NUMERIC = [
    skseq.SlidingWindow(lookback=3),
    skseq.PersistenceRegressor(),
    *(cls(**FAST) for cls in all_estimators().values()),
]

SCIKERAS = {
    "check_estimator_tags_renamed": (
        "SciKeras's wrapper classes still define _more_tags for scikit-learn "
        "< 1.6; skseq's classes define __sklearn_tags__"
    ),
    "check_mixin_order": (
        "SciKeras's KerasClassifier/KerasRegressor put their BaseEstimator "
        "subclass before ClassifierMixin/RegressorMixin, and Python's method "
        "order cannot move the mixin ahead of it in a subclass"
    ),
}
MINI_BATCH = {
    "check_sample_weight_equivalence_on_dense_data": (
        "mini-batch training: a repeated row adds a row to the batches and "
        "changes the number of steps, so weight 2 and a duplicate train "
        "differently (as for scikit-learn's own SGD estimators)"
    ),
}
STEPS_NOT_COLUMNS = {
    "check_regressors_train": (
        "its data has 1 informative column among 10; a sequence model reads "
        "the columns as 10 time steps through shared weights (Conv1D's global "
        "pooling cannot even tell them apart), so 5 epochs stay below its "
        "R^2 > 0.5. Real-data floors: tests/test_jena.py"
    ),
}
ROW_ORDER = {
    check: (
        "a window is made of consecutive rows: reordering or subsetting the "
        "rows changes the windows by definition"
    )
    for check in (
        "check_methods_sample_order_invariance",
        "check_methods_subset_invariance",
    )
}

# Every network estimator goes through one scikit-learn adapter
# (skseq/models/_adapter.py) and one base (skseq/models/_base.py); a family
# adds only its network body. So scikit-learn's whole suite runs on one
# classifier and one regressor, those of the family that traces fastest
# (Dense: a third of the LSTM's time), and every other family runs the checks
# whose outcome depends
# on its network: the shape at the edge (one feature: windows of one step;
# one sample is the base's, as in tests/models/test_contract.py), pickling
# (its layers travel in the pickle; the read-only-memmap variant of that
# check tests the adapter's input handling, so the contract pair runs it),
# and the input-free API checks (each family declares parameters). Learning
# and seeded repeatability per family are tested in tests/models/test_estimators.py
# and tests/networks/. CI's JAX job runs only test_row_order_and_subsets from
# this file: its float32 tolerance is the backend's numerics, the contract is
# not (every family's layers reload on JAX: tests/test_keras_file_reload.py).
CONTRACT_ESTIMATORS = ("DenseClassifier", "DenseRegressor")
FAMILY_CHECKS = {
    "check_fit2d_1feature",
    "check_estimators_pickle",
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_estimators_unfitted",
}
# Predictions of float rows may differ by float32 rounding with their batch
# companions, for every network alike: test_row_order_and_subsets below
# replaces these two checks (rtol=1e-7 there) with a stated tolerance.
REPLACED = {
    "check_methods_sample_order_invariance": "test_row_order_and_subsets",
    "check_methods_subset_invariance": "test_row_order_and_subsets",
}


def expected_failures(estimator) -> dict[str, str]:
    if isinstance(estimator, skseq.SlidingWindow):
        return ROW_ORDER
    if isinstance(estimator, skseq.PersistenceRegressor):
        return {}
    expected = {**SCIKERAS, **MINI_BATCH}
    if isinstance(
        estimator, (skseq.LSTMRegressor, skseq.GRURegressor, skseq.Conv1DRegressor)
    ):
        expected.update(STEPS_NOT_COLUMNS)
    return expected


# The training checks run three times on the contract pair: on float64
# arrays, on read-only float64 memmaps and on read-only float32 memmaps. The
# last covers what the second adds (a read-only memmap reaches Keras
# unchanged), so the second is left out.
TRAIN_CHECKS = {"check_classifiers_train", "check_regressors_train"}


def runs_check(estimator, check) -> bool:
    """Whether ``test_sklearn_checks`` runs ``check`` on ``estimator``."""
    if not isinstance(estimator, SequenceModel):
        return True
    name = _check_name(check)
    if name in REPLACED:
        return False
    keywords = getattr(check, "keywords", {})
    if type(estimator).__name__ in CONTRACT_ESTIMATORS:
        return not (
            name in TRAIN_CHECKS
            and keywords.get("readonly_memmap")
            and "X_dtype" not in keywords
        )
    return name in FAMILY_CHECKS and not keywords.get("readonly_memmap")


def selected_checks():
    for estimator in NUMERIC:
        for case in estimator_checks_generator(
            estimator,
            expected_failed_checks=expected_failures(estimator),
            mark="xfail",
        ):
            check = case.values[1] if hasattr(case, "values") else case[1]
            if runs_check(estimator, check):
                yield case


@pytest.mark.parametrize(
    "estimator, check", list(selected_checks()), ids=_get_check_estimator_ids
)
def test_sklearn_checks(estimator, check):
    check(estimator)


# Float32 rounding: a batched matrix product (oneDNN on TensorFlow, one XLA
# program per batch shape on JAX) may round a row's sums differently with
# other rows beside it (1 ulp, about 1.2e-7 relative), so predictions of
# float rows in another order or in smaller batches agree to this tolerance,
# not bit for bit. Token rows are predicted in a canonical order and agree
# exactly (tests/models/test_bucketing.py).
ROUNDING = {"rtol": 1e-5, "atol": 1e-6}


@pytest.mark.jax
@pytest.mark.parametrize(
    "estimator", list(all_estimators().values()), ids=lambda cls: cls.__name__
)
def test_row_order_and_subsets(estimator):
    """check_methods_sample_order_invariance and _subset_invariance at a
    stated float32 tolerance, for every network estimator alike."""
    rng = np.random.default_rng(0)
    X = 3 * rng.uniform(size=(20, 3))
    y = X[:, 0].astype(int)
    model = estimator(**FAST).fit(X, y)
    order = rng.permutation(len(X))
    for method in ("predict", "predict_proba"):
        if not hasattr(model, method):
            continue
        predict = getattr(model, method)
        full = predict(X)
        np.testing.assert_allclose(predict(X[order]), full[order], **ROUNDING)
        # Subsets of 1, 2 and 3 rows at three offsets (every predict call
        # costs a Keras predict loop; scikit-learn's check cuts 10 pairs).
        for rows in (slice(0, 1), slice(7, 9), slice(17, 20)):
            np.testing.assert_allclose(predict(X[rows]), full[rows], **ROUNDING)


# Own-input transformers, each with a small input of its kind.
def _text():
    return np.array(
        ["a good film", "a bad film", "good acting, bad plot", "bad", "good good"]
    )


def _sequences():
    return [[1, 2, 3], [4, 5], [6], [7, 8, 9, 10], [2, 2]]


def _frame():
    index = pd.date_range("2009-01-01", periods=6, freq="10min")
    return pd.DataFrame({"T": np.arange(6.0), "p": np.ones(6)}, index=index)


OWN_INPUT = [
    (skseq.TextVectorizer(max_tokens=20, maxlen=4), _text),
    (skseq.SequencePadder(maxlen=3), _sequences),
    (skseq.CalendarFeatures(), _frame),
]
INPUT_FREE_CHECKS = [
    checks.check_estimator_cloneable,
    checks.check_estimator_tags_renamed,
    checks.check_valid_tag_types,
    checks.check_estimator_repr,
    checks.check_no_attributes_set_in_init,
    checks.check_do_not_raise_errors_in_init_or_set_params,
    checks.check_mixin_order,
    checks.check_get_params_invariance,
    checks.check_set_params,
    checks.check_parameters_default_constructible,
]


def _ids(cases):
    return [type(estimator).__name__ for estimator, _ in cases]


@pytest.mark.parametrize("check", INPUT_FREE_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(("estimator", "make_X"), OWN_INPUT, ids=_ids(OWN_INPUT))
def test_input_free_sklearn_checks(estimator, make_X, check):
    check(type(estimator).__name__, estimator)


def _same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    else:
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("estimator", "make_X"), OWN_INPUT, ids=_ids(OWN_INPUT))
def test_own_input_contract(estimator, make_X):
    """What check_estimators_fit_returns_self, check_dont_overwrite_parameters,
    check_fit_idempotent, check_estimators_unfitted and
    check_estimators_pickle assert, on input of the transformer's kind."""
    X = make_X()
    params = clone(estimator).get_params()
    fresh = clone(estimator)
    with pytest.raises(Exception, match="not fitted"):
        fresh.transform(X)
    assert fresh.fit(X) is fresh
    assert fresh.get_params() == params
    first = fresh.transform(X)
    public = {k for k in vars(fresh) if not k.startswith("_")}
    assert public - set(params) and all(k.endswith("_") for k in public - set(params))
    _same(fresh.fit(X).transform(X), first)
    _same(pickle.loads(pickle.dumps(fresh)).transform(X), first)
    _same(clone(estimator).fit_transform(X), first)
