"""The Dense family: a densely connected baseline on the flattened sequence."""

from keras import layers

from skseq.networks._masking import MaskSteps, masked_pooling, padding_mask
from skseq.networks._spec import Network


def dense_body(x, *, units, n_layers, dropout, pooling):
    """Flatten the sequence (or max/mean-pool its real steps, ``pooling``),
    then ``n_layers`` ReLU layers of ``units``.

    Flattening reads every step by position, padding included, so padded
    steps are zeroed first and the model sees every sample with the number
    of steps seen in fit (``fixed_length``).
    """
    mask = padding_mask(x)
    if pooling:
        x = masked_pooling(x, mask, pooling)
    else:
        x = layers.Flatten()(MaskSteps()([x, mask]))
    for _ in range(n_layers):
        x = layers.Dense(units, activation="relu")(x)
        if dropout:
            x = layers.Dropout(dropout)(x)
    return x


NETWORK = Network(
    prefix="Dense",
    summary="Densely connected baseline on the flattened sequence.",
    body=dense_body,
    fixed_length=lambda *, pooling: pooling is None,
    references=(
        "F. Chollet, *Deep Learning with Python*, Manning, 2017, section 6.3\n"
        "(a densely connected baseline before recurrent models)."
    ),
)
