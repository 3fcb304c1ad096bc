"""The stem and head every family shares: ``build_model`` wraps a body.

A body maps the input tensor (embedded tokens or float windows, always 3-D)
to a feature tensor; the stem before it and the head after it are the same
for every family, so every family shares one parameter vocabulary (DESIGN §3).
"""

from __future__ import annotations

import keras
from keras import layers

from skseq.networks._ngrams import GAIN, SCALED_GAIN, NgramLogits, NgramMix
from skseq.networks._quantiles import MonotoneQuantiles
from skseq.networks._spec import Network


def build_model(
    name: str,
    network: Network,
    hp,
    *,
    input_shape: tuple[int, ...],
    vocabulary_size: int | None,
    n_outputs: int,
    output_activation: str | None,
    persistence_skip: bool = False,
    instance_normalization: bool = False,
    quantile_levels: tuple[float, ...] | None = None,
) -> keras.Model:
    """Assemble stem, body and head into an uncompiled ``keras.Model``.

    Integer token matrices (``vocabulary_size`` given) are embedded in
    ``hp.embedding_dim`` dimensions, with id 0 masked as padding when
    ``hp.masking``; 2-D float input is read as one feature per time step;
    3-D float input goes straight in. With ``instance_normalization`` the
    body reads each float window standardized over its own steps, feature
    by feature. With ``persistence_skip`` the head's output is added to a
    frozen linear map of the window's last step (the layer
    ``"persistence_skip"``, whose weights the estimator sets after the build,
    zeros until then): the network learns the change from the persistence
    forecast rather than the level itself. With ``quantile_levels`` the
    head gives ``(batch, n_outputs, n_levels)`` increasing quantiles. With
    ``hp.linear_ngrams`` (classifiers, token input) the head's logits
    (``"network_logits"``) and those of a frozen linear bag-of-n-grams path
    (``"ngram_logits"``) are mixed (``"ngram_mix"``) before the activation
    (``"output"``).
    """
    if vocabulary_size is not None:
        inputs = keras.Input(shape=input_shape, dtype="int32")
        x = layers.Embedding(vocabulary_size, hp.embedding_dim, mask_zero=hp.masking)(
            inputs
        )
    else:
        inputs = keras.Input(shape=input_shape)
        x = (
            layers.Reshape((*input_shape, 1))(inputs)
            if len(input_shape) == 1
            else inputs
        )
    features = x
    if instance_normalization and vocabulary_size is None:
        x = _instance_normalized(x)
    x = network.apply("body", hp, x)
    if quantile_levels:
        n_levels = len(quantile_levels)
        outputs = layers.Dense(n_outputs * n_levels)(x)
        outputs = MonotoneQuantiles(n_outputs, n_levels)(outputs)
    elif vocabulary_size is not None and getattr(hp, "linear_ngrams", 0):
        # Two models' logits, mixed before the activation. The linear path
        # is frozen here: it trains on its own, before the network
        # (skseq.models._linear_path).
        logits = layers.Dense(n_outputs, name="network_logits")(x)
        scaling = getattr(hp, "linear_scaling", None)
        two_classes = output_activation == "sigmoid" and n_outputs == 1
        scaled = scaling == "naive_bayes" or (scaling == "auto" and two_classes)
        linear = NgramLogits(
            n_outputs,
            vocabulary_size,
            hp.linear_ngrams,
            gain=SCALED_GAIN if scaled else GAIN,
            scaled=scaled,
            name="ngram_logits",
            trainable=False,
        )(inputs)
        logits = NgramMix(name="ngram_mix")([logits, linear])
        outputs = layers.Activation(output_activation, name="output")(logits)
    else:
        outputs = layers.Dense(n_outputs, activation=output_activation)(x)
    if persistence_skip:
        skip = layers.Dense(n_outputs, trainable=False, name="persistence_skip")
        skip_output = skip(features[:, -1, :])
        if quantile_levels:  # the same shift for every quantile
            skip_output = layers.Reshape((n_outputs, 1))(skip_output)
        outputs = layers.Add(name="persistence_add")([outputs, skip_output])
    return keras.Model(inputs, outputs, name=name)


def _instance_normalized(x):
    """Each window's features standardized over its steps (RevIN's
    normalization step, Kim et al. 2022; eps 1e-5 on the variance as there),
    so the body sees the shape of the recent history, not its level."""
    mean = keras.ops.mean(x, axis=1, keepdims=True)
    variance = keras.ops.var(x, axis=1, keepdims=True)
    return (x - mean) / keras.ops.sqrt(variance + 1e-5)
