"""SciKerasAdapter: what the classifier and the regressor share (see the
package docstring)."""

from __future__ import annotations

import numpy as np
from scikeras.wrappers import BaseWrapper
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError

from skseq._seeding import seeded
from skseq._targets import (
    check_target,
)
from skseq._validation import check_sample_weight
from skseq._views import root_buffer


class SciKerasAdapter:
    """skseq's public entry points over SciKeras's ``BaseWrapper``.

    Hooks the estimator provides (``skseq._base``): ``_check_params()``,
    ``_check_X(X, reset)``, ``_build_and_compile()``, ``_train_keras(...)``,
    ``_predict_raw(X)``, ``_new_target_encoder(classes, partial)`` and
    ``_fit_head(X, encoded_y)``.
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
        self._train_keras(
            X, encoded, sample_weight, warm_start=continues, epochs=epochs,
            initial_epoch=initial_epoch, **fit_kwargs,
        )  # fmt: skip
        _check_converged(self, X)

    def _check_same_classes(self, classes) -> None:
        """Classes given to a later ``partial_fit`` must be the first ones."""

    def _fit_head(self, X, y) -> None:
        """Set head weights that are fitted in closed form, before training."""

    def _class_sample_weight(self, y, partial):
        return None

    def _set_target_metadata(self, y) -> None:
        self.target_type_ = self.target_encoder_.target_type_
        self.y_ndim_ = y.ndim
        self.n_outputs_expected_ = 1

    def _keras_fit(self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kw):
        """Keras's ``Model.fit`` through SciKeras, which routes ``fit__``
        parameters and keeps ``history_``."""
        BaseWrapper._fit_keras_model(
            self, X, y, sample_weight, warm_start, epochs, initial_epoch, **kw
        )

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

    def _decode_raw(self, raw):
        """Predictions in the caller's terms from the network's outputs."""
        return self.target_encoder_.decode(raw)


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


def _check_converged(estimator, X) -> None:
    """A clear error, not NaN predictions, when training diverged.

    Raw float inputs of order 1e20 and up (and some of 1e10) overflow
    float32 activations or gradients; the weights then become NaN or
    infinite, and so does every prediction. ``_train`` puts the estimator
    back as it was.
    """
    for variable in estimator.model_.trainable_variables:
        if np.isfinite(np.asarray(variable.numpy())).all():
            continue
        losses = (getattr(estimator, "history_", None) or {}).get("loss", [])
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
            f"{type(estimator).__name__}'s training diverged: its weights are "
            f"no longer finite{last}, so every prediction would be NaN. {hint}"
        )


def _training_variables(model) -> list:
    """Every variable a fit changes: weights, optimizer slots and step."""
    optimizer = getattr(model, "optimizer", None)
    return [*model.variables, *(optimizer.variables if optimizer else [])]
