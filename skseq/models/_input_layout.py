"""How ``X`` reaches the network: checked as in fit, token rows laid out.

``InputLayout`` is mixed into every skseq estimator (``skseq.models._base``): the
same checks for every entry point, the input kind recorded at fit, and,
with ``masking``, token rows left-aligned to ``n_steps_`` steps so that
padding never changes a prediction (DESIGN §4, ``skseq.models._bucketing``).
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from skseq.models._bucketing import LENGTH_QUANTUM, left_align, round_up
from skseq.models._training import empty_rows_as_unknown
from skseq.utils import check_sequence_input


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
        family = self._network.step_multiple(hp)
        self.step_multiple_ = math.lcm(LENGTH_QUANTUM, family)
        self.fixed_length_ = bool(self._network.fixed_length(hp))
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
