"""The classifier and regressor sides of the adapter."""

from __future__ import annotations

import numpy as np
from scikeras.wrappers import KerasClassifier, KerasRegressor
from sklearn.metrics import accuracy_score, r2_score

from skseq._adapter._core import SciKerasAdapter
from skseq._targets import ClassEncoder, OutputEncoder, warn_about_unseen_labels


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

        Returns
        -------
        self

        Raises
        ------
        ValueError
            On the first call without ``classes``, on a later call whose
            ``classes`` differ from the first, for labels outside
            ``classes``, for invalid parameters (as ``fit`` does).
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

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For invalid parameters or input, as ``fit`` does.
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
        """
        raw = self._raw(X, **kwargs)
        return self.target_encoder_.decode(raw)

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
        """
        predicted, y, sample_weight = self._score_input(X, y, sample_weight)
        return float(r2_score(y, predicted, sample_weight=sample_weight))


# What each Keras ``fit`` keyword would bypass, and where it belongs instead.
