"""Quantile regression heads: the pinball loss and quantiles that never cross.

Registered with Keras so that pickled models (SciKeras saves them in the
``.keras`` format inside the pickle) load in a fresh process.
"""

from __future__ import annotations

import keras
from keras import ops


def head_levels(quantiles) -> tuple[float, ...]:
    """The levels a quantile head learns: ``quantiles`` and the median
    (``predict``'s point forecast), sorted."""
    return tuple(sorted({*(float(q) for q in quantiles), 0.5}))


@keras.saving.register_keras_serializable(package="skseq")
class MonotoneQuantiles(keras.layers.Layer):
    """``(batch, n_outputs * n_quantiles)`` → ``(batch, n_outputs,
    n_quantiles)``, increasing along the last axis.

    The lowest quantile is the first unit; each next one adds the softplus
    of its unit, a positive step, so quantiles cannot cross (as in the
    non-crossing quantile networks of Cannon, 2018, *Stoch. Environ. Res.
    Risk Assess.* 32, 3207-3225).
    """

    def __init__(self, n_outputs: int, n_quantiles: int, **kwargs):
        super().__init__(**kwargs)
        self.n_outputs = n_outputs
        self.n_quantiles = n_quantiles

    def call(self, x):
        x = ops.reshape(x, (-1, self.n_outputs, self.n_quantiles))
        steps = ops.concatenate([x[..., :1], ops.softplus(x[..., 1:])], axis=-1)
        return ops.cumsum(steps, axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n_outputs, self.n_quantiles)

    def get_config(self):
        return {
            **super().get_config(),
            "n_outputs": self.n_outputs,
            "n_quantiles": self.n_quantiles,
        }


@keras.saving.register_keras_serializable(package="skseq")
class PinballLoss(keras.losses.Loss):
    """The mean pinball (quantile) loss over outputs and quantile levels.

    For level ``q`` and error ``e = y - prediction``: ``max(q * e, (q - 1) *
    e)`` (Koenker & Bassett, 1978, *Econometrica* 46, 33-50), as
    scikit-learn's ``mean_pinball_loss``. ``y`` is ``(batch, n_outputs)``;
    predictions are ``(batch, n_outputs, n_quantiles)``.
    """

    def __init__(self, quantiles, name="pinball", **kwargs):
        super().__init__(name=name, **kwargs)
        self.quantiles = tuple(float(q) for q in quantiles)

    def call(self, y_true, y_pred):
        levels = ops.convert_to_tensor(self.quantiles, dtype=y_pred.dtype)
        error = ops.expand_dims(ops.cast(y_true, y_pred.dtype), -1) - y_pred
        loss = ops.maximum(levels * error, (levels - 1.0) * error)
        return ops.mean(loss, axis=(-2, -1))

    def get_config(self):
        return {**super().get_config(), "quantiles": self.quantiles}
