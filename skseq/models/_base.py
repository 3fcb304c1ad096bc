"""The task behind every skseq model (DESIGN §3): what an estimator does,
below the adapter that exposes it.

``SequenceModel`` validates parameters and input (``InputLayout``: the same
checks at every entry point, token rows left-aligned), picks the input stem
(embedding for token ids, none for float series), the head and the loss,
builds the Keras model, sets up training (validation split, early stopping,
batches: ``_training``) and predicts. ``ClassifierTask`` and
``RegressorTask`` add what each task does with its targets. The adapter
(``skseq.models._adapter``) calls these methods as a template does; they
never call the adapter. The network between stem and head is the family's
(``skseq.networks``); ``skseq.estimators`` makes one public class per family
and task.
"""

from __future__ import annotations

import functools
import inspect
import math
import warnings
from contextlib import contextmanager
from types import SimpleNamespace
from typing import NamedTuple

import keras
import numpy as np
from sklearn.utils import ClassifierTags, RegressorTags

from skseq.models._linear_path import (
    MIN_HELD_OUT_ROWS,
    fit_linear_path,
    has_linear_path,
    mix_on_held_out_rows,
)
from skseq.models._params import CLASSIFIER, REGRESSOR, SHARED, constraints
from skseq.models._persistence_skip import persistence_fit, quantile_shifts
from skseq.models._seeding import seeded
from skseq.models._targets import ClassEncoder, OutputEncoder
from skseq.models._training import (
    LENGTH_QUANTUM,
    TokenBatches,
    WindowBatches,
    build_training_state,
    early_stopping_patience,
    empty_rows_as_unknown,
    left_align,
    round_up,
    split_rows,
    training_data,
)
from skseq.networks import PinballLoss, build_model, head_levels
from skseq.utils import (
    DocLinkMixin,
    VersionedState,
    check_quantiles,
    check_sequence_input,
    check_target_column,
    is_lazy,
    root_buffer,
)


@functools.cache
def _keras_optimizers() -> dict[str, type]:
    """Keras's optimizer classes by lower-case name ("adam", "rmsprop", ...):
    the names ``keras.optimizers.get`` accepts, read without building one.
    The base class and the wrappers that need an inner optimizer
    (``LossScaleOptimizer``) are left out: no name makes one alone."""
    return {
        name.lower(): obj
        for name, obj in vars(keras.optimizers).items()
        if isinstance(obj, type)
        and issubclass(obj, keras.optimizers.Optimizer)
        and obj is not keras.optimizers.Optimizer
        and not _needs_arguments(obj)
    }


def _needs_arguments(cls: type) -> bool:
    parameters = list(inspect.signature(cls).parameters.values())
    return any(
        p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        for p in parameters
    )


class InputLayout:
    """Input checks and token layout; needs ``masking``, ``_network`` and
    ``_hp()`` from the estimator."""

    def _check_X(self, X, reset: bool) -> np.ndarray:
        """``X`` checked as in every entry point; ``reset`` records its kind.

        Checked here rather than by ``check_array``, which would scan (and
        could copy) a lazy window view whole. Returns the caller's array
        itself or a new one, never a modified one.
        """
        X = check_sequence_input(X, type(self).__name__)
        if reset:
            tokens = X.dtype.kind == "i"
            self.input_kind_ = "tokens" if tokens else "series"
            self.vocabulary_size_ = int(X.max()) + 1 if tokens else None
            self.X_dtype_, self.X_shape_ = X.dtype, X.shape
            self.n_features_in_ = X.shape[1]
            self._set_token_layout()
        else:
            X = self._check_like_fit(X)
        if self.masking and X.dtype.kind == "i":
            X = empty_rows_as_unknown(X)
        if self._aligns_tokens:
            X = left_align(X, width=self.n_steps_)
        return X

    def _set_token_layout(self) -> None:
        """Decide how token rows reach the network (DESIGN §4).

        With ``masking``, rows are left-aligned and padded to ``n_steps_``
        steps: the fitted width rounded up to a multiple of
        ``step_multiple_``, the quantum trimmed batches are cut to. Without,
        token rows go in as given (``n_steps_`` None).
        """
        self.n_steps_ = self.step_multiple_ = None
        self.fixed_length_ = True
        if self.input_kind_ != "tokens" or not self.masking:
            return
        if len(self.X_shape_) != 2:
            return
        hp = self._hp()
        family = self._network.apply("step_multiple", hp)
        self.step_multiple_ = math.lcm(LENGTH_QUANTUM, family)
        self.fixed_length_ = bool(self._network.apply("fixed_length", hp))
        width = self.X_shape_[1]
        self.n_steps_ = width if self.fixed_length_ else round_up(width, family)

    @property
    def _aligns_tokens(self) -> bool:
        """Whether token rows are left-aligned (models fitted before 0.2 and
        those without ``masking`` take them as given)."""
        return getattr(self, "n_steps_", None) is not None

    def _check_like_fit(self, X: np.ndarray) -> np.ndarray:
        name = type(self).__name__
        kind = "tokens" if X.dtype.kind == "i" else "series"
        if kind != self.input_kind_:
            raise ValueError(
                f"{name} was fitted on {self.input_kind_} but got {kind}: "
                f"X has dtype {X.dtype}"
            )
        if X.ndim != len(self.X_shape_):
            raise ValueError(
                f"X is {X.ndim}-D of shape {X.shape}, but {name} was fitted on "
                f"{len(self.X_shape_)}-D X with samples of shape "
                f"{tuple(self.X_shape_[1:])}"
            )
        if self._aligns_tokens:
            return self._check_token_lengths(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {name} is expecting "
                f"{self.n_features_in_} features as input (time steps per "
                f"sample: fitted on samples of shape {tuple(self.X_shape_[1:])}); "
                "transform new data with the same maxlen / window settings"
            )
        if X.shape[1:] != tuple(self.X_shape_[1:]):
            raise ValueError(
                f"X has {X.shape[2]} features per step, but {name} was fitted "
                f"with {self.X_shape_[2]} (samples of shape "
                f"{tuple(self.X_shape_[1:])}, (n_steps, n_features)); pass the "
                "same columns as in fit"
            )
        if kind == "tokens":
            return self._unseen_ids_as_unknown(X)
        return X

    def _check_token_lengths(self, X: np.ndarray) -> np.ndarray:
        """Token rows may be padded to any width, but hold at most as many
        tokens as the rows seen in fit could."""
        lengths = np.count_nonzero(X, axis=1)
        longest = self.n_features_in_
        if X.shape[1] > longest and (lengths > longest).any():
            row = int(np.argmax(lengths > longest))
            raise ValueError(
                f"row {row} of X holds {lengths[row]} tokens, but "
                f"{type(self).__name__} was fitted on rows of {longest} steps; "
                f"vectorize new text with the same maxlen ({longest})"
            )
        return self._unseen_ids_as_unknown(X)

    def _unseen_ids_as_unknown(self, X: np.ndarray) -> np.ndarray:
        """Read ids above those seen in fit as the out-of-vocabulary id 1.

        A vectorizer's rarest words may occur only in the truncated part of
        the training documents, so new documents legitimately hold ids the
        embedding never saw; only a large share of them suggests a mismatch.
        """
        unseen = self.vocabulary_size_ <= X
        if not unseen.any():
            return X
        share = unseen.sum() / max(np.count_nonzero(X), 1)
        if share > 0.01:
            warnings.warn(
                f"{share:.1%} of the token ids passed to {type(self).__name__} "
                f"are >= {self.vocabulary_size_}, the vocabulary seen in fit; "
                "they are read as unknown words (id 1). Was X made by the same "
                "vectorizer?",
                UserWarning,
                stacklevel=4,
            )
        return np.where(unseen, 1, X).astype(np.int32)


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
    _unread: tuple[str, ...] = ()  # shared parameters its network ignores
    _family = None  # its name, e.g. "lstm"
    _parameter_constraints: dict = constraints(SHARED)

    def _check_params(self) -> None:
        """Check every parameter; build nothing and change nothing."""
        self._validate_params()
        self._optimizer_factory()
        # The defaults skseq.estimators gave its generated __init__.
        defaults = type(self).__init__.__kwdefaults__
        for name in self._unread:
            if getattr(self, name) != defaults[name]:
                warnings.warn(
                    f"{name}={getattr(self, name)!r} is not read by "
                    f"{type(self).__name__}: the {self._network.prefix} network "
                    f"reads {', '.join(sorted(self._network.reads))}. Leave "
                    f"{name} at its default ({defaults[name]!r}).",
                    UserWarning,
                    stacklevel=4,
                )
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

    def _optimizer_factory(self):
        """What makes the optimizer: a Keras optimizer class, or a function
        that copies the ``optimizer`` instance given. Checks without building.

        Raises
        ------
        ValueError
            If ``optimizer`` names no Keras optimizer, or is no optimizer class
            or instance.
        """
        optimizer = self.optimizer
        if isinstance(optimizer, str):
            factory = _keras_optimizers().get(optimizer.lower())
            if factory is None:
                raise ValueError(
                    "optimizer must be a Keras optimizer name such as 'adam', "
                    f"'rmsprop' or 'sgd'; got optimizer={self.optimizer!r}"
                )
            return factory
        if isinstance(optimizer, keras.optimizers.Optimizer):
            config = optimizer.get_config()
            return lambda **kw: type(optimizer).from_config({**config, **kw})
        if not (
            isinstance(optimizer, type)
            and issubclass(optimizer, keras.optimizers.Optimizer)
        ):
            raise ValueError(
                "optimizer must be a Keras optimizer name, class or instance; "
                f"got optimizer={self.optimizer!r}"
            )
        return optimizer

    def _make_optimizer(self) -> keras.optimizers.Optimizer:
        """A new optimizer, built when the model is compiled."""
        factory = self._optimizer_factory()
        if self.learning_rate is None:
            return factory()
        return factory(learning_rate=self.learning_rate)

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

    def _before_network(
        self, x, y, sample_weight, fit_kwargs, epochs, continues
    ) -> None:
        """Train what trains before the network, on the data Keras's ``fit``
        reads (``_training``'s), for at most the network's ``epochs`` (1 in
        ``partial_fit``); ``continues``: a warm start or a later
        ``partial_fit`` call."""

    def _needs_held_out_rows(self, n_rows: int) -> bool:
        """Whether training on ``n_rows`` rows holds out some even without
        early stopping."""
        return False

    def _after_network(self, fit_kwargs) -> None:
        """Fit what is fitted after the network, on ``fit_kwargs``'s
        ``validation_data`` (the held-out rows) if any."""

    def _after_training(self, X, y, valid) -> None:
        """Fit what is fitted on the held-out rows ``valid`` (None if none)."""

    def _set_target_metadata(self, y) -> None:
        self.target_type_ = self.target_encoder_.target_type_
        self.y_ndim_ = y.ndim
        self.n_outputs_expected_ = 1

    def _check_same_classes(self, classes) -> None:
        """Classes given to a later ``partial_fit`` must be the first ones."""

    def _class_sample_weight(self, y, partial):
        return None

    def _fit_head(self, X, y) -> None:
        """Set head weights that are fitted in closed form, before training."""

    def _decode_raw(self, raw):
        """Predictions in the caller's terms from the network's outputs."""
        return self.target_encoder_.decode(raw)

    def _check_masking(self, hp: SimpleNamespace) -> None:
        # Float series have no padding id: masking does not apply to them.
        if not self.masking or self.input_kind_ != "tokens":
            return
        name = type(self).__name__
        if not self._network.apply("keeps_mask", hp):
            raise ValueError(
                "masking=True needs a layer that keeps the padding mask, and "
                f"{name} keeps it {self._network.mask_rule}: {name} with "
                f"pooling={self.pooling!r} would ignore it"
            )

    @contextmanager
    def _training(self, X, y, sample_weight):
        """The data Keras's ``fit`` reads, for checked, encoded ``(X, y)``:
        validation split, early stopping and lazy batches. Keras's ``fit``
        runs in the ``with`` block, seeded; on leaving it, what is fitted on
        the held-out rows is fitted (``_after_training``).

        Yields
        ------
        tuple
            ``(x, y, sample_weight, fit_kwargs)`` for ``keras.Model.fit``
            (``x`` may be a batch sequence, with ``y`` then None).
        """
        patience = early_stopping_patience(self.early_stopping, self.epochs, len(X))
        rows = np.arange(len(X))
        if sample_weight is not None:
            rows = np.flatnonzero(sample_weight)
        held_out = patience or self._needs_held_out_rows(len(rows))
        fraction = self.validation_split or (0.1 if held_out else 0.0)
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
                build_training_state(self.model_, X, y, sample_weight, rows)
                yield training_data(
                    X,
                    y,
                    sample_weight,
                    rows,
                    valid,
                    batch_size=self.batch_size,
                    predict_batch=self._predict_batch,
                    token_batches=self._token_batches(),
                )
            self._after_training(X, y, valid)
        finally:
            # The stopper holds the model; keep it out of pickles.
            self._fit_callbacks = user_callbacks

    def _check_converged(self, X) -> None:
        """A clear error, not NaN predictions, when training diverged.

        Raw float inputs of order 1e20 and up (and some of 1e10) overflow
        float32 activations or gradients; the weights then become NaN or
        infinite, and so does every prediction. The adapter's ``_train``
        puts the estimator back as it was.
        """
        for variable in self.model_.trainable_variables:
            if np.isfinite(np.asarray(variable.numpy())).all():
                continue
            losses = (getattr(self, "history_", None) or {}).get("loss", [])
            last = f" (loss {losses[-1]:.4g} in the last epoch)" if losses else ""
            hint = "lower learning_rate"
            if X.dtype.kind == "f":
                peak = float(np.abs(root_buffer(X)).max(initial=0))
                hint = (
                    f"X holds values up to {peak:.3g} in magnitude: standardize X "
                    "first (e.g. a StandardScaler before the model or the "
                    "SlidingWindow), or " + hint
                )
            raise ValueError(
                f"{type(self).__name__}'s training diverged: its weights are "
                f"no longer finite{last}, so every prediction would be NaN. {hint}"
            )

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


class ClassifierTask(SequenceModel):
    """What a classifier does: labels of any kind, ``classes=``, ``class_weight``."""

    _task = "Classifier"
    _task_params = CLASSIFIER
    # Classifiers saved before linear_ngrams existed had no linear path,
    # those saved before linear_scaling an unscaled one.
    _values_before_params = {"linear_ngrams": 0, "linear_scaling": None}
    _parameter_constraints = {
        **SequenceModel._parameter_constraints,
        **constraints(CLASSIFIER),
    }

    def _head(self) -> Head:
        return Head(*self.target_encoder_.head(), metrics=["accuracy"])

    def _needs_held_out_rows(self, n_rows: int) -> bool:
        # The linear path stops and is mixed on held-out rows.
        return has_linear_path(self.model_) and n_rows >= MIN_HELD_OUT_ROWS

    def _before_network(
        self, x, y, sample_weight, fit_kwargs, epochs, continues
    ) -> None:
        if has_linear_path(self.model_):
            # The naive Bayes ratios come from the first fit's rows only.
            activation = None if continues else self._head().activation
            self.linear_history_ = fit_linear_path(
                self.model_, x, y, sample_weight, fit_kwargs, epochs,
                self.verbose, activation,
            )  # fmt: skip

    def _after_network(self, fit_kwargs) -> None:
        if has_linear_path(self.model_):
            validation = fit_kwargs.get("validation_data")
            activation = self._head().activation
            self.linear_mix_ = mix_on_held_out_rows(self.model_, validation, activation)

    def _hold_out(self, rows, y, fraction):
        # Stratified for class labels; a multilabel matrix is split at random.
        return split_rows(rows, fraction, stratify=y[rows] if y.ndim == 1 else None)

    def _new_target_encoder(self, classes, partial):
        return ClassEncoder(classes, needs_classes=partial)

    def _set_target_metadata(self, y):
        super()._set_target_metadata(y)
        self.classes_ = self.target_encoder_.classes_
        self.n_classes_ = len(self.classes_)
        self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]

    def _check_same_classes(self, classes):
        if classes is None:
            return
        if not np.array_equal(np.unique(np.asarray(classes)), self.classes_):
            raise ValueError(
                f"classes={np.asarray(classes).tolist()} is not the same as on the "
                f"first call to fit or partial_fit, which was {self.classes_.tolist()}"
            )

    def _class_sample_weight(self, y, partial):
        return self.target_encoder_.sample_weight(self.class_weight, y, partial=partial)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        # Multilabel indicator y: one sigmoid per label (see _targets).
        tags.classifier_tags = ClassifierTags(multi_label=True)
        tags.regressor_tags = None
        return tags


class RegressorTask(SequenceModel):
    """What a regressor does: one or several float targets, quantiles, the
    frozen persistence skip."""

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

    def _new_target_encoder(self, classes, partial):
        return OutputEncoder(normalize=self.normalize_y)

    def _set_target_metadata(self, y):
        super()._set_target_metadata(y)
        self.n_outputs_ = self.target_encoder_.n_outputs_

    def _decode_raw(self, raw):
        raw = np.asarray(raw)
        if raw.ndim == 3:  # a quantile head: the median is the point forecast
            raw = self._calibrated(raw)[:, :, self._quantile_levels_fitted().index(0.5)]
        return self.target_encoder_.decode(raw)

    def _calibrated(self, raw: np.ndarray) -> np.ndarray:
        """Quantile forecasts plus their conformal shifts, kept in order."""
        shifts = getattr(self, "quantile_shifts_", None)
        if shifts is None:
            return raw
        # Shifts differ by level: re-sort so that quantiles still never cross.
        return np.maximum.accumulate(raw + shifts[None], axis=-1)

    def _quantile_levels_fitted(self) -> tuple[float, ...]:
        return head_levels(self.quantiles_)

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
