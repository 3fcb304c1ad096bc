"""Padding masks for every family (DESIGN §4: padding is not data).

Token rows reach the network left-aligned (real tokens first, padding id 0
after them, see ``skseq.models._training``), and the embedding marks the padding in
a Keras mask. Recurrent and attention layers read that mask themselves;
convolutions, flattening and max-pooling do not, so these small layers carry
it past them as a float tensor ``m`` of shape (batch, n_steps, 1), 1 on real
steps and 0 on padding. Zeroing the padded steps after every convolution and
pooling only real steps makes a prediction independent of how much padding
follows the tokens. Each layer is registered, so fitted models pickle.
"""

from __future__ import annotations

import keras
from keras import layers, ops

_PACKAGE = "skseq"


@keras.saving.register_keras_serializable(package=_PACKAGE)
class PaddingMask(layers.Layer):
    """The Keras mask of the input as floats (batch, n_steps, 1); all ones
    when the input has none (float series, or ``masking=False``)."""

    def call(self, inputs, mask=None):
        if mask is None:
            return ops.ones_like(inputs[..., :1])
        return ops.expand_dims(ops.cast(mask, inputs.dtype), -1)

    def compute_mask(self, inputs, mask=None):
        return None


@keras.saving.register_keras_serializable(package=_PACKAGE)
class MaskSteps(layers.Layer):
    """``x * m``: padded steps set to zero.

    With ``attach=True`` the output also carries ``m`` as its Keras mask, for
    a recurrent layer after convolutions; without, it carries none, so that a
    layer which cannot read masks (``Conv1D``, ``Flatten``) gets no warning.
    """

    def __init__(self, attach: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.attach = attach

    def call(self, inputs, mask=None):
        x, m = inputs
        return x * ops.cast(m, x.dtype)

    def compute_mask(self, inputs, mask=None):
        if not self.attach:
            return None
        return ops.greater(inputs[1][..., 0], 0)

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "attach": self.attach}


@keras.saving.register_keras_serializable(package=_PACKAGE)
class MaskedGlobalPooling(layers.Layer):
    """Max or mean over the real steps only: (batch, n_steps, width) and the
    mask ``m`` -> (batch, width).

    Keras's ``GlobalMaxPooling1D`` ignores masks; here padded steps cannot
    win the max, and the mean divides by the number of real steps (a row
    without any gives zeros rather than NaN).
    """

    def __init__(self, kind: str = "max", **kwargs):
        super().__init__(**kwargs)
        self.kind = kind

    def call(self, inputs, mask=None):
        x, m = inputs
        m = ops.cast(m, x.dtype)
        if self.kind == "mean":
            total = ops.sum(x * m, axis=1)
            return total / ops.maximum(ops.sum(m, axis=1), 1.0)
        lowest = ops.min(x, axis=1, keepdims=True)
        # Padded steps take the row's smallest value, which cannot beat a
        # real step's (a row of padding only gives that smallest value).
        return ops.max(ops.where(m > 0, x, lowest), axis=1)

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        shape = input_shape[0]
        return (shape[0], shape[2])

    def get_config(self):
        return {**super().get_config(), "kind": self.kind}


@keras.saving.register_keras_serializable(package=_PACKAGE)
class LastRealStep(layers.Layer):
    """Each row's output at its last real step: (batch, n_steps, width) and
    the mask ``m`` of left-aligned rows -> (batch, width).

    A forward recurrent layer is causal: padding after a row's tokens cannot
    change its outputs at the real steps. Reading every step unmasked and
    taking this one gives the final state a masked layer would carry through
    the padding, without the per-step masking (a third of an LSTM's time
    on the TensorFlow backend, when the number of steps varies by batch).
    """

    def call(self, inputs, mask=None):
        x, m = inputs
        last = ops.sum(ops.cast(m, "int32"), axis=1, keepdims=True) - 1
        index = ops.maximum(last, 0)  # (batch, 1, 1)
        return ops.take_along_axis(x, index, axis=1)[:, 0, :]

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        shape = input_shape[0]
        return (shape[0], shape[2])


def padding_mask(x):
    """The float padding mask (batch, n_steps, 1) of the tensor ``x``."""
    return PaddingMask()(x)


def masked_pooling(x, m, kind: str):
    """Global ``kind`` ("max" or "mean") pooling of ``x`` over its real steps."""
    return MaskedGlobalPooling(kind)([x, m])
