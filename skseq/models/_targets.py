"""Targets: checked once, encoded for Keras, decoded with the sample axis kept.

Every ``type_of_target`` kind a scikit-learn classifier or regressor takes
(binary, multiclass, multilabel-indicator; continuous, multi-output) goes
through here, as ``MLPClassifier`` and ``MLPRegressor`` take them. SciKeras's
own encoders squeeze a one-sample prediction to 1-D and cannot train on a
2-D ``y``; these do neither.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.exceptions import DataConversionWarning
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import type_of_target

from skseq.utils import TOO_LARGE_FOR_FLOAT32, first_beyond_float32

CLASSIFIER_TARGETS = ("binary", "multiclass", "multilabel-indicator")
_TARGET_HINTS = {
    "continuous": "; continuous targets need a regressor",
    "continuous-multioutput": "; continuous targets need a regressor",
    "multiclass-multioutput": (
        "; for several columns of class labels wrap the model in "
        "sklearn.multioutput.MultiOutputClassifier"
    ),
    "unknown": (
        "; y mixes label types (e.g. numbers and strings) or holds values that "
        "are not labels: use one type of label"
    ),
}


def check_target(y, n_samples: int, estimator_name: str) -> np.ndarray:
    """``y`` as a NumPy array with one row per sample, free of missing values.

    A column vector becomes 1-D with scikit-learn's ``DataConversionWarning``.
    Never returns the caller's array itself when it had to change it.
    """
    if y is None:
        raise ValueError(
            f"{estimator_name} requires y to be passed, but the target y is None"
        )
    if isinstance(y, (pd.Series, pd.DataFrame)):
        y = y.to_numpy()
    elif sparse.issparse(y):  # a sparse multilabel indicator matrix
        y = y.toarray()
    y = np.asarray(y)
    if y.ndim == 0 or y.ndim > 2:
        raise ValueError(
            f"{estimator_name} expects y of shape (n_samples,) or (n_samples, "
            f"n_outputs); got a {y.ndim}-D y of shape {y.shape}"
        )
    if y.ndim == 2 and y.shape[1] == 1:
        warnings.warn(
            "A column-vector y was passed when a 1d array was expected. Please "
            "change the shape of y to (n_samples,), for example using ravel().",
            DataConversionWarning,
            stacklevel=4,
        )
        y = y[:, 0]
    if len(y) != n_samples:
        raise ValueError(
            f"Found input variables with inconsistent numbers of samples: X has "
            f"{n_samples}, y has {len(y)}"
        )
    missing = pd.isna(y) if y.dtype.kind in "OfcmM" else None
    if missing is not None and missing.any():
        where = np.argwhere(missing)[0]
        raise ValueError(
            f"y has missing values (NaN or None): {int(missing.sum())} of them, the "
            f"first at sample {where[0]}"
            + (f", column {where[1]}" if y.ndim == 2 else "")
            + "; drop or fill those rows first"
        )
    if y.dtype.kind == "O":
        y = _numbers_as_numeric(y)
    if y.dtype.kind == "c":
        raise ValueError(
            f"{estimator_name} got complex y; Complex data not supported: pass the "
            "real part, or real and imaginary parts as two outputs"
        )
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        where = np.argwhere(~np.isfinite(y))[0]
        raise ValueError(f"y has infinite values, the first at sample {where[0]}")
    return y


class ClassEncoder:
    """Class labels <-> what the Keras head trains on.

    Binary and multiclass labels (ints, strings, any sortable kind) become
    class indices; a multilabel indicator matrix trains as is, one sigmoid per
    label. ``decode`` and ``probabilities`` keep one row per sample for every
    n, n = 1 included.

    Parameters
    ----------
    classes : array-like or None
        Every class across all calls (``partial_fit``'s ``classes=``); None
        takes the classes present in the ``y`` passed to ``fit``.
    needs_classes : bool, default=False
        Refuse ``classes=None`` for labels (a first ``partial_fit``: one batch
        may lack some classes, so ``classes=`` is required, as for
        ``SGDClassifier``). A multilabel ``y`` names its labels by its columns.
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.models"

    def __init__(self, classes=None, *, needs_classes=False):
        self.classes = classes
        self.needs_classes = needs_classes

    def fit(self, y: np.ndarray, estimator_name: str) -> ClassEncoder:
        kind = classifier_target_kind(y, estimator_name)
        if kind == "multilabel-indicator":
            self.target_type_ = kind
            self.classes_ = np.arange(y.shape[1])
            return self
        if self.needs_classes and self.classes is None:
            raise ValueError(
                f"{estimator_name}.partial_fit needs classes= on its first call: "
                "every class of the whole data set (e.g. classes=np.unique(y_all)), "
                "since one batch may lack some; this batch holds "
                f"{np.unique(y).tolist()}"
            )
        classes = np.unique(y) if self.classes is None else _unique(self.classes)
        unknown = np.setdiff1d(np.unique(y), classes)
        if unknown.size:
            raise ValueError(
                f"y holds labels {unknown.tolist()} that are not in classes="
                f"{classes.tolist()}"
            )
        if classes.size < 2:
            raise ValueError(
                f"{estimator_name} needs at least two classes; got 1 class: "
                f"{classes.tolist()}. partial_fit takes every class of the whole "
                "data set as classes=[...] on its first call"
            )
        self.classes_ = classes
        self.target_type_ = "binary" if classes.size == 2 else "multiclass"
        return self

    @property
    def n_outputs(self) -> int:
        """Units of the output layer: 1 sigmoid for binary, else one per class."""
        return 1 if self.target_type_ == "binary" else len(self.classes_)

    def head(self) -> tuple[int, str, str]:
        """``(units, activation, loss)`` of the output layer."""
        if self.target_type_ == "multiclass":
            return self.n_outputs, "softmax", "sparse_categorical_crossentropy"
        return self.n_outputs, "sigmoid", "binary_crossentropy"

    def encode(self, y: np.ndarray) -> np.ndarray:
        """What Keras trains on: float32 class indices or the 0/1 matrix."""
        if self.target_type_ == "multilabel-indicator":
            if y.ndim != 2 or y.shape[1] != len(self.classes_):
                raise ValueError(
                    f"y must be a multilabel indicator matrix with "
                    f"{len(self.classes_)} columns, as in the first fit; got "
                    f"shape {y.shape}"
                )
            return y.astype(np.float32)
        if y.ndim != 1:
            raise ValueError(
                f"y must be 1-D class labels, as in the first fit; got shape {y.shape}"
            )
        index = np.searchsorted(self.classes_, y)
        index = np.clip(index, 0, len(self.classes_) - 1)
        unknown = self.classes_[index] != y
        if unknown.any():
            raise ValueError(
                f"y holds labels {np.unique(y[unknown]).tolist()} unseen in the "
                f"first fit, whose classes are {self.classes_.tolist()}"
            )
        return index.astype(np.float32)

    def probabilities(self, raw: np.ndarray) -> np.ndarray:
        """``(n_samples, n_classes)`` float probabilities from the head's output."""
        raw = np.asarray(raw, dtype=np.float64).reshape(len(raw), -1)
        if self.target_type_ == "binary":
            return np.column_stack([1 - raw[:, 0], raw[:, 0]])
        return raw

    def decode(self, raw: np.ndarray) -> np.ndarray:
        """Predicted labels: ``(n_samples,)``, or the 0/1 matrix for multilabel."""
        proba = self.probabilities(raw)
        if self.target_type_ == "multilabel-indicator":
            return (proba > 0.5).astype(np.int64)
        return self.classes_[np.argmax(proba, axis=1)]

    def sample_weight(self, class_weight, y: np.ndarray, *, partial: bool):
        """Per-sample weights from ``class_weight``, looked up by class label.

        Labels are matched as the user wrote them ("1" is not 1), after
        encoding, so numeric-looking strings keep their identity.
        """
        if class_weight is None:
            return None
        if self.target_type_ == "multilabel-indicator":
            if class_weight != "balanced":
                raise ValueError(
                    "class_weight as a dict needs binary or multiclass y; for "
                    "multilabel y use class_weight='balanced' (each label "
                    "balanced on its own) or sample_weight"
                )
            return compute_sample_weight("balanced", y)
        if class_weight == "balanced":
            if partial:
                raise ValueError(
                    "class_weight='balanced' is not supported by partial_fit, which "
                    "sees one batch at a time (as for SGDClassifier); pass a dict, "
                    "e.g. from sklearn.utils.class_weight.compute_class_weight on "
                    "all of y"
                )
            return compute_sample_weight("balanced", self.encode(y))
        _check_class_weight_values(class_weight)
        known = set(self.classes_.tolist())
        unknown = [key for key in class_weight if key not in known]
        if unknown:
            raise ValueError(
                f"class_weight names {unknown!r}, which are not among the classes "
                f"{self.classes_.tolist()}; use the labels exactly as in y"
            )
        table = np.array([class_weight.get(c, 1.0) for c in self.classes_.tolist()])
        return table[self.encode(y).astype(np.int64)]


def classifier_target_kind(y: np.ndarray, estimator_name: str) -> str:
    """``type_of_target`` of labels a classifier takes; a ValueError names
    any other kind, and labels of mixed types (which NumPy cannot sort)."""
    if y.dtype.kind == "O":
        first = {}
        for label in y.ravel().tolist():
            first.setdefault(isinstance(label, (str, bytes)), label)
        if len(first) == 2:
            raise ValueError(
                f"y mixes label types: strings and {type(first[False]).__name__}s "
                f"(e.g. {first[True]!r} and {first[False]!r}); {estimator_name} "
                "needs one type of label, e.g. y.astype(str)"
            )
    kind = type_of_target(y, input_name="y")
    if kind not in CLASSIFIER_TARGETS:
        hint = _TARGET_HINTS.get(kind, "")
        raise ValueError(
            f"Unknown label type: {kind!r}. {estimator_name} accepts binary or "
            "multiclass labels (1-D) or a multilabel indicator matrix of 0/1 "
            f"(2-D, one-hot included){hint}"
        )
    return kind


def warn_about_unseen_labels(estimator, y) -> None:
    """Check ``score``'s labels against ``classes_``: a ValueError for mixed
    labels or labels of another kind than in fit (strings for numbers), a
    warning for labels of the right kind that fit never saw."""
    name = type(estimator).__name__
    classifier_target_kind(y, name)
    classes = estimator.classes_.tolist()
    # Sets, not np.unique: labels of two kinds cannot be sorted together.
    labels = set(np.asarray(y, dtype=object).ravel().tolist())
    if _is_text(labels) != _is_text(classes):
        raise ValueError(
            f"y holds {'strings' if _is_text(labels) else 'numbers'} "
            f"({sorted(labels, key=str)[:5]}), but {name} was fitted on "
            f"{'strings' if _is_text(classes) else 'numbers'} ({classes[:5]})"
        )
    unseen = labels - set(classes)
    if unseen:
        warnings.warn(
            f"y holds labels {sorted(unseen, key=str)} that "
            f"{name} never saw in fit (it knows "
            f"{classes}); those samples count as errors",
            UserWarning,
            stacklevel=3,
        )


def _is_text(labels) -> bool:
    return any(isinstance(label, (str, bytes)) for label in labels)


class OutputEncoder:
    """Regression targets: ``(n,)`` or ``(n, n_outputs)`` in, the same out.

    Parameters
    ----------
    normalize : bool, default=False
        Train on each column of ``y`` standardized with the mean and standard
        deviation of the first fit (a constant column keeps scale 1), and
        map the network's outputs back at predict time, as
        ``GaussianProcessRegressor(normalize_y=True)`` does: a network's
        initial weights and learning rate suit outputs of unit scale, not
        temperatures in kelvin or prices in dollars.
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.models"

    # Encoders pickled before normalization existed decode as they did.
    normalize = False
    mean_ = 0.0
    scale_ = 1.0

    def __init__(self, *, normalize: bool = False):
        self.normalize = normalize

    def fit(self, y: np.ndarray, estimator_name: str) -> OutputEncoder:
        if not np.issubdtype(y.dtype, np.number) or y.dtype.kind == "c":
            try:
                y = y.astype(np.float64)
            except (TypeError, ValueError):
                raise ValueError(
                    f"{estimator_name} needs numeric y; got dtype {y.dtype}. Class "
                    "labels need a classifier"
                ) from None
        self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
        self.ndim_ = y.ndim
        columns = y.astype(np.float64).reshape(len(y), -1)
        _check_float32_range(columns)
        # It casts floats to int64 to spot integral ones: values past 2**63
        # (1e30 fits float32) warn "invalid value encountered in cast".
        with np.errstate(invalid="ignore"):
            self.target_type_ = type_of_target(y, input_name="y")
        self.mean_ = np.zeros(self.n_outputs_)
        self.scale_ = np.ones(self.n_outputs_)
        if self.normalize:
            self.mean_ = columns.mean(axis=0)
            scale = columns.std(axis=0)
            # A constant column: centring alone, as StandardScaler does.
            self.scale_ = np.where(scale > 0, scale, 1.0)
        return self

    def encode(self, y: np.ndarray) -> np.ndarray:
        n_outputs = 1 if y.ndim == 1 else y.shape[1]
        if n_outputs != self.n_outputs_:
            raise ValueError(
                f"y has {n_outputs} output(s), but the model was fitted with "
                f"{self.n_outputs_}"
            )
        columns = y.astype(np.float64).reshape(len(y), -1)
        _check_float32_range(columns)
        return ((columns - self.mean_) / self.scale_).astype(np.float32)

    def decode(self, raw: np.ndarray) -> np.ndarray:
        raw = np.asarray(raw, dtype=np.float64).reshape(len(raw), -1)
        raw = raw * self.scale_ + self.mean_
        return raw[:, 0] if self.ndim_ == 1 else raw


def _check_float32_range(columns: np.ndarray) -> None:
    """Refuse regression targets beyond float32, in which networks train (and
    beyond which y's standard deviation may not even be finite in float64)."""
    beyond = first_beyond_float32(columns)
    if beyond is not None:
        row, col = beyond
        raise ValueError(
            f"y has {columns[row, col]:.6g} at sample {row}"
            + (f", column {col}" if columns.shape[1] > 1 else "")
            + f", {TOO_LARGE_FOR_FLOAT32}, the precision of the network; "
            "rescale y first"
        )


def _check_class_weight_values(class_weight: dict) -> None:
    for label, weight in class_weight.items():
        number = isinstance(weight, (int, float, np.integer, np.floating))
        if (
            isinstance(weight, bool)
            or not number
            or not weight >= 0
            or weight == np.inf
        ):
            raise ValueError(
                f"class_weight[{label!r}] must be a finite number >= 0; got {weight!r}"
            )


def _numbers_as_numeric(y: np.ndarray) -> np.ndarray:
    """An object array of numbers only (e.g. from pandas' nullable Int64 or
    boolean columns) as a plain numeric array; anything else unchanged."""
    values = y.ravel().tolist()
    if values and all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, str)
        for v in values
    ):
        return np.array(values).reshape(y.shape)
    return y


def _unique(classes) -> np.ndarray:
    classes = np.asarray(classes)
    if classes.ndim != 1 or classes.size == 0:
        raise ValueError(
            f"classes must be a non-empty 1-D list of labels; got {classes!r}"
        )
    if pd.isna(classes).any() if classes.dtype.kind in "Of" else False:
        raise ValueError("classes has missing values (NaN or None)")
    return np.unique(classes)
