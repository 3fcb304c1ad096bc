"""The one estimator base behind every skseq model (DESIGN §3).

``_SequenceModel`` is the only place that talks to Keras training (DESIGN §3):
it validates parameters and input, picks the input stem (embedding for token
ids, none for float series), the head and the loss, seeds Keras, and carves a
validation split. Each public class in ``estimators`` only names its body.
"""

from __future__ import annotations

import warnings
from numbers import Integral, Real

import keras
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.utils import ClassifierTags, RegressorTags
from sklearn.utils._param_validation import Interval, StrOptions

from skseq import models
from skseq._adapter import ClassifierAdapter, RegressorAdapter
from skseq._batches import WindowBatches, is_lazy
from skseq._seeding import draw_seed, seeded
from skseq._threads import limit_backend_threads
from skseq._validation import check_sequence_input, check_target_column
from skseq.persistence import VersionedState

# Like HistGradientBoosting's early_stopping="auto": below this many training
# rows a 10 % validation split costs more than overfitting does.
AUTO_EARLY_STOPPING_ROWS = 10_000

_SHARED_PARAMS = """\
    units : int, default=32
        Size of each hidden layer: recurrent units, Conv1D filters or Dense
        neurons.
    n_layers : int, default=1
        Number of stacked hidden layers.
    dropout : float, default=0.0
        Dropout rate on the inputs of each hidden layer, in [0, 1).
    recurrent_dropout : float, default=0.0
        Dropout rate on the recurrent state (recurrent layers only).
    bidirectional : bool, default=False
        Read sequences in both directions (recurrent layers only).
    pooling : {None, "max", "mean"}, default=None
        How the last hidden layer's sequence becomes one vector for the head.
        None keeps each family's classic choice: the final state of a
        recurrent layer, global max-pooling after Conv1D, flattening for
        Dense. "max" or "mean" pool over every time step instead.
    masking : bool, default=False
        Treat token id 0 as padding to skip rather than as a word: recurrent
        layers ignore padded steps and ``pooling="mean"`` averages only the
        real tokens. Needs token-id input and a layer that keeps the mask: a
        recurrent family with ``pooling`` None or "mean", or Dense with
        ``pooling="mean"``.
    embedding_dim : int, default=64
        Size of the learned token embedding, used when X holds integer token
        ids; the vocabulary size is inferred from the largest id seen in fit.
    epochs : int, default=10
        Training epochs (an upper bound when ``early_stopping`` is on).
    batch_size : int, default=32
        Samples per gradient step.
    learning_rate : float or None, default=None
        Optimizer learning rate; None keeps the optimizer's default.
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Keras optimizer name, class or instance (a fresh copy is used per fit).
    validation_split : float, default=0.0
        Fraction of the training data held out to report ``val_*`` curves in
        ``history_``. Classifiers hold out a stratified random sample (a plain
        random one when a class has a single sample);
        regressors hold out the *last* rows, as time series require.
    early_stopping : "auto", bool or int, default="auto"
        Stop when the validation loss stops improving and restore the best
        weights; an int sets the patience (True means 2 epochs). Uses
        ``validation_split``, or 0.1 when that is 0. "auto" turns it on
        (patience 2) when the training set has at least 10,000 rows and
        ``epochs > 1``, as scikit-learn's ``HistGradientBoostingClassifier``
        does: on the full IMDB data, ten epochs without it lose several
        points of accuracy.
    callbacks : list of keras.callbacks.Callback or None, default=None
        Extra Keras callbacks for training.
    warm_start : bool, default=False
        Let the next ``fit`` train the current model on for ``epochs`` more
        epochs instead of building a fresh one (``history_`` then holds that
        fit's epochs). ``partial_fit`` always continues, for one epoch, and
        appends it to ``history_``. A fit that raises or is interrupted
        leaves the estimator as it was, weights included.
    random_state : int or None, default=None
        Seed for weights, dropout, shuffling and the validation split; two fits
        with the same seed give identical predictions.
    verbose : int, default=0
        0 silent, 1 a progress bar, 2 one line per epoch.
"""

_CONV_PARAMS = """\
    kernel_size : int, default=5
        Width of each convolution window.
    pool_size : int, default=4
        Max-pooling window between convolution blocks.
    recurrent_units : int or None, default=None
        None ends the convolutions with global max-pooling; an int adds a
        recurrent layer of that size on top (the Conv1D -> MaxPooling -> LSTM
        hybrid of the tutorials).
    recurrent_cell : {"lstm", "gru", "simple_rnn"}, default="lstm"
        Cell of that recurrent top layer.
"""

_CLASSIFIER_PARAMS = """\
    class_weight : dict, "balanced" or None, default=None
        Weights per class, multiplied into (a copy of) ``sample_weight``. Dict
        keys are labels exactly as in y ("1" is not 1); a key that is no
        class is a ValueError. "balanced" weighs classes inversely to their
        frequency (scikit-learn's ``compute_class_weight``), each label on
        its own for multilabel y; ``partial_fit`` takes a dict only, as
        ``SGDClassifier`` does.
"""

_REGRESSOR_PARAMS = """\
    loss : str, default="mse"
        Keras loss to minimise, e.g. "mse", "mae" or "huber".
    persistence_column : int or None, default=None
        For forecasting from windows of float series: the position of the
        target among the features. The prediction becomes that feature's last
        value in the window plus what the network outputs, so the model learns
        the change from the persistence forecast (and starts out close to it).
        The window and ``y`` must share units (see ``PersistenceRegressor``).
"""

_ATTRIBUTES = """\
    model_ : keras.Model
        The fitted Keras model.
    classes_ : ndarray of shape (n_classes,)
        Classifiers: the class labels (sorted), or ``arange(n_labels)`` for
        multilabel y, in the column order of ``predict_proba``.
    target_type_ : str
        scikit-learn's ``type_of_target`` of the y seen in the first fit:
        "binary", "multiclass" or "multilabel-indicator" for classifiers
        (one sigmoid, a softmax, or one sigmoid per label).
    n_outputs_ : int
        Columns of y (1 for a 1-D y).
    history_ : dict of str to list of float
        Per-epoch ``loss`` and metric, with ``val_`` twins when validating.
    input_kind_ : {"tokens", "series"}
        Whether X was read as token ids (embedded) or as float values.
    vocabulary_size_ : int or None
        Embedding rows: the largest token id seen in fit plus one. Larger ids
        at predict time are read as the unknown-word id 1.
"""


class _SequenceModel(VersionedState):
    """Shared machinery of every skseq estimator; mix in before the adapter."""

    _body = None

    _parameter_constraints: dict = {
        "units": [Interval(Integral, 1, None, closed="left")],
        "n_layers": [Interval(Integral, 1, None, closed="left")],
        "dropout": [Interval(Real, 0, 1, closed="left")],
        "recurrent_dropout": [Interval(Real, 0, 1, closed="left")],
        "bidirectional": ["boolean"],
        "pooling": [StrOptions({"max", "mean"}), None],
        "masking": ["boolean"],
        "embedding_dim": [Interval(Integral, 1, None, closed="left")],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither"), None],
        "optimizer": [str, keras.optimizers.Optimizer, type],
        "validation_split": [Interval(Real, 0, 1, closed="left")],
        "early_stopping": [
            StrOptions({"auto"}),
            "boolean",
            Interval(Integral, 1, None, closed="left"),
        ],
        "callbacks": [list, None],
        "warm_start": ["boolean"],
        "random_state": ["random_state"],
        "verbose": [Interval(Integral, 0, 2, closed="both")],
        "kernel_size": [Interval(Integral, 1, None, closed="left")],
        "pool_size": [Interval(Integral, 1, None, closed="left")],
        "recurrent_units": [Interval(Integral, 1, None, closed="left"), None],
        "recurrent_cell": [StrOptions({"lstm", "gru", "simple_rnn"})],
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "loss": [str, keras.losses.Loss],
        "persistence_column": [Integral, None],
    }

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
        if isinstance(loss, str):
            try:
                keras.losses.get(loss)
            except ValueError:
                raise ValueError(
                    "loss must be a Keras loss name such as 'mse', 'mae' or "
                    f"'huber', or a keras.losses.Loss; got loss={loss!r}"
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

    def _architecture(self) -> models.Architecture:
        fields = models.Architecture.__dataclass_fields__
        return models.Architecture(
            **{k: v for k, v in self.get_params().items() if k in fields}
        )

    def _build_and_compile(self) -> keras.Model:
        n_outputs, activation, loss, metric = self._head()
        arch = self._architecture()
        self._check_masking(arch)
        model = models.build_model(
            type(self)._body,
            arch,
            input_shape=self.X_shape_[1:],
            vocabulary_size=self.vocabulary_size_,
            embedding_dim=self.embedding_dim,
            n_outputs=n_outputs,
            output_activation=activation,
            persistence_column=getattr(self, "persistence_column", None),
        )
        model.compile(optimizer=self._make_optimizer(), loss=loss, metrics=[metric])
        return model

    def _check_masking(self, arch: models.Architecture) -> None:
        if not self.masking:
            return
        name = type(self).__name__
        if self.input_kind_ != "tokens":
            raise ValueError(
                f"masking=True skips padding token ids, but {name} got float "
                "series; use masking=False"
            )
        if not models.keeps_mask(type(self)._body, arch):
            raise ValueError(
                f"masking=True needs a layer that keeps the padding mask: a "
                "recurrent family with pooling None or 'mean', or Dense with "
                f"pooling='mean'; {name} with pooling={self.pooling!r} would "
                "ignore it"
            )

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
        else:
            X = self._check_like_fit(X)
        if self.masking and X.dtype.kind == "i":
            X = _empty_rows_as_unknown(X)
        return X

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

    def _patience(self, n_samples: int) -> int:
        """Early-stopping patience in epochs; 0 means train every epoch."""
        early_stopping = self.early_stopping
        if early_stopping == "auto":
            # One epoch has nothing to stop or restore; keep all its rows.
            early_stopping = n_samples >= AUTO_EARLY_STOPPING_ROWS and self.epochs > 1
        return 2 if early_stopping is True else int(early_stopping)

    def _train_keras(
        self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
    ):
        """Train ``model_`` on checked, encoded data: validation split, early
        stopping and lazy window batches, then Keras's ``fit``."""
        patience = self._patience(len(X))
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
                X, y, sample_weight, extra = self._training_data(
                    X, y, sample_weight, rows, valid
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
        finally:
            # The stopper holds the model; keep it out of pickles.
            self._fit_callbacks = user_callbacks

    def _training_data(self, X, y, sample_weight, rows, valid):
        """``(X, y, sample_weight, **fit kwargs)`` for Keras, lazily if need be.

        Lazy window views are served batch by batch (DESIGN §2), shuffled by
        a generator seeded from the current (seeded) NumPy state.
        """
        extra = {}
        if is_lazy(X):
            rng = np.random.default_rng(draw_seed())
            train = WindowBatches(
                X, y, sample_weight, rows=rows, batch_size=self.batch_size, rng=rng
            )
            if valid is not None:
                extra["validation_data"] = WindowBatches(
                    X, y, sample_weight, rows=valid, batch_size=self._predict_batch
                )
            return train, None, None, {"shuffle": False, **extra}
        if valid is not None:
            weights = () if sample_weight is None else (sample_weight[valid],)
            extra["validation_data"] = (X[valid], y[valid], *weights)
        if len(rows) < len(X):
            X, y = X[rows], y[rows]
            sample_weight = None if sample_weight is None else sample_weight[rows]
        return X, y, sample_weight, extra

    @property
    def _predict_batch(self) -> int:
        return max(self.batch_size, 256)

    def _predict_raw(self, X, **kwargs) -> np.ndarray:
        """The Keras model's raw outputs for checked ``X``, batch by batch."""
        kwargs.setdefault("verbose", 0)
        batch_size = kwargs.pop("batch_size", self._predict_batch)
        if is_lazy(X):
            X, batch_size = WindowBatches(X, batch_size=batch_size), None
        return self.model_.predict(
            X, batch_size=batch_size, callbacks=self._predict_callbacks, **kwargs
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # A fixed random_state makes fits repeatable (see _seeding).
        tags.non_deterministic = self.random_state is None
        tags.input_tags.three_d_array = True
        return tags


class _SequenceClassifier(_SequenceModel, ClassifierAdapter):
    def __init__(
        self,
        *,
        units=32,
        n_layers=1,
        dropout=0.0,
        recurrent_dropout=0.0,
        bidirectional=False,
        pooling=None,
        masking=False,
        embedding_dim=64,
        epochs=10,
        batch_size=32,
        learning_rate=None,
        optimizer="adam",
        validation_split=0.0,
        early_stopping="auto",
        callbacks=None,
        warm_start=False,
        random_state=None,
        verbose=0,
        class_weight=None,
    ):
        _store_params(self, locals())

    def _head(self):
        return (*self.target_encoder_.head(), "accuracy")

    def _hold_out(self, rows, y, fraction):
        # Stratified for class labels; a multilabel matrix is split at random.
        return _split_rows(rows, fraction, stratify=y[rows] if y.ndim == 1 else None)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        # Multilabel indicator y: one sigmoid per label (see _targets).
        tags.classifier_tags = ClassifierTags(multi_label=True)
        tags.regressor_tags = None
        return tags


class _SequenceRegressor(_SequenceModel, RegressorAdapter):
    def __init__(
        self,
        *,
        units=32,
        n_layers=1,
        dropout=0.0,
        recurrent_dropout=0.0,
        bidirectional=False,
        pooling=None,
        masking=False,
        embedding_dim=64,
        epochs=10,
        batch_size=32,
        learning_rate=None,
        optimizer="adam",
        validation_split=0.0,
        early_stopping="auto",
        callbacks=None,
        warm_start=False,
        random_state=None,
        verbose=0,
        loss="mse",
        persistence_column=None,
    ):
        _store_params(self, locals())

    def _head(self):
        column = self.persistence_column
        if column is not None:
            shape = self.X_shape_
            if self.input_kind_ != "series" or len(shape) != 3:
                raise ValueError(
                    f"persistence_column={column} needs windows of float series "
                    f"(n_samples, n_steps, n_features); got X of shape {shape}"
                )
            check_target_column(column, shape[2], "persistence_column")
            if self.n_outputs_ != 1:
                raise ValueError(
                    f"persistence_column={column} needs a single target; y has "
                    f"{self.n_outputs_} columns"
                )
        return self.n_outputs_, None, self.loss, "mean_absolute_error"

    def _hold_out(self, rows, y, fraction):
        return _split_rows(rows, fraction, stratify=None, shuffle=False)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "regressor"
        tags.regressor_tags = RegressorTags()
        tags.classifier_tags = None
        tags.target_tags.multi_output = True  # one output unit per column of y
        return tags


def _store_params(estimator, params: dict) -> None:
    """Store ``__init__`` arguments verbatim, as sklearn requires."""
    for name, value in params.items():
        if name not in ("self", "__class__"):
            setattr(estimator, name, value)


def _empty_rows_as_unknown(X: np.ndarray) -> np.ndarray:
    """Give all-padding rows one unknown-word id 1 at the end.

    With masking, an empty document has no step left to read: a masked mean
    would divide by zero and predict NaN.
    """
    empty = ~X.any(axis=1)
    if not empty.any():
        return X
    X = X.copy()
    X[empty, -1] = 1
    return X


def _split_rows(rows, fraction, stratify, shuffle=True):
    """Hold out ``fraction`` of ``rows``: a random sample, or the last ones.

    The random sample draws from NumPy's global state, which the caller seeds.
    """
    n_valid = max(1, int(round(fraction * len(rows))))
    if n_valid >= len(rows):
        raise ValueError(
            f"a validation split of {fraction} (validation_split, or 0.1 for "
            f"early_stopping) leaves no training samples out of {len(rows)}"
        )
    if not shuffle:
        return rows[:-n_valid], rows[-n_valid:]
    if stratify is not None:
        _, counts = np.unique(stratify, return_counts=True)
        # Stratifying needs two samples of every class and a place for each.
        if (
            counts.min() < 2
            or n_valid < len(counts)
            or len(rows) - n_valid < len(counts)
        ):
            stratify = None
    return train_test_split(
        rows,
        test_size=n_valid,
        random_state=draw_seed(),
        stratify=stratify,
    )


class _Conv1DClassifier(_SequenceClassifier):
    def __init__(
        self,
        *,
        units=32,
        n_layers=1,
        dropout=0.0,
        recurrent_dropout=0.0,
        bidirectional=False,
        pooling=None,
        masking=False,
        embedding_dim=64,
        epochs=10,
        batch_size=32,
        learning_rate=None,
        optimizer="adam",
        validation_split=0.0,
        early_stopping="auto",
        callbacks=None,
        warm_start=False,
        random_state=None,
        verbose=0,
        kernel_size=5,
        pool_size=4,
        recurrent_units=None,
        recurrent_cell="lstm",
        class_weight=None,
    ):
        _store_params(self, locals())


class _Conv1DRegressor(_SequenceRegressor):
    def __init__(
        self,
        *,
        units=32,
        n_layers=1,
        dropout=0.0,
        recurrent_dropout=0.0,
        bidirectional=False,
        pooling=None,
        masking=False,
        embedding_dim=64,
        epochs=10,
        batch_size=32,
        learning_rate=None,
        optimizer="adam",
        validation_split=0.0,
        early_stopping="auto",
        callbacks=None,
        warm_start=False,
        random_state=None,
        verbose=0,
        kernel_size=5,
        pool_size=4,
        recurrent_units=None,
        recurrent_cell="lstm",
        loss="mse",
        persistence_column=None,
    ):
        _store_params(self, locals())
