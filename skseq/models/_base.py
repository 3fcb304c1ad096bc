"""The one estimator base behind every skseq model (DESIGN §3).

``SequenceModel`` is the only place that talks to Keras training (DESIGN §3):
it validates parameters and input, picks the input stem (embedding for token
ids, none for float series), the head and the loss, seeds Keras, and carves a
validation split. The network between stem and head is the family's
(``skseq.networks``); ``skseq.estimators`` makes one public class per family
and task from these bases.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import NamedTuple

import keras
import numpy as np
from sklearn.utils import ClassifierTags, RegressorTags

from skseq.models._adapter import ClassifierAdapter, RegressorAdapter
from skseq.models._batches import WindowBatches
from skseq.models._bucketing import TokenBatches
from skseq.models._input_layout import InputLayout
from skseq.models._params import CLASSIFIER, REGRESSOR, SHARED, constraints
from skseq.models._persistence_skip import persistence_fit, quantile_shifts
from skseq.models._seeding import seeded
from skseq.models._threads import limit_backend_threads
from skseq.models._training import (
    build_training_state,
    early_stopping_patience,
    split_rows,
    training_data,
)
from skseq.networks import PinballLoss, build_model, head_levels
from skseq.utils import (
    DocLinkMixin,
    VersionedState,
    check_quantiles,
    check_target_column,
    is_lazy,
)


class Head(NamedTuple):
    """The output layer and what it trains with, by task and kind of target."""

    n_outputs: int
    activation: str | None  # None: linear (regression)
    loss: object  # a Keras loss name or instance
    metrics: list[str]


class SequenceModel(InputLayout, VersionedState, DocLinkMixin):
    """Shared machinery of every skseq estimator; mix in before the adapter."""

    # Fitted estimators of skseq 0.1 kept other target encoders: loading one
    # fails with a clear IncompatibleVersionError (skseq.saving documents it).
    _readable_since = "0.2"
    _network = None  # the family's Network, set by skseq.estimators
    _family = None  # its name, e.g. "lstm"
    _parameter_constraints: dict = constraints(SHARED)

    def _check_params(self) -> None:
        self._validate_params()
        limit_backend_threads()
        self._make_optimizer()
        # What the constraints cannot see, checked before Keras reads it.
        for callback in self.callbacks or []:
            if not isinstance(callback, keras.callbacks.Callback):
                raise ValueError(
                    "callbacks must be a list of keras.callbacks.Callback instances; "
                    f"got {callback!r} in callbacks={self.callbacks!r}"
                )
        loss = getattr(self, "loss", None)
        if loss == "quantile":
            check_quantiles(self.quantiles)
        elif isinstance(loss, str):
            try:
                keras.losses.get(loss)
            except ValueError:
                raise ValueError(
                    "loss must be 'quantile', a Keras loss name such as 'mse', "
                    f"'mae' or 'huber', or a keras.losses.Loss; got loss={loss!r}"
                ) from None

    def _make_optimizer(self) -> keras.optimizers.Optimizer:
        optimizer = self.optimizer
        if isinstance(optimizer, str):
            try:
                optimizer = type(keras.optimizers.get(optimizer))
            except ValueError:
                raise ValueError(
                    "optimizer must be a Keras optimizer name such as 'adam', "
                    f"'rmsprop' or 'sgd'; got optimizer={self.optimizer!r}"
                ) from None
        elif isinstance(optimizer, keras.optimizers.Optimizer):
            config = optimizer.get_config()
            optimizer = lambda **kw: type(self.optimizer).from_config(  # noqa: E731
                {**config, **kw}
            )
        elif not issubclass(optimizer, keras.optimizers.Optimizer):
            raise ValueError(
                "optimizer must be a Keras optimizer name, class or instance; "
                f"got optimizer={self.optimizer!r}"
            )
        if self.learning_rate is None:
            return optimizer()
        return optimizer(learning_rate=self.learning_rate)

    def _hp(self) -> SimpleNamespace:
        """The parameters by name, for the family's body, and ``n_steps``:
        the steps per sample the network is built for."""
        hp = SimpleNamespace(**self.get_params())
        hp.n_steps = getattr(self, "n_steps_", None) or self.X_shape_[1]
        # Left-aligned token rows, padded after their last token.
        hp.padded = getattr(self, "n_steps_", None) is not None
        return hp

    def _build_and_compile(self) -> keras.Model:
        head = self._head()
        hp = self._hp()
        self._check_masking(hp)
        input_shape = self.X_shape_[1:]
        if self._aligns_tokens and not self.fixed_length_:
            input_shape = (None,)  # trimmed batches: any number of steps
        model = build_model(
            self._family,
            self._network,
            hp,
            input_shape=input_shape,
            vocabulary_size=self.vocabulary_size_,
            n_outputs=head.n_outputs,
            output_activation=head.activation,
            persistence_skip=self._persistence_skip(),
            # 3-D windows only: a 2-D float X may as well be a table.
            instance_normalization=len(input_shape) == 2
            and getattr(self, "window_normalization", None) == "instance",
            quantile_levels=self._quantile_levels(),
        )
        model.compile(
            optimizer=self._make_optimizer(), loss=head.loss, metrics=head.metrics
        )
        return model

    def _persistence_skip(self) -> bool:
        return False

    def _quantile_levels(self) -> tuple[float, ...] | None:
        return None

    def _after_training(self, X, y, valid) -> None:
        """Fit what is fitted on the held-out rows ``valid`` (None if none)."""

    def _check_masking(self, hp: SimpleNamespace) -> None:
        # Float series have no padding id: masking does not apply to them.
        if not self.masking or self.input_kind_ != "tokens":
            return
        name = type(self).__name__
        if not self._network.keeps_mask(hp):
            raise ValueError(
                "masking=True needs a layer that keeps the padding mask, and "
                f"{name} keeps it {self._network.mask_rule}: {name} with "
                f"pooling={self.pooling!r} would ignore it"
            )

    def _train_keras(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ):
        """Train ``model_`` on checked, encoded data: validation split, early
        stopping and lazy window batches, then Keras's ``fit``."""
        patience = early_stopping_patience(self.early_stopping, self.epochs, len(X))
        fraction = self.validation_split or (0.1 if patience else 0.0)
        rows = np.arange(len(X))
        if sample_weight is not None:
            rows = np.flatnonzero(sample_weight)
        # SciKeras reads ``callbacks`` only when it builds a model; read them
        # on every fit so that set_params(callbacks=...) reaches warm starts.
        self._initialize_callbacks()
        user_callbacks = self._fit_callbacks
        if patience:
            stopper = keras.callbacks.EarlyStopping(
                patience=patience, restore_best_weights=True
            )
            self._fit_callbacks = [*user_callbacks, stopper]
        try:
            with seeded(self._seed):
                valid = None
                if fraction:
                    rows, valid = self._hold_out(rows, y, fraction)
                held_out = (X, y, valid)
                build_training_state(self.model_, X, y, sample_weight, rows)
                X, y, sample_weight, extra = training_data(
                    X,
                    y,
                    sample_weight,
                    rows,
                    valid,
                    batch_size=self.batch_size,
                    predict_batch=self._predict_batch,
                    token_batches=self._token_batches(),
                )
                self._keras_fit(
                    X,
                    y,
                    sample_weight,
                    warm_start,
                    epochs,
                    initial_epoch,
                    **extra,
                    **kwargs,
                )
            self._after_training(*held_out)
        finally:
            # The stopper holds the model; keep it out of pickles.
            self._fit_callbacks = user_callbacks

    @property
    def _predict_batch(self) -> int:
        return max(self.batch_size, 256)

    def _token_batches(self):
        """``TokenBatches`` with this model's layout (``functools.partial``),
        or None when token rows are not bucketed by length."""
        if not (self._aligns_tokens and self.bucketing):
            return None
        return functools.partial(
            TokenBatches, multiple=self.step_multiple_, fixed=self.fixed_length_
        )

    def _predict_raw(self, X, **kwargs) -> np.ndarray:
        """The Keras model's raw outputs for checked ``X``, batch by batch,
        in the order of ``X`` (token rows are predicted grouped by length)."""
        kwargs.setdefault("verbose", 0)
        batch_size = kwargs.pop("batch_size", self._predict_batch)
        order = None
        if is_lazy(X):
            X, batch_size = WindowBatches(X, batch_size=batch_size), None
        elif (token_batches := self._token_batches()) is not None:
            batches = token_batches(X, batch_size=batch_size)
            order = batches.order
            if len(X) > batch_size:
                X, batch_size = batches, None
            else:
                # One batch goes in at full width (a trimmed width per call
                # would make TensorFlow retrace predict for every new length),
                # its rows in TokenBatches' order: a row's position in the
                # batch, and so its float rounding, does not follow the caller's.
                X = X[order]
        raw = self.model_.predict(
            X, batch_size=batch_size, callbacks=self._predict_callbacks, **kwargs
        )
        if order is None:
            return raw
        unsorted = np.empty_like(raw)
        unsorted[order] = raw
        return unsorted

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # A fixed random_state makes fits repeatable (see _seeding).
        tags.non_deterministic = self.random_state is None
        tags.input_tags.three_d_array = True
        return tags


class SequenceClassifier(SequenceModel, ClassifierAdapter):
    _task = "Classifier"
    _task_params = CLASSIFIER
    _parameter_constraints = {
        **SequenceModel._parameter_constraints,
        **constraints(CLASSIFIER),
    }

    def _head(self) -> Head:
        return Head(*self.target_encoder_.head(), metrics=["accuracy"])

    def _hold_out(self, rows, y, fraction):
        # Stratified for class labels; a multilabel matrix is split at random.
        return split_rows(rows, fraction, stratify=y[rows] if y.ndim == 1 else None)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        # Multilabel indicator y: one sigmoid per label (see _targets).
        tags.classifier_tags = ClassifierTags(multi_label=True)
        tags.regressor_tags = None
        return tags


class SequenceRegressor(SequenceModel, RegressorAdapter):
    _task = "Regressor"
    _task_params = REGRESSOR
    _parameter_constraints = {
        **SequenceModel._parameter_constraints,
        **constraints(REGRESSOR),
    }

    def _head(self) -> Head:
        levels = self._quantile_levels()
        if levels is not None:
            self.quantiles_ = tuple(float(q) for q in self.quantiles)
            return Head(self.n_outputs_, None, PinballLoss(levels), [])
        self.quantiles_ = None
        return Head(self.n_outputs_, None, self.loss, ["mean_absolute_error"])

    def _quantile_levels(self) -> tuple[float, ...] | None:
        """The levels the head learns: ``quantiles`` and the median, sorted."""
        if self.loss != "quantile":
            return None
        return head_levels(self.quantiles)

    def _persistence_skip(self) -> bool:
        column = self.persistence_column
        if column is None or self.input_kind_ != "series":
            if column not in (None, "auto"):
                raise ValueError(
                    f"persistence_column={column} needs windows of float series "
                    f"(n_samples, n_steps, n_features); got token ids of shape "
                    f"{self.X_shape_}"
                )
            return False
        if column != "auto":
            shape = self.X_shape_
            if len(shape) != 3:
                raise ValueError(
                    f"persistence_column={column} needs windows of float series "
                    f"(n_samples, n_steps, n_features); got X of shape {shape}"
                )
            check_target_column(column, shape[2], "persistence_column")
        return True

    def _fit_head(self, X, y) -> None:
        """Set the frozen persistence skip from the training rows: per column
        of the encoded ``y``, the least-squares line through the chosen
        feature's last value in each window."""
        self.persistence_column_ = None
        if not self._persistence_skip():
            return
        columns, slopes, intercepts = persistence_fit(
            X[:, -1, :] if X.ndim == 3 else X[:, -1:], y, self.persistence_column
        )
        kernel = np.zeros((X.shape[2] if X.ndim == 3 else 1, y.shape[1]))
        kernel[np.maximum(columns, 0), np.arange(y.shape[1])] = slopes
        layer = self.model_.get_layer("persistence_skip")
        layer.set_weights([kernel.astype("float32"), intercepts.astype("float32")])
        self.persistence_column_ = [None if c < 0 else int(c) for c in columns]

    def _hold_out(self, rows, y, fraction):
        return split_rows(rows, fraction, stratify=None, shuffle=False)

    def _after_training(self, X, y, valid) -> None:
        """Conformal calibration of the quantiles on the held-out rows."""
        self.quantile_shifts_ = None
        if self.quantiles_ is None or not self.conformalize or valid is None:
            return
        chunk = 4096  # never materialise every held-out window at once
        raw = np.concatenate(
            [
                self._predict_raw(X[valid[start : start + chunk]])
                for start in range(0, len(valid), chunk)
            ]
        )
        self.quantile_shifts_ = quantile_shifts(
            y[valid], raw, self._quantile_levels_fitted()
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "regressor"
        tags.regressor_tags = RegressorTags()
        tags.classifier_tags = None
        tags.target_tags.multi_output = True  # one output unit per column of y
        return tags
