"""The linear bag-of-n-grams path beside a text network (issue 27).

A classifier over token ids with ``linear_ngrams=n`` has two models in one
graph: its network, and a linear model of the row's words and hashed word
pairs (and triples, up to ``n``): one learned weight per n-gram and output,
summed over the row, divided by the square root of the number of n-grams
and multiplied by a gain (``GAIN``). The linear model is the fastText
classifier with the embedding width equal to the number of outputs (Joulin
et al. 2017, "Bag of Tricks for Efficient Text Classification", hashing
n-grams as it does); with ``linear_scaling="naive_bayes"`` each weight is
multiplied by its n-gram's naive Bayes log-count ratio, which makes it the
network form of NBSVM (Wang & Manning 2012). ``NgramMix`` adds the two
models' logits, each times a weight that the estimator fits on held-out rows
after training both (stacking, Wolpert 1992), so the model is never far from
the better of the two; see ``skseq.models._linear_path`` for the training.

Token id 0 is padding wherever it stands (see ``_masking``): an n-gram that
touches it is left out, so the output does not depend on how much padding
follows the tokens.
"""

from __future__ import annotations

import keras
from keras import layers, ops

BUCKETS = 2**20
"""Rows of the table for n-grams of two or more words (hashed)."""

GAIN = 30.0
"""The path's logits are its table's sums times this gain.

Adam moves each weight by about its learning rate per step, whatever the
gradient's scale, so the gain gives the path an effective rate of 0.03 at
Adam's default 0.001 (fastText's own default is 0.1): the linear model
reaches its best held-out loss in 2-5 epochs on IMDB and SST-2.
"""

SCALED_GAIN = 50.0
"""The gain of a path scaled by naive Bayes ratios (``scaled=True``).

Its effective rate is also proportional to the ratios (most are within
+-3). The linear model alone, held-out training data, 3 epochs, 3 seeds
(2026-12-07): gain 30, 50, 100 scored 0.9203, 0.9219, 0.9221 on IMDB and
0.8192, 0.8177, 0.8181 on SST-2 dev; unscaled, gain 30, 10 epochs, 0.9094
and 0.8119 (seed 0).
"""

# fastText's multiplier for its n-gram hash (``Dictionary::addWordNgrams``).
# int32 products wrap around, as they do in NumPy, TensorFlow and JAX alike,
# and the floor modulo of a power of two keeps the low bits: every backend
# maps an n-gram to the same row.
_MULTIPLIER = 116049371


@keras.saving.register_keras_serializable(package="skseq")
class NgramLogits(layers.Layer):
    """Linear logits of the words and hashed n-grams of int token rows.

    Parameters
    ----------
    units : int
        Outputs (logits) per row, the head's.
    vocabulary_size : int
        Token ids are in ``[0, vocabulary_size)``; 0 is padding.
    ngrams : int
        Longest n-gram read: 1 (words), 2 (and pairs) or 3 (and triples).
    buckets : int, default=BUCKETS
        Rows shared by the hashed n-grams of two or more words, a power of 2.
    gain : float, default=GAIN
        Multiplies the output (see ``GAIN``).
    scaled : bool, default=False
        Multiply each weight by a fixed factor of its n-gram and output, the
        non-trainable ``ratio`` (ones until set, e.g. to the naive Bayes
        log-count ratios that ``skseq.models._linear_path``
        sets): NBSVM's scaled features
        (Wang & Manning 2012), so that the n-grams that tell the classes
        apart learn fastest.

    Input shape ``(batch, n_steps)`` int; output ``(batch, units)`` float.
    """

    def __init__(
        self, units, vocabulary_size, ngrams, buckets=BUCKETS, gain=GAIN,
        scaled=False, **kwargs
    ):  # fmt: skip
        super().__init__(**kwargs)
        self.units = units
        self.vocabulary_size = vocabulary_size
        self.ngrams = ngrams
        self.buckets = buckets
        self.gain = gain
        self.scaled = scaled

    def build(self, input_shape):
        rows = self.vocabulary_size + (self.buckets if self.ngrams > 1 else 0)
        self.table = self.add_weight(
            shape=(rows, self.units), initializer="zeros", name="table"
        )
        if self.scaled:
            self.ratio = self.add_weight(
                shape=(rows, self.units),
                initializer="ones",
                trainable=False,
                name="ratio",
            )

    def ngram_rows(self, inputs):
        """``(rows, valid)``, both of shape ``(batch, n)``: the table row of
        each word, then of each pair (and triple) of ``inputs``, and whether
        it is an n-gram (no padding in it)."""
        ids = ops.cast(inputs, "int32")
        rows, valid = [ids], [ops.greater(ids, 0)]
        key, seen = ids, valid[0]
        for k in range(1, self.ngrams):
            # Column t: the n-gram of the k + 1 words from step t on.
            key = ops.add(ops.multiply(key[:, :-1], _MULTIPLIER), ids[:, k:])
            seen = ops.logical_and(seen[:, :-1], valid[0][:, k:])
            bucket = ops.mod(key, self.buckets) + self.vocabulary_size
            rows.append(bucket)
            valid.append(seen)
        return ops.concatenate(rows, axis=1), ops.concatenate(valid, axis=1)

    def call(self, inputs):
        rows, valid = self.ngram_rows(inputs)
        weights = ops.expand_dims(ops.cast(valid, self.compute_dtype), -1)
        values = ops.take(self.table, rows, axis=0) * weights
        if self.scaled:
            values = values * ops.take(self.ratio, rows, axis=0)
        count = ops.sum(weights[..., 0], axis=1, keepdims=True)
        total = ops.sum(values, axis=1) / ops.sqrt(ops.maximum(count, 1.0))
        return self.gain * total

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "vocabulary_size": self.vocabulary_size,
            "ngrams": self.ngrams,
            "buckets": self.buckets,
            "gain": self.gain,
            "scaled": self.scaled,
        }


@keras.saving.register_keras_serializable(package="skseq")
class NgramMix(layers.Layer):
    """``network * w[0] + linear * w[1]``: two models' logits, weighted.

    The weights ``w`` are not trained by gradient descent: they start at
    ``(1, 0)``, so that the network trains on its own, and the estimator
    sets them once both models are trained (``skseq.models._linear_path``).

    Input: a list of two float tensors of the same shape; output: that shape.
    """

    def build(self, input_shape):
        self.mix = self.add_weight(
            shape=(2,), initializer=_network_only, trainable=False, name="mix"
        )

    def call(self, inputs):
        network, linear = inputs
        return network * self.mix[0] + linear * self.mix[1]

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def _network_only(shape, dtype=None):
    return ops.convert_to_tensor([1.0, 0.0], dtype=dtype)
