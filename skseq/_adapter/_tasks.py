"""The classifier and regressor sides of the adapter."""

from __future__ import annotations

import numpy as np
from scikeras.wrappers import KerasClassifier, KerasRegressor
from sklearn.metrics import accuracy_score, r2_score
from sklearn.utils._available_if import available_if

from skseq._adapter._core import SciKerasAdapter
from skseq._targets import ClassEncoder, OutputEncoder, warn_about_unseen_labels
from skseq.networks._quantiles import head_levels


class ClassifierAdapter(SciKerasAdapter, KerasClassifier):
    """The classifier side: labels of any kind, ``classes=``, ``class_weight``."""

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
        **kwargs
            ``verbose`` only, passed on to ``keras.Model.fit``. ``epochs`` and
            ``initial_epoch`` are a TypeError (one epoch, from the current
            one), as is any other Keras ``fit`` keyword (see ``fit``).

        Returns
        -------
        self

        Raises
        ------
        ValueError
            On the first call without ``classes``, on a later call whose
            ``classes`` differ from the first, for labels outside
            ``classes``, for invalid parameters (as ``fit`` does).
        TypeError
            For sparse ``X``, ``epochs`` or ``initial_epoch``, or any other
            keyword but ``verbose``.
        """
        return self._partial_fit(X, y, sample_weight, classes, kwargs)

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
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is not shaped as in ``fit`` (other steps, features or
            dimensions), holds token ids where ``fit`` saw floats or the
            reverse, holds text or no sample, or has NaN or infinity (the
            message names the sample, step and feature).
        TypeError
            For sparse ``X``, ``X`` holding objects that are no numbers
            (dicts, lists), or a keyword ``keras.Model.predict`` does not take.
        """
        raw = self._raw(X, **kwargs)
        return self.target_encoder_.decode(raw)

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
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is not shaped as in ``fit`` (other steps, features or
            dimensions), holds token ids where ``fit`` saw floats or the
            reverse, holds text or no sample, or has NaN or infinity (the
            message names the sample, step and feature).
        TypeError
            For sparse ``X``, ``X`` holding objects that are no numbers
            (dicts, lists), or a keyword ``keras.Model.predict`` does not take.
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


class RegressorAdapter(SciKerasAdapter, KerasRegressor):
    """The regressor side: one or several outputs."""

    def partial_fit(self, X, y, sample_weight=None, **kwargs):
        """Train the current model (or a new one) for one epoch on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or (n_samples, n_steps, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,), default=None
        **kwargs
            ``verbose`` only, passed on to ``keras.Model.fit``. ``epochs`` and
            ``initial_epoch`` are a TypeError (one epoch, from the current
            one), as is any other Keras ``fit`` keyword (see ``fit``).

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For invalid parameters or input, as ``fit`` does.
        TypeError
            For sparse ``X``, ``epochs`` or ``initial_epoch``, or any other
            keyword but ``verbose``.
        """
        return self._partial_fit(X, y, sample_weight, None, kwargs)

    def _new_target_encoder(self, classes, partial):
        return OutputEncoder(normalize=self.normalize_y)

    def _set_target_metadata(self, y):
        super()._set_target_metadata(y)
        self.n_outputs_ = self.target_encoder_.n_outputs_

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
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is not shaped as in ``fit`` (other steps, features or
            dimensions), holds token ids where ``fit`` saw floats or the
            reverse, holds text or no sample, or has NaN or infinity (the
            message names the sample, step and feature).
        TypeError
            For sparse ``X``, ``X`` holding objects that are no numbers
            (dicts, lists), or a keyword ``keras.Model.predict`` does not take.
        """
        return self._decode_raw(self._raw(X, **kwargs))

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
