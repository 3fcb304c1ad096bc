"""The one seam between skseq and SciKeras (DESIGN §3).

SciKeras 0.13 stays the wrapper: parameter routing (``fit__``, ``predict__``),
``history_``, ``current_epoch`` and the pickling of Keras models. It is
unmaintained, though, and its public methods squeeze one-sample outputs,
cannot train on a 2-D ``y``, skip a subclass's checks in ``partial_fit`` and
scale the caller's ``sample_weight`` in place. So every public entry point
is defined here and every override of a SciKeras internal lives in this
module and nowhere else: it is the only module that names SciKeras
(``tests/test_layout.py`` checks it); ``skseq.models._base`` holds what
skseq itself does (parameters, input checks, Keras building, training data)
behind the hooks named in ``SciKerasAdapter``.

Every entry point (``fit``, warm fits, ``partial_fit``, ``predict``,
``predict_proba``, ``score``) checks the parameters and the input the same
way before Keras sees anything, never modifies what the caller passed, and
keeps the sample axis for every number of samples.
"""

from __future__ import annotations

import numpy as np
from scikeras.wrappers import BaseWrapper, KerasClassifier, KerasRegressor
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError
from sklearn.metrics import accuracy_score, r2_score
from sklearn.utils._available_if import available_if

from skseq.models._base import ClassifierTask, RegressorTask
from skseq.models._seeding import seeded
from skseq.models._targets import (
    check_target,
    warn_about_unseen_labels,
)
from skseq.models._threads import limit_backend_threads
from skseq.utils import Substitution, check_sample_weight

# The Raises entries of every prediction method (predict, predict_proba,
# predict_quantiles): one text, filled in by Substitution.
_PREDICT_RAISES = """sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is not shaped as in ``fit`` (other steps, features or
            dimensions), holds token ids where ``fit`` saw floats or the
            reverse, holds text or no sample, or has NaN or infinity (the
            message names the sample, step and feature).
        TypeError
            For sparse ``X``, ``X`` holding objects that are no numbers
            (dicts, lists), or a keyword ``keras.Model.predict`` does not take."""


# The keywords of both partial_fit methods and the TypeError they raise.
_PARTIAL_FIT_KWARGS = """**kwargs
            ``verbose`` only, passed on to ``keras.Model.fit``. ``epochs`` and
            ``initial_epoch`` are a TypeError (one epoch, from the current
            one), as is any other Keras ``fit`` keyword (see ``fit``)."""
_PARTIAL_FIT_TYPE_ERROR = """TypeError
            For sparse ``X``, ``epochs`` or ``initial_epoch``, or any other
            keyword but ``verbose``."""
_PARTIAL_FIT_FRAGMENTS = {
    "partial_fit_kwargs": _PARTIAL_FIT_KWARGS,
    "partial_fit_type_error": _PARTIAL_FIT_TYPE_ERROR,
}


class SciKerasAdapter:
    """skseq's public entry points over SciKeras's ``BaseWrapper``: the
    template of every fit and prediction.

    It calls down into the task (``skseq.models._base``, which this module
    imports), and the task never calls back: ``_check_params()``,
    ``_check_X(X, reset)``, ``_new_target_encoder(classes, partial)``,
    ``_set_target_metadata(y)``, ``_check_same_classes(classes)``,
    ``_class_sample_weight(y, partial)``, ``_build_and_compile()``,
    ``_fit_head(X, encoded_y)``, ``_training(X, encoded_y, sample_weight)``
    (a context in which this template runs Keras's ``fit``, between
    ``_before_network(x, y, sample_weight, fit_kwargs, epochs, continues)``
    on the same
    data and ``_after_network(fit_kwargs)``),
    ``_check_converged(X)``, ``_predict_raw(X)`` and ``_decode_raw(raw)``.
    """

    # SciKeras reads these; the model always comes from ``_build_keras_model``.
    model = None
    build_fn = None
    metrics = None

    # SciKeras collects params from ``__dict__``; sklearn's signature-based
    # lookup keeps get_params/clone exact.
    _get_param_names = classmethod(BaseEstimator._get_param_names.__func__)

    # SciKeras 0.13 seeds through a context that leaves TensorFlow op
    # determinism switched on for the whole process (it tests a numpy bool
    # with ``is False``); hide the seed from it and seed with ``seeded``.
    @property
    def _random_state(self):
        return None

    @_random_state.setter
    def _random_state(self, seed):
        self._seed = seed

    def _build_keras_model(self):
        with seeded(self._seed):
            return self._build_and_compile()

    # --- training ---------------------------------------------------------
    def fit(self, X, y, sample_weight=None, **kwargs):
        """Build a fresh model (unless ``warm_start``) and train it on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
            Integer token ids or float sequences.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels (at least two classes, any kind) or a multilabel
            indicator matrix for classifiers; one or several float targets
            for regressors. No missing values.
        sample_weight : array-like of shape (n_samples,), default=None
            Per-sample weights; never modified.
        **kwargs
            ``epochs`` (overrides the parameter for this call),
            ``initial_epoch`` and ``verbose``, passed on to ``keras.Model.fit``.
            Anything else is a TypeError: ``class_weight``, ``batch_size``
            and ``validation_split`` are parameters of the estimator, checked
            and applied to labels as given, and Keras would read them raw.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For an invalid parameter (named, with the value received), for
            X or y that no model can be trained on (the sample, step or label
            at fault named), or for ``class_weight`` naming an unknown class.
        TypeError
            For sparse ``X``, or a keyword other than those above.
        """
        _check_fit_kwargs(self, "fit", kwargs, {"epochs", "initial_epoch", "verbose"})
        # The ``epochs`` parameter is checked with the others in ``_train``;
        # one given to this call (or routed as ``fit__epochs``) is checked here.
        epochs = kwargs.pop("epochs", getattr(self, "fit__epochs", None))
        if epochs is None:
            epochs = self.epochs
        elif not _is_positive_int(epochs):
            raise ValueError(f"epochs must be an int >= 1; got epochs={epochs!r}")
        initial_epoch = kwargs.pop("initial_epoch", 0)
        return self._train(
            X, y, sample_weight, partial=False, classes=None, epochs=epochs,
            initial_epoch=initial_epoch, fit_kwargs=kwargs,
        )  # fmt: skip

    def _partial_fit(self, X, y, sample_weight, classes, kwargs):
        for name in ("epochs", "initial_epoch"):
            if name in kwargs:
                raise TypeError(
                    f"partial_fit got {name}={kwargs[name]!r}: partial_fit always "
                    "trains for one epoch, from the current one"
                )
        _check_fit_kwargs(self, "partial_fit", kwargs, {"verbose"})
        return self._train(
            X, y, sample_weight, partial=True, classes=classes, epochs=1,
            initial_epoch=self.current_epoch if self.initialized_ else 0,
            fit_kwargs=kwargs,
        )  # fmt: skip

    def _train(
        self, X, y, sample_weight, *, partial, classes, epochs, initial_epoch,
        fit_kwargs,
    ):  # fmt: skip
        """Check everything, then train; all or nothing.

        An exception or a KeyboardInterrupt during training leaves the
        estimator as it was before the call, weights included.
        """
        self._check_params()
        # Training starts here: TensorFlow's pools take OMP_NUM_THREADS now,
        # if they still can (a check does not change the process).
        limit_backend_threads()
        continues = (partial or self.warm_start) and self.initialized_
        before = dict(self.__dict__)
        if "history_" in before:
            before["history_"] = {k: list(v) for k, v in self.history_.items()}
        # Only a continued fit trains the existing model in place.
        trained = _training_variables(self.model_) if continues else []
        saved = [variable.numpy() for variable in trained]
        try:
            self._train_unchecked(
                X, y, sample_weight, partial=partial, classes=classes,
                continues=continues, epochs=epochs, initial_epoch=initial_epoch,
                fit_kwargs=fit_kwargs,
            )  # fmt: skip
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(before)
            for variable, value in zip(trained, saved, strict=True):
                variable.assign(value)
            raise
        return self

    def _train_unchecked(
        self, X, y, sample_weight, *, partial, classes, continues, epochs,
        initial_epoch, fit_kwargs,
    ):  # fmt: skip
        name = type(self).__name__
        X = self._check_X(X, reset=not continues)
        y = check_target(y, len(X), name)
        if sample_weight is not None:
            # A copy: the caller's array is never scaled or cast in place.
            sample_weight = check_sample_weight(
                sample_weight, X, dtype=np.float32, copy=True
            )
        if continues:
            self._check_same_classes(classes)
        else:
            self.target_encoder_ = self._new_target_encoder(classes, partial)
            self.target_encoder_.fit(y, name)
            self._set_target_metadata(y)
            self._random_state = _seed_from(self.random_state)
            self.model_ = self._build_keras_model()
        weights = self._class_sample_weight(y, partial)
        if weights is not None:
            # A new array either way (class weights times the caller's).
            sample_weight = weights * (1 if sample_weight is None else sample_weight)
            if not sample_weight.any():
                raise ValueError(
                    "class_weight times sample_weight is 0 for every sample: "
                    f"nothing to fit (class_weight={self.class_weight!r})"
                )
        encoded = self.target_encoder_.encode(y)
        if not continues:
            self._fit_head(X, encoded)
        self._initialize_callbacks()
        if epochs is None:  # ``initialize``: build only
            return
        with self._training(X, encoded, sample_weight) as (x, y, weights, extra):
            self._before_network(x, y, weights, extra, epochs, continues)
            # Keras's fit through SciKeras, which routes ``fit__`` parameters
            # and keeps ``history_``.
            BaseWrapper._fit_keras_model(
                self, x, y, weights, continues, epochs, initial_epoch,
                **extra, **fit_kwargs,
            )  # fmt: skip
            self._after_network(extra)
        self._check_converged(X)

    def initialize(self, X, y):
        """Build the Keras model for ``(X, y)`` without training it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)

        Returns
        -------
        self
        """
        return self._train(
            X, y, None, partial=False, classes=None, epochs=None, initial_epoch=0,
            fit_kwargs={},
        )  # fmt: skip

    # --- prediction -------------------------------------------------------
    def _check_fitted_X(self, X) -> np.ndarray:
        if not self.initialized_:
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call "
                "'fit' first"
            )
        return self._check_X(X, reset=False)

    def _raw(self, X, **kwargs) -> np.ndarray:
        return self._predict_raw(self._check_fitted_X(X), **kwargs)

    def _score_input(self, X, y, sample_weight):
        """``(predictions, y, sample_weight)`` checked like ``fit``'s input."""
        X = self._check_fitted_X(X)
        y = check_target(y, len(X), type(self).__name__)
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X, copy=True)
        return self._decode_raw(self._predict_raw(X)), y, sample_weight


_OWNED = {
    "class_weight": "the class_weight parameter, whose keys are labels as in y",
    "sample_weight": "the sample_weight argument",
    "validation_data": "the validation_split parameter",
    "validation_split": "the validation_split parameter",
    "batch_size": "the batch_size parameter",
    "callbacks": "the callbacks parameter",
    "shuffle": "nothing: training batches are always shuffled",
}


def _check_fit_kwargs(estimator, method: str, kwargs: dict, allowed: set) -> None:
    """Refuse Keras ``fit`` keywords that would skip skseq's checks and encoding."""
    for name in kwargs:
        if name not in allowed:
            use = _OWNED.get(name, f"one of {sorted(allowed)}")
            raise TypeError(
                f"{type(estimator).__name__}.{method}() got an unexpected keyword "
                f"argument {name!r}; use {use}"
            )


def _is_positive_int(value) -> bool:
    integer = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    return integer and value >= 1


def _seed_from(random_state) -> int | None:
    """An int seed from ``random_state``, drawn from a copy of a RandomState."""
    if isinstance(random_state, np.random.RandomState):
        copy = np.random.RandomState()
        copy.set_state(random_state.get_state())
        return int(copy.randint(2**31 - 1))
    return random_state


def _training_variables(model) -> list:
    """Every variable a fit changes: weights, optimizer slots and step."""
    optimizer = getattr(model, "optimizer", None)
    return [*model.variables, *(optimizer.variables if optimizer else [])]


class SequenceClassifier(SciKerasAdapter, ClassifierTask, KerasClassifier):
    """The classifier's entry points (``partial_fit`` with ``classes=``,
    ``predict``, ``predict_proba``, ``score``) over ``ClassifierTask``."""

    @Substitution(**_PARTIAL_FIT_FRAGMENTS)
    def partial_fit(self, X, y, classes=None, sample_weight=None, **kwargs):
        """Train the current model (or a new one) for one epoch on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
        classes : array-like of shape (n_classes,), default=None
            Every class of the whole data set. Required on the first call
            (as for ``SGDClassifier``), unless ``y`` is a multilabel
            indicator matrix; later calls may omit it.
        sample_weight : array-like of shape (n_samples,), default=None
        {partial_fit_kwargs}

        Returns
        -------
        self

        Raises
        ------
        ValueError
            On the first call without ``classes``, on a later call whose
            ``classes`` differ from the first, for labels outside
            ``classes``, for invalid parameters (as ``fit`` does).
        {partial_fit_type_error}
        """
        return self._partial_fit(X, y, sample_weight, classes, kwargs)

    @Substitution(predict_raises=_PREDICT_RAISES)
    def predict(self, X, **kwargs):
        """Predicted class labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
            Sequences shaped like those seen in ``fit``.
        **kwargs
            Passed on to ``keras.Model.predict``.

        Returns
        -------
        ndarray of shape (n_samples,), or (n_samples, n_labels) of 0/1 for
        multilabel ``y``, for every n_samples >= 1

        Raises
        ------
        {predict_raises}
        """
        raw = self._raw(X, **kwargs)
        return self.target_encoder_.decode(raw)

    @Substitution(predict_raises=_PREDICT_RAISES)
    def predict_proba(self, X, **kwargs):
        """Class probabilities, one row per sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        **kwargs
            Passed on to ``keras.Model.predict``.

        Returns
        -------
        ndarray of shape (n_samples, n_classes), dtype float64
            Columns in the order of ``classes_``; rows sum to 1 for binary
            and multiclass ``y``. For multilabel ``y``, each column is that
            label's own probability (independent sigmoids), as for
            ``MLPClassifier``.

        Raises
        ------
        {predict_raises}
        """
        raw = self._raw(X, **kwargs)
        return self.target_encoder_.probabilities(raw)

    def score(self, X, y, sample_weight=None):
        """Mean accuracy on ``(X, y)`` (subset accuracy for multilabel ``y``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        float

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            For ``X`` that ``predict`` refuses; if ``y`` is None, has missing
            values, is not one row per sample of ``X`` or holds labels of
            another kind than in ``fit`` (strings for a fit on numbers,
            floats, a multilabel matrix for a binary fit); if
            ``sample_weight`` is not one weight per sample or is all zeros.
        TypeError
            For sparse ``X``, or ``X`` holding objects that are no numbers.
        """
        predicted, y, sample_weight = self._score_input(X, y, sample_weight)
        if y.ndim == 1:
            warn_about_unseen_labels(self, y)
        return float(accuracy_score(y, predicted, sample_weight=sample_weight))


class SequenceRegressor(SciKerasAdapter, RegressorTask, KerasRegressor):
    """The regressor's entry points (``partial_fit``, ``predict``,
    ``predict_quantiles``, ``score``) over ``RegressorTask``."""

    @Substitution(**_PARTIAL_FIT_FRAGMENTS)
    def partial_fit(self, X, y, sample_weight=None, **kwargs):
        """Train the current model (or a new one) for one epoch on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None
        {partial_fit_kwargs}

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For invalid parameters or input, as ``fit`` does.
        {partial_fit_type_error}
        """
        return self._partial_fit(X, y, sample_weight, None, kwargs)

    @Substitution(predict_raises=_PREDICT_RAISES)
    def predict(self, X, **kwargs):
        """Predict the targets of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
            Sequences shaped like those seen in ``fit``.
        **kwargs
            Passed on to ``keras.Model.predict``.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_outputs), dtype float64
            float64 like scikit-learn's regressors (Keras computes float32),
            for every n_samples >= 1.

        Raises
        ------
        {predict_raises}
        """
        return self._decode_raw(self._raw(X, **kwargs))

    @available_if(lambda self: self.loss == "quantile")
    def predict_quantiles(self, X, **kwargs):
        """The forecast quantiles at the levels of ``quantiles``.

        Available with ``loss="quantile"``. Each level is learnt with the
        pinball loss; the head makes every level above another one, so
        quantiles never cross, for every sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        **kwargs
            Passed on to ``keras.Model.predict``.

        Returns
        -------
        ndarray of shape (n_samples, n_quantiles), or (n_samples, n_outputs,
        n_quantiles) for a 2-D y; dtype float64
            The last axis follows the order of ``quantiles`` (the attribute
            ``quantiles_`` of the fit), in y's units.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If the model was fitted with another ``loss`` (``set_params``
            after ``fit``): fit it again; for ``X`` that ``predict`` refuses.
        TypeError
            For sparse ``X``, ``X`` holding objects that are no numbers
            (dicts, lists), or a keyword ``keras.Model.predict`` does not take.

        Examples
        --------
        >>> import numpy as np
        >>> from skseq import GRURegressor
        >>> rng = np.random.default_rng(0)
        >>> X = rng.normal(size=(200, 8, 2)).astype("float32")
        >>> y = X[:, -1, 0] + rng.normal(scale=0.5, size=200)
        >>> model = GRURegressor(units=4, epochs=2, loss="quantile",
        ...                      quantiles=(0.1, 0.9), random_state=0).fit(X, y)
        >>> bands = model.predict_quantiles(X[:5])
        >>> bands.shape
        (5, 2)
        >>> bool((bands[:, 0] <= model.predict(X[:5])).all())
        True
        """
        raw = np.asarray(self._raw(X, **kwargs), dtype=np.float64)
        if raw.ndim != 3:
            raise ValueError(
                f"{type(self).__name__} was fitted without loss='quantile' (it "
                "was set after fit): fit it again to predict quantiles"
            )
        levels = self._quantile_levels_fitted()
        raw = self._calibrated(raw)[:, :, [levels.index(q) for q in self.quantiles_]]
        encoder = self.target_encoder_
        scale = np.reshape(encoder.scale_, (1, -1, 1))
        values = raw * scale + np.reshape(encoder.mean_, (1, -1, 1))
        return values[:, 0, :] if encoder.ndim_ == 1 else values

    def score(self, X, y, sample_weight=None):
        """R² of the predictions on ``(X, y)``, as ``RegressorMixin.score``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        float

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            For ``X`` that ``predict`` refuses; if ``y`` is None, not numeric,
            has NaN or infinity (the message names the sample), is not one row
            per sample of ``X`` or has other outputs than in ``fit``; if
            ``sample_weight`` is not one weight per sample or is all zeros.
        TypeError
            For sparse ``X``, or ``X`` holding objects that are no numbers.
        """
        predicted, y, sample_weight = self._score_input(X, y, sample_weight)
        return float(r2_score(y, predicted, sample_weight=sample_weight))


# What each Keras ``fit`` keyword would bypass, and where it belongs instead.
