"""The Dense family: a densely connected baseline on the flattened sequence."""

from keras import layers

from skseq.networks._recurrent import POOLS
from skseq.networks._spec import Network


def dense_body(x, hp):
    """Flatten the sequence (or max/mean-pool its steps, ``hp.pooling``), then
    ``n_layers`` ReLU layers of ``units``."""
    x = POOLS[hp.pooling]()(x) if hp.pooling else layers.Flatten()(x)
    for _ in range(hp.n_layers):
        x = layers.Dense(hp.units, activation="relu")(x)
        if hp.dropout:
            x = layers.Dropout(hp.dropout)(x)
    return x


NETWORK = Network(
    prefix="Dense",
    summary="Densely connected baseline on the flattened sequence.",
    body=dense_body,
    # Flatten and max pooling drop the mask; mean pooling averages real steps.
    keeps_mask=lambda hp: hp.pooling == "mean",
    mask_rule="only with pooling='mean'",
    references=(
        "F. Chollet, *Deep Learning with Python*, Manning, 2017, section 6.3\n"
        "(a densely connected baseline before recurrent models)."
    ),
)
