"""The Conv1D family: convolution and max-pooling blocks over the time steps,
optionally topped by a recurrent layer (the tutorials' Conv1D -> LSTM hybrid)."""

from numbers import Integral

from keras import layers
from sklearn.utils._param_validation import Interval, StrOptions

from skseq.networks._recurrent import CELLS, POOLS, recurrent_stack
from skseq.networks._spec import Network, Param


def conv1d_body(x, hp):
    """``n_layers`` Conv1D blocks, then global pooling or a recurrent top.

    Max-pooling between blocks is skipped where the sequence is already
    shorter than ``pool_size``, so short inputs never shrink to nothing.
    """
    for i in range(hp.n_layers):
        x = layers.Conv1D(hp.units, hp.kernel_size, padding="same", activation="relu")(
            x
        )
        is_last = i == hp.n_layers - 1
        if (not is_last or hp.recurrent_units) and x.shape[1] >= hp.pool_size:
            x = layers.MaxPooling1D(hp.pool_size)(x)
        if hp.dropout and not is_last:
            x = layers.Dropout(hp.dropout)(x)
    if hp.recurrent_units:
        return recurrent_stack(x, hp.recurrent_cell, hp.recurrent_units, 1, hp)
    x = POOLS[hp.pooling or "max"]()(x)
    return layers.Dropout(hp.dropout)(x) if hp.dropout else x


NETWORK = Network(
    prefix="Conv1D",
    summary="1-D convolutional network (optionally with a recurrent top layer).",
    body=conv1d_body,
    # Convolutions and max-pooling drop an embedding's mask.
    keeps_mask=lambda hp: False,
    mask_rule="never: convolutions drop it",
    params=(
        Param(
            "kernel_size",
            5,
            [Interval(Integral, 1, None, closed="left")],
            "int",
            "Width of each convolution window, in time steps.",
        ),
        Param(
            "pool_size",
            4,
            [Interval(Integral, 1, None, closed="left")],
            "int",
            "Max-pooling window between convolution blocks.",
        ),
        Param(
            "recurrent_units",
            None,
            [Interval(Integral, 1, None, closed="left"), None],
            "int or None",
            "None ends the convolutions with global max-pooling; an int adds a\n"
            "recurrent layer of that size on top (the Conv1D -> MaxPooling -> LSTM\n"
            "hybrid of the tutorials).",
        ),
        Param(
            "recurrent_cell",
            "lstm",
            [StrOptions(set(CELLS))],
            '{"lstm", "gru", "simple_rnn"}',
            "Cell of that recurrent top layer.",
        ),
    ),
    references=(
        "F. Chollet, *Deep Learning with Python*, Manning, 2017, section 6.4\n"
        "(1-D convnets, and combining CNNs and RNNs for long sequences)."
    ),
)
